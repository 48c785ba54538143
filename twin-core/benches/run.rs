//! Speed of the core: a re-run after a lever change (site data prepared) of Bærum and of
//! Trondheim (the most districts), a cold run (weather, sun and shapes included), and parsing
//! plus validating the Bærum scenario.
//!
//! `cargo bench -p twin-core`; targets: re-run ≤ 1.5 ms on one core (Bærum and Trondheim),
//! cold ≤ 100 ms, parse ≤ 1 ms,
//! materials add ≤ 2 ms to a re-run (compare `baerum_rerun_after_lever_change` with
//! `baerum_rerun_energy_only`), compare ≤ 1 ms, a 1000-run ensemble ≤ 2 s on 2 threads and
//! ≥ 1.8× faster than on 1 (on an otherwise idle machine); a batch's time per run gives a
//! national sweep's time (docs/batch.md).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use twin_core::Scenario;
use twin_core::catalogue::levers::LeverId;
use twin_core::model::{RunOptions, run};
use twin_core::prepare::Prepared;

fn scenario_text(name: &str) -> String {
    let path = format!("{}/../scenarios/{name}.ron", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn baerum_text() -> String {
    scenario_text("baerum")
}

/// A re-run of `scenario` after the heat-pump lever moves (back and forth, so no run repeats the
/// one before).
fn rerun_after_lever_change(c: &mut Criterion, name: &str, scenario: &Scenario, prepared: &Prepared) {
    let options = RunOptions::default();
    c.bench_function(name, |b| {
        let mut toggle = false;
        b.iter(|| {
            toggle = !toggle;
            let mut levers = scenario.levers;
            levers.set_target(LeverId::HeatPumpProgramme, if toggle { 0.5 } else { 0.6 }).expect("in range");
            black_box(run(scenario, &levers, prepared, &options).expect("finite outcome"))
        })
    });
}

fn benches(c: &mut Criterion) {
    let text = baerum_text();
    let scenario = Scenario::from_str_named(&text, "baerum.ron".as_ref()).expect("valid scenario");
    let prepared = Prepared::new(&scenario);
    let options = RunOptions::default();
    rerun_after_lever_change(c, "baerum_rerun_after_lever_change", &scenario, &prepared);
    let trondheim = Scenario::from_str_named(&scenario_text("trondheim"), "trondheim.ron".as_ref())
        .expect("valid scenario");
    rerun_after_lever_change(c, "trondheim_rerun_after_lever_change", &trondheim, &Prepared::new(&trondheim));
    // The same re-run without the materials part, to see what materials add.
    let mut raw = scenario.raw.clone();
    raw.materials = None;
    let energy_only = Scenario::from_raw(raw, "baerum.ron".as_ref()).expect("valid without materials");
    c.bench_function("baerum_rerun_energy_only", |b| {
        b.iter(|| {
            black_box(run(&energy_only, &energy_only.levers, &prepared, &options).expect("finite outcome"))
        })
    });
    c.bench_function("baerum_cold_run", |b| {
        b.iter(|| {
            let prepared = Prepared::new(black_box(&scenario));
            black_box(run(&scenario, &scenario.levers, &prepared, &options).expect("finite outcome"))
        })
    });
    c.bench_function("baerum_parse_and_validate", |b| {
        b.iter(|| black_box(Scenario::from_str_named(black_box(&text), "baerum.ron".as_ref())))
    });
}

criterion_group!(core, benches);
criterion_main!(core, analyses);

fn analysis(c: &mut Criterion) {
    let text = baerum_text();
    let scenario = Scenario::from_str_named(&text, "baerum.ron".as_ref()).expect("valid scenario");
    let a = twin_core::simulate(&scenario).expect("finite outcome");
    let mut levers = scenario.levers;
    levers.set_target(LeverId::HeatPumpProgramme, 0.5).expect("in range");
    let b =
        run(&scenario, &levers, &Prepared::new(&scenario), &RunOptions::default()).expect("finite outcome");
    c.bench_function("baerum_compare", |bench| {
        bench.iter(|| black_box(twin_core::analysis::compare::compare(&a, &b, &[])))
    });

    let mut group = c.benchmark_group("ensemble");
    group.sample_size(10);
    for threads in [1, 2] {
        group.bench_function(format!("baerum_1000_runs_{threads}_threads"), |bench| {
            let options =
                twin_core::analysis::ensemble::EnsembleOptions { runs: 1000, threads, vary_weather: true };
            bench.iter(|| {
                black_box(
                    twin_core::analysis::ensemble::run_ensemble(
                        &scenario,
                        &scenario.levers,
                        &options,
                        &|_| {},
                    )
                    .expect("finite outcome"),
                )
            })
        });
    }
    group.finish();

    // A batch: the shipped manifest (four kommuner × (3 variants + 50 draws of levers,
    // uncertain parameters and weather) = 212 runs), rows handed to a sink that keeps nothing.
    let manifest = format!("{}/../scenarios/batches/levers.ron", env!("CARGO_MANIFEST_DIR"));
    let plan = twin_core::analysis::batch::Plan::load(manifest.as_ref()).expect("valid manifest");
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    for threads in [1, 2] {
        group.bench_function(format!("levers_ron_212_runs_{threads}_threads"), |bench| {
            let options = twin_core::analysis::batch::BatchOptions { runs: 0..plan.runs(), threads };
            bench.iter(|| {
                let mut rows = 0usize;
                twin_core::analysis::batch::run_batch(&plan, &options, &mut |_| {
                    rows += 1;
                    Ok(())
                })
                .expect("batch runs");
                black_box(rows)
            })
        });
    }
    group.finish();
}

criterion_group!(analyses, analysis);
