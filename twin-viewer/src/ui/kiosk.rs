//! The citizen kiosk: seven plain-language levers with icons, what they mean for a household
//! (emissions per person, waste per person, energy cost per household, against today), the map to
//! pin a comment on, and an explicit "send". No files, no expert panels, nothing that quits; after
//! sending, or after the session's idle time, it goes back to a clean start.
//!
//! A plain function over plain data: it returns the [`KioskAction`]s asked for.

use egui::{RichText, Ui};
use twin_core::Outcome;
use twin_core::catalogue::Catalogue;
use twin_core::catalogue::kpi::KpiId;
use twin_core::catalogue::levers::{LeverId, Levers};
use twin_core::session::room::{PinCategory, PinDraft};

use super::levers::format_value;
use super::room::{category_colour, category_name};
use crate::i18n::{tr, tr_args};
use crate::view::{Lang, fmt_num, unit};

/// The kiosk's levers, each with its icon, in the order shown.
pub const KIOSK_LEVERS: [(LeverId, &str); 7] = [
    (LeverId::HeatPumpProgramme, "♨"),
    (LeverId::RetrofitRate, "🏠"),
    (LeverId::PvRollout, "☀"),
    (LeverId::EvShare, "🚗"),
    (LeverId::SmartChargingShare, "🔌"),
    (LeverId::SortingCampaign, "♻"),
    (LeverId::WastePrevention, "🗑"),
];

/// What a household cares about, in the order shown.
pub const KIOSK_OUTCOMES: [KpiId; 3] =
    [KpiId::GhgPerCapita, KpiId::WastePerPerson, KpiId::HouseholdEnergyCost];

/// The year the kiosk shows (the year most municipal targets name).
pub const KIOSK_YEAR: i32 = 2030;

/// Where the citizen is.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Step {
    /// Moving levers, looking at the map.
    #[default]
    Explore,
    /// A point on the map is chosen: category and story being written.
    Writing(PinDraft),
    /// Sent (or not): the message shown until the clean start.
    Sent {
        /// Whether the comment reached the inbox.
        ok: bool,
    },
}

/// What the citizen asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum KioskAction {
    /// Move a lever of the kiosk's own proposal.
    Lever(LeverId, f64),
    /// Send the comment.
    Send(PinDraft),
    /// Back to a clean start.
    StartOver,
    /// Leave the comment form without sending.
    Cancel,
    /// Show the kiosk in another language.
    Language(Lang),
}

/// What the kiosk draws.
pub struct KioskInput<'a> {
    /// The levers as the citizen has set them.
    pub levers: &'a Levers,
    /// The run with those levers.
    pub outcome: Option<&'a Outcome>,
    /// Today's pathway (the scenario's own levers).
    pub baseline: Option<&'a Outcome>,
    /// Language.
    pub lang: Lang,
}

/// The kiosk's panels around the map: the title bar, the levers, the outcomes; the pin form or
/// the thank-you over the map.
pub fn kiosk_ui(root: &mut Ui, step: &mut Step, input: &KioskInput<'_>) -> Vec<KioskAction> {
    let mut actions = Vec::new();
    let lang = input.lang;
    egui::Panel::top("kiosk.title_bar").show(root, |ui| {
        ui.horizontal(|ui| {
            ui.heading(RichText::new(tr(lang, "kiosk-title")).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button(RichText::new(tr(lang, "kiosk-start-over")).size(20.0)).clicked() {
                    actions.push(KioskAction::StartOver);
                }
                for other in Lang::ALL.into_iter().rev() {
                    if ui.selectable_label(other == lang, other.name()).clicked() && other != lang {
                        actions.push(KioskAction::Language(other));
                    }
                }
            });
        });
    });
    egui::Panel::left("kiosk.levers_panel").exact_size(360.0).resizable(false).show(root, |ui| {
        ui.heading(tr(lang, "kiosk-levers"));
        for (lever, icon) in KIOSK_LEVERS {
            lever_ui(ui, lever, icon, input.levers, lang, &mut actions);
        }
    });
    egui::Panel::bottom("kiosk.outcomes_panel").show(root, |ui| outcomes_ui(ui, input));
    let map = root.available_rect_before_wrap();
    match step.clone() {
        Step::Explore => {
            let at = map.center_top() + egui::vec2(0.0, 12.0);
            egui::Area::new(egui::Id::new("kiosk.hint")).fixed_pos(at).pivot(egui::Align2::CENTER_TOP).show(
                root.ctx(),
                |ui| {
                    egui::Frame::popup(ui.style())
                        .show(ui, |ui| ui.label(RichText::new(tr(lang, "kiosk-map-hint")).size(20.0)));
                },
            );
        }
        Step::Writing(mut draft) => {
            let asked = pin_form(root.ctx(), map, &mut draft, lang);
            if asked.is_none() {
                *step = Step::Writing(draft);
            }
            actions.extend(asked);
        }
        Step::Sent { ok } => {
            let id = if ok { "kiosk-thanks" } else { "kiosk-not-sent" };
            egui::Area::new(egui::Id::new("kiosk.sent"))
                .fixed_pos(map.center())
                .pivot(egui::Align2::CENTER_CENTER)
                .show(root.ctx(), |ui| {
                    egui::Frame::popup(ui.style()).inner_margin(24.0).show(ui, |ui| {
                        ui.set_max_width(map.width() * 0.7);
                        ui.label(RichText::new(tr(lang, id)).size(26.0));
                    });
                });
        }
    }
    actions
}

/// One lever: icon, plain-language name, a slider over the lever's range and its value.
fn lever_ui(
    ui: &mut Ui,
    lever: LeverId,
    icon: &str,
    levers: &Levers,
    lang: Lang,
    actions: &mut Vec<KioskAction>,
) {
    let spec = lever.spec();
    let mut value = levers.get(lever).target;
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!("{icon}  {}", tr(lang, &format!("kiosk-lever-{}", lever.key())))).size(20.0),
    );
    ui.horizontal(|ui| {
        ui.spacing_mut().slider_width = 230.0;
        let slider = egui::Slider::new(&mut value, spec.min..=spec.max).show_value(false);
        if ui.add(slider).changed() {
            actions.push(KioskAction::Lever(lever, value));
        }
        ui.label(format_value(lever, value, lang));
    });
}

/// The household's outcomes with the citizen's levers in [`KIOSK_YEAR`], against today's pathway.
fn outcomes_ui(ui: &mut Ui, input: &KioskInput<'_>) {
    let lang = input.lang;
    ui.label(
        RichText::new(tr_args(lang, "kiosk-outcomes", &[("year", KIOSK_YEAR.to_string().into())])).strong(),
    );
    let (mine, today) = (in_year(input.outcome), in_year(input.baseline));
    ui.horizontal(|ui| {
        // Each card adds its frame (about 20 points) to the width it is given.
        let width = ui.available_width() / KIOSK_OUTCOMES.len() as f32 - 24.0;
        for kpi in KIOSK_OUTCOMES {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(width);
                ui.vertical(|ui| outcome_card(ui, kpi, (mine, today), lang));
            });
        }
    });
}

/// One outcome: its name, the value with the citizen's levers, and today's.
fn outcome_card(
    ui: &mut Ui,
    kpi: KpiId,
    (mine, today): (Option<&twin_core::outcome::YearResult>, Option<&twin_core::outcome::YearResult>),
    lang: Lang,
) {
    ui.label(RichText::new(tr(lang, &format!("kiosk-outcome-{}", kpi.key()))).size(18.0));
    let value = mine.map_or("–".into(), |y| fmt_num(kpi.value(y), lang));
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(value).size(34.0).strong());
        ui.label(unit(lang, kpi.spec().unit));
    });
    if let Some(today) = today {
        let text = tr_args(lang, "kiosk-today", &[("value", fmt_num(kpi.value(today), lang).into())]);
        ui.label(RichText::new(text).weak());
    }
}

/// Which of the kiosk's levers the comment is about, if any.
fn concern_ui(ui: &mut Ui, draft: &mut PinDraft, lang: Lang) {
    use twin_core::session::room::Concern;
    let name = |concern: &Option<Concern>| match concern {
        Some(Concern::Lever(key)) => tr(lang, &format!("kiosk-lever-{key}")).into_owned(),
        _ => tr(lang, "kiosk-concern-none").into_owned(),
    };
    ui.horizontal(|ui| {
        ui.label(tr(lang, "kiosk-concern"));
        egui::ComboBox::from_id_salt("kiosk.concern").selected_text(name(&draft.concerns)).show_ui(
            ui,
            |ui| {
                let options = std::iter::once(None)
                    .chain(KIOSK_LEVERS.iter().map(|(l, _)| Some(Concern::Lever(l.key().to_owned()))));
                for option in options {
                    let text = name(&option);
                    ui.selectable_value(&mut draft.concerns, option, text);
                }
            },
        );
    });
}

/// A run's results in [`KIOSK_YEAR`] (its last year if it ends earlier).
fn in_year(outcome: Option<&Outcome>) -> Option<&twin_core::outcome::YearResult> {
    let outcome = outcome?;
    outcome.year(KIOSK_YEAR).or_else(|| outcome.years.last())
}

/// The comment form over the map: a category, a short story, send or cancel.
fn pin_form(ctx: &egui::Context, map: egui::Rect, draft: &mut PinDraft, lang: Lang) -> Option<KioskAction> {
    let mut asked = None;
    egui::Area::new(egui::Id::new("kiosk.pin_form"))
        .fixed_pos(map.center())
        .pivot(egui::Align2::CENTER_CENTER)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).inner_margin(16.0).show(ui, |ui| {
                ui.set_width((map.width() * 0.8).min(620.0));
                ui.label(RichText::new(tr(lang, "kiosk-pin-title")).size(22.0).strong());
                ui.horizontal_wrapped(|ui| {
                    for category in PinCategory::all() {
                        let text = RichText::new(category_name(category, lang))
                            .size(18.0)
                            .color(category_colour(category));
                        ui.selectable_value(&mut draft.category, category, text);
                    }
                });
                concern_ui(ui, draft, lang);
                ui.label(tr(lang, "kiosk-pin-story"));
                let story = ui.add(
                    egui::TextEdit::multiline(&mut draft.story)
                        .desired_rows(3)
                        .desired_width(f32::INFINITY)
                        .char_limit(twin_core::session::room::MAX_STORY_CHARS),
                );
                // Typing goes into the story straight away.
                if draft.story.is_empty() && !story.has_focus() && !egui::Popup::is_any_open(ui.ctx()) {
                    story.request_focus();
                }
                ui.horizontal(|ui| {
                    if ui.button(RichText::new(tr(lang, "kiosk-send")).size(22.0).strong()).clicked() {
                        asked = Some(KioskAction::Send(draft.clone()));
                    }
                    if ui.button(RichText::new(tr(lang, "kiosk-cancel")).size(18.0)).clicked() {
                        asked = Some(KioskAction::Cancel);
                    }
                });
            });
        });
    asked
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use twin_core::session::room::Origin;

    use super::*;

    fn draft() -> PinDraft {
        PinDraft {
            lon: 10.5,
            lat: 59.9,
            category: PinCategory::Idea,
            story: String::new(),
            concerns: None,
            district: None,
            origin: Origin::Kiosk,
            at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    fn harness(step: Step, lang: Lang) -> Harness<'static, (Step, Vec<KioskAction>)> {
        let levers =
            crate::scenarios::scenario_copy(None).expect("built-in").scenario().expect("opens").levers;
        Harness::builder().with_size(egui::vec2(1024.0, 640.0)).build_ui_state(
            move |ui, (step, actions): &mut (Step, Vec<KioskAction>)| {
                let input = KioskInput { levers: &levers, outcome: None, baseline: None, lang };
                actions.extend(kiosk_ui(ui, step, &input));
            },
            (step, Vec::new()),
        )
    }

    #[test]
    fn the_kiosk_shows_plain_levers_and_household_outcomes_in_each_language() {
        for (lang, lever, outcome) in [
            (Lang::Nb, "Sorter mer matavfall og plast", "Energikostnad per husholdning"),
            (Lang::Nn, "Sorter meir matavfall og plast", "Energikostnad per hushald"),
            (Lang::En, "Sort more food waste and plastic", "Energy cost per household"),
        ] {
            let harness = harness(Step::Explore, lang);
            harness.get_by_label_contains(lever);
            harness.get_by_label(outcome);
        }
        // No file, no expert panel: none of the operator's words.
        let harness = harness(Step::Explore, Lang::Nb);
        for word in ["Åpne", "Lagre", "Eksporter", "Økt", "Parametre"] {
            assert!(harness.query_by_label_contains(word).is_none(), "{word}");
        }
    }

    #[test]
    fn a_comment_is_sent_with_its_category_and_story() {
        let mut harness = harness(Step::Writing(draft()), Lang::Nb);
        harness.get_by_label("Et problem").click();
        harness.run();
        harness.state_mut().0 = match harness.state().0.clone() {
            Step::Writing(mut d) => {
                d.story = "For mye trafikk".into();
                Step::Writing(d)
            }
            other => other,
        };
        harness.run();
        harness.get_by_label("Send").click();
        harness.run();
        let Some(KioskAction::Send(sent)) = harness.state().1.last().cloned() else {
            panic!("sent: {:?}", harness.state().1)
        };
        assert_eq!((sent.category, sent.story.as_str()), (PinCategory::Problem, "For mye trafikk"));
        let thanks = self::harness(Step::Sent { ok: true }, Lang::En);
        thanks.get_by_label_contains("Thank you!");
    }

    #[test]
    fn start_over_and_language_are_one_touch_away() {
        let mut harness = harness(Step::Explore, Lang::Nb);
        harness.get_by_label("English").click();
        harness.run();
        harness.get_by_label("Start på nytt").click();
        harness.run();
        assert_eq!(harness.state().1, vec![KioskAction::Language(Lang::En), KioskAction::StartOver]);
    }
}
