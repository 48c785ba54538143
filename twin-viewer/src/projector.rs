//! The projector: what the room sees, apart from what the operator is doing. The operator sends
//! the current view (F6, or moving to another phase of the agenda sends that phase's screen); the
//! projector keeps the results of that moment until the next send, so lever moves, tries and undo
//! at the laptop stay off the wall. F7 (or `--presenter`) opens the projector in a second window
//! for the second screen while the operator keeps the controls; F5 turns the one window into the
//! projector view and back (one screen); S shows where the numbers come from; Ctrl+→ / Ctrl+←
//! move through the agenda.
//!
//! Also the pins being placed: a category chosen in the room panel (or on the kiosk) waits for a
//! click on the map, which becomes a [`PinDraft`] in WGS 84 with the district under it.
//!
//! Invariant: while a send waits for results, the projector shows the previous send's.

use std::collections::BTreeMap;
use std::sync::Arc;

use bevy::camera::RenderTarget;
use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;
use bevy::window::{WindowRef, WindowResolution};
use bevy_egui::EguiSchedule;
use jiff::Timestamp;
use twin_core::Outcome;
use twin_core::session::compare::{GapClosing, LeverSpread};
use twin_core::session::room::{PinCategory, PinDraft, Projection, Screen};
use twin_core::session::{Session, Variant, View, ViewMode};

use crate::gap::Gap;
use crate::sim::{RunResult, Sim};
use crate::view::ViewState;
use crate::workshop::Workshop;

/// What the projector shows and how it was asked for.
#[derive(Resource, Debug, Default)]
pub struct Projector {
    /// This window shows the projector view (F5).
    pub on: bool,
    /// The projector view is the broadcast picture (`--broadcast`).
    pub broadcast: bool,
    /// The sources overlay on the projector (S).
    pub sources: bool,
    /// What was last sent and the results frozen for it.
    pub shown: Option<Shown>,
    /// A send whose results are still being computed (shown once they are all in).
    pub waiting: Option<Shown>,
    /// The projector's own window is wanted (F7, `--presenter`).
    pub window_wanted: bool,
    /// The projector's window, while open.
    pub window: Option<Entity>,
}

/// The egui pass of the projector's window.
#[derive(ScheduleLabel, Clone, Debug, PartialEq, Eq, Hash)]
pub struct ProjectorPass;

/// Marks the projector's window and its camera.
#[derive(Component, Debug)]
pub struct ProjectorWindow;

/// A send: the view, the screen and the results of A and B at that moment.
#[derive(Debug, Clone)]
pub struct Shown {
    /// What was sent.
    pub projection: Projection,
    /// A's result.
    pub a: Option<RunResult>,
    /// B's result.
    pub b: Option<RunResult>,
    /// The groups' or the spread's page, on those screens.
    pub wall: Option<Wall>,
}

/// The groups' or the spread's page as it was at a send: the proposals, every variant's outcome
/// and the package's gap to the target, so edits at the laptop stay off the wall.
#[derive(Debug, Clone)]
pub struct Wall {
    /// The session as sent (its proposals, names and colours).
    pub session: Arc<Session>,
    /// Each variant's outcome, as it comes in.
    pub outcomes: BTreeMap<Variant, Arc<Outcome>>,
    /// Where the proposals put each lever (the spread screen).
    pub spread: Vec<LeverSpread>,
    /// What the package closes of the gap, once computed for this send (the spread screen).
    pub gap: Option<Option<GapClosing>>,
}

impl Wall {
    fn new(session: &Session, screen: Screen) -> Wall {
        Wall {
            session: Arc::new(session.clone()),
            outcomes: BTreeMap::new(),
            spread: Vec::new(),
            // Only the spread shows the gap.
            gap: (screen == Screen::Groups).then_some(None),
        }
    }

    fn complete(&self) -> bool {
        self.gap.is_some() && self.session.variants().iter().all(|v| self.outcomes.contains_key(v))
    }

    /// Takes each variant's result and the gap once they answer the session as sent.
    fn capture(&mut self, sim: &Sim, gap: &Gap) {
        if self.spread.is_empty() {
            self.spread = twin_core::session::compare::spread(&self.session, &sim.scenario);
        }
        for variant in self.session.variants() {
            if !self.outcomes.contains_key(&variant)
                && sim.up_to_date(variant)
                && let Some(result) = sim.result(variant)
            {
                self.outcomes.insert(variant, Arc::clone(&result.outcome));
            }
        }
        if self.gap.is_none() && gap.answers(&self.session) {
            self.gap = Some(gap.result.clone());
        }
    }
}

impl Shown {
    fn new(projection: Projection, session: &Session) -> Shown {
        let wall = matches!(projection.screen, Screen::Groups | Screen::Spread)
            .then(|| Wall::new(session, projection.screen));
        Shown { projection, a: None, b: None, wall }
    }

    fn complete(&self) -> bool {
        self.a.is_some() && self.b.is_some() && self.wall.as_ref().is_none_or(Wall::complete)
    }

    /// The frozen result of a variant, if it is A or B of this send.
    pub fn result(&self, variant: Variant) -> Option<&RunResult> {
        let v = &self.projection.view;
        if variant == v.b {
            self.b.as_ref()
        } else if variant == v.a {
            self.a.as_ref()
        } else {
            None
        }
    }
}

/// The screen a view is shown on when no agenda phase says otherwise.
pub fn screen_of(mode: ViewMode) -> Screen {
    match mode {
        ViewMode::Single | ViewMode::Difference => Screen::Map,
        ViewMode::SideBySide => Screen::SideBySide,
        ViewMode::Groups => Screen::Groups,
        ViewMode::Spread => Screen::Spread,
    }
}

impl Projector {
    /// Sends the session's current view (in the current phase's screen) to the projector; the
    /// session keeps what was sent, so a restart shows it again.
    pub fn send(&mut self, session: &mut Session, year: i32, now: Timestamp) {
        let screen = session.room.agenda.phase().map_or(screen_of(session.view.mode), |p| p.screen);
        let view = View { year: Some(year), ..session.view };
        let projection = Projection { view, screen, at: now };
        session.room.projected = Some(projection);
        self.waiting = Some(Shown::new(projection, session));
    }

    /// Takes up what the session says was sent last (after opening a session).
    pub fn restore(&mut self, session: &Session) {
        self.waiting = session.room.projected.map(|projection| Shown::new(projection, session));
    }

    /// The view the map shows: the projected one on the projector, else the session's.
    pub fn view(&self, session: &Session) -> View {
        match (&self.shown, self.on) {
            (Some(shown), true) => shown.projection.view,
            _ => session.view,
        }
    }

    /// The result the map and panels show for a variant: frozen on the projector, live otherwise.
    pub fn result<'a>(&'a self, sim: &'a Sim, variant: Variant) -> Option<&'a RunResult> {
        match (&self.shown, self.on) {
            (Some(shown), true) => shown.result(variant),
            _ => sim.result(variant),
        }
    }

    /// Fills a waiting send with results that answer it, and shows it once both are in.
    fn capture(&mut self, sim: &Sim, gap: &Gap) {
        let Some(waiting) = self.waiting.as_mut() else { return };
        let view = waiting.projection.view;
        if waiting.b.is_none() && sim.up_to_date(view.b) {
            waiting.b = sim.result(view.b).cloned();
        }
        if waiting.a.is_none() && sim.up_to_date(view.a) {
            waiting.a = sim.result(view.a).cloned();
        }
        if let Some(wall) = waiting.wall.as_mut() {
            wall.capture(sim, gap);
        }
        if waiting.complete() {
            self.shown = self.waiting.take();
        }
    }
}

/// The pin waiting for a click on the map, and the one just placed.
#[derive(Resource, Debug, Default)]
pub struct PinPlacing {
    /// The category of the pin the next click places.
    pub category: Option<PinCategory>,
    /// Its story.
    pub story: String,
    /// The pin placed by the last click, for the layout to add to the session.
    pub placed: Option<PinDraft>,
}

/// Adds the projector's state, keys and capture to the app.
pub fn plugin(app: &mut App) {
    app.init_resource::<Projector>()
        .init_resource::<PinPlacing>()
        .add_systems(Startup, restore)
        .add_systems(Update, (keys, open_or_close_window).chain().in_set(crate::FrameSet::Input))
        .add_systems(Update, capture.after(crate::gap::update).in_set(crate::FrameSet::Derived));
}

/// Opens the projector's window (with a camera that egui draws through) when it is wanted, closes
/// it when not, and notices when the window was closed by hand.
fn open_or_close_window(
    mut commands: Commands,
    view: Res<ViewState>,
    mut projector: ResMut<Projector>,
    windows: Query<Entity, (With<Window>, With<ProjectorWindow>)>,
    parts: Query<Entity, With<ProjectorWindow>>,
) {
    if let Some(window) = projector.window
        && windows.get(window).is_err()
    {
        // Closed from its title bar: take down the camera too.
        projector.window = None;
        projector.window_wanted = false;
        parts.iter().for_each(|e| commands.entity(e).despawn());
    }
    match (projector.window_wanted, projector.window) {
        (true, None) => {
            let window = commands
                .spawn((
                    Window {
                        title: crate::i18n::t(view.lang, "projector-window-title").into(),
                        resolution: WindowResolution::new(1280, 720),
                        ..default()
                    },
                    ProjectorWindow,
                ))
                .id();
            commands.spawn((
                Camera2d,
                // egui smooths its own edges.
                bevy::render::view::Msaa::Off,
                Camera { clear_color: ClearColorConfig::Custom(Color::BLACK), ..default() },
                RenderTarget::Window(WindowRef::Entity(window)),
                EguiSchedule::new(ProjectorPass),
                ProjectorWindow,
            ));
            projector.window = Some(window);
        }
        (false, Some(_)) => {
            parts.iter().for_each(|e| commands.entity(e).despawn());
            projector.window = None;
        }
        _ => {}
    }
}

fn restore(workshop: Res<Workshop>, mut projector: ResMut<Projector>) {
    projector.restore(&workshop.session);
}

fn capture(sim: Res<Sim>, gap: Res<Gap>, mut projector: ResMut<Projector>) {
    if projector.waiting.is_some() {
        projector.capture(&sim, &gap);
    }
}

/// F5 projector view, F6 send, F7 the projector's window, S sources (on the projector), Ctrl+→ /
/// Ctrl+← next / previous phase.
fn keys(
    keys: Res<ButtonInput<KeyCode>>,
    view: Res<ViewState>,
    mut workshop: ResMut<Workshop>,
    mut projector: ResMut<Projector>,
) {
    if !view.keys_free {
        return;
    }
    if keys.just_pressed(KeyCode::F5) {
        projector.on = !projector.on;
        if projector.on && projector.shown.is_none() && projector.waiting.is_none() {
            projector.send(&mut workshop.session, view.year, Timestamp::now());
            workshop.view_changed();
        }
    }
    if keys.just_pressed(KeyCode::F7) {
        projector.window_wanted = !projector.window_wanted;
        if projector.window_wanted && projector.shown.is_none() && projector.waiting.is_none() {
            projector.send(&mut workshop.session, view.year, Timestamp::now());
            workshop.view_changed();
        }
    }
    if keys.just_pressed(KeyCode::F6) {
        projector.send(&mut workshop.session, view.year, Timestamp::now());
        workshop.view_changed();
    }
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    if (projector.on || projector.window.is_some()) && !ctrl && keys.just_pressed(KeyCode::KeyS) {
        projector.sources = !projector.sources;
    }
    let step = match (keys.just_pressed(KeyCode::ArrowRight), keys.just_pressed(KeyCode::ArrowLeft)) {
        (true, false) if ctrl => Some(1isize),
        (false, true) if ctrl => Some(-1),
        _ => None,
    };
    if let Some(step) = step {
        let agenda = &workshop.session.room.agenda;
        let to = match agenda.current {
            None if step > 0 => Some(0),
            None => None,
            Some(i) => i.checked_add_signed(step).filter(|&i| i < agenda.phases.len()),
        };
        if let Some(to) = to {
            go_to_phase(&mut workshop, &mut projector, to, view.year);
        }
    }
}

/// Moves the room to a phase: the operator's view follows the phase's screen, and it is sent.
pub fn go_to_phase(workshop: &mut Workshop, projector: &mut Projector, phase: usize, year: i32) {
    let now = Timestamp::now();
    let change = workshop.session.go_to_phase(Some(phase), now);
    if workshop.apply(change).is_err() {
        return;
    }
    follow_phase(workshop, projector, year, now);
}

/// After a phase change: the view takes the phase's mode (if it shows a map) and is sent.
pub fn follow_phase(workshop: &mut Workshop, projector: &mut Projector, year: i32, now: Timestamp) {
    if let Some(mode) = workshop.session.room.agenda.phase().and_then(|p| p.screen.view_mode()) {
        workshop.session.view.mode = mode;
    }
    projector.send(&mut workshop.session, year, now);
    workshop.view_changed();
}
