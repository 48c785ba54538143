//! Stage 4 of a year, the grid: hour by hour, the electricity that buildings, cars, the heat
//! plant and the inventory's electrified sources use, less rooftop PV and incineration power, is
//! imported from or exported to the grid
//! ([`GridYear`]): the year's import, export, peak and overload hours, and the households' monthly
//! peaks that set their capacity tariff.

use std::ops::Range;

use super::Scratch;
use crate::math::series::{RunningSum, max_of, maximum, min_of};
use crate::outcome::GridYear;
use crate::prepare::Prepared;
use crate::prepare::weather::HOURS;

/// Days in each month of the model's 365-day year.
const DAYS_IN_MONTH: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Days in the model's year.
const DAYS: usize = HOURS / 24;

/// The year's balance with the grid, taken a block of hours at a time: running sums of every
/// flow, the import's peak, the hours over the connection's capacity and each day's household
/// peak.
pub(super) struct Balance {
    /// Rooftop PV installed, kWp.
    pv_kwp: f64,
    /// The electrified inventory sources' flat load, MW.
    other_mw: f64,
    import_capacity_mw: f64,
    demand: RunningSum,
    import: RunningSum,
    export: RunningSum,
    pv: RunningSum,
    pv_self: RunningSum,
    chp: RunningSum,
    /// The import's peak so far, the first hour it was reached, and EV charging in that hour.
    peak: Peak,
    overload_hours: u32,
    /// Each day's peak of households' load (buildings + EV charging), MW.
    daily_household_peak_mw: [f64; DAYS],
}

impl Balance {
    /// A year's balance before its first hour. `pv_kwp` is the rooftop PV installed, `other_mw`
    /// the electrified sources' flat load.
    pub(super) fn new(pv_kwp: f64, other_mw: f64, import_capacity_mw: f64) -> Balance {
        Balance {
            pv_kwp,
            other_mw,
            import_capacity_mw,
            demand: RunningSum::default(),
            import: RunningSum::default(),
            export: RunningSum::default(),
            pv: RunningSum::default(),
            pv_self: RunningSum::default(),
            chp: RunningSum::default(),
            peak: Peak::default(),
            overload_hours: 0,
            daily_household_peak_mw: [0.0; DAYS],
        }
    }

    /// Balances a block of whole days whose demand and heat-plant electricity the scratch
    /// series hold.
    pub(super) fn add(&mut self, prepared: &Prepared, scratch: &mut Scratch, hours: Range<usize>) {
        fill_balance(prepared, self.pv_kwp / 1000.0, self.other_mw, scratch, hours.clone());
        let s = &*scratch;
        let import = &s.import[hours.clone()];
        self.demand.add(&s.demand[hours.clone()]);
        self.import.add(import);
        self.export.add(&s.export[hours.clone()]);
        self.pv.add(&s.pv[hours.clone()]);
        self.pv_self.add(&s.pv_self[hours.clone()]);
        self.chp.add(&s.chp[hours.clone()]);
        self.peak.add(import, &s.ev[hours.clone()], hours.start);
        self.overload_hours += import.iter().filter(|x| **x > self.import_capacity_mw).count() as u32;
        let daily_peak_mw = &mut self.daily_household_peak_mw[hours.start / 24..];
        daily_peaks(&s.residential[hours.clone()], &s.ev[hours], daily_peak_mw);
    }

    /// The year's figures, once every hour is balanced.
    pub(super) fn finish(self) -> GridYear {
        let Peak { mw: peak_mw, hour: peak_hour, ev_mw: ev_at_peak_mw } = self.peak;
        GridYear {
            demand_mwh: self.demand.total(),
            import_mwh: self.import.total(),
            export_mwh: self.export.total(),
            peak_mw,
            peak_hour: peak_hour as u32,
            overload_hours: self.overload_hours,
            ev_at_peak_mw,
            pv_installed_kwp: self.pv_kwp,
            pv_production_mwh: self.pv.total(),
            pv_self_consumed_mwh: self.pv_self.total(),
            chp_electricity_mwh: self.chp.total(),
            monthly_household_peak_mw: monthly_peaks(&self.daily_household_peak_mw),
        }
    }
}

/// The grid import's peak: its value (at least 0), the first hour it was reached (hour 0 if the
/// year never imports), and EV charging in that hour, MW.
#[derive(Debug, Default, Clone, Copy)]
struct Peak {
    mw: f64,
    hour: usize,
    ev_mw: f64,
}

impl Peak {
    /// Takes in the import and EV charging of the block that starts at hour `start`; blocks come
    /// in order, so the first of several equal hours stays.
    fn add(&mut self, import_mw: &[f64], ev_mw: &[f64], start: usize) {
        let block_mw = maximum(import_mw);
        if block_mw > self.mw || start == 0 {
            let at = import_mw.iter().position(|x| *x == block_mw).unwrap_or(0);
            *self = Peak { mw: block_mw, hour: start + at, ev_mw: ev_mw[at] };
        }
    }
}

/// Fills PV, demand, PV used on site, import and export for every hour of a block, MW.
fn fill_balance(
    prepared: &Prepared,
    pv_mw_per_kwp: f64,
    other_mw: f64,
    scratch: &mut Scratch,
    hours: Range<usize>,
) {
    let s = scratch;
    let h = hours;
    let (pv_per_kw, building, ev, dh_el, chp) = (
        &prepared.pv_kw_per_kwp[h.clone()],
        &s.building[h.clone()],
        &s.ev[h.clone()],
        &s.dh_electricity[h.clone()],
        &s.chp[h.clone()],
    );
    let (pv_out, demand_out, self_out, import_out, export_out) = (
        &mut s.pv[h.clone()],
        &mut s.demand[h.clone()],
        &mut s.pv_self[h.clone()],
        &mut s.import[h.clone()],
        &mut s.export[h],
    );
    let n = pv_per_kw.len();
    let (building, ev, dh_el, chp) = (&building[..n], &ev[..n], &dh_el[..n], &chp[..n]);
    let (pv_out, demand_out, self_out, import_out, export_out) = (
        &mut pv_out[..n],
        &mut demand_out[..n],
        &mut self_out[..n],
        &mut import_out[..n],
        &mut export_out[..n],
    );
    for h in 0..n {
        let pv = pv_mw_per_kwp * pv_per_kw[h];
        let demand = building[h] + ev[h] + dh_el[h] + other_mw;
        let net = demand - pv - chp[h];
        pv_out[h] = pv;
        demand_out[h] = demand;
        self_out[h] = min_of(pv, demand);
        import_out[h] = max_of(net, 0.0);
        export_out[h] = max_of(-net, 0.0);
    }
}

/// Each whole day's peak of households' load (buildings + EV charging), MW, into `out`.
fn daily_peaks(residential: &[f64], ev: &[f64], out: &mut [f64]) {
    let days = residential.chunks_exact(24).zip(ev.chunks_exact(24));
    for ((r, e), peak) in days.zip(out) {
        *peak = r.iter().zip(e).map(|(r, e)| r + e).fold(0.0, max_of);
    }
}

/// For each month of the 365-day year: the mean of its three highest daily peaks, MW.
fn monthly_peaks(daily_peak_mw: &[f64; DAYS]) -> [f64; 12] {
    let mut out = [0.0; 12];
    let mut day = 0usize;
    for (month, days) in DAYS_IN_MONTH.into_iter().enumerate() {
        let [first, second, third] = three_highest(&daily_peak_mw[day..day + days]);
        out[month] = (first + second + third) / 3.0;
        day += days;
    }
    out
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
        let mut residential = vec![1.0; HOURS];
        let ev = vec![0.0; HOURS];
        // January: days 0, 1, 2, 3 peak at 5, 7, 9, 11 MW in one hour each.
        for (day, peak) in [(0, 5.0), (1, 7.0), (2, 9.0), (3, 11.0)] {
            residential[day * 24 + 18] = peak;
        }
        // February's first day (day 31) peaks at 4 MW.
        residential[31 * 24 + 8] = 4.0;
        let mut daily_peak_mw = [0.0; DAYS];
        daily_peaks(&residential, &ev, &mut daily_peak_mw);
        let peaks = monthly_peaks(&daily_peak_mw);
        assert_eq!(peaks[0], (11.0 + 9.0 + 7.0) / 3.0);
        assert_eq!(peaks[1], (4.0 + 1.0 + 1.0) / 3.0);
        assert_eq!(peaks[11], 1.0);
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
