//! KPIs, comparison, ensembles, sensitivity and costs on the shipped scenarios: golden KPI
//! snapshots, comparison recomputed from its outcomes, thread-count determinism, and the direction of key effects.

use twin_core::analysis::compare::compare;
use twin_core::analysis::costs::{abatement_table, present_value, system_costs};
use twin_core::analysis::ensemble::{EnsembleOptions, run_ensemble, variant};
use twin_core::analysis::kpi;
use twin_core::analysis::sensitivity::{Factor, HEADLINE_KPIS, regression_indices, tornado};
use twin_core::catalogue::Catalogue;
use twin_core::catalogue::kpi::KpiId;
use twin_core::catalogue::levers::LeverId;
use twin_core::catalogue::parameter::Parameter;
use twin_core::model::{RunOptions, run};
use twin_core::prepare::Prepared;
use twin_core::scenario::{self, Scenario};

mod common;

use common::{root, scenario_files};

fn baerum() -> Scenario {
    scenario::load(&root().join("scenarios/baerum.ron")).expect("valid")
}

/// Rounds to 6 significant digits, so snapshots do not churn on the last bits.
fn sig6(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    let digits = 6 - 1 - x.abs().log10().floor() as i32;
    if digits > 0 { format!("{:.*}", digits as usize, x) } else { format!("{:.0}", x) }
}

/// Golden results: every scenario's yearly KPIs, committed under tests/golden/. A change to the
/// model that moves them fails here and shows in review; refresh with `UPDATE_GOLDEN=1`.
#[test]
fn golden_kpis_of_every_scenario() {
    let files = scenario_files();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for file in files {
        let s = scenario::load(&file).expect("valid");
        let outcome = twin_core::simulate(&s).expect("finite outcome");
        let mut text = String::from("year");
        for k in KpiId::all() {
            text.push_str(&format!(",{}", k.key()));
        }
        text.push('\n');
        for (y, row) in outcome.years.iter().zip(kpi::table(&outcome)) {
            text.push_str(&y.year.to_string());
            for v in row.values().copied() {
                text.push(',');
                text.push_str(&sig6(v));
            }
            text.push('\n');
        }
        let stem = file.file_stem().expect("stem").to_string_lossy().into_owned();
        let golden = root().join("tests/golden").join(format!("{stem}_kpis.csv"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &text).expect("write golden");
            continue;
        }
        match std::fs::read_to_string(&golden) {
            Ok(expected) if expected == text => {}
            Ok(expected) => {
                let first = expected.lines().zip(text.lines()).position(|(a, b)| a != b).unwrap_or(0);
                failures.push(format!(
                    "{stem}: KPIs differ from {} at line {}:\n  golden: {}\n  now:    {}",
                    golden.display(),
                    first + 1,
                    expected.lines().nth(first).unwrap_or(""),
                    text.lines().nth(first).unwrap_or("")
                ));
            }
            Err(_) => failures
                .push(format!("{stem}: no golden file {} (run with UPDATE_GOLDEN=1)", golden.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_row_of_a_comparison_is_recomputed_from_the_two_outcomes() {
    use twin_core::analysis::quantity::QUANTITIES;
    let s = baerum();
    let prepared = Prepared::new(&s);
    let a = run(&s, &s.levers, &prepared, &RunOptions::default()).expect("finite outcome");
    let mut levers = s.levers;
    levers.set_target(LeverId::HeatPumpProgramme, 0.8).expect("in range");
    let b = run(&s, &levers, &prepared, &RunOptions::default()).expect("finite outcome");
    let diff = compare(&a, &b, &[]);
    assert_eq!(diff.rows.len(), a.years.len() * QUANTITIES.len());
    let mut changed = 0;
    for row in &diff.rows {
        let q = QUANTITIES.iter().find(|q| q.key == row.quantity).expect("a known quantity");
        let (va, vb) = (q.value(a.year(row.year).expect("year")), q.value(b.year(row.year).expect("year")));
        assert_eq!((row.a, row.b, row.difference), (va, vb, vb - va), "{} {}", row.quantity, row.year);
        changed += usize::from(va != vb);
    }
    assert!(changed > 100, "the heat-pump programme moves many quantities, {changed} moved");
}

#[test]
fn comparison_shows_the_effect_of_a_lever() {
    let s = baerum();
    let prepared = Prepared::new(&s);
    let a = run(&s, &s.levers, &prepared, &RunOptions::default()).expect("finite outcome");
    let mut levers = s.levers;
    levers.set_target(LeverId::SmartChargingShare, 1.0).expect("in range");
    let b = run(&s, &levers, &prepared, &RunOptions::default()).expect("finite outcome");
    let diff = compare(&a, &b, &[2040]);
    let row = |key: &str| diff.rows.iter().find(|r| r.quantity == key).expect("row");
    assert!(row("grid_peak").difference < 0.0);
    assert!(row("demand_response").b > 30.0);
    assert!(row("ev_charging").difference.abs() < 1e-9);
}

#[test]
fn ensembles_are_identical_on_1_and_4_threads() {
    let s = baerum();
    let options = |threads| EnsembleOptions { runs: 24, threads, vary_weather: true };
    let one = run_ensemble(&s, &s.levers, &options(1), &|_| {}).expect("finite outcome");
    let four = run_ensemble(&s, &s.levers, &options(4), &|_| {}).expect("finite outcome");
    assert_eq!(one, four);
    assert_eq!(one.digest(), four.digest());
    // Percentiles are ordered and the spread is real.
    let ghg = one.quantities.iter().position(|q| q == "ghg_per_capita").expect("quantity");
    let p = one.percentiles.last().expect("years")[ghg];
    assert!(p.p5 < p.p50 && p.p50 < p.p95, "{p:?}");
}

#[test]
fn each_uncertain_parameter_moves_what_it_should() {
    let s = baerum();
    let end = |values: &[(Parameter, f64)]| {
        let v = variant(&s, values, None);
        twin_core::simulate(&v).expect("finite outcome").years.last().expect("years").clone()
    };
    let base = end(&[]);
    let cop = end(&[(Parameter::HeatPumpCopFactor, 1.2)]);
    assert!(cop.grid.demand_mwh < base.grid.demand_mwh);
    let warm = end(&[(Parameter::TemperatureOffset, 1.0)]);
    assert!(warm.buildings.heat_need_mwh < base.buildings.heat_need_mwh);
    let growth = end(&[(Parameter::PopulationGrowthFactor, 0.0)]);
    assert_eq!(growth.population, base.population - (base.population - s.population_in(s.base_year)));
    let price = end(&[(Parameter::ElectricityPriceFactor, 2.0)]);
    assert!(price.household_cost.total_nok() > base.household_cost.total_nok());
    assert_eq!(price.grid.demand_mwh, base.grid.demand_mwh);
}

#[test]
fn tornado_ranks_ev_share_first_for_emissions() {
    let s = baerum();
    let tornadoes = tornado(&s, &s.levers, s.end_year, &HEADLINE_KPIS).expect("finite outcome");
    assert_eq!(tornadoes.len(), HEADLINE_KPIS.len());
    let ghg = tornadoes.iter().find(|t| t.kpi == KpiId::GhgPerCapita).expect("ghg");
    assert_eq!(ghg.bars[0].factor, Factor::Lever(LeverId::EvShare));
    assert!(ghg.bars.windows(2).all(|w| w[0].swing() >= w[1].swing()));
    // Every lever and every uncertain parameter has a bar.
    assert_eq!(ghg.bars.len(), LeverId::all().len() + s.uncertainties.len());
    let cost = tornadoes.iter().find(|t| t.kpi == KpiId::HouseholdEnergyCost).expect("cost");
    assert_eq!(cost.bars[0].factor, Factor::Parameter(Parameter::ElectricityPriceFactor));
}

#[test]
fn regression_indices_find_the_driving_parameter() {
    let s = baerum();
    let result =
        run_ensemble(&s, &s.levers, &EnsembleOptions { runs: 60, threads: 2, vary_weather: false }, &|_| {})
            .expect("finite outcome");
    let indices = regression_indices(&result);
    let cost = indices.iter().find(|i| i.quantity == "household_energy_cost").expect("cost");
    let price =
        s.uncertainties.iter().position(|u| u.parameter == Parameter::ElectricityPriceFactor).expect("price");
    assert!(cost.src_squared[price] > 0.8, "{cost:?}");
    assert!(cost.r_squared > 0.95);
}

#[test]
fn costs_and_abatement_are_consistent() {
    let s = baerum();
    let prepared = Prepared::new(&s);
    let mut levers = s.levers;
    levers.set_target(LeverId::HeatPumpProgramme, 0.6).expect("in range");
    levers.set_target(LeverId::PvRollout, 0.5).expect("in range");
    let table = abatement_table(&s, &levers, &prepared).expect("finite outcome");
    let row = |id: LeverId| table.iter().find(|a| a.lever == id).expect("lever in table");
    // Heat pumps cost money up front and save energy; they avoid emissions.
    let hp = row(LeverId::HeatPumpProgramme);
    assert!(hp.investment_nok > 0.0 && hp.abated_t > 0.0);
    // PV is built only because of the lever.
    assert!(row(LeverId::PvRollout).investment_nok > 0.0);
    // Sorted from the cheapest abatement.
    let keys: Vec<f64> = table.iter().map(|a| a.nok_per_t.unwrap_or(f64::INFINITY)).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]));
    // No investment in the base year; discounting lowers the present value below the plain sum.
    let outcome = run(&s, &levers, &prepared, &RunOptions::default()).expect("finite outcome");
    let costs = system_costs(&outcome, &s.costs);
    assert_eq!(costs[0].investment_nok, 0.0);
    let plain: f64 = costs.iter().map(|c| c.total_nok()).sum();
    assert!(present_value(&costs, s.costs.discount_rate) < plain);
}
