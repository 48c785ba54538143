//! The room around the model: the agenda with its phase timer, map-jam pins and their
//! moderation, dot votes with hidden tallies, the "not in the model" parking lot, the anonymous
//! process check at the close, and what the projector was last sent. Plain data in the session
//! file; every change to it is a [`RoomChange`] (journaled and undoable like a lever move).
//!
//! Invariants: ids come from the session's shared `next_id`; a pin reaches the projector only when
//! approved; a vote's tally is readable only once the vote is closed ([`Vote::ranking`]).

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{ChangeError, View, ViewMode};
use crate::catalogue::Catalogue;
use crate::catalogue::kpi::KpiId;
use crate::catalogue::levers::LeverId;

/// Seconds a kiosk waits without input before it goes back to a clean start.
pub const DEFAULT_KIOSK_IDLE_S: u32 = 90;
/// Longest story a pin may carry, characters (a few sentences, as a sticky note holds).
pub const MAX_STORY_CHARS: usize = 1000;
/// Most dots one person may have in a vote.
pub const MAX_DOTS: u32 = 10;

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

crate::catalogue::catalogue_enum! {
/// What a pin is about.
pub enum PinCategory {
    /// Energy use or supply.
    Energy,
    /// Waste and materials.
    Waste,
    /// Getting around.
    Mobility,
    /// A place the person likes.
    PlaceILike,
    /// A problem.
    Problem,
    /// An idea.
    Idea,
}
}

impl Catalogue for PinCategory {}

/// A lever or KPI a pin (or a parked idea) concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Concern {
    /// A lever, by key.
    Lever(String),
    /// A KPI, by key.
    Kpi(String),
}

impl Concern {
    /// Whether the key names a lever or KPI of the catalogue.
    pub fn is_known(&self) -> bool {
        match self {
            Concern::Lever(key) => LeverId::from_key(key).is_some(),
            Concern::Kpi(key) => KpiId::from_key(key).is_some(),
        }
    }
}

/// Where a contribution was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Origin {
    /// The operator's laptop.
    #[default]
    Operator,
    /// A citizen kiosk or station.
    Kiosk,
    /// Typed in from paper (a sticker on the A1 map, a form).
    Paper,
}

/// Where a pin stands in moderation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PinStatus {
    /// Waiting for the operator.
    #[default]
    Pending,
    /// Shown to the room.
    Approved,
    /// Kept out of sight, with the operator's reason.
    Hidden(String),
}

/// What a citizen or the operator puts on the map, before it has an id (a kiosk writes these).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinDraft {
    /// Longitude, degrees east (WGS 84).
    pub lon: f64,
    /// Latitude, degrees north (WGS 84).
    pub lat: f64,
    /// What it is about.
    pub category: PinCategory,
    /// The short story.
    #[serde(default)]
    pub story: String,
    /// A lever or KPI it concerns.
    #[serde(default)]
    pub concerns: Option<Concern>,
    /// The district the point lies in (found from the point by the map).
    #[serde(default)]
    pub district: Option<String>,
    /// Where it was made.
    #[serde(default)]
    pub origin: Origin,
    /// When.
    pub at: Timestamp,
}

/// A pin on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    /// Stable id.
    pub id: u32,
    /// The point, category, story and where it came from.
    pub draft: PinDraft,
    /// Moderation.
    #[serde(default)]
    pub status: PinStatus,
    /// Likes from the room.
    #[serde(default)]
    pub likes: u32,
}

impl PinDraft {
    /// The draft as a kiosk may send it, whatever was typed: the story without control characters
    /// (line breaks kept), bidirectional overrides or surrounding blanks, cut to [`MAX_STORY_CHARS`]. Emoji and markup are
    /// kept as the text they are; whoever shows the story shows it as text.
    pub fn cleaned(mut self) -> PinDraft {
        self.story = self
            .story
            .chars()
            .filter(|&c| (!c.is_control() || c == '\n') && !is_bidi_control(c))
            .take(MAX_STORY_CHARS)
            .collect::<String>()
            .trim()
            .to_owned();
        self
    }

    /// Why this draft cannot become a pin, if it cannot.
    pub fn problem(&self) -> Option<String> {
        if !(-180.0..=180.0).contains(&self.lon) || !(-90.0..=90.0).contains(&self.lat) {
            return Some(format!("({}, {}) is not a longitude and latitude", self.lon, self.lat));
        }
        if self.story.chars().count() > MAX_STORY_CHARS {
            return Some(format!("the story is longer than {MAX_STORY_CHARS} characters"));
        }
        if self.concerns.as_ref().is_some_and(|c| !c.is_known()) {
            return Some(format!("{:?} names no lever or KPI", self.concerns));
        }
        None
    }
}

/// Unicode's bidirectional embedding, override and isolate marks, which turn the text after them
/// around on screen.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// What a vote is on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Choice {
    /// A group's proposal, by id.
    Proposal(u32),
    /// A lever, by key.
    Lever(String),
    /// A pin, by id.
    Pin(u32),
}

/// Open while people vote; closed when the operator reveals the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum VoteState {
    /// Taking dots; tallies hidden.
    #[default]
    Open,
    /// Ranking shown.
    Closed,
}

/// A dot vote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// Stable id.
    pub id: u32,
    /// The question ("Hva bør kommunen teste først?").
    pub question: String,
    /// What can be voted for.
    pub choices: Vec<Choice>,
    /// Dots per person.
    pub dots: u32,
    /// Open or closed.
    #[serde(default)]
    pub state: VoteState,
    /// Each person's dots, by choice index (anonymous: no names, in no particular order).
    #[serde(default)]
    pub ballots: Vec<Vec<usize>>,
    /// Dots counted from paper stickers, by choice index.
    #[serde(default)]
    pub paper: BTreeMap<usize, u32>,
}

impl Vote {
    /// How many people have voted on a device.
    pub fn voters(&self) -> usize {
        self.ballots.len()
    }

    /// Dots per choice (devices and paper), in choice order.
    fn counts(&self) -> Vec<u32> {
        let mut counts = vec![0u32; self.choices.len()];
        for &i in self.ballots.iter().flatten() {
            if let Some(c) = counts.get_mut(i) {
                *c += 1;
            }
        }
        for (&i, &n) in &self.paper {
            if let Some(c) = counts.get_mut(i) {
                *c += n;
            }
        }
        counts
    }

    /// The choices with their dots, most first (ties in choice order), once the vote is closed;
    /// `None` while it is open, so that nobody sees the tallies early.
    pub fn ranking(&self) -> Option<Vec<(&Choice, u32)>> {
        if self.state == VoteState::Open {
            return None;
        }
        let mut ranked: Vec<(&Choice, u32)> = self.choices.iter().zip(self.counts()).collect();
        ranked.sort_by_key(|&(_, dots)| std::cmp::Reverse(dots));
        Some(ranked)
    }

    /// Why a ballot does not fit this vote, if it does not.
    pub fn ballot_problem(&self, ballot: &[usize]) -> Option<String> {
        if self.state == VoteState::Closed {
            return Some("the vote is closed".into());
        }
        if ballot.is_empty() || ballot.len() > self.dots as usize {
            return Some(format!("a ballot has 1 to {} dots, not {}", self.dots, ballot.len()));
        }
        ballot
            .iter()
            .find(|&&i| i >= self.choices.len())
            .map(|i| format!("there is no choice {i} ({} choices)", self.choices.len()))
    }
}

/// What kind of thing is parked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ParkedKind {
    /// Something to do that the model has no lever for.
    #[default]
    Idea,
    /// An effect the model does not compute.
    Effect,
    /// A worry.
    Concern,
}

/// Whom a parked item came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Link {
    /// A group, by proposal id.
    Group(u32),
    /// A pin, by id.
    Pin(u32),
}

/// An item of the "not in the model" parking lot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parked {
    /// Stable id.
    pub id: u32,
    /// Idea, effect or concern.
    pub kind: ParkedKind,
    /// The text.
    pub text: String,
    /// The group or pin it came from.
    #[serde(default)]
    pub link: Option<Link>,
    /// When.
    pub at: Timestamp,
}

crate::catalogue::catalogue_enum! {
/// The statements of the process check (the SAMSON values of co-creation), each rated 1–5.
pub enum Statement {
    /// "Everyone's voice counted equally."
    Equality,
    /// "We exchanged knowledge and resources."
    Knowledge,
    /// "We learned together."
    Learning,
    /// "The leadership was shared."
    Leadership,
    /// "I influenced the result."
    Influence,
}
}

impl Catalogue for Statement {}

/// One person's anonymous answers, 1 (disagree) to 5 (agree), one per statement.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Response(pub enum_map::EnumMap<Statement, u8>);

impl Response {
    /// Why the answers are not ratings from 1 to 5, if they are not.
    pub fn problem(&self) -> Option<String> {
        self.0
            .iter()
            .find(|(_, r)| !(1..=5).contains(*r))
            .map(|(s, r)| format!("`{}` is rated {r}; ratings go from 1 to 5", s.key()))
    }
}

/// The process check's profile: per statement, the mean rating and how many gave each rating.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    /// Number of responses.
    pub responses: usize,
    /// Mean rating per statement (`NaN` with no responses).
    pub mean: enum_map::EnumMap<Statement, f64>,
    /// How many rated 1, 2, 3, 4, 5, per statement.
    pub counts: enum_map::EnumMap<Statement, [u32; 5]>,
}

impl Profile {
    /// The profile of some responses.
    pub fn of(responses: &[Response]) -> Profile {
        let mut counts = enum_map::EnumMap::<Statement, [u32; 5]>::default();
        for response in responses {
            for (statement, &rating) in response.0.iter() {
                if (1..=5).contains(&rating) {
                    counts[statement][usize::from(rating) - 1] += 1;
                }
            }
        }
        let mean = enum_map::EnumMap::from_fn(|s: Statement| {
            let total: u32 = counts[s].iter().sum();
            let sum: u32 = counts[s].iter().zip(1..).map(|(n, r)| n * r).sum();
            f64::from(sum) / f64::from(total)
        });
        Profile { responses: responses.len(), mean, counts }
    }
}

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

/// Why a vote is not well formed, if it is not.
pub fn vote_problem(vote: &Vote) -> Option<String> {
    if vote.question.trim().is_empty() {
        return Some("a vote needs a question".into());
    }
    if vote.choices.is_empty() {
        return Some("a vote needs something to vote for".into());
    }
    if !(1..=MAX_DOTS).contains(&vote.dots) {
        return Some(format!("{} dots per person; give 1 to {MAX_DOTS}", vote.dots));
    }
    let too_many = vote.ballots.iter().any(|b| b.is_empty() || b.len() > vote.dots as usize);
    let out_of_range =
        vote.ballots.iter().flatten().chain(vote.paper.keys()).any(|&i| i >= vote.choices.len());
    if too_many || out_of_range {
        return Some("a ballot or paper count does not fit the vote's choices and dots".into());
    }
    None
}

/// The room's pins as GeoJSON (RFC 7946): a FeatureCollection of points in WGS 84 longitude and
/// latitude, each with its id, category, story, district, status, likes, origin, time and concern.
/// `approved_only` leaves out pins not approved (what may be published).
pub fn pins_geojson(room: &Room, approved_only: bool) -> serde_json::Value {
    let features: Vec<serde_json::Value> = room
        .pins
        .iter()
        .filter(|p| !approved_only || p.status == PinStatus::Approved)
        .map(pin_feature)
        .collect();
    serde_json::json!({ "type": "FeatureCollection", "features": features })
}

fn pin_feature(pin: &Pin) -> serde_json::Value {
    let d = &pin.draft;
    let (status, reason) = match &pin.status {
        PinStatus::Pending => ("pending", None),
        PinStatus::Approved => ("approved", None),
        PinStatus::Hidden(reason) => ("hidden", Some(reason.as_str())),
    };
    let concern = d.concerns.as_ref().map(|c| match c {
        Concern::Lever(key) => format!("lever:{key}"),
        Concern::Kpi(key) => format!("kpi:{key}"),
    });
    serde_json::json!({
        "type": "Feature",
        "id": pin.id,
        "geometry": { "type": "Point", "coordinates": [d.lon, d.lat] },
        "properties": {
            "id": pin.id,
            "category": d.category.key(),
            "story": d.story,
            "district": d.district,
            "concerns": concern,
            "status": status,
            "hidden_because": reason,
            "likes": pin.likes,
            "origin": format!("{:?}", d.origin).to_lowercase(),
            "at": d.at.to_string(),
        }
    })
}

/// The changes the room's controls make, built from the session as it is now.
impl super::Session {
    /// The change that puts a new pin (pending moderation, or approved when the operator made it).
    pub fn add_pin(&self, draft: PinDraft) -> super::Change {
        let status = if draft.origin == Origin::Kiosk { PinStatus::Pending } else { PinStatus::Approved };
        let pin = Pin { id: self.next_id, draft, status, likes: 0 };
        super::Change::Room(RoomChange::Pin(Edit::Add(pin)))
    }

    /// The change that gives a pin another moderation status (hidden with the operator's reason).
    pub fn moderate(&self, pin: u32, status: PinStatus) -> Option<super::Change> {
        let from = self.room.pin(pin)?;
        let to = Pin { status, ..from.clone() };
        Some(super::Change::Room(RoomChange::Pin(Edit::Replace(from.clone(), to))))
    }

    /// The change that adds a like to a pin.
    pub fn like(&self, pin: u32) -> Option<super::Change> {
        let from = self.room.pin(pin)?;
        let to = Pin { likes: from.likes + 1, ..from.clone() };
        Some(super::Change::Room(RoomChange::Pin(Edit::Replace(from.clone(), to))))
    }

    /// The change that opens a dot vote.
    pub fn open_vote(&self, question: &str, choices: Vec<Choice>, dots: u32) -> super::Change {
        let vote = Vote {
            id: self.next_id,
            question: question.to_owned(),
            choices,
            dots,
            state: VoteState::Open,
            ballots: Vec::new(),
            paper: BTreeMap::new(),
        };
        super::Change::Room(RoomChange::Vote(Edit::Add(vote)))
    }

    /// The change that casts one person's dots (choice indices) in an open vote.
    pub fn cast(&self, vote: u32, ballot: Vec<usize>) -> Result<super::Change, ChangeError> {
        let from = self.room.vote(vote).ok_or_else(|| ChangeError::Invalid(format!("no vote #{vote}")))?;
        if let Some(problem) = from.ballot_problem(&ballot) {
            return Err(ChangeError::Invalid(problem));
        }
        let mut to = from.clone();
        to.ballots.push(ballot);
        Ok(super::Change::Room(RoomChange::Vote(Edit::Replace(from.clone(), to))))
    }

    /// The change that sets the dots counted on paper for one choice.
    pub fn paper_count(&self, vote: u32, choice: usize, dots: u32) -> Result<super::Change, ChangeError> {
        let from = self.room.vote(vote).ok_or_else(|| ChangeError::Invalid(format!("no vote #{vote}")))?;
        if choice >= from.choices.len() {
            return Err(ChangeError::Invalid(format!("there is no choice {choice}")));
        }
        let mut to = from.clone();
        if dots == 0 {
            to.paper.remove(&choice);
        } else {
            to.paper.insert(choice, dots);
        }
        Ok(super::Change::Room(RoomChange::Vote(Edit::Replace(from.clone(), to))))
    }

    /// The change that closes a vote (revealing the ranking) or opens it again.
    pub fn set_vote_state(&self, vote: u32, state: VoteState) -> Option<super::Change> {
        let from = self.room.vote(vote)?;
        let to = Vote { state, ..from.clone() };
        Some(super::Change::Room(RoomChange::Vote(Edit::Replace(from.clone(), to))))
    }

    /// The change that parks an idea, effect or concern the model cannot show.
    pub fn park(&self, kind: ParkedKind, text: &str, link: Option<Link>, now: Timestamp) -> super::Change {
        let item = Parked { id: self.next_id, kind, text: text.trim().to_owned(), link, at: now };
        super::Change::Room(RoomChange::Parked(Edit::Add(item)))
    }

    /// The change that adds one process-check response.
    pub fn respond(&self, response: Response) -> super::Change {
        super::Change::Room(RoomChange::Response(Edit::Add(response)))
    }

    /// The change that moves the room to a phase (`None`: stops the agenda), its clock starting now.
    pub fn go_to_phase(&self, phase: Option<usize>, now: Timestamp) -> super::Change {
        let agenda = &self.room.agenda;
        super::Change::Room(RoomChange::Agenda(agenda.clone(), agenda.at_phase(phase, now)))
    }

    /// The change that replaces the agenda's phases (keeping the phase under way if it still exists).
    pub fn set_phases(&self, phases: Vec<Phase>) -> super::Change {
        let from = self.room.agenda.clone();
        let current = from.current.filter(|&i| i < phases.len());
        let started = current.and(from.started);
        super::Change::Room(RoomChange::Agenda(from, Agenda { phases, current, started }))
    }
}
