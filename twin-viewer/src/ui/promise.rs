//! The promise to the room, set before the workshop: how far its input can change the decision
//! (the influence level, with the level's own wording or the facilitator's) and what happens
//! next, by when. The projector's first screen states the level; its closing screen lists the
//! steps; the handout prints both.

use egui::{RichText, Ui};
use twin_core::catalogue::Catalogue;
use twin_core::session::Session;
use twin_core::session::room::{Influence, Promise};

use super::room::{RoomAction, RoomDraft};
use crate::i18n::tr;
use crate::view::Lang;

/// An influence level's name.
pub fn influence_name(level: Influence, lang: Lang) -> String {
    tr(lang, &format!("influence-{}", level.key())).into_owned()
}

/// What the room's input is used for: the facilitator's words, else the level's own.
pub fn promise_text(promise: &Promise, lang: Lang) -> String {
    match promise.text.trim() {
        "" => tr(lang, &format!("influence-{}-about", promise.influence.key())).into_owned(),
        own => own.to_owned(),
    }
}

/// The panel's section: the level, the wording and the next steps.
pub fn promise_ui(
    ui: &mut Ui,
    session: &Session,
    draft: &mut RoomDraft,
    lang: Lang,
    actions: &mut Vec<RoomAction>,
) {
    let promise = &session.room.promise;
    let change = |to: Promise| RoomAction::change(session.set_promise(to));
    ui.horizontal(|ui| {
        ui.label(tr(lang, "promise-level"));
        let mut level = promise.influence;
        egui::ComboBox::from_id_salt("room.influence").selected_text(influence_name(level, lang)).show_ui(
            ui,
            |ui| {
                for option in Influence::all() {
                    ui.selectable_value(&mut level, option, influence_name(option, lang))
                        .on_hover_text(tr(lang, &format!("influence-{}-about", option.key())));
                }
            },
        );
        if level != promise.influence {
            actions.push(change(Promise { influence: level, ..promise.clone() }));
        }
    });
    wording_ui(ui, promise, draft, lang, actions, change);
    ui.label(RichText::new(tr(lang, "promise-next-steps")).strong());
    for (i, step) in promise.next_steps.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{}. {}", i + 1, step.what));
            if !step.when.is_empty() {
                ui.label(RichText::new(&step.when).weak());
            }
            if ui.small_button("✖").on_hover_text(tr(lang, "promise-remove-step")).clicked() {
                actions.push(change(promise.without_step(i)));
            }
        });
    }
    ui.add(egui::TextEdit::singleline(&mut draft.step_what).hint_text(tr(lang, "promise-step-what")));
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut draft.step_when)
                .hint_text(tr(lang, "promise-step-when"))
                .desired_width(160.0),
        );
        let what = draft.step_what.trim().to_owned();
        if ui.add_enabled(!what.is_empty(), egui::Button::new(tr(lang, "promise-add-step"))).clicked() {
            actions.push(change(promise.with_step(&what, &draft.step_when)));
            draft.step_what.clear();
            draft.step_when.clear();
        }
    });
}

/// The facilitator's own wording, kept in the draft while typed and made one change when the
/// field is left (not one per keystroke).
fn wording_ui(
    ui: &mut Ui,
    promise: &Promise,
    draft: &mut RoomDraft,
    lang: Lang,
    actions: &mut Vec<RoomAction>,
    change: impl Fn(Promise) -> RoomAction,
) {
    let mut text = draft.promise_text.clone().unwrap_or_else(|| promise.text.clone());
    let hint = promise_text(&Promise { text: String::new(), ..promise.clone() }, lang);
    let field = ui.add(egui::TextEdit::multiline(&mut text).hint_text(hint).desired_rows(2));
    if field.has_focus() {
        draft.promise_text = Some(text);
    } else if draft.promise_text.take().is_some() && text.trim() != promise.text {
        actions.push(change(Promise { text: text.trim().to_owned(), ..promise.clone() }));
    }
}

/// The journal's line for a change of the promise.
pub fn describe_promise(from: &Promise, to: &Promise, lang: Lang) -> String {
    if from.influence != to.influence {
        let level = influence_name(to.influence, lang);
        crate::i18n::tr_args(lang, "journal-influence", &[("level", level.into())])
    } else {
        tr(lang, "journal-promise").into_owned()
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use twin_core::session::ScenarioCopy;

    use super::*;

    fn session() -> Session {
        let text = include_str!("../../../scenarios/baerum.ron").to_owned();
        Session::new("Verksted", ScenarioCopy::new(None, text), jiff::Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn a_next_step_is_typed_added_as_one_change_and_removed() {
        let mut s = session();
        let before = s.clone();
        let mut harness = Harness::builder().with_size(egui::vec2(420.0, 600.0)).build_ui_state(
            |ui, (draft, actions): &mut (RoomDraft, Vec<RoomAction>)| {
                promise_ui(ui, &before, draft, Lang::Nb, actions);
            },
            (RoomDraft::default(), Vec::new()),
        );
        harness.state_mut().0.step_what = "Svar på hvert innspill".into();
        harness.state_mut().0.step_when = "innen 1. mars".into();
        harness.run();
        harness.get_by_label("Legg til steg").click();
        harness.run();
        let actions = std::mem::take(&mut harness.state_mut().1);
        let [RoomAction::Change(change)] = actions.as_slice() else { panic!("one change: {actions:?}") };
        s.apply((**change).clone(), jiff::Timestamp::UNIX_EPOCH).expect("applies");
        assert_eq!(s.room.promise.next_steps[0].what, "Svar på hvert innspill");
        assert_eq!(s.room.promise.next_steps[0].when, "innen 1. mars");
        assert!(harness.state().0.step_what.is_empty(), "the fields are cleared");
        let twin_core::session::Change::Room(twin_core::session::room::RoomChange::Promise(_, to)) =
            &**change
        else {
            panic!("a promise change")
        };
        assert_eq!(describe_promise(&Promise::default(), to, Lang::Nb), "Neste steg endret");
    }

    #[test]
    fn the_level_speaks_each_language_and_the_facilitators_words_win() {
        let mut promise = Promise { influence: Influence::Involve, ..Promise::default() };
        assert_eq!(influence_name(promise.influence, Lang::Nb), "Involvering");
        assert_eq!(influence_name(promise.influence, Lang::En), "Involve");
        assert!(
            promise_text(&promise, Lang::Nn).starts_with("Framlegga"),
            "{}",
            promise_text(&promise, Lang::Nn)
        );
        promise.text = "Vi tar forslagene med i planen.".into();
        assert_eq!(promise_text(&promise, Lang::En), "Vi tar forslagene med i planen.");
        let to = Promise { influence: Influence::Empower, ..Promise::default() };
        assert_eq!(describe_promise(&Promise::default(), &to, Lang::Nn), "Innverknad sett til Medråderett");
    }
}
