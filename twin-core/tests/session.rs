//! The workshop session as plain data: changes, undo and redo, the file (round trip, versions,
//! hostile input), saving with generations and recovery, and comparing and combining proposals.

use std::path::Path;

use jiff::{SignedDuration, Timestamp};
use twin_core::Scenario;
use twin_core::catalogue::levers::LeverId;
use twin_core::prepare::Prepared;
use twin_core::session::compare::{gap_closing, import, package, set_package, spread};
use twin_core::session::file::{SessionError, from_str_named, to_ron};
use twin_core::session::store::{self, Autosave, Opened, generation_path};
use twin_core::session::{
    Action, ByLever, Change, ChangeError, FORMAT_VERSION, MAX_PROPOSALS, Rule, ScenarioCopy, Session, Variant,
};

fn scenario_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron"))
        .expect("baerum.ron")
}

fn t(seconds: i64) -> Timestamp {
    Timestamp::from_second(1_764_662_400 + seconds).expect("a valid time")
}

fn empty_session() -> Session {
    Session::new(
        "Energi i Bærum",
        ScenarioCopy::new(Some("scenarios/baerum.ron".into()), scenario_text()),
        t(0),
    )
}

fn targets(pairs: &[(LeverId, f64)]) -> ByLever<f64> {
    ByLever(pairs.iter().copied().collect())
}

/// Two groups, a drag in the first, a snapshot, an undone edit: a bit of everything.
fn workshop() -> Session {
    let mut s = empty_session();
    s.apply(s.add_proposal("Gruppe 1", ByLever::default()), t(1)).expect("add");
    s.apply(s.add_proposal("Gruppe 2", targets(&[(LeverId::EvShare, 0.9)])), t(2)).expect("add");
    let first = s.proposals[0].id;
    let change = s.set_lever(first, LeverId::HeatPumpProgramme, Some(0.6)).expect("set");
    s.apply(change, t(10)).expect("set");
    let snapshot =
        s.take_snapshot("Rommets første forsøk", "varmepumper opp", Variant::Proposal(first), t(20));
    s.apply(snapshot.expect("snapshot"), t(20)).expect("snapshot");
    let change = s.set_lever(first, LeverId::SortingCampaign, Some(0.5)).expect("set");
    s.apply(change, t(30)).expect("set");
    s.undo(t(40)).expect("undo");
    s.view.a = Variant::Baseline;
    s.view.b = Variant::Proposal(first);
    s.view.active = Some(first);
    s
}

#[test]
fn a_built_in_scenario_takes_the_built_in_map_and_a_file_its_own() {
    let built_in = ScenarioCopy::new(None, scenario_text()).scenario().expect("valid");
    assert_eq!(built_in.map_files, None, "files beside the repository's copy are not the program's");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron");
    let from_file = ScenarioCopy::new(Some(path.to_owned()), scenario_text()).scenario().expect("valid");
    let files = from_file.map_files.expect("the file names its map");
    assert!(files.districts.ends_with("assets/geo/baerum.geojson") && files.districts.exists(), "{files:?}");
}

#[test]
fn every_change_undoes_and_redoes_back_to_the_same_state() {
    let mut s = empty_session();
    let mut states = vec![(s.proposals.clone(), s.snapshots.clone(), s.package.clone())];
    s.apply(s.add_proposal("Gruppe 1", ByLever::default()), t(1)).expect("add");
    states.push((s.proposals.clone(), s.snapshots.clone(), s.package.clone()));
    let id = s.proposals[0].id;
    for (k, (lever, value)) in
        [(LeverId::EvShare, 0.8), (LeverId::PvRollout, 0.4), (LeverId::EvShare, 0.2)].into_iter().enumerate()
    {
        // Seconds apart, so each is its own step.
        s.apply(s.set_lever(id, lever, Some(value)).expect("set"), t(10 * (k as i64 + 1))).expect("set");
        states.push((s.proposals.clone(), s.snapshots.clone(), s.package.clone()));
    }
    s.apply(s.reset_levers(id).expect("reset"), t(50)).expect("reset");
    states.push((s.proposals.clone(), s.snapshots.clone(), s.package.clone()));
    let pack = package(&s, &s.scenario.scenario().expect("scenario"), Rule::Median, ByLever::default());
    s.apply(set_package(&s, pack), t(55)).expect("package");
    states.push((s.proposals.clone(), s.snapshots.clone(), s.package.clone()));

    let other = ScenarioCopy::new(
        Some("other.ron".into()),
        scenario_text().replacen("Sandvika", "Sandvika sentrum", 1),
    );
    s.apply(Change::SetScenario { from: s.scenario.clone(), to: other.clone() }, t(56))
        .expect("open another");
    assert_eq!(s.scenario, other);
    s.undo(t(57)).expect("undo the opening");
    assert_eq!(s.scenario.file.as_deref(), Some("scenarios/baerum.ron"), "undo brings the scenario back");
    for expected in states.iter().rev().skip(1) {
        s.undo(t(60)).expect("undo");
        assert_eq!(&(s.proposals.clone(), s.snapshots.clone(), s.package.clone()), expected);
    }
    assert!(matches!(s.undo(t(61)), Err(ChangeError::NothingTo("undo"))));
    for expected in states.iter().skip(1) {
        s.redo(t(70)).expect("redo");
        assert_eq!(&(s.proposals.clone(), s.snapshots.clone(), s.package.clone()), expected);
    }
    assert!(matches!(s.redo(t(71)), Ok(Change::SetScenario { .. })), "the opening comes last");
    assert_eq!(s.scenario, other);
    assert!(matches!(s.redo(t(72)), Err(ChangeError::NothingTo("redo"))));
    // Everything is in the journal: 7 changes, 7 undos, 7 redos, in order.
    let actions: Vec<Action> = s.journal.iter().map(|e| e.action).collect();
    assert_eq!(actions.len(), 21);
    assert_eq!(actions[7], Action::Undo(6));
    assert_eq!(actions[8], Action::Undo(5));
    assert_eq!(actions[20], Action::Redo(6));
}

#[test]
fn a_drag_is_one_step_and_a_new_change_clears_redo() {
    let mut s = empty_session();
    s.apply(s.add_proposal("Gruppe 1", ByLever::default()), t(0)).expect("add");
    let id = s.proposals[0].id;
    for frame in 1..=30 {
        let value = f64::from(frame) / 30.0;
        let at = t(1) + SignedDuration::from_millis(16 * i64::from(frame));
        s.apply(s.set_lever(id, LeverId::HeatPumpProgramme, Some(value)).expect("set"), at).expect("drag");
    }
    assert_eq!(s.journal.len(), 2, "the drag is one entry");
    assert_eq!(s.proposals[0].levers.get(LeverId::HeatPumpProgramme), Some(&1.0));
    s.undo(t(5)).expect("undo");
    assert_eq!(
        s.proposals[0].levers.get(LeverId::HeatPumpProgramme),
        None,
        "one undo takes the whole drag back"
    );
    assert_eq!(s.redo.len(), 1);
    s.apply(s.set_lever(id, LeverId::EvShare, Some(0.5)).expect("set"), t(6)).expect("set");
    assert!(s.redo.is_empty(), "a new change ends what could be redone");
}

#[test]
fn a_change_that_does_not_fit_is_refused_whole() {
    let mut s = workshop();
    let before = s.clone();
    let id = s.proposals[0].id;
    // Claims the heat-pump lever was unset, but it is 0.6.
    let stale = Change::SetLevers {
        proposal: id,
        levers: vec![twin_core::session::LeverChange {
            lever: LeverId::HeatPumpProgramme,
            from: None,
            to: Some(0.9),
        }],
    };
    assert!(matches!(s.apply(stale, t(100)), Err(ChangeError::Stale(_))));
    let out_of_range = s.set_lever(id, LeverId::EvShare, Some(3.0)).expect("built");
    assert!(matches!(s.apply(out_of_range, t(101)), Err(ChangeError::Range(_))));
    // Many: the second part fails, so the first must not stay.
    let many = Change::Many(vec![
        s.set_lever(id, LeverId::PvRollout, Some(0.3)).expect("set"),
        s.set_lever(9999, LeverId::PvRollout, Some(0.3)).unwrap_or(Change::Many(vec![])),
        Change::SetLevers { proposal: 9999, levers: vec![] },
    ]);
    assert_eq!(s.apply(many, t(102)), Err(ChangeError::NoProposal(9999)));
    assert_eq!(s, before);
}

#[test]
fn a_session_holds_eight_proposals_and_the_baseline_stays_the_scenarios_own() {
    let mut s = empty_session();
    for g in 0..MAX_PROPOSALS {
        s.apply(
            s.add_proposal(&format!("Gruppe {}", g + 1), targets(&[(LeverId::EvShare, 0.1 * g as f64)])),
            t(g as i64),
        )
        .expect("add");
    }
    assert_eq!(s.apply(s.add_proposal("Gruppe 9", ByLever::default()), t(20)), Err(ChangeError::Full));
    let scenario = s.scenario.scenario().expect("scenario");
    assert_eq!(s.levers(Variant::Baseline, &scenario), Some(scenario.levers));
    let colours: std::collections::BTreeSet<[u8; 3]> = s.proposals.iter().map(|p| p.details.colour).collect();
    assert_eq!(colours.len(), MAX_PROPOSALS, "every group has its own colour");
}

#[test]
fn a_session_file_round_trips() {
    let s = workshop();
    let text = to_ron(&s);
    let back = from_str_named(&text, Path::new("session.ron")).expect("reads back");
    assert_eq!(back, s);
    assert_eq!(to_ron(&back), text);
    assert!(text.contains("heat_pump_programme"), "levers are written by their keys");
}

fn error_of(text: &str) -> String {
    match from_str_named(text, Path::new("s.ron")) {
        Ok(_) => panic!("accepted a bad session"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_session_files_say_where_and_what() {
    let text = to_ron(&workshop());
    let newer = text.replacen(&format!("format_version: {FORMAT_VERSION}"), "format_version: 7", 1);
    let e = error_of(&newer);
    assert!(e.starts_with("s.ron:3:") && e.contains("format_version") && e.contains("newer"), "{e}");

    let unknown = text.replacen("\"heat_pump_programme\"", "\"heat_pumps\"", 1);
    let e = error_of(&unknown);
    assert!(e.contains("unknown lever `heat_pumps`") && e.contains("s.ron:"), "{e}");

    let out_of_range = text.replacen("\"ev_share\": 0.9", "\"ev_share\": 1.9", 1);
    assert_ne!(out_of_range, text);
    let e = error_of(&out_of_range);
    assert!(e.contains("proposals[1].levers.ev_share") && e.contains("outside its range"), "{e}");
    let line = e.split(':').nth(1).and_then(|l| l.parse::<usize>().ok()).expect("a line number");
    assert!(out_of_range.lines().nth(line - 1).is_some_and(|l| l.contains("ev_share")), "{e}");

    let hash = text.replacen("Sandvika", "Sandviken", 1);
    assert_ne!(hash, text);
    assert!(error_of(&hash).contains("scenario.blake3"));

    let dangling = text.replacen("b: Proposal(1)", "b: Proposal(42)", 1);
    assert!(error_of(&dangling).contains("view.b"), "{}", error_of(&dangling));
}

#[test]
fn truncated_and_mutated_session_files_give_errors_not_panics() {
    let text = to_ron(&workshop());
    let mut cuts = 0;
    for end in (0..text.len()).step_by(97).filter(|&e| text.is_char_boundary(e)) {
        let e = error_of(&text[..end]);
        assert!(e.starts_with("s.ron"), "{e}");
        cuts += 1;
    }
    assert!(cuts > 100);
    // Mutants: one character replaced by another at many places.
    let bytes: Vec<char> = text.chars().collect();
    for (k, at) in (0..bytes.len()).step_by(131).enumerate() {
        let mut mutant = bytes.clone();
        mutant[at] = ['}', '"', '9', ',', 'x', '('][k % 6];
        let mutant: String = mutant.into_iter().collect();
        // Some mutants are still valid (a digit in a comment or a name); none may panic.
        let _ = from_str_named(&mutant, Path::new("s.ron"));
    }
}

#[test]
fn a_huge_session_file_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.ron");
    let file = std::fs::File::create(&path).expect("create");
    file.set_len(twin_core::session::file::MAX_SESSION_BYTES + 10).expect("sparse file");
    let e = twin_core::session::file::load(&path).expect_err("too large");
    assert!(matches!(e, SessionError::File(twin_core::ScenarioError::TooLarge { .. })), "{e}");
}

#[test]
fn saves_keep_generations_and_a_damaged_file_opens_its_newest_good_generation() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("workshop.ron");
    assert!(matches!(store::open(&path), Opened::New));
    let mut s = workshop();
    let mut saved = Vec::new();
    for k in 0..7 {
        let id = s.proposals[1].id;
        s.apply(
            s.set_lever(id, LeverId::PvRollout, Some(0.1 * f64::from(k))).expect("set"),
            t(100 + 10 * i64::from(k)),
        )
        .expect("set");
        store::save(&path, &s).expect("save");
        saved.push(s.clone());
    }
    for n in 1..=store::GENERATIONS {
        let generation = twin_core::session::file::load(&generation_path(&path, n)).expect("generation");
        assert_eq!(generation, saved[saved.len() - 1 - n as usize]);
    }
    assert!(!generation_path(&path, store::GENERATIONS + 1).exists());

    // Cut the file off half way: the newest generation opens and the damaged file is kept aside.
    let text = std::fs::read(&path).expect("read");
    std::fs::write(&path, &text[..text.len() / 2]).expect("truncate");
    match store::open(&path) {
        Opened::Recovered { session, generation, problem, kept_as } => {
            assert_eq!(session, saved[saved.len() - 2]);
            assert_eq!(generation, generation_path(&path, 1));
            assert!(problem.contains("workshop.ron"), "{problem}");
            let kept = kept_as.expect("kept aside");
            assert_eq!(std::fs::read(kept).expect("kept"), text[..text.len() / 2]);
            // Saving the recovered session writes the file and leaves the generations in place:
            // FILE.1 stays the newest good save, none is pushed off.
            store::save(&path, &session).expect("save the recovered session");
            assert_eq!(twin_core::session::file::load(&path).expect("file"), session);
            assert_eq!(twin_core::session::file::load(&generation_path(&path, 1)).expect("1"), session);
            assert!(generation_path(&path, store::GENERATIONS).exists(), "the oldest is still there");
        }
        other => panic!("expected recovery, got {other:?}"),
    }

    // Nothing good at all: start afresh, keeping the damaged file.
    for n in 1..=store::GENERATIONS {
        std::fs::write(generation_path(&path, n), "garbage").expect("spoil");
    }
    std::fs::write(&path, "Session(").expect("spoil");
    match store::open(&path) {
        Opened::Damaged { kept_as, .. } => assert!(kept_as.expect("kept").exists()),
        other => panic!("expected a fresh start, got {other:?}"),
    }
}

#[test]
fn a_reader_always_finds_a_whole_session_while_saves_go_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("live.ron");
    let mut s = workshop();
    store::save(&path, &s).expect("first save");
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut reads = 0u32;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                // Never missing, never cut off: each read is the previous save or the new one.
                twin_core::session::file::load(&path).expect("a whole session at every moment");
                reads += 1;
            }
            reads
        });
        let id = s.proposals[1].id;
        for k in 0..30 {
            let change = s.set_lever(id, LeverId::PvRollout, Some(0.01 * f64::from(k))).expect("set");
            s.apply(change, t(1000 + i64::from(k))).expect("set");
            store::save(&path, &s).expect("save");
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(reader.join().expect("reader") > 0);
    });
    assert_eq!(twin_core::session::file::load(&path).expect("file"), s);
}

#[test]
fn saving_the_same_session_twice_keeps_the_generations() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.ron");
    let s = workshop();
    store::save(&path, &s).expect("save");
    store::save(&path, &s).expect("save again");
    assert!(!generation_path(&path, 1).exists(), "an unchanged session is not written again");
}

#[test]
fn the_autosave_clock_saves_soon_after_a_change_and_every_thirty_seconds() {
    use std::time::{Duration, Instant};
    let start = Instant::now();
    let mut clock = Autosave::new(start);
    assert!(!clock.due(start + Duration::from_secs(29)));
    assert!(clock.due(start + store::SAVE_EVERY));
    clock.saved(start);
    clock.changed(start + Duration::from_secs(1));
    assert!(!clock.due(start + Duration::from_millis(1400)));
    assert!(clock.due(start + Duration::from_secs(1) + store::SAVE_AFTER));
    assert!(store::SAVE_AFTER < Duration::from_secs(2), "a change is saved within 2 s");
}

#[test]
fn the_spread_and_the_median_package_follow_the_groups() {
    let mut s = empty_session();
    for (name, ev) in [("A", 0.91), ("B", 0.93), ("C", 0.97)] {
        s.apply(s.add_proposal(name, targets(&[(LeverId::EvShare, ev)])), t(0)).expect("add");
    }
    let id = s.proposals[0].id;
    s.apply(s.set_lever(id, LeverId::HeatPumpProgramme, Some(0.8)).expect("set"), t(10)).expect("set");
    let scenario = s.scenario.scenario().expect("scenario");
    let rows = spread(&s, &scenario);
    let ev = rows.iter().find(|r| r.lever == LeverId::EvShare).expect("ev");
    assert_eq!((ev.min, ev.median, ev.max, ev.moved), (0.91, 0.93, 0.97, 3));
    let hp = rows.iter().find(|r| r.lever == LeverId::HeatPumpProgramme).expect("hp");
    assert_eq!((hp.min, hp.median, hp.max, hp.moved), (hp.own, hp.own, 0.8, 1));
    let median = package(&s, &scenario, Rule::Median, ByLever::default());
    assert_eq!(median.levers.get(LeverId::EvShare), Some(&0.93));
    assert_eq!(median.levers.get(LeverId::HeatPumpProgramme), None, "two of three groups left it");
    let picked = package(&s, &scenario, Rule::Max, targets(&[(LeverId::EvShare, 0.92)]));
    assert_eq!(picked.levers.get(LeverId::EvShare), Some(&0.92), "a pick beats the rule");
    assert_eq!(picked.levers.get(LeverId::HeatPumpProgramme), Some(&0.8));
}

#[test]
fn contributions_add_up_to_what_the_package_does() {
    let mut s = empty_session();
    s.apply(s.add_proposal("Elbil", targets(&[(LeverId::EvShare, 0.95)])), t(0)).expect("add");
    s.apply(
        s.add_proposal("Bygg", targets(&[(LeverId::FossilFreeConstruction, 0.9), (LeverId::EvShare, 0.95)])),
        t(1),
    )
    .expect("add");
    s.apply(s.add_proposal("Ingenting", ByLever::default()), t(2)).expect("add");
    let scenario = s.scenario.scenario().expect("scenario");
    let prepared = Prepared::new(&scenario);
    let pack = package(&s, &scenario, Rule::Max, ByLever::default());
    let gap = gap_closing(&s, &scenario, &prepared, &pack).expect("runs").expect("Bærum has a target");
    let credited: f64 = gap.contributions.iter().map(|c| c.kpi_change).sum();
    assert!((credited + gap.interaction - (gap.package - gap.baseline)).abs() < 1e-9);
    assert!(gap.package < gap.baseline, "electric cars and machines cut emissions");
    assert_eq!(gap.contributions[2].kpi_change, 0.0, "a group that moved nothing contributes nothing");
    // The building-site group gets the whole effect of electric machines and half of the EV
    // effect (the target is on the territorial inventory, where heat pumps' saved grid
    // electricity counts for nothing).
    assert!(gap.contributions[1].kpi_change < gap.contributions[0].kpi_change);
    assert!(gap.contributions.iter().all(|c| c.share_of_gap >= 0.0));
}

#[test]
fn another_sessions_proposals_import_with_new_ids() {
    let mut here = workshop();
    let mut there = empty_session();
    there.title = "Bord 2".into();
    there.apply(there.add_proposal("Gruppe 1", targets(&[(LeverId::PvRollout, 0.7)])), t(0)).expect("add");
    there.apply(there.add_proposal("Ungdom", ByLever::default()), t(1)).expect("add");
    let change = import(&here, &there).expect("same scenario");
    here.apply(change, t(200)).expect("import");
    let names: Vec<&str> = here.proposals.iter().map(|p| p.details.name.as_str()).collect();
    assert_eq!(names, ["Gruppe 1", "Gruppe 2", "Gruppe 1 (Bord 2)", "Ungdom"]);
    let ids: std::collections::BTreeSet<u32> = here.proposals.iter().map(|p| p.id).collect();
    assert_eq!(ids.len(), 4);
    here.undo(t(201)).expect("an import undoes as one step");
    assert_eq!(here.proposals.len(), 2);

    let mut elsewhere = empty_session();
    elsewhere.scenario = ScenarioCopy::new(None, scenario_text().replacen("Bærum", "Baerum", 1));
    assert!(import(&here, &elsewhere).is_err());
}

#[test]
fn a_session_scenario_copy_is_the_scenario() {
    let s = empty_session();
    let scenario: Scenario = s.scenario.scenario().expect("valid");
    assert_eq!(scenario.site.kommune_number, "3201");
}

#[test]
fn an_outcome_belongs_to_the_newest_change_of_its_variant() {
    let mut s = workshop();
    let id = s.proposals[0].id;
    for (k, share) in [(0, 0.2), (1, 0.9)] {
        let change = s.set_lever(id, LeverId::EvShare, Some(share)).expect("set");
        s.apply(change, t(500 + 100 * k)).expect("set");
    }
    let headline = twin_core::session::Headline {
        variant: Variant::Proposal(id),
        year: 2030,
        values: [("ghg_per_capita".to_owned(), 1.0)].into_iter().collect(),
    };
    s.record_outcome(&headline);
    let moved: Vec<_> =
        s.journal.iter().filter(|e| e.change.moved().contains(&Variant::Proposal(id))).collect();
    assert_eq!(moved.last().and_then(|e| e.outcome.as_ref()), Some(&headline), "the newest change has it");
    assert!(moved[..moved.len() - 1].iter().all(|e| e.outcome.is_none()), "older ones did not cause it");
}
