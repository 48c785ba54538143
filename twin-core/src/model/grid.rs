//! Stage 4 of a year, the grid: hour by hour, the electricity that buildings, cars, the heat
//! plant and the inventory's electrified sources use, less rooftop PV and incineration power, is
//! imported from or exported to the grid
//! ([`GridYear`]): the year's import, export, peak and overload hours, and the households' monthly
//! peaks that set their capacity tariff.

use super::demand::DemandQuad;
use super::heat::PlantQuad;
use crate::math::quad::{BLOCK_QUADS, LANES, Quad};
use crate::math::series::RunningSum;
use crate::outcome::GridYear;
use crate::prepare::Prepared;
use crate::prepare::weather::HOURS;

/// Days in each month of the model's 365-day year.
const DAYS_IN_MONTH: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Days in the model's year.
const DAYS: usize = HOURS / 24;

// The hours come as whole quads and a day is whole quads, so a quad never spans two days.
const _: () = assert!(HOURS.is_multiple_of(24) && 24 % LANES == 0);

/// Four hours of the balance with the grid, MW.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct GridQuad {
    /// Rooftop PV.
    pub(super) pv: Quad,
    /// Grid import.
    pub(super) import: Quad,
    /// Grid export.
    pub(super) export: Quad,
}

/// The year's balance with the grid, taken a block of hours at a time: running sums of every flow,
/// the import's peak, the hours over the connection's capacity and each day's household peak.
pub(super) struct Balance<'a> {
    /// Rooftop PV's output, kW per kWp installed, each hour.
    pv_kw_per_kwp: &'a [f64; HOURS],
    /// Rooftop PV installed, kWp.
    pv_kwp: f64,
    /// The electrified inventory sources' flat load, MW.
    other_mw: f64,
    import_capacity_mw: f64,
    /// The year's flows so far.
    sums: Sums,
    /// The import's peak so far in each lane.
    peak: [Peak; LANES],
    /// Hours over the connection's capacity so far in each lane.
    overload_hours: [u32; LANES],
    /// Households' load: today's peak so far in each lane.
    household_today: Quad,
    /// Households' daily peaks.
    household: HouseholdPeaks,
}

/// The running sums of a year's flows with the grid, MW summed over hours.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    demand: RunningSum,
    import: RunningSum,
    export: RunningSum,
    pv: RunningSum,
    pv_self: RunningSum,
    chp: RunningSum,
}

impl Sums {
    /// Adds four hours: the electricity used, the balance with the grid, the PV used on site
    /// and incineration power.
    #[inline(always)]
    fn add(&mut self, total: Quad, grid: &GridQuad, pv_self: Quad, chp: Quad) {
        self.demand.add_quad(total);
        self.import.add_quad(grid.import);
        self.export.add_quad(grid.export);
        self.pv.add_quad(grid.pv);
        self.pv_self.add_quad(pv_self);
        self.chp.add_quad(chp);
    }
}

impl<'a> Balance<'a> {
    /// A year's balance before its first hour. `pv_kwp` is the rooftop PV installed, `other_mw`
    /// the electrified sources' flat load.
    pub(super) fn new(
        prepared: &'a Prepared,
        pv_kwp: f64,
        other_mw: f64,
        import_capacity_mw: f64,
    ) -> Balance<'a> {
        Balance {
            pv_kw_per_kwp: prepared
                .pv_kw_per_kwp
                .as_slice()
                .try_into()
                .expect("PV output for every hour of the year"),
            pv_kwp,
            other_mw,
            import_capacity_mw,
            sums: Sums::default(),
            peak: [Peak::NONE; LANES],
            overload_hours: [0; LANES],
            household_today: Quad::ZERO,
            household: HouseholdPeaks::new(),
        }
    }

    /// Balances the block of hours from `hour` (blocks come in order) into `grid`: demand, PV,
    /// the heat plant's electricity use and production, import and export.
    #[inline(always)]
    pub(super) fn add(
        &mut self,
        hour: usize,
        demand: &[DemandQuad; BLOCK_QUADS],
        plant: &[PlantQuad; BLOCK_QUADS],
        grid: &mut [GridQuad; BLOCK_QUADS],
    ) {
        let mut sums = self.sums;
        let (mut overload_hours, mut today) = (self.overload_hours, self.household_today);
        let (pv_mwp, other) = (self.pv_kwp / 1000.0, Quad::splat(self.other_mw));
        for (q, ((demand, plant), grid)) in demand.iter().zip(plant).zip(grid).enumerate() {
            let hour = hour + q * LANES;
            let pv = pv_mwp * Quad::at(self.pv_kw_per_kwp, hour);
            let total = demand.building + demand.ev + plant.electricity + other;
            let net = total - pv - plant.chp;
            *grid = GridQuad { pv, import: net.max(Quad::ZERO), export: (-net).max(Quad::ZERO) };
            sums.add(total, grid, pv.min(total), plant.chp);
            for (lane, peak) in self.peak.iter_mut().enumerate() {
                peak.add(grid.import.0[lane], hour + lane, demand.ev.0[lane]);
            }
            let above = grid.import.count_above(self.import_capacity_mw);
            for (count, above) in overload_hours.iter_mut().zip(above) {
                *count += above;
            }
            self.household.add(&mut today, hour, demand.residential + demand.ev);
        }
        (self.sums, self.overload_hours, self.household_today) = (sums, overload_hours, today);
    }

    /// The year's figures, once every hour is balanced.
    pub(super) fn finish(self) -> GridYear {
        let Peak { mw: peak_mw, hour: peak_hour, ev_mw: ev_at_peak_mw } = Peak::first_of(&self.peak);
        let sums = self.sums;
        GridYear {
            demand_mwh: sums.demand.total(),
            import_mwh: sums.import.total(),
            export_mwh: sums.export.total(),
            peak_mw,
            peak_hour: peak_hour as u32,
            overload_hours: self.overload_hours.iter().sum(),
            ev_at_peak_mw,
            pv_installed_kwp: self.pv_kwp,
            pv_production_mwh: sums.pv.total(),
            pv_self_consumed_mwh: sums.pv_self.total(),
            chp_electricity_mwh: sums.chp.total(),
            monthly_household_peak_mw: self.household.monthly(),
        }
    }
}

/// The grid import's peak: its value, the first hour it was reached, and EV charging in that
/// hour, MW.
#[derive(Debug, Clone, Copy)]
struct Peak {
    mw: f64,
    hour: usize,
    ev_mw: f64,
}

impl Peak {
    /// Before the first hour (import is never negative, so the first hour replaces it).
    const NONE: Peak = Peak { mw: -1.0, hour: 0, ev_mw: 0.0 };

    /// Takes in an hour's import and EV charging; hours come in order, so the first of several
    /// equal hours stays.
    #[inline(always)]
    fn add(&mut self, import_mw: f64, hour: usize, ev_mw: f64) {
        if import_mw > self.mw {
            *self = Peak { mw: import_mw, hour, ev_mw };
        }
    }

    /// The year's peak from each lane's: the highest, and of equal ones the earliest hour.
    fn first_of(lanes: &[Peak]) -> Peak {
        let later = |a: &Peak, b: &Peak| a.mw < b.mw || (a.mw == b.mw && a.hour > b.hour);
        lanes.iter().copied().reduce(|a, b| if later(&a, &b) { b } else { a }).unwrap_or(Peak::NONE)
    }
}

/// Each day's peak of households' load (buildings + EV charging), MW, taken four hours at a
/// time, and the monthly peaks that set their capacity tariff.
struct HouseholdPeaks {
    /// Each day's peak.
    daily_mw: [f64; DAYS],
}

impl HouseholdPeaks {
    fn new() -> HouseholdPeaks {
        HouseholdPeaks { daily_mw: [0.0; DAYS] }
    }

    /// Takes in the load of the four hours from `hour` (hours come in order) into `today`, the
    /// day's peak so far in each lane; after a day's last hour its peak is kept and `today`
    /// starts again.
    #[inline(always)]
    fn add(&mut self, today: &mut Quad, hour: usize, load_mw: Quad) {
        *today = today.max(load_mw);
        if (hour + LANES).is_multiple_of(24) {
            self.daily_mw[hour / 24] = today.largest();
            *today = Quad::ZERO;
        }
    }

    /// For each month of the 365-day year: the mean of its three highest daily peaks, MW.
    fn monthly(&self) -> [f64; 12] {
        let mut out = [0.0; 12];
        let mut day = 0usize;
        for (month, days) in DAYS_IN_MONTH.into_iter().enumerate() {
            let [first, second, third] = three_highest(&self.daily_mw[day..day + days]);
            out[month] = (first + second + third) / 3.0;
            day += days;
        }
        out
    }
}

/// The three highest of values that are never negative, highest first (0 for those missing).
fn three_highest(values: &[f64]) -> [f64; 3] {
    let mut top = [0.0f64; 3];
    for &x in values {
        if x > top[2] {
            top[2] = x;
            if top[2] > top[1] {
                top.swap(1, 2);
                if top[1] > top[0] {
                    top.swap(0, 1);
                }
            }
        }
    }
    top
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monthly_peak_is_the_mean_of_the_three_highest_days() {
        let mut load_mw = [1.0; HOURS];
        // January: days 0, 1, 2, 3 peak at 5, 7, 9, 11 MW in one hour each.
        for (day, peak) in [(0, 5.0), (1, 7.0), (2, 9.0), (3, 11.0)] {
            load_mw[day * 24 + 18] = peak;
        }
        // February's first day (day 31) peaks at 4 MW, in its last hour.
        load_mw[31 * 24 + 23] = 4.0;
        let (mut household, mut today) = (HouseholdPeaks::new(), Quad::ZERO);
        for hour in (0..HOURS).step_by(LANES) {
            household.add(&mut today, hour, Quad::at(&load_mw, hour));
        }
        let peaks = household.monthly();
        assert_eq!(peaks[0], (11.0 + 9.0 + 7.0) / 3.0);
        assert_eq!(peaks[1], (4.0 + 1.0 + 1.0) / 3.0);
        assert_eq!(peaks[11], 1.0);
    }

    #[test]
    fn the_peak_is_the_first_hour_of_the_highest_import_whichever_lane_it_is_in() {
        let import_mw = [3.0, 5.0, 1.0, 2.0, 0.0, 4.0, 5.0, 5.0, 2.0, 1.0, 5.0, 0.5];
        let mut lanes = [Peak::NONE; LANES];
        for (hour, mw) in import_mw.iter().enumerate() {
            lanes[hour % LANES].add(*mw, hour, hour as f64 * 10.0);
        }
        let peak = Peak::first_of(&lanes);
        assert_eq!((peak.mw, peak.hour, peak.ev_mw), (5.0, 1, 10.0));
        let never_imports = [Peak { mw: 0.0, hour: 0, ev_mw: 0.5 }, Peak { mw: 0.0, hour: 1, ev_mw: 0.7 }];
        assert_eq!(Peak::first_of(&never_imports).hour, 0);
    }

    #[test]
    fn three_highest_agree_with_a_sort() {
        let values: [f64; 7] = [3.0, 9.0, 1.0, 9.0, 4.0, 0.5, 7.0];
        let mut sorted = values;
        sorted.sort_by(|a, b| b.total_cmp(a));
        assert_eq!(three_highest(&values), [sorted[0], sorted[1], sorted[2]]);
        assert_eq!(three_highest(&[2.0]), [2.0, 0.0, 0.0]);
    }
}
