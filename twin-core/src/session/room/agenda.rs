//! The agenda: the workshop's phases, each with its minutes and the screen the projector shows,
//! and the phase clock.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::session::ViewMode;

/// What the projector shows during a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Screen {
    /// Title, question and agenda.
    #[default]
    Title,
    /// One variant on the map with its KPIs (today's picture, predict → test).
    Map,
    /// A | B (a group against the baseline).
    SideBySide,
    /// Every group as a small map.
    Groups,
    /// The lever spread and the room's package.
    Spread,
    /// Approved pins on the map, by category.
    MapJam,
    /// The open vote (how many have voted) or its ranking once closed.
    Vote,
    /// Debrief: the "not in the model" wall.
    Debrief,
    /// The process check's profile.
    ProcessCheck,
}

impl Screen {
    /// The map view a screen shows, if it shows one.
    pub fn view_mode(self) -> Option<ViewMode> {
        match self {
            Screen::Map | Screen::MapJam => Some(ViewMode::Single),
            Screen::SideBySide => Some(ViewMode::SideBySide),
            Screen::Groups => Some(ViewMode::Groups),
            Screen::Spread => Some(ViewMode::Spread),
            Screen::Title | Screen::Vote | Screen::Debrief | Screen::ProcessCheck => None,
        }
    }
}

/// One time-boxed step of the workshop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// Its name as the room sees it ("Dagens bilde").
    pub name: String,
    /// Minutes planned.
    pub minutes: u32,
    /// What the projector shows.
    pub screen: Screen,
}

/// The run of show for a 2½-hour workshop (`shared/workshop.md`): each phase's minutes and screen,
/// in order. Names are given by the caller, in the room's language.
pub const STANDARD_AGENDA: [(u32, Screen); 10] = [
    (10, Screen::Title),
    (15, Screen::Map),
    (20, Screen::SideBySide),
    (10, Screen::MapJam),
    (25, Screen::Groups),
    (10, Screen::MapJam),
    (25, Screen::SideBySide),
    (15, Screen::Vote),
    (15, Screen::Debrief),
    (5, Screen::Title),
];

/// The workshop's phases and where the room is in them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    /// The phases, in order.
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// The phase under way (`None`: not started).
    #[serde(default)]
    pub current: Option<usize>,
    /// When the current phase began.
    #[serde(default)]
    pub started: Option<Timestamp>,
}

impl Agenda {
    /// The standard run of show with these ten names.
    pub fn standard(names: [&str; 10]) -> Agenda {
        let phases = STANDARD_AGENDA
            .iter()
            .zip(names)
            .map(|(&(minutes, screen), name)| Phase { name: name.to_owned(), minutes, screen })
            .collect();
        Agenda { phases, current: None, started: None }
    }

    /// The phase under way.
    pub fn phase(&self) -> Option<&Phase> {
        self.current.and_then(|i| self.phases.get(i))
    }

    /// The agenda moved to phase `to` (clamped to the phases; `None` stops it) at `now`.
    pub fn at_phase(&self, to: Option<usize>, now: Timestamp) -> Agenda {
        let current = to.filter(|&i| i < self.phases.len());
        Agenda { phases: self.phases.clone(), current, started: current.map(|_| now) }
    }

    /// Seconds left in the current phase at `now` (negative: over time), or `None` when stopped.
    pub fn remaining_s(&self, now: Timestamp) -> Option<f64> {
        let phase = self.phase()?;
        let started = self.started?;
        Some(f64::from(phase.minutes) * 60.0 - now.duration_since(started).as_secs_f64())
    }

    /// Minutes of all phases together.
    pub fn total_minutes(&self) -> u32 {
        self.phases.iter().map(|p| p.minutes).sum()
    }
}
