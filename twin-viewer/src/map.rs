//! The map: the municipality's districts drawn to scale in 3D over the surrounding land and sea,
//! coloured (and, if asked, raised) by the chosen quantity in the timeline's year; hovering finds
//! a district, clicking selects it. The GeoJSON is parsed and triangulated on a thread, so a
//! change of municipality never stalls a frame.
//!
//! World coordinates: kilometres, `x` east, `-z` north, `y` up. Each district is one mesh whose
//! top lies at local `y = 1`; its height is the entity's `scale.y`. Colours are set on one
//! flat material per district ([`crate::flat`]), so the palette's colours reach the screen
//! unchanged.

use std::sync::Arc;

use bevy::asset::RenderAssetUsages;
use bevy::mesh::{Indices, PrimitiveTopology};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use twin_core::analysis::quantity::DISTRICT_QUANTITIES;

use crate::flat::FlatMaterial;
use crate::geo::{self, MapGeometry, Region};
use crate::palette;
use bevy::camera::visibility::RenderLayers;
use twin_core::session::{Variant, ViewMode};

use crate::camera::LEFT_LAYER;
use crate::sim::Sim;
use crate::view::ViewState;
use crate::workshop::Workshop;

/// Sea colour (the background).
pub const SEA: Color = Color::srgb(0.66, 0.78, 0.87);
/// Land colour (the neighbours around the municipality).
pub const LAND: Color = Color::srgb(0.90, 0.89, 0.85);
const BORDER: Color = Color::srgb(0.15, 0.15, 0.18);
const HIGHLIGHT: Color = Color::srgb(1.0, 1.0, 1.0);
/// Height of a flat district, km.
const FLAT_KM: f32 = 0.02;
/// Height of the tallest raised district, km.
const RAISED_MAX_KM: f32 = 4.0;

/// The map's data: geometry, the link from map districts to model districts, and the colour
/// scale in use.
#[derive(Resource, Default)]
pub struct MapState {
    /// The geometry on show.
    pub geometry: Option<Arc<MapGeometry>>,
    /// Kommune number of the geometry on show.
    kommune: Option<String>,
    /// The map files it was read from (none: built in).
    files: Option<twin_core::scenario::MapFiles>,
    /// Why there is no map, if there is none.
    pub error: Option<String>,
    /// For each map district, the model's district index with the same code.
    pub model_index: Vec<Option<usize>>,
    /// The colour scale: lowest and highest value over every district and year of both runs.
    pub scale: Option<(f64, f64)>,
    /// The change scale: the largest |B − A| shown at full colour.
    pub change_scale: Option<f64>,
    /// What the last colouring was for (to skip unchanged frames).
    painted: Option<Painted>,
}

/// What a colouring of the map was made for.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Painted {
    generations: [u64; 2],
    paints: [Paint; 2],
    year: i32,
    quantity: usize,
    raised: bool,
    selected: Option<usize>,
    hovered: Option<usize>,
}

#[derive(Component)]
struct MapPiece;

/// A district's top and walls on one side (0 the main map, 1 A's map in A | B).
#[derive(Component)]
struct DistrictPiece {
    map_index: usize,
    side: usize,
    material: Handle<FlatMaterial>,
}

/// A district's outline on one side.
#[derive(Component)]
struct BorderPiece {
    map_index: usize,
    side: usize,
    material: Handle<FlatMaterial>,
}

impl MapState {
    /// Where a value sits on the sequential scale (0 lowest, 1 highest).
    pub fn position(&self, value: Option<f64>) -> f64 {
        let (lo, hi) = self.scale.unwrap_or((0.0, 1.0));
        value.map_or(0.0, |v| if hi > lo { (v - lo) / (hi - lo) } else { 0.5 })
    }
}

/// Registers the map.
pub fn plugin(app: &mut App) {
    app.init_resource::<MapState>()
        .init_resource::<crate::redraw::Waker>()
        .add_systems(Update, (rebuild_map, paint_districts).chain().in_set(crate::FrameSet::Map));
}

/// A map made off the render thread: the geometry parsed from its GeoJSON and every mesh
/// triangulated, ready to hand to the GPU.
struct Built {
    geometry: Arc<MapGeometry>,
    land: Vec<Mesh>,
    /// Each district's prism and outline.
    districts: Vec<(Mesh, Mesh)>,
}

impl Built {
    /// The scenario's map: from the files it names, else the one built in for its kommune (a
    /// file that cannot be read is reported in the log when the built-in map stands in).
    fn make(kommune: &str, files: Option<&twin_core::scenario::MapFiles>) -> Result<Built, String> {
        let named = files.map(|f| (f.districts.as_path(), f.surroundings.as_deref()));
        let (geometry, unread) = geo::for_scenario(kommune, named).map_err(|e| e.to_string())?;
        if let Some(e) = unread {
            warn!("the scenario's map could not be read ({e}); showing the built-in map");
        }
        let land = geometry.land.iter().map(top_mesh).collect();
        let districts = geometry.districts.iter().map(|r| (prism_mesh(r), border_mesh(r))).collect();
        Ok(Built { geometry: Arc::new(geometry), land, districts })
    }
}

/// The map being made on a thread (replaced, and so dropped, when the kommune changes again).
#[derive(Default)]
struct Making(Option<crossbeam::channel::Receiver<Result<Built, String>>>);

/// When the scenario's kommune changes: clears the map and starts making the new one on a
/// thread; when that is done, spawns its pieces and frames the cameras on it.
#[allow(clippy::too_many_arguments, reason = "a bevy system receives each resource it reads as a parameter")]
fn rebuild_map(
    mut commands: Commands,
    sim: Res<Sim>,
    mut state: ResMut<MapState>,
    mut view: ResMut<ViewState>,
    pieces: Query<Entity, With<MapPiece>>,
    mut making: Local<Making>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<FlatMaterial>>,
    mut cameras: Query<&mut crate::camera::MapCamera>,
    waker: Res<crate::redraw::Waker>,
) {
    let kommune = &sim.scenario.site.kommune_number;
    let files = &sim.scenario.map_files;
    if state.kommune.as_ref() != Some(kommune) || state.files != *files {
        for entity in &pieces {
            commands.entity(entity).despawn();
        }
        *state = MapState { kommune: Some(kommune.clone()), files: files.clone(), ..MapState::default() };
        view.hovered = None;
        view.selected = None;
        let (tx, rx) = crossbeam::channel::bounded(1);
        let (of, files, waker) = (kommune.clone(), files.clone(), waker.clone());
        // A map no longer wanted is dropped with its channel.
        std::thread::spawn(move || {
            let _ = tx.send(Built::make(&of, files.as_ref()));
            waker.wake();
        });
        making.0 = Some(rx);
        return;
    }
    let Some(rx) = &making.0 else { return };
    let built = match rx.try_recv() {
        Ok(built) => built,
        Err(crossbeam::channel::TryRecvError::Empty) => return,
        Err(crossbeam::channel::TryRecvError::Disconnected) => {
            Err(crate::i18n::t(view.lang, "map-not-made").to_owned())
        }
    };
    making.0 = None;
    match built {
        Ok(built) => {
            let geometry = spawn_pieces(&mut commands, built, &mut meshes, &mut materials);
            let bounds = geometry.municipality.bounds();
            let aspect = crate::camera::map_rects(&view)
                .map_or(16.0 / 9.0, |(r, _)| (r[2] - r[0]) / (r[3] - r[1]).max(1.0));
            for mut camera in &mut cameras {
                camera.fit(bounds, aspect);
            }
            state.geometry = Some(geometry);
        }
        Err(e) => state.error = Some(e),
    }
}

/// Spawns the land and, on both sides, every district's top, walls and outline; returns the
/// geometry they were made from.
fn spawn_pieces(
    commands: &mut Commands,
    built: Built,
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<FlatMaterial>,
) -> Arc<MapGeometry> {
    let flat = FlatMaterial::new;
    let land = materials.add(flat(LAND));
    for mesh in built.land {
        commands.spawn((
            MapPiece,
            Mesh3d(meshes.add(mesh)),
            MeshMaterial3d(land.clone()),
            Transform::from_xyz(0.0, -0.05, 0.0),
            RenderLayers::from_layers(&[0, LEFT_LAYER]),
        ));
    }
    for (map_index, (prism, outline)) in built.districts.into_iter().enumerate() {
        let (prism, outline) = (meshes.add(prism), meshes.add(outline));
        for (side, layer) in [(0, 0), (1, LEFT_LAYER)] {
            let material = materials.add(flat(Color::srgb(0.7, 0.7, 0.7)));
            commands.spawn((
                MapPiece,
                DistrictPiece { map_index, side, material: material.clone() },
                Mesh3d(prism.clone()),
                MeshMaterial3d(material),
                Transform::from_scale(Vec3::new(1.0, FLAT_KM, 1.0)),
                RenderLayers::layer(layer),
            ));
            let border = materials.add(flat(BORDER));
            commands.spawn((
                MapPiece,
                BorderPiece { map_index, side, material: border.clone() },
                Mesh3d(outline.clone()),
                MeshMaterial3d(border),
                Transform::from_xyz(0.0, FLAT_KM + 0.01, 0.0),
                RenderLayers::layer(layer),
            ));
        }
    }
    built.geometry
}

/// How one side of the map is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// By the variant's value, on the sequential scale shared by A and B.
    Value,
    /// By the change against A (B − A), on a diverging scale centred on no change.
    Change,
}

/// What each side of the map shows now: `(variant, paint)` for the main map (B) and, in A | B,
/// the left map (A).
pub fn sides(view: &ViewState, shown: &twin_core::session::View) -> [(Variant, Paint); 2] {
    let v = shown;
    let main = match v.mode {
        ViewMode::Difference => Paint::Change,
        ViewMode::SideBySide if view.against_a => Paint::Change,
        _ => Paint::Value,
    };
    [(v.b, main), (v.a, Paint::Value)]
}

/// Colours and heights of every district on both maps for the year, quantity and selection on
/// show.
#[allow(clippy::too_many_arguments, reason = "a bevy system receives each resource it reads as a parameter")]
fn paint_districts(
    (sim, projector): (Res<Sim>, Res<crate::projector::Projector>),
    view: Res<ViewState>,
    workshop: Res<Workshop>,
    mut state: ResMut<MapState>,
    mut materials: ResMut<Assets<FlatMaterial>>,
    mut districts: Query<(&DistrictPiece, &mut Transform), Without<BorderPiece>>,
    mut borders: Query<(&BorderPiece, &mut Transform), Without<DistrictPiece>>,
) {
    let shown = projector.view(&workshop.session);
    let sides = sides(&view, &shown);
    let (Some(b), Some(a), Some(geometry)) =
        (projector.result(&sim, sides[0].0), projector.result(&sim, sides[1].0), state.geometry.clone())
    else {
        return;
    };
    // The projector shows the year it was sent with; the operator the timeline's.
    let year = if projector.on { shown.year.unwrap_or(view.year) } else { view.year };
    // Nothing on the projector is hovered or selected.
    let (selected, hovered) = if projector.on { (None, None) } else { (view.selected, view.hovered) };
    let key = Painted {
        generations: [b.generation, a.generation],
        paints: [sides[0].1, sides[1].1],
        year,
        quantity: view.quantity,
        raised: view.raised,
        selected,
        hovered,
    };
    if state.painted == Some(key) {
        return;
    }
    let quantity = &DISTRICT_QUANTITIES[view.quantity];
    if state.painted.is_none_or(|p| p.generations != key.generations || p.quantity != key.quantity) {
        state.model_index = geometry
            .districts
            .iter()
            .map(|d| b.outcome.district_codes.iter().position(|c| *c == d.code))
            .collect();
        state.scale = value_range(&[&b.outcome, &a.outcome], |d| (quantity.value)(d));
        state.change_scale = change_range(&b.outcome, &a.outcome, |d| (quantity.value)(d));
    }
    state.painted = Some(key);
    let outcomes = [(&b.outcome, sides[0].1), (&a.outcome, sides[1].1)];
    let reference = a.outcome.year(year);
    for (piece, mut transform) in &mut districts {
        let (outcome, paint) = outcomes[piece.side];
        let model = state.model_index.get(piece.map_index).copied().flatten();
        let value = model.and_then(|m| outcome.year(year)?.districts.get(m)).map(|d| (quantity.value)(d));
        let base = model.and_then(|m| reference?.districts.get(m)).map(|d| (quantity.value)(d));
        let t = state.position(value);
        let colour = match (paint, value, base) {
            (Paint::Change, Some(v), Some(r)) => {
                palette::diverging(change_position(v - r, state.change_scale))
            }
            (Paint::Value, Some(_), _) => palette::sequential(t),
            _ => egui::Color32::from_rgb(153, 153, 153),
        };
        if let Some(mut m) = materials.get_mut(&piece.material) {
            m.color = Color::srgb_u8(colour.r(), colour.g(), colour.b()).to_linear();
        }
        let height = district_height(view.raised, t);
        transform.scale.y = height;
        for (border, mut bt) in &mut borders {
            if border.map_index == piece.map_index && border.side == piece.side {
                bt.translation.y = height + 0.01;
                let active = model.is_some() && (model == selected || model == hovered);
                if let Some(mut m) = materials.get_mut(&border.material) {
                    m.color = if active { HIGHLIGHT } else { BORDER }.to_linear();
                }
            }
        }
    }
}

/// Where a change sits on the diverging scale: 0.5 is no change, 1 the largest fall, 0 the
/// largest rise (so falls are blue and rises red on [`palette::diverging`]).
pub fn change_position(change: f64, scale: Option<f64>) -> f64 {
    match scale {
        Some(m) if m > 0.0 && change.is_finite() => (0.5 - change / (2.0 * m)).clamp(0.0, 1.0),
        _ => 0.5,
    }
}

/// The change scale: the 95th percentile of |B − A| over every district and year (so the
/// timeline keeps one scale), or `None` when B and A are the same everywhere.
pub fn change_range(
    b: &twin_core::Outcome,
    a: &twin_core::Outcome,
    value: impl Fn(&twin_core::outcome::DistrictYear) -> f64,
) -> Option<f64> {
    let mut changes: Vec<f64> = b
        .years
        .iter()
        .zip(&a.years)
        .flat_map(|(yb, ya)| yb.districts.iter().zip(&ya.districts))
        .map(|(db, da)| (value(db) - value(da)).abs())
        .filter(|c| c.is_finite())
        .collect();
    changes.sort_by(f64::total_cmp);
    let m = *changes.get(((changes.len().max(1) - 1) as f64 * 0.95).round() as usize)?;
    (m > 1e-12).then_some(m)
}

/// A district's height, km: flat, or raised in proportion to its place on the scale.
pub fn district_height(raised: bool, t: f64) -> f32 {
    if raised { FLAT_KM + RAISED_MAX_KM * t.clamp(0.0, 1.0) as f32 } else { FLAT_KM }
}

/// The colour scale of a district quantity: its 5th and 95th percentiles over every district and
/// year of the outcomes, so one extreme district does not wash out all the others (values beyond
/// take the end colours). The same scale serves every year, so the timeline shows change.
pub fn value_range(
    outcomes: &[&twin_core::Outcome],
    value: impl Fn(&twin_core::outcome::DistrictYear) -> f64,
) -> Option<(f64, f64)> {
    let mut values: Vec<f64> = outcomes
        .iter()
        .flat_map(|o| &o.years)
        .flat_map(|y| &y.districts)
        .map(value)
        .filter(|v| v.is_finite())
        .collect();
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
    Some((at(0.05), at(0.95)))
}

/// Height of map district `map_index` on the main map as drawn (for hit tests).
pub fn drawn_height(
    view: &ViewState,
    state: &MapState,
    outcome: Option<&twin_core::Outcome>,
    map_index: usize,
) -> f32 {
    let quantity = &DISTRICT_QUANTITIES[view.quantity];
    let value = state
        .model_index
        .get(map_index)
        .copied()
        .flatten()
        .and_then(|m| outcome?.year(view.year)?.districts.get(m))
        .map(|d| (quantity.value)(d));
    district_height(view.raised, state.position(value))
}

/// Finds the district under the window position `cursor` (logical pixels) seen through
/// `camera`: the nearest district top the view ray meets, with heights as `outcome` raises them.
pub fn pick(
    cursor: Vec2,
    camera: &Camera,
    camera_transform: &GlobalTransform,
    view: &ViewState,
    state: &MapState,
    outcome: Option<&twin_core::Outcome>,
) -> Option<usize> {
    let geometry = state.geometry.as_ref()?;
    let ray = camera.viewport_to_world(camera_transform, cursor).ok()?;
    let mut best: Option<(f32, usize)> = None;
    for (i, region) in geometry.districts.iter().enumerate() {
        let height = drawn_height(view, state, outcome, i);
        let dy = ray.direction.y;
        if dy.abs() < 1e-6 {
            continue;
        }
        let t = (height - ray.origin.y) / dy;
        if t <= 0.0 {
            continue;
        }
        let p = ray.origin + *ray.direction * t;
        if region.contains([f64::from(p.x), f64::from(-p.z)]) && best.is_none_or(|(bt, _)| t < bt) {
            best = Some((t, i));
        }
    }
    best.and_then(|(_, i)| state.model_index.get(i).copied().flatten())
}

fn world(p: [f64; 2], y: f32) -> [f32; 3] {
    [p[0] as f32, y, -(p[1] as f32)]
}

/// A flat mesh of a region's tops at `y = 0`.
fn top_mesh(region: &Region) -> Mesh {
    let mut positions = Vec::new();
    let mut indices = Vec::new();
    for poly in &region.polygons {
        let offset = positions.len() as u32;
        positions.extend(poly.points().map(|p| world(p, 0.0)));
        indices.extend(poly.triangles.iter().flatten().map(|i| i + offset));
    }
    let normals = vec![[0.0, 1.0, 0.0]; positions.len()];
    Mesh::new(PrimitiveTopology::TriangleList, RenderAssetUsages::default())
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
        .with_inserted_indices(Indices::U32(indices))
}

/// A region extruded from `y = 0` to `y = 1`: tops in full colour, walls darker (vertex colours
/// multiply the material's colour).
fn prism_mesh(region: &Region) -> Mesh {
    let mut positions: Vec<[f32; 3]> = Vec::new();
    let mut normals: Vec<[f32; 3]> = Vec::new();
    let mut colours: Vec<[f32; 4]> = Vec::new();
    let mut indices: Vec<u32> = Vec::new();
    for poly in &region.polygons {
        let offset = positions.len() as u32;
        for p in poly.points() {
            positions.push(world(p, 1.0));
            normals.push([0.0, 1.0, 0.0]);
            colours.push([1.0; 4]);
        }
        indices.extend(poly.triangles.iter().flatten().map(|i| i + offset));
        for ring in &poly.rings {
            for (k, &a) in ring.iter().enumerate() {
                let b = ring[(k + 1) % ring.len()];
                let base = positions.len() as u32;
                let (dx, dy) = ((b[0] - a[0]) as f32, (b[1] - a[1]) as f32);
                let len = (dx * dx + dy * dy).sqrt().max(1e-6);
                let normal = [dy / len, 0.0, dx / len];
                for (p, y) in [(a, 0.0), (b, 0.0), (b, 1.0), (a, 1.0)] {
                    positions.push(world(p, y));
                    normals.push(normal);
                    colours.push([0.62, 0.62, 0.62, 1.0]);
                }
                indices.extend([base, base + 1, base + 2, base, base + 2, base + 3]);
            }
        }
    }
    Mesh::new(PrimitiveTopology::TriangleList, RenderAssetUsages::default())
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
        .with_inserted_attribute(Mesh::ATTRIBUTE_COLOR, colours)
        .with_inserted_indices(Indices::U32(indices))
}

/// The region's rings as line segments at `y = 0`.
fn border_mesh(region: &Region) -> Mesh {
    let mut positions = Vec::new();
    for ring in region.polygons.iter().flat_map(|p| &p.rings) {
        for (k, &a) in ring.iter().enumerate() {
            positions.push(world(a, 0.0));
            positions.push(world(ring[(k + 1) % ring.len()], 0.0));
        }
    }
    let normals = vec![[0.0, 1.0, 0.0]; positions.len()];
    Mesh::new(PrimitiveTopology::LineList, RenderAssetUsages::default())
        .with_inserted_attribute(Mesh::ATTRIBUTE_POSITION, positions)
        .with_inserted_attribute(Mesh::ATTRIBUTE_NORMAL, normals)
}

/// Updates the hovered district from the pointer (on whichever map it is over) and selects it
/// on click.
#[allow(clippy::too_many_arguments, reason = "a bevy system receives each resource it reads as a parameter")]
pub fn hover_and_select(
    window: Single<&Window, With<PrimaryWindow>>,
    cameras: Query<(&Camera, &GlobalTransform, Has<crate::camera::LeftCamera>)>,
    map_camera: Single<&crate::camera::MapCamera>,
    buttons: Res<ButtonInput<MouseButton>>,
    sim: Res<Sim>,
    workshop: Res<Workshop>,
    state: Res<MapState>,
    mut view: ResMut<ViewState>,
    (screenshot, projector, mut placing): (
        Option<Res<crate::automation::ScreenshotJob>>,
        Res<crate::projector::Projector>,
        ResMut<crate::projector::PinPlacing>,
    ),
) {
    // A screenshot shows the scenario, not whatever lies under the virtual screen's pointer; the
    // projector shows no pointer at all.
    if screenshot.is_some() || projector.on {
        return;
    }
    let sides = sides(&view, &workshop.session.view);
    let hovered = window.cursor_position().filter(|_| view.pointer_on_map).and_then(|cursor| {
        cameras.iter().filter(|(c, _, _)| c.is_active).find_map(|(camera, transform, left)| {
            let inside = camera.logical_viewport_rect().is_some_and(|r| r.contains(cursor));
            let variant: Variant = sides[usize::from(left)].0;
            inside
                .then(|| {
                    pick(cursor, camera, transform, &view, &state, sim.result(variant).map(|r| &*r.outcome))
                })
                .flatten()
        })
    });
    if view.hovered != hovered {
        view.hovered = hovered;
    }
    let clicked = buttons.just_released(MouseButton::Left) && view.pointer_on_map && !map_camera.dragged();
    if clicked && let Some(category) = placing.category {
        let main = cameras.iter().find(|(c, _, left)| c.is_active && !left);
        let point = window
            .cursor_position()
            .zip(main)
            .and_then(|(cursor, (camera, transform, _))| ground_point(cursor, camera, transform));
        if let (Some(km), Some(geometry)) = (point, state.geometry.as_deref()) {
            placing.placed = Some(pin_at(km, geometry, category, std::mem::take(&mut placing.story)));
            placing.category = None;
        }
        return;
    }
    if clicked {
        view.selected = if hovered == view.selected { None } else { hovered };
    }
}

/// Where the pointer's ray meets the ground, km on the map (east, north).
pub fn ground_point(cursor: Vec2, camera: &Camera, transform: &GlobalTransform) -> Option<[f64; 2]> {
    let ray = camera.viewport_to_world(transform, cursor).ok()?;
    let t = ray.intersect_plane(Vec3::ZERO, InfinitePlane3d::new(Vec3::Y))?;
    let p = ray.get_point(t);
    Some([f64::from(p.x), f64::from(-p.z)])
}

/// A pin placed by the operator at a point of the map (km): WGS 84 longitude and latitude, and
/// the district the point lies in.
pub fn pin_at(
    km: [f64; 2],
    geometry: &crate::geo::MapGeometry,
    category: twin_core::session::room::PinCategory,
    story: String,
) -> twin_core::session::room::PinDraft {
    let [lon, lat] = crate::geo::unproject(km, geometry.origin_deg);
    twin_core::session::room::PinDraft {
        lon,
        lat,
        category,
        story,
        concerns: None,
        district: geometry.district_at(km).map(|d| geometry.districts[d].name.clone()),
        origin: twin_core::session::room::Origin::Operator,
        at: jiff::Timestamp::now(),
    }
    .cleaned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prism_has_a_top_and_a_wall_per_edge() {
        let map = geo::built_in("3201").expect("Bærum");
        let region = &map.districts[0];
        let mesh = prism_mesh(region);
        let points: usize = region.polygons.iter().map(|p| p.points().count()).sum();
        let tris: usize = region.polygons.iter().map(|p| p.triangles.len()).sum();
        assert_eq!(mesh.count_vertices(), points + 4 * points);
        assert_eq!(mesh.indices().map(Indices::len), Some(3 * tris + 6 * points));
    }

    #[test]
    fn a_map_made_off_thread_has_every_piece_or_says_why_not() {
        let built =
            std::thread::spawn(|| Built::make("3201", None)).join().expect("no panic").expect("Bærum");
        assert_eq!(built.districts.len(), built.geometry.districts.len());
        assert_eq!(built.land.len(), built.geometry.land.len());
        let error = Built::make("9999", None).err().expect("no such map");
        assert!(error.contains("9999"), "{error}");
        // From the files a scenario names.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/geo");
        let files = twin_core::scenario::MapFiles {
            districts: dir.join("trondheim.geojson"),
            surroundings: Some(dir.join("trondheim_surroundings.geojson")),
        };
        let built = Built::make("5001", Some(&files)).expect("Trondheim");
        assert_eq!(built.geometry.districts.len(), 25);
        let missing =
            twin_core::scenario::MapFiles { districts: dir.join("none.geojson"), surroundings: None };
        let error = Built::make("9999", Some(&missing)).err().expect("neither files nor a built-in map");
        assert!(error.contains("none.geojson"), "{error}");
    }

    #[test]
    fn scale_ignores_the_extreme_five_percent() {
        let empty = || twin_core::Outcome {
            scenario: String::new(),
            district_names: Vec::new(),
            district_codes: Vec::new(),
            unit_names: Vec::new(),
            years: Vec::new(),
            hourly: Vec::new(),
            targets: Vec::new(),
        };
        let mut outcome = empty();
        for v in 0..100 {
            let mut year = twin_core::outcome::YearResult::default();
            year.districts
                .push(twin_core::outcome::DistrictYear { population: f64::from(v), ..Default::default() });
            outcome.years.push(year);
        }
        outcome.years[0].districts[0].population = 1e9;
        let (lo, hi) = value_range(&[&outcome], |d| d.population).expect("values");
        assert_eq!((lo, hi), (6.0, 95.0));
        assert_eq!(value_range(&[&empty()], |d| d.population), None);
    }

    #[test]
    fn heights_follow_the_scale_only_when_raised() {
        assert_eq!(district_height(false, 1.0), FLAT_KM);
        assert!(district_height(true, 1.0) > district_height(true, 0.5));
        assert_eq!(district_height(true, 7.0), district_height(true, 1.0));
    }
}
