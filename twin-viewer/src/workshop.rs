//! The workshop session in the viewer: the one place every change goes through (levers,
//! proposals, snapshots, the scenario, undo and redo), the keys that drive it, and autosave.
//!
//! Keys: Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes, 1–8 put a group's proposal on the chosen
//! side (B unless A was pressed first), 0 the baseline and 9 the room's package, A / B choose the
//! side, X swaps A and B, Tab cycles the views, P replays the last lever change (three times from
//! before to after, without changing anything), Ctrl+S saves now.
//!
//! Autosave: the session is saved within [`store::SAVE_AFTER`] of a change and at least every
//! [`store::SAVE_EVERY`], on a thread of its own (a copy of the session goes over a one-slot
//! channel; a frame never waits for the disk), atomically and with the previous generations kept.
//!
//! Invariant: the baseline is never changed: a lever moved while no proposal is active creates
//! one ("Forslag 1") and moves the lever there.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Instant;

use bevy::prelude::*;
use crossbeam::channel::{Receiver, Sender, TrySendError, bounded};
use jiff::Timestamp;
use twin_core::Scenario;
use twin_core::catalogue::levers::{LeverId, Levers};
use twin_core::session::compare::headline;
use twin_core::session::store::{self, Autosave};
use twin_core::session::{ByLever, Change, ChangeError, Session, Variant, ViewMode};

use crate::sim::Sim;
use crate::view::{Notice, ViewState};

/// Which side a digit key puts a variant on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    /// The reference (left in A | B).
    A,
    /// The variant compared (right in A | B), where lever moves go.
    #[default]
    B,
}

/// The session being run, its file and its autosave.
#[derive(Resource)]
pub struct Workshop {
    /// The session.
    pub session: Session,
    /// Its file; `None` until the facilitator saves it somewhere.
    pub path: Option<PathBuf>,
    /// The side digit keys choose for.
    pub side: Side,
    /// When the last save finished.
    pub saved_at: Option<Instant>,
    /// Why the last save failed, if it did.
    pub save_error: Option<String>,
    /// The last change being replayed, if it is.
    pub replay: Option<Replay>,
    clock: Autosave,
    saver: Saver,
}

/// Seconds one pass of a replay takes from before to after.
pub const REPLAY_PASS_S: f32 = 2.0;
/// Seconds a pass holds the "after" state before the next pass starts.
pub const REPLAY_HOLD_S: f32 = 0.8;
/// Passes of a replay (the room sees the move three times).
pub const REPLAY_PASSES: u32 = 3;

/// A lever change animated from before to after, without touching the session.
#[derive(Debug, Clone)]
pub struct Replay {
    /// The proposal whose levers move.
    pub variant: Variant,
    /// The levers, from → to.
    pub levers: Vec<twin_core::session::LeverChange>,
    /// When it started.
    pub started: Instant,
}

impl Replay {
    /// How far along the move is at `now` (0 before, 1 after), or `None` once every pass is done.
    pub fn progress(&self, now: Instant) -> Option<f64> {
        let elapsed = now.duration_since(self.started).as_secs_f32();
        let pass = REPLAY_PASS_S + REPLAY_HOLD_S;
        if elapsed >= pass * REPLAY_PASSES as f32 {
            return None;
        }
        Some(f64::from(((elapsed % pass) / REPLAY_PASS_S).min(1.0)))
    }

    /// The variant's levers at `now`: `base` with each replayed lever part way from → to
    /// (`own` gives the scenario's target where a side is "the scenario's own").
    pub fn levers(&self, base: Levers, own: &Levers, now: Instant) -> Option<Levers> {
        let t = self.progress(now)?;
        let mut levers = base;
        for change in &self.levers {
            let own_target = own.get(change.lever).target;
            let (from, to) = (change.from.unwrap_or(own_target), change.to.unwrap_or(own_target));
            // A target between two valid ones is valid.
            let _ = levers.set_target(change.lever, from + (to - from) * t);
        }
        Some(levers)
    }
}

impl Workshop {
    /// A workshop on a session, saved to `path` if given.
    pub fn new(session: Session, path: Option<PathBuf>) -> Workshop {
        let now = Instant::now();
        Workshop {
            session,
            path,
            side: Side::B,
            saved_at: None,
            save_error: None,
            replay: None,
            clock: Autosave::new(now),
            saver: Saver::spawn(),
        }
    }

    /// Applies a change (journaled, undoable) and schedules a save.
    pub fn apply(&mut self, change: Change) -> Result<(), ChangeError> {
        self.session.apply(change, Timestamp::now())?;
        self.clock.changed(Instant::now());
        Ok(())
    }

    /// Undoes the last change.
    pub fn undo(&mut self) -> Result<(), ChangeError> {
        self.session.undo(Timestamp::now())?;
        self.clock.changed(Instant::now());
        Ok(())
    }

    /// Redoes the last change undone.
    pub fn redo(&mut self) -> Result<(), ChangeError> {
        self.session.redo(Timestamp::now())?;
        self.clock.changed(Instant::now());
        Ok(())
    }

    /// Notes a change of the view (not journaled, but saved with the session).
    pub fn view_changed(&mut self) {
        self.clock.changed(Instant::now());
    }

    /// The proposal lever moves go into, creating "Forslag N" (as a change) when none is active.
    pub fn active_proposal(&mut self, lang: crate::view::Lang) -> Result<u32, ChangeError> {
        if let Some(id) = self.session.view.active.filter(|id| self.session.proposal(*id).is_some()) {
            return Ok(id);
        }
        let n = self.session.proposals.len() + 1;
        let name =
            crate::i18n::tr_args(lang, "workshop-proposal-number", &[("number", n.to_string().into())]);
        let change = self.session.add_proposal(&name, ByLever::default());
        let Change::AddProposal { proposal, .. } = &change else { unreachable!("add_proposal adds") };
        let id = proposal.id;
        self.apply(change)?;
        self.session.view.active = Some(id);
        self.session.view.b = Variant::Proposal(id);
        Ok(id)
    }

    /// Sets lever targets of B as one step: in B's proposal, in a new proposal when B is the
    /// baseline (which never changes), as the facilitator's picks when B is the room's package.
    /// In a proposal, a target equal to the scenario's own clears the lever.
    pub fn set_targets(
        &mut self,
        targets: &[(LeverId, f64)],
        scenario: &Scenario,
        lang: crate::view::Lang,
    ) -> Result<(), ChangeError> {
        let id = match self.session.view.b {
            Variant::Package => return self.pick_in_package(targets, scenario),
            Variant::Proposal(id) if self.session.proposal(id).is_some() => {
                self.session.view.active = Some(id);
                id
            }
            _ => {
                self.session.view.active = None;
                self.active_proposal(lang)?
            }
        };
        let targets: Vec<(LeverId, Option<f64>)> = targets
            .iter()
            .map(|&(lever, value)| (lever, (value != scenario.levers.get(lever).target).then_some(value)))
            .collect();
        let change = self.session.set_levers(id, &targets)?;
        if matches!(&change, Change::SetLevers { levers, .. } if levers.is_empty()) {
            return Ok(());
        }
        self.apply(change)
    }

    /// Replays the last lever change (the newest journal entry that moved levers of a proposal
    /// that still exists), showing that proposal as B. Returns whether there was one.
    pub fn replay_last(&mut self) -> bool {
        let last = self.session.journal.iter().rev().find_map(|entry| match &entry.change {
            Change::SetLevers { proposal, levers } if self.session.proposal(*proposal).is_some() => {
                Some((*proposal, levers.clone()))
            }
            _ => None,
        });
        let Some((proposal, levers)) = last else { return false };
        self.show(Side::B, Variant::Proposal(proposal));
        self.replay = Some(Replay { variant: Variant::Proposal(proposal), levers, started: Instant::now() });
        true
    }

    /// Lever moves on the room's package are the facilitator's picks: the package is made again
    /// with them (one change, undoable).
    fn pick_in_package(
        &mut self,
        targets: &[(LeverId, f64)],
        scenario: &Scenario,
    ) -> Result<(), ChangeError> {
        let Some(current) = self.session.package.clone() else { return Ok(()) };
        let mut picks = current.picks.clone();
        picks.0.extend(targets.iter().copied());
        let package = twin_core::session::compare::package(&self.session, scenario, current.rule, picks);
        if package == current {
            return Ok(());
        }
        self.apply(twin_core::session::compare::set_package(&self.session, package))
    }

    /// Puts a variant on a side; on B a proposal also becomes the active one.
    pub fn show(&mut self, side: Side, variant: Variant) {
        if !self.session.has(variant) {
            return;
        }
        match side {
            Side::A => self.session.view.a = variant,
            Side::B => {
                self.session.view.b = variant;
                if let Variant::Proposal(id) = variant {
                    self.session.view.active = Some(id);
                }
            }
        }
        self.view_changed();
    }

    /// The levers of every variant, for the bridge.
    pub fn wanted(&self, scenario: &Scenario) -> BTreeMap<Variant, Levers> {
        self.session
            .variants()
            .into_iter()
            .filter_map(|v| self.session.levers(v, scenario).map(|l| (v, l)))
            .collect()
    }

    /// Whether a change is waiting to be saved.
    pub fn unsaved(&self) -> bool {
        self.clock.unsaved()
    }

    /// Hands the session to the saver if a save is due and the saver is free. Never blocks.
    pub fn autosave(&mut self, now: Instant) {
        let Some(path) = self.path.clone() else { return };
        if !self.clock.due(now) {
            return;
        }
        if self.saver.try_save(path, self.session.clone()) {
            self.clock.saved(now);
        }
    }

    /// Takes the saver's reports.
    pub fn poll_saves(&mut self) {
        for report in self.saver.reports.try_iter() {
            match report {
                Ok(at) => {
                    self.saved_at = Some(at);
                    self.save_error = None;
                }
                Err(e) => self.save_error = Some(e),
            }
        }
    }

    /// Hands the session to the saver now (Ctrl+S); `false` if a save is still in hand.
    pub fn save_in_background(&mut self) -> bool {
        let Some(path) = self.path.clone() else { return false };
        let queued = self.saver.try_save(path, self.session.clone());
        if queued {
            self.clock.saved(Instant::now());
        }
        queued
    }

    /// Saves now on this thread (at exit, so the last change is not lost).
    pub fn save_now(&mut self) -> std::io::Result<()> {
        let Some(path) = self.path.as_ref() else { return Ok(()) };
        store::save(path, &self.session)?;
        self.clock.saved(Instant::now());
        self.saved_at = Some(Instant::now());
        Ok(())
    }
}

/// The autosave thread: takes a copy of the session over a one-slot channel and saves it.
struct Saver {
    jobs: Sender<(PathBuf, Session)>,
    reports: Receiver<Result<Instant, String>>,
    thread: Option<JoinHandle<()>>,
}

impl Saver {
    fn spawn() -> Saver {
        let (jobs, job_rx) = bounded::<(PathBuf, Session)>(1);
        let (report_tx, reports) = bounded(8);
        let thread = std::thread::Builder::new()
            .name("twin-autosave".into())
            .spawn(move || {
                for (path, session) in job_rx {
                    let report = store::save(&path, &session)
                        .map(|()| Instant::now())
                        .map_err(|e| format!("{}: {e}", path.display()));
                    // A full report queue only loses a report, never a save.
                    let _ = report_tx.try_send(report);
                }
            })
            .ok();
        Saver { jobs, reports, thread }
    }

    /// Queues a save; `false` if one is still waiting (try again next frame).
    fn try_save(&self, path: PathBuf, session: Session) -> bool {
        !matches!(self.jobs.try_send((path, session)), Err(TrySendError::Full(_)))
    }
}

impl Drop for Saver {
    fn drop(&mut self) {
        // Closing the job channel lets the thread finish the save in hand, then end.
        drop(std::mem::replace(&mut self.jobs, bounded(1).0));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Scenarios parsed from the session's copies, by hash, so undoing "open" is instant.
#[derive(Resource, Default)]
pub struct Scenarios(pub BTreeMap<String, Arc<Scenario>>);

/// Registers the workshop systems (the app inserts [`Workshop`]).
pub fn plugin(app: &mut App) {
    app.init_resource::<Scenarios>()
        .add_systems(Update, keys.in_set(crate::FrameSet::Input))
        .add_systems(Update, record_outcomes.in_set(crate::FrameSet::Derived))
        .add_systems(Last, (sync_bridge, autosave).chain().before(crate::sim::SendSet))
        .add_systems(Last, save_on_exit.after(crate::sim::SendSet))
        .add_systems(Update, poll_inbox.in_set(crate::FrameSet::Bridge));
}

/// How often the session's inbox is looked at.
const INBOX_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// Kiosk pins waiting in the session's inbox join the moderation queue; a file is removed once a
/// save holds its pin (so a crash in between takes it again, and nothing twice); a bad file is
/// set aside with a notice.
fn poll_inbox(
    mut workshop: ResMut<Workshop>,
    mut view: ResMut<ViewState>,
    mut last: Local<Option<Instant>>,
    kiosk: Option<Res<crate::kiosk::Kiosk>>,
) {
    let now = Instant::now();
    if kiosk.is_some() || last.is_some_and(|t| now.duration_since(t) < INBOX_EVERY) {
        return;
    }
    *last = Some(now);
    let Some(path) = workshop.path.clone() else { return };
    for delivery in twin_core::session::inbox::read(&twin_core::session::inbox::dir(&path)) {
        match delivery.draft {
            Ok(draft) => {
                let held = workshop.session.room.pins.iter().any(|p| p.draft == draft);
                if !held {
                    let change = workshop.session.add_pin(draft);
                    if let Err(e) = workshop.apply(change) {
                        view.notice = Some(Notice::Error(crate::problem::change_error(&e, view.lang)));
                    }
                } else if !workshop.unsaved() {
                    let _ = twin_core::session::inbox::done(&delivery.path);
                }
            }
            Err(problem) => {
                let kept = twin_core::session::inbox::reject(&delivery.path);
                let kept = kept.map(|k| format!(" ({})", k.display())).unwrap_or_default();
                view.notice = Some(Notice::Warning(format!("{problem}{kept}")));
            }
        }
    }
}

/// The views Tab cycles through, in order.
pub const VIEWS: [ViewMode; 5] =
    [ViewMode::Single, ViewMode::SideBySide, ViewMode::Difference, ViewMode::Groups, ViewMode::Spread];

fn keys(keys: Res<ButtonInput<KeyCode>>, view: Res<ViewState>, mut workshop: ResMut<Workshop>) {
    if !view.keys_free {
        return;
    }
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    let shift = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    if ctrl {
        if keys.just_pressed(KeyCode::KeyZ) {
            let _ = if shift { workshop.redo() } else { workshop.undo() };
        } else if keys.just_pressed(KeyCode::KeyY) {
            let _ = workshop.redo();
        }
        return;
    }
    if keys.just_pressed(KeyCode::KeyA) {
        workshop.side = Side::A;
    } else if keys.just_pressed(KeyCode::KeyB) {
        workshop.side = Side::B;
    } else if keys.just_pressed(KeyCode::KeyX) {
        let v = &mut workshop.session.view;
        (v.a, v.b) = (v.b, v.a);
        workshop.view_changed();
    } else if keys.just_pressed(KeyCode::KeyP) {
        workshop.replay_last();
    } else if keys.just_pressed(KeyCode::Tab) {
        let mode = workshop.session.view.mode;
        let next = VIEWS.iter().position(|m| *m == mode).map_or(0, |i| (i + 1) % VIEWS.len());
        workshop.session.view.mode = VIEWS[next];
        workshop.view_changed();
    }
    if let Some(variant) = digit(&keys).and_then(|n| variant_of_digit(&workshop.session, n)) {
        let side = workshop.side;
        workshop.show(side, variant);
        workshop.side = Side::B;
    }
}

/// The digit key pressed this frame, if any.
fn digit(keys: &ButtonInput<KeyCode>) -> Option<usize> {
    const DIGITS: [[KeyCode; 2]; 10] = [
        [KeyCode::Digit0, KeyCode::Numpad0],
        [KeyCode::Digit1, KeyCode::Numpad1],
        [KeyCode::Digit2, KeyCode::Numpad2],
        [KeyCode::Digit3, KeyCode::Numpad3],
        [KeyCode::Digit4, KeyCode::Numpad4],
        [KeyCode::Digit5, KeyCode::Numpad5],
        [KeyCode::Digit6, KeyCode::Numpad6],
        [KeyCode::Digit7, KeyCode::Numpad7],
        [KeyCode::Digit8, KeyCode::Numpad8],
        [KeyCode::Digit9, KeyCode::Numpad9],
    ];
    DIGITS.iter().position(|pair| keys.any_just_pressed(*pair))
}

/// 0 is the baseline, 1–8 the proposals in order, 9 the room's package.
pub fn variant_of_digit(session: &Session, n: usize) -> Option<Variant> {
    match n {
        0 => Some(Variant::Baseline),
        9 => session.package.as_ref().map(|_| Variant::Package),
        n => session.proposals.get(n - 1).map(|p| Variant::Proposal(p.id)),
    }
}

/// Writes the headline KPIs of each new result into the journal entries that moved its variant
/// (the "actions and outcomes" list), in the timeline's year.
fn record_outcomes(
    sim: Res<Sim>,
    view: Res<ViewState>,
    mut workshop: ResMut<Workshop>,
    mut recorded: Local<BTreeMap<Variant, u64>>,
) {
    let fresh: Vec<Variant> = workshop
        .session
        .variants()
        .into_iter()
        .filter(|v| sim.up_to_date(*v))
        .filter(|v| sim.result(*v).is_some_and(|r| recorded.get(v) != Some(&r.generation)))
        .collect();
    for variant in fresh {
        let Some(result) = sim.result(variant) else { continue };
        recorded.insert(variant, result.generation);
        let pending = workshop
            .session
            .journal
            .last()
            .is_some_and(|e| e.outcome.is_none() && e.change.moved().contains(&variant));
        if let Some(headline) = headline(&result.outcome, variant, view.year).filter(|_| pending) {
            workshop.session.record_outcome(&headline);
        }
    }
}

/// Gives the bridge the session's scenario and every variant's levers when the session changed.
fn sync_bridge(
    mut workshop: ResMut<Workshop>,
    mut scenarios: ResMut<Scenarios>,
    mut sim: ResMut<Sim>,
    mut view: ResMut<ViewState>,
) {
    if !workshop.is_changed() && workshop.replay.is_none() {
        return;
    }
    let copy = &workshop.session.scenario;
    let scenario = match scenarios.0.get(&copy.blake3) {
        Some(s) => Arc::clone(s),
        None => match copy.scenario() {
            Ok(s) => {
                let s = Arc::new(s);
                scenarios.0.insert(copy.blake3.clone(), Arc::clone(&s));
                s
            }
            Err(e) => {
                view.notice = Some(Notice::Error(crate::problem::scenario_error(&e, view.lang)));
                return;
            }
        },
    };
    sim.set_scenario(Arc::clone(&scenario));
    let mut wanted = workshop.wanted(&scenario);
    // A replay moves its proposal's levers without touching the session; when it ends the
    // proposal's own levers are wanted again.
    let replayed = workshop.replay.as_ref().map(|r| {
        (r.variant, wanted.get(&r.variant).map(|base| r.levers(*base, &scenario.levers, Instant::now())))
    });
    match replayed {
        Some((variant, Some(Some(levers)))) => {
            wanted.insert(variant, levers);
        }
        Some(_) => workshop.bypass_change_detection().replay = None,
        None => {}
    }
    sim.want(wanted);
}

/// Polls the saver and hands it the session when a save is due. Touches the resource without
/// marking it changed (saving changes nothing the bridge or the panels show); the timeline's
/// year goes into the session's view on the way.
fn autosave(mut workshop: ResMut<Workshop>, view: Res<ViewState>) {
    let workshop = workshop.bypass_change_detection();
    workshop.poll_saves();
    if workshop.session.view.year != Some(view.year) {
        workshop.session.view.year = Some(view.year);
        workshop.view_changed();
    }
    workshop.autosave(Instant::now());
}

/// Saves the last changes before the window closes.
fn save_on_exit(mut exits: MessageReader<AppExit>, mut workshop: ResMut<Workshop>) {
    if exits.read().next().is_some()
        && workshop.unsaved()
        && let Err(e) = workshop.save_now()
    {
        error!("cannot save the session: {e}");
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::view::Lang;

    fn workshop() -> (Workshop, Scenario) {
        let copy = crate::scenarios::scenario_copy(None).expect("built-in");
        let scenario = copy.scenario().expect("valid");
        (Workshop::new(Session::new("t", copy, Timestamp::UNIX_EPOCH), None), scenario)
    }

    #[test]
    fn a_lever_moved_on_the_baseline_goes_into_a_new_proposal() {
        let (mut w, scenario) = workshop();
        assert_eq!(w.session.view.b, Variant::Baseline);
        w.set_targets(&[(LeverId::EvShare, 1.0)], &scenario, Lang::Nb).expect("in range");
        assert_eq!(w.session.proposals.len(), 1);
        assert_eq!(w.session.proposals[0].details.name, "Forslag 1");
        let id = w.session.proposals[0].id;
        assert_eq!(w.session.view.b, Variant::Proposal(id), "B shows the new proposal");
        assert_eq!(
            w.session.levers(Variant::Baseline, &scenario),
            Some(scenario.levers),
            "the baseline is untouched"
        );
        // Back to the scenario's own value clears the lever rather than storing a copy of it.
        let own = scenario.levers.get(LeverId::EvShare).target;
        w.set_targets(&[(LeverId::EvShare, own)], &scenario, Lang::Nb).expect("in range");
        assert!(w.session.proposals[0].levers.is_empty());
        assert!(w.unsaved());
    }

    #[test]
    fn a_lever_moved_on_the_package_is_the_facilitators_pick() {
        let (mut w, scenario) = workshop();
        w.set_targets(&[(LeverId::EvShare, 1.0)], &scenario, Lang::Nb).expect("in range");
        let pack = twin_core::session::compare::package(
            &w.session,
            &scenario,
            twin_core::session::Rule::Median,
            ByLever::default(),
        );
        w.apply(twin_core::session::compare::set_package(&w.session, pack)).expect("package");
        w.show(Side::B, Variant::Package);
        w.set_targets(&[(LeverId::PvRollout, 0.5)], &scenario, Lang::Nb).expect("in range");
        let package = w.session.package.clone().expect("package");
        assert_eq!(package.picks.get(LeverId::PvRollout), Some(&0.5));
        assert_eq!(package.levers.get(LeverId::PvRollout), Some(&0.5));
        assert_eq!(package.levers.get(LeverId::EvShare), Some(&1.0), "the rule still sets the rest");
        assert_eq!(w.session.proposals.len(), 1, "no proposal was made or moved");
        assert_eq!(w.session.proposals[0].levers.get(LeverId::PvRollout), None);
        w.undo().expect("undo the pick");
        assert_eq!(w.session.package.expect("package").picks.get(LeverId::PvRollout), None);
    }

    #[test]
    fn digits_pick_the_baseline_the_groups_and_the_package() {
        let (mut w, _) = workshop();
        for name in ["A", "B"] {
            let change = w.session.add_proposal(name, ByLever::default());
            w.apply(change).expect("add");
        }
        let ids: Vec<u32> = w.session.proposals.iter().map(|p| p.id).collect();
        assert_eq!(variant_of_digit(&w.session, 0), Some(Variant::Baseline));
        assert_eq!(variant_of_digit(&w.session, 2), Some(Variant::Proposal(ids[1])));
        assert_eq!(variant_of_digit(&w.session, 3), None);
        assert_eq!(variant_of_digit(&w.session, 9), None, "no package yet");
        w.show(Side::A, Variant::Proposal(ids[0]));
        assert_eq!(w.session.view.a, Variant::Proposal(ids[0]));
        assert_eq!(w.session.view.active, None, "A never becomes where levers go");
    }

    #[test]
    fn a_replay_runs_three_passes_from_before_to_after_and_changes_nothing() {
        let (mut w, scenario) = workshop();
        w.set_targets(&[(LeverId::HeatPumpProgramme, 0.8)], &scenario, Lang::Nb).expect("in range");
        let before = w.session.clone();
        assert!(w.replay_last());
        let replay = w.replay.clone().expect("replaying");
        let at = |s: f32| replay.started + Duration::from_secs_f32(s);
        assert_eq!(replay.progress(at(0.0)), Some(0.0));
        assert_eq!(replay.progress(at(REPLAY_PASS_S / 2.0)), Some(0.5));
        assert_eq!(replay.progress(at(REPLAY_PASS_S + 0.1)), Some(1.0), "holds the after state");
        let second = REPLAY_PASS_S + REPLAY_HOLD_S;
        assert_eq!(replay.progress(at(second)), Some(0.0), "then starts again");
        assert_eq!(replay.progress(at(second * REPLAY_PASSES as f32)), None, "three passes");
        let halfway =
            replay.levers(scenario.levers, &scenario.levers, at(REPLAY_PASS_S / 2.0)).expect("running");
        assert!((halfway.get(LeverId::HeatPumpProgramme).target - 0.4).abs() < 1e-9);
        assert_eq!(w.session.proposals, before.proposals, "the session is untouched");
        assert_eq!(w.session.journal, before.journal);
    }
}
