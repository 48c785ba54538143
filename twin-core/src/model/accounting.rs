//! Stage 5 of a year, accounting: the buildings' needs become final energy by sector and carrier
//! ([`EnergyYear`], [`BuildingsYear`]); energy becomes emissions by carrier, allocated to sectors
//! and districts by use ([`EmissionsYear`]); and the renewable part of final energy is traced
//! through the grid mix, local generation and the heat plant.

use enum_map::EnumMap;

use super::demand::{CarEnergy, DistrictState, Needs, YearState};
use crate::catalogue::{ByCarrier, BySector, Carrier, Sector};
use crate::outcome::{
    BuildingsYear, DistrictHeatYear, DistrictYear, EmissionsYear, EnergyYear, GridYear, UnitYear,
};
use crate::prepare::{ELECTRIC_SYSTEMS, Prepared};
use crate::scenario::{EmissionConvention, EmissionFactors, Scenario, UnitKind};

/// Grid emission factor in g CO2e/kWh under the scenario's convention.
pub fn electricity_factor_g_per_kwh(scenario: &Scenario) -> f64 {
    let e = &scenario.emission_factors;
    match e.convention {
        EmissionConvention::LocationBased => e.electricity_location_g_per_kwh,
        EmissionConvention::ResidualMix => e.electricity_residual_g_per_kwh,
        EmissionConvention::Territorial => 0.0,
    }
}

/// t CO2e per MWh from g CO2e per kWh.
fn t_per_mwh(g_per_kwh: f64) -> f64 {
    g_per_kwh / 1000.0
}

/// Final energy by carrier for space heat and hot water in one sector (no appliances), MWh.
fn heating_final_energy(
    needs: &Needs,
    sector: Sector,
    prepared: &Prepared,
    scenario: &Scenario,
) -> ByCarrier {
    use crate::catalogue::HeatingSystem as H;
    let sh = &needs.space_heat_mwh[sector];
    let hw = &needs.hot_water_mwh[sector];
    let shs = prepared.space_heat_sum;
    let mut electricity = 0.0;
    for (k, system) in ELECTRIC_SYSTEMS.iter().enumerate() {
        electricity += sh[*system] * prepared.electricity_per_space_heat_sum[k]
            + hw[*system] * prepared.electricity_per_hot_water_sum[k];
    }
    let mut out = ByCarrier::default();
    out[Carrier::Electricity] = electricity;
    out[Carrier::DistrictHeat] = sh[H::DistrictHeating] * shs + hw[H::DistrictHeating];
    out[Carrier::Bio] = (sh[H::Bio] * shs + hw[H::Bio]) / scenario.heating.bio_efficiency;
    out[Carrier::Oil] = (sh[H::Oil] * shs + hw[H::Oil]) / scenario.heating.oil_efficiency;
    out
}

/// Final energy by carrier of all building needs in one sector, MWh.
fn building_final_energy(
    needs: &Needs,
    sector: Sector,
    prepared: &Prepared,
    scenario: &Scenario,
) -> ByCarrier {
    let mut out = heating_final_energy(needs, sector, prepared, scenario);
    out[Carrier::Electricity] += needs.appliances_mwh[sector];
    out
}

/// The buildings' year.
pub(super) fn buildings_year(state: &YearState, prepared: &Prepared, scenario: &Scenario) -> BuildingsYear {
    let mut year =
        BuildingsYear { heat_need_mwh: state.needs.heat_need_mwh(prepared), ..BuildingsYear::default() };
    for sector in Sector::BUILDINGS {
        year.heating_final_energy_mwh[sector] =
            heating_final_energy(&state.needs, sector, prepared, scenario);
        year.floor_area_m2[sector] = state.needs.floor_area_by_sector_m2[sector];
    }
    year
}

/// Final energy by sector and carrier: buildings' needs, the cars' energy and the electricity
/// of the inventory's electrified sources (`other_electricity_mwh`), MWh.
pub(super) fn final_energy(
    state: &YearState,
    prepared: &Prepared,
    scenario: &Scenario,
    other_electricity_mwh: f64,
) -> BySector<ByCarrier> {
    let mut final_mwh = BySector::<ByCarrier>::default();
    for sector in Sector::BUILDINGS {
        final_mwh[sector] = building_final_energy(&state.needs, sector, prepared, scenario);
    }
    add_cars(&mut final_mwh[Sector::Transport], &state.cars);
    final_mwh[Sector::Other][Carrier::Electricity] = other_electricity_mwh;
    final_mwh
}

/// Adds cars' energy to a row by carrier.
fn add_cars(row: &mut ByCarrier, cars: &CarEnergy) {
    row[Carrier::Electricity] += cars.ev_mwh;
    row[Carrier::Petrol] += cars.petrol_mwh;
    row[Carrier::Diesel] += cars.diesel_mwh;
}

/// Emission factors per MWh used, t CO2e/MWh, for allocating emissions to uses: grid
/// electricity per MWh used, district heat per MWh delivered, fuels by their own factors.
#[derive(Debug, Clone, Copy)]
pub(super) struct Allocation {
    electricity: f64,
    district_heat: f64,
    bio: f64,
    oil: f64,
    petrol: f64,
    diesel: f64,
}

impl Allocation {
    /// Emissions of a row of final energy by carrier, t CO2e.
    fn of(&self, row: &ByCarrier) -> f64 {
        row[Carrier::Electricity] * self.electricity
            + row[Carrier::DistrictHeat] * self.district_heat
            + row[Carrier::Bio] * self.bio
            + row[Carrier::Oil] * self.oil
            + row[Carrier::Petrol] * self.petrol
            + row[Carrier::Diesel] * self.diesel
    }
}

/// Emissions by carrier and sector, and the allocation factors that put them on sectors.
pub(super) fn emissions(
    scenario: &Scenario,
    final_mwh: &BySector<ByCarrier>,
    heat: &DistrictHeatYear,
    waste_fossil_mwh: f64,
    grid: &GridYear,
) -> (EmissionsYear, Allocation) {
    let ef = &scenario.emission_factors;
    let by_carrier_t = emissions_by_carrier(scenario, final_mwh, &heat.input_mwh, waste_fossil_mwh, grid);
    let electricity =
        if grid.demand_mwh > 0.0 { by_carrier_t[Carrier::Electricity] / grid.demand_mwh } else { 0.0 };
    let plant_t = heat.input_mwh[Carrier::Electricity] * electricity
        + heat.input_mwh[Carrier::Oil] * t_per_mwh(ef.oil_g_per_kwh)
        + heat.input_mwh[Carrier::Bio] * t_per_mwh(ef.bio_g_per_kwh)
        + by_carrier_t[Carrier::Waste];
    let district_heat = if heat.delivered_mwh > 0.0 { plant_t / heat.delivered_mwh } else { 0.0 };
    let allocation = Allocation {
        electricity,
        district_heat,
        bio: t_per_mwh(ef.bio_g_per_kwh),
        oil: t_per_mwh(ef.oil_g_per_kwh),
        petrol: t_per_mwh(ef.petrol_g_per_kwh),
        diesel: t_per_mwh(ef.diesel_g_per_kwh),
    };
    let by_sector_t = EnumMap::from_fn(|sector| allocation.of(&final_mwh[sector]));
    (EmissionsYear { by_carrier_t, by_sector_t, ..EmissionsYear::default() }, allocation)
}

/// Emissions by carrier, t CO2e: grid import under the convention; fuels burnt in buildings,
/// cars and the heat plant; the fossil part of incinerated waste.
fn emissions_by_carrier(
    scenario: &Scenario,
    final_mwh: &BySector<ByCarrier>,
    plant_input_mwh: &ByCarrier,
    waste_fossil_mwh: f64,
    grid: &GridYear,
) -> ByCarrier {
    let ef: &EmissionFactors = &scenario.emission_factors;
    let fuel_total = |c: Carrier| final_mwh.values().map(|row| row[c]).sum::<f64>() + plant_input_mwh[c];
    let transport = &final_mwh[Sector::Transport];
    let mut t = ByCarrier::default();
    t[Carrier::Electricity] = grid.import_mwh * (electricity_factor_g_per_kwh(scenario) / 1000.0);
    t[Carrier::Oil] = fuel_total(Carrier::Oil) * t_per_mwh(ef.oil_g_per_kwh);
    t[Carrier::Bio] = fuel_total(Carrier::Bio) * t_per_mwh(ef.bio_g_per_kwh);
    t[Carrier::Petrol] = transport[Carrier::Petrol] * t_per_mwh(ef.petrol_g_per_kwh);
    t[Carrier::Diesel] = transport[Carrier::Diesel] * t_per_mwh(ef.diesel_g_per_kwh);
    t[Carrier::Waste] = waste_fossil_mwh * t_per_mwh(ef.waste_fossil_g_per_kwh);
    t
}

/// Each district's year, with emissions allocated by its use.
pub(super) fn districts(
    state: &YearState,
    prepared: &Prepared,
    scenario: &Scenario,
    allocation: &Allocation,
) -> Vec<DistrictYear> {
    state.districts.iter().map(|d| district_year(d, prepared, scenario, allocation)).collect()
}

fn district_year(
    d: &DistrictState,
    prepared: &Prepared,
    scenario: &Scenario,
    allocation: &Allocation,
) -> DistrictYear {
    let mut energy = ByCarrier::default();
    for sector in Sector::BUILDINGS {
        let row = building_final_energy(&d.needs, sector, prepared, scenario);
        for (e, r) in energy.values_mut().zip(row.values()) {
            *e += r;
        }
    }
    add_cars(&mut energy, &d.cars);
    DistrictYear {
        population: d.population,
        floor_area_m2: d.needs.floor_area_m2,
        heat_need_mwh: d.needs.heat_need_mwh(prepared),
        final_energy_mwh: energy,
        ev_charging_mwh: d.cars.ev_mwh,
        pv_installed_kwp: d.pv_kwp,
        pv_production_mwh: d.pv_kwp / 1000.0 * prepared.pv_yield_kwh_per_kwp,
        emissions_t: allocation.of(&energy),
    }
}

/// Final energy from renewable sources, MWh: grid electricity by its renewable share, local PV
/// and incineration power used in the municipality by source, district heat by the renewable
/// part of each unit's heat (heat pumps' ambient heat, bio, the waste's non-fossil part), bio.
pub(super) fn renewable_final_energy(
    scenario: &Scenario,
    final_mwh: &BySector<ByCarrier>,
    unit_years: &[UnitYear],
    waste_fossil_mwh: f64,
    grid: &GridYear,
) -> f64 {
    let units = &scenario.district_heating.units;
    let waste_energy: f64 = units
        .iter()
        .zip(unit_years)
        .filter(|(u, _)| u.kind == UnitKind::WasteIncineration)
        .map(|(_, uy)| uy.input_mwh)
        .sum();
    let waste_renewable = if waste_energy > 0.0 { 1.0 - waste_fossil_mwh / waste_energy } else { 0.0 };
    let el_renewable = renewable_electricity_fraction(scenario, grid, waste_renewable);
    let dh_renewable_heat: f64 = units
        .iter()
        .zip(unit_years)
        .map(|(u, uy)| {
            let fraction = match u.kind {
                UnitKind::WasteIncineration => waste_renewable,
                UnitKind::HeatPump => (1.0 - 1.0 / u.cop) + el_renewable / u.cop,
                UnitKind::ElectricBoiler => el_renewable,
                UnitKind::BioBoiler => 1.0,
                UnitKind::OilBoiler => 0.0,
            };
            uy.heat_mwh * fraction
        })
        .sum();
    let dh_produced: f64 = unit_years.iter().map(|u| u.heat_mwh).sum();
    let dh_renewable = if dh_produced > 0.0 { dh_renewable_heat / dh_produced } else { 0.0 };
    let total = |c: Carrier| final_mwh.values().map(|row| row[c]).sum::<f64>();
    total(Carrier::Electricity) * el_renewable
        + total(Carrier::DistrictHeat) * dh_renewable
        + total(Carrier::Bio)
}

/// Renewable share of the electricity used: imports by the grid mix's share, PV and incineration
/// power used on site by their sources.
fn renewable_electricity_fraction(scenario: &Scenario, grid: &GridYear, waste_renewable: f64) -> f64 {
    let el_share = scenario.emission_factors.electricity_renewable_share;
    let (pv, chp) = (grid.pv_production_mwh, grid.chp_electricity_mwh);
    let local = (pv + chp - grid.export_mwh).max(0.0);
    let generated = pv + chp;
    let (pv_used, chp_used) =
        if generated > 0.0 { (local * pv / generated, local * chp / generated) } else { (0.0, 0.0) };
    if grid.demand_mwh > 0.0 {
        ((grid.import_mwh * el_share + pv_used + chp_used * waste_renewable) / grid.demand_mwh).min(1.0)
    } else {
        el_share
    }
}

/// The year's final energy with its renewable part.
pub(super) fn energy_year(
    scenario: &Scenario,
    final_mwh: BySector<ByCarrier>,
    heat: &DistrictHeatYear,
    waste_fossil_mwh: f64,
    grid: &GridYear,
) -> EnergyYear {
    let renewable_mwh = renewable_final_energy(scenario, &final_mwh, &heat.units, waste_fossil_mwh, grid);
    EnergyYear { final_mwh, renewable_mwh, replaced_fuel_mwh: ByCarrier::default() }
}
