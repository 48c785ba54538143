//! Dot votes: choices (proposals, levers or pins), ballots and paper counts, and a ranking that
//! is readable only once the vote is closed.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::MAX_DOTS;

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
