//! The projector view: only what the current phase shows the room, in type readable from the back
//! row (body ≥ 24 px, headline figures ≥ 64 px at 1280x720) and high contrast (white and amber on
//! black, ≥ 7:1), with no panels, tooltips or debug overlays. A strip with the phase and its
//! countdown (amber when over time), then by screen: the title and agenda; the map with three to
//! five KPI cards (value, the reference's value, the target and the gap) and one chart; the groups
//! or the spread; the open vote (only how many have voted) or its ranking; the "not in the model"
//! wall; the process profile. S lays the sources over it.
//!
//! A plain function over plain data; it returns the rectangle left for the map, if the screen
//! shows one.

use egui::{Align2, Color32, FontId, RichText, Ui};
use jiff::Timestamp;
use twin_core::Scenario;
use twin_core::catalogue::kpi::KpiId;
use twin_core::session::Session;
use twin_core::session::room::{PinCategory, Profile, Screen, Statement};

use super::charts::{ChartInput, chart_ui};
use super::dashboard::{HEADLINE_KPIS, kpi_name};
use super::room::{
    AMBER, category_colour, category_name, choice_name, clock, parked_kind_name, statement_text,
};
use crate::i18n::{tr, tr_args};
use crate::projector::Shown;
use crate::view::{ChartKind, Lang, fmt_num, unit};

/// Body text, points (the projector runs at a zoom that makes a point at least a pixel).
pub const BODY_PT: f32 = 26.0;
/// Headline figures, points.
pub const FIGURE_PT: f32 = 66.0;
/// Text on the projector: white on black, 21:1.
pub const TEXT: Color32 = Color32::WHITE;
/// Background of the projector.
pub const BACKGROUND: Color32 = Color32::BLACK;
/// Secondary text: light grey on black, 12.6:1.
pub const MUTED: Color32 = Color32::from_rgb(0xC8, 0xC8, 0xC8);

/// What the projector view draws.
pub struct ProjectorInput<'a> {
    /// The session (title, agenda, pins, votes, parking lot, process check).
    pub session: &'a Session,
    /// What was sent, with its frozen results (`None`: nothing sent yet).
    pub shown: Option<&'a Shown>,
    /// The scenario (names, targets, sources).
    pub scenario: &'a Scenario,
    /// Now, for the phase clock.
    pub now: Timestamp,
    /// Language.
    pub lang: Lang,
    /// The broadcast picture (title, clock, map, three KPIs) instead of the phase's screen.
    pub broadcast: bool,
}

/// The zoom that makes the projector's points at least pixels at any window size: 1 at 720 px
/// high, more on a larger screen.
pub fn zoom_for(height_px: f32) -> f32 {
    (height_px / 720.0).max(1.0)
}

/// Sets the projector's high-contrast style and large type.
pub fn style(ctx: &egui::Context) {
    ctx.style_mut_of(ctx.theme(), |style| {
        style.visuals = egui::Visuals::dark();
        style.visuals.override_text_color = Some(TEXT);
        style.visuals.weak_text_color = Some(MUTED);
        style.visuals.panel_fill = BACKGROUND;
        style.visuals.window_fill = BACKGROUND;
        style.visuals.extreme_bg_color = BACKGROUND;
        for (text_style, size) in [
            (egui::TextStyle::Body, BODY_PT),
            (egui::TextStyle::Button, BODY_PT),
            (egui::TextStyle::Small, 24.0),
            (egui::TextStyle::Monospace, BODY_PT),
            (egui::TextStyle::Heading, 40.0),
        ] {
            style.text_styles.insert(text_style, FontId::proportional(size));
        }
        style.interaction.tooltip_delay = f32::INFINITY;
    });
}

/// Draws the projector view; returns the screen sent and the rectangle left for what the caller
/// draws there: the map (map screens, under the KPI cards), or the groups or the spread.
pub fn projector_ui(root: &mut Ui, input: &ProjectorInput<'_>) -> Option<(Screen, egui::Rect)> {
    if input.broadcast {
        return broadcast_ui(root, input);
    }
    phase_strip(root, input);
    let Some(shown) = input.shown else {
        egui::CentralPanel::default().show(root, |ui| {
            ui.centered_and_justified(|ui| {
                ui.label(RichText::new(tr(input.lang, "projector-waiting")).size(40.0))
            });
        });
        return None;
    };
    match shown.projection.screen {
        Screen::Title => {
            share_panel(root, input, shown);
            egui::CentralPanel::default().show(root, |ui| title_ui(ui, input));
            None
        }
        Screen::Map | Screen::SideBySide | Screen::MapJam => {
            Some((shown.projection.screen, map_screen(root, input, shown)))
        }
        Screen::Groups | Screen::Spread => Some((shown.projection.screen, root.available_rect_before_wrap())),
        Screen::Vote => {
            egui::CentralPanel::default().show(root, |ui| vote_ui(ui, input));
            None
        }
        Screen::Debrief => {
            share_panel(root, input, shown);
            egui::CentralPanel::default().show(root, |ui| debrief_ui(ui, input));
            None
        }
        Screen::ProcessCheck => {
            egui::CentralPanel::default().show(root, |ui| profile_ui(ui, input));
            None
        }
    }
}

/// The broadcast picture for a streamed check-in with other sites: the title, the site and the
/// clock over the map, three KPIs beside it, and nothing else.
fn broadcast_ui(root: &mut Ui, input: &ProjectorInput<'_>) -> Option<(Screen, egui::Rect)> {
    let lang = input.lang;
    egui::Panel::top("projector.broadcast_title").show(root, |ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(&input.session.title).size(32.0).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let time = RichText::new(super::room::short_time(input.now)).size(32.0).strong();
                ui.add(egui::Label::new(time).extend());
                let site = RichText::new(&input.scenario.site.name).size(BODY_PT).color(MUTED);
                ui.add(egui::Label::new(site).extend());
            });
        });
    });
    let shown = input.shown?;
    let (Some(b), Some(a)) = (&shown.b, &shown.a) else { return None };
    let year = shown.projection.view.year.unwrap_or(input.scenario.base_year);
    egui::Panel::right("projector.broadcast_kpis").exact_size(root.available_width() * 0.3).show(
        root,
        |ui| {
            let width = ui.available_width() - 14.0;
            for &kpi in HEADLINE_KPIS.iter().take(3) {
                kpi_card(ui, kpi, (&b.outcome, &b.derived.progress), &a.outcome, (year, width), lang);
            }
        },
    );
    let rect = root.available_rect_before_wrap();
    let painter = root.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::new("projector.broadcast_label"),
    ));
    let name = super::session::name_of(input.session, shown.projection.view.b, lang);
    boxed_text(
        &painter.with_clip_rect(rect),
        rect.min + egui::vec2(12.0, 8.0),
        Align2::LEFT_TOP,
        &format!("{name} · {year}"),
        TEXT,
    );
    Some((Screen::Map, rect))
}

/// The phase's name, its countdown (amber over time) and the clock.
fn phase_strip(root: &mut Ui, input: &ProjectorInput<'_>) {
    let lang = input.lang;
    let agenda = &input.session.room.agenda;
    egui::Panel::top("projector.phase").show(root, |ui| {
        ui.horizontal(|ui| {
            let name = agenda.phase().map_or_else(|| input.session.title.clone(), |p| p.name.clone());
            ui.label(RichText::new(name).size(32.0).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let time = RichText::new(super::room::short_time(input.now)).size(BODY_PT).color(MUTED);
                ui.add(egui::Label::new(time).extend());
                if let Some(left) = agenda.remaining_s(input.now) {
                    let over = left < 0.0;
                    let colour = if over { AMBER } else { TEXT };
                    ui.add(
                        egui::Label::new(RichText::new(clock(left)).size(40.0).strong().color(colour))
                            .extend(),
                    );
                    if over {
                        let text = RichText::new(tr(lang, "projector-over-time")).size(BODY_PT).color(AMBER);
                        ui.add(egui::Label::new(text).extend());
                    }
                }
            });
        });
    });
}

/// The share code of the variant sent (B) with its QR code, for people to take home: a phone
/// reads the code, the handout and `twin-viewer --code` open the same result.
fn share_panel(root: &mut Ui, input: &ProjectorInput<'_>, shown: &Shown) {
    let Some(b) = &shown.b else { return };
    // Made once per send (hashing the scenario's text and the QR code need not run every frame).
    let key = egui::Id::new(("projector.share", shown.projection.at, b.generation));
    let image = root
        .ctx()
        .memory_mut(|m| m.data.get_temp_mut_or_insert_with(key, || share_image(input, &b.levers)).clone());
    let Some(ShareImage { code, width, dark }) = image else { return };
    egui::Panel::right("projector.share").resizable(false).show(root, |ui| {
        ui.add_space(12.0);
        ui.label(RichText::new(tr(input.lang, "projector-share-code")).size(BODY_PT).color(MUTED));
        // Dark modules on white with a quiet zone of four: a phone reads it off the black screen.
        let side = 260.0;
        let (rect, _) = ui.allocate_exact_size(egui::vec2(side, side), egui::Sense::hover());
        let painter = ui.painter();
        painter.rect_filled(rect, 0.0, Color32::WHITE);
        let module = side / (width as f32 + 8.0);
        for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
            let (x, y) = ((i % width) as f32 + 4.0, (i / width) as f32 + 4.0);
            let at = rect.min + egui::vec2(x * module, y * module);
            let cell = egui::Rect::from_min_size(at, egui::vec2(module + 0.5, module + 0.5));
            painter.rect_filled(cell, 0.0, Color32::BLACK);
        }
        ui.add_space(8.0);
        ui.label(RichText::new(&code).size(BODY_PT).monospace().strong());
    });
}

/// A share code and its QR code's modules (row by row, dark = `true`).
#[derive(Debug, Clone)]
struct ShareImage {
    code: String,
    width: usize,
    dark: Vec<bool>,
}

fn share_image(
    input: &ProjectorInput<'_>,
    levers: &twin_core::catalogue::levers::Levers,
) -> Option<ShareImage> {
    use twin_core::session::share;
    let id = share::ScenarioId::of(&input.scenario.name, &input.session.scenario.text);
    let (code, _) = share::encode(input.scenario, id, levers);
    let qr = qrcode::QrCode::new(code.as_bytes()).ok()?;
    let dark = qr.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    Some(ShareImage { code, width: qr.width(), dark })
}

/// The first and the last screen: the title and scenario; at the opening the influence level
/// and the agenda, at the close (the last phase) the next steps and the room's top priorities.
fn title_ui(ui: &mut Ui, input: &ProjectorInput<'_>) {
    let lang = input.lang;
    let agenda = &input.session.room.agenda;
    let promise = &input.session.room.promise;
    ui.add_space(12.0);
    ui.label(RichText::new(&input.session.title).size(48.0).strong());
    ui.label(RichText::new(&input.scenario.name).size(BODY_PT).color(MUTED));
    ui.add_space(16.0);
    let closing = agenda.current.is_some_and(|i| i > 0 && i + 1 == agenda.phases.len());
    if closing {
        closing_ui(ui, input);
        return;
    }
    let level = super::promise::influence_name(promise.influence, lang);
    ui.label(
        RichText::new(tr_args(lang, "projector-influence", &[("level", level.into())]))
            .size(BODY_PT)
            .strong(),
    );
    ui.label(RichText::new(super::promise::promise_text(promise, lang)).size(BODY_PT));
    ui.add_space(16.0);
    if agenda.phases.is_empty() {
        ui.label(RichText::new(tr(lang, "projector-not-started")).color(MUTED));
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        for (i, phase) in agenda.phases.iter().enumerate() {
            let current = agenda.current == Some(i);
            let text = RichText::new(format!("{:>2}. {}  ({} min)", i + 1, phase.name, phase.minutes));
            ui.label(if current { text.color(AMBER).strong() } else { text });
        }
    });
}

/// The close: what happens next and by when, and the top three of the last closed vote.
fn closing_ui(ui: &mut Ui, input: &ProjectorInput<'_>) {
    let lang = input.lang;
    let steps = &input.session.room.promise.next_steps;
    egui::ScrollArea::vertical().show(ui, |ui| {
        if !steps.is_empty() {
            ui.label(RichText::new(tr(lang, "projector-next-steps")).size(40.0).color(AMBER));
            for (i, step) in steps.iter().enumerate() {
                let when = if step.when.is_empty() { String::new() } else { format!("  ({})", step.when) };
                ui.label(RichText::new(format!("{}. {}{when}", i + 1, step.what)).size(BODY_PT));
            }
            ui.add_space(16.0);
        }
        let ranking = input.session.room.votes.iter().rev().find_map(|v| v.ranking());
        if let Some(ranking) = ranking.filter(|r| !r.is_empty()) {
            ui.label(RichText::new(tr(lang, "projector-priorities")).size(40.0).color(AMBER));
            for (rank, (choice, dots)) in ranking.into_iter().take(3).enumerate() {
                let dots = tr_args(lang, "projector-dots", &[("count", dots.into())]);
                let name = choice_name(input.session, choice, lang);
                ui.label(RichText::new(format!("{}. {name}  ({dots})", rank + 1)).size(BODY_PT));
            }
        }
    });
}

/// The map's screen: KPI cards and a chart along the bottom, the map above (returned).
fn map_screen(root: &mut Ui, input: &ProjectorInput<'_>, shown: &Shown) -> egui::Rect {
    let lang = input.lang;
    let (Some(b), Some(a)) = (&shown.b, &shown.a) else { return root.available_rect_before_wrap() };
    let year = shown.projection.view.year.unwrap_or(input.scenario.base_year);
    let reference = super::session::name_of(input.session, shown.projection.view.a, lang);
    let name = super::session::name_of(input.session, shown.projection.view.b, lang);
    egui::Panel::bottom("projector.kpis").show(root, |ui| {
        // The chart gets two fifths of the width (at least 420 points), the cards share the rest.
        let width = ui.available_width();
        let chart_width = (width * 0.4).max(420.0).min(width * 0.5);
        let cards = (((width - chart_width) / 260.0).floor() as usize).clamp(3, 5);
        let card_width = (width - chart_width) / cards as f32 - 14.0;
        ui.horizontal_top(|ui| {
            for &kpi in HEADLINE_KPIS.iter().take(cards) {
                kpi_card(ui, kpi, (&b.outcome, &b.derived.progress), &a.outcome, (year, card_width), lang);
            }
            ui.vertical(|ui| {
                // Room on the right for the last year's label, which is centred on the plot's edge.
                ui.set_width(chart_width - 36.0);
                ui.set_height(280.0);
                let chart = ChartInput {
                    outcome: &b.outcome,
                    baseline: &a.outcome,
                    names: [&name, &reference],
                    derived: [&b.derived, &a.derived],
                    district: None,
                    year,
                    scenario: &b.scenario,
                    grid_capacity_mw: input.scenario.grid.import_capacity_mw,
                    lang,
                    still: true,
                };
                chart_ui(ui, ChartKind::Emissions, &chart);
            });
        });
    });
    let rect = root.available_rect_before_wrap();
    let painter = root
        .ctx()
        .layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::new("projector.map_labels")))
        .with_clip_rect(rect);
    if shown.projection.view.mode == twin_core::session::ViewMode::SideBySide {
        let left = egui::pos2(rect.min.x + 12.0, rect.min.y + 8.0);
        boxed_text(&painter, left, Align2::LEFT_TOP, &format!("A: {reference}"), TEXT);
        let right = egui::pos2(rect.center().x + 12.0, rect.min.y + 8.0);
        boxed_text(&painter, right, Align2::LEFT_TOP, &format!("B: {name} · {year}"), TEXT);
    } else {
        let corner = egui::pos2(rect.min.x + 12.0, rect.min.y + 8.0);
        boxed_text(&painter, corner, Align2::LEFT_TOP, &format!("{name} · {year}"), TEXT);
    }
    if shown.projection.screen == Screen::MapJam {
        pin_legend(&painter, rect, input);
    }
    rect
}

/// One KPI: name, value and unit, the reference's value, the target and the gap to it.
fn kpi_card(
    ui: &mut Ui,
    kpi: KpiId,
    (outcome, progress): (&twin_core::Outcome, &[twin_core::analysis::kpi::TargetProgress]),
    reference: &twin_core::Outcome,
    (year, width): (i32, f32),
    lang: Lang,
) {
    let spec = kpi.spec();
    let value = outcome.year(year).map(|y| kpi.value(y));
    let base = reference.year(year).map(|y| kpi.value(y));
    egui::Frame::new().inner_margin(6.0).stroke(egui::Stroke::new(1.0, MUTED)).show(ui, |ui| {
        ui.set_width(width);
        ui.vertical(|ui| {
            ui.label(RichText::new(kpi_name(kpi, lang)).size(BODY_PT).strong());
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(value.map_or("–".into(), |v| fmt_num(v, lang))).size(FIGURE_PT).strong(),
                );
                ui.label(RichText::new(unit(lang, spec.unit)).size(BODY_PT));
            });
            if let Some(base) = base {
                let text =
                    tr_args(lang, "projector-baseline-value", &[("value", fmt_num(base, lang).into())]);
                ui.label(RichText::new(text).size(BODY_PT).color(MUTED));
            }
            if let Some(target) = progress.iter().find(|p| p.target.kpi == kpi) {
                let goal = tr_args(
                    lang,
                    "projector-target-value",
                    &[
                        ("year", target.target.year.to_string().into()),
                        ("value", fmt_num(target.target_value, lang).into()),
                    ],
                );
                ui.label(RichText::new(goal).size(BODY_PT));
                let sign = if target.gap > 0.0 { "+" } else { "" };
                let gap_text = format!("{sign}{}", fmt_num(target.gap, lang));
                let gap = tr_args(lang, "projector-to-target-value", &[("gap", gap_text.into())]);
                let colour = if target.met { TEXT } else { AMBER };
                ui.label(RichText::new(gap).size(BODY_PT).color(colour));
            }
        });
    });
}

/// Text on a black box over the map (the map's light land would swallow white text).
fn boxed_text(
    painter: &egui::Painter,
    at: egui::Pos2,
    anchor: Align2,
    text: &str,
    colour: Color32,
) -> egui::Rect {
    let galley = painter.layout_no_wrap(text.to_owned(), FontId::proportional(BODY_PT), colour);
    let rect = anchor.anchor_size(at, galley.size()).expand(6.0);
    painter.rect_filled(rect, 4.0, BACKGROUND);
    painter.galley(rect.min + egui::vec2(6.0, 6.0), galley, colour);
    rect
}

/// How many approved pins of each category, in the map's corner.
fn pin_legend(painter: &egui::Painter, rect: egui::Rect, input: &ProjectorInput<'_>) {
    let lang = input.lang;
    let approved: Vec<_> = input.session.room.approved_pins().collect();
    let mut y = rect.max.y - 12.0;
    let categories: Vec<PinCategory> = <PinCategory as twin_core::catalogue::Catalogue>::all().collect();
    for category in categories.into_iter().rev() {
        let count = approved.iter().filter(|p| p.draft.category == category).count();
        if count == 0 {
            continue;
        }
        let text = format!("{} ({count})", category_name(category, lang));
        let drawn = boxed_text(painter, egui::pos2(rect.min.x + 44.0, y), Align2::LEFT_BOTTOM, &text, TEXT);
        let dot = egui::pos2(rect.min.x + 24.0, drawn.center().y);
        painter.circle_filled(dot, 14.0, BACKGROUND);
        painter.circle(dot, 10.0, category_colour(category), egui::Stroke::new(2.0, Color32::BLACK));
        y = drawn.min.y - 4.0;
    }
    let total = tr_args(lang, "projector-pins", &[("count", approved.len().into())]);
    boxed_text(painter, egui::pos2(rect.min.x + 18.0, y), Align2::LEFT_BOTTOM, &total, TEXT);
}

fn vote_ui(ui: &mut Ui, input: &ProjectorInput<'_>) {
    let lang = input.lang;
    let Some(vote) = input.session.room.votes.last() else {
        ui.label(RichText::new(tr(lang, "projector-no-vote")).size(40.0));
        return;
    };
    ui.add_space(8.0);
    ui.label(RichText::new(&vote.question).size(40.0).strong());
    ui.add_space(12.0);
    match vote.ranking() {
        None => {
            ui.label(RichText::new(tr(lang, "projector-vote-open")).size(BODY_PT).color(MUTED));
            let voted = tr_args(lang, "projector-voted", &[("count", vote.voters().into())]);
            ui.label(RichText::new(voted).size(FIGURE_PT).strong());
        }
        Some(ranking) => {
            let most = ranking.first().map_or(1, |(_, n)| (*n).max(1));
            let bar_width = ui.available_width() * 0.45;
            for (rank, (choice, dots)) in ranking.into_iter().take(8).enumerate() {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("{}.", rank + 1)).size(BODY_PT).strong());
                    let (rect, _) =
                        ui.allocate_exact_size(egui::vec2(bar_width, BODY_PT), egui::Sense::hover());
                    let filled = egui::Rect::from_min_size(
                        rect.min,
                        egui::vec2(bar_width * dots as f32 / most as f32, BODY_PT),
                    );
                    ui.painter().rect_filled(filled, 2.0, AMBER);
                    let label = tr_args(lang, "projector-dots", &[("count", dots.into())]);
                    ui.label(
                        RichText::new(format!("{label}  {}", choice_name(input.session, choice, lang)))
                            .size(BODY_PT),
                    );
                });
            }
        }
    }
}

fn debrief_ui(ui: &mut Ui, input: &ProjectorInput<'_>) {
    let lang = input.lang;
    ui.label(RichText::new(tr(lang, "projector-debrief-prompts")).size(32.0).strong());
    ui.add_space(12.0);
    ui.label(RichText::new(tr(lang, "parking-title")).size(40.0).color(AMBER));
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            for item in &input.session.room.parking {
                egui::Frame::new().inner_margin(8.0).stroke(egui::Stroke::new(1.0, MUTED)).show(ui, |ui| {
                    ui.set_max_width(380.0);
                    ui.label(RichText::new(parked_kind_name(item.kind, lang)).size(24.0).color(MUTED));
                    ui.label(RichText::new(&item.text).size(BODY_PT));
                });
            }
        });
    });
}

fn profile_ui(ui: &mut Ui, input: &ProjectorInput<'_>) {
    let lang = input.lang;
    let profile = Profile::of(&input.session.room.process_check);
    ui.label(RichText::new(tr(lang, "process-title")).size(40.0).strong());
    ui.label(
        RichText::new(tr_args(lang, "projector-responses", &[("count", profile.responses.into())]))
            .color(MUTED),
    );
    ui.add_space(12.0);
    let bar_width = ui.available_width() * 0.4;
    for statement in <Statement as twin_core::catalogue::Catalogue>::all() {
        let mean = profile.mean[statement];
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(bar_width, BODY_PT), egui::Sense::hover());
            ui.painter().rect_stroke(rect, 2.0, egui::Stroke::new(1.0, MUTED), egui::StrokeKind::Inside);
            if mean.is_finite() {
                let share = ((mean - 1.0) / 4.0) as f32;
                let filled = egui::Rect::from_min_size(rect.min, egui::vec2(bar_width * share, BODY_PT));
                ui.painter().rect_filled(filled, 2.0, AMBER);
            }
            let figure = if mean.is_finite() { format!("{mean:.1}") } else { "–".into() };
            ui.label(RichText::new(format!("{figure}  {}", statement_text(statement, lang))).size(BODY_PT));
        });
    }
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use twin_core::session::room::{Choice, Projection, VoteState};
    use twin_core::session::{ByLever, View};

    use super::*;

    fn t(seconds: i64) -> Timestamp {
        Timestamp::from_second(1_764_662_400 + seconds).expect("a time")
    }

    fn sent(screen: Screen) -> Shown {
        Shown {
            projection: Projection { view: View::default(), screen, at: t(0) },
            a: None,
            b: None,
            wall: None,
        }
    }

    fn session() -> (Session, Scenario) {
        let copy = crate::scenarios::scenario_copy(None).expect("built-in");
        let scenario = copy.scenario().expect("opens");
        let mut s = Session::new("Energi i Bærum", copy, t(0));
        for name in ["Næringslivet", "Ungdom"] {
            s.apply(s.add_proposal(name, ByLever::default()), t(0)).expect("add");
        }
        let choices = s.proposals.iter().map(|p| Choice::Proposal(p.id)).collect();
        s.apply(s.open_vote("Hva bør vi teste først?", choices, 3), t(1)).expect("vote");
        let vote = s.room.votes[0].id;
        for ballot in [vec![1, 1, 0], vec![1]] {
            s.apply(s.cast(vote, ballot).expect("ballot"), t(2)).expect("cast");
        }
        (s, scenario)
    }

    fn render(
        session: &Session,
        scenario: &Scenario,
        shown: &Shown,
        now: Timestamp,
        lang: Lang,
    ) -> Harness<'static> {
        let (session, scenario, shown) = (session.clone(), scenario.clone(), shown.clone());
        Harness::builder().with_size(egui::vec2(1280.0, 720.0)).build_ui(move |ui| {
            style(ui.ctx());
            let input = ProjectorInput {
                session: &session,
                shown: Some(&shown),
                scenario: &scenario,
                now,
                lang,
                broadcast: false,
            };
            projector_ui(ui, &input);
        })
    }

    #[test]
    fn the_projector_shows_only_how_many_have_voted_until_the_vote_closes() {
        let (mut s, scenario) = session();
        let open = render(&s, &scenario, &sent(Screen::Vote), t(3), Lang::Nb);
        open.get_by_label("2 personer har stemt");
        assert!(open.query_by_label_contains("Ungdom").is_none(), "no choice, no tally while open");
        assert!(open.query_by_label_contains("prikker").is_none());
        let vote = s.room.votes[0].id;
        s.apply(s.set_vote_state(vote, VoteState::Closed).expect("vote"), t(4)).expect("close");
        let closed = render(&s, &scenario, &sent(Screen::Vote), t(5), Lang::En);
        closed.get_by_label("3 dots  Ungdom");
        closed.get_by_label("1 dot  Næringslivet");
    }

    #[test]
    fn the_phase_countdown_turns_to_over_time() {
        let (mut s, scenario) = session();
        s.apply(s.set_phases(super::super::room::standard_agenda(Lang::En).phases), t(5)).expect("phases");
        s.apply(s.go_to_phase(Some(0), t(10)), t(10)).expect("start");
        let early = render(&s, &scenario, &sent(Screen::Title), t(10 + 60), Lang::En);
        early.get_by_label("9:00");
        assert!(early.query_by_label("over time").is_none());
        let late = render(&s, &scenario, &sent(Screen::Title), t(10 + 11 * 60), Lang::Nn);
        late.get_by_label("-1:00");
        late.get_by_label("over tida");
        // The phase in the strip and in the agenda below it.
        assert_eq!(late.get_all_by_label_contains("Welcome and frame").count(), 2);
    }

    #[test]
    fn the_debrief_wall_and_the_process_profile_are_shown() {
        let (mut s, scenario) = session();
        s.apply(s.park(twin_core::session::room::ParkedKind::Concern, "Nettleien?", None, t(6)), t(6))
            .expect("park");
        let wall = render(&s, &scenario, &sent(Screen::Debrief), t(7), Lang::Nb);
        wall.get_by_label("Nettleien?");
        wall.get_by_label("Bekymring");
        let response = twin_core::session::room::Response(enum_map::EnumMap::from_fn(|_| 4));
        s.apply(s.respond(response), t(8)).expect("respond");
        let profile = render(&s, &scenario, &sent(Screen::ProcessCheck), t(9), Lang::En);
        profile.get_by_label("4.0  I influenced the result");
        profile.get_by_label("1 response");
    }

    /// WCAG 2 contrast ratio of two sRGB colours.
    fn contrast(a: Color32, b: Color32) -> f64 {
        let luminance = |c: Color32| {
            let channel = |v: u8| {
                let v = f64::from(v) / 255.0;
                if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
            };
            0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
        };
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    /// Every piece of text in a frame: its size in pixels and its colour.
    fn texts(harness: &Harness<'_>) -> Vec<(f32, Color32, String)> {
        fn walk(shape: &egui::Shape, zoom: f32, out: &mut Vec<(f32, Color32, String)>) {
            match shape {
                egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, zoom, out)),
                egui::Shape::Text(text) => {
                    for section in &text.galley.job.sections {
                        let range = section.byte_range.start.0..section.byte_range.end.0;
                        let words = text.galley.job.text[range].trim().to_owned();
                        if !words.is_empty() {
                            let colour = text.override_text_color.unwrap_or(section.format.color);
                            out.push((section.format.font_id.size * zoom, colour, words));
                        }
                    }
                }
                _ => {}
            }
        }
        let zoom = harness.ctx.pixels_per_point();
        let mut out = Vec::new();
        for clipped in &harness.output().shapes {
            walk(&clipped.shape, zoom, &mut out);
        }
        out
    }

    fn run_of(scenario: &Scenario, variant: twin_core::session::Variant) -> crate::sim::RunResult {
        let prepared = twin_core::prepare::Prepared::new(scenario);
        let outcome =
            twin_core::model::run(scenario, &scenario.levers, &prepared, &Default::default()).expect("runs");
        crate::sim::RunResult {
            variant,
            generation: 1,
            scenario: std::sync::Arc::new(scenario.clone()),
            levers: scenario.levers,
            derived: std::sync::Arc::new(crate::sim::Derived::of(&outcome)),
            outcome: std::sync::Arc::new(outcome),
            compute: std::time::Duration::ZERO,
        }
    }

    #[test]
    fn the_projectors_text_is_large_and_contrasts_at_least_seven_to_one() {
        let (mut s, scenario) = session();
        s.apply(s.set_phases(super::super::room::standard_agenda(Lang::Nb).phases), t(5)).expect("phases");
        s.apply(s.go_to_phase(Some(1), t(10)), t(10)).expect("start");
        let run = run_of(&scenario, twin_core::session::Variant::Baseline);
        let mut shown = sent(Screen::Map);
        shown.projection.view.year = Some(2030);
        (shown.a, shown.b) = (Some(run.clone()), Some(run));
        for screen in [Screen::Map, Screen::Vote, Screen::Title] {
            shown.projection.screen = screen;
            let harness = render(&s, &scenario, &shown, t(20), Lang::Nb);
            let texts = texts(&harness);
            assert!(texts.len() > 5, "{screen:?}: {texts:?}");
            for (px, colour, words) in &texts {
                assert!(*px >= 24.0, "{screen:?}: «{words}» is {px} px high; the back row needs 24");
                let ratio = contrast(*colour, BACKGROUND);
                assert!(
                    ratio >= 7.0,
                    "{screen:?}: «{words}» in {colour:?} contrasts {ratio:.1}:1 with the background"
                );
            }
            if screen == Screen::Map {
                let largest = texts.iter().map(|t| t.0).fold(0.0, f32::max);
                assert!(largest >= 64.0, "the headline figures are {largest} px; they need 64");
            }
        }
        // The palette itself.
        for colour in [TEXT, MUTED, AMBER] {
            assert!(contrast(colour, BACKGROUND) >= 7.0, "{colour:?}");
        }
    }
}
