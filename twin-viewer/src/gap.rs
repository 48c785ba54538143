//! The room's package against the scenario's first target: how much of the gap from the baseline
//! to the target it closes, and each group's contribution (`twin_core::session::compare::gap_closing`).
//! It takes a run per lever of the package, so it is computed on a thread of its own when the
//! package or the proposals change, and only while the spread view is open or being sent to the
//! projector.

use std::sync::Arc;

use bevy::prelude::*;
use crossbeam::channel::{Receiver, bounded};
use twin_core::Scenario;
use twin_core::prepare::Prepared;
use twin_core::session::compare::{GapClosing, gap_closing};
use twin_core::session::room::Screen;
use twin_core::session::{Session, ViewMode};

use crate::projector::Projector;
use crate::sim::Sim;
use crate::workshop::Workshop;

/// The latest answer and the job in flight.
#[derive(Resource, Default)]
pub struct Gap {
    /// What the package closes, once computed (`None` without a package or a target).
    pub result: Option<GapClosing>,
    /// Whether `result` answers the session as it is now.
    pub current: bool,
    asked: Option<String>,
    /// The session changed since the last look (so the key is built only after a change, not
    /// every frame).
    dirty: bool,
    job: Option<Receiver<Option<GapClosing>>>,
}

/// Registers the computation.
pub fn plugin(app: &mut App) {
    app.init_resource::<Gap>()
        .init_resource::<crate::redraw::Waker>()
        .add_systems(Update, update.in_set(crate::FrameSet::Derived));
}

/// What the answer depends on: the proposals, the package and the scenario.
fn key(session: &Session) -> String {
    format!("{:?}|{:?}|{}", session.proposals, session.package, session.scenario.blake3)
}

/// Keeps the gap up to date while the spread is open at the laptop or about to be projected.
pub(crate) fn update(
    workshop: Res<Workshop>,
    sim: Res<Sim>,
    projector: Res<Projector>,
    mut gap: ResMut<Gap>,
    waker: Res<crate::redraw::Waker>,
) {
    if let Some(rx) = &gap.job
        && let Ok(answer) = rx.try_recv()
    {
        gap.result = answer;
        gap.job = None;
        gap.current = true;
    }
    gap.dirty |= workshop.is_changed();
    let projecting = projector.waiting.as_ref().is_some_and(|w| w.projection.screen == Screen::Spread);
    let wanted = workshop.session.view.mode == ViewMode::Spread || projecting;
    if !gap.dirty || !wanted || gap.job.is_some() {
        return;
    }
    gap.dirty = false;
    let wanted = key(&workshop.session);
    if gap.asked.as_ref() == Some(&wanted) {
        return;
    }
    gap.asked = Some(wanted);
    gap.current = false;
    let (session, scenario) = (workshop.session.clone(), Arc::clone(&sim.scenario));
    let (tx, rx) = bounded(1);
    let waker = waker.clone();
    let spawned = std::thread::Builder::new().name("gap-to-target".into()).spawn(move || {
        let _ = tx.send(compute(&session, &scenario));
        waker.wake();
    });
    if spawned.is_ok() {
        gap.job = Some(rx);
    }
}

impl Gap {
    /// Whether `result` is the answer for this session's proposals, package and scenario.
    pub fn answers(&self, session: &Session) -> bool {
        self.current
            && self.job.is_none()
            && !self.dirty
            && self.asked.as_deref() == Some(key(session).as_str())
    }
}

fn compute(session: &Session, scenario: &Scenario) -> Option<GapClosing> {
    let package = session.package.as_ref()?;
    gap_closing(session, scenario, &Prepared::new(scenario), package).ok().flatten()
}
