//! Stage 4 of a year, the grid: hour by hour, the electricity that buildings, cars, the heat
//! plant and the inventory's electrified sources use, less rooftop PV and incineration power, is imported from or exported to the grid
//! ([`GridYear`]): the year's import, export, peak and overload hours, and the households' monthly
//! peaks that set their capacity tariff.

use super::Scratch;
use crate::math::series::{maximum, sum};
use crate::outcome::GridYear;
use crate::prepare::Prepared;
use crate::prepare::weather::HOURS;

/// Days in each month of the model's 365-day year.
const DAYS_IN_MONTH: [usize; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Balances every hour with the grid and sums the year. `pv_kwp` is the rooftop PV installed,
/// `other_mw` the electrified sources' flat load; the scratch series hold the year's demand and
/// the heat plant's electricity.
pub(super) fn balance(
    prepared: &Prepared,
    pv_kwp: f64,
    other_mw: f64,
    import_capacity_mw: f64,
    scratch: &mut Scratch,
) -> GridYear {
    fill_balance(prepared, pv_kwp / 1000.0, other_mw, scratch);
    let peak_mw = maximum(&scratch.import);
    // The first hour with the peak (deterministic if several hours tie).
    let peak_hour = scratch.import.iter().position(|x| *x == peak_mw).unwrap_or(0);
    GridYear {
        demand_mwh: sum(&scratch.demand),
        import_mwh: sum(&scratch.import),
        export_mwh: sum(&scratch.export),
        peak_mw,
        peak_hour: peak_hour as u32,
        overload_hours: scratch.import.iter().filter(|x| **x > import_capacity_mw).count() as u32,
        ev_at_peak_mw: scratch.ev[peak_hour],
        pv_installed_kwp: pv_kwp,
        pv_production_mwh: sum(&scratch.pv),
        pv_self_consumed_mwh: sum(&scratch.pv_self),
        chp_electricity_mwh: sum(&scratch.chp),
        monthly_household_peak_mw: monthly_peaks(&scratch.residential, &scratch.ev),
    }
}

/// Fills PV, demand, PV used on site, import and export for every hour, MW.
fn fill_balance(prepared: &Prepared, pv_mw_per_kwp: f64, other_mw: f64, scratch: &mut Scratch) {
    let s = scratch;
    let (pv_per_kw, building, ev, dh_el, chp) = (
        &prepared.pv_kw_per_kwp[..HOURS],
        &s.building[..HOURS],
        &s.ev[..HOURS],
        &s.dh_electricity[..HOURS],
        &s.chp[..HOURS],
    );
    let (pv_out, demand_out, self_out, import_out, export_out) = (
        &mut s.pv[..HOURS],
        &mut s.demand[..HOURS],
        &mut s.pv_self[..HOURS],
        &mut s.import[..HOURS],
        &mut s.export[..HOURS],
    );
    for h in 0..HOURS {
        let pv = pv_mw_per_kwp * pv_per_kw[h];
        let demand = building[h] + ev[h] + dh_el[h] + other_mw;
        let net = demand - pv - chp[h];
        pv_out[h] = pv;
        demand_out[h] = demand;
        self_out[h] = pv.min(demand);
        import_out[h] = net.max(0.0);
        export_out[h] = (-net).max(0.0);
    }
}

/// For each month of the 365-day year: the mean of the three highest daily peaks of
/// households' load (buildings + EV charging), MW.
fn monthly_peaks(residential: &[f64], ev: &[f64]) -> [f64; 12] {
    let mut out = [0.0; 12];
    let mut day = 0usize;
    for (month, days) in DAYS_IN_MONTH.into_iter().enumerate() {
        let mut daily: Vec<f64> = (day..day + days)
            .map(|d| (d * 24..d * 24 + 24).map(|h| residential[h] + ev[h]).fold(0.0, f64::max))
            .collect();
        daily.sort_by(|a, b| b.total_cmp(a));
        out[month] = daily.iter().take(3).sum::<f64>() / 3.0;
        day += days;
    }
    out
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
        let peaks = monthly_peaks(&residential, &ev);
        assert_eq!(peaks[0], (11.0 + 9.0 + 7.0) / 3.0);
        assert_eq!(peaks[1], (4.0 + 1.0 + 1.0) / 3.0);
        assert_eq!(peaks[11], 1.0);
    }
}
