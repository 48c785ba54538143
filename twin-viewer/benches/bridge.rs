//! What the viewer's bridge costs with a workshop's worth of variants (the baseline and eight
//! groups on Bærum 2025–2050, one hourly year kept): a lever move in one proposal until its result
//! is back, and every variant run again after the shared scenario changed: on the same site (the
//! sun's path kept) and to another municipality (everything prepared anew). Also the map's
//! colour scale over every district and year of two runs.

use std::collections::BTreeMap;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use twin_core::analysis::quantity::DISTRICT_QUANTITIES;
use twin_core::catalogue::levers::{LeverId, Levers};
use twin_core::session::Variant;
use twin_viewer::map::value_range;
use twin_viewer::sim::Sim;

fn wait(sim: &mut Sim) {
    sim.send_changes();
    while !sim.all_up_to_date() {
        sim.receive();
        std::thread::yield_now();
    }
}

/// The baseline and eight groups, each with its own heat-pump and EV targets.
fn variants(own: Levers) -> BTreeMap<Variant, Levers> {
    let mut wanted = BTreeMap::from([(Variant::Baseline, own)]);
    for g in 0..8u32 {
        let mut levers = own;
        levers.set_target(LeverId::HeatPumpProgramme, 0.1 * f64::from(g + 1)).expect("in range");
        levers.set_target(LeverId::EvShare, 0.5 + 0.05 * f64::from(g)).expect("in range");
        wanted.insert(Variant::Proposal(g + 1), levers);
    }
    wanted
}

fn bridge(c: &mut Criterion) {
    let scenario = twin_viewer::scenarios::default_scenario().expect("built-in scenario");
    let own = scenario.levers;
    let mut sim = Sim::new(scenario.clone());
    let mut wanted = variants(own);
    sim.want(wanted.clone());
    wait(&mut sim);
    let mut high = false;
    c.bench_function("viewer: lever move in one of 9 variants to its result (Bærum)", |b| {
        b.iter(|| {
            high = !high;
            let levers = wanted.get_mut(&Variant::Proposal(3)).expect("group 3");
            levers.set_target(LeverId::PvRollout, if high { 0.7 } else { 0.3 }).expect("in range");
            sim.want(wanted.clone());
            wait(&mut sim);
        })
    });
    let copies = [Arc::new(scenario.clone()), Arc::new(scenario)];
    let mut turn = 0;
    c.bench_function("viewer: all 9 variants after a scenario change (Bærum, same site)", |b| {
        b.iter(|| {
            turn = 1 - turn;
            sim.set_scenario(Arc::clone(&copies[turn]));
            wait(&mut sim);
        })
    });
    // Another municipality: its sun's path too is new.
    let alesund = twin_core::Scenario::from_str_named(
        include_str!("../../scenarios/alesund.ron"),
        "alesund.ron".as_ref(),
    )
    .expect("Ålesund");
    let sites = [Arc::new(alesund), Arc::clone(&copies[0])];
    c.bench_function("viewer: all 9 variants after opening another municipality (sun path included)", |b| {
        b.iter(|| {
            turn = 1 - turn;
            sim.set_scenario(Arc::clone(&sites[turn]));
            wait(&mut sim);
        })
    });
    let (b, a) = (
        sim.result(Variant::Proposal(1)).expect("a result"),
        sim.result(Variant::Baseline).expect("a result"),
    );
    let quantity = &DISTRICT_QUANTITIES[0];
    c.bench_function("viewer: map colour scale over every district-year", |bench| {
        bench.iter(|| value_range(&[&b.outcome, &a.outcome], |d| (quantity.value)(d)))
    });
}

criterion_group!(benches, bridge);
criterion_main!(benches);
