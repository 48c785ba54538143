//! Laws the model must keep, over random valid scenarios (property tests) and Bærum: in every hour
//! no flow is negative, the network loses its share, the heat plant runs in merit order within its
//! capacities; every year's figures agree with its hours and its parts; and the base year, recomputed
//! here independently from the scenario's numbers, matches the model.

use proptest::prelude::*;
use twin_core::catalogue::Catalogue;
use twin_core::catalogue::HeatingSystem;
use twin_core::catalogue::levers::LeverId;
use twin_core::model::{HourlyYears, RunOptions, run};
use twin_core::outcome::{HourlyYear, YearResult};
use twin_core::prepare::Prepared;
use twin_core::scenario::UnitKind;
use twin_core::{Carrier, Scenario};

#[derive(Debug, Clone)]
struct Params {
    seed: u64,
    latitude_deg: f64,
    years: i32,
    districts: Vec<DistrictParams>,
    units: Vec<(usize, f64, f64)>,
    levers: Vec<(LeverId, f64)>,
    loss_share: f64,
}

#[derive(Debug, Clone)]
struct DistrictParams {
    population: f64,
    detached_m2: f64,
    office_m2: f64,
    shares: [f64; 7],
    pv_potential_kwp: f64,
    pv_built: f64,
    cars: f64,
    ev_share: f64,
}

const UNIT_KINDS: [&str; 5] = ["WasteIncineration", "HeatPump", "BioBoiler", "ElectricBoiler", "OilBoiler"];
const SYSTEMS: [&str; 7] = [
    "district_heating",
    "air_to_air_heat_pump",
    "air_to_water_heat_pump",
    "ground_source_heat_pump",
    "direct_electric",
    "bio",
    "oil",
];

fn district() -> impl Strategy<Value = DistrictParams> {
    (
        0.0..20_000.0f64,
        0.0..1e6f64,
        0.0..5e5f64,
        prop::array::uniform7(0.0..1.0f64),
        0.0..5e4f64,
        0.0..1.0f64,
        0.0..10_000.0f64,
        0.0..1.0f64,
    )
        .prop_map(
            |(population, detached_m2, office_m2, raw, pv_potential_kwp, pv_built, cars, ev_share)| {
                let sum: f64 = raw.iter().sum::<f64>() + 1e-9;
                let mut shares = raw.map(|x| x / sum);
                // Make the shares sum to exactly 1 within the validator's tolerance.
                let rest: f64 = shares[1..].iter().sum();
                shares[0] = (1.0 - rest).max(0.0);
                DistrictParams {
                    population,
                    detached_m2,
                    office_m2,
                    shares,
                    pv_potential_kwp,
                    pv_built,
                    cars,
                    ev_share,
                }
            },
        )
}

fn lever() -> impl Strategy<Value = (LeverId, f64)> {
    (prop::sample::select(LeverId::all().collect::<Vec<_>>()), 0.0..1.0f64).prop_map(|(id, x)| {
        let spec = id.spec();
        (id, spec.min + (spec.max - spec.min) * x)
    })
}

fn params() -> impl Strategy<Value = Params> {
    (
        any::<u64>(),
        55.0..70.0f64,
        0..3i32,
        prop::collection::vec(district(), 1..4),
        prop::collection::vec((0..5usize, 0.0..80.0f64, 0.0..200_000.0f64), 0..5),
        prop::collection::vec(lever(), 0..5),
        0.0..0.3f64,
    )
        .prop_map(|(seed, latitude_deg, years, districts, units, levers, loss_share)| Params {
            seed,
            latitude_deg,
            years,
            districts,
            units,
            levers,
            loss_share,
        })
}

fn scenario_text(p: &Params) -> String {
    // Without a unit that can produce heat, the validator refuses district-heating shares: the
    // generated scenario moves them to direct electric heating (and drops the expansion lever).
    let network = p.units.iter().any(|(_, capacity, _)| *capacity > 0.0);
    let mut districts = String::new();
    for (i, d) in p.districts.iter().enumerate() {
        let mut values = d.shares;
        if !network {
            values[4] += values[0];
            values[0] = 0.0;
        }
        let shares: Vec<String> = SYSTEMS.iter().zip(values).map(|(k, v)| format!("{k}: {v:?}")).collect();
        districts.push_str(&format!(
            "(name: \"D{i}\", code: \"{i}\", latitude_deg: 60.0, longitude_deg: 10.0, area_km2: 5.0, \
             population: {:?}, floor_area_m2: {{\"detached\": {:?}, \"office\": {:?}}}, heating_shares: ({}), \
             rooftop_pv_potential_kwp: {:?}, pv_installed_kwp: {:?}, cars: {:?}, ev_share: {:?}),\n",
            d.population,
            d.detached_m2,
            d.office_m2,
            shares.join(", "),
            d.pv_potential_kwp,
            d.pv_potential_kwp * d.pv_built,
            d.cars,
            d.ev_share
        ));
    }
    let mut units = String::new();
    for (i, (kind, capacity, waste)) in p.units.iter().enumerate() {
        units.push_str(&format!(
            "(name: \"U{i}\", kind: {}, heat_capacity_mw: {capacity:?}, merit_order: {i}, waste_t_per_year: {waste:?}, \
             electric_efficiency: 0.1, efficiency: 0.8),\n",
            UNIT_KINDS[*kind]
        ));
    }
    let levers: Vec<(LeverId, f64)> = p
        .levers
        .iter()
        .copied()
        .filter(|(id, _)| network || *id != LeverId::DistrictHeatingExpansion)
        .collect();
    let levers = lever_settings(&levers);
    let new_heating = if network { "district_heating: 0.5" } else { "direct_electric: 0.5" };
    format!(
        r#"Scenario(
    format_version: 1, name: "random", seed: {seed}, base_year: 2025, end_year: {end},
    site: (name: "X", kommune_number: "0000", latitude_deg: {lat:?}, longitude_deg: 10.0,
        monthly_mean_temperature_c: [-5.0, -4.0, 0.0, 5.0, 10.0, 15.0, 17.0, 16.0, 11.0, 6.0, 1.0, -3.0],
        monthly_clear_sky_ratio: [0.5, 0.6, 0.7, 0.7, 0.8, 0.8, 0.8, 0.7, 0.7, 0.6, 0.5, 0.5]),
    population: [(year: 2025, persons: 1000.0), (year: 2030, persons: 1300.0)],
    building_classes: [
        (id: "detached", building_type: Detached, space_heat_kwh_per_m2: 120.0, hot_water_kwh_per_m2: 25.0, appliances_kwh_per_m2: 40.0),
        (id: "office", building_type: Office, space_heat_kwh_per_m2: 100.0, hot_water_kwh_per_m2: 10.0, appliances_kwh_per_m2: 90.0),
    ],
    new_buildings: (floor_area_per_new_resident_m2: 40.0, class: "detached",
        heating_shares: ({new_heating}, air_to_water_heat_pump: 0.5)),
    districts: [{districts}],
    transport: (km_per_car_year: 12000.0, ev_kwh_per_km: 0.18, petrol_share_of_fossil: 0.4,
        petrol_l_per_km: 0.066, diesel_l_per_km: 0.06),
    district_heating: (network_loss_share: {loss:?}, units: [{units}]),
    grid: (import_capacity_mw: 10.0),
    emission_factors: (convention: ResidualMix, electricity_location_g_per_kwh: 15.0,
        electricity_residual_g_per_kwh: 402.0, oil_g_per_kwh: 264.5, bio_g_per_kwh: 6.0,
        petrol_g_per_kwh: 257.0, diesel_g_per_kwh: 265.0, waste_fossil_g_per_kwh: 300.0),
    levers: [{levers}],
)"#,
        seed = p.seed,
        end = 2025 + p.years,
        lat = p.latitude_deg,
        loss = p.loss_share,
    )
}

/// Lever settings in RON, keeping the first of each lever (a lever may be set only once).
fn lever_settings(levers: &[(LeverId, f64)]) -> String {
    let mut seen = Vec::new();
    let mut out = String::new();
    for (id, value) in levers {
        if !seen.contains(id) {
            seen.push(*id);
            out.push_str(&format!(
                "(lever: \"{}\", target: {value:?}, start_year: 2025, ramp_years: 2),\n",
                id.key()
            ));
        }
    }
    out
}

/// Relative agreement to 1e-9.
fn rel(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-9)
}

fn check_balances(scenario: &Scenario) -> Result<(), TestCaseError> {
    let prepared = Prepared::new(scenario);
    let options = RunOptions { hourly_years: HourlyYears::All };
    let outcome = run(scenario, &scenario.levers, &prepared, &options).expect("finite outcome");
    prop_assert_eq!(outcome.hourly.len(), outcome.years.len());
    for (year, hourly) in outcome.years.iter().zip(&outcome.hourly) {
        check_hours(scenario, hourly)?;
        check_year(year, hourly)?;
    }
    check_base_year(scenario, &prepared)
}

/// Every hour: no flow is negative; the network loses its share of what the plant sends out; the
/// plant's units run in merit order within their capacities (a unit produces only when the ones
/// before it are at capacity, and heat goes unserved only when every unit is); PV used on site
/// is at most the PV and the demand; the grid never imports and exports in the same hour.
fn check_hours(scenario: &Scenario, hourly: &HourlyYear) -> Result<(), TestCaseError> {
    let units = &scenario.district_heating.units;
    let loss_share = scenario.district_heating.network_loss_share;
    for h in 0..hourly.temperature_c.len() {
        for (name, v) in [
            ("building", hourly.building_electricity_mw[h]),
            ("ev", hourly.ev_charging_mw[h]),
            ("dh electricity", hourly.district_heating_electricity_mw[h]),
            ("pv", hourly.pv_mw[h]),
            ("chp", hourly.chp_electricity_mw[h]),
            ("import", hourly.grid_import_mw[h]),
            ("export", hourly.grid_export_mw[h]),
            ("dh delivered", hourly.district_heat_delivered_mw[h]),
            ("dh loss", hourly.district_heat_loss_mw[h]),
            ("unserved", hourly.district_heat_unserved_mw[h]),
        ] {
            prop_assert!(v >= 0.0 && v.is_finite(), "{name} hour {h} = {v}");
        }
        let (delivered, loss) = (hourly.district_heat_delivered_mw[h], hourly.district_heat_loss_mw[h]);
        prop_assert!(rel(loss, loss_share * (delivered + loss)), "hour {h}: loss {loss} of {delivered}");
        prop_assert!(
            hourly.grid_import_mw[h] == 0.0 || hourly.grid_export_mw[h] == 0.0,
            "hour {h} imports and exports"
        );
        // Heat the units still had to meet when unit `i`'s turn came, in merit order.
        let mut later_ran = hourly.district_heat_unserved_mw[h] > 1e-9;
        for (unit, heat) in units.iter().zip(&hourly.unit_heat_mw).rev() {
            let heat = heat[h];
            prop_assert!(heat <= unit.heat_capacity_mw * (1.0 + 1e-12), "{} hour {h}: {heat} MW", unit.name);
            if later_ran && unit.kind != UnitKind::WasteIncineration {
                prop_assert!(
                    heat >= unit.heat_capacity_mw * (1.0 - 1e-9),
                    "{} hour {h}: {heat} of {} MW while a later unit or nobody had to run",
                    unit.name,
                    unit.heat_capacity_mw
                );
            }
            later_ran |= heat > 1e-9;
        }
    }
    Ok(())
}

/// The year's figures against its hours and its own parts: the demand of the sectors and the
/// plant add up to the hourly demand, district heat used is what the network delivered,
/// districts add up to the municipality, and emissions allocated to sectors add up to the
/// emissions by carrier.
fn check_year(year: &YearResult, hourly: &HourlyYear) -> Result<(), TestCaseError> {
    let demand_sum: f64 = (0..hourly.temperature_c.len()).map(|h| hourly.electricity_demand_mw(h)).sum();
    prop_assert!(rel(year.grid.demand_mwh, demand_sum));
    let final_electricity = year.final_energy_of(Carrier::Electricity);
    let plant_electricity = year.heat.input_mwh[Carrier::Electricity];
    prop_assert!(
        rel(final_electricity + plant_electricity, demand_sum),
        "sector electricity {final_electricity} + plant {plant_electricity} vs hourly {demand_sum}"
    );
    let district_heat = year.final_energy_of(Carrier::DistrictHeat);
    prop_assert!(
        rel(district_heat, year.heat.delivered_mwh),
        "{district_heat} vs {}",
        year.heat.delivered_mwh
    );
    for carrier in Carrier::all() {
        let districts: f64 = year.districts.iter().map(|d| d.final_energy_mwh[carrier]).sum();
        prop_assert!(
            rel(districts, year.final_energy_of(carrier)),
            "{carrier:?}: {districts} vs {}",
            year.final_energy_of(carrier)
        );
    }
    let sectors: f64 = year.emissions.by_sector_t.values().sum();
    if year.heat.delivered_mwh > 0.0 {
        prop_assert!(
            rel(sectors, year.total_emissions_t()),
            "sector emissions {sectors} vs {}",
            year.total_emissions_t()
        );
    }
    Ok(())
}

/// The base year without new policy, recomputed here from the scenario's own numbers (floor
/// area × need × heating share, cars × km × consumption, kWp × yield) and compared with the
/// model's: heat need, district heat delivered, EV charging, petrol, PV production.
fn check_base_year(scenario: &Scenario, prepared: &Prepared) -> Result<(), TestCaseError> {
    let outcome =
        run(scenario, &scenario.no_policy_levers(), prepared, &RunOptions::default()).expect("finite");
    let year = &outcome.years[0];
    let (mut heat_need_mwh, mut district_heat_mwh) = (0.0, 0.0);
    let (mut ev_mwh, mut petrol_mwh, mut pv_kwp) = (0.0, 0.0, 0.0);
    let t = &scenario.transport;
    for d in &scenario.districts {
        for (class, area_m2) in &d.floor_area_m2 {
            let c = &scenario.classes[usize::from(class.0)];
            let need = area_m2 * (c.space_heat_kwh_per_m2 * prepared.space_heat_sum + c.hot_water_kwh_per_m2)
                / 1000.0;
            heat_need_mwh += need;
            district_heat_mwh += need * d.heating_shares.get(HeatingSystem::DistrictHeating);
        }
        let km = d.cars * t.km_per_car_year;
        ev_mwh +=
            km * d.ev_share * t.ev_kwh_per_km * t.local_charging_share * prepared.ev_energy_factor / 1000.0;
        petrol_mwh += km * (1.0 - d.ev_share) * t.petrol_share_of_fossil * t.petrol_l_per_km * 9.024 / 1000.0;
        pv_kwp += d.pv_installed_kwp;
    }
    let pv_mwh = pv_kwp * prepared.pv_yield_kwh_per_kwp / 1000.0;
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()) + 1e-9;
    for (name, model, here) in [
        ("heat need", year.buildings.heat_need_mwh, heat_need_mwh),
        ("district heat", year.heat.delivered_mwh, district_heat_mwh),
        ("EV charging", year.transport.ev_charging_mwh, ev_mwh),
        ("petrol", year.final_energy_of(Carrier::Petrol), petrol_mwh),
        ("PV", year.grid.pv_production_mwh, pv_mwh),
    ] {
        prop_assert!(close(model, here), "base year {name}: model {model} MWh, recomputed {here} MWh");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn energy_balances_close_every_hour(p in params()) {
        let text = scenario_text(&p);
        let scenario = Scenario::from_str_named(&text, "random.ron".as_ref())
            .map_err(|e| TestCaseError::fail(format!("generated scenario invalid: {e}\n{text}")))?;
        check_balances(&scenario)?;
    }
}

#[test]
fn baerum_balances_close_every_hour() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron");
    let scenario = twin_core::scenario::load(path.as_ref()).expect("valid");
    check_balances(&scenario).expect("balances close");
}
