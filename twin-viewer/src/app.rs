//! Builds the viewer's bevy app from its options: the window, the plugins (one per feature) and
//! the starting scenario and levers.

use bevy::prelude::*;
use bevy::window::WindowResolution;
use twin_core::Scenario;
use twin_core::catalogue::levers::Levers;

use crate::automation::ScreenshotJob;
use crate::sim::Sim;
use crate::view::{Lang, ViewState};

/// How to start the viewer.
#[derive(Debug, Clone)]
pub struct Options {
    /// The scenario to open.
    pub scenario: Scenario,
    /// Its file (`None` for the built-in one).
    pub path: Option<std::path::PathBuf>,
    /// Levers to start with (the scenario's own unless `--set` changed some).
    pub levers: Levers,
    /// Window size in logical pixels.
    pub size: (u32, u32),
    /// Language.
    pub lang: Lang,
    /// Save a screenshot and exit.
    pub screenshot: Option<ScreenshotJob>,
    /// Measure frame and recompute times, print them and exit.
    pub measure: Option<crate::automation::Measure>,
    /// A message to show on opening (e.g. why the file named on the command line did not open).
    pub notice: Option<crate::view::Notice>,
}

/// The app, ready to run.
pub fn build(options: Options) -> App {
    let mut app = App::new();
    let title = format!("Kommunetvilling – {}", options.scenario.name);
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title,
            resolution: WindowResolution::new(options.size.0, options.size.1),
            ..default()
        }),
        ..default()
    }));
    let mut view = ViewState::new(options.scenario.base_year);
    view.lang = options.lang;
    view.notice = options.notice;
    // Open on 2030, the year most municipal targets name (or the nearest simulated year).
    view.year = options.scenario.end_year.min(2030.max(options.scenario.base_year));
    let mut sim = Sim::new(options.scenario);
    sim.levers = options.levers;
    app.insert_resource(sim).insert_resource(view);
    app.add_plugins((
        crate::sim::plugin,
        crate::camera::plugin,
        crate::map::plugin,
        crate::files::plugin,
        crate::ui::plugin,
        crate::automation::plugin,
    ));
    app.world_mut().resource_mut::<crate::files::Files>().path = options.path;
    if let Some(job) = options.screenshot {
        app.insert_resource(job);
    }
    if let Some(measure) = options.measure {
        app.insert_resource(measure);
    }
    app
}
