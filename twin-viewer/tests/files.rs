//! Files from the window, headless: an invalid scenario shows its error (file, line, column,
//! field) and changes nothing; a valid one opens into the session and Ctrl+Z takes it back; the
//! session saves to the file chosen and then by itself; exporting B never writes over the
//! scenario file the session runs on.

use std::path::Path;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use twin_core::catalogue::levers::LeverId;
use twin_viewer::files::{self, FileRequest};
use twin_viewer::sim::{self, Sim};
use twin_viewer::view::{Lang, Notice, ViewState};
use twin_viewer::workshop::{self, Workshop};

fn app_on(scenario: Option<&Path>) -> App {
    let start = twin_viewer::scenarios::start(None, scenario, Lang::Nb);
    let scenario = start.session.scenario.scenario().expect("scenario");
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .init_resource::<ButtonInput<KeyCode>>()
        .insert_resource(ViewState::new(scenario.base_year))
        .insert_resource(Sim::new(scenario))
        .insert_resource(Workshop::new(start.session, None));
    twin_viewer::app::configure_frame(&mut app);
    app.add_plugins((sim::plugin, workshop::plugin, files::plugin));
    app.update();
    app
}

/// Sends a request and runs frames until `done` holds (files are read on a thread).
fn request_until(app: &mut App, request: FileRequest, done: impl Fn(&App) -> bool) {
    app.world_mut().write_message(request);
    let start = Instant::now();
    while !done(app) {
        app.update();
        assert!(start.elapsed() < Duration::from_secs(60), "the request was not answered");
        std::thread::yield_now();
    }
}

fn notice(app: &App) -> Option<Notice> {
    app.world().resource::<ViewState>().notice.clone()
}

#[test]
fn an_invalid_file_shows_where_it_is_wrong_and_changes_nothing() {
    let mut app = app_on(None);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.ron");
    let text = twin_viewer::scenarios::DEFAULT_RON.replacen("seed: 3201,", "seed: 3201, colour: \"red\",", 1);
    let line = text.lines().position(|l| l.contains("colour")).expect("edited line") + 1;
    std::fs::write(&path, text).expect("write");
    let before = app.world().resource::<Workshop>().session.clone();
    request_until(&mut app, FileRequest::OpenPath(path.clone()), |app| notice(app).is_some());
    let Some(Notice::Error(message)) = notice(&app) else { panic!("no error shown") };
    // In the viewer's language (bokmål by default).
    assert!(
        message.contains(&format!("broken.ron, linje {line}, kolonne ")),
        "names file and line: {message}"
    );
    assert!(message.contains("colour"), "names the field: {message}");
    assert_eq!(app.world().resource::<Workshop>().session, before, "the session is as it was");
}

#[test]
fn opening_a_scenario_is_a_change_that_undo_takes_back() {
    let mut app = app_on(None);
    let alesund = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/alesund.ron");
    request_until(&mut app, FileRequest::OpenPath(alesund.into()), |app| notice(app).is_some());
    assert!(matches!(notice(&app), Some(Notice::Info(_))), "{:?}", notice(&app));
    app.update();
    assert_eq!(app.world().resource::<Sim>().scenario.site.kommune_number, "1508");
    app.world_mut().resource_mut::<Workshop>().undo().expect("undo");
    app.update();
    assert_eq!(app.world().resource::<Sim>().scenario.site.kommune_number, "3201");
}

#[test]
fn the_session_saves_where_chosen_and_then_by_itself() {
    let mut app = app_on(None);
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("verksted.ron");
    request_until(&mut app, FileRequest::SavePath(out.clone()), |_| out.exists());
    let saved = twin_core::session::file::load(&out).expect("a valid session");
    assert_eq!(saved, app.world().resource::<Workshop>().session);
    {
        let mut workshop = app.world_mut().resource_mut::<Workshop>();
        let scenario = twin_viewer::scenarios::default_scenario().expect("built-in");
        workshop.set_targets(&[(LeverId::SortingCampaign, 0.7)], &scenario, Lang::Nb).expect("range");
    }
    // Saved within a second of the change, without asking.
    let start = Instant::now();
    loop {
        app.update();
        let on_disk = twin_core::session::file::load(&out).expect("always a valid session");
        if on_disk.proposals.first().and_then(|p| p.levers.get(LeverId::SortingCampaign)) == Some(&0.7) {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "not saved");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(twin_core::session::store::generation_path(&out, 1).exists(), "the save before is kept");
}

#[test]
fn exporting_never_writes_over_the_sessions_scenario() {
    let dir = tempfile::tempdir().expect("tempdir");
    let source = dir.path().join("baerum.ron");
    std::fs::write(&source, twin_viewer::scenarios::DEFAULT_RON).expect("copy");
    let mut app = app_on(Some(&source));
    {
        let mut workshop = app.world_mut().resource_mut::<Workshop>();
        let scenario = twin_viewer::scenarios::default_scenario().expect("built-in");
        workshop.set_targets(&[(LeverId::HeatPumpProgramme, 0.6)], &scenario, Lang::Nb).expect("range");
    }
    app.update();
    request_until(&mut app, FileRequest::ExportPath(source.clone()), |app| notice(app).is_some());
    assert!(matches!(notice(&app), Some(Notice::Error(_))), "{:?}", notice(&app));
    assert_eq!(std::fs::read_to_string(&source).expect("read"), twin_viewer::scenarios::DEFAULT_RON);
    app.world_mut().resource_mut::<ViewState>().notice = None;
    let out = dir.path().join("gruppe-1.ron");
    request_until(&mut app, FileRequest::ExportPath(out.clone()), |app| notice(app).is_some());
    let exported = twin_viewer::scenarios::open(&out).expect("reads back");
    assert_eq!(exported.levers.get(LeverId::HeatPumpProgramme).target, 0.6, "B's levers");
}

#[test]
fn a_file_with_unusual_values_opens_and_lists_its_warnings() {
    let mut app = app_on(None);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("unusual.ron");
    let text = twin_viewer::scenarios::DEFAULT_RON.replacen("ev_kwh_per_km: 0.18,", "ev_kwh_per_km: 0.6,", 1);
    let line = text.lines().position(|l| l.contains("ev_kwh_per_km: 0.6")).expect("edited line") + 1;
    std::fs::write(&path, text).expect("write");
    request_until(&mut app, FileRequest::OpenPath(path.clone()), |app| notice(app).is_some());
    let Some(Notice::Warning(message)) = notice(&app) else { panic!("no warning shown: {:?}", notice(&app)) };
    assert!(
        message.contains(&format!("unusual.ron, linje {line}, kolonne ")),
        "names file and line: {message}"
    );
    assert!(message.contains("transport.ev_kwh_per_km") && message.contains("§3.7"), "{message}");
    assert!(
        message.contains("0,6 kWh/km er utenfor det vanlige for en norsk kommune"),
        "in bokmål: {message}"
    );
    app.update();
    assert_eq!(app.world().resource::<Sim>().scenario.transport.ev_kwh_per_km, 0.6, "the scenario opened");
}

#[test]
fn another_sessions_proposals_import_and_undo_takes_them_back() {
    let mut app = app_on(None);
    let dir = tempfile::tempdir().expect("tempdir");
    let other = dir.path().join("bord-2.ron");
    let copy = twin_viewer::scenarios::scenario_copy(None).expect("built-in");
    let mut theirs = twin_core::session::Session::new("Bord 2", copy, jiff::Timestamp::UNIX_EPOCH);
    for name in ["Ungdom", "Næring"] {
        let change = theirs.add_proposal(name, Default::default());
        theirs.apply(change, jiff::Timestamp::UNIX_EPOCH).expect("add");
    }
    twin_core::session::store::save(&other, &theirs).expect("save");
    request_until(&mut app, FileRequest::ImportPath(other), |app| notice(app).is_some());
    assert!(matches!(notice(&app), Some(Notice::Info(_))), "{:?}", notice(&app));
    let names: Vec<String> =
        app.world().resource::<Workshop>().session.proposals.iter().map(|p| p.details.name.clone()).collect();
    assert_eq!(names, ["Ungdom", "Næring"]);
    app.world_mut().resource_mut::<Workshop>().undo().expect("undo the import");
    assert!(app.world().resource::<Workshop>().session.proposals.is_empty());
}
