//! What a lever move costs the viewer: the round trip through the simulation bridge (request over
//! the bounded channel, the worker's re-run of Bærum 2025–2050 with one hourly year kept, result
//! back), and the map's colour scale over every district and year of both runs.

use criterion::{Criterion, criterion_group, criterion_main};
use twin_core::analysis::quantity::DISTRICT_QUANTITIES;
use twin_core::catalogue::levers::LeverId;
use twin_viewer::map::value_range;
use twin_viewer::sim::Sim;

fn wait(sim: &mut Sim) {
    sim.send_changes();
    while !sim.up_to_date() {
        sim.receive();
        std::thread::yield_now();
    }
}

fn bridge(c: &mut Criterion) {
    let scenario = twin_viewer::scenarios::default_scenario().expect("built-in scenario");
    let mut sim = Sim::new(scenario);
    wait(&mut sim);
    let mut high = false;
    c.bench_function("viewer: lever move to result (Bærum, bridge round trip)", |b| {
        b.iter(|| {
            high = !high;
            let target = if high { 0.7 } else { 0.3 };
            sim.levers.set_target(LeverId::HeatPumpProgramme, target).expect("in range");
            wait(&mut sim);
        })
    });
    let shown = sim.shown.clone().expect("a result");
    let quantity = &DISTRICT_QUANTITIES[0];
    c.bench_function("viewer: map colour scale over every district-year", |b| {
        b.iter(|| value_range(&[&shown.outcome, &shown.baseline], |d| (quantity.value)(d)))
    });
}

criterion_group!(benches, bridge);
criterion_main!(benches);
