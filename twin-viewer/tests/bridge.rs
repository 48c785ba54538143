//! The simulation bridge, headless (MinimalPlugins, no window, no GPU), with a session of eight
//! proposals: every variant's result equals a direct call of the core, the newest lever position
//! wins, stale requests are really dropped unrun, and opening another scenario (and undoing it)
//! switches every variant.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use twin_core::catalogue::levers::LeverId;
use twin_core::model::{HourlyYears, RunOptions, run};
use twin_core::prepare::Prepared;
use twin_core::session::{ByLever, Change, Session, Variant};
use twin_viewer::sim::{self, Pool, Request, Sim};
use twin_viewer::view::{Lang, ViewState};
use twin_viewer::workshop::{self, Workshop};

/// A session on the built-in scenario with eight groups, each moving the heat-pump programme
/// and the EV share to its own values.
fn eight_groups() -> Session {
    let copy = twin_viewer::scenarios::scenario_copy(None).expect("built-in scenario");
    let mut session = Session::new("test", copy, jiff::Timestamp::UNIX_EPOCH);
    for g in 0..8 {
        let levers = ByLever(
            [
                (LeverId::HeatPumpProgramme, 0.1 * f64::from(g + 1)),
                (LeverId::EvShare, 0.5 + 0.05 * f64::from(g)),
            ]
            .into_iter()
            .collect(),
        );
        let change = session.add_proposal(&format!("Gruppe {}", g + 1), levers);
        session.apply(change, jiff::Timestamp::UNIX_EPOCH).expect("room for eight");
    }
    session
}

fn app(session: Session) -> App {
    let scenario = session.scenario.scenario().expect("scenario");
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .init_resource::<ButtonInput<KeyCode>>()
        .insert_resource(ViewState::new(scenario.base_year))
        .insert_resource(Sim::new(scenario))
        .insert_resource(Workshop::new(session, None));
    twin_viewer::app::configure_frame(&mut app);
    app.add_plugins((sim::plugin, workshop::plugin));
    app
}

/// Runs frames until every variant's result answers what is set (or fails after a generous limit).
fn settle(app: &mut App) {
    let start = Instant::now();
    loop {
        app.update();
        if app.world().resource::<Sim>().all_up_to_date() {
            return;
        }
        assert!(start.elapsed() < Duration::from_secs(120), "no results after two minutes");
        std::thread::yield_now();
    }
}

/// The core's own run of a variant, with the bridge's hourly year.
fn direct(app: &App, variant: Variant) -> twin_core::Outcome {
    let sim = app.world().resource::<Sim>();
    let session = &app.world().resource::<Workshop>().session;
    let levers = session.levers(variant, &sim.scenario).expect("the variant exists");
    let options = RunOptions { hourly_years: HourlyYears::These(vec![sim.hourly_year]) };
    run(&sim.scenario, &levers, &Prepared::new(&sim.scenario), &options).expect("finite outcome")
}

#[test]
fn every_variant_equals_the_cores_own_run() {
    let mut app = app(eight_groups());
    settle(&mut app);
    let variants = app.world().resource::<Workshop>().session.variants();
    assert_eq!(variants.len(), 9, "the baseline and eight groups");
    let mut digests = std::collections::BTreeSet::new();
    for variant in variants {
        let result = app.world().resource::<Sim>().result(variant).expect("a result").clone();
        assert_eq!(result.outcome.digest(), direct(&app, variant).digest(), "{variant:?}");
        digests.insert(result.outcome.digest());
    }
    assert_eq!(digests.len(), 9, "each group's levers give its own outcome");
}

#[test]
fn a_drag_in_one_proposal_shows_its_last_position_and_leaves_the_others() {
    let mut app = app(eight_groups());
    settle(&mut app);
    let third = app.world().resource::<Workshop>().session.proposals[2].id;
    let fourth = Variant::Proposal(app.world().resource::<Workshop>().session.proposals[3].id);
    let before = app.world().resource::<Sim>().result(fourth).expect("result").generation;
    // A slider drag: many positions, one frame each, faster than the workers can follow.
    for step in 1..=20 {
        let mut workshop = app.world_mut().resource_mut::<Workshop>();
        workshop.show(workshop::Side::B, Variant::Proposal(third));
        let scenario = twin_viewer::scenarios::default_scenario().expect("built-in");
        workshop
            .set_targets(&[(LeverId::PvRollout, f64::from(step) / 20.0)], &scenario, Lang::Nb)
            .expect("in range");
        app.update();
    }
    settle(&mut app);
    let sim = app.world().resource::<Sim>();
    let result = sim.result(Variant::Proposal(third)).expect("result");
    assert_eq!(result.levers.get(LeverId::PvRollout).target, 1.0, "the last position is shown");
    assert_eq!(result.outcome.digest(), direct(&app, Variant::Proposal(third)).digest());
    assert_eq!(sim.result(fourth).expect("result").generation, before, "other groups are not run again");
    let journal = &app.world().resource::<Workshop>().session.journal;
    assert_eq!(journal.len(), 9, "the drag is one journal entry after the eight proposals");
}

/// Requests queued before any worker starts: when one starts, it must skip every request for a
/// variant that a newer one supersedes, and run only the newest of each variant.
#[test]
fn stale_requests_are_dropped_unrun() {
    let scenario = Arc::new(twin_viewer::scenarios::default_scenario().expect("built-in"));
    let mut pool = Pool::new(0);
    let request = |variant, generation: u64| Request {
        variant,
        generation,
        scenario: Arc::clone(&scenario),
        levers: scenario.levers,
        hourly_year: 2030,
    };
    for generation in 1..=10 {
        assert!(pool.try_send(request(Variant::Proposal(1), generation)).is_none(), "room in the queue");
    }
    assert!(pool.try_send(request(Variant::Baseline, 11)).is_none());
    pool.add_workers(1);
    let answers: Vec<(Variant, u64)> = (0..2)
        .map(|_| pool.wait(Duration::from_secs(120)).expect("an answer").expect("finite"))
        .map(|r| (r.variant, r.generation))
        .collect();
    assert_eq!(answers, [(Variant::Proposal(1), 10), (Variant::Baseline, 11)]);
    assert_eq!(pool.dropped(), 9, "generations 1 to 9 were skipped, not run");
    assert!(pool.wait(Duration::from_millis(200)).is_none(), "nothing else was run");
}

#[test]
fn changing_the_hourly_year_reruns_every_variant_with_that_year() {
    let mut app = app(eight_groups());
    settle(&mut app);
    app.world_mut().resource_mut::<Sim>().hourly_year = 2045;
    settle(&mut app);
    let sim = app.world().resource::<Sim>();
    for variant in app.world().resource::<Workshop>().session.variants() {
        let hourly: Vec<i32> =
            sim.result(variant).expect("result").outcome.hourly.iter().map(|h| h.year).collect();
        assert_eq!(hourly, vec![2045]);
    }
}

#[test]
fn opening_another_scenario_switches_every_variant_and_undo_switches_back() {
    let mut app = app(eight_groups());
    settle(&mut app);
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/alesund.ron"));
    let alesund = twin_viewer::scenarios::scenario_copy(Some(path)).expect("Ålesund");
    {
        let mut workshop = app.world_mut().resource_mut::<Workshop>();
        let change = Change::SetScenario { from: workshop.session.scenario.clone(), to: alesund };
        workshop.apply(change).expect("opens");
    }
    settle(&mut app);
    let variants = app.world().resource::<Workshop>().session.variants();
    for &variant in &variants {
        let result = app.world().resource::<Sim>().result(variant).expect("result").clone();
        assert!(
            result.outcome.district_codes.iter().all(|c| c.starts_with("1508")),
            "{variant:?} runs Ålesund"
        );
        assert_eq!(result.outcome.digest(), direct(&app, variant).digest());
    }
    app.world_mut().resource_mut::<Workshop>().undo().expect("undo the opening");
    settle(&mut app);
    let sim = app.world().resource::<Sim>();
    assert!(
        sim.result(Variant::Baseline)
            .expect("result")
            .outcome
            .district_codes
            .iter()
            .all(|c| c.starts_with("3201"))
    );
}

/// What the projector shows stays as it was sent while levers move at the laptop, until the next
/// send.
#[test]
fn the_projector_keeps_what_was_sent_until_the_next_send() {
    use twin_viewer::projector::{self, Projector};
    let mut app = app(eight_groups());
    app.add_plugins((projector::plugin, twin_viewer::gap::plugin));
    {
        let mut workshop = app.world_mut().resource_mut::<Workshop>();
        workshop.show(workshop::Side::B, Variant::Proposal(1));
    }
    settle(&mut app);
    let send = |app: &mut App| {
        let world = app.world_mut();
        let year = world.resource::<ViewState>().year;
        world.resource_scope(|world, mut projector: Mut<Projector>| {
            let mut workshop = world.resource_mut::<Workshop>();
            projector.send(&mut workshop.session, year, jiff::Timestamp::UNIX_EPOCH);
        });
    };
    send(&mut app);
    settle(&mut app);
    app.update();
    let shown = |app: &App| {
        let projector = app.world().resource::<Projector>();
        projector.shown.as_ref().and_then(|s| s.b.as_ref()).map(|r| (r.generation, r.levers))
    };
    let sent = shown(&app).expect("the send is shown once its results are in");
    // The operator moves a lever of the proposal on show.
    {
        let world = app.world_mut();
        let scenario = Arc::clone(&world.resource::<Sim>().scenario);
        let mut workshop = world.resource_mut::<Workshop>();
        workshop.set_targets(&[(LeverId::EvShare, 0.99)], &scenario, Lang::Nb).expect("a move");
    }
    settle(&mut app);
    app.update();
    let live =
        app.world().resource::<Sim>().result(Variant::Proposal(1)).map(|r| r.levers).expect("a result");
    assert_eq!(live.get(LeverId::EvShare).target, 0.99, "the laptop shows the move");
    assert_eq!(shown(&app), Some(sent), "the projector does not");
    send(&mut app);
    settle(&mut app);
    app.update();
    let resent = shown(&app).expect("shown");
    assert_eq!(resent.1.get(LeverId::EvShare).target, 0.99, "the next send shows it");
}

/// The spread page on the projector is the one sent: the proposals' spread and the package's gap
/// of that moment, while a group's lever moves at the laptop.
#[test]
fn the_projectors_spread_page_stays_as_sent() {
    use twin_core::session::{Rule, ViewMode, compare};
    use twin_viewer::projector::{self, Projector};
    let mut session = eight_groups();
    let scenario = session.scenario.scenario().expect("scenario");
    let package = compare::package(&session, &scenario, Rule::Median, ByLever::default());
    let change = compare::set_package(&session, package);
    session.apply(change, jiff::Timestamp::UNIX_EPOCH).expect("the package");
    session.view.mode = ViewMode::Spread;
    let mut app = app(session);
    app.add_plugins((projector::plugin, twin_viewer::gap::plugin));
    settle(&mut app);
    {
        let world = app.world_mut();
        let year = world.resource::<ViewState>().year;
        world.resource_scope(|world, mut projector: Mut<Projector>| {
            let mut workshop = world.resource_mut::<Workshop>();
            projector.send(&mut workshop.session, year, jiff::Timestamp::UNIX_EPOCH);
        });
    }
    let start = Instant::now();
    while app.world().resource::<Projector>().shown.is_none() {
        assert!(start.elapsed() < Duration::from_secs(120), "the send is never shown");
        app.update();
        std::thread::yield_now();
    }
    let ev_max = |app: &App| {
        let shown = app.world().resource::<Projector>().shown.clone().expect("shown");
        let wall = shown.wall.expect("the spread screen keeps its page");
        let ev = wall.spread.iter().find(|s| s.lever == LeverId::EvShare).expect("EV share").max;
        (ev, wall.gap.expect("the gap was taken with the send").map(|g| g.package))
    };
    let sent = ev_max(&app);
    assert!((sent.0 - 0.85).abs() < 1e-12, "group 8 puts the EV share at 0.85: {sent:?}");
    assert!(sent.1.is_some(), "Bærum's built-in scenario has a target, so the package has a gap");
    // Group 1 (the proposal in B) goes to 0.99 at the laptop.
    {
        let world = app.world_mut();
        let scenario = Arc::clone(&world.resource::<Sim>().scenario);
        let mut workshop = world.resource_mut::<Workshop>();
        workshop.show(workshop::Side::B, Variant::Proposal(1));
        workshop.set_targets(&[(LeverId::EvShare, 0.99)], &scenario, Lang::Nb).expect("a move");
    }
    settle(&mut app);
    for _ in 0..10 {
        app.update();
    }
    let live = twin_core::session::compare::spread(
        &app.world().resource::<Workshop>().session,
        &app.world().resource::<Sim>().scenario,
    );
    assert_eq!(live.iter().find(|s| s.lever == LeverId::EvShare).map(|s| s.max), Some(0.99));
    assert_eq!(ev_max(&app), sent, "the projector still shows the spread as sent");
}
