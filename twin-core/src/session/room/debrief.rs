//! The close of a workshop: the "not in the model" parking lot (ideas, effects and concerns
//! linked to a group or a pin) and the anonymous process check (the SAMSON statements, 1–5).

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;

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
