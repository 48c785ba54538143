//! The room around the model: the influence level and next steps promised to it, the agenda
//! with its phase timer, map-jam pins and their moderation, dot votes with hidden tallies, the
//! "not in the model" parking lot, the anonymous process check at the close, and what the
//! projector was last sent. Plain data in the session
//! file; every change to it is a [`RoomChange`] (journaled and undoable like a lever move).
//!
//! Invariants: ids come from the session's shared `next_id`; a pin reaches the projector only when
//! approved; a vote's tally is readable only once the vote is closed ([`Vote::ranking`]).

mod agenda;
mod builders;
mod debrief;
mod pins;
mod promise;
mod votes;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::session::{ChangeError, View};

pub use agenda::*;
pub use debrief::*;
pub use pins::*;
pub use promise::*;
pub use votes::*;

/// Seconds a kiosk waits without input before it goes back to a clean start.
pub const DEFAULT_KIOSK_IDLE_S: u32 = 90;
/// Longest story a pin may carry, characters (a few sentences, as a sticky note holds).
pub const MAX_STORY_CHARS: usize = 1000;
/// Most dots one person may have in a vote.
pub const MAX_DOTS: u32 = 10;

/// What the projector shows: sent by the operator, unchanged until sent again.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Projection {
    /// The view sent (A, B, the year, the mode).
    pub view: View,
    /// The screen of the phase it was sent in.
    pub screen: Screen,
    /// When it was sent.
    pub at: Timestamp,
}

/// Everything the room adds to a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Room {
    /// The influence level and what happens next.
    #[serde(default)]
    pub promise: Promise,
    /// Phases and the timer.
    #[serde(default)]
    pub agenda: Agenda,
    /// Map-jam pins, in the order made.
    #[serde(default)]
    pub pins: Vec<Pin>,
    /// Dot votes, oldest first.
    #[serde(default)]
    pub votes: Vec<Vote>,
    /// The "not in the model" parking lot.
    #[serde(default)]
    pub parking: Vec<Parked>,
    /// The process check's anonymous responses.
    #[serde(default)]
    pub process_check: Vec<Response>,
    /// Seconds of no input after which a kiosk starts afresh.
    #[serde(default = "default_kiosk_idle_s")]
    pub kiosk_idle_s: u32,
    /// What the projector was last sent.
    #[serde(default)]
    pub projected: Option<Projection>,
}

fn default_kiosk_idle_s() -> u32 {
    DEFAULT_KIOSK_IDLE_S
}

impl Default for Room {
    fn default() -> Room {
        Room {
            promise: Promise::default(),
            agenda: Agenda::default(),
            pins: Vec::new(),
            votes: Vec::new(),
            parking: Vec::new(),
            process_check: Vec::new(),
            kiosk_idle_s: DEFAULT_KIOSK_IDLE_S,
            projected: None,
        }
    }
}

impl Room {
    /// The pin with this id.
    pub fn pin(&self, id: u32) -> Option<&Pin> {
        self.pins.iter().find(|p| p.id == id)
    }

    /// Pins the room may see.
    pub fn approved_pins(&self) -> impl Iterator<Item = &Pin> {
        self.pins.iter().filter(|p| p.status == PinStatus::Approved)
    }

    /// Pins waiting for moderation, oldest first.
    pub fn pending_pins(&self) -> impl Iterator<Item = &Pin> {
        self.pins.iter().filter(|p| p.status == PinStatus::Pending)
    }

    /// The vote with this id.
    pub fn vote(&self, id: u32) -> Option<&Vote> {
        self.votes.iter().find(|v| v.id == id)
    }

    /// Ids of every pin, vote and parked item (they share the session's id counter).
    pub(super) fn ids(&self) -> impl Iterator<Item = (&'static str, usize, u32)> + '_ {
        let pins = self.pins.iter().enumerate().map(|(i, p)| ("room.pins", i, p.id));
        let votes = self.votes.iter().enumerate().map(|(i, v)| ("room.votes", i, v.id));
        let parked = self.parking.iter().enumerate().map(|(i, p)| ("room.parking", i, p.id));
        pins.chain(votes).chain(parked)
    }
}

/// One item of a list added, removed or replaced, carrying what it replaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit<T> {
    /// Added at the end.
    Add(T),
    /// Removed (as it was).
    Remove(T),
    /// Replaced: before, after (same id).
    Replace(T, T),
}

impl<T: Clone + PartialEq> Edit<T> {
    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit<T> {
        match self {
            Edit::Add(item) => Edit::Remove(item.clone()),
            Edit::Remove(item) => Edit::Add(item.clone()),
            Edit::Replace(from, to) => Edit::Replace(to.clone(), from.clone()),
        }
    }

    /// Applies the edit to a list, refusing it if the list is not as the edit expects.
    fn apply(&self, list: &mut Vec<T>, what: &str) -> Result<(), ChangeError> {
        match self {
            Edit::Add(item) => list.push(item.clone()),
            Edit::Remove(item) => {
                let at = list.iter().position(|x| x == item);
                list.remove(at.ok_or_else(|| stale(what))?);
            }
            Edit::Replace(from, to) => {
                let at = list.iter().position(|x| x == from).ok_or_else(|| stale(what))?;
                list[at] = to.clone();
            }
        }
        Ok(())
    }

    /// The item added, or the new state of the item replaced.
    fn added(&self) -> Option<&T> {
        match self {
            Edit::Add(item) | Edit::Replace(_, item) => Some(item),
            Edit::Remove(_) => None,
        }
    }
}

fn stale(what: &str) -> ChangeError {
    ChangeError::Stale(format!("the {what} is not as this change expects"))
}

/// Every way the room changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum RoomChange {
    /// The influence level or the next steps.
    Promise(Promise, Promise),
    /// The agenda (phases edited, or the room moved to another phase).
    Agenda(Agenda, Agenda),
    /// A pin added, removed, moderated or liked.
    Pin(Edit<Pin>),
    /// A vote opened, removed, voted in or closed.
    Vote(Edit<Vote>),
    /// A parking-lot item added, removed or edited.
    Parked(Edit<Parked>),
    /// A process-check response added or removed.
    Response(Edit<Response>),
    /// The kiosk's idle time, seconds.
    KioskIdle(u32, u32),
}

impl RoomChange {
    /// The change that undoes this one.
    pub fn inverse(&self) -> RoomChange {
        match self {
            RoomChange::Promise(from, to) => RoomChange::Promise(to.clone(), from.clone()),
            RoomChange::Agenda(from, to) => RoomChange::Agenda(to.clone(), from.clone()),
            RoomChange::Pin(edit) => RoomChange::Pin(edit.inverse()),
            RoomChange::Vote(edit) => RoomChange::Vote(edit.inverse()),
            RoomChange::Parked(edit) => RoomChange::Parked(edit.inverse()),
            RoomChange::Response(edit) => RoomChange::Response(edit.inverse()),
            RoomChange::KioskIdle(from, to) => RoomChange::KioskIdle(*to, *from),
        }
    }

    /// The id a new pin, vote or parked item claims (to be checked against `next_id`).
    pub(super) fn new_id(&self) -> Option<u32> {
        match self {
            RoomChange::Pin(Edit::Add(p)) => Some(p.id),
            RoomChange::Vote(Edit::Add(v)) => Some(v.id),
            RoomChange::Parked(Edit::Add(p)) => Some(p.id),
            _ => None,
        }
    }

    /// Applies the change to the room, refusing what does not fit.
    pub(super) fn apply(&self, room: &mut Room) -> Result<(), ChangeError> {
        match self {
            RoomChange::Promise(from, to) => {
                if room.promise != *from {
                    return Err(stale("influence level and next steps"));
                }
                if let Some(problem) = to.problem() {
                    return Err(ChangeError::Invalid(problem));
                }
                room.promise = to.clone();
            }
            RoomChange::Agenda(from, to) => {
                if room.agenda != *from {
                    return Err(stale("agenda"));
                }
                room.agenda = to.clone();
            }
            RoomChange::Pin(edit) => {
                if let Some(problem) = edit.added().and_then(|p| p.draft.problem()) {
                    return Err(ChangeError::Invalid(problem));
                }
                edit.apply(&mut room.pins, "pin")?;
            }
            RoomChange::Vote(edit) => {
                if let Some(problem) = edit.added().and_then(vote_problem) {
                    return Err(ChangeError::Invalid(problem));
                }
                edit.apply(&mut room.votes, "vote")?;
            }
            RoomChange::Parked(edit) => {
                if edit.added().is_some_and(|p| p.text.trim().is_empty()) {
                    return Err(ChangeError::Invalid("a parked item needs a text".into()));
                }
                edit.apply(&mut room.parking, "parked item")?;
            }
            RoomChange::Response(edit) => {
                if let Some(problem) = edit.added().and_then(Response::problem) {
                    return Err(ChangeError::Invalid(problem));
                }
                edit.apply(&mut room.process_check, "response")?;
            }
            RoomChange::KioskIdle(from, to) => {
                if room.kiosk_idle_s != *from {
                    return Err(stale("kiosk idle time"));
                }
                room.kiosk_idle_s = *to;
            }
        }
        Ok(())
    }
}
