//! The levers panel: the headline levers first, the others in groups below, and an expert
//! section with every lever's timing and every parameter of the scenario file.
//!
//! Plain functions over plain data (no bevy types): [`levers_ui`] edits a [`Levers`] and says
//! whether it changed. Values outside a lever's range can't be entered: sliders and typed values
//! are clamped to the range the core accepts.

use egui::{RichText, Ui};
use twin_core::catalogue::Catalogue;
use twin_core::catalogue::levers::{LeverId, LeverSetting, Levers};
use twin_core::scenario::Source;

use crate::i18n::tr_args;
use crate::view::Lang;

/// The levers a workshop starts with, in order.
pub const HEADLINE: [LeverId; 5] = [
    LeverId::HeatPumpProgramme,
    LeverId::RetrofitRate,
    LeverId::EvShare,
    LeverId::PvRollout,
    LeverId::SortingCampaign,
];

/// A group of levers under one heading.
pub struct LeverGroup {
    /// The message id of its heading.
    pub name: &'static str,
    /// Its levers, in order.
    pub levers: &'static [LeverId],
}

/// The other levers, by group.
pub const GROUPS: [LeverGroup; 4] = [
    LeverGroup { name: "lever-group-buildings", levers: &[LeverId::RetrofitDepth, LeverId::OilPhaseOutYear] },
    LeverGroup {
        name: "lever-group-supply",
        levers: &[LeverId::DistrictHeatingExpansion, LeverId::SmartChargingShare],
    },
    LeverGroup {
        name: "lever-group-waste",
        levers: &[LeverId::WastePrevention, LeverId::HouseholdReuse, LeverId::BuildingMaterialReuse],
    },
    LeverGroup {
        name: "lever-group-transport",
        levers: &[
            LeverId::ZeroEmissionHeavyVehicles,
            LeverId::FossilFreeConstruction,
            LeverId::ZeroEmissionFerries,
            LeverId::ShorePower,
        ],
    },
];

/// A lever's label in a language.
pub fn label(id: LeverId, lang: Lang) -> &'static str {
    crate::i18n::t(lang, &format!("lever-{}", id.key()))
}

/// What a lever does, in a language.
pub fn about(id: LeverId, lang: Lang) -> &'static str {
    crate::i18n::t(lang, &format!("lever-{}-about", id.key()))
}

/// How a lever's values are shown: shares as percent, years as whole years.
fn display(id: LeverId, lang: Lang) -> (f64, &'static str, bool) {
    match id.spec().unit {
        "share" => (100.0, " %", false),
        "share/yr" => (100.0, crate::i18n::t(lang, "unit-share-per-year"), false),
        "year" => (1.0, "", true),
        _ => (1.0, "", false),
    }
}

/// A lever's value in its display unit, e.g. "40 %".
pub fn format_value(id: LeverId, value: f64, lang: Lang) -> String {
    let (scale, suffix, integer) = display(id, lang);
    let v = value * scale;
    if integer || (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}{suffix}")
    } else {
        let number = format!("{v:.1}");
        // A decimal comma in Norwegian, as `fmt_num` writes.
        let number = if lang == Lang::En { number } else { number.replace('.', ",") };
        format!("{number}{suffix}")
    }
}

/// The whole panel. `own` holds the scenario file's settings (what "reset" returns to); `acts`
/// says whether a lever does anything in this scenario (a lever that electrifies ships is left
/// out where the scenario has no ships), and a group with no lever left is left out.
/// Returns whether any lever changed.
pub fn levers_ui(
    ui: &mut Ui,
    levers: &mut Levers,
    own: &Levers,
    acts: impl Fn(LeverId) -> bool,
    lang: Lang,
) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        ui.heading(crate::i18n::t(lang, "levers-policy-levers"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let any_moved = LeverId::all().any(|id| levers.get(id) != own.get(id));
            if ui
                .add_enabled(any_moved, egui::Button::new(crate::i18n::t(lang, "levers-reset-all")))
                .on_hover_text(crate::i18n::t(lang, "levers-back-to-the-scenario-file"))
                .clicked()
            {
                *levers = *own;
                changed = true;
            }
        });
    });
    ui.add_space(4.0);
    for id in HEADLINE {
        changed |= lever_ui(ui, levers, own, id, lang);
    }
    for LeverGroup { name, levers: ids } in GROUPS {
        let ids: Vec<LeverId> = ids.iter().copied().filter(|id| acts(*id)).collect();
        if ids.is_empty() {
            continue;
        }
        ui.add_space(6.0);
        egui::CollapsingHeader::new(RichText::new(crate::i18n::t(lang, name)).strong())
            .id_salt(name)
            .default_open(true)
            .show(ui, |ui| {
                for &id in &ids {
                    changed |= lever_ui(ui, levers, own, id, lang);
                }
            });
    }
    ui.add_space(6.0);
    egui::CollapsingHeader::new(RichText::new(crate::i18n::t(lang, "levers-expert-timing")).strong())
        .id_salt("expert-timing")
        .default_open(false)
        .show(ui, |ui| timing_ui(ui, levers, lang));
    changed
}

/// One lever: label, reset, slider with a typed value, tooltip.
pub fn lever_ui(ui: &mut Ui, levers: &mut Levers, own: &Levers, id: LeverId, lang: Lang) -> bool {
    let spec = id.spec();
    let (scale, suffix, integer) = display(id, lang);
    let setting = *levers.get(id);
    let mut shown = setting.target * scale;
    let mut changed = false;
    let range = tr_args(
        lang,
        "levers-range-value",
        &[("min", format_value(id, spec.min, lang).into()), ("max", format_value(id, spec.max, lang).into())],
    );
    let in_file = tr_args(
        lang,
        "levers-in-file-value",
        &[("value", format_value(id, own.get(id).target, lang).into())],
    );
    let tooltip = format!("{}\n\n{range}\n{in_file}", about(id, lang));
    ui.horizontal(|ui| {
        ui.label(RichText::new(label(id, lang)).strong()).on_hover_text(&tooltip);
        if setting != *own.get(id) {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.small_button("↺").on_hover_text(crate::i18n::t(lang, "levers-reset")).clicked()
                    && levers.set(id, *own.get(id)).is_ok()
                {
                    changed = true;
                }
            });
        }
    });
    let slider = egui::Slider::new(&mut shown, spec.min * scale..=spec.max * scale)
        .suffix(suffix)
        .clamping(egui::SliderClamping::Always);
    let slider = if integer {
        slider.integer()
    } else {
        // One decimal, with a decimal comma in Norwegian; typing takes either mark.
        slider
            .custom_formatter(move |v, _| {
                let text = format!("{v:.1}");
                if lang == Lang::En { text } else { text.replace('.', ",") }
            })
            .custom_parser(|text| text.trim().replace(',', ".").parse().ok())
    };
    let response = ui.add(slider).on_hover_text(&tooltip);
    if response.changed() {
        let target = (shown / scale).clamp(spec.min, spec.max);
        if levers.set_target(id, target).is_ok() {
            changed = true;
        }
    }
    ui.add_space(2.0);
    changed
}

/// Start year and ramp of every lever, read-only: a workshop moves targets; the timing is the
/// scenario file's (`levers: [(lever: ..., start_year: ..., ramp_years: ...)]`).
fn timing_ui(ui: &mut Ui, levers: &Levers, lang: Lang) {
    ui.label(RichText::new(crate::i18n::t(lang, "levers-the-timing-is-edited-in")).weak());
    egui::Grid::new("lever-timing").striped(true).show(ui, |ui| {
        ui.label(RichText::new(crate::i18n::t(lang, "levers-lever")).strong());
        ui.label(RichText::new(crate::i18n::t(lang, "charts-target")).strong());
        ui.label(RichText::new(crate::i18n::t(lang, "levers-start")).strong());
        ui.label(RichText::new(crate::i18n::t(lang, "levers-ramp-years")).strong());
        ui.end_row();
        for id in LeverId::all() {
            let LeverSetting { base, target, start_year, ramp_years } = *levers.get(id);
            ui.label(label(id, lang)).on_hover_text(about(id, lang));
            ui.label(format_value(id, target, lang)).on_hover_text(tr_args(
                lang,
                "levers-from-value",
                &[("value", format_value(id, base, lang).into())],
            ));
            ui.label(start_year.to_string());
            ui.label(ramp_years.to_string());
            ui.end_row();
        }
    });
}

/// Every parameter of the scenario file as a read-only tree (the file is the place to edit them);
/// a field with a source note shows it when hovered.
pub fn parameters_ui(ui: &mut Ui, parameters: &serde_json::Value, sources: &[Source], lang: Lang) {
    egui::CollapsingHeader::new(RichText::new(crate::i18n::t(lang, "levers-expert-all-parameters")).strong())
        .id_salt("expert-parameters")
        .default_open(false)
        .show(ui, |ui| {
            let tree = Tree { sources, lang };
            if let serde_json::Value::Object(map) = parameters {
                for (k, v) in map {
                    tree.value_ui(ui, k, k, v);
                }
            }
        });
}

/// The parameter tree's context: the notes to show and the language.
struct Tree<'a> {
    sources: &'a [Source],
    lang: Lang,
}

impl Tree<'_> {
    /// One value at `path` (as source notes name fields), shown under `name`.
    fn value_ui(&self, ui: &mut Ui, name: &str, path: &str, value: &serde_json::Value) {
        use serde_json::Value;
        let note = super::sources::notes_text(self.sources, path, self.lang);
        let marked = |text: String| if note.is_some() { format!("{text} ⓘ") } else { text };
        let response = match value {
            Value::Object(map) => {
                egui::CollapsingHeader::new(marked(name.to_owned()))
                    .id_salt(path)
                    .show(ui, |ui| {
                        for (k, v) in map {
                            self.value_ui(ui, k, &format!("{path}.{k}"), v);
                        }
                    })
                    .header_response
            }
            Value::Array(items) => {
                egui::CollapsingHeader::new(marked(format!("{name} [{}]", items.len())))
                    .id_salt(path)
                    .show(ui, |ui| {
                        for (i, v) in items.iter().enumerate() {
                            let key = element_key(v).unwrap_or_else(|| i.to_string());
                            let by_key = format!("{path}[{key}]");
                            let by_index = format!("{path}[{i}]");
                            let has_note =
                                |p: &str| super::sources::notes_at(self.sources, p).next().is_some();
                            let element =
                                if has_note(&by_index) && !has_note(&by_key) { by_index } else { by_key };
                            self.value_ui(ui, &key, &element, v);
                        }
                    })
                    .header_response
            }
            other => {
                ui.horizontal(|ui| {
                    ui.label(marked(format!("{name}:")));
                    ui.monospace(other.to_string());
                })
                .response
            }
        };
        if let Some(note) = note {
            response.on_hover_text(note);
        }
    }
}

/// The `id` or `name` a list element is known by, as source notes name it.
fn element_key(value: &serde_json::Value) -> Option<String> {
    ["id", "name"].into_iter().find_map(|k| value.get(k)?.as_str().map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    fn levers() -> Levers {
        Levers::no_policy(2025, |_| 0.0)
    }

    #[test]
    fn every_lever_appears_once_in_headline_or_groups() {
        let mut seen: Vec<LeverId> = HEADLINE.to_vec();
        seen.extend(GROUPS.iter().flat_map(|g| g.levers.iter().copied()));
        seen.sort();
        assert_eq!(seen, LeverId::all().collect::<Vec<_>>());
    }

    #[test]
    fn panel_shows_labels_in_the_chosen_language() {
        let own = levers();
        for (lang, heading, lever) in
            [(Lang::Nb, "Tiltak", "Flere varmepumper"), (Lang::En, "Policy levers", "More heat pumps")]
        {
            let mut l = own;
            let harness = Harness::new_ui(|ui| {
                levers_ui(ui, &mut l, &own, |_| true, lang);
            });
            harness.get_by_label(heading);
            harness.get_by_label(lever);
        }
    }

    #[test]
    fn a_lever_with_nothing_to_act_on_is_left_out() {
        let own = levers();
        let mut l = own;
        let ships = |id: LeverId| !matches!(id, LeverId::ShorePower | LeverId::ZeroEmissionFerries);
        let harness = Harness::new_ui(|ui| {
            levers_ui(ui, &mut l, &own, ships, Lang::En);
        });
        harness.get_by_label("Zero-emission building sites");
        assert!(harness.query_by_label("Shore power for ships").is_none());
        assert!(harness.query_by_label("Zero-emission ferries and boats").is_none());
        drop(harness);
        let nothing = Harness::new_ui(|ui| {
            levers_ui(ui, &mut l, &own, |id| !LeverId::ELECTRIFYING.contains(&id), Lang::En);
        });
        assert!(nothing.query_by_label("Transport and machinery").is_none(), "an empty group is left out");
    }

    #[test]
    fn typing_a_value_sets_the_target_and_reset_restores_it() {
        let own = levers();
        let mut state = own;
        let mut harness = Harness::new_ui_state(
            |ui, state: &mut Levers| {
                lever_ui(ui, state, &own, LeverId::HeatPumpProgramme, Lang::En);
            },
            state,
        );
        // The slider's value box takes typed text: click it, type, press enter.
        harness.get_by_value("0.0 %").click();
        harness.run();
        let field =
            harness.get_all_by_value("0.0").find(|n| n.is_focused()).expect("the value box has the focus");
        field.type_text("40");
        harness.key_press(egui::Key::Enter);
        harness.run();
        state = *harness.state();
        assert!((state.get(LeverId::HeatPumpProgramme).target - 0.4).abs() < 1e-12);
        harness.get_by_label("↺").click();
        harness.run();
        assert_eq!(harness.state().get(LeverId::HeatPumpProgramme), own.get(LeverId::HeatPumpProgramme));
    }

    #[test]
    fn values_are_shown_in_their_units() {
        assert_eq!(format_value(LeverId::EvShare, 0.9, Lang::Nb), "90 %");
        assert_eq!(format_value(LeverId::RetrofitRate, 0.015, Lang::Nn), "1,5 %/år");
        assert_eq!(format_value(LeverId::RetrofitRate, 0.015, Lang::En), "1.5 %/yr");
        assert_eq!(format_value(LeverId::OilPhaseOutYear, 2030.0, Lang::En), "2030");
    }
}
