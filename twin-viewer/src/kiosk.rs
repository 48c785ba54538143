//! The citizen kiosk (`twin-viewer --kiosk --session FILE`): the session is read, never written;
//! the citizen moves the kiosk's own levers (a proposal kept in memory) and pins comments, which
//! go to the session's inbox (see [`twin_core::session::inbox`]) for the operator to moderate.
//! Ordinary keys do nothing (no undo, no files, no views); after sending, or after the session's
//! idle time without a touch, it goes back to a clean start: levers, form, language and map.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_egui::egui;
use twin_core::session::room::{Origin, PinCategory};
use twin_core::session::{ByLever, Session, Variant, ViewMode, inbox};

use crate::projector::PinPlacing;
use crate::sim::Sim;
use crate::ui::kiosk::{KioskAction, KioskInput, Step, kiosk_ui};
use crate::view::{Lang, ViewState};
use crate::workshop::Workshop;

/// How long the thank-you stays before the clean start.
const THANKS_FOR: Duration = Duration::from_secs(6);

/// The kiosk's state.
#[derive(Resource, Debug)]
pub struct Kiosk {
    /// Where comments go (`None`: no session file given, so none can be sent).
    pub inbox: Option<PathBuf>,
    /// Where the citizen is.
    pub step: Step,
    /// The proposal the kiosk's levers move.
    pub proposal: u32,
    /// The language a clean start shows.
    pub home_lang: Lang,
    /// The last touch, key or pointer move.
    pub last_input: Instant,
    /// When the comment was sent.
    pub sent_at: Option<Instant>,
}

impl Kiosk {
    /// Prepares a session for a kiosk: its own proposal, shown against the baseline in one map.
    pub fn new(session: &mut Session, session_file: Option<&std::path::Path>, lang: Lang) -> Kiosk {
        let change = session.add_proposal("Kiosk", ByLever::default());
        let proposal = match &change {
            twin_core::session::Change::AddProposal { proposal, .. } => proposal.id,
            _ => 0,
        };
        // A full session (eight groups) has no room for the kiosk's proposal: the kiosk then
        // moves the last group's copy in memory, which is never saved either.
        let proposal = match session.apply(change, jiff::Timestamp::now()) {
            Ok(()) => proposal,
            Err(_) => session.proposals.last().map_or(0, |p| p.id),
        };
        session.view = twin_core::session::View {
            mode: ViewMode::Single,
            a: Variant::Baseline,
            b: Variant::Proposal(proposal),
            active: Some(proposal),
            year: Some(crate::ui::kiosk::KIOSK_YEAR),
        };
        Kiosk {
            inbox: session_file.map(inbox::dir),
            step: Step::Explore,
            proposal,
            home_lang: lang,
            last_input: Instant::now(),
            sent_at: None,
        }
    }
}

/// Lays out the kiosk for one frame and carries out what the citizen asked for.
#[allow(clippy::too_many_arguments)] // the kiosk draws from and acts on each of these
pub fn frame(
    ctx: &egui::Context,
    root: &mut egui::Ui,
    sim: &Sim,
    view: &mut ViewState,
    workshop: &mut Workshop,
    kiosk: &mut Kiosk,
    placing: &mut PinPlacing,
    map: (&crate::map::MapState, Option<crate::ui::wall::MapView<'_>>),
) {
    let now = Instant::now();
    if ctx.input(|i| !i.events.is_empty()) {
        kiosk.last_input = now;
    }
    let idle = Duration::from_secs(u64::from(workshop.session.room.kiosk_idle_s));
    let thanked = kiosk.sent_at.is_some_and(|at| now.duration_since(at) > THANKS_FOR);
    if now.duration_since(kiosk.last_input) > idle || thanked {
        start_over(kiosk, workshop, view, sim);
    }
    if let Some(mut draft) = placing.placed.take() {
        draft.origin = Origin::Kiosk;
        kiosk.step = Step::Writing(draft);
    }
    placing.category = (kiosk.step == Step::Explore).then_some(PinCategory::Idea);
    let variant = Variant::Proposal(kiosk.proposal);
    let levers = sim.wanted(variant).copied().unwrap_or(sim.scenario.levers);
    let input = KioskInput {
        levers: &levers,
        outcome: sim.result(variant).map(|r| &*r.outcome),
        baseline: sim.result(Variant::Baseline).map(|r| &*r.outcome),
        lang: view.lang,
    };
    let actions = kiosk_ui(root, &mut kiosk.step, &input);
    let rect = root.available_rect_before_wrap();
    let zoom = ctx.zoom_factor();
    view.map_rect = Some([rect.min.x * zoom, rect.min.y * zoom, rect.max.x * zoom, rect.max.y * zoom]);
    view.split = false;
    let pointer = ctx.input(|i| i.pointer.hover_pos());
    view.pointer_on_map = kiosk.step == Step::Explore
        && pointer.is_some_and(|p| {
            rect.contains(p) && ctx.layer_id_at(p).is_none_or(|l| l.order == egui::Order::Background)
        });
    if let (Step::Writing(draft), (state, Some(camera))) = (&kiosk.step, map)
        && let Some(geometry) = state.geometry.as_deref()
    {
        let pin = twin_core::session::room::Pin {
            id: 0,
            draft: draft.clone(),
            status: Default::default(),
            likes: 0,
        };
        crate::ui::wall::pins_overlay(ctx, rect, &[&pin], camera, geometry.origin_deg, 1.4);
    }
    for action in actions {
        act(action, kiosk, workshop, view, sim);
    }
    view.keys_free = false;
    view.focus_free = false;
}

fn act(action: KioskAction, kiosk: &mut Kiosk, workshop: &mut Workshop, view: &mut ViewState, sim: &Sim) {
    match action {
        KioskAction::Lever(lever, value) => {
            let _ = workshop.set_targets(&[(lever, value)], &sim.scenario, view.lang);
        }
        KioskAction::Send(draft) => {
            let sent = kiosk.inbox.as_deref().map(|dir| inbox::send(dir, &draft));
            let ok = matches!(sent, Some(Ok(_)));
            if let Some(Err(e)) = sent {
                warn!("kiosk: the comment could not be sent: {e}");
            }
            kiosk.step = Step::Sent { ok };
            kiosk.sent_at = Some(Instant::now());
        }
        KioskAction::StartOver => start_over(kiosk, workshop, view, sim),
        KioskAction::Cancel => kiosk.step = Step::Explore,
        KioskAction::Language(lang) => view.lang = lang,
    }
}

/// Back to a clean start: the scenario's own levers, no form, the home language, nothing selected.
pub fn start_over(kiosk: &mut Kiosk, workshop: &mut Workshop, view: &mut ViewState, sim: &Sim) {
    if let Ok(change) = workshop.session.reset_levers(kiosk.proposal)
        && !matches!(&change, twin_core::session::Change::SetLevers { levers, .. } if levers.is_empty())
    {
        let _ = workshop.apply(change);
    }
    kiosk.step = Step::Explore;
    kiosk.sent_at = None;
    kiosk.last_input = Instant::now();
    view.lang = kiosk.home_lang;
    view.selected = None;
    view.year = crate::ui::kiosk::KIOSK_YEAR.clamp(sim.scenario.base_year, sim.scenario.end_year);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Pool;

    #[test]
    fn start_over_takes_the_kiosk_back_to_a_clean_start() {
        let copy = crate::scenarios::scenario_copy(None).expect("built-in");
        let scenario = copy.scenario().expect("opens");
        let mut session = Session::new("t", copy, jiff::Timestamp::UNIX_EPOCH);
        let mut kiosk = Kiosk::new(&mut session, Some(std::path::Path::new("/tmp/w.ron")), Lang::Nn);
        assert_eq!(kiosk.inbox.as_deref(), Some(std::path::Path::new("/tmp/w.inbox")));
        let sim = Sim::with_pool(std::sync::Arc::new(scenario.clone()), Pool::new(0));
        let mut workshop = Workshop::new(session, None);
        let mut view = ViewState::new(scenario.base_year);
        act(
            KioskAction::Lever(twin_core::catalogue::levers::LeverId::EvShare, 1.0),
            &mut kiosk,
            &mut workshop,
            &mut view,
            &sim,
        );
        act(KioskAction::Language(Lang::En), &mut kiosk, &mut workshop, &mut view, &sim);
        kiosk.step = Step::Sent { ok: true };
        let moved = workshop.session.proposal(kiosk.proposal).map(|p| p.levers.len());
        assert_eq!(moved, Some(1));
        start_over(&mut kiosk, &mut workshop, &mut view, &sim);
        assert_eq!(kiosk.step, Step::Explore);
        assert_eq!(view.lang, Lang::Nn, "back to the kiosk's own language");
        assert_eq!(
            workshop.session.proposal(kiosk.proposal).map(|p| p.levers.len()),
            Some(0),
            "levers as the scenario has them"
        );
        assert!(workshop.path.is_none(), "a kiosk never writes the session");
    }
}
