//! A workshop session: the scenario it runs on (a copy of its text, with the file's path and
//! hash), the room's proposals (up to [`MAX_PROPOSALS`], beside the scenario's own baseline),
//! named snapshots, the journal of every change, and the view the facilitator left open. Plain
//! data without rendering: the viewer, the `twin session` command and tests share it.
//!
//! Every change goes through [`Session::apply`] as a [`Change`] that carries what it replaces,
//! so it knows its inverse. The journal records each change time-stamped, undo and redo are
//! journal entries too (the log of the workshop is complete), and the undo and redo stacks are
//! part of the file, so a session restored after a crash can still undo.
//!
//! Invariants: the baseline is always the scenario's own levers (a change names a proposal);
//! a change that does not fit the state it is applied to (a proposal that is gone, a lever
//! whose value is not what the change says it replaces) is refused whole and changes nothing.

pub mod compare;
pub mod file;
pub mod inbox;
pub mod room;
pub mod share;
pub mod store;

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;
use crate::catalogue::levers::{LeverId, LeverRangeError, Levers};
use crate::scenario::Scenario;

/// The format version this build writes (and the newest it reads).
pub const FORMAT_VERSION: u32 = 3;
/// Moves of one lever closer together than this, in seconds, are one journal entry (a drag).
pub const DRAG_WINDOW_S: f64 = 1.5;
/// Most proposals a session holds (one per group of a workshop).
pub const MAX_PROPOSALS: usize = 8;

/// Colours given to proposals in turn: Okabe–Ito's eight (Okabe & Ito 2008, "Color Universal
/// Design"), readable with every common colour-vision deficiency, with grey for black.
pub const PROPOSAL_COLOURS: [[u8; 3]; 8] = [
    [0xE6, 0x9F, 0x00],
    [0x56, 0xB4, 0xE9],
    [0x00, 0x9E, 0x73],
    [0xF0, 0xE4, 0x42],
    [0x00, 0x72, 0xB2],
    [0xD5, 0x5E, 0x00],
    [0xCC, 0x79, 0xA7],
    [0x99, 0x99, 0x99],
];

/// Something A or B can show: the scenario's own pathway or one proposal (by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Variant {
    /// The scenario's own levers.
    Baseline,
    /// The proposal with this id.
    Proposal(u32),
    /// The room's combined package.
    Package,
}

/// Values by lever, written in files with the levers' keys (`heat_pump_programme: 0.7`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ByLever<T>(pub BTreeMap<LeverId, T>);

impl<T> ByLever<T> {
    /// The value of one lever, if it has one.
    pub fn get(&self, lever: LeverId) -> Option<&T> {
        self.0.get(&lever)
    }

    /// Every lever with a value, in catalogue order.
    pub fn iter(&self) -> impl Iterator<Item = (LeverId, &T)> {
        self.0.iter().map(|(k, v)| (*k, v))
    }

    /// Whether no lever has a value.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many levers have a value.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl<T: Serialize> Serialize for ByLever<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k.key(), v)))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ByLever<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let by_key = BTreeMap::<String, T>::deserialize(deserializer)?;
        let mut out = BTreeMap::new();
        for (key, value) in by_key {
            let lever = LeverId::from_key(&key).ok_or_else(|| {
                serde::de::Error::custom(format!("unknown lever `{key}`; known levers: {}", LeverId::keys()))
            })?;
            out.insert(lever, value);
        }
        Ok(ByLever(out))
    }
}

/// Serde for a single lever written by its key.
mod lever_key {
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::catalogue::Catalogue;
    use crate::catalogue::levers::LeverId;

    pub fn serialize<S: Serializer>(lever: &LeverId, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(lever.key())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<LeverId, D::Error> {
        let key = String::deserialize(deserializer)?;
        LeverId::from_key(&key).ok_or_else(|| {
            serde::de::Error::custom(format!("unknown lever `{key}`; known levers: {}", LeverId::keys()))
        })
    }
}

/// Who made a proposal and why, as the proposal form asks.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Details {
    /// The group's name ("Gruppe 1", "Næringslivet").
    pub name: String,
    /// The stakeholder role the group plays.
    #[serde(default)]
    pub role: String,
    /// Its colour on maps and charts (sRGB).
    pub colour: [u8; 3],
    /// One line per lever changed: why.
    #[serde(default)]
    pub reasons: ByLever<String>,
    /// What the group wants that the model cannot show.
    #[serde(default)]
    pub not_in_model: String,
}

/// One group's package: lever targets that differ from the scenario's own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    /// Stable id (never reused within a session).
    pub id: u32,
    /// Name, role, colour, reasons.
    pub details: Details,
    /// Target of every lever the proposal sets (others keep the scenario's own).
    #[serde(default)]
    pub levers: ByLever<f64>,
}

/// A named picture of one variant's levers, which can be reopened as a proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// Stable id.
    pub id: u32,
    /// Name ("Rommets første forsøk").
    pub name: String,
    /// What the room saw or said.
    #[serde(default)]
    pub note: String,
    /// When it was taken.
    pub at: Timestamp,
    /// The variant it was taken of.
    pub of: Variant,
    /// That variant's lever targets then.
    #[serde(default)]
    pub levers: ByLever<f64>,
}

/// One lever of a [`Change::SetLevers`]: its target before and after (`None`: the scenario's own).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeverChange {
    /// The lever.
    #[serde(with = "lever_key")]
    pub lever: LeverId,
    /// Target before.
    pub from: Option<f64>,
    /// Target after.
    pub to: Option<f64>,
}

/// Every way a session changes. Each carries what it replaces, so it can be undone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    /// Lever targets of one proposal.
    SetLevers {
        /// The proposal's id.
        proposal: u32,
        /// The levers, each from → to.
        levers: Vec<LeverChange>,
    },
    /// A new proposal at a position in the list.
    AddProposal {
        /// Position.
        index: usize,
        /// The proposal.
        proposal: Proposal,
    },
    /// A proposal removed from a position.
    RemoveProposal {
        /// Position.
        index: usize,
        /// The proposal as it was.
        proposal: Proposal,
    },
    /// A proposal's name, role, colour, reasons or note.
    EditProposal {
        /// The proposal's id.
        proposal: u32,
        /// Before.
        from: Details,
        /// After.
        to: Details,
    },
    /// A snapshot taken.
    AddSnapshot {
        /// The snapshot.
        snapshot: Snapshot,
    },
    /// A snapshot deleted.
    RemoveSnapshot {
        /// The snapshot as it was.
        snapshot: Snapshot,
    },
    /// The room's combined package set, replaced or removed.
    SetPackage {
        /// Before.
        from: Option<Package>,
        /// After.
        to: Option<Package>,
    },
    /// The scenario the session runs on replaced (another file opened); proposals keep their levers.
    SetScenario {
        /// Before.
        from: ScenarioCopy,
        /// After.
        to: ScenarioCopy,
    },
    /// The room: promise, agenda, pins, votes, parking lot, process check.
    Room(room::RoomChange),
    /// Several changes as one step (an import), undone together.
    Many(Vec<Change>),
}

impl Change {
    /// The change that undoes this one.
    pub fn inverse(&self) -> Change {
        match self {
            Change::SetLevers { proposal, levers } => Change::SetLevers {
                proposal: *proposal,
                levers: levers
                    .iter()
                    .map(|c| LeverChange { lever: c.lever, from: c.to, to: c.from })
                    .collect(),
            },
            Change::AddProposal { index, proposal } => {
                Change::RemoveProposal { index: *index, proposal: proposal.clone() }
            }
            Change::RemoveProposal { index, proposal } => {
                Change::AddProposal { index: *index, proposal: proposal.clone() }
            }
            Change::EditProposal { proposal, from, to } => {
                Change::EditProposal { proposal: *proposal, from: to.clone(), to: from.clone() }
            }
            Change::AddSnapshot { snapshot } => Change::RemoveSnapshot { snapshot: snapshot.clone() },
            Change::RemoveSnapshot { snapshot } => Change::AddSnapshot { snapshot: snapshot.clone() },
            Change::SetPackage { from, to } => Change::SetPackage { from: to.clone(), to: from.clone() },
            Change::SetScenario { from, to } => Change::SetScenario { from: to.clone(), to: from.clone() },
            Change::Room(change) => Change::Room(change.inverse()),
            Change::Many(changes) => Change::Many(changes.iter().rev().map(Change::inverse).collect()),
        }
    }

    /// The proposals whose levers this change moves (the variants to run again).
    pub fn moved(&self) -> Vec<Variant> {
        match self {
            Change::SetLevers { proposal, .. }
            | Change::AddProposal { proposal: Proposal { id: proposal, .. }, .. } => {
                vec![Variant::Proposal(*proposal)]
            }
            Change::SetPackage { .. } => vec![Variant::Package],
            Change::SetScenario { .. } => vec![Variant::Baseline],
            Change::Many(changes) => changes.iter().flat_map(Change::moved).collect(),
            _ => Vec::new(),
        }
    }
}

/// Why a change was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ChangeError {
    /// No proposal has this id.
    #[error("there is no proposal #{0}")]
    NoProposal(u32),
    /// The session already holds [`MAX_PROPOSALS`].
    #[error("a session holds at most {MAX_PROPOSALS} proposals")]
    Full,
    /// The id is taken.
    #[error("id #{0} is already in use")]
    IdTaken(u32),
    /// A proposal or snapshot needs a name.
    #[error("a name cannot be empty")]
    NoName,
    /// The state is not what the change says it replaces (e.g. a lever moved since).
    #[error("the session is no longer as this change expects: {0}")]
    Stale(String),
    /// A lever target outside the lever's range.
    #[error(transparent)]
    Range(#[from] LeverRangeError),
    /// Nothing to undo or redo.
    #[error("nothing to {0}")]
    NothingTo(&'static str),
    /// A pin, vote, parked item or response that is not well formed.
    #[error("{0}")]
    Invalid(String),
}

/// What an entry of the journal did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// A change made.
    Do,
    /// The entry at this index undone (the entry's change is that entry's inverse).
    Undo(usize),
    /// The entry at this index made again.
    Redo(usize),
}

/// The headline KPIs of a variant in one year, after a change (filled in once computed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headline {
    /// The variant the values are of.
    pub variant: Variant,
    /// Year.
    pub year: i32,
    /// KPI key → value in the KPI's unit.
    pub values: BTreeMap<String, f64>,
}

/// One time-stamped line of the journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// When.
    pub at: Timestamp,
    /// Made, undone or redone.
    pub action: Action,
    /// The change applied at that moment.
    pub change: Change,
    /// Headline KPIs of the variant it moved, once computed.
    #[serde(default)]
    pub outcome: Option<Headline>,
}

/// Which view the facilitator has open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ViewMode {
    /// One variant on the map.
    #[default]
    Single,
    /// A | B: two maps side by side.
    SideBySide,
    /// B − A on one map.
    Difference,
    /// Every proposal as a small map with its headline KPIs.
    Groups,
    /// Per lever, the spread over proposals.
    Spread,
}

/// How the room's package was combined from the proposals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Rule {
    /// The median over proposals of each lever (a lever no group moved keeps the scenario's own).
    #[default]
    Median,
    /// The lowest value any proposal gives.
    Min,
    /// The highest value any proposal gives.
    Max,
}

impl Rule {
    /// The rule's key, as the command line takes it.
    pub fn key(self) -> &'static str {
        match self {
            Rule::Median => "median",
            Rule::Min => "min",
            Rule::Max => "max",
        }
    }
}

impl std::str::FromStr for Rule {
    type Err = String;

    fn from_str(text: &str) -> Result<Rule, String> {
        [Rule::Median, Rule::Min, Rule::Max]
            .into_iter()
            .find(|r| r.key() == text)
            .ok_or_else(|| format!("unknown rule `{text}`; expected median, min or max"))
    }
}

/// The room's combined package: a rule over the proposals, values the facilitator picked per lever,
/// and the lever targets that result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Package {
    /// The rule for levers not picked.
    pub rule: Rule,
    /// Levers whose value the facilitator chose.
    #[serde(default)]
    pub picks: ByLever<f64>,
    /// The resulting targets (those that differ from the scenario's own).
    #[serde(default)]
    pub levers: ByLever<f64>,
}

/// The view as the facilitator left it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// Which view.
    #[serde(default)]
    pub mode: ViewMode,
    /// Left / reference side.
    pub a: Variant,
    /// Right / compared side.
    pub b: Variant,
    /// The proposal lever moves go into.
    pub active: Option<u32>,
    /// Year on the timeline.
    pub year: Option<i32>,
}

impl Default for View {
    fn default() -> View {
        View { mode: ViewMode::Single, a: Variant::Baseline, b: Variant::Baseline, active: None, year: None }
    }
}

/// The session's own copy of its scenario: the text, where it came from and its hash.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioCopy {
    /// The file it was read from (as given), `None` for a built-in scenario.
    pub file: Option<String>,
    /// BLAKE3 hash of `text`, hex.
    pub blake3: String,
    /// The scenario file's text.
    pub text: String,
}

/// The text is tens of kilobytes: debug output names the file, hash and length instead.
impl std::fmt::Debug for ScenarioCopy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScenarioCopy")
            .field("file", &self.file)
            .field("blake3", &self.blake3)
            .field("text_bytes", &self.text.len())
            .finish()
    }
}

impl ScenarioCopy {
    /// A copy of scenario text read from `file`.
    pub fn new(file: Option<String>, text: String) -> ScenarioCopy {
        ScenarioCopy { file, blake3: hash_hex(&text), text }
    }

    /// Parses and validates the copy (errors name the session's scenario file). A built-in
    /// scenario has no map files: the ones its text names lie beside its file in the
    /// repository, not beside the program, so the built-in map of its kommune stands in
    /// wherever the program runs.
    pub fn scenario(&self) -> Result<Scenario, crate::ScenarioError> {
        let Some(file) = self.file.as_deref() else {
            let mut scenario = Scenario::from_str_named(&self.text, "(built-in scenario)".as_ref())?;
            scenario.map_files = None;
            return Ok(scenario);
        };
        Scenario::from_str_named(&self.text, file.as_ref())
    }
}

/// BLAKE3 of a text, as lowercase hex.
pub fn hash_hex(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

/// A workshop session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// File format version ([`FORMAT_VERSION`]).
    pub format_version: u32,
    /// The workshop's title or question.
    pub title: String,
    /// When the session was started.
    pub created: Timestamp,
    /// The scenario it runs on.
    pub scenario: ScenarioCopy,
    /// The groups' proposals, in the order shown.
    #[serde(default)]
    pub proposals: Vec<Proposal>,
    /// The room's combined package, once made.
    #[serde(default)]
    pub package: Option<Package>,
    /// Named snapshots, oldest first.
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
    /// Every change, undo and redo, oldest first.
    #[serde(default)]
    pub journal: Vec<Entry>,
    /// Journal entries that undo would take back, last first out.
    #[serde(default)]
    pub undo: Vec<usize>,
    /// Journal entries that redo would make again, last first out.
    #[serde(default)]
    pub redo: Vec<usize>,
    /// The view.
    #[serde(default)]
    pub view: View,
    /// The room around the model: promise, agenda, pins, votes, parking lot, process check.
    #[serde(default)]
    pub room: room::Room,
    /// The next id for a proposal, snapshot, pin, vote or parked item.
    pub next_id: u32,
}

impl Session {
    /// A new session on a scenario, with no proposals yet.
    pub fn new(title: &str, scenario: ScenarioCopy, now: Timestamp) -> Session {
        Session {
            format_version: FORMAT_VERSION,
            title: title.to_owned(),
            created: now,
            scenario,
            proposals: Vec::new(),
            package: None,
            snapshots: Vec::new(),
            journal: Vec::new(),
            undo: Vec::new(),
            redo: Vec::new(),
            view: View::default(),
            room: room::Room::default(),
            next_id: 1,
        }
    }

    /// The proposal with this id.
    pub fn proposal(&self, id: u32) -> Option<&Proposal> {
        self.proposals.iter().find(|p| p.id == id)
    }

    /// Every variant: the baseline, the proposals in order, then the room's package if made.
    pub fn variants(&self) -> Vec<Variant> {
        let proposals = self.proposals.iter().map(|p| Variant::Proposal(p.id));
        let package = self.package.as_ref().map(|_| Variant::Package);
        std::iter::once(Variant::Baseline).chain(proposals).chain(package).collect()
    }

    /// Whether a variant exists in this session.
    pub fn has(&self, variant: Variant) -> bool {
        self.targets(variant).is_some()
    }

    /// A variant's display name (`None` for a proposal that is gone).
    pub fn name_of(&self, variant: Variant) -> Option<&str> {
        match variant {
            Variant::Baseline => Some("Referanse"),
            Variant::Proposal(id) => self.proposal(id).map(|p| p.details.name.as_str()),
            Variant::Package => self.package.as_ref().map(|_| "Rommets pakke"),
        }
    }

    /// The targets a variant sets over the scenario's own levers (none for the baseline).
    pub fn targets(&self, variant: Variant) -> Option<&ByLever<f64>> {
        static NONE: ByLever<f64> = ByLever(BTreeMap::new());
        match variant {
            Variant::Baseline => Some(&NONE),
            Variant::Proposal(id) => self.proposal(id).map(|p| &p.levers),
            Variant::Package => self.package.as_ref().map(|p| &p.levers),
        }
    }

    /// The full lever settings of a variant: the scenario's own with the variant's targets.
    pub fn levers(&self, variant: Variant, scenario: &Scenario) -> Option<Levers> {
        let targets = self.targets(variant)?;
        Some(with_targets(scenario.levers, targets))
    }

    /// A new proposal with the next id and colour, ready for [`Change::AddProposal`].
    pub fn new_proposal(&self, name: &str, levers: ByLever<f64>) -> Proposal {
        let colour = PROPOSAL_COLOURS[self.proposals.len() % PROPOSAL_COLOURS.len()];
        let details = Details { name: name.to_owned(), colour, ..Details::default() };
        Proposal { id: self.next_id, details, levers }
    }

    /// The change that adds a new proposal at the end of the list.
    pub fn add_proposal(&self, name: &str, levers: ByLever<f64>) -> Change {
        Change::AddProposal { index: self.proposals.len(), proposal: self.new_proposal(name, levers) }
    }

    /// The change that sets (or, with `None`, clears) one lever's target in a proposal.
    pub fn set_lever(&self, proposal: u32, lever: LeverId, to: Option<f64>) -> Result<Change, ChangeError> {
        self.set_levers(proposal, &[(lever, to)])
    }

    /// The change that sets several lever targets of a proposal as one step.
    pub fn set_levers(&self, proposal: u32, to: &[(LeverId, Option<f64>)]) -> Result<Change, ChangeError> {
        let p = self.proposal(proposal).ok_or(ChangeError::NoProposal(proposal))?;
        let levers = to
            .iter()
            .map(|&(lever, to)| LeverChange { lever, from: p.levers.get(lever).copied(), to })
            .filter(|c| c.from != c.to)
            .collect();
        Ok(Change::SetLevers { proposal, levers })
    }

    /// The change that takes a proposal back to the scenario's own levers.
    pub fn reset_levers(&self, proposal: u32) -> Result<Change, ChangeError> {
        let p = self.proposal(proposal).ok_or(ChangeError::NoProposal(proposal))?;
        let clear: Vec<(LeverId, Option<f64>)> = p.levers.iter().map(|(lever, _)| (lever, None)).collect();
        self.set_levers(proposal, &clear)
    }

    /// The change that takes a named snapshot of a variant.
    pub fn take_snapshot(&self, name: &str, note: &str, of: Variant, now: Timestamp) -> Option<Change> {
        let levers = self.targets(of)?.clone();
        let snapshot =
            Snapshot { id: self.next_id, name: name.to_owned(), note: note.to_owned(), at: now, of, levers };
        Some(Change::AddSnapshot { snapshot })
    }

    /// Applies a change, records it in the journal and makes it the next to undo. A change that
    /// does not fit the session is refused and nothing changes.
    ///
    /// Moves of the same lever of the same proposal in quick succession (a slider being dragged)
    /// become one entry: one step to undo, from where the drag began to where it ended.
    pub fn apply(&mut self, change: Change, now: Timestamp) -> Result<(), ChangeError> {
        self.perform(&change)?;
        if self.continues_drag(&change, now) {
            let last = self.journal.len() - 1;
            let entry = &mut self.journal[last];
            if let (Change::SetLevers { levers: old, .. }, Change::SetLevers { levers: new, .. }) =
                (&mut entry.change, &change)
            {
                old[0].to = new[0].to;
            }
            entry.at = now;
            entry.outcome = None;
            self.redo.clear();
            return Ok(());
        }
        self.undo.push(self.journal.len());
        self.redo.clear();
        self.journal.push(Entry { at: now, action: Action::Do, change, outcome: None });
        Ok(())
    }

    /// Takes back the last change still done; returns the change applied to do so.
    pub fn undo(&mut self, now: Timestamp) -> Result<&Change, ChangeError> {
        let index = *self.undo.last().ok_or(ChangeError::NothingTo("undo"))?;
        let change = self.journal[index].change.inverse();
        self.perform(&change)?;
        self.undo.pop();
        self.redo.push(index);
        self.journal.push(Entry { at: now, action: Action::Undo(index), change, outcome: None });
        Ok(&self.journal[self.journal.len() - 1].change)
    }

    /// Makes the last undone change again; returns it.
    pub fn redo(&mut self, now: Timestamp) -> Result<&Change, ChangeError> {
        let index = *self.redo.last().ok_or(ChangeError::NothingTo("redo"))?;
        let change = self.journal[index].change.clone();
        self.perform(&change)?;
        self.redo.pop();
        self.undo.push(index);
        self.journal.push(Entry { at: now, action: Action::Redo(index), change, outcome: None });
        Ok(&self.journal[self.journal.len() - 1].change)
    }

    /// Whether `change` moves the same single lever of the same proposal as the last entry, made
    /// within [`DRAG_WINDOW_S`] of it and still the next to undo.
    fn continues_drag(&self, change: &Change, now: Timestamp) -> bool {
        let (Some(entry), Some(&top)) = (self.journal.last(), self.undo.last()) else { return false };
        let Change::SetLevers { proposal, levers } = change else { return false };
        let Change::SetLevers { proposal: last_proposal, levers: last_levers } = &entry.change else {
            return false;
        };
        let recent = now.duration_since(entry.at).as_secs_f64() < DRAG_WINDOW_S;
        top == self.journal.len() - 1
            && entry.action == Action::Do
            && recent
            && proposal == last_proposal
            && levers.len() == 1
            && last_levers.len() == 1
            && levers[0].lever == last_levers[0].lever
    }

    /// Records the headline KPIs computed for `headline.variant` on the newest journal entry that
    /// moved it, if that entry has none yet: they are the outcome after that change. Older
    /// entries keep what they had (an entry whose result was superseded before it came has none).
    pub fn record_outcome(&mut self, headline: &Headline) {
        let newest = self.journal.iter_mut().rev().find(|e| e.change.moved().contains(&headline.variant));
        if let Some(entry) = newest.filter(|e| e.outcome.is_none()) {
            entry.outcome = Some(headline.clone());
        }
    }

    /// Applies a change to a copy of the proposals and snapshots, and keeps the copy only if
    /// every part of the change fits.
    fn perform(&mut self, change: &Change) -> Result<(), ChangeError> {
        let mut state = State {
            scenario: self.scenario.clone(),
            proposals: self.proposals.clone(),
            package: self.package.clone(),
            snapshots: self.snapshots.clone(),
            room: self.room.clone(),
            next_id: self.next_id,
        };
        state.perform(change)?;
        self.scenario = state.scenario;
        self.proposals = state.proposals;
        self.package = state.package;
        self.snapshots = state.snapshots;
        self.room = state.room;
        self.next_id = state.next_id;
        self.keep_view_valid();
        Ok(())
    }

    /// Points the view away from proposals that are gone.
    fn keep_view_valid(&mut self) {
        if !self.has(self.view.a) {
            self.view.a = Variant::Baseline;
        }
        if !self.has(self.view.b) {
            self.view.b = Variant::Baseline;
        }
        if self.view.active.is_some_and(|id| self.proposal(id).is_none()) {
            self.view.active = self.proposals.last().map(|p| p.id);
        }
    }
}

/// The scenario's own levers with some targets replaced.
pub fn with_targets(mut levers: Levers, targets: &ByLever<f64>) -> Levers {
    for (lever, &target) in targets.iter() {
        // Targets were range-checked when they entered the session.
        let _ = levers.set_target(lever, target);
    }
    levers
}

/// The part of a session that changes apply to.
struct State {
    scenario: ScenarioCopy,
    proposals: Vec<Proposal>,
    package: Option<Package>,
    snapshots: Vec<Snapshot>,
    room: room::Room,
    next_id: u32,
}

impl State {
    fn perform(&mut self, change: &Change) -> Result<(), ChangeError> {
        match change {
            Change::SetLevers { proposal, levers } => self.set_levers(*proposal, levers),
            Change::AddProposal { index, proposal } => self.add_proposal(*index, proposal),
            Change::RemoveProposal { index, proposal } => {
                if self.proposals.get(*index) != Some(proposal) {
                    return Err(ChangeError::Stale(format!("proposal #{} is not at {index}", proposal.id)));
                }
                self.proposals.remove(*index);
                Ok(())
            }
            Change::EditProposal { proposal, from, to } => {
                let p = self.proposal_mut(*proposal)?;
                if p.details != *from {
                    return Err(ChangeError::Stale(format!("proposal #{proposal} was edited since")));
                }
                if to.name.trim().is_empty() {
                    return Err(ChangeError::NoName);
                }
                p.details = to.clone();
                Ok(())
            }
            Change::AddSnapshot { snapshot } => {
                if snapshot.name.trim().is_empty() {
                    return Err(ChangeError::NoName);
                }
                self.claim_id(snapshot.id)?;
                self.snapshots.push(snapshot.clone());
                Ok(())
            }
            Change::RemoveSnapshot { snapshot } => {
                let at = self.snapshots.iter().position(|s| s == snapshot);
                let at = at.ok_or_else(|| ChangeError::Stale(format!("no snapshot #{}", snapshot.id)))?;
                self.snapshots.remove(at);
                Ok(())
            }
            Change::SetPackage { from, to } => {
                if self.package != *from {
                    return Err(ChangeError::Stale("the room's package was changed since".into()));
                }
                for (lever, &target) in to.iter().flat_map(|p| p.levers.iter()) {
                    Levers::check(lever, target)?;
                }
                self.package = to.clone();
                Ok(())
            }
            Change::SetScenario { from, to } => {
                if self.scenario.blake3 != from.blake3 {
                    return Err(ChangeError::Stale("another scenario was opened since".into()));
                }
                self.scenario = to.clone();
                Ok(())
            }
            Change::Room(change) => {
                if let Some(id) = change.new_id() {
                    if self.room.ids().any(|(_, _, taken)| taken == id) {
                        return Err(ChangeError::IdTaken(id));
                    }
                    self.next_id = self.next_id.max(id + 1);
                }
                change.apply(&mut self.room)
            }
            Change::Many(changes) => changes.iter().try_for_each(|c| self.perform(c)),
        }
    }

    fn proposal_mut(&mut self, id: u32) -> Result<&mut Proposal, ChangeError> {
        self.proposals.iter_mut().find(|p| p.id == id).ok_or(ChangeError::NoProposal(id))
    }

    fn set_levers(&mut self, id: u32, levers: &[LeverChange]) -> Result<(), ChangeError> {
        let p = self.proposal_mut(id)?;
        for change in levers {
            if p.levers.get(change.lever).copied() != change.from {
                return Err(ChangeError::Stale(format!(
                    "lever `{}` of proposal #{id} is no longer {:?}",
                    change.lever.key(),
                    change.from
                )));
            }
            match change.to {
                Some(target) => {
                    Levers::check(change.lever, target)?;
                    p.levers.0.insert(change.lever, target);
                }
                None => {
                    p.levers.0.remove(&change.lever);
                }
            }
        }
        Ok(())
    }

    fn add_proposal(&mut self, index: usize, proposal: &Proposal) -> Result<(), ChangeError> {
        if self.proposals.len() >= MAX_PROPOSALS {
            return Err(ChangeError::Full);
        }
        if proposal.details.name.trim().is_empty() {
            return Err(ChangeError::NoName);
        }
        if self.proposals.iter().any(|p| p.id == proposal.id) {
            return Err(ChangeError::IdTaken(proposal.id));
        }
        for (lever, &target) in proposal.levers.iter() {
            Levers::check(lever, target)?;
        }
        // An undone removal puts the proposal back with its old id.
        self.next_id = self.next_id.max(proposal.id + 1);
        self.proposals.insert(index.min(self.proposals.len()), proposal.clone());
        Ok(())
    }

    fn claim_id(&mut self, id: u32) -> Result<(), ChangeError> {
        if self.snapshots.iter().any(|s| s.id == id) {
            return Err(ChangeError::IdTaken(id));
        }
        self.next_id = self.next_id.max(id + 1);
        Ok(())
    }
}
