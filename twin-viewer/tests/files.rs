//! Opening and saving from the window, headless: an invalid file shows its error (file, line,
//! column, field) and keeps the open scenario; a valid one replaces it; saving writes a file
//! that reads back with the viewer's levers.

use bevy::prelude::*;
use twin_core::catalogue::levers::LeverId;
use twin_viewer::files::{self, FileRequest, Files};
use twin_viewer::sim::{self, Sim};
use twin_viewer::view::{Notice, ViewState};

fn app() -> App {
    let scenario = twin_viewer::scenarios::default_scenario().expect("built-in scenario");
    let base_year = scenario.base_year;
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .init_resource::<ButtonInput<KeyCode>>()
        .insert_resource(Sim::new(scenario))
        .insert_resource(ViewState::new(base_year))
        .add_plugins((sim::plugin, files::plugin));
    app.update();
    app
}

fn request(app: &mut App, request: FileRequest) {
    app.world_mut().write_message(request);
    app.update();
}

#[test]
fn an_invalid_file_shows_where_it_is_wrong_and_keeps_the_scenario() {
    let mut app = app();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.ron");
    let text = twin_viewer::scenarios::DEFAULT_RON.replacen("seed: 3201,", "seed: 3201, colour: \"red\",", 1);
    let line = text.lines().position(|l| l.contains("colour")).expect("edited line") + 1;
    std::fs::write(&path, text).expect("write");
    let before = app.world().resource::<Sim>().scenario.clone();
    request(&mut app, FileRequest::OpenPath(path.clone()));
    let Some(Notice::Error(message)) = app.world().resource::<ViewState>().notice.clone() else {
        panic!("no error shown");
    };
    assert!(message.contains(&format!("broken.ron:{line}:")), "names file and line: {message}");
    assert!(message.contains("colour"), "names the field: {message}");
    assert!(
        std::sync::Arc::ptr_eq(&before, &app.world().resource::<Sim>().scenario),
        "the open scenario stays"
    );
    assert_eq!(app.world().resource::<Files>().path, None);
}

#[test]
fn open_then_save_round_trips_the_levers() {
    let mut app = app();
    let alesund = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/alesund.ron");
    request(&mut app, FileRequest::OpenPath(alesund.into()));
    assert_eq!(app.world().resource::<Sim>().scenario.site.kommune_number, "1508");
    assert!(matches!(app.world().resource::<ViewState>().notice, Some(Notice::Info(_))));
    app.world_mut().resource_mut::<Sim>().levers.set_target(LeverId::SortingCampaign, 0.7).expect("range");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("workshop.ron");
    request(&mut app, FileRequest::SavePath(out.clone()));
    assert_eq!(app.world().resource::<Files>().path.as_deref(), Some(out.as_path()));
    let saved = twin_viewer::scenarios::open(&out).expect("reads back");
    assert_eq!(saved.levers, app.world().resource::<Sim>().levers);
    // Ctrl+S now saves to the same file without asking.
    app.world_mut().resource_mut::<Sim>().levers.set_target(LeverId::SortingCampaign, 0.2).expect("range");
    request(&mut app, FileRequest::Save);
    let saved = twin_viewer::scenarios::open(&out).expect("reads back");
    assert_eq!(saved.levers.get(LeverId::SortingCampaign).target, 0.2);
}

#[test]
fn a_file_with_unusual_values_opens_and_lists_its_warnings() {
    let mut app = app();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("unusual.ron");
    let text = twin_viewer::scenarios::DEFAULT_RON.replacen("ev_kwh_per_km: 0.18,", "ev_kwh_per_km: 0.6,", 1);
    let line = text.lines().position(|l| l.contains("ev_kwh_per_km: 0.6")).expect("edited line") + 1;
    std::fs::write(&path, text).expect("write");
    request(&mut app, FileRequest::OpenPath(path.clone()));
    let Some(Notice::Warning(message)) = app.world().resource::<ViewState>().notice.clone() else {
        panic!("no warning shown: {:?}", app.world().resource::<ViewState>().notice);
    };
    assert!(message.contains(&format!("unusual.ron:{line}:")), "names file and line: {message}");
    assert!(message.contains("transport.ev_kwh_per_km") && message.contains("§3.7"), "{message}");
    assert_eq!(app.world().resource::<Sim>().scenario.transport.ev_kwh_per_km, 0.6, "the scenario opened");
}
