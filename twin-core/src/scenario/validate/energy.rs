//! Validation of transport, PV, the district-heating network (and whether anything can use it),
//! the grid, emission factors and household size.

use super::{Band, Checker};
use crate::scenario::{DistrictHeating, MAX_UNITS, Pv, RawScenario, Unit, UnitKind};

/// Electricity an EV draws from the grid per km, yearly mean.
const EV_CONSUMPTION: Band = Band {
    lo: 0.10,
    hi: 0.35,
    unit: "kWh/km",
    source: "shared/reference §3.7: 0.18 kWh/km annual mean, 20–30 % more in winter",
};

/// Distance a car drives in a year.
const KM_PER_CAR: Band = Band {
    lo: 5_000.0,
    hi: 20_000.0,
    unit: "km/yr",
    source: "shared/reference §3.7: 11,288 km per car in 2021, 10,377–11,854 by county (SSB)",
};

/// Residents per household.
const PERSONS_PER_HOUSEHOLD: Band =
    Band {
        lo: 1.5, hi: 3.5, unit: "persons", source: "shared/reference §5: 2.1–2.4 persons per household"
    };

/// Cars: distances, consumption, charging; a fleet that drives needs a consumption above 0.
pub(super) fn transport(c: &mut Checker, raw: &RawScenario) {
    let t = &raw.transport;
    c.range("transport.km_per_car_year", t.km_per_car_year, 0.0, 100_000.0, "km");
    c.band("transport.km_per_car_year", t.km_per_car_year, KM_PER_CAR);
    c.range("transport.ev_kwh_per_km", t.ev_kwh_per_km, 0.0, 2.0, "kWh/km");
    c.band("transport.ev_kwh_per_km", t.ev_kwh_per_km, EV_CONSUMPTION);
    c.range("transport.ev_cold_extra_share_per_k", t.ev_cold_extra_share_per_k, 0.0, 0.1, "1/K");
    c.range("transport.local_charging_share", t.local_charging_share, 0.0, 1.0, "(share)");
    c.range("transport.petrol_share_of_fossil", t.petrol_share_of_fossil, 0.0, 1.0, "(share)");
    c.range("transport.petrol_l_per_km", t.petrol_l_per_km, 0.0, 1.0, "l/km");
    c.range("transport.diesel_l_per_km", t.diesel_l_per_km, 0.0, 1.0, "l/km");
    let cars: f64 = raw.districts.iter().map(|d| d.cars).sum();
    let drives = cars > 0.0 && t.km_per_car_year > 0.0;
    if !drives {
        return;
    }
    let driving = "cars that drive use energy: give the consumption per km (shared/reference §3.7)";
    if t.ev_kwh_per_km == 0.0 {
        c.error("transport.ev_kwh_per_km", format!("0 kWh/km: {driving}"));
    }
    if t.petrol_l_per_km == 0.0 && t.petrol_share_of_fossil > 0.0 {
        c.error("transport.petrol_l_per_km", format!("0 l/km: {driving}"));
    }
    if t.diesel_l_per_km == 0.0 && t.petrol_share_of_fossil < 1.0 {
        c.error("transport.diesel_l_per_km", format!("0 l/km: {driving}"));
    }
}

/// Rooftop PV performance.
pub(super) fn pv(c: &mut Checker, pv: &Pv) {
    c.range("pv.tilt_deg", pv.tilt_deg, 0.0, 90.0, "degrees");
    c.range("pv.azimuth_deg", pv.azimuth_deg, 0.0, 360.0, "degrees");
    c.range("pv.temperature_coefficient_per_k", pv.temperature_coefficient_per_k, -0.02, 0.0, "1/K");
    c.range("pv.noct_c", pv.noct_c, 20.0, 80.0, "°C");
    c.range("pv.system_loss_share", pv.system_loss_share, 0.0, 0.9, "(share)");
}

/// The district-heating network: its units in merit order, and that a network exists wherever
/// floor area is heated by it.
pub(super) fn district_heating(c: &mut Checker, raw: &RawScenario) -> DistrictHeating {
    let dh = &raw.district_heating;
    c.range("district_heating.network_loss_share", dh.network_loss_share, 0.0, 0.5, "(share)");
    if dh.units.len() > MAX_UNITS {
        c.error("district_heating.units", format!("expected at most {MAX_UNITS} units"));
    }
    let mut units: Vec<(u32, Unit)> = Vec::new();
    for (i, u) in dh.units.iter().enumerate().take(MAX_UNITS) {
        let p = format!("district_heating.units[{i}]");
        c.names(&p, &u.names);
        c.range(format_args!("{p}.heat_capacity_mw"), u.heat_capacity_mw, 0.0, 1e5, "MW");
        c.range(format_args!("{p}.efficiency"), u.efficiency, 0.05, 1.0, "(share)");
        c.range(format_args!("{p}.cop"), u.cop, 1.0, 10.0, "");
        c.range(format_args!("{p}.waste_t_per_year"), u.waste_t_per_year, 0.0, 1e7, "t/yr");
        c.range(format_args!("{p}.waste_lhv_mwh_per_t"), u.waste_lhv_mwh_per_t, 0.1, 10.0, "MWh/t");
        c.range(format_args!("{p}.electric_efficiency"), u.electric_efficiency, 0.0, 0.5, "(share)");
        c.range(format_args!("{p}.fossil_energy_share"), u.fossil_energy_share, 0.0, 1.0, "(share)");
        if u.kind == UnitKind::WasteIncineration && u.efficiency + u.electric_efficiency > 1.0 {
            c.error(format!("{p}.electric_efficiency"), "heat and electric efficiency exceed 1 together");
        }
        if dh.units[..i].iter().any(|o| o.merit_order == u.merit_order) {
            c.error(format!("{p}.merit_order"), format!("merit order {} is used twice", u.merit_order));
        }
        units.push((
            u.merit_order,
            Unit {
                name: u.name.clone(),
                names: u.names.clone(),
                kind: u.kind,
                heat_capacity_mw: u.heat_capacity_mw,
                efficiency: u.efficiency,
                cop: u.cop,
                waste_t_per_year: u.waste_t_per_year,
                waste_lhv_mwh_per_t: u.waste_lhv_mwh_per_t,
                electric_efficiency: u.electric_efficiency,
                fossil_energy_share: u.fossil_energy_share,
            },
        ));
    }
    units.sort_by_key(|(m, _)| *m);
    let network = DistrictHeating {
        network_loss_share: dh.network_loss_share,
        units: units.into_iter().map(|(_, u)| u).collect(),
    };
    if !has_capacity(&network) {
        heat_without_network(c, raw);
    }
    network
}

/// Whether any unit can produce heat.
pub(super) fn has_capacity(network: &DistrictHeating) -> bool {
    network.units.iter().any(|u| u.heat_capacity_mw > 0.0)
}

fn heat_without_network(c: &mut Checker, raw: &RawScenario) {
    let why = "is heated by district heating, but `district_heating.units` has no unit with capacity: \
               add the units that supply the network, or move this share to another system";
    for (i, d) in raw.districts.iter().enumerate() {
        if d.heating_shares.district_heating > 0.0 {
            c.error(
                format!("districts[{i}].heating_shares.district_heating"),
                format!("{} of this district's floor area {why}", d.heating_shares.district_heating),
            );
        }
    }
    if raw.new_buildings.heating_shares.district_heating > 0.0 {
        c.error(
            "new_buildings.heating_shares.district_heating",
            format!("{} of new floor area {why}", raw.new_buildings.heating_shares.district_heating),
        );
    }
}

/// Grid import capacity, emission factors and household size.
pub(super) fn grid_and_emissions(c: &mut Checker, raw: &RawScenario) {
    let capacity = raw.grid.import_capacity_mw;
    c.range("grid.import_capacity_mw", capacity, 0.0, 1e6, "MW");
    if capacity == 0.0 {
        c.error(
            "grid.import_capacity_mw",
            "the grid must be able to import more than 0 MW: every hour draws on it",
        );
    }
    let e = &raw.emission_factors;
    for (name, v) in [
        ("electricity_location_g_per_kwh", e.electricity_location_g_per_kwh),
        ("electricity_residual_g_per_kwh", e.electricity_residual_g_per_kwh),
        ("oil_g_per_kwh", e.oil_g_per_kwh),
        ("bio_g_per_kwh", e.bio_g_per_kwh),
        ("petrol_g_per_kwh", e.petrol_g_per_kwh),
        ("diesel_g_per_kwh", e.diesel_g_per_kwh),
        ("waste_fossil_g_per_kwh", e.waste_fossil_g_per_kwh),
    ] {
        c.range(format_args!("emission_factors.{name}"), v, 0.0, 2000.0, "g CO2e/kWh");
    }
    c.range(
        "emission_factors.electricity_renewable_share",
        e.electricity_renewable_share,
        0.0,
        1.0,
        "(share)",
    );
    c.range("persons_per_household", raw.persons_per_household, 0.5, 20.0, "persons");
    c.band("persons_per_household", raw.persons_per_household, PERSONS_PER_HOUSEHOLD);
}
