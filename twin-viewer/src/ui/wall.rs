//! The projector's frame in the window (F5) and the pins drawn over the map: the style and zoom
//! for the back row, the screen sent (see [`super::projector`]), the map's place, the groups or the
//! spread at projector size, the sources laid over it (S), and each pin at its point on the map.

use bevy::prelude::*;
use bevy_egui::egui;
use egui::{Color32, RichText, Ui};
use twin_core::session::compare::{GapClosing, LeverSpread};
use twin_core::session::room::{Pin, PinStatus, Screen};
use twin_core::session::{Session, ViewMode};

use super::projector::{BODY_PT, MUTED, ProjectorInput, projector_ui};
use crate::geo::project;
use crate::map::MapState;
use crate::projector::{Projector, Wall};
use crate::sim::Sim;
use crate::view::ViewState;

/// The map camera's projection, for placing things drawn by egui over the map.
pub type MapView<'a> = (&'a Camera, &'a GlobalTransform);

/// Radius of a pin on the map, points.
const PIN_RADIUS_PT: f32 = 9.0;

/// What the projector draws now: the session, the send, the scenario, the clock, the language.
fn input_of<'a>(
    sim: &'a Sim,
    view: &ViewState,
    session: &'a Session,
    projector: &'a Projector,
    broadcast: bool,
) -> ProjectorInput<'a> {
    let shown = projector.shown.as_ref();
    let now = jiff::Timestamp::now();
    ProjectorInput { session, shown, scenario: &sim.scenario, now, lang: view.lang, broadcast }
}

/// Lays out the projector view; sets where the map goes (or that there is none).
#[allow(clippy::too_many_arguments)] // the projector draws from each of these
pub fn projector_frame(
    ctx: &egui::Context,
    root: &mut Ui,
    sim: &Sim,
    view: &mut ViewState,
    session: &Session,
    projector: &Projector,
    map: &MapState,
    camera: Option<MapView<'_>>,
) {
    let zoom = ctx.zoom_factor();
    let input = input_of(sim, view, session, projector, projector.broadcast);
    let area = projector_ui(root, &input);
    view.map_rect = None;
    view.pointer_on_map = false;
    view.split = false;
    match area {
        Some((Screen::Groups | Screen::Spread, rect)) => sent_page(root, rect, projector, view, map),
        Some((screen, rect)) => {
            view.split =
                projector.shown.as_ref().is_some_and(|s| s.projection.view.mode == ViewMode::SideBySide);
            view.map_rect =
                Some([rect.min.x * zoom, rect.min.y * zoom, rect.max.x * zoom, rect.max.y * zoom]);
            if let (Some(camera), Some(geometry)) = (camera, map.geometry.as_deref()) {
                let pins: Vec<&Pin> = match screen {
                    Screen::MapJam => session.room.approved_pins().collect(),
                    _ => Vec::new(),
                };
                pins_overlay(ctx, rect, &pins, camera, geometry.origin_deg, 1.6);
            }
        }
        None => {}
    }
    if projector.sources {
        sources_overlay(ctx, sim, view.lang);
    }
}

/// What the groups' and the spread's page show: live at the laptop, as sent on the projector.
pub struct Page<'a> {
    /// The session (proposals, names, colours).
    pub session: &'a Session,
    /// Each variant with its outcome, if computed.
    pub cards: Vec<super::session::Card<'a>>,
    /// Where the proposals put each lever.
    pub spread: std::borrow::Cow<'a, [LeverSpread]>,
    /// What the package closes of the gap, and whether that answers the session as it is.
    pub gap: (Option<&'a GapClosing>, bool),
}

impl<'a> Page<'a> {
    /// The page as the session is now (the operator's).
    pub fn live(session: &'a Session, sim: &'a Sim, gap: &'a crate::gap::Gap) -> Page<'a> {
        let cards = session
            .variants()
            .into_iter()
            .map(|v| super::session::Card { variant: v, outcome: sim.result(v).map(|r| &*r.outcome) })
            .collect();
        let spread = twin_core::session::compare::spread(session, &sim.scenario).into();
        Page { session, cards, spread, gap: (gap.result.as_ref(), gap.current) }
    }

    /// The page as it was sent to the projector.
    pub fn sent(wall: &'a Wall) -> Page<'a> {
        let cards = wall
            .session
            .variants()
            .into_iter()
            .map(|v| super::session::Card { variant: v, outcome: wall.outcomes.get(&v).map(|o| &**o) })
            .collect();
        let gap = wall.gap.as_ref().and_then(Option::as_ref);
        Page { session: &wall.session, cards, spread: wall.spread.as_slice().into(), gap: (gap, true) }
    }
}

/// The groups' small multiples (`groups`) or the lever spread with the package's gap, for the
/// operator and, at its size, the projector; returns what a click on a group asked for.
pub fn groups_or_spread(
    ui: &mut Ui,
    groups: bool,
    page: &Page<'_>,
    view: &ViewState,
    map: &MapState,
) -> Vec<super::session::Action> {
    if groups {
        let quantity = &twin_core::analysis::quantity::DISTRICT_QUANTITIES[view.quantity];
        return super::session::groups_ui(
            ui,
            page.session,
            &page.cards,
            map.geometry.as_deref(),
            quantity,
            view.year,
            view.lang,
        );
    }
    egui::ScrollArea::vertical().id_salt("spread-page").show(ui, |ui| {
        super::session::spread_ui(ui, &page.spread, page.session.proposals.len(), view.lang);
        let (gap, current) = page.gap;
        super::session::gap_ui(ui, page.session, gap, current, view.lang);
    });
    Vec::new()
}

/// The groups' or the spread's page of what was sent, at projector size.
fn sent_page(root: &mut Ui, rect: egui::Rect, projector: &Projector, view: &ViewState, map: &MapState) {
    let Some((wall, screen)) =
        projector.shown.as_ref().and_then(|s| Some((s.wall.as_ref()?, s.projection.screen)))
    else {
        return;
    };
    let mut ui = root.new_child(egui::UiBuilder::new().max_rect(rect));
    // The projector only shows: what a click there would ask for is not done.
    let _ = groups_or_spread(&mut ui, screen == Screen::Groups, &Page::sent(wall), view, map);
}

/// Every pin at its point on the map: filled in its category's colour, hollow while it waits for
/// moderation; hidden pins are not drawn. `scale` enlarges them (the projector's are bigger).
pub fn pins_overlay(
    ctx: &egui::Context,
    rect: egui::Rect,
    pins: &[&Pin],
    (camera, transform): MapView<'_>,
    origin_deg: [f64; 2],
    scale: f32,
) {
    let zoom = ctx.zoom_factor();
    let painter = ctx
        .layer_painter(egui::LayerId::background()) // under the legends laid over the map
        .with_clip_rect(rect);
    let radius = PIN_RADIUS_PT * scale;
    for pin in pins {
        let km = project([pin.draft.lon, pin.draft.lat], origin_deg);
        let world = Vec3::new(km[0] as f32, 0.05, -(km[1] as f32));
        let Ok(px) = camera.world_to_viewport(transform, world) else { continue };
        let at = egui::pos2(px.x / zoom, px.y / zoom);
        let colour = super::room::category_colour(pin.draft.category);
        let outline = egui::Stroke::new(2.0, Color32::BLACK);
        match pin.status {
            PinStatus::Approved => {
                painter.circle(at, radius, colour, outline);
            }
            PinStatus::Pending => {
                painter.circle(at, radius, Color32::WHITE, egui::Stroke::new(3.0, colour));
            }
            PinStatus::Hidden(_) => {}
        }
    }
}

/// The scenario's sources, laid over the projector (S): each figure's field, basis, year and note.
fn sources_overlay(ctx: &egui::Context, sim: &Sim, lang: crate::view::Lang) {
    let rect = ctx.content_rect().shrink(40.0);
    egui::Area::new(egui::Id::new("projector.sources")).fixed_pos(rect.min).show(ctx, |ui| {
        egui::Frame::new()
            .fill(Color32::BLACK)
            .stroke(egui::Stroke::new(2.0, MUTED))
            .inner_margin(16.0)
            .show(ui, |ui| {
                ui.set_width(rect.width() - 32.0);
                ui.set_max_height(rect.height() - 32.0);
                ui.label(RichText::new(crate::i18n::tr(lang, "projector-sources-key")).size(32.0).strong());
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for source in &sim.scenario.raw.sources {
                        let year = source.year.map(|y| format!(" ({y})")).unwrap_or_default();
                        let head = format!("{}{year} · {:?}", source.field, source.basis);
                        ui.label(RichText::new(head).size(24.0).color(MUTED));
                        ui.label(RichText::new(&source.note).size(BODY_PT));
                        ui.add_space(6.0);
                    }
                });
            });
    });
}

/// Applies what the room panel asked for: a change through the session's journal (a move to
/// another phase also sends that phase's screen), a send, or a pin to place with the next click.
pub fn apply_room(
    action: super::room::RoomAction,
    workshop: &mut crate::workshop::Workshop,
    projector: &mut Projector,
    placing: &mut crate::projector::PinPlacing,
    draft: &mut super::room::RoomDraft,
    view: &mut ViewState,
) {
    use super::room::RoomAction;
    use twin_core::session::Change;
    use twin_core::session::room::RoomChange;
    let now = jiff::Timestamp::now();
    match action {
        RoomAction::Change(change) => {
            let change = *change;
            let phase_moved =
                matches!(&change, Change::Room(RoomChange::Agenda(from, to)) if from.current != to.current);
            match workshop.apply(change) {
                Ok(()) if phase_moved => crate::projector::follow_phase(workshop, projector, view.year, now),
                Ok(()) => {}
                Err(e) => {
                    view.notice =
                        Some(crate::view::Notice::Error(crate::problem::change_error(&e, view.lang)))
                }
            }
        }
        RoomAction::Send => {
            projector.send(&mut workshop.session, view.year, now);
            workshop.view_changed();
        }
        RoomAction::PlacePin(category) => {
            placing.category = category;
            placing.story = std::mem::take(&mut draft.pin_story);
        }
    }
}

/// The projector's own window (F7, `--presenter`), drawn by egui alone: the screen sent, with the
/// map painted from the districts' shapes (B, or A and B side by side) and the approved pins.
#[allow(clippy::too_many_arguments)] // the projector draws from each of these
pub fn projector_window_frame(
    ctx: &egui::Context,
    height_px: f32,
    sim: &Sim,
    view: &ViewState,
    session: &Session,
    projector: &Projector,
    map: &MapState,
) {
    let zoom = super::projector::zoom_for(height_px);
    if (ctx.zoom_factor() - zoom).abs() > 1e-3 {
        ctx.set_zoom_factor(zoom);
    }
    super::projector::style(ctx);
    let mut root = Ui::new(
        ctx.clone(),
        "projector-window".into(),
        egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(ctx.viewport_rect()),
    );
    root.painter().rect_filled(ctx.viewport_rect(), 0.0, super::projector::BACKGROUND);
    let input = input_of(sim, view, session, projector, false);
    match (projector_ui(&mut root, &input), projector.shown.as_ref()) {
        (Some((Screen::Groups | Screen::Spread, rect)), _) => {
            sent_page(&mut root, rect, projector, view, map)
        }
        (Some((screen, rect)), Some(shown)) => {
            if let Some(geometry) = map.geometry.as_deref() {
                painted_map(&root, rect, geometry, shown, view, session, screen);
            }
        }
        _ => {}
    }
    if projector.sources {
        sources_overlay(ctx, sim, view.lang);
    }
}

/// The sea over the whole of `rect` and the neighbouring land on it, in the big map's colours,
/// so the districts sit on a coast as they do at the laptop.
fn land_and_sea(ui: &Ui, rect: egui::Rect, geometry: &crate::geo::MapGeometry) {
    let colour = |c: Color| {
        let [r, g, b, _] = c.to_srgba().to_u8_array();
        Color32::from_rgb(r, g, b)
    };
    let painter = ui.painter().with_clip_rect(rect);
    painter.rect_filled(rect, 0.0, colour(crate::map::SEA));
    let to_screen = super::session::fit_into(rect, geometry);
    let land = colour(crate::map::LAND);
    for polygon in geometry.land.iter().flat_map(|r| &r.polygons) {
        let mut mesh = egui::Mesh::default();
        for p in polygon.points() {
            mesh.colored_vertex(to_screen(p), land);
        }
        for t in &polygon.triangles {
            mesh.add_triangle(t[0], t[1], t[2]);
        }
        painter.add(egui::Shape::mesh(mesh));
    }
}

/// The map of a send painted into `rect`: B by value (or A and B side by side), and the approved
/// pins on the map-jam screen.
fn painted_map(
    ui: &Ui,
    rect: egui::Rect,
    geometry: &crate::geo::MapGeometry,
    shown: &crate::projector::Shown,
    view: &ViewState,
    session: &Session,
    screen: Screen,
) {
    let (Some(b), Some(a)) = (&shown.b, &shown.a) else { return };
    let quantity = &twin_core::analysis::quantity::DISTRICT_QUANTITIES[view.quantity];
    let year = shown.projection.view.year.unwrap_or(view.year);
    let scale =
        crate::map::value_range(&[&b.outcome, &a.outcome], |d| (quantity.value)(d)).unwrap_or((0.0, 1.0));
    let paint = super::session::MiniPaint::Value(scale);
    // Leave room for the labels at the top.
    let area = rect.shrink2(egui::vec2(8.0, 24.0)).translate(egui::vec2(0.0, 16.0));
    let halves = if shown.projection.view.mode == ViewMode::SideBySide {
        let middle = area.center().x;
        vec![
            (egui::Rect::from_min_max(area.min, egui::pos2(middle - 4.0, area.max.y)), &a.outcome),
            (egui::Rect::from_min_max(egui::pos2(middle + 4.0, area.min.y), area.max), &b.outcome),
        ]
    } else {
        vec![(area, &b.outcome)]
    };
    for (part, outcome) in halves {
        land_and_sea(ui, part, geometry);
        super::session::mini_map(ui, part, geometry, outcome, (quantity, year, paint));
    }
    if screen == Screen::MapJam {
        let to_screen = super::session::fit_into(area, geometry);
        let painter = ui.painter().with_clip_rect(rect);
        for pin in session.room.approved_pins() {
            let at = to_screen(project([pin.draft.lon, pin.draft.lat], geometry.origin_deg));
            let colour = super::room::category_colour(pin.draft.category);
            painter.circle(at, PIN_RADIUS_PT * 1.6, colour, egui::Stroke::new(2.0, Color32::BLACK));
        }
    }
}
