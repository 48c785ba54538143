//! Builds the viewer's bevy app from its options: the window, the plugins (one per feature), the
//! workshop session and the order of the frame.

use bevy::prelude::*;
use bevy::window::WindowResolution;
use twin_core::catalogue::levers::LeverId;
use twin_core::session::{Session, Variant};

use crate::automation::ScreenshotJob;
use crate::sim::Sim;
use crate::view::{Lang, ViewState};
use crate::workshop::{Side, Workshop};

/// How to start the viewer.
#[derive(Debug, Clone)]
pub struct Options {
    /// The session to run (opened from its file, recovered, or new on a scenario).
    pub session: Session,
    /// The session's file (`None`: kept in memory until the facilitator saves it).
    pub session_path: Option<std::path::PathBuf>,
    /// Lever targets from `--set`, moved in the active proposal after start.
    pub set: Vec<(LeverId, f64)>,
    /// A snapshot to take after `--set` (`--snapshot NAME`).
    pub snapshot: Option<String>,
    /// Window size in logical pixels.
    pub size: (u32, u32),
    /// Fill the screen without a frame (a kiosk without `--size`).
    pub fill_screen: bool,
    /// Language.
    pub lang: Lang,
    /// Open the projector's own window for a second screen.
    pub presenter: bool,
    /// Show the broadcast picture (16:9, title, clock, map, three KPIs).
    pub broadcast: bool,
    /// Start with the window showing the projector view.
    pub projector: bool,
    /// Run as a citizen kiosk, sending comments to the inbox of this session file (if any).
    pub kiosk: Option<Option<std::path::PathBuf>>,
    /// Save a screenshot and exit.
    pub screenshot: Option<ScreenshotJob>,
    /// Measure frame and recompute times, print them and exit.
    pub measure: Option<crate::automation::Measure>,
    /// A message to show on opening (e.g. why the file named on the command line did not open).
    pub notice: Option<crate::view::Notice>,
}

/// The app, ready to run. Fails only if the session's own scenario does not open (the caller
/// checked it when it made the session).
pub fn build(options: Options) -> anyhow::Result<App> {
    let scenario = options.session.scenario.scenario()?;
    let mut app = App::new();
    let title = format!("Kommunetvilling – {}", scenario.name);
    // A kiosk fills its screen without a frame to close it by.
    let fullscreen = options.fill_screen;
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title,
            resolution: WindowResolution::new(options.size.0, options.size.1),
            mode: if fullscreen {
                bevy::window::WindowMode::BorderlessFullscreen(bevy::window::MonitorSelection::Current)
            } else {
                bevy::window::WindowMode::Windowed
            },
            decorations: !fullscreen,
            ..default()
        }),
        close_when_requested: !fullscreen,
        ..default()
    }));
    configure_frame(&mut app);
    let mut view = ViewState::new(scenario.base_year);
    view.lang = options.lang;
    view.notice = options.notice;

    // Open on the session's year, else 2030 (the year most municipal targets name).
    let year = options.session.view.year.unwrap_or(2030);
    view.year = year.clamp(scenario.base_year, scenario.end_year);
    let mut session = options.session;
    let kiosk = options
        .kiosk
        .as_ref()
        .map(|file| crate::kiosk::Kiosk::new(&mut session, file.as_deref(), options.lang));
    // A kiosk never writes the session: it keeps it in memory only.
    let path = if kiosk.is_some() { None } else { options.session_path };
    let mut workshop = Workshop::new(session, path);
    if !options.set.is_empty() {
        // `--set` moves levers in the active proposal (a new one if none), never in the
        // baseline nor as picks in the room's package.
        match workshop.session.view.active.filter(|id| workshop.session.proposal(*id).is_some()) {
            Some(id) => workshop.show(Side::B, Variant::Proposal(id)),
            None => workshop.show(Side::B, Variant::Baseline),
        }
        workshop.set_targets(&options.set, &scenario, options.lang)?;
    }
    if let Some(name) = options.snapshot {
        let of = workshop.session.view.b;
        if let Some(change) = workshop.session.take_snapshot(&name, "", of, jiff::Timestamp::now()) {
            workshop.apply(change)?;
        }
    }
    info!(
        "session: {} proposals, {} snapshots, {} journal entries{}",
        workshop.session.proposals.len(),
        workshop.session.snapshots.len(),
        workshop.session.journal.len(),
        workshop.path.as_ref().map(|p| format!(" ({})", p.display())).unwrap_or_default()
    );
    let mut projector = crate::projector::Projector {
        on: options.projector || options.broadcast,
        broadcast: options.broadcast,
        window_wanted: options.presenter,
        ..Default::default()
    };
    let projected = options.projector || options.presenter || options.broadcast;
    if projected && workshop.session.room.projected.is_none() {
        projector.send(&mut workshop.session, view.year, jiff::Timestamp::now());
    }
    app.insert_resource(Sim::new(scenario)).insert_resource(view).insert_resource(workshop);
    app.insert_resource(projector);
    if let Some(kiosk) = kiosk {
        app.insert_resource(kiosk);
    }
    app.add_plugins((
        crate::sim::plugin,
        crate::workshop::plugin,
        crate::camera::plugin,
        crate::flat::plugin,
        crate::software::plugin,
        crate::map::plugin,
        crate::files::plugin,
        crate::map_picture::plugin,
        crate::redraw::plugin,
        crate::gap::plugin,
        crate::projector::plugin,
        crate::ui::plugin,
        crate::automation::plugin,
    ));
    if options.screenshot.is_some() || options.measure.is_some() {
        // Automation counts frames: render continuously.
        app.insert_resource(crate::redraw::Continuous)
            .insert_resource(bevy::winit::WinitSettings::continuous());
    }
    if let Some(job) = options.screenshot {
        app.insert_resource(job);
    }
    if let Some(measure) = options.measure {
        // Time spent in each render pass, on the CPU and (where the driver has timestamp
        // queries, as Mesa's llvmpipe does) on the device, for the measurement's report.
        app.add_plugins(bevy::render::diagnostic::RenderDiagnosticsPlugin).insert_resource(measure);
    }
    Ok(app)
}

/// The order of a frame's work in [`Update`]; the panels follow in egui's pass and the requests
/// to the model go out in [`Last`].
pub fn configure_frame(app: &mut App) {
    use crate::FrameSet;
    app.configure_sets(Update, (FrameSet::Input, FrameSet::Bridge, FrameSet::Derived, FrameSet::Map).chain());
}
