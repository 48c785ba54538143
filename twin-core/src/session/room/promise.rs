//! What the room is promised before it starts: how far its input can change the decision (the
//! influence level, stated on the first slide and on the handout, as DOGA's participation plan
//! asks) and what happens next, by when (said again at the close, so people know when they will
//! hear back).

use serde::{Deserialize, Serialize};

use crate::catalogue::Catalogue;

/// Longest text of a next step or of the promise, characters.
pub const MAX_PROMISE_CHARS: usize = 500;
/// Most next steps a session lists.
pub const MAX_NEXT_STEPS: usize = 12;

crate::catalogue::catalogue_enum! {
/// How far the room's input can change the decision: the five steps of the participation
/// spectrum (IAP2), the rungs of Arnstein's ladder a municipality can honestly promise.
#[derive(Default)]
pub enum Influence {
    /// The room is told what was decided and why.
    Inform,
    /// The room is heard; the municipality answers how its input was used.
    #[default]
    Consult,
    /// The room's concerns and proposals shape the alternatives the municipality weighs.
    Involve,
    /// The room and the municipality work out the recommendation together.
    Collaborate,
    /// The room decides; the municipality carries it out.
    Empower,
}
}

impl Catalogue for Influence {}

/// One thing that happens after the workshop: what, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NextStep {
    /// What happens to which input ("The planning office answers every pin").
    pub what: String,
    /// When ("by 1 March 2027"; free text, as people say it).
    #[serde(default)]
    pub when: String,
}

/// The influence level and the next steps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promise {
    /// How far the room's input can change the decision.
    #[serde(default)]
    pub influence: Influence,
    /// In the facilitator's words, what the input is used for (empty: the level's own wording).
    #[serde(default)]
    pub text: String,
    /// What happens next, in order.
    #[serde(default)]
    pub next_steps: Vec<NextStep>,
}

impl Promise {
    /// Why this promise cannot be kept in a session, if it cannot: a step with no text, or texts
    /// too long for a slide.
    pub fn problem(&self) -> Option<String> {
        if self.next_steps.len() > MAX_NEXT_STEPS {
            return Some(format!("at most {MAX_NEXT_STEPS} next steps"));
        }
        if self.next_steps.iter().any(|s| s.what.trim().is_empty()) {
            return Some("a next step needs a text".into());
        }
        let long = std::iter::once(&self.text)
            .chain(self.next_steps.iter().flat_map(|s| [&s.what, &s.when]))
            .any(|t| t.chars().count() > MAX_PROMISE_CHARS);
        long.then(|| format!("a text may have at most {MAX_PROMISE_CHARS} characters"))
    }

    /// This promise with one more step at the end.
    pub fn with_step(&self, what: &str, when: &str) -> Promise {
        let mut next = self.clone();
        next.next_steps.push(NextStep { what: what.trim().to_owned(), when: when.trim().to_owned() });
        next
    }

    /// This promise without step `index`.
    pub fn without_step(&self, index: usize) -> Promise {
        let mut next = self.clone();
        if index < next.next_steps.len() {
            next.next_steps.remove(index);
        }
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_added_and_removed_in_order() {
        let p = Promise::default().with_step(" Svar på innspill ", "innen 1. mars").with_step("Vedtak", "");
        assert_eq!(
            p.next_steps[0],
            NextStep { what: "Svar på innspill".into(), when: "innen 1. mars".into() }
        );
        assert_eq!(
            p.without_step(0).next_steps,
            vec![NextStep { what: "Vedtak".into(), when: String::new() }]
        );
        assert_eq!(p.without_step(7), p);
        assert_eq!(p.problem(), None);
    }

    #[test]
    fn an_empty_or_overlong_step_is_refused() {
        assert!(Promise::default().with_step("  ", "mars").problem().is_some());
        let long = "x".repeat(MAX_PROMISE_CHARS + 1);
        assert!(Promise::default().with_step("Svar", &long).problem().is_some());
        let many = (0..=MAX_NEXT_STEPS).fold(Promise::default(), |p, i| p.with_step(&i.to_string(), ""));
        assert!(many.problem().is_some());
    }

    #[test]
    fn the_levels_have_stable_keys_and_consult_is_the_default() {
        let keys: Vec<_> = Influence::all().map(Influence::key).collect();
        assert_eq!(keys, ["inform", "consult", "involve", "collaborate", "empower"]);
        assert_eq!(Influence::default(), Influence::Consult);
    }
}
