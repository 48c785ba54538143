//! The simulation bridge, headless (MinimalPlugins, no window, no GPU): lever changes reach the
//! worker, results come back, the newest wins, and the numbers equal a direct call of the core.

use std::time::{Duration, Instant};

use bevy::prelude::*;
use twin_core::catalogue::levers::LeverId;
use twin_core::model::{HourlyYears, RunOptions, run};
use twin_core::prepare::Prepared;
use twin_viewer::sim::{self, Sim};

fn app() -> App {
    let scenario = twin_viewer::scenarios::default_scenario().expect("built-in scenario");
    let mut app = App::new();
    app.add_plugins(MinimalPlugins).add_plugins(sim::plugin).insert_resource(Sim::new(scenario));
    app
}

/// Runs frames until the shown result answers what is set (or fails after a generous limit).
fn settle(app: &mut App) -> usize {
    let start = Instant::now();
    let mut frames = 0;
    loop {
        app.update();
        frames += 1;
        if app.world().resource::<Sim>().up_to_date() {
            return frames;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "no result after {frames} frames");
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn direct(sim: &Sim) -> twin_core::Outcome {
    let prepared = Prepared::new(&sim.scenario);
    let options = RunOptions { hourly_years: HourlyYears::These(vec![sim.hourly_year]) };
    run(&sim.scenario, &sim.levers, &prepared, &options).expect("finite outcome")
}

#[test]
fn first_result_is_the_scenario_itself_and_matches_the_core() {
    let mut app = app();
    settle(&mut app);
    let sim = app.world().resource::<Sim>();
    let shown = sim.shown.as_ref().expect("a result");
    assert_eq!(shown.outcome.digest(), direct(sim).digest());
    assert_eq!(shown.baseline.digest(), shown.outcome.digest(), "no lever moved yet");
    assert!(sim.busy_for().is_none());
}

#[test]
fn a_lever_move_reaches_the_screen_and_the_latest_move_wins() {
    let mut app = app();
    settle(&mut app);
    let baseline = app.world().resource::<Sim>().shown.as_ref().expect("result").baseline.digest();
    // A slider drag: many positions, one frame each, faster than the worker can follow.
    for step in 1..=20 {
        let mut sim = app.world_mut().resource_mut::<Sim>();
        sim.levers.set_target(LeverId::HeatPumpProgramme, f64::from(step) / 20.0).expect("in range");
        app.update();
    }
    settle(&mut app);
    let sim = app.world().resource::<Sim>();
    let shown = sim.shown.as_ref().expect("result");
    assert_eq!(shown.levers.get(LeverId::HeatPumpProgramme).target, 1.0, "the last position is shown");
    assert_eq!(shown.outcome.digest(), direct(sim).digest());
    assert_eq!(shown.baseline.digest(), baseline, "the baseline does not move with the levers");
    assert_ne!(shown.outcome.digest(), baseline);
}

#[test]
fn a_result_shows_in_the_frame_after_the_request_when_the_run_is_quick() {
    let mut app = app();
    settle(&mut app);
    app.world_mut().resource_mut::<Sim>().levers.set_target(LeverId::EvShare, 1.0).expect("in range");
    // Frame 1 sends at its end; the worker runs while the frame would render; frame 2 shows it.
    app.update();
    std::thread::sleep(Duration::from_millis(500));
    app.update();
    assert!(app.world().resource::<Sim>().up_to_date());
}

#[test]
fn changing_the_hourly_year_reruns_with_that_year() {
    let mut app = app();
    settle(&mut app);
    app.world_mut().resource_mut::<Sim>().hourly_year = 2045;
    settle(&mut app);
    let sim = app.world().resource::<Sim>();
    let shown = sim.shown.as_ref().expect("result");
    assert_eq!(shown.outcome.hourly.iter().map(|h| h.year).collect::<Vec<_>>(), vec![2045]);
    assert_eq!(shown.baseline.hourly.iter().map(|h| h.year).collect::<Vec<_>>(), vec![2045]);
}

#[test]
fn opening_another_scenario_switches_results() {
    let mut app = app();
    settle(&mut app);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/alesund.ron");
    let alesund = twin_viewer::scenarios::open(path.as_ref()).expect("Ålesund");
    app.world_mut().resource_mut::<Sim>().open(alesund);
    settle(&mut app);
    let sim = app.world().resource::<Sim>();
    let shown = sim.shown.as_ref().expect("result");
    assert!(shown.outcome.district_codes.iter().all(|c| c.starts_with("1508")));
    assert_eq!(shown.outcome.digest(), direct(sim).digest());
}
