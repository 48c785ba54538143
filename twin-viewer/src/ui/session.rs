//! The session's panels: the variants (baseline, the groups' proposals, the room's package) with
//! the choice of A and B, the active proposal's form (name, role, a reason per lever changed,
//! what the model cannot show), undo and redo, snapshots, the actions-and-outcomes list, the
//! groups as small multiples and the spread of every lever over the groups.
//!
//! Plain functions over plain data: each returns the [`Action`]s the user asked for, and the
//! layout applies them to the session (so every change goes through its journal).

use egui::{Color32, RichText, Ui};
use twin_core::Outcome;
use twin_core::analysis::quantity::DistrictQuantity;
use twin_core::catalogue::Catalogue;
use twin_core::catalogue::levers::{LeverId, Levers};
use twin_core::session::compare::{GapClosing, LeverSpread};
use twin_core::session::{Action as Done, Change, Details, Rule, Session, Variant};

use super::dashboard::{HEADLINE_KPIS, kpi_name};
use super::levers::{format_value, label};
use crate::geo::MapGeometry;
use crate::i18n::tr_args;
use crate::palette;
use crate::view::{Lang, fmt_num, unit};
use crate::workshop::Side;

/// What the user asked for in the session's panels.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Put a variant on a side.
    Show(Side, Variant),
    /// A new, empty proposal (made active, shown as B).
    NewProposal,
    /// Remove a proposal.
    Remove(u32),
    /// Replace a proposal's details.
    Edit(u32, Details),
    /// Take a snapshot of B with a name.
    Snapshot(String),
    /// Make a proposal from a snapshot.
    Reopen(u32),
    /// Combine the proposals into the room's package.
    Combine(Rule),
    /// Move levers of B (creating a proposal when B is the baseline).
    Levers(Vec<(LeverId, f64)>),
    /// Switch the view.
    View(twin_core::session::ViewMode),
    /// Replay the last lever change.
    Replay,
    /// Import the proposals of another session file.
    Import,
    /// Undo the last change.
    Undo,
    /// Redo the last change undone.
    Redo,
    /// Something asked for in the room panel.
    Room(super::room::RoomAction),
}

/// A variant's colour: the baseline grey, the package black-ish, a proposal its own.
pub fn colour_of(session: &Session, variant: Variant) -> Color32 {
    match variant {
        Variant::Baseline => Color32::from_rgb(0x99, 0x99, 0x99),
        Variant::Package => Color32::from_rgb(0x33, 0x33, 0x33),
        Variant::Proposal(id) => session.proposal(id).map_or(Color32::GRAY, |p| {
            Color32::from_rgb(p.details.colour[0], p.details.colour[1], p.details.colour[2])
        }),
    }
}

/// A variant's name in the language (the baseline and the package have fixed names).
pub fn name_of(session: &Session, variant: Variant, lang: Lang) -> String {
    match variant {
        Variant::Baseline => crate::i18n::t(lang, "session-baseline").to_owned(),
        Variant::Package => crate::i18n::t(lang, "session-room-package").to_owned(),
        Variant::Proposal(_) => session.name_of(variant).unwrap_or("?").to_owned(),
    }
}

/// The list of variants with A and B buttons, and the buttons that change the session.
pub fn variants_ui(ui: &mut Ui, session: &Session, lang: Lang) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        ui.heading(crate::i18n::t(lang, "session-session"));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let redo = ui.add_enabled(!session.redo.is_empty(), egui::Button::new("⟳"));
            if redo.on_hover_text(crate::i18n::t(lang, "session-redo-ctrl-y")).clicked() {
                actions.push(Action::Redo);
            }
            let undo = ui.add_enabled(!session.undo.is_empty(), egui::Button::new("⟲"));
            if undo.on_hover_text(crate::i18n::t(lang, "session-undo-ctrl-z")).clicked() {
                actions.push(Action::Undo);
            }
        });
    });
    egui::Grid::new("variants").num_columns(4).spacing([6.0, 4.0]).show(ui, |ui| {
        for (n, variant) in session.variants().into_iter().enumerate() {
            let key = match variant {
                Variant::Baseline => "0".to_owned(),
                Variant::Package => "9".to_owned(),
                Variant::Proposal(_) => n.to_string(),
            };
            let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 3.0, colour_of(session, variant));
            let name = name_of(session, variant, lang);
            let role = match variant {
                Variant::Proposal(id) => {
                    session.proposal(id).map(|p| p.details.role.clone()).unwrap_or_default()
                }
                _ => String::new(),
            };
            let text =
                if role.is_empty() { format!("{key}  {name}") } else { format!("{key}  {name} · {role}") };
            ui.label(text);
            for (side, letter, current) in [(Side::A, "A", session.view.a), (Side::B, "B", session.view.b)] {
                let on = current == variant;
                if ui.selectable_label(on, letter).on_hover_text(side_hint(side, lang)).clicked() && !on {
                    actions.push(Action::Show(side, variant));
                }
            }
            ui.end_row();
        }
    });
    ui.horizontal_wrapped(|ui| {
        let full = session.proposals.len() >= twin_core::session::MAX_PROPOSALS;
        if ui.add_enabled(!full, egui::Button::new(crate::i18n::t(lang, "session-new-proposal"))).clicked() {
            actions.push(Action::NewProposal);
        }
        let combine = ui
            .add_enabled(
                !session.proposals.is_empty(),
                egui::Button::new(crate::i18n::t(lang, "session-combine-median")),
            )
            .on_hover_text(crate::i18n::t(lang, "session-the-room-s-package-the"));
        if combine.clicked() {
            actions.push(Action::Combine(Rule::Median));
        }
        let replay = ui
            .add_enabled(
                !session.journal.is_empty(),
                egui::Button::new(crate::i18n::t(lang, "session-replay-last-change")),
            )
            .on_hover_text("P");
        if replay.clicked() {
            actions.push(Action::Replay);
        }
        let import = ui
            .add_enabled(!full, egui::Button::new(crate::i18n::t(lang, "session-import-session")))
            .on_hover_text(crate::i18n::t(lang, "session-add-the-proposals-of-another"));
        if import.clicked() {
            actions.push(Action::Import);
        }
    });
    actions
}

fn side_hint(side: Side, lang: Lang) -> &'static str {
    match side {
        Side::A => crate::i18n::t(lang, "session-show-as-a-the-reference"),
        Side::B => crate::i18n::t(lang, "session-show-as-b-compared-lever"),
    }
}

/// The active proposal's form: name, role, a reason per lever it sets, what the model cannot
/// show. `draft` holds what is being typed; a change is returned when a field is left.
pub fn proposal_form_ui(
    ui: &mut Ui,
    session: &Session,
    id: u32,
    draft: &mut Details,
    lang: Lang,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let Some(proposal) = session.proposal(id) else { return actions };
    let mut committed = false;
    egui::Grid::new("proposal-form").num_columns(2).show(ui, |ui| {
        ui.label(crate::i18n::t(lang, "session-name"));
        committed |= ui.text_edit_singleline(&mut draft.name).lost_focus();
        ui.end_row();
        ui.label(crate::i18n::t(lang, "session-role"));
        committed |= ui.text_edit_singleline(&mut draft.role).lost_focus();
        ui.end_row();
        for (lever, value) in proposal.levers.iter() {
            ui.label(format!("{} = {}", label(lever, lang), format_value(lever, *value, lang)));
            let reason = draft.reasons.0.entry(lever).or_default();
            let field = egui::TextEdit::singleline(reason).hint_text(crate::i18n::t(lang, "session-why"));
            committed |= ui.add(field).lost_focus();
            ui.end_row();
        }
        ui.label(crate::i18n::t(lang, "session-not-in-the-model"));
        committed |= ui.text_edit_multiline(&mut draft.not_in_model).lost_focus();
        ui.end_row();
    });
    draft.reasons.0.retain(|_, r| !r.trim().is_empty());
    if committed && *draft != proposal.details && !draft.name.trim().is_empty() {
        actions.push(Action::Edit(id, draft.clone()));
    }
    if ui.small_button(crate::i18n::t(lang, "session-remove-proposal")).clicked() {
        actions.push(Action::Remove(id));
    }
    actions
}

/// Snapshots: take one of B with a name, reopen any as a proposal.
pub fn snapshots_ui(ui: &mut Ui, session: &Session, name: &mut String, lang: Lang) -> Vec<Action> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        let field = egui::TextEdit::singleline(name)
            .hint_text(crate::i18n::t(lang, "session-the-room-s-first-try"))
            .desired_width(170.0);
        ui.add(field);
        if ui
            .add_enabled(
                !name.trim().is_empty(),
                egui::Button::new(crate::i18n::t(lang, "session-take-snapshot")),
            )
            .clicked()
        {
            actions.push(Action::Snapshot(name.trim().to_owned()));
            name.clear();
        }
    });
    for s in session.snapshots.iter().rev() {
        ui.horizontal(|ui| {
            ui.label(RichText::new(&s.name).strong());
            ui.label(RichText::new(time_of(&s.at)).weak());
            if ui.small_button(crate::i18n::t(lang, "session-reopen-as-proposal")).clicked() {
                actions.push(Action::Reopen(s.id));
            }
        });
    }
    actions
}

/// `HH:MM` of a time stamp (UTC; the journal keeps UTC).
fn time_of(at: &jiff::Timestamp) -> String {
    let text = at.to_string();
    text.get(11..16).unwrap_or(&text).to_owned()
}

/// The actions-and-outcomes list, newest first: every change (from → to, which variant), and the
/// headline KPIs computed after it.
/// `own` is the scenario's levers: a move from "the scenario's own" shows its value.
pub fn journal_ui(ui: &mut Ui, session: &Session, own: &Levers, lang: Lang) {
    egui::ScrollArea::vertical().max_height(260.0).id_salt("journal").show(ui, |ui| {
        if session.journal.is_empty() {
            ui.label(RichText::new(crate::i18n::t(lang, "session-no-changes-yet")).weak());
        }
        for entry in session.journal.iter().rev() {
            let prefix = match entry.action {
                Done::Do => "",
                Done::Undo(_) => crate::i18n::t(lang, "session-undone"),
                Done::Redo(_) => crate::i18n::t(lang, "session-redone"),
            };
            ui.label(format!(
                "{} {prefix}{}",
                time_of(&entry.at),
                describe(session, &entry.change, own, lang)
            ));
            if let Some(h) = &entry.outcome {
                let values: Vec<String> = HEADLINE_KPIS
                    .iter()
                    .take(3)
                    .filter_map(|k| {
                        h.values.get(k.key()).map(|v| format!("{} {}", kpi_name(*k, lang), fmt_num(*v, lang)))
                    })
                    .collect();
                ui.label(RichText::new(format!("   → {} ({})", values.join(" · "), h.year)).small().weak());
            }
        }
    });
}

/// One line for a change.
pub fn describe(session: &Session, change: &Change, own: &Levers, lang: Lang) -> String {
    let name = |id: u32| name_of(session, Variant::Proposal(id), lang);
    let named = |id: &str, name: &str| tr_args(lang, id, &[("name", name.into())]);
    let value =
        |lever: LeverId, v: Option<f64>| format_value(lever, v.unwrap_or(own.get(lever).target), lang);
    match change {
        Change::SetLevers { proposal, levers } => {
            let moves: Vec<String> = levers
                .iter()
                .map(|c| {
                    format!("{} {} → {}", label(c.lever, lang), value(c.lever, c.from), value(c.lever, c.to))
                })
                .collect();
            format!("{}: {}", name(*proposal), moves.join(", "))
        }
        Change::AddProposal { proposal, .. } => named("session-new-proposal-named", &proposal.details.name),
        Change::RemoveProposal { proposal, .. } => named("session-removed-named", &proposal.details.name),
        Change::EditProposal { to, .. } => named("session-edited-named", &to.name),
        Change::AddSnapshot { snapshot } => named("session-snapshot-named", &snapshot.name),
        Change::RemoveSnapshot { snapshot } => named("session-deleted-snapshot-named", &snapshot.name),
        Change::SetPackage { to, .. } => match to {
            Some(p) => tr_args(lang, "session-room-package-made", &[("rule", p.rule.key().into())]),
            None => crate::i18n::t(lang, "session-room-package-removed").to_owned(),
        },
        Change::SetScenario { to, .. } => {
            let builtin = crate::i18n::t(lang, "session-builtin-scenario");
            named("session-opened-named", to.file.as_deref().unwrap_or(builtin))
        }
        Change::Many(changes) => {
            tr_args(lang, "session-imported-changes", &[("count", changes.len().into())])
        }
        Change::Room(change) => super::room::describe_room(change, lang),
    }
}

/// One group in the small multiples.
pub struct Card<'a> {
    /// The variant.
    pub variant: Variant,
    /// Its run, once computed.
    pub outcome: Option<&'a Outcome>,
}

/// Every variant as a small map coloured by `quantity` (one scale for all, as the big map's)
/// with its headline KPIs, as many per row as fit; clicking a card puts it in B.
pub fn groups_ui(
    ui: &mut Ui,
    session: &Session,
    cards: &[Card<'_>],
    geometry: Option<&MapGeometry>,
    quantity: &DistrictQuantity,
    year: i32,
    lang: Lang,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let outcomes: Vec<&Outcome> = cards.iter().filter_map(|c| c.outcome).collect();
    let scale = crate::map::value_range(&outcomes, |d| (quantity.value)(d)).unwrap_or((0.0, 1.0));
    // A's card shows values; every other card its change against A, on one shared scale, so
    // the groups' differences show (on the value scale they would all look alike).
    let a = session.view.a;
    let a_outcome = cards.iter().find(|c| c.variant == a).and_then(|c| c.outcome);
    let change_scale = a_outcome.and_then(|ao| {
        cards
            .iter()
            .filter(|c| c.variant != a)
            .filter_map(|c| crate::map::change_range(c.outcome?, ao, |d| (quantity.value)(d)))
            .reduce(f64::max)
    });
    let paint_of = |variant: Variant| match a_outcome {
        Some(ao) if variant != a => MiniPaint::Change(ao, change_scale),
        _ => MiniPaint::Value(scale),
    };
    ui.label(
        RichText::new(tr_args(
            lang,
            "session-maps-show-change-against",
            &[("name", name_of(session, a, lang).into())],
        ))
        .weak(),
    );
    let gap = 12.0;
    let columns = match cards.len() {
        0..=4 => 2,
        5..=6 => 3,
        _ => 4,
    }
    .min(cards.len().max(1));
    let rows = cards.len().div_ceil(columns).max(1);
    let width = (ui.available_width() - gap * (columns - 1) as f32) / columns as f32;
    let height = ((ui.available_height() - gap * (rows - 1) as f32) / rows as f32).max(160.0);
    egui::ScrollArea::vertical().id_salt("groups").show(ui, |ui| {
        for row in cards.chunks(columns) {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = gap;
                for card in row {
                    let (rect, response) =
                        ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::click());
                    let stroke = egui::Stroke::new(3.0, colour_of(session, card.variant));
                    ui.painter().rect_stroke(rect, 6.0, stroke, egui::StrokeKind::Inside);
                    let layout = egui::Layout::top_down(egui::Align::Min);
                    let mut inner =
                        ui.new_child(egui::UiBuilder::new().max_rect(rect.shrink(10.0)).layout(layout));
                    // Selectable text would take the click: anywhere on the card picks it.
                    inner.style_mut().interaction.selectable_labels = false;
                    card_ui(
                        &mut inner,
                        session,
                        card,
                        geometry,
                        (quantity, year, paint_of(card.variant)),
                        lang,
                    );
                    if response.clicked() {
                        actions.push(Action::Show(Side::B, card.variant));
                    }
                }
            });
            ui.add_space(gap);
        }
    });
    actions
}

/// How a small map is coloured.
#[derive(Clone, Copy)]
pub enum MiniPaint<'a> {
    /// By value on the sequential scale `(lo, hi)`.
    Value((f64, f64)),
    /// By the change against this outcome (A), on the diverging scale of this largest change.
    Change(&'a Outcome, Option<f64>),
}

/// One card: the name, the small map (`quantity` in `year`, painted so), three headline KPIs.
fn card_ui(
    ui: &mut Ui,
    session: &Session,
    card: &Card<'_>,
    geometry: Option<&MapGeometry>,
    (quantity, year, paint): (&DistrictQuantity, i32, MiniPaint<'_>),
    lang: Lang,
) {
    const LINES: usize = 3;
    ui.label(RichText::new(name_of(session, card.variant, lang)).strong().size(18.0));
    let line_height = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    let map_height = (ui.available_height() - line_height * LINES as f32 - 4.0).max(40.0);
    let (rect, _) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), map_height), egui::Sense::hover());
    match (geometry, card.outcome) {
        (Some(geometry), Some(outcome)) => mini_map(ui, rect, geometry, outcome, (quantity, year, paint)),
        _ => {
            ui.put(rect, egui::Spinner::new());
        }
    }
    if let Some(y) = card.outcome.and_then(|o| o.year(year)) {
        // The figure first, then the name, which is cut short when the card is narrow.
        for k in HEADLINE_KPIS.iter().take(LINES) {
            ui.horizontal(|ui| {
                let figure = format!("{} {}", fmt_num(k.value(y), lang), unit(lang, k.spec().unit));
                ui.label(RichText::new(figure).strong());
                ui.add(egui::Label::new(RichText::new(kpi_name(*k, lang)).weak()).truncate());
            });
        }
    }
}

/// Where a point of the map (km) lands when the whole municipality is fitted, centred, into `rect`.
pub fn fit_into(rect: egui::Rect, geometry: &MapGeometry) -> impl Fn([f64; 2]) -> egui::Pos2 + use<> {
    let b = geometry.municipality.bounds();
    let scale = ((rect.width() as f64) / (b[2] - b[0])).min((rect.height() as f64) / (b[3] - b[1]));
    let offset = egui::vec2(
        (rect.width() - ((b[2] - b[0]) * scale) as f32) / 2.0,
        (rect.height() - ((b[3] - b[1]) * scale) as f32) / 2.0,
    );
    let origin = rect.left_top() + offset;
    move |p: [f64; 2]| origin + egui::vec2(((p[0] - b[0]) * scale) as f32, ((b[3] - p[1]) * scale) as f32)
}

/// A municipality's districts painted into `rect`, coloured by value or by change against A.
pub fn mini_map(
    ui: &Ui,
    rect: egui::Rect,
    geometry: &MapGeometry,
    outcome: &Outcome,
    (quantity, year, paint): (&DistrictQuantity, i32, MiniPaint<'_>),
) {
    let to_screen = fit_into(rect, geometry);
    let value_of = |o: &Outcome, code: &str| {
        let m = o.district_codes.iter().position(|c| c == code)?;
        o.year(year)?.districts.get(m).map(|d| (quantity.value)(d))
    };
    for region in &geometry.districts {
        let value = value_of(outcome, &region.code);
        let colour = match paint {
            MiniPaint::Value((lo, hi)) => value.map_or(Color32::GRAY, |v| {
                palette::sequential(if hi > lo { (v - lo) / (hi - lo) } else { 0.5 })
            }),
            MiniPaint::Change(a, m) => match (value, value_of(a, &region.code)) {
                (Some(v), Some(va)) => palette::diverging(crate::map::change_position(v - va, m)),
                _ => Color32::GRAY,
            },
        };
        for polygon in &region.polygons {
            let mut mesh = egui::Mesh::default();
            for p in polygon.points() {
                mesh.colored_vertex(to_screen(p), colour);
            }
            for t in &polygon.triangles {
                mesh.add_triangle(t[0], t[1], t[2]);
            }
            ui.painter().add(egui::Shape::mesh(mesh));
            for ring in &polygon.rings {
                let outline: Vec<egui::Pos2> = ring.iter().map(|p| to_screen(*p)).collect();
                ui.painter()
                    .add(egui::Shape::closed_line(outline, egui::Stroke::new(0.6, Color32::from_gray(30))));
            }
        }
    }
}

/// Per lever, the spread over the groups: min to max as a bar, the median as a mark, the
/// scenario's own value as a line, and how many groups moved it. Levers no group moved are left out.
pub fn spread_ui(ui: &mut Ui, spread: &[LeverSpread], groups: usize, lang: Lang) {
    ui.heading(crate::i18n::t(lang, "session-spread-over-the-groups"));
    let moved: Vec<&LeverSpread> = spread.iter().filter(|s| s.moved > 0).collect();
    if moved.is_empty() {
        ui.label(crate::i18n::t(lang, "session-no-group-has-moved-a"));
        return;
    }
    egui::Grid::new("spread").num_columns(3).spacing([12.0, 10.0]).show(ui, |ui| {
        for s in moved {
            let spec = s.lever.spec();
            ui.label(RichText::new(label(s.lever, lang)).strong());
            let (rect, _) = ui.allocate_exact_size(
                egui::vec2((ui.available_width() - 160.0).max(200.0), 22.0),
                egui::Sense::hover(),
            );
            let x = |v: f64| {
                rect.left() + rect.width() * ((v - spec.min) / (spec.max - spec.min)).clamp(0.0, 1.0) as f32
            };
            let painter = ui.painter();
            painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
            let bar = egui::Rect::from_min_max(
                egui::pos2(x(s.min), rect.top() + 5.0),
                egui::pos2(x(s.max).max(x(s.min) + 2.0), rect.bottom() - 5.0),
            );
            painter.rect_filled(bar, 2.0, palette::OKABE_ITO[1]);
            painter.vline(x(s.median), rect.y_range(), egui::Stroke::new(3.0, palette::OKABE_ITO[4]));
            painter.vline(x(s.own), rect.y_range(), egui::Stroke::new(1.5, Color32::from_gray(90)));
            ui.label(tr_args(
                lang,
                "session-spread-line",
                &[
                    ("min", format_value(s.lever, s.min, lang).into()),
                    ("max", format_value(s.lever, s.max, lang).into()),
                    ("median", format_value(s.lever, s.median, lang).into()),
                    ("moved", s.moved.to_string().into()),
                    ("groups", groups.to_string().into()),
                ],
            ));
            ui.end_row();
        }
    });
    ui.label(RichText::new(crate::i18n::t(lang, "session-bar-lowest-to-highest-value")).small().weak());
}

/// What the room's package does to the scenario's first target, and each group's share of it.
pub fn gap_ui(ui: &mut Ui, session: &Session, gap: Option<&GapClosing>, current: bool, lang: Lang) {
    ui.add_space(12.0);
    ui.heading(crate::i18n::t(lang, "session-the-room-s-package-against"));
    let Some(gap) = gap.filter(|_| session.package.is_some()) else {
        let text = if session.package.is_none() {
            crate::i18n::t(lang, "session-combine-the-proposals-to-make")
        } else {
            crate::i18n::t(lang, "session-computing")
        };
        ui.label(text);
        return;
    };
    let unit_text = unit(lang, gap.kpi.spec().unit);
    let line = tr_args(
        lang,
        "session-gap-line",
        &[
            ("kpi", kpi_name(gap.kpi, lang).into()),
            ("year", gap.year.to_string().into()),
            ("baseline", fmt_num(gap.baseline, lang).into()),
            ("target", fmt_num(gap.target, lang).into()),
            ("package", fmt_num(gap.package, lang).into()),
            ("unit", unit_text.into()),
        ],
    );
    // An ellipsis while the package is being recomputed.
    ui.label(if current { line } else { format!("{line} …") });
    let closed = if (gap.target - gap.baseline).abs() > 1e-12 {
        (gap.package - gap.baseline) / (gap.target - gap.baseline)
    } else {
        0.0
    };
    ui.label(
        RichText::new(tr_args(
            lang,
            "session-package-closes-percent",
            &[("percent", format!("{:.0}", closed * 100.0).into())],
        ))
        .strong(),
    );
    egui::Grid::new("contributions").num_columns(3).spacing([12.0, 6.0]).show(ui, |ui| {
        for c in &gap.contributions {
            ui.label(&c.name);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(220.0, 16.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
            let share = c.share_of_gap.clamp(0.0, 1.0) as f32;
            let bar = egui::Rect::from_min_size(rect.min, egui::vec2(rect.width() * share, rect.height()));
            ui.painter().rect_filled(bar, 2.0, colour_of(session, Variant::Proposal(c.proposal)));
            let percent = format!("{:.0}", c.share_of_gap * 100.0 + 0.0);
            ui.label(tr_args(lang, "session-share-of-gap", &[("percent", percent.into())]));
            ui.end_row();
        }
    });
    ui.label(RichText::new(crate::i18n::t(lang, "session-each-lever-of-the-package")).small().weak());
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use jiff::Timestamp;
    use twin_core::session::ByLever;

    use super::*;

    fn session() -> Session {
        let copy = crate::scenarios::scenario_copy(None).expect("built-in");
        let mut s = Session::new("t", copy, Timestamp::UNIX_EPOCH);
        for name in ["Næringslivet", "Ungdom"] {
            s.apply(s.add_proposal(name, ByLever::default()), Timestamp::UNIX_EPOCH).expect("add");
        }
        let id = s.proposals[0].id;
        let change = s.set_lever(id, LeverId::HeatPumpProgramme, Some(0.8)).expect("set");
        s.apply(change, Timestamp::from_second(600).expect("time")).expect("set");
        // Heat pumps save grid electricity, which the territorial inventory does not count: the
        // group also electrifies building sites, so its emissions differ from the others'.
        let change = s.set_lever(id, LeverId::FossilFreeConstruction, Some(0.6)).expect("set");
        s.apply(change, Timestamp::from_second(660).expect("time")).expect("set");
        s
    }

    #[test]
    fn the_variant_list_offers_each_variant_for_a_and_b() {
        let s = session();
        let mut harness = Harness::new_ui_state(
            |ui, actions: &mut Vec<Action>| actions.extend(variants_ui(ui, &s, Lang::Nb)),
            Vec::new(),
        );
        harness.get_by_label("0  Referanse");
        harness.get_by_label("2  Ungdom");
        // Row 2's B button puts Ungdom in B.
        let b_buttons: Vec<_> = harness.get_all_by_label("B").collect();
        assert_eq!(b_buttons.len(), 3, "a B for the baseline and each proposal");
        b_buttons[2].click();
        harness.run();
        assert!(
            harness.state().contains(&Action::Show(Side::B, Variant::Proposal(s.proposals[1].id))),
            "{:?}",
            harness.state()
        );
    }

    #[test]
    fn the_journal_says_what_moved_from_what_to_what() {
        let s = session();
        let own = s.scenario.scenario().expect("scenario").levers;
        let harness = Harness::new_ui(|ui| journal_ui(ui, &s, &own, Lang::Nb));
        harness.get_by_label_contains("Næringslivet: Flere varmepumper 0 % → 80 %");
        harness.get_by_label_contains("Nytt forslag: Ungdom");
    }

    #[test]
    fn group_cards_show_each_variant_its_figures_and_pick_b_on_a_click() {
        let s = session();
        let scenario = s.scenario.scenario().expect("scenario");
        let prepared = twin_core::prepare::Prepared::new(&scenario);
        let options = twin_core::model::RunOptions::default();
        let variants = s.variants();
        let outcomes: Vec<Outcome> = variants
            .iter()
            .map(|v| {
                let levers = s.levers(*v, &scenario).expect("levers");
                twin_core::model::run(&scenario, &levers, &prepared, &options).expect("finite")
            })
            .collect();
        let cards: Vec<Card<'_>> =
            variants.iter().zip(&outcomes).map(|(v, o)| Card { variant: *v, outcome: Some(o) }).collect();
        let geometry = crate::geo::built_in("3201").expect("Bærum");
        let quantity = &twin_core::analysis::quantity::DISTRICT_QUANTITIES[0];
        let mut harness = Harness::builder().with_size(egui::vec2(900.0, 600.0)).build_ui_state(
            |ui, actions: &mut Vec<Action>| {
                actions.extend(groups_ui(ui, &s, &cards, Some(&geometry), quantity, 2030, Lang::Nb));
            },
            Vec::new(),
        );
        harness.get_by_label_contains("Kartene viser endring mot Referanse (blått lavere");
        for name in ["Referanse", "Næringslivet", "Ungdom"] {
            harness.get_by_label(name);
        }
        let ghg = HEADLINE_KPIS[0];
        let figure = |o: &Outcome| {
            format!(
                "{} {}",
                fmt_num(ghg.value(o.year(2030).expect("2030")), Lang::Nb),
                unit(Lang::Nb, ghg.spec().unit)
            )
        };
        harness.get_by_label(&figure(&outcomes[1]));
        harness.get_by_label("Ungdom").click();
        harness.run();
        assert_eq!(harness.state().last(), Some(&Action::Show(Side::B, variants[2])));
    }

    #[test]
    fn the_spread_counts_the_groups_that_moved_a_lever() {
        let s = session();
        let scenario = s.scenario.scenario().expect("scenario");
        let spread = twin_core::session::compare::spread(&s, &scenario);
        let harness = Harness::new_ui(|ui| spread_ui(ui, &spread, s.proposals.len(), Lang::En));
        harness.get_by_label("More heat pumps");
        harness.get_by_label_contains("(median 40 %) · 1/2");
    }
}
