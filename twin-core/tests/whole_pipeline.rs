//! A property test of the whole pipeline: random scenarios inside the validator's bands (Ålesund
//! with its districts, buildings, cars, waste and building stock scaled at random, and random
//! lever settings) always validate, run, conserve mass and stay finite.
//!
//! Energy balances hour by hour are `tests/balance.rs`'s job; here the materials and the coupling
//! to district heating are in play too, which `balance.rs`'s generated scenarios lack.

use std::path::Path;

use proptest::prelude::*;
use twin_core::Scenario;
use twin_core::catalogue::Catalogue;
use twin_core::catalogue::levers::LeverId;
use twin_core::model::{RunOptions, run};
use twin_core::prepare::Prepared;
use twin_core::scenario::RawScenario;

/// Multipliers drawn for one random scenario.
#[derive(Debug, Clone)]
struct Draw {
    population: f64,
    floor_area: f64,
    cars: f64,
    heat_need: f64,
    waste_per_person: f64,
    incinerator_waste: f64,
    building_life: f64,
    years: i32,
    levers: Vec<(LeverId, f64)>,
}

fn draw() -> impl Strategy<Value = Draw> {
    (
        (0.5..2.0f64, 0.5..1.5f64, 0.5..1.5f64, 0.7..1.3f64),
        (0.5..1.5f64, 0.5..1.5f64, 0.7..1.5f64, 0..6i32),
        prop::collection::vec((prop::sample::select(LeverId::all().collect::<Vec<_>>()), 0.0..1.0f64), 0..6),
    )
        .prop_map(
            |((population, floor_area, cars, heat_need), (waste, incinerator, life, years), levers)| Draw {
                population,
                floor_area,
                cars,
                heat_need,
                waste_per_person: waste,
                incinerator_waste: incinerator,
                building_life: life,
                years,
                levers,
            },
        )
}

fn alesund() -> RawScenario {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios/alesund.ron");
    let text = std::fs::read_to_string(&path).expect("alesund.ron");
    Scenario::from_str_named(&text, &path).expect("valid").raw
}

/// Ålesund scaled by the draw: every change keeps ratios (density, floor per resident, growth of
/// the stock) inside the bands the validator checks.
fn scenario(d: &Draw) -> Scenario {
    let mut raw = alesund();
    raw.end_year = raw.base_year + d.years;
    raw.targets.retain(|t| t.year <= raw.end_year);
    for lever in &mut raw.levers {
        lever.start_year = lever.start_year.map(|y| y.min(raw.end_year));
    }
    for district in &mut raw.districts {
        district.population *= d.population.min(d.floor_area * 1.2);
        district.floor_area_m2.values_mut().for_each(|a| *a *= d.floor_area);
        district.cars *= d.cars;
    }
    for class in &mut raw.building_classes {
        class.space_heat_kwh_per_m2 *= d.heat_need;
    }
    if let Some(m) = raw.materials.as_mut() {
        m.fractions.iter_mut().for_each(|f| f.kg_per_person *= d.waste_per_person);
        for group in &mut m.building_stock {
            group.history.iter_mut().for_each(|(_, m2)| *m2 *= d.floor_area);
            group.lifetime = scaled_life(group.lifetime, d.building_life);
        }
    }
    for unit in &mut raw.district_heating.units {
        unit.waste_t_per_year *= d.incinerator_waste;
    }
    let levers: Vec<String> = d
        .levers
        .iter()
        .map(|&(id, x)| {
            let spec = id.spec();
            format!("{}={}", id.key(), spec.min + (spec.max - spec.min) * x)
        })
        .collect();
    let scenario =
        Scenario::from_raw(raw, Path::new("random.ron")).expect("a scenario inside the bands validates");
    let levers = scenario.levers.with_assignments(&levers).expect("levers in range");
    Scenario { levers, ..scenario }
}

fn scaled_life(life: twin_core::math::dsm::Lifetime, factor: f64) -> twin_core::math::dsm::Lifetime {
    use twin_core::math::dsm::Lifetime;
    match life {
        Lifetime::Weibull { shape, scale } => Lifetime::Weibull { shape, scale: scale * factor },
        Lifetime::Normal { mean, sd } => Lifetime::Normal { mean: mean * factor, sd },
        Lifetime::LogNormal { mean, sd } => Lifetime::LogNormal { mean: mean * factor, sd },
        Lifetime::Fixed { years } => Lifetime::Fixed { years: years * factor },
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_scenarios_inside_the_bands_run_conserve_mass_and_stay_finite(d in draw()) {
        let scenario = scenario(&d);
        let prepared = Prepared::new(&scenario);
        let outcome = run(&scenario, &scenario.levers, &prepared, &RunOptions::default());
        let outcome = outcome.map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert_eq!(outcome.years.len(), scenario.year_count());
        for year in &outcome.years {
            let m = year.materials.as_ref().expect("Ålesund models materials");
            let generated = m.generated_total_t();
            let into_sinks: f64 = m.sinks_t.iter().map(|(_, t)| t).sum();
            prop_assert!((into_sinks - generated).abs() <= 1e-9 * generated.max(1.0), "{}: {} vs {}", year.year, into_sinks, generated);
            prop_assert!(m.flows.iter().all(|f| f.mass_t >= 0.0), "a negative flow in {}", year.year);
            // What the incinerator burns is what reaches incineration, never more than it takes.
            prop_assert!(m.incinerated_t <= generated + 1e-9);
            let heat = year.heat.delivered_mwh + year.heat.loss_mwh;
            let produced: f64 = year.heat.units.iter().map(|u| u.heat_mwh).sum::<f64>() + year.heat.unserved_mwh;
            prop_assert!((heat - produced).abs() <= 1e-9 * heat.max(1.0), "{}: heat {} vs {}", year.year, heat, produced);
        }
    }
}
