//! The operator's room panel: the agenda (standard run of show, start, next and previous phase,
//! the phase clock), the promise to the room (influence level and next steps: `promise`),
//! sending the view to the projector, the moderation queue of pins (approve, or hide with a
//! reason), dot votes (open on proposals, levers or pins; record a person's dots or a
//! paper count; close to reveal), the "not in the model" parking lot, the process check typed in
//! from paper, and the kiosk's idle time. Plus the journal's line for each room change.
//!
//! Plain functions over plain data: they return the [`RoomAction`]s asked for; the layout applies
//! them through the session's journal. Every text comes from the message files.

use egui::{Color32, RichText, Ui};
use jiff::Timestamp;
use twin_core::catalogue::Catalogue;
use twin_core::catalogue::levers::LeverId;
use twin_core::session::room::{
    Agenda, Choice, Edit, Link, ParkedKind, PinCategory, PinStatus, Response, RoomChange, Statement, Vote,
    VoteState,
};
use twin_core::session::{Change, Session};

use super::levers::label;
use crate::i18n::{tr, tr_args};
use crate::view::Lang;

/// Amber for a phase over time (on dark and light backgrounds alike).
pub const AMBER: Color32 = Color32::from_rgb(0xFF, 0xB0, 0x00);

/// What the operator asked for in the room panel.
#[derive(Debug, Clone, PartialEq)]
pub enum RoomAction {
    /// A change to the session (through its journal).
    Change(Box<Change>),
    /// Send the current view to the projector.
    Send,
    /// Place a pin of this category with the next click on the map (`None`: stop placing).
    PlacePin(Option<PinCategory>),
}

impl RoomAction {
    /// A change to the session.
    pub fn change(change: Change) -> RoomAction {
        RoomAction::Change(Box::new(change))
    }
}

/// What is being typed in the room panel, kept between frames.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomDraft {
    /// Reason for hiding a pin.
    pub hide_reason: String,
    /// The question of the next vote.
    pub question: String,
    /// What the next vote is on.
    pub vote_on: VoteOn,
    /// Dots per person in the next vote.
    pub dots: u32,
    /// One person's dots being recorded, by choice index.
    pub ballot: Vec<usize>,
    /// The parked item being typed.
    pub parked: String,
    /// Its kind.
    pub parked_kind: ParkedKind,
    /// Its group or pin.
    pub parked_link: Option<Link>,
    /// A process-check response being typed in from paper.
    pub response: [u8; 5],
    /// The story of the pin to place.
    pub pin_story: String,
    /// The next step being typed: what happens.
    pub step_what: String,
    /// When it happens.
    pub step_when: String,
    /// The facilitator's wording of the promise while it is typed.
    pub promise_text: Option<String>,
}

impl Default for RoomDraft {
    fn default() -> RoomDraft {
        RoomDraft {
            hide_reason: String::new(),
            question: String::new(),
            vote_on: VoteOn::Proposals,
            dots: 3,
            ballot: Vec::new(),
            parked: String::new(),
            parked_kind: ParkedKind::Idea,
            parked_link: None,
            response: [3; 5],
            pin_story: String::new(),
            step_what: String::new(),
            step_when: String::new(),
            promise_text: None,
        }
    }
}

/// What a new vote is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoteOn {
    /// The groups' proposals.
    Proposals,
    /// The levers.
    Levers,
    /// The approved pins.
    Pins,
}

/// The standard agenda's phase names in a language, in order.
pub fn standard_agenda(lang: Lang) -> Agenda {
    let ids = [
        "phase-welcome",
        "phase-today",
        "phase-predict",
        "phase-map-jam",
        "phase-groups",
        "phase-break",
        "phase-plenary",
        "phase-prioritise",
        "phase-debrief",
        "phase-close",
    ];
    let names = ids.map(|id| tr(lang, id));
    Agenda::standard(names.each_ref().map(|n| n.as_ref()))
}

/// `12:34` for a number of seconds left (`-1:05` over time).
pub fn clock(seconds: f64) -> String {
    let whole = seconds.abs().floor() as i64;
    let sign = if seconds < 0.0 { "-" } else { "" };
    format!("{sign}{}:{:02}", whole / 60, whole % 60)
}

/// The whole room panel.
pub fn room_ui(
    ui: &mut Ui,
    session: &Session,
    draft: &mut RoomDraft,
    now: Timestamp,
    lang: Lang,
) -> Vec<RoomAction> {
    let mut actions = Vec::new();
    agenda_ui(ui, session, now, lang, &mut actions);
    ui.separator();
    let level = super::promise::influence_name(session.room.promise.influence, lang);
    section(ui, "room.promise", &tr_args(lang, "promise-title", &[("level", level.into())]), |ui| {
        super::promise::promise_ui(ui, session, draft, lang, &mut actions)
    });
    let pending = session.room.pending_pins().count();
    section(ui, "room.moderation", &tr_args(lang, "room-moderation", &[("count", pending.into())]), |ui| {
        moderation_ui(ui, session, draft, lang, &mut actions)
    });
    section(ui, "room.pins", &tr(lang, "room-pins"), |ui| pins_ui(ui, session, draft, lang, &mut actions));
    section(ui, "room.votes", &tr(lang, "room-votes"), |ui| votes_ui(ui, session, draft, lang, &mut actions));
    section(ui, "room.parking", &tr(lang, "parking-title"), |ui| {
        parking_ui(ui, session, draft, now, lang, &mut actions)
    });
    section(ui, "room.check", &tr(lang, "process-title"), |ui| {
        check_ui(ui, session, draft, lang, &mut actions)
    });
    let mut idle = session.room.kiosk_idle_s;
    ui.horizontal(|ui| {
        ui.label(tr(lang, "room-kiosk-idle"));
        ui.add(egui::DragValue::new(&mut idle).range(15..=900));
    });
    if idle != session.room.kiosk_idle_s {
        actions.push(room_change(RoomChange::KioskIdle(session.room.kiosk_idle_s, idle)));
    }
    actions
}

fn section(ui: &mut Ui, salt: &str, title: &str, body: impl FnOnce(&mut Ui)) {
    egui::CollapsingHeader::new(RichText::new(title).strong()).id_salt(salt).show(ui, body);
}

fn room_change(change: RoomChange) -> RoomAction {
    RoomAction::change(Change::Room(change))
}

fn agenda_ui(ui: &mut Ui, session: &Session, now: Timestamp, lang: Lang, actions: &mut Vec<RoomAction>) {
    let agenda = &session.room.agenda;
    ui.horizontal(|ui| {
        ui.heading(tr(lang, "room-agenda"));
        if let Some(left) = agenda.remaining_s(now) {
            let colour = if left < 0.0 { AMBER } else { ui.visuals().strong_text_color() };
            ui.label(RichText::new(clock(left)).size(20.0).strong().color(colour));
        }
    });
    if agenda.phases.is_empty() {
        if ui.button(tr(lang, "room-standard-agenda")).clicked() {
            actions.push(RoomAction::change(session.set_phases(standard_agenda(lang).phases)));
        }
        return;
    }
    let args = [("count", agenda.phases.len().into()), ("minutes", agenda.total_minutes().into())];
    ui.label(RichText::new(tr_args(lang, "room-agenda-total", &args)).weak());
    for (i, phase) in agenda.phases.iter().enumerate() {
        let current = agenda.current == Some(i);
        let text = format!("{}. {} ({} min)", i + 1, phase.name, phase.minutes);
        if ui.selectable_label(current, text).clicked() && !current {
            actions.push(RoomAction::change(session.go_to_phase(Some(i), now)));
        }
    }
    ui.horizontal_wrapped(|ui| {
        let at = agenda.current;
        let previous = at.and_then(|i| i.checked_sub(1));
        if ui.add_enabled(previous.is_some(), egui::Button::new(tr(lang, "room-previous"))).clicked() {
            actions.push(RoomAction::change(session.go_to_phase(previous, now)));
        }
        let next = at.map_or(0, |i| i + 1);
        let label = if at.is_none() { tr(lang, "room-start") } else { tr(lang, "room-next") };
        if ui
            .add_enabled(next < agenda.phases.len(), egui::Button::new(label))
            .on_hover_text("Ctrl+→")
            .clicked()
        {
            actions.push(RoomAction::change(session.go_to_phase(Some(next), now)));
        }
        if ui.add_enabled(at.is_some(), egui::Button::new(tr(lang, "room-stop"))).clicked() {
            actions.push(RoomAction::change(session.go_to_phase(None, now)));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button(RichText::new(tr(lang, "room-send")).strong()).on_hover_text("F6").clicked() {
            actions.push(RoomAction::Send);
        }
        let sent = match &session.room.projected {
            Some(p) => tr_args(lang, "room-sent-at", &[("time", short_time(p.at).into())]),
            None => tr(lang, "room-not-sent").into_owned(),
        };
        ui.label(RichText::new(sent).small().weak());
    });
}

/// `14:05` in the machine's time zone.
pub fn short_time(at: Timestamp) -> String {
    let zoned = at.to_zoned(jiff::tz::TimeZone::system());
    format!("{:02}:{:02}", zoned.hour(), zoned.minute())
}

/// A pin category's name.
pub fn category_name(category: PinCategory, lang: Lang) -> String {
    tr(lang, &format!("pin-{}", category.key())).into_owned()
}

/// A small disc in a category's colour, as pins are drawn on the map.
pub fn category_dot(ui: &mut Ui, category: PinCategory) {
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    ui.painter().circle(
        rect.center(),
        size * 0.35,
        category_colour(category),
        egui::Stroke::new(1.0, Color32::BLACK),
    );
}

/// A pin category's colour on the map (Okabe–Ito, readable with colour-vision deficiencies).
pub fn category_colour(category: PinCategory) -> Color32 {
    let [r, g, b] = category.colour();
    Color32::from_rgb(r, g, b)
}

fn moderation_ui(
    ui: &mut Ui,
    session: &Session,
    draft: &mut RoomDraft,
    lang: Lang,
    actions: &mut Vec<RoomAction>,
) {
    let mut pending = session.room.pending_pins().peekable();
    if pending.peek().is_none() {
        ui.label(RichText::new(tr(lang, "room-nothing-waiting")).weak());
    }
    ui.horizontal(|ui| {
        ui.label(tr(lang, "room-hide-reason"));
        ui.text_edit_singleline(&mut draft.hide_reason);
    });
    for pin in pending {
        ui.group(|ui| {
            ui.label(
                RichText::new(format!("#{} {}", pin.id, category_name(pin.draft.category, lang))).strong(),
            );
            if let Some(district) = &pin.draft.district {
                ui.label(RichText::new(district).weak());
            }
            ui.label(&pin.draft.story);
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "room-approve")).clicked() {
                    actions.extend(session.moderate(pin.id, PinStatus::Approved).map(RoomAction::change));
                }
                let reason = draft.hide_reason.trim().to_owned();
                if ui.add_enabled(!reason.is_empty(), egui::Button::new(tr(lang, "room-hide"))).clicked() {
                    actions
                        .extend(session.moderate(pin.id, PinStatus::Hidden(reason)).map(RoomAction::change));
                }
            });
        });
    }
}

fn pins_ui(ui: &mut Ui, session: &Session, draft: &mut RoomDraft, lang: Lang, actions: &mut Vec<RoomAction>) {
    ui.label(tr(lang, "room-place-pin"));
    ui.horizontal(|ui| {
        ui.label(tr(lang, "room-pin-story"));
        ui.text_edit_singleline(&mut draft.pin_story);
    });
    ui.horizontal_wrapped(|ui| {
        for category in PinCategory::all() {
            let text = RichText::new(category_name(category, lang)).color(category_colour(category));
            if ui.button(text).clicked() {
                actions.push(RoomAction::PlacePin(Some(category)));
            }
        }
    });
    for pin in session.room.pins.iter().filter(|p| p.status != PinStatus::Pending) {
        ui.horizontal_wrapped(|ui| {
            let name = category_name(pin.draft.category, lang);
            category_dot(ui, pin.draft.category);
            ui.label(format!("#{} {name}: {}", pin.id, pin.draft.story));
            match &pin.status {
                PinStatus::Hidden(reason) => {
                    ui.label(
                        RichText::new(tr_args(
                            lang,
                            "room-hidden-because",
                            &[("reason", reason.as_str().into())],
                        ))
                        .weak(),
                    );
                    if ui.small_button(tr(lang, "room-unhide")).clicked() {
                        actions.extend(session.moderate(pin.id, PinStatus::Approved).map(RoomAction::change));
                    }
                }
                _ => {
                    if ui.small_button("♥").on_hover_text(pin.likes.to_string()).clicked() {
                        actions.extend(session.like(pin.id).map(RoomAction::change));
                    }
                    ui.label(pin.likes.to_string());
                }
            }
        });
    }
}

/// What a vote's choice is called.
pub fn choice_name(session: &Session, choice: &Choice, lang: Lang) -> String {
    match choice {
        Choice::Proposal(id) => session.proposal(*id).map_or(format!("#{id}"), |p| p.details.name.clone()),
        Choice::Lever(key) => LeverId::from_key(key).map_or(key.clone(), |l| label(l, lang).to_owned()),
        Choice::Pin(id) => session.room.pin(*id).map_or(format!("#{id}"), |p| {
            let story: String = p.draft.story.chars().take(40).collect();
            format!("#{id} {story}")
        }),
    }
}

fn choices(session: &Session, on: VoteOn) -> Vec<Choice> {
    match on {
        VoteOn::Proposals => session.proposals.iter().map(|p| Choice::Proposal(p.id)).collect(),
        VoteOn::Levers => LeverId::all().map(|l| Choice::Lever(l.key().to_owned())).collect(),
        VoteOn::Pins => session.room.approved_pins().map(|p| Choice::Pin(p.id)).collect(),
    }
}

fn votes_ui(
    ui: &mut Ui,
    session: &Session,
    draft: &mut RoomDraft,
    lang: Lang,
    actions: &mut Vec<RoomAction>,
) {
    if let Some(vote) = session.room.votes.last() {
        vote_ui(ui, session, vote, draft, lang, actions);
        ui.separator();
    }
    if draft.question.is_empty() {
        draft.question = tr(lang, "room-vote-default-question").into_owned();
    }
    ui.horizontal(|ui| {
        ui.label(tr(lang, "room-vote-question"));
        ui.text_edit_singleline(&mut draft.question);
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(tr(lang, "room-vote-on"));
        for (on, id) in [
            (VoteOn::Proposals, "room-vote-on-proposals"),
            (VoteOn::Levers, "room-vote-on-levers"),
            (VoteOn::Pins, "room-vote-on-pins"),
        ] {
            ui.radio_value(&mut draft.vote_on, on, tr(lang, id));
        }
    });
    ui.horizontal(|ui| {
        ui.label(tr(lang, "room-vote-dots"));
        ui.add(egui::DragValue::new(&mut draft.dots).range(1..=twin_core::session::room::MAX_DOTS));
    });
    let choices = choices(session, draft.vote_on);
    let open = session.room.votes.iter().any(|v| v.state == VoteState::Open);
    if choices.is_empty() {
        ui.label(RichText::new(tr(lang, "room-vote-nothing")).weak());
    } else if ui.add_enabled(!open, egui::Button::new(tr(lang, "room-vote-open"))).clicked() {
        actions.push(RoomAction::change(session.open_vote(draft.question.trim(), choices, draft.dots)));
    }
}

fn vote_ui(
    ui: &mut Ui,
    session: &Session,
    vote: &Vote,
    draft: &mut RoomDraft,
    lang: Lang,
    actions: &mut Vec<RoomAction>,
) {
    ui.label(RichText::new(&vote.question).strong());
    match vote.ranking() {
        None => {
            ui.label(tr_args(lang, "projector-voted", &[("count", vote.voters().into())]));
            ballot_ui(ui, session, vote, draft, lang, actions);
            if ui.button(tr(lang, "room-vote-close")).clicked() {
                actions.extend(session.set_vote_state(vote.id, VoteState::Closed).map(RoomAction::change));
            }
        }
        Some(ranking) => {
            for (choice, dots) in ranking {
                ui.label(tr_args(
                    lang,
                    "room-ranking-line",
                    &[
                        ("choice", choice_name(session, choice, lang).into()),
                        ("dots", tr_args(lang, "projector-dots", &[("count", dots.into())]).into()),
                    ],
                ));
            }
            if ui.button(tr(lang, "room-vote-reopen")).clicked() {
                actions.extend(session.set_vote_state(vote.id, VoteState::Open).map(RoomAction::change));
            }
        }
    }
}

/// Recording one person's dots (click a choice once per dot) and the paper counts per choice.
fn ballot_ui(
    ui: &mut Ui,
    session: &Session,
    vote: &Vote,
    draft: &mut RoomDraft,
    lang: Lang,
    actions: &mut Vec<RoomAction>,
) {
    ui.label(RichText::new(tr(lang, "room-vote-paper")).weak());
    for (i, choice) in vote.choices.iter().enumerate() {
        ui.horizontal(|ui| {
            let mine = draft.ballot.iter().filter(|&&c| c == i).count();
            let full = draft.ballot.len() >= vote.dots as usize;
            if ui.add_enabled(!full, egui::Button::new(format!("+ ({mine})"))).clicked() {
                draft.ballot.push(i);
            }
            let mut paper = vote.paper.get(&i).copied().unwrap_or(0);
            if ui.add(egui::DragValue::new(&mut paper).range(0..=10_000)).changed() {
                actions.extend(session.paper_count(vote.id, i, paper).ok().map(RoomAction::change));
            }
            ui.label(choice_name(session, choice, lang));
        });
    }
    let ready = !draft.ballot.is_empty();
    if ui.add_enabled(ready, egui::Button::new(tr(lang, "room-vote-ballot"))).clicked()
        && let Ok(change) = session.cast(vote.id, std::mem::take(&mut draft.ballot))
    {
        actions.push(RoomAction::change(change));
    }
}

/// A parked item's kind, named.
pub fn parked_kind_name(kind: ParkedKind, lang: Lang) -> String {
    let id = match kind {
        ParkedKind::Idea => "parked-idea",
        ParkedKind::Effect => "parked-effect",
        ParkedKind::Concern => "parked-concern",
    };
    tr(lang, id).into_owned()
}

fn parking_ui(
    ui: &mut Ui,
    session: &Session,
    draft: &mut RoomDraft,
    now: Timestamp,
    lang: Lang,
    actions: &mut Vec<RoomAction>,
) {
    for item in &session.room.parking {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(parked_kind_name(item.kind, lang)).strong());
            ui.label(&item.text);
            if ui.small_button("✖").clicked() {
                actions.push(room_change(RoomChange::Parked(Edit::Remove(item.clone()))));
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        for kind in [ParkedKind::Idea, ParkedKind::Effect, ParkedKind::Concern] {
            ui.radio_value(&mut draft.parked_kind, kind, parked_kind_name(kind, lang));
        }
    });
    ui.add(egui::TextEdit::singleline(&mut draft.parked).hint_text(tr(lang, "room-parking-text")));
    let link_name = |link: Option<Link>| match link {
        None => tr(lang, "room-none").into_owned(),
        Some(Link::Group(id)) => session.proposal(id).map_or(format!("#{id}"), |p| p.details.name.clone()),
        Some(Link::Pin(id)) => format!("#{id}"),
    };
    ui.horizontal(|ui| {
        ui.label(tr(lang, "room-parking-from"));
        egui::ComboBox::from_id_salt("room.parked_link").selected_text(link_name(draft.parked_link)).show_ui(
            ui,
            |ui| {
                let links = std::iter::once(None)
                    .chain(session.proposals.iter().map(|p| Some(Link::Group(p.id))))
                    .chain(session.room.approved_pins().map(|p| Some(Link::Pin(p.id))));
                for link in links {
                    ui.selectable_value(&mut draft.parked_link, link, link_name(link));
                }
            },
        );
        let text = draft.parked.trim().to_owned();
        if ui.add_enabled(!text.is_empty(), egui::Button::new(tr(lang, "room-parking-add"))).clicked() {
            actions.push(RoomAction::change(session.park(draft.parked_kind, &text, draft.parked_link, now)));
            draft.parked.clear();
        }
    });
}

/// A statement of the process check, in words.
pub fn statement_text(statement: Statement, lang: Lang) -> String {
    tr(lang, &format!("statement-{}", statement.key())).into_owned()
}

fn check_ui(
    ui: &mut Ui,
    session: &Session,
    draft: &mut RoomDraft,
    lang: Lang,
    actions: &mut Vec<RoomAction>,
) {
    let profile = twin_core::session::room::Profile::of(&session.room.process_check);
    ui.label(tr_args(lang, "projector-responses", &[("count", profile.responses.into())]));
    for (k, statement) in Statement::all().enumerate() {
        ui.horizontal(|ui| {
            ui.add(egui::DragValue::new(&mut draft.response[k]).range(1..=5));
            let mean = profile.mean[statement];
            let mean = if mean.is_finite() { format!("  ⌀ {mean:.1}") } else { String::new() };
            ui.label(format!("{}{mean}", statement_text(statement, lang)));
        });
    }
    if ui.button(tr(lang, "room-check-add")).clicked() {
        let response = Response(enum_map::EnumMap::from_fn(|s: Statement| draft.response[s as usize]));
        actions.push(RoomAction::change(session.respond(response)));
    }
}

/// The journal's line for a room change.
pub fn describe_room(change: &RoomChange, lang: Lang) -> String {
    let id_arg = |id: u32| ("id", crate::i18n::Arg::from(id));
    match change {
        RoomChange::Promise(from, to) => super::promise::describe_promise(from, to, lang),
        RoomChange::Agenda(from, to) if from.phases != to.phases => tr(lang, "journal-agenda").into_owned(),
        RoomChange::Agenda(_, to) => match to.phase() {
            Some(phase) => tr_args(lang, "journal-phase", &[("name", phase.name.as_str().into())]),
            None => tr(lang, "journal-agenda-stopped").into_owned(),
        },
        RoomChange::Pin(Edit::Add(pin)) => {
            tr_args(lang, "journal-pin-added", &[id_arg(pin.id), ("story", pin.draft.story.as_str().into())])
        }
        RoomChange::Pin(Edit::Remove(pin)) => tr_args(lang, "journal-pin-removed", &[id_arg(pin.id)]),
        RoomChange::Pin(Edit::Replace(from, to)) => match &to.status {
            _ if to.likes > from.likes => tr_args(lang, "journal-pin-liked", &[id_arg(to.id)]),
            PinStatus::Approved => tr_args(lang, "journal-pin-approved", &[id_arg(to.id)]),
            PinStatus::Pending => tr_args(lang, "journal-pin-pending", &[id_arg(to.id)]),
            PinStatus::Hidden(reason) => {
                tr_args(lang, "journal-pin-hidden", &[id_arg(to.id), ("reason", reason.as_str().into())])
            }
        },
        RoomChange::Vote(edit) => {
            let (id, vote) = match edit {
                Edit::Add(v) => ("journal-vote-opened", v),
                Edit::Remove(v) => ("journal-vote-removed", v),
                Edit::Replace(_, v) if v.state == VoteState::Closed => ("journal-vote-closed", v),
                Edit::Replace(_, v) => ("journal-vote-changed", v),
            };
            tr_args(lang, id, &[("question", vote.question.as_str().into())])
        }
        RoomChange::Parked(Edit::Remove(item)) => {
            tr_args(lang, "journal-parked-removed", &[("text", item.text.as_str().into())])
        }
        RoomChange::Parked(Edit::Add(item) | Edit::Replace(_, item)) => {
            tr_args(lang, "journal-parked", &[("text", item.text.as_str().into())])
        }
        RoomChange::Response(Edit::Remove(_)) => tr(lang, "journal-response-removed").into_owned(),
        RoomChange::Response(_) => tr(lang, "journal-response").into_owned(),
        RoomChange::KioskIdle(_, to) => tr_args(lang, "journal-kiosk-idle", &[("seconds", (*to).into())]),
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use twin_core::session::ByLever;
    use twin_core::session::room::{Origin, PinDraft};

    use super::*;

    fn t(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_764_662_400 + seconds).expect("a time")
    }

    fn session() -> Session {
        let copy = crate::scenarios::scenario_copy(None).expect("built-in");
        let mut s = Session::new("t", copy, t(0));
        s.apply(s.add_proposal("Ungdom", ByLever::default()), t(0)).expect("add");
        let draft = PinDraft {
            lon: 10.5,
            lat: 59.9,
            category: PinCategory::Idea,
            story: "Benk ved stranda".into(),
            concerns: None,
            district: Some("Sandvika".into()),
            origin: Origin::Kiosk,
            at: t(1),
        };
        s.apply(s.add_pin(draft), t(1)).expect("pin");
        s
    }

    fn harness(s: &Session, now: Timestamp, lang: Lang) -> Harness<'_, (RoomDraft, Vec<RoomAction>)> {
        Harness::builder().with_size(egui::vec2(420.0, 1400.0)).build_ui_state(
            move |ui, (draft, actions): &mut (RoomDraft, Vec<RoomAction>)| {
                egui::ScrollArea::vertical().show(ui, |ui| actions.extend(room_ui(ui, s, draft, now, lang)));
            },
            (RoomDraft::default(), Vec::new()),
        )
    }

    fn open_all(harness: &mut Harness<'_, (RoomDraft, Vec<RoomAction>)>, titles: &[&str]) {
        for title in titles {
            harness.get_by_label_contains(title).click();
            harness.run();
        }
    }

    #[test]
    fn a_kiosk_pin_is_approved_or_hidden_only_with_a_reason() {
        let s = session();
        let pin = s.room.pins[0].id;
        let mut harness = harness(&s, t(2), Lang::Nb);
        open_all(&mut harness, &["Moderering (1 venter)"]);
        harness.get_by_label("Benk ved stranda");
        harness.get_by_label("Godkjenn").click();
        harness.run();
        let approve = s.moderate(pin, PinStatus::Approved).map(RoomAction::change);
        assert_eq!(harness.state().1.last(), approve.as_ref());
        // Hiding asks for a reason first.
        harness.get_by_label("Skjul").click();
        harness.run();
        assert_eq!(harness.state().1.len(), 1, "no hiding without a reason");
        harness.state_mut().0.hide_reason = "navn på en person".into();
        harness.run();
        harness.get_by_label("Skjul").click();
        harness.run();
        let hide = s.moderate(pin, PinStatus::Hidden("navn på en person".into())).map(RoomAction::change);
        assert_eq!(harness.state().1.last(), hide.as_ref());
    }

    #[test]
    fn the_phase_clock_counts_down_and_shows_over_time() {
        let mut s = session();
        s.apply(s.set_phases(standard_agenda(Lang::Nb).phases), t(2)).expect("phases");
        s.apply(s.go_to_phase(Some(1), t(10)), t(10)).expect("phase");
        let harness = harness(&s, t(10 + 5 * 60), Lang::Nb);
        harness.get_by_label("10:00");
        harness.get_by_label("2. Dagens bilde (15 min)");
        let late = self::harness(&s, t(10 + 16 * 60 + 5), Lang::Nb);
        late.get_by_label("-1:05");
        assert_eq!(clock(-65.0), "-1:05");
    }

    #[test]
    fn the_panel_speaks_each_language() {
        let mut s = session();
        s.apply(s.set_phases(standard_agenda(Lang::Nn).phases), t(2)).expect("phases");
        s.apply(s.go_to_phase(Some(2), t(3)), t(3)).expect("phase");
        for (lang, previous, phase) in [
            (Lang::Nb, "Forrige fase", "Spå og test"),
            (Lang::Nn, "Førre fase", "Spå og test"),
            (Lang::En, "Previous phase", "Spå og test"),
        ] {
            let harness = harness(&s, t(4), lang);
            harness.get_by_label(previous);
            // Phase names are the session's data, in the language they were made in.
            harness.get_by_label_contains(phase);
        }
        assert_eq!(standard_agenda(Lang::En).phases[1].name, "Today's picture");
    }

    #[test]
    fn an_open_votes_tally_stays_hidden_in_the_panel_until_it_closes() {
        let mut s = session();
        let choices = vec![Choice::Proposal(s.proposals[0].id), Choice::Lever("ev_share".into())];
        s.apply(s.open_vote("Hva først?", choices, 2), t(2)).expect("vote");
        let vote = s.room.votes[0].id;
        s.apply(s.cast(vote, vec![1, 1]).expect("ballot"), t(3)).expect("cast");
        {
            let mut harness = harness(&s, t(4), Lang::Nb);
            open_all(&mut harness, &["Avstemning"]);
            harness.get_by_label("1 person har stemt");
            assert!(harness.query_by_label_contains("2 prikker").is_none(), "no tally while open");
            harness.get_by_label("Avslutt og vis resultatet").click();
            harness.run();
            let close = s.set_vote_state(vote, VoteState::Closed).map(RoomAction::change);
            assert_eq!(harness.state().1.last(), close.as_ref());
        }
        s.apply(s.set_vote_state(vote, VoteState::Closed).expect("vote"), t(5)).expect("close");
        let mut closed = self::harness(&s, t(6), Lang::Nb);
        open_all(&mut closed, &["Avstemning"]);
        closed.get_by_label_contains("2 prikker");
    }
}
