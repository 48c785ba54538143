//! The territorial emission inventory and the calibration tables on the shipped scenarios: the
//! nine sectors add up to the KPI, the model's part agrees with the modelled energy use, the
//! levers that electrify sources move emissions and electricity by exactly the energy they
//! replace, and every scenario's base year meets its published figures.

use std::path::{Path, PathBuf};

use twin_core::analysis::calibration::{Row, read_table, three_digits, write_table};
use twin_core::catalogue::kpi::KpiId;
use twin_core::catalogue::levers::{LeverId, LeverSetting};
use twin_core::catalogue::{Carrier, InventorySector, Sector};
use twin_core::model::{RunOptions, run};
use twin_core::outcome::Outcome;
use twin_core::prepare::Prepared;
use twin_core::scenario::{self, Scenario};

mod common;

use common::{root, scenario_files};

/// Every shipped scenario, by file stem.
fn scenarios() -> Vec<(String, Scenario)> {
    scenario_files()
        .into_iter()
        .map(|f| {
            let stem = f.file_stem().expect("stem").to_string_lossy().into_owned();
            (stem, scenario::load(&f).expect("valid"))
        })
        .collect()
}

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0), "{what}: {a} vs {b}");
}

#[test]
fn the_sectors_add_up_to_the_kpi_and_the_models_part_to_its_energy_use() {
    let names = ["alesund", "baerum", "traena", "trondheim"];
    let found: Vec<String> = scenarios().into_iter().map(|(n, _)| n).collect();
    assert_eq!(found, names, "the four municipalities ship");
    for (name, s) in scenarios() {
        let outcome = twin_core::simulate(&s).expect("finite");
        for y in &outcome.years {
            let sectors: f64 = y.emissions.inventory_t.values().sum();
            close(KpiId::GhgPerCapita.value(y) * y.population, sectors, &format!("{name} {}", y.year));
            close(KpiId::TotalEmissions.value(y) * 1000.0, sectors, &format!("{name} {} total", y.year));
            // The model's part is the modelled energy use less grid electricity (territorial: 0
            // where it is used), plus landfill methane; the rest are the file's sources.
            let sources: f64 = y.emissions.sources_t.iter().sum();
            let modelled = y.total_emissions_t() - y.emissions.by_carrier_t[Carrier::Electricity];
            close(
                sectors - sources,
                modelled + y.emissions.landfill_methane_t,
                &format!("{name} {} model", y.year),
            );
            assert!(y.emissions.inventory_t.values().all(|t| *t >= 0.0), "{name}: no negative sector");
        }
    }
}

fn with_lever(s: &Scenario, lever: LeverId, target: f64) -> Outcome {
    let mut levers = s.levers;
    levers.set(lever, LeverSetting { target, ..*levers.get(lever) }).expect("in range");
    run(s, &levers, &Prepared::new(s), &RunOptions::default()).expect("finite")
}

#[test]
fn shore_power_lowers_sea_transport_and_raises_electricity_by_the_energy_it_replaces() {
    let s = scenario::load(&root().join("scenarios/alesund.ron")).expect("valid");
    let (berth, source) = s
        .inventory
        .sources
        .iter()
        .enumerate()
        .find(|(_, x)| x.lever == Some(LeverId::ShorePower))
        .expect("Ålesund has ships at berth");
    let base = with_lever(&s, LeverId::ShorePower, 0.0);
    let full = with_lever(&s, LeverId::ShorePower, 1.0);
    let setting = LeverSetting { target: 1.0, ..*s.levers.get(LeverId::ShorePower) };
    let mut moved = 0;
    for (a, b) in base.years.iter().zip(&full.years) {
        let share = setting.value(a.year);
        let at_berth_t = a.emissions.sources_t[berth];
        let sea = |y: &twin_core::outcome::YearResult| y.emissions.inventory_t[InventorySector::SeaTransport];
        close(sea(a) - sea(b), at_berth_t * share, &format!("sea transport {}", a.year));
        // The diesel its generators burnt, as electricity from the shore.
        let electricity_mwh = at_berth_t / (s.emission_factors.diesel_g_per_kwh / 1000.0)
            * share
            * source.electricity_per_fuel_mwh;
        close(b.grid.demand_mwh - a.grid.demand_mwh, electricity_mwh, &format!("electricity {}", a.year));
        close(b.energy.final_mwh[Sector::Other][Carrier::Electricity], electricity_mwh, "booked as other");
        close(
            b.energy.replaced_fuel_mwh[Carrier::Diesel],
            electricity_mwh / source.electricity_per_fuel_mwh,
            "diesel",
        );
        moved += usize::from(share > 0.0);
    }
    assert!(moved > 20, "the lever acts from its start year on");
    let last = full.years.last().expect("years");
    assert!(KpiId::GhgPerCapita.value(last) < KpiId::GhgPerCapita.value(base.years.last().expect("years")));
    assert!(
        last.grid.peak_mw > base.years.last().expect("years").grid.peak_mw,
        "a flat load adds to the peak"
    );
}

#[test]
fn a_lever_with_no_source_changes_nothing() {
    let s = scenario::load(&root().join("scenarios/baerum.ron")).expect("valid");
    assert!(s.inventory.sources.iter().all(|x| x.lever != Some(LeverId::ShorePower)));
    assert_eq!(
        with_lever(&s, LeverId::ShorePower, 1.0).digest(),
        with_lever(&s, LeverId::ShorePower, 0.0).digest()
    );
}

#[test]
fn landfill_methane_decays_after_the_ban_and_counts_in_the_waste_sector() {
    let s = scenario::load(&root().join("scenarios/trondheim.ron")).expect("valid");
    let outcome = twin_core::simulate(&s).expect("finite");
    let methane: Vec<f64> = outcome.years.iter().map(|y| y.emissions.landfill_methane_t).collect();
    assert!(methane[0] > 1000.0, "decades of landfilling before 2009 still emit: {}", methane[0]);
    assert!(methane.windows(2).all(|w| w[1] < w[0]), "less every year once deposits are small");
    for y in &outcome.years {
        assert!(
            y.emissions.inventory_t[InventorySector::WasteAndWastewater] >= y.emissions.landfill_methane_t
        );
    }
}

fn table_path(name: &str) -> PathBuf {
    root().join("scenarios/calibration").join(format!("{name}.csv"))
}

/// Checks one scenario against its table; returns the rows with the model's values and the
/// failures.
fn calibrate(name: &str, s: &Scenario, table: &Path) -> (Vec<Row>, Vec<String>) {
    let text = std::fs::read_to_string(table).unwrap_or_else(|e| panic!("{}: {e}", table.display()));
    let rows = read_table(&text).unwrap_or_else(|e| panic!("{}: {e}", table.display()));
    let prepared = Prepared::new(s);
    let outcome = run(s, &s.levers, &prepared, &RunOptions::default()).expect("finite");
    let base = &outcome.years[0];
    let mut failures = Vec::new();
    let mut updated = Vec::new();
    for row in rows {
        let model = row.measure.value(s, base, &prepared);
        let key: &str = row.measure.into();
        eprintln!(
            "{name:<10} {key:<36} published {:>10} ± {:<8} model {:>10.4}",
            row.published, row.tolerance, model
        );
        if (model - row.published).abs() > row.tolerance {
            failures.push(format!(
                "{name}: {key} is {model:.4}, published {} ± {}",
                row.published, row.tolerance
            ));
        }
        if three_digits(model) != row.model {
            failures.push(format!(
                "{name}: {key}: the table says the model gives {}, it gives {} (UPDATE_GOLDEN=1 rewrites the column)",
                row.model,
                three_digits(model)
            ));
        }
        updated.push(Row { model: three_digits(model), ..row });
    }
    (updated, failures)
}

/// Every scenario has a calibration table, its base year lies within each row's tolerance of the
/// published figure, and the table's `model` column says what the model gives.
#[test]
fn every_scenario_meets_its_calibration_table() {
    let mut failures = Vec::new();
    for (name, s) in scenarios() {
        let table = table_path(&name);
        let (rows, mut found) = calibrate(&name, &s, &table);
        assert!(rows.len() >= 8, "{name}: a table of at least 8 published figures");
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&table, write_table(&rows)).expect("write table");
            found.retain(|f| !f.contains("UPDATE_GOLDEN"));
        }
        failures.extend(found);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
