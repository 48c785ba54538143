//! The changes the room's controls make, built from the session as it is now.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::*;
use crate::session::{Change, ChangeError, Session};

/// The changes the room's controls make, built from the session as it is now.
impl Session {
    /// The change that gives the room another promise (influence level, wording, next steps).
    pub fn set_promise(&self, to: Promise) -> Change {
        Change::Room(RoomChange::Promise(self.room.promise.clone(), to))
    }

    /// The change that puts a new pin (pending moderation, or approved when the operator made it).
    pub fn add_pin(&self, draft: PinDraft) -> Change {
        let status = if draft.origin == Origin::Kiosk { PinStatus::Pending } else { PinStatus::Approved };
        let pin = Pin { id: self.next_id, draft, status, likes: 0 };
        Change::Room(RoomChange::Pin(Edit::Add(pin)))
    }

    /// The change that gives a pin another moderation status (hidden with the operator's reason).
    pub fn moderate(&self, pin: u32, status: PinStatus) -> Option<Change> {
        let from = self.room.pin(pin)?;
        let to = Pin { status, ..from.clone() };
        Some(Change::Room(RoomChange::Pin(Edit::Replace(from.clone(), to))))
    }

    /// The change that adds a like to a pin.
    pub fn like(&self, pin: u32) -> Option<Change> {
        let from = self.room.pin(pin)?;
        let to = Pin { likes: from.likes + 1, ..from.clone() };
        Some(Change::Room(RoomChange::Pin(Edit::Replace(from.clone(), to))))
    }

    /// The change that opens a dot vote.
    pub fn open_vote(&self, question: &str, choices: Vec<Choice>, dots: u32) -> Change {
        let vote = Vote {
            id: self.next_id,
            question: question.to_owned(),
            choices,
            dots,
            state: VoteState::Open,
            ballots: Vec::new(),
            paper: BTreeMap::new(),
        };
        Change::Room(RoomChange::Vote(Edit::Add(vote)))
    }

    /// The change that casts one person's dots (choice indices) in an open vote.
    pub fn cast(&self, vote: u32, ballot: Vec<usize>) -> Result<Change, ChangeError> {
        let from = self.room.vote(vote).ok_or_else(|| ChangeError::Invalid(format!("no vote #{vote}")))?;
        if let Some(problem) = from.ballot_problem(&ballot) {
            return Err(ChangeError::Invalid(problem));
        }
        let mut to = from.clone();
        to.ballots.push(ballot);
        Ok(Change::Room(RoomChange::Vote(Edit::Replace(from.clone(), to))))
    }

    /// The change that sets the dots counted on paper for one choice.
    pub fn paper_count(&self, vote: u32, choice: usize, dots: u32) -> Result<Change, ChangeError> {
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
        Ok(Change::Room(RoomChange::Vote(Edit::Replace(from.clone(), to))))
    }

    /// The change that closes a vote (revealing the ranking) or opens it again.
    pub fn set_vote_state(&self, vote: u32, state: VoteState) -> Option<Change> {
        let from = self.room.vote(vote)?;
        let to = Vote { state, ..from.clone() };
        Some(Change::Room(RoomChange::Vote(Edit::Replace(from.clone(), to))))
    }

    /// The change that parks an idea, effect or concern the model cannot show.
    pub fn park(&self, kind: ParkedKind, text: &str, link: Option<Link>, now: Timestamp) -> Change {
        let item = Parked { id: self.next_id, kind, text: text.trim().to_owned(), link, at: now };
        Change::Room(RoomChange::Parked(Edit::Add(item)))
    }

    /// The change that adds one process-check response.
    pub fn respond(&self, response: Response) -> Change {
        Change::Room(RoomChange::Response(Edit::Add(response)))
    }

    /// The change that moves the room to a phase (`None`: stops the agenda), its clock starting now.
    pub fn go_to_phase(&self, phase: Option<usize>, now: Timestamp) -> Change {
        let agenda = &self.room.agenda;
        Change::Room(RoomChange::Agenda(agenda.clone(), agenda.at_phase(phase, now)))
    }

    /// The change that replaces the agenda's phases (keeping the phase under way if it still exists).
    pub fn set_phases(&self, phases: Vec<Phase>) -> Change {
        let from = self.room.agenda.clone();
        let current = from.current.filter(|&i| i < phases.len());
        let started = current.and(from.started);
        Change::Room(RoomChange::Agenda(from, Agenda { phases, current, started }))
    }
}
