//! Stage 6 of a year, the household's bill: what an average household pays for the energy of its
//! home and its cars ([`HouseholdCost`]), with the grid tariff's capacity element priced month
//! by month from the households' peaks.

use super::demand::CarEnergy;
use crate::catalogue::{ByCarrier, Carrier};
use crate::outcome::HouseholdCost;
use crate::scenario::Costs;

/// Yearly energy cost of an average household: home energy at carrier prices, the capacity
/// element of the grid tariff month by month, EV charging and car fuel, NOK per household.
/// `home` and `cars` are all households' energy, MWh.
pub(super) fn household_cost(
    costs: &Costs,
    households: f64,
    home: &ByCarrier,
    cars: &CarEnergy,
    monthly_peak_mw: &[f64; 12],
) -> HouseholdCost {
    if households <= 0.0 {
        return HouseholdCost::default();
    }
    let kwh = |mwh: f64| mwh * 1000.0 / households;
    let capacity_nok: f64 = monthly_peak_mw
        .iter()
        .map(|peak_mw| capacity_price_nok(costs, peak_mw * 1000.0 / households * costs.household_peak_factor))
        .sum();
    HouseholdCost {
        home_energy_nok: kwh(home[Carrier::Electricity]) * costs.electricity_nok_per_kwh
            + kwh(home[Carrier::DistrictHeat]) * costs.district_heat_nok_per_kwh
            + kwh(home[Carrier::Bio]) * costs.bio_nok_per_kwh
            + kwh(home[Carrier::Oil]) * costs.oil_nok_per_kwh,
        capacity_nok,
        ev_charging_nok: kwh(cars.ev_mwh) * costs.electricity_nok_per_kwh,
        car_fuel_nok: kwh(cars.petrol_mwh) * costs.petrol_nok_per_kwh
            + kwh(cars.diesel_mwh) * costs.diesel_nok_per_kwh,
    }
}

/// The month's capacity price for a household peak of `kw`: the first step whose limit it stays
/// within, or the top step, NOK.
fn capacity_price_nok(costs: &Costs, kw: f64) -> f64 {
    costs
        .capacity_steps
        .iter()
        .find(|(limit, _)| kw <= *limit)
        .map_or_else(|| costs.capacity_steps.last().map_or(0.0, |(_, price)| *price), |(_, price)| *price)
}
