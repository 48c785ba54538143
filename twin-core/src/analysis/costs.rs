//! Costs in NOK: what the levers' measures cost (investments, annualised with the scenario's
//! discount rate over their lifetime), what energy costs consumers, what handling the waste
//! costs (per tonne arriving in each process, and the sorting campaign per tonne it moves), and
//! per lever the cost per tonne CO2e avoided (a marginal abatement cost table).
//!
//! A lever's cost and abatement are found by running the scenario twice, with the lever as set
//! and with the lever at its "no new policy" value, everything else equal; the difference in
//! discounted system cost divided by the difference in cumulative emissions is its abatement
//! cost. Equipment operation and maintenance beyond energy is not modelled.

use enum_map::enum_map;
use serde::{Deserialize, Serialize};

use crate::catalogue::levers::{LeverId, Levers};
use crate::catalogue::{ByCarrier, Carrier, Catalogue};
use crate::model::{RunOptions, run};
use crate::outcome::{LeverStock, NonFinite, Outcome};
use crate::prepare::Prepared;
use crate::scenario::{Costs, Scenario};

/// One year's costs, NOK.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct YearCost {
    /// Year.
    pub year: i32,
    /// Investments made in the year (undiscounted).
    pub investment_nok: f64,
    /// Annuities of all investments made so far (the yearly cost of the measures).
    pub annualised_investment_nok: f64,
    /// Energy bought by all consumers at carrier prices, plus households' capacity tariff.
    pub energy_nok: f64,
    /// Waste handling (by the process the waste arrives in) and the sorting campaign.
    pub waste_nok: f64,
}

impl YearCost {
    /// Annualised investment + energy + waste handling.
    pub fn total_nok(&self) -> f64 {
        self.annualised_investment_nok + self.energy_nok + self.waste_nok
    }
}

/// Annuity factor: the yearly payment per NOK invested at rate `r` over `years`.
///
/// ```
/// let a = twin_core::analysis::costs::annuity_factor(0.04, 15.0);
/// assert!((a - 0.08994).abs() < 1e-5);
/// assert_eq!(twin_core::analysis::costs::annuity_factor(0.0, 10.0), 0.1);
/// ```
pub fn annuity_factor(r: f64, years: f64) -> f64 {
    if r.abs() < 1e-12 { 1.0 / years } else { r / (1.0 - (1.0 + r).powf(-years)) }
}

/// Investment in a year from the growth of the lever stock, NOK, split into (building
/// measures, equipment).
fn investment(previous: &LeverStock, now: &LeverStock, c: &Costs) -> (f64, f64) {
    let grow = |a: f64, b: f64| (b - a).max(0.0);
    let building = grow(previous.retrofitted_m2, now.retrofitted_m2) * c.retrofit_nok_per_m2;
    let equipment = grow(previous.heat_pump_m2, now.heat_pump_m2) * c.heat_pump_nok_per_m2
        + grow(previous.district_heating_m2, now.district_heating_m2) * c.district_heating_nok_per_m2
        + grow(previous.pv_added_kwp, now.pv_added_kwp) * c.pv_nok_per_kwp
        + grow(previous.evs, now.evs) * c.ev_extra_nok_per_car
        + grow(previous.smart_charged_evs, now.smart_charged_evs) * c.smart_charger_nok_per_ev;
    (building, equipment)
}

/// Costs of every year of an outcome.
pub fn system_costs(outcome: &Outcome, c: &Costs) -> Vec<YearCost> {
    let building_annuity = annuity_factor(c.discount_rate, c.building_measure_life_years);
    let equipment_annuity = annuity_factor(c.discount_rate, c.equipment_life_years);
    let prices: ByCarrier = enum_map! {
        Carrier::Electricity => c.electricity_nok_per_kwh,
        Carrier::DistrictHeat => c.district_heat_nok_per_kwh,
        Carrier::Bio => c.bio_nok_per_kwh,
        Carrier::Oil => c.oil_nok_per_kwh,
        Carrier::Petrol => c.petrol_nok_per_kwh,
        Carrier::Diesel => c.diesel_nok_per_kwh,
        // Waste is paid for by its gate fee, below.
        Carrier::Waste => 0.0,
    };
    // (year, building investment, equipment investment) of every year so far.
    let mut history: Vec<(i32, f64, f64)> = Vec::new();
    let mut out = Vec::with_capacity(outcome.years.len());
    for (i, y) in outcome.years.iter().enumerate() {
        let (building, equipment) = if i == 0 {
            (0.0, 0.0)
        } else {
            investment(&outcome.years[i - 1].lever_stock, &y.lever_stock, c)
        };
        history.push((y.year, building, equipment));
        let annualised: f64 = history
            .iter()
            .map(|(year, b, e)| {
                let age = f64::from(y.year - year);
                let b_due = if age < c.building_measure_life_years { b * building_annuity } else { 0.0 };
                let e_due = if age < c.equipment_life_years { e * equipment_annuity } else { 0.0 };
                b_due + e_due
            })
            .sum();
        let energy_mwh_cost: f64 = y
            .energy
            .final_mwh
            .values()
            .map(|row| row.iter().map(|(carrier, mwh)| mwh * 1000.0 * prices[carrier]).sum::<f64>())
            .sum::<f64>()
            // The fuel electrified inventory sources no longer buy.
            - y.energy.replaced_fuel_mwh.iter().map(|(carrier, mwh)| mwh * 1000.0 * prices[carrier]).sum::<f64>();
        let waste_nok = y.materials.as_ref().map_or(0.0, |m| {
            let handling: f64 = m
                .flows
                .iter()
                .filter(|f| !f.from.starts_with("demolition_"))
                .map(|f| {
                    c.waste_nok_per_t
                        .iter()
                        .find(|(p, _)| **p == **f.to)
                        .map_or(0.0, |(_, nok)| nok * f.mass_t)
                })
                .sum();
            handling + m.campaign_sorted_t * c.sorting_campaign_nok_per_t
        });
        out.push(YearCost {
            year: y.year,
            investment_nok: building + equipment,
            annualised_investment_nok: annualised,
            energy_nok: energy_mwh_cost + y.household_cost.capacity_nok * y.households,
            waste_nok,
        });
    }
    out
}

/// Net present value (to the base year) of the yearly totals, NOK.
pub fn present_value(costs: &[YearCost], discount_rate: f64) -> f64 {
    let Some(first) = costs.first() else { return 0.0 };
    costs.iter().map(|c| c.total_nok() / (1.0 + discount_rate).powi(c.year - first.year)).sum()
}

/// One lever's line in the abatement cost table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Abatement {
    /// The lever.
    pub lever: LeverId,
    /// Investments it causes, undiscounted sum to the end year, NOK.
    pub investment_nok: f64,
    /// Change of the present value of system cost (annualised investment, energy, waste), NOK.
    pub cost_change_nok: f64,
    /// Emissions avoided, cumulative to the end year, t CO2e.
    pub abated_t: f64,
    /// Cost per tonne avoided, NOK/t CO2e (`None` if it avoids nothing).
    pub nok_per_t: Option<f64>,
}

/// The abatement cost of every lever whose setting differs from "no new policy", cheapest
/// first (levers that save money come first with negative costs).
pub fn abatement_table(
    scenario: &Scenario,
    levers: &Levers,
    prepared: &Prepared,
) -> Result<Vec<Abatement>, NonFinite> {
    let options = RunOptions::default();
    let with_all = run(scenario, levers, prepared, &options)?;
    let with_costs = system_costs(&with_all, &scenario.costs);
    let npv_with = present_value(&with_costs, scenario.costs.discount_rate);
    let emissions_with: f64 = with_all.years.iter().map(|y| y.accounted_emissions_t()).sum();
    let no_policy = scenario.no_policy_levers();
    let mut table = Vec::new();
    for id in LeverId::all() {
        let setting = levers.get(id);
        let neutral = no_policy.get(id);
        if setting.target == neutral.target {
            continue;
        }
        let mut without = *levers;
        if without.set(id, *neutral).is_err() {
            continue;
        }
        let outcome = run(scenario, &without, prepared, &options)?;
        let costs = system_costs(&outcome, &scenario.costs);
        let abated_t = outcome.years.iter().map(|y| y.accounted_emissions_t()).sum::<f64>() - emissions_with;
        let cost_change_nok = npv_with - present_value(&costs, scenario.costs.discount_rate);
        let investment_nok = with_costs.iter().map(|c| c.investment_nok).sum::<f64>()
            - costs.iter().map(|c| c.investment_nok).sum::<f64>();
        table.push(Abatement {
            lever: id,
            investment_nok,
            cost_change_nok,
            abated_t,
            nok_per_t: (abated_t > 1e-9).then(|| cost_change_nok / abated_t),
        });
    }
    table.sort_by(|a, b| {
        let key = |x: &Abatement| x.nok_per_t.unwrap_or(f64::INFINITY);
        key(a).total_cmp(&key(b)).then(a.lever.cmp(&b.lever))
    });
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annuity_repays_the_investment_at_the_discount_rate() {
        let (r, n) = (0.05, 20.0);
        let a = annuity_factor(r, n);
        let pv: f64 = (1..=20).map(|t| a / (1.0 + r).powi(t)).sum();
        assert!((pv - 1.0).abs() < 1e-12);
    }

    #[test]
    fn investment_counts_only_growth() {
        let c = Costs::default();
        let before = LeverStock { pv_added_kwp: 100.0, evs: 50.0, ..LeverStock::default() };
        let after =
            LeverStock { pv_added_kwp: 150.0, evs: 40.0, retrofitted_m2: 10.0, ..LeverStock::default() };
        let (building, equipment) = investment(&before, &after, &c);
        assert_eq!(building, 10.0 * c.retrofit_nok_per_m2);
        assert_eq!(equipment, 50.0 * c.pv_nok_per_kwp);
    }
}
