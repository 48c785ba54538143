//! The window's panels (egui): the top bar, the timeline at the bottom, the levers on the left,
//! the KPI cards and charts on the right, and overlays on the map (legend, hover card, the
//! "computing" sign, notices). One system lays them out in that order each frame, so each panel
//! takes its room before the map gets what is left.
//!
//! The panel contents are plain functions in the submodules; this module only wires them to the
//! ECS resources.

pub mod charts;
pub mod dashboard;
pub mod kiosk;
pub mod levers;
pub mod projector;
pub mod promise;
pub mod room;
pub mod session;
pub mod sources;
pub mod wall;

use std::sync::Arc;
use std::time::Duration;

use bevy::camera::visibility::RenderLayers;
use bevy::camera::{CameraOutputMode, ClearColorConfig};
use bevy::prelude::*;
use bevy_egui::{
    EguiContexts, EguiGlobalSettings, EguiPlugin, EguiPrimaryContextPass, PrimaryEguiContext, egui,
};
use egui::{Align2, Color32, RichText, Ui};
use twin_core::Scenario;
use twin_core::analysis::quantity::DISTRICT_QUANTITIES;
use twin_core::catalogue::Catalogue;
use twin_core::catalogue::levers::LeverId;
use twin_core::session::{ByLever, Change, Details, Variant, ViewMode};

use crate::files::{FileRequest, Files};
use crate::map::{MapState, Paint};
use crate::palette;
use crate::projector::{PinPlacing, Projector};
use crate::sim::{RunResult, Sim};
use crate::view::{Lang, Notice, ViewState, fmt_num, unit};
use crate::workshop::{Side, Workshop};

/// Seconds per year while the timeline plays.
const PLAY_S_PER_YEAR: f32 = 0.5;
/// A window shorter than this (points) shows one row of KPI cards.
const SHORT_SCREEN_PT: f32 = 560.0;
/// A map shorter than this (points) hides its colour legends, which would cover it.
const LEGEND_MIN_MAP_PT: f32 = 300.0;
/// A run slower than this shows the "computing" sign.
const QUIET_AFTER: Duration = Duration::from_millis(20);

/// Registers egui and the panels.
pub fn plugin(app: &mut App) {
    app.add_plugins(EguiPlugin::default())
        .init_resource::<Panels>()
        .add_systems(Startup, spawn_ui_camera)
        .add_systems(EguiPrimaryContextPass, layout)
        .add_systems(crate::projector::ProjectorPass, projector_window)
        .add_systems(Update, (play, timeline_keys));
}

/// egui draws through a camera of its own over the whole window, so the map camera's viewport
/// (the room between the panels) does not clip the panels. It draws over the map cameras'
/// picture (it clears the picture itself only when no map is on screen) and writes the whole
/// picture to the window: the one copy a frame (see `camera`).
fn spawn_ui_camera(mut commands: Commands, mut settings: ResMut<EguiGlobalSettings>) {
    settings.auto_create_primary_context = false;
    commands.spawn((
        PrimaryEguiContext,
        Camera2d,
        RenderLayers::none(),
        Camera {
            order: 1,
            output_mode: CameraOutputMode::Write { blend_state: None, clear_color: ClearColorConfig::None },
            clear_color: ClearColorConfig::None,
            ..default()
        },
    ));
}

/// What the panels keep between frames: the scenario's parameter tree, the proposal form being
/// typed, the snapshot name being typed.
#[derive(Resource, Default)]
struct Panels {
    parameters: Option<(Arc<Scenario>, serde_json::Value)>,
    /// What is being typed in the room panel.
    room: room::RoomDraft,
    /// The operator's style while the window shows the projector view.
    normal_style: Option<Arc<egui::Style>>,
    /// The proposal being typed in: its id, its details when typing began, and the draft.
    draft: Option<(u32, Details, Details)>,
    snapshot_name: String,
    /// The panels' colour in the operator's style and in the projector's, as egui's style had it
    /// before the panels were left unpainted (see [`unpainted_panels`]).
    panel_fills: [Option<Color32>; 2],
}

#[allow(clippy::too_many_arguments)] // one system owns the frame's layout, so it sees every resource it draws
fn layout(
    mut contexts: EguiContexts,
    mut sim: ResMut<Sim>,
    mut view: ResMut<ViewState>,
    map: Res<MapState>,
    files: Res<Files>,
    mut workshop: ResMut<Workshop>,
    mut panels: ResMut<Panels>,
    gap: Res<crate::gap::Gap>,
    mut requests: MessageWriter<FileRequest>,
    (mut projector, mut placing): (ResMut<Projector>, ResMut<PinPlacing>),
    (cameras, window): (MapCameras, Single<&Window, With<bevy::window::PrimaryWindow>>),
    mut kiosk: Option<ResMut<crate::kiosk::Kiosk>>,
    mut clear: ResMut<ClearColor>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let zoom = frame_zoom(projector.on, view.presenter || kiosk.is_some(), window.height());
    if (ctx.zoom_factor() - zoom).abs() > 1e-3 {
        ctx.set_zoom_factor(zoom);
    }
    switch_style(&ctx, projector.on, &mut panels.normal_style);
    let [r, g, b, _] = unpainted_panels(&ctx, &mut panels.panel_fills[usize::from(projector.on)]).to_array();
    let panel_colour = Color::srgb_u8(r, g, b);
    if clear.0 != panel_colour {
        clear.0 = panel_colour;
    }
    let mut root = Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
    );
    let camera = cameras.single().ok();
    if let Some(kiosk) = kiosk.as_deref_mut() {
        let (sim, map) = (&*sim, (&*map, camera));
        crate::kiosk::frame(&ctx, &mut root, sim, &mut view, &mut workshop, kiosk, &mut placing, map);
        return Ok(());
    }
    if projector.on {
        let (session, sim) = (&workshop.session, &*sim);
        wall::projector_frame(&ctx, &mut root, sim, &mut view, session, &projector, &map, camera);
        view.keys_free = !ctx.text_edit_focused();
        view.focus_free = !ctx.egui_wants_keyboard_input();
        return Ok(());
    }
    if let Some(draft) = placing.placed.take() {
        let change = workshop.session.add_pin(draft);
        if let Err(e) = workshop.apply(change) {
            view.notice = Some(Notice::Error(crate::problem::change_error(&e, view.lang)));
        }
    }
    let mut actions = top_bar(&mut root, &sim, &mut view, &workshop, &mut requests);
    timeline(&mut root, &sim, &mut view);
    actions.extend(left_panel(&mut root, &mut sim, &view, &workshop, &mut panels));
    // The room's actions are done now (a send must see this frame's session); the rest after.
    actions.retain(|action| {
        let session::Action::Room(action) = action else { return true };
        let draft = &mut panels.room;
        wall::apply_room(action.clone(), &mut workshop, &mut projector, &mut placing, draft, &mut view);
        false
    });
    let mode = workshop.session.view.mode;
    view.split = mode == ViewMode::SideBySide;
    let (a, b) = (workshop.session.view.a, workshop.session.view.b);
    let (Some(ra), Some(rb)) = (sim.result(a).cloned(), sim.result(b).cloned()) else {
        egui::CentralPanel::default().show(&mut root, |ui| {
            ui.centered_and_justified(|ui| ui.spinner());
        });
        view.map_rect = None;
        apply(actions, &mut workshop, &sim, &mut view, &mut requests);
        return Ok(());
    };
    let names = [
        session::name_of(&workshop.session, b, view.lang),
        session::name_of(&workshop.session, a, view.lang),
    ];
    match mode {
        ViewMode::Groups | ViewMode::Spread => {
            view.map_rect = None;
            view.pointer_on_map = false;
            egui::CentralPanel::default().show(&mut root, |ui| {
                let groups = mode == ViewMode::Groups;
                let page = wall::Page::live(&workshop.session, &sim, &gap);
                actions.extend(wall::groups_or_spread(ui, groups, &page, &view, &map));
            });
        }
        ViewMode::Single | ViewMode::SideBySide | ViewMode::Difference => {
            kpi_strip(&mut root, [&rb, &ra], &names, &view);
            charts_panel(&mut root, &mut sim, &mut view, [&rb, &ra], [&names[0], &names[1]]);
            let rect = root.available_rect_before_wrap();
            place_map(&ctx, rect, zoom, &mut view);
            map_overlays(&ctx, rect, &sim, &workshop, &mut view, &map, &files, &names);
            if let (Some(camera), Some(geometry)) = (camera, map.geometry.as_deref()) {
                let pins: Vec<&twin_core::session::room::Pin> = workshop.session.room.pins.iter().collect();
                wall::pins_overlay(&ctx, rect, &pins, camera, geometry.origin_deg, 1.0);
            }
        }
    }
    view.keys_free = !ctx.text_edit_focused();
    view.focus_free = !ctx.egui_wants_keyboard_input();
    notices(&ctx, &mut view);
    apply(actions, &mut workshop, &sim, &mut view, &mut requests);
    Ok(())
}

/// The projector's own window: the screen sent, drawn by egui.
fn projector_window(
    mut ctx: Single<
        &mut bevy_egui::EguiContext,
        (With<crate::projector::ProjectorWindow>, Without<PrimaryEguiContext>),
    >,
    window: Single<&Window, With<crate::projector::ProjectorWindow>>,
    sim: Res<Sim>,
    view: Res<ViewState>,
    workshop: Res<Workshop>,
    projector: Res<Projector>,
    map: Res<MapState>,
) {
    let ctx = ctx.get_mut().clone();
    wall::projector_window_frame(&ctx, window.height(), &sim, &view, &workshop.session, &projector, &map);
}

/// The egui zoom of the main window: the projector's for its height, larger type for a presenter
/// or a kiosk, else a little above 1.
fn frame_zoom(projector: bool, large_type: bool, height_px: f32) -> f32 {
    match (projector, large_type) {
        (true, _) => self::projector::zoom_for(height_px),
        (false, true) => 1.25,
        (false, false) => 1.1,
    }
}

/// The headline KPI cards of B against A along the top, with the "B vs A" heading.
fn kpi_strip(root: &mut Ui, [rb, ra]: [&crate::sim::RunResult; 2], names: &[String; 2], view: &ViewState) {
    egui::Panel::top("kpis").show(root, |ui| {
        ui.add_space(6.0);
        let heading = crate::i18n::tr_args(
            view.lang,
            "dashboard-heading",
            &[("a", names[0].as_str().into()), ("b", names[1].as_str().into())],
        );
        ui.label(RichText::new(heading).strong());
        // On a short screen (a projector at 1280x720 with presenter type) one row of cards
        // leaves the maps their room: the first KPIs that fit, in headline order.
        let rows = if ui.ctx().content_rect().height() < SHORT_SCREEN_PT { 1 } else { usize::MAX };
        let progress = &rb.derived.progress;
        let year = (view.year, rows);
        dashboard::kpi_cards_ui(ui, &rb.outcome, &ra.outcome, &names[1], progress, year, view.lang);
        ui.add_space(2.0);
    });
}

/// Gives the map camera the room left between the panels (`rect`, in points) and notes whether
/// the pointer is on the map itself rather than on something drawn over it.
fn place_map(ctx: &egui::Context, rect: egui::Rect, zoom: f32, view: &mut ViewState) {
    // The map camera's viewport is in window pixels; egui's points are zoomed.
    view.map_rect = Some([rect.min.x * zoom, rect.min.y * zoom, rect.max.x * zoom, rect.max.y * zoom]);
    let pointer = ctx.input(|i| i.pointer.hover_pos());
    view.pointer_on_map = pointer.is_some_and(|p| {
        rect.contains(p)
            && ctx.layer_id_at(p).is_none_or(|l| l.order == egui::Order::Background)
            && !ctx.egui_is_using_pointer()
    });
}

/// The main map camera, for drawing pins where the map shows their points.
type MapCameras<'w, 's> = Query<
    'w,
    's,
    (&'static Camera, &'static GlobalTransform),
    (With<crate::camera::MapCamera>, Without<crate::camera::LeftCamera>),
>;

/// The projector's style (large type, white on black) while the window shows it; the operator's
/// own style again after.
fn switch_style(ctx: &egui::Context, projector_on: bool, normal: &mut Option<Arc<egui::Style>>) {
    match (projector_on, normal.is_some()) {
        (true, false) => {
            *normal = Some(ctx.style_of(ctx.theme()));
            self::projector::style(ctx);
        }
        (false, true) => {
            if let Some(style) = normal.take() {
                ctx.set_style_of(ctx.theme(), style);
            }
        }
        _ => {}
    }
}

/// Leaves the panels unpainted by egui and returns their colour, which the window is cleared to
/// instead (the map draws its own sea: `camera`). When the CPU draws the picture (llvmpipe) this
/// shades most of the window once instead of twice: about a fifth of a frame at 1280x720.
/// `fill` keeps the colour of the style in use (the operator's or the projector's) from the
/// first frame it is seen, before it is made transparent.
fn unpainted_panels(ctx: &egui::Context, fill: &mut Option<Color32>) -> Color32 {
    let style_fill = ctx.style_of(ctx.theme()).visuals.panel_fill;
    if style_fill != Color32::TRANSPARENT {
        *fill = Some(style_fill);
        ctx.style_mut_of(ctx.theme(), |style| style.visuals.panel_fill = Color32::TRANSPARENT);
    }
    fill.unwrap_or(style_fill)
}

/// The top bar: scenario and session, files, undo, the view, the map's quantity, presenter mode
/// and language.
fn top_bar(
    root: &mut Ui,
    sim: &Sim,
    view: &mut ViewState,
    workshop: &Workshop,
    requests: &mut MessageWriter<FileRequest>,
) -> Vec<session::Action> {
    let lang = view.lang;
    let mut actions = Vec::new();
    egui::Panel::top("top-bar").show(root, |ui| {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&sim.scenario.site.name).size(22.0).strong())
                .on_hover_text(&sim.scenario.name);
            let file = match &workshop.path {
                Some(p) => p
                    .file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned()),
                None => crate::i18n::t(lang, "mod-session-not-saved").to_owned(),
            };
            let saved = match (&workshop.save_error, workshop.unsaved(), &workshop.path) {
                (Some(_), _, _) => RichText::new(format!("⚠ {file}")).color(palette::TARGET).strong(),
                (None, true, Some(_)) => RichText::new(format!("{file} •")).weak(),
                _ => RichText::new(file).weak(),
            };
            let hover = workshop
                .save_error
                .clone()
                .unwrap_or_else(|| crate::i18n::t(lang, "mod-the-session-saves-itself").into());
            ui.label(saved).on_hover_text(hover);
            ui.separator();
            for (label, hint, request) in [
                (crate::i18n::t(lang, "mod-open-scenario"), "Ctrl+O", FileRequest::Open),
                (crate::i18n::t(lang, "mod-save-session"), "Ctrl+S", FileRequest::Save),
                (crate::i18n::t(lang, "mod-export-b"), "Ctrl+E", FileRequest::Export),
                (crate::i18n::t(lang, "mod-handout"), "Ctrl+H", FileRequest::Handout),
            ] {
                if ui.button(label).on_hover_text(hint).clicked() {
                    requests.write(request);
                }
            }
            ui.separator();
            actions.extend(view_switch(ui, workshop.session.view.mode, lang));
            ui.separator();
            bar_end(ui, view);
        });
        ui.add_space(2.0);
    });
    actions
}

/// The view's name in a language.
pub fn mode_name(mode: ViewMode, lang: Lang) -> &'static str {
    match mode {
        ViewMode::Single => crate::i18n::t(lang, "mod-one-map"),
        ViewMode::SideBySide => "A | B", // untranslated: the same symbols in every language
        ViewMode::Difference => "B − A", // untranslated: the same symbols in every language
        ViewMode::Groups => crate::i18n::t(lang, "mod-groups"),
        ViewMode::Spread => crate::i18n::t(lang, "mod-spread"),
    }
}

fn view_switch(ui: &mut Ui, mode: ViewMode, lang: Lang) -> Option<session::Action> {
    let mut chosen = mode;
    egui::ComboBox::from_id_salt("view-mode").selected_text(mode_name(mode, lang)).show_ui(ui, |ui| {
        for m in crate::workshop::VIEWS {
            ui.selectable_value(&mut chosen, m, mode_name(m, lang));
        }
    });
    (chosen != mode).then_some(session::Action::View(chosen))
}

/// The bar's end: the map's quantity and height, the presenter switch and the language. The
/// last controls are laid out from the right edge first, so they are never pushed off the
/// window; the map's quantity takes the room that leaves.
fn bar_end(ui: &mut Ui, view: &mut ViewState) {
    let lang = view.lang;
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        language_choice(ui, view);
        let mut presenter = view.presenter;
        if ui
            .toggle_value(&mut presenter, crate::i18n::t(lang, "mod-presenter"))
            .on_hover_text("F5")
            .changed()
        {
            view.presenter = presenter;
        }
        ui.separator();
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            quantity_choice(ui, view);
            raised_choice(ui, view);
        });
    });
}

/// The smallest width of the map quantity's box, points.
const QUANTITY_BOX_MIN: f32 = 120.0;

/// The map's quantity: a box as wide as its name where the bar has the room (the rest of the
/// bar is laid out first), else shortened; the map's legend and the box's hover text give the
/// whole name.
fn quantity_choice(ui: &mut Ui, view: &mut ViewState) {
    let lang = view.lang;
    ui.label(crate::i18n::t(lang, "mod-map"));
    let mut quantity = view.quantity;
    let name = view.quantity_name();
    let name_width = text_width(ui, name, egui::TextStyle::Button);
    // The box's frame and its arrow (egui's combo box: padding, icon spacing, icon; a point
    // for rounding).
    let spacing = ui.spacing();
    let chrome = 2.0 * spacing.button_padding.x + spacing.icon_spacing + spacing.icon_width + 1.0;
    // The room the checkbox after the box takes.
    let raised_width = text_width(ui, crate::i18n::t(lang, "mod-height"), egui::TextStyle::Body)
        + spacing.icon_width
        + spacing.icon_spacing
        + 2.0 * spacing.item_spacing.x;
    let room = ui.available_width() - raised_width - spacing.item_spacing.x;
    let width = (name_width + chrome).min(room).max(QUANTITY_BOX_MIN);
    let size = egui::vec2(width, ui.available_height());
    ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Center), |ui| {
        egui::ComboBox::from_id_salt("map-quantity")
            .selected_text(name)
            .truncate()
            .show_ui(ui, |ui| {
                for i in 0..DISTRICT_QUANTITIES.len() {
                    ui.selectable_value(&mut quantity, i, crate::view::quantity_name(i, lang));
                }
            })
            .response
            .on_hover_text(name);
    });
    if quantity != view.quantity {
        view.quantity = quantity;
    }
}

/// The width of `text` on one line in a text style, points.
fn text_width(ui: &Ui, text: &str, style: egui::TextStyle) -> f32 {
    let font = style.resolve(ui.style());
    ui.fonts_mut(|f| f.layout_no_wrap(text.to_owned(), font, egui::Color32::WHITE).size().x)
}

/// Whether the districts are raised in proportion to their value.
fn raised_choice(ui: &mut Ui, view: &mut ViewState) {
    let lang = view.lang;
    let mut raised = view.raised;
    if ui
        .checkbox(&mut raised, crate::i18n::t(lang, "mod-height"))
        .on_hover_text(crate::i18n::t(lang, "mod-raise-districts-in-proportion-to"))
        .changed()
    {
        view.raised = raised;
    }
}

/// The language of the window.
fn language_choice(ui: &mut Ui, view: &mut ViewState) {
    let mut chosen = view.lang;
    egui::ComboBox::from_id_salt("language").selected_text(chosen.name()).show_ui(ui, |ui| {
        for l in Lang::ALL {
            ui.selectable_value(&mut chosen, l, l.name());
        }
    });
    if chosen != view.lang {
        view.lang = chosen;
    }
}

/// The timeline at the bottom: play, the year, a slider over the scenario's years.
fn timeline(root: &mut Ui, sim: &Sim, view: &mut ViewState) {
    let lang = view.lang;
    egui::Panel::bottom("timeline").show(root, |ui| {
        ui.add_space(4.0);
        let (base, end) = (sim.scenario.base_year, sim.scenario.end_year);
        ui.horizontal(|ui| {
            let label = if view.playing { "⏸" } else { "▶" };
            if ui
                .add(egui::Button::new(RichText::new(label).size(22.0)))
                .on_hover_text(crate::i18n::t(lang, "mod-play-space"))
                .clicked()
            {
                toggle_play(view, base, end);
            }
            ui.label(RichText::new(view.year.to_string()).size(26.0).strong());
            let mut year = view.year;
            ui.spacing_mut().slider_width = (ui.available_width() - 80.0).max(100.0);
            if ui.add(egui::Slider::new(&mut year, base..=end).show_value(false)).changed() {
                view.year = year;
                view.playing = false;
            }
        });
        ui.label(RichText::new(crate::geo::ATTRIBUTION).small().weak());
    });
}

/// The left panel: the session (variants, the active proposal's form, snapshots, the journal),
/// then the levers of B.
fn left_panel(
    root: &mut Ui,
    sim: &mut Sim,
    view: &ViewState,
    workshop: &Workshop,
    panels: &mut Panels,
) -> Vec<session::Action> {
    let lang = view.lang;
    let session = &workshop.session;
    let mut actions = Vec::new();
    egui::Panel::left("levers").resizable(true).default_size(360.0).show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            actions.extend(session::variants_ui(ui, session, lang));
            let shown = match session.view.b {
                Variant::Proposal(id) => session.proposal(id),
                _ => None,
            };
            if let Some(p) = shown {
                let id = p.id;
                // A draft lives until the proposal changes under it (a commit, undo, another
                // proposal); typing never loses letters to a frame that resets it.
                if panels.draft.as_ref().is_none_or(|(d, base, _)| *d != id || *base != p.details) {
                    panels.draft = Some((id, p.details.clone(), p.details.clone()));
                }
                if let Some((_, _, draft)) = panels.draft.as_mut() {
                    egui::CollapsingHeader::new(
                        RichText::new(crate::i18n::t(lang, "mod-proposal-form")).strong(),
                    )
                    .id_salt("proposal-form")
                    .show(ui, |ui| actions.extend(session::proposal_form_ui(ui, session, id, draft, lang)));
                }
            }
            egui::CollapsingHeader::new(RichText::new(crate::i18n::t(lang, "mod-snapshots")).strong())
                .id_salt("snapshots")
                .show(ui, |ui| {
                    actions.extend(session::snapshots_ui(ui, session, &mut panels.snapshot_name, lang))
                });
            egui::CollapsingHeader::new(
                RichText::new(crate::i18n::t(lang, "mod-actions-and-outcomes")).strong(),
            )
            .id_salt("journal")
            .show(ui, |ui| session::journal_ui(ui, session, &sim.scenario.levers, lang));
            egui::CollapsingHeader::new(RichText::new(crate::i18n::tr(lang, "room-title")).strong())
                .id_salt("room")
                .show(ui, |ui| {
                    let now = jiff::Timestamp::now();
                    let asked = room::room_ui(ui, session, &mut panels.room, now, lang);
                    actions.extend(asked.into_iter().map(session::Action::Room));
                });
            ui.separator();
            ui.spacing_mut().slider_width = (ui.available_width() - 110.0).max(120.0);
            let own = sim.scenario.levers;
            let shown = sim.wanted(session.view.b).copied().unwrap_or(own);
            let mut levers = shown;
            let inventory = &sim.scenario.inventory;
            let acts = |id: LeverId| {
                !LeverId::ELECTRIFYING.contains(&id) || inventory.sources.iter().any(|s| s.lever == Some(id))
            };
            if levers::levers_ui(ui, &mut levers, &own, acts, lang) {
                let moved: Vec<(LeverId, f64)> = LeverId::all()
                    .filter(|&id| levers.get(id).target != shown.get(id).target)
                    .map(|id| (id, levers.get(id).target))
                    .collect();
                actions.push(session::Action::Levers(moved));
            }
            ui.add_space(6.0);
            let fresh = panels.parameters.as_ref().is_none_or(|(s, _)| !Arc::ptr_eq(s, &sim.scenario));
            if fresh {
                let tree = serde_json::to_value(&sim.scenario.raw).unwrap_or(serde_json::Value::Null);
                panels.parameters = Some((Arc::clone(&sim.scenario), tree));
            }
            if let Some((_, tree)) = &panels.parameters {
                levers::parameters_ui(ui, tree, &sim.scenario.raw.sources, lang);
            }
            sources::sources_ui(ui, &sim.scenario.raw.sources, lang);
        });
    });
    actions
}

/// The charts on the right, for B against A.
fn charts_panel(
    root: &mut Ui,
    sim: &mut Sim,
    view: &mut ViewState,
    results: [&RunResult; 2],
    names: [&str; 2],
) {
    // A | B needs the room for two maps; the charts get less of it.
    let share = if view.split { 0.3 } else { 0.45 };
    let width = (root.available_width() * share).clamp(300.0, 760.0);
    egui::Panel::right("charts").exact_size(width).show(root, |ui| {
        let mut hourly_year = sim.hourly_year;
        let input = charts::ChartInput {
            outcome: &results[0].outcome,
            baseline: &results[1].outcome,
            names,
            derived: [&results[0].derived, &results[1].derived],
            district: view.selected,
            year: view.year,
            scenario: &results[0].scenario,
            grid_capacity_mw: sim.scenario.grid.import_capacity_mw,
            lang: view.lang,
            still: false,
        };
        let mut chart = view.chart;
        ui.add_space(4.0);
        if matches!(chart, crate::view::ChartKind::WinterWeek | crate::view::ChartKind::LoadDuration) {
            ui.horizontal(|ui| {
                ui.label(crate::i18n::t(view.lang, "mod-year-for-hourly-values"));
                ui.add(
                    egui::DragValue::new(&mut hourly_year)
                        .range(sim.scenario.base_year..=sim.scenario.end_year),
                );
            });
        }
        dashboard::charts_ui(ui, &mut chart, &input);
        if chart != view.chart {
            view.chart = chart;
        }
        if hourly_year != sim.hourly_year {
            sim.hourly_year = hourly_year;
        }
    });
}

/// Applies what the panels asked for, each through the session's journal.
fn apply(
    actions: Vec<session::Action>,
    workshop: &mut Workshop,
    sim: &Sim,
    view: &mut ViewState,
    requests: &mut MessageWriter<FileRequest>,
) {
    use session::Action;
    let lang = view.lang;
    for action in actions {
        let now = jiff::Timestamp::now();
        let done = match action {
            Action::Show(side, variant) => {
                workshop.show(side, variant);
                Ok(())
            }
            Action::View(mode) => {
                workshop.session.view.mode = mode;
                workshop.view_changed();
                Ok(())
            }
            Action::Levers(moved) => workshop.set_targets(&moved, &sim.scenario, lang),
            Action::NewProposal => {
                workshop.session.view.active = None;
                workshop.active_proposal(lang).map(|_| ())
            }
            Action::Remove(id) => match workshop.session.proposals.iter().position(|p| p.id == id) {
                Some(index) => {
                    let proposal = workshop.session.proposals[index].clone();
                    workshop.apply(Change::RemoveProposal { index, proposal })
                }
                None => Ok(()),
            },
            Action::Edit(id, details) => match workshop.session.proposal(id) {
                Some(p) => {
                    let change = Change::EditProposal { proposal: id, from: p.details.clone(), to: details };
                    workshop.apply(change)
                }
                None => Ok(()),
            },
            Action::Snapshot(name) => {
                let of = workshop.session.view.b;
                match workshop.session.take_snapshot(&name, "", of, now) {
                    Some(change) => workshop.apply(change),
                    None => Ok(()),
                }
            }
            Action::Reopen(id) => match workshop.session.snapshots.iter().find(|s| s.id == id).cloned() {
                Some(snapshot) => {
                    let change = workshop.session.add_proposal(&snapshot.name, snapshot.levers.clone());
                    let new_id = workshop.session.next_id;
                    workshop.apply(change).map(|()| workshop.show(Side::B, Variant::Proposal(new_id)))
                }
                None => Ok(()),
            },
            Action::Combine(rule) => {
                let package = twin_core::session::compare::package(
                    &workshop.session,
                    &sim.scenario,
                    rule,
                    ByLever::default(),
                );
                let change = twin_core::session::compare::set_package(&workshop.session, package);
                workshop.apply(change).map(|()| workshop.show(Side::B, Variant::Package))
            }
            Action::Replay => {
                workshop.replay_last();
                Ok(())
            }
            Action::Import => {
                requests.write(FileRequest::Import);
                Ok(())
            }
            Action::Undo => workshop.undo(),
            Action::Redo => workshop.redo(),
            // Taken out and applied by `wall::apply_room` before.
            Action::Room(_) => Ok(()),
        };
        if let Err(e) = done {
            view.notice = Some(Notice::Error(crate::problem::change_error(&e, view.lang)));
        }
    }
}

/// Legends, A and B's names, the hover card, the "computing" sign, a failed run and the map's
/// own error, over the map.
#[allow(clippy::too_many_arguments)] // what the map's overlays show comes from each of these
fn map_overlays(
    ctx: &egui::Context,
    rect: egui::Rect,
    sim: &Sim,
    workshop: &Workshop,
    view: &mut ViewState,
    map: &MapState,
    files: &Files,
    names: &[String; 2],
) {
    let lang = view.lang;
    let quantity = &DISTRICT_QUANTITIES[view.quantity];
    let sides = crate::map::sides(view, &workshop.session.view);
    let value_unit = unit(lang, quantity.unit);
    // In A | B each legend sits under its own map and fits its half.
    let half = if view.split { rect.width() / 2.0 } else { rect.width() };
    let width = (half - 48.0).clamp(120.0, 240.0);
    let legends = rect.height() >= LEGEND_MIN_MAP_PT;
    if let Some((lo, hi)) = map.scale
        && legends
        && (view.split || sides[0].1 == Paint::Value)
    {
        overlay(ctx, "legend", rect.left_bottom() + egui::vec2(12.0, -12.0), Align2::LEFT_BOTTOM, |ui| {
            legend_ui(ui, view.quantity_name(), &value_unit, (lo, hi), view.year, width, lang);
        });
    }
    if sides[0].1 == Paint::Change && legends {
        let m = map.change_scale.unwrap_or(0.0);
        let at = egui::pos2(rect.right() - half + 12.0, rect.bottom() - 12.0);
        overlay(ctx, "change-legend", at, Align2::LEFT_BOTTOM, |ui| {
            change_legend_ui(ui, view.quantity_name(), &value_unit, m, &names[1], width, lang);
        });
    }
    if view.split {
        let middle = rect.center().x;
        for (x, name, letter) in [(rect.left() + 12.0, &names[1], "A"), (middle + 12.0, &names[0], "B")] {
            overlay(ctx, letter, egui::pos2(x, rect.top() + 12.0), Align2::LEFT_TOP, |ui| {
                let size = (half / 14.0).clamp(12.0, 20.0);
                ui.label(RichText::new(format!("{letter}: {name}")).size(size).strong());
            });
        }
        ctx.layer_painter(egui::LayerId::background()).vline(
            middle,
            rect.y_range(),
            egui::Stroke::new(crate::camera::SPLIT_GAP_PX, Color32::from_gray(40)),
        );
    }
    if let Some(error) = &map.error {
        overlay(ctx, "map-error", rect.center(), Align2::CENTER_CENTER, |ui| {
            ui.label(error);
        });
    }
    if let Some(d) = view.hovered {
        hover_card(ctx, sim, sides.map(|s| s.0), d, view, names);
    }
    let failure = sides.iter().find_map(|(v, _)| sim.failure(*v));
    if let Some(failure) = failure {
        overlay(
            ctx,
            "run-failure",
            rect.center_bottom() + egui::vec2(0.0, -16.0),
            Align2::CENTER_BOTTOM,
            |ui| {
                ui.set_max_width(560.0);
                ui.label(
                    RichText::new(crate::i18n::t(lang, "mod-the-model-could-not-compute"))
                        .color(palette::TARGET)
                        .strong(),
                );
                ui.label(RichText::new(failure).monospace().small());
            },
        );
    }
    let busy = sim.busy_for().is_some_and(|d| d > QUIET_AFTER) || files.dialog_open();
    if busy {
        overlay(ctx, "busy", rect.right_top() + egui::vec2(-12.0, 12.0), Align2::RIGHT_TOP, |ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(crate::i18n::t(lang, "mod-computing"));
            });
        });
    }
    let selected_name =
        view.selected.and_then(|s| crate::view::district_name(&sim.scenario, s, lang)).map(str::to_owned);
    if let Some(name) = selected_name {
        let mut clear = false;
        let at = rect.left_top() + egui::vec2(12.0, if view.split { 48.0 } else { 12.0 });
        overlay(ctx, "selected", at, Align2::LEFT_TOP, |ui| {
            ui.horizontal(|ui| {
                let text = crate::i18n::tr_args(lang, "mod-selected-name", &[("name", name.as_str().into())]);
                ui.label(RichText::new(text).strong());
                clear = ui
                    .small_button("×")
                    .on_hover_text(crate::i18n::t(lang, "charts-whole-municipality"))
                    .clicked();
            });
        });
        if clear {
            view.selected = None;
        }
    }
}

/// A small framed area over the map.
fn overlay(ctx: &egui::Context, id: &str, at: egui::Pos2, pivot: Align2, content: impl FnOnce(&mut Ui)) {
    egui::Area::new(egui::Id::new(id)).fixed_pos(at).pivot(pivot).interactable(id == "selected").show(
        ctx,
        |ui| {
            egui::Frame::popup(ui.style()).show(ui, content);
        },
    );
}

/// The hovered district's values in B and A.
fn hover_card(
    ctx: &egui::Context,
    sim: &Sim,
    variants: [Variant; 2],
    d: usize,
    view: &ViewState,
    names: &[String; 2],
) {
    let lang = view.lang;
    let (Some(b), Some(a)) = (sim.result(variants[0]), sim.result(variants[1])) else { return };
    let Some(pos) = ctx.input(|i| i.pointer.hover_pos()) else { return };
    let (Some(name), Some(y), Some(r)) = (
        crate::view::district_name(&b.scenario, d, lang),
        b.outcome.year(view.year).and_then(|y| y.districts.get(d)),
        a.outcome.year(view.year).and_then(|y| y.districts.get(d)),
    ) else {
        return;
    };
    egui::Area::new("hover".into()).fixed_pos(pos + egui::vec2(18.0, 18.0)).interactable(false).show(
        ctx,
        |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.label(RichText::new(format!("{name} · {}", view.year)).strong().size(16.0));
                egui::Grid::new("hover-grid").show(ui, |ui| {
                    ui.label("");
                    ui.label(RichText::new(format!("B: {}", names[0])).weak());
                    ui.label(RichText::new(format!("A: {}", names[1])).weak());
                    ui.end_row();
                    for (i, q) in DISTRICT_QUANTITIES.iter().enumerate() {
                        ui.label(crate::view::quantity_name(i, lang));
                        ui.label(
                            RichText::new(format!("{} {}", fmt_num((q.value)(y), lang), unit(lang, q.unit)))
                                .strong(),
                        );
                        ui.label(RichText::new(fmt_num((q.value)(r), lang)).weak());
                        ui.end_row();
                    }
                });
                let field = format!("districts[{name}]");
                for note in sources::notes_on(&sim.scenario.raw.sources, &field) {
                    ui.set_max_width(420.0);
                    sources::note_ui(ui, note, lang);
                }
                ui.label(
                    RichText::new(crate::i18n::t(lang, "mod-click-to-narrow-the-charts")).weak().small(),
                );
            });
        },
    );
}

/// A notice in a window at the top of the screen, until dismissed.
fn notices(ctx: &egui::Context, view: &mut ViewState) {
    let lang = view.lang;
    let mut dismiss = false;
    if let Some(notice) = &view.notice {
        let (title, text, colour) = match notice {
            Notice::Info(t) => {
                (crate::i18n::t(lang, "mod-notice"), t.as_str(), Color32::from_rgb(0x00, 0x72, 0xB2))
            }
            Notice::Error(t) => (crate::i18n::t(lang, "mod-that-did-not-work"), t.as_str(), palette::TARGET),
            Notice::Warning(t) => (crate::i18n::t(lang, "mod-note"), t.as_str(), palette::WARNING),
        };
        egui::Window::new(RichText::new(title).color(colour).strong())
            .id("notice".into())
            .collapsible(false)
            .resizable(false)
            .anchor(Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ctx, |ui| {
                ui.set_max_width(560.0);
                ui.label(RichText::new(text).monospace());
                if matches!(notice, Notice::Error(_)) {
                    ui.label(crate::i18n::t(lang, "mod-nothing-was-changed"));
                }
                dismiss = ui.button("OK").clicked();
            });
    }
    if dismiss {
        view.notice = None;
    }
}

/// The change scale: blue for lower than A, red for higher, at full colour from ±`m`.
pub fn change_legend_ui(
    ui: &mut Ui,
    name: &str,
    unit: &str,
    m: f64,
    reference: &str,
    width: f32,
    lang: Lang,
) {
    ui.set_max_width(width);
    let title = crate::i18n::tr_args(
        lang,
        "mod-change-legend",
        &[("quantity", name.into()), ("reference", reference.into())],
    );
    ui.label(RichText::new(title).strong());
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 16.0), egui::Sense::hover());
    let steps = 48;
    for i in 0..steps {
        let (t0, t1) = (i as f32 / steps as f32, (i + 1) as f32 / steps as f32);
        let r = egui::Rect::from_min_max(
            egui::pos2(rect.left() + rect.width() * t0, rect.top()),
            egui::pos2(rect.left() + rect.width() * t1 + 0.5, rect.bottom()),
        );
        // Left is lower (blue), right is higher (red).
        ui.painter().rect_filled(r, 0.0, palette::diverging(1.0 - f64::from(t0)));
    }
    ui.horizontal(|ui| {
        ui.set_width(width);
        ui.label(format!("−{}", fmt_num(m, lang)));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(format!("+{} {unit}", fmt_num(m, lang)));
        });
    });
    let hint = crate::i18n::t(lang, "mod-blue-lower-than-a-red");
    ui.label(RichText::new(hint).small().weak());
}

/// The map's colour scale with its quantity, unit and the year.
pub fn legend_ui(
    ui: &mut Ui,
    name: &str,
    unit: &str,
    (lo, hi): (f64, f64),
    year: i32,
    width: f32,
    lang: Lang,
) {
    ui.set_max_width(width);
    ui.label(RichText::new(format!("{name} · {year}")).strong());
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 16.0), egui::Sense::hover());
    let steps = 48;
    for i in 0..steps {
        let t0 = i as f32 / steps as f32;
        let t1 = (i + 1) as f32 / steps as f32;
        let r = egui::Rect::from_min_max(
            egui::pos2(rect.left() + rect.width() * t0, rect.top()),
            egui::pos2(rect.left() + rect.width() * t1 + 0.5, rect.bottom()),
        );
        ui.painter().rect_filled(r, 0.0, palette::sequential(f64::from(t0)));
    }
    ui.horizontal(|ui| {
        ui.set_width(width);
        ui.label(format!("≤ {}", fmt_num(lo, lang)));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(format!("≥ {} {unit}", fmt_num(hi, lang)));
        });
    });
    ui.label(RichText::new(crate::i18n::t(lang, "mod-same-scale-for-every-year")).small().weak());
}

/// Plays or pauses; playing from the last year starts again at the first.
fn toggle_play(view: &mut ViewState, base: i32, end: i32) {
    view.playing = !view.playing;
    if view.playing && view.year >= end {
        view.year = base;
    }
    view.play_clock_s = 0.0;
}

/// Advances the timeline while it plays.
fn play(time: Res<Time>, sim: Res<Sim>, mut view: ResMut<ViewState>) {
    let (base, end) = (sim.scenario.base_year, sim.scenario.end_year);
    if view.year < base || view.year > end {
        view.year = view.year.clamp(base, end);
    }
    if !view.playing {
        return;
    }
    view.play_clock_s += time.delta_secs();
    if view.play_clock_s >= PLAY_S_PER_YEAR {
        view.play_clock_s = 0.0;
        if view.year < end {
            view.year += 1;
        }
        if view.year >= end {
            view.playing = false;
        }
    }
}

/// Space plays, Page Up/Down step years.
fn timeline_keys(keys: Res<ButtonInput<KeyCode>>, sim: Res<Sim>, mut view: ResMut<ViewState>) {
    if !view.keys_free {
        return;
    }
    let (base, end) = (sim.scenario.base_year, sim.scenario.end_year);
    if keys.just_pressed(KeyCode::Space) && view.focus_free {
        toggle_play(&mut view, base, end);
    }
    if keys.just_pressed(KeyCode::PageUp) {
        view.year = (view.year + 1).min(end);
    }
    if keys.just_pressed(KeyCode::PageDown) {
        view.year = (view.year - 1).max(base);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    /// The bar's end in `width` points: where the map's label ends and the height checkbox and
    /// the presenter switch lie.
    fn bar_end_in(width: f32, lang: Lang) -> (egui::Rect, egui::Rect, egui::Rect) {
        let mut view = ViewState::new(2025);
        view.lang = lang;
        let harness = Harness::builder()
            .with_size(egui::vec2(width, 40.0))
            .build_ui_state(|ui, view: &mut ViewState| ui.horizontal(|ui| bar_end(ui, view)).inner, view);
        let rect = |key: &str| harness.get_by_label(crate::i18n::t(lang, key)).rect();
        (rect("mod-map"), rect("mod-height"), rect("mod-presenter"))
    }

    #[test]
    fn the_bars_end_stays_on_screen_and_shows_the_whole_map_name_where_there_is_room() {
        for lang in Lang::ALL {
            // What a 1280-point window leaves the bar's end in nynorsk, the longest language.
            let (map, height, presenter) = bar_end_in(470.0, lang);
            assert!(presenter.max.x <= 470.0 - 60.0, "{lang:?}: the language menu keeps its room");
            assert!(height.max.x <= presenter.min.x && height.min.x > map.max.x + QUANTITY_BOX_MIN - 1.0);

            let name = ViewState { lang, ..ViewState::new(2025) }.quantity_name();
            let mut name_width = 0.0;
            Harness::new_ui(|ui| name_width = text_width(ui, name, egui::TextStyle::Button));
            let (map, height, _) = bar_end_in(1100.0, lang);
            assert!(height.min.x - map.max.x > name_width, "{lang:?}: {name:?} is shown whole");
        }
    }

    #[test]
    fn legend_names_quantity_unit_and_range() {
        let harness = Harness::new_ui(|ui| {
            legend_ui(ui, "Utslipp per innbygger", "t CO2e/person", (0.25, 1.5), 2030, 240.0, Lang::Nb)
        });
        harness.get_by_label("Utslipp per innbygger · 2030");
        harness.get_by_label("≤ 0,250");
        harness.get_by_label("≥ 1,50 t CO2e/person");
    }
}
