//! The dashboard: headline KPI cards (value in the timeline's year, the baseline's value, the
//! change and, where the scenario sets one, the target and whether it is met), then the chart
//! tabs. Plain functions over plain data.

use egui::{Color32, RichText, Ui};
use twin_core::Outcome;
use twin_core::analysis::kpi::TargetProgress;
use twin_core::catalogue::kpi::{Direction, KpiId};

use super::charts::{ChartInput, chart_ui};
use crate::i18n::tr_args;
use crate::view::{ChartKind, Lang, fmt_num, unit};

/// The KPIs on the cards, most important first (the session's headline KPIs).
pub use twin_core::session::compare::HEADLINE_KPIS;

const GOOD: Color32 = Color32::from_rgb(0x00, 0x72, 0xB2);
const BAD: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);

/// A KPI's name in a language (nynorsk falls back to bokmål where the core has no nynorsk).
pub fn kpi_name(id: KpiId, lang: Lang) -> &'static str {
    crate::i18n::t(lang, &format!("kpi-{}", twin_core::catalogue::Catalogue::key(id)))
}

/// A KPI card's tooltip: its U4SSC code, or that it is one of the model's own indicators.
fn kpi_tooltip(id: KpiId, lang: Lang) -> String {
    match id.spec().code {
        Some(code) => tr_args(lang, "dashboard-kpi-code", &[("code", code.into())]),
        None => crate::i18n::t(lang, "dashboard-kpi-extension").to_owned(),
    }
}

/// The headline cards for `year`, in at most `max_rows` rows of cards as wide as fit (the first
/// KPIs in headline order when not all fit): B's value, its change against A (named
/// `reference`), and B's progress towards its targets.
pub fn kpi_cards_ui(
    ui: &mut Ui,
    outcome: &Outcome,
    baseline: &Outcome,
    reference: &str,
    progress: &[TargetProgress],
    (year, max_rows): (i32, usize),
    lang: Lang,
) {
    let (Some(y), Some(b)) = (outcome.year(year), baseline.year(year)) else {
        ui.label(crate::i18n::t(lang, "dashboard-no-results-for-this-year"));
        return;
    };
    // As many cards per row as fit (at least 150 points wide each), all of the same width.
    let gap = ui.spacing().item_spacing.x;
    let available = ui.available_width();
    let per_row = (((available + gap) / (CARD_MIN_WIDTH + CARD_CHROME + gap)).floor() as usize)
        .clamp(1, HEADLINE_KPIS.len());
    let card_width = (available + gap) / per_row as f32 - gap - CARD_CHROME;
    for row in HEADLINE_KPIS.chunks(per_row).take(max_rows) {
        ui.horizontal(|ui| {
            for &id in row {
                let spec = id.spec();
                let value = id.value(y);
                let base = id.value(b);
                let frame = egui::Frame::group(ui.style()).inner_margin(8.0).corner_radius(6.0);
                frame.show(ui, |ui| {
                    ui.set_width(card_width);
                    ui.vertical(|ui| {
                        ui.label(RichText::new(kpi_name(id, lang)).small().strong())
                            .on_hover_text(kpi_tooltip(id, lang));
                        // Wrapped, so a long unit goes under the figure rather than past the card.
                        ui.horizontal_wrapped(|ui| {
                            ui.label(
                                RichText::new(fmt_num(value, lang))
                                    .size((card_width / 6.5).clamp(18.0, 26.0))
                                    .strong(),
                            );
                            ui.label(RichText::new(unit(lang, spec.unit)).weak());
                        });
                        let delta = value - base;
                        let better = match spec.direction {
                            Direction::Lower => delta < 0.0,
                            Direction::Higher => delta > 0.0,
                            Direction::Neutral => true,
                        };
                        let scale = base.abs().max(1e-9);
                        if (delta / scale).abs() > 1e-4 {
                            // egui's built-in fonts have no triangles; a sign reads as well.
                            let sign = if delta < 0.0 { "−" } else { "+" };
                            let change = format!("{sign}{}", fmt_num(delta.abs(), lang));
                            let text = tr_args(
                                lang,
                                "dashboard-change",
                                &[
                                    ("change", change.into()),
                                    ("reference", reference.into()),
                                    ("base", fmt_num(base, lang).into()),
                                ],
                            );
                            ui.label(RichText::new(text).color(if better { GOOD } else { BAD }));
                        } else {
                            let text = tr_args(
                                lang,
                                "dashboard-same",
                                &[("reference", reference.into()), ("base", fmt_num(base, lang).into())],
                            );
                            ui.label(RichText::new(text).weak());
                        }
                        for p in progress.iter().filter(|p| p.target.kpi == id) {
                            let sign = match p.target.direction {
                                twin_core::scenario::TargetDirection::AtMost => "≤",
                                twin_core::scenario::TargetDirection::AtLeast => "≥",
                            };
                            let (mark, colour) = if p.met {
                                (crate::i18n::t(lang, "dashboard-met"), GOOD)
                            } else {
                                (crate::i18n::t(lang, "dashboard-not-met"), BAD)
                            };
                            let text = tr_args(
                                lang,
                                "dashboard-target-line",
                                &[
                                    ("year", p.target.year.to_string().into()),
                                    ("bound", sign.into()),
                                    ("value", fmt_num(p.target_value, lang).into()),
                                    ("verdict", mark.into()),
                                ],
                            );
                            ui.label(RichText::new(text).color(colour).strong())
                                .on_hover_text(&p.target.source);
                        }
                    });
                });
            }
        });
    }
}

/// Narrowest a KPI card gets, points (five fit beside the panels of a 1280-pixel projector).
const CARD_MIN_WIDTH: f32 = 128.0;
/// A card's frame around its content: inner margin and stroke on both sides, points.
const CARD_CHROME: f32 = 18.0;

/// Chart tabs and the chart on show.
pub fn charts_ui(ui: &mut Ui, chart: &mut ChartKind, input: &ChartInput<'_>) {
    ui.horizontal_wrapped(|ui| {
        for kind in ChartKind::ALL {
            let has_data =
                kind != ChartKind::Waste || input.outcome.years.iter().any(|y| y.materials.is_some());
            if has_data {
                ui.selectable_value(chart, kind, kind.label(input.lang));
            }
        }
    });
    ui.separator();
    chart_ui(ui, *chart, input);
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use twin_core::catalogue::levers::LeverId;

    fn outcomes() -> (Outcome, Outcome) {
        let scenario = crate::scenarios::default_scenario().expect("built-in scenario parses");
        let prepared = twin_core::prepare::Prepared::new(&scenario);
        let options = twin_core::model::RunOptions::default();
        let baseline =
            twin_core::model::run(&scenario, &scenario.levers, &prepared, &options).expect("finite outcome");
        let mut levers = scenario.levers;
        levers.set_target(LeverId::HeatPumpProgramme, 1.0).expect("in range");
        levers.set_target(LeverId::FossilFreeConstruction, 1.0).expect("in range");
        let outcome = twin_core::model::run(&scenario, &levers, &prepared, &options).expect("finite outcome");
        (outcome, baseline)
    }

    #[test]
    fn cards_show_values_change_and_target() {
        let (outcome, baseline) = outcomes();
        let progress = twin_core::analysis::kpi::progress(&outcome);
        let year = 2030;
        let harness = Harness::new_ui(|ui| {
            kpi_cards_ui(ui, &outcome, &baseline, "Referanse", &progress, (year, usize::MAX), Lang::Nb)
        });
        for id in HEADLINE_KPIS {
            harness.get_by_label(kpi_name(id, Lang::Nb));
        }
        let ghg = KpiId::GhgPerCapita.value(outcome.year(year).expect("2030"));
        harness.get_by_label(&fmt_num(ghg, Lang::Nb));
        // Bærum's scenario sets a 2030 target for GHG per resident.
        let target = progress.iter().find(|p| p.target.kpi == KpiId::GhgPerCapita).expect("target");
        harness.get_by_label_contains(&format!("Mål 2030: ≤ {}", fmt_num(target.target_value, Lang::Nb)));
        // Heat pumps replace direct electric heating (the grid peak falls) and electric machines
        // diesel on building sites (the territorial emissions fall).
        let base = KpiId::GhgPerCapita.value(baseline.year(year).expect("2030"));
        assert!(base > ghg);
        harness.get_by_label(&format!(
            "−{} mot Referanse {}",
            fmt_num(base - ghg, Lang::Nb),
            fmt_num(base, Lang::Nb)
        ));
    }

    #[test]
    fn cards_fit_their_width_and_a_short_screen_gets_one_row() {
        let (outcome, baseline) = outcomes();
        let progress = twin_core::analysis::kpi::progress(&outcome);
        // Three cards fit in 520 points; with one row the last two are left out.
        let harness = Harness::builder().with_size(egui::vec2(520.0, 400.0)).build_ui(|ui| {
            kpi_cards_ui(ui, &outcome, &baseline, "Referanse", &progress, (2030, 1), Lang::Nb)
        });
        for (i, id) in HEADLINE_KPIS.into_iter().enumerate() {
            let shown = harness.query_by_label(kpi_name(id, Lang::Nb)).is_some();
            assert_eq!(shown, i < 3, "{id:?}");
        }
        // Every card lies inside the width it was given (a long unit wraps under its figure).
        for node in harness.query_all_by_role(egui::accesskit::Role::Label) {
            assert!(node.rect().max.x <= 520.0 + 0.5, "{:?} ends at {}", node.value(), node.rect().max.x);
        }
    }

    #[test]
    fn tabs_switch_the_chart() {
        let (outcome, baseline) = outcomes();
        let scenario = crate::scenarios::default_scenario().expect("built-in scenario parses");
        let derived = [crate::sim::Derived::of(&outcome), crate::sim::Derived::of(&baseline)];
        let input = ChartInput {
            scenario: &scenario,
            outcome: &outcome,
            baseline: &baseline,
            names: ["Med tiltak", "Referanse"],
            derived: [&derived[0], &derived[1]],
            district: None,
            year: 2030,
            grid_capacity_mw: 100.0,
            lang: Lang::En,
            still: false,
        };
        let mut harness = Harness::new_ui_state(
            |ui, chart: &mut ChartKind| charts_ui(ui, chart, &input),
            ChartKind::Energy,
        );
        harness.get_by_label("Final energy by carrier");
        harness.get_by_label("Emissions").click();
        harness.run();
        assert_eq!(*harness.state(), ChartKind::Emissions);
        harness.get_by_label("Greenhouse gas per resident");
    }
}
