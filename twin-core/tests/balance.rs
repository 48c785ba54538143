//! Conservation laws over random valid scenarios (property tests): in every hour of every year,
//! electricity import + PV + incineration power = demand + export, and district heat from the
//! units + unserved = delivered + network loss, to 1e-9 relative; no flow is negative; the
//! yearly sums agree with the hourly series.

use proptest::prelude::*;
use twin_core::catalogue::levers::LeverId;
use twin_core::model::{HourlyYears, RunOptions, run};
use twin_core::prepare::Prepared;
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
    (0..LeverId::ALL.len(), 0.0..1.0f64).prop_map(|(i, x)| {
        let id = LeverId::ALL[i];
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
                id.spec().key
            ));
        }
    }
    out
}

fn check_balances(scenario: &Scenario) -> Result<(), TestCaseError> {
    let prepared = Prepared::new(scenario);
    let options = RunOptions { hourly_years: HourlyYears::All };
    let outcome = run(scenario, &scenario.levers, &prepared, &options).expect("finite outcome");
    prop_assert_eq!(outcome.hourly.len(), outcome.years.len());
    for (year, hourly) in outcome.years.iter().zip(&outcome.hourly) {
        let mut demand_sum = 0.0;
        for h in 0..hourly.temperature_c.len() {
            let demand = hourly.electricity_demand_mw(h);
            let supply = hourly.grid_import_mw[h] + hourly.pv_mw[h] + hourly.chp_electricity_mw[h];
            let used = demand + hourly.grid_export_mw[h];
            let scale = supply.abs().max(used.abs()).max(1e-12);
            prop_assert!((supply - used).abs() <= 1e-9 * scale, "electricity hour {h}: {supply} vs {used}");

            let units: f64 = hourly.unit_heat_mw.iter().map(|u| u[h]).sum();
            let heat_in = units + hourly.district_heat_unserved_mw[h];
            let heat_out = hourly.district_heat_delivered_mw[h] + hourly.district_heat_loss_mw[h];
            let scale = heat_in.abs().max(heat_out.abs()).max(1e-12);
            prop_assert!(
                (heat_in - heat_out).abs() <= 1e-9 * scale,
                "heat hour {h}: {heat_in} vs {heat_out}"
            );

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
            for u in &hourly.unit_heat_mw {
                prop_assert!(u[h] >= 0.0);
            }
            demand_sum += demand;
        }
        // Yearly figures are the hourly ones summed; final electricity by sector adds up to the
        // demand less the plant's own use.
        let rel = |a: f64, b: f64| (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1e-9);
        prop_assert!(rel(year.electricity_demand_mwh, demand_sum));
        let final_electricity = year.final_energy_of(Carrier::Electricity);
        let plant_electricity = year.district_heating_input_mwh[Carrier::Electricity as usize];
        prop_assert!(
            rel(final_electricity + plant_electricity, demand_sum),
            "sector electricity {final_electricity} + plant {plant_electricity} vs hourly {demand_sum}"
        );
        let district_heat = year.final_energy_of(Carrier::DistrictHeat);
        prop_assert!(
            rel(district_heat, year.district_heat_delivered_mwh),
            "{district_heat} vs {}",
            year.district_heat_delivered_mwh
        );
        // Districts add up to the municipality.
        for carrier in Carrier::ALL {
            let districts: f64 = year.districts.iter().map(|d| d.final_energy_mwh[carrier as usize]).sum();
            prop_assert!(
                rel(districts, year.final_energy_of(carrier)),
                "{carrier:?}: {districts} vs {}",
                year.final_energy_of(carrier)
            );
        }
        let sectors: f64 = year.emissions_by_sector_t.iter().sum();
        if year.district_heat_delivered_mwh > 0.0 {
            prop_assert!(
                rel(sectors, year.total_emissions_t()),
                "sector emissions {sectors} vs {}",
                year.total_emissions_t()
            );
        }
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
