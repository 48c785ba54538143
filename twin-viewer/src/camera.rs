//! The map camera: a perspective camera orbiting a focus point on the map, drawn into the room
//! the panels leave. Mouse: left-drag pans, right-drag turns and tilts, the wheel zooms. Keys:
//! arrows pan (letters A, B, X, P and digits drive the session: see `workshop`), Q/E turn, R/F tilt, +/- zoom, Home returns to the whole municipality.
//!
//! The window's picture is composed once: the map cameras (A's, then B's) draw into the
//! window's shared picture and leave it there ([`CameraOutputMode::Skip`]); egui's camera draws
//! the panels over it and alone copies the picture to the window. Every camera of the window
//! therefore has the same multisampling (bevy shares the picture only between cameras that
//! agree), and B's camera clears the picture only when A's does not draw first. Without a GPU
//! each full-window copy costs 6–9 ms of a frame, so there is one, not one per camera.
//!
//! A clear covers the whole picture, not only a camera's viewport, so the picture is cleared to
//! the panels' colour ([`ClearColor`], which the panels leave unpainted: `ui`) and each map
//! camera draws its sea itself, on a backdrop just inside its far plane. Without a map on screen
//! (the groups' and spread views, or while the first results are computed) the map cameras are
//! off and egui's camera clears the picture.

use bevy::camera::visibility::RenderLayers;
use bevy::camera::{CameraOutputMode, ClearColorConfig};
use bevy::core_pipeline::tonemapping::Tonemapping;
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll, MouseScrollUnit};
use bevy::light::cluster::ClusterConfig;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::PrimaryEguiContext;

use crate::flat::FlatMaterial;
use crate::view::ViewState;

/// Vertical field of view, radians.
const FOV: f32 = 0.7;
/// Steepest tilt from straight down, radians.
const MAX_PITCH: f32 = 1.25;
/// Tilt of the home view, radians.
const HOME_PITCH: f32 = 0.6;
/// Near and far clipping distances, km.
const NEAR_KM: f32 = 0.05;
const FAR_KM: f32 = 2000.0;
/// Share of the picture's half-width and half-height kept free around the municipality at home.
pub const FIT_MARGIN: f32 = 0.04;

/// The four corners of a bounding box `[min_x, min_y, max_x, max_y]` (km, y north) on the ground.
pub fn corners(bounds: [f64; 4]) -> [Vec3; 4] {
    let at = |x: f64, y: f64| Vec3::new(x as f32, 0.0, -(y as f32));
    [at(bounds[0], bounds[1]), at(bounds[2], bounds[1]), at(bounds[0], bounds[3]), at(bounds[2], bounds[3])]
}

/// Where the camera looks from.
#[derive(Component, Debug, Clone)]
pub struct MapCamera {
    /// Point looked at, km.
    pub focus: Vec3,
    /// Distance from the focus, km.
    pub distance: f32,
    /// Turn about the vertical, radians (0 = north up).
    pub yaw: f32,
    /// Tilt from straight down, radians.
    pub pitch: f32,
    home: (Vec3, f32),
    /// The municipality's bounds, km, for framing it again when the map's shape changes.
    bounds: Option<[f64; 4]>,
    /// The map area's width over height the home framing was made for.
    aspect: f32,
    drag_px: f32,
    dragging: bool,
}

impl Default for MapCamera {
    fn default() -> Self {
        MapCamera {
            focus: Vec3::ZERO,
            distance: 30.0,
            yaw: 0.0,
            pitch: HOME_PITCH,
            home: (Vec3::ZERO, 30.0),
            bounds: None,
            aspect: 16.0 / 9.0,
            drag_px: 0.0,
            dragging: false,
        }
    }
}

impl MapCamera {
    /// Frames a bounding box `[min_x, min_y, max_x, max_y]` (km, y north) in a map area of
    /// width/height `aspect`: the nearest distance at the home tilt at which every corner lies
    /// inside the picture, with a margin of [`FIT_MARGIN`] of the half-width and half-height.
    pub fn fit(&mut self, bounds: [f64; 4], aspect: f32) {
        let centre =
            Vec3::new(((bounds[0] + bounds[2]) / 2.0) as f32, 0.0, (-(bounds[1] + bounds[3]) / 2.0) as f32);
        let extent = ((bounds[2] - bounds[0]).max(bounds[3] - bounds[1]) as f32).max(1.0);
        let aspect = if aspect.is_finite() && aspect > 0.05 { aspect } else { 16.0 / 9.0 };
        let fits = |distance: f32| {
            let probe =
                MapCamera { focus: centre, distance, yaw: 0.0, pitch: HOME_PITCH, ..MapCamera::default() };
            corners(bounds).iter().all(|c| {
                probe
                    .ndc(*c, aspect)
                    .is_some_and(|p| p.x.abs() <= 1.0 - FIT_MARGIN && p.y.abs() <= 1.0 - FIT_MARGIN)
            })
        };
        // Bisect between a distance that is surely too near and one that surely fits.
        let (mut near, mut far) = (extent * 0.05, extent * 40.0);
        for _ in 0..40 {
            let mid = (near + far) / 2.0;
            if fits(mid) { far = mid } else { near = mid }
        }
        self.home = (centre, far);
        self.bounds = Some(bounds);
        self.aspect = aspect;
        self.reset();
    }

    /// Frames the municipality again for a map area of another shape, if the camera has not
    /// been moved since it was framed.
    pub fn refit(&mut self, aspect: f32) {
        if let Some(bounds) = self.bounds
            && self.at_home()
            && (aspect - self.aspect).abs() > 0.01
        {
            self.fit(bounds, aspect);
        }
    }

    /// Where a world point appears in normalised device coordinates (x right, y up, each −1..1
    /// across the picture) for a map area of width/height `aspect`; `None` behind the camera.
    pub fn ndc(&self, point: Vec3, aspect: f32) -> Option<Vec2> {
        let view = self.transform().to_matrix().inverse();
        let projection = Mat4::perspective_rh(FOV, aspect, NEAR_KM, FAR_KM);
        let clip = projection * view * point.extend(1.0);
        (clip.w > 0.0).then(|| Vec2::new(clip.x / clip.w, clip.y / clip.w))
    }

    /// Back to the framing of the whole municipality.
    pub fn reset(&mut self) {
        (self.focus, self.distance) = self.home;
        self.yaw = 0.0;
        self.pitch = HOME_PITCH;
    }

    /// Whether the camera is where [`MapCamera::reset`] puts it (not moved since).
    pub fn at_home(&self) -> bool {
        (self.focus, self.distance) == self.home && self.yaw == 0.0 && self.pitch == HOME_PITCH
    }

    /// Whether the last press moved far enough to be a drag rather than a click.
    pub fn dragged(&self) -> bool {
        self.drag_px > 4.0
    }

    /// The camera's transform.
    pub fn transform(&self) -> Transform {
        let (sy, cy) = self.yaw.sin_cos();
        let (sp, cp) = self.pitch.sin_cos();
        let offset = Vec3::new(sp * sy, cp, sp * cy) * self.distance;
        Transform::from_translation(self.focus + offset).looking_at(self.focus, Vec3::new(-sy, 0.0, -cy))
    }

    fn pan(&mut self, right: f32, forward: f32) {
        let (sy, cy) = self.yaw.sin_cos();
        self.focus += Vec3::new(cy, 0.0, -sy) * right + Vec3::new(-sy, 0.0, -cy) * forward;
    }
}

/// Registers the camera.
pub fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_camera).add_systems(PostStartup, plain_edges_in_software).add_systems(
        Update,
        (steer, place_camera, crate::map::hover_and_select).chain().in_set(crate::FrameSet::Input),
    );
}

fn spawn_camera(
    mut commands: Commands,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<FlatMaterial>>,
) {
    let map_camera = MapCamera::default();
    let projection =
        || Projection::from(PerspectiveProjection { fov: FOV, near: NEAR_KM, far: FAR_KM, ..default() });
    // The map has no lights: one light cluster is plenty.
    let unlit = ClusterConfig::Single;
    let sea = sea_backdrop(&mut meshes, &mut materials);
    commands.spawn((
        Camera3d::default(),
        Camera { is_active: false, output_mode: CameraOutputMode::Skip, ..default() },
        projection(),
        Tonemapping::None,
        unlit,
        map_camera.transform(),
        map_camera.clone(),
        children![(sea.clone(), RenderLayers::layer(0))],
    ));
    commands.spawn((
        Camera3d::default(),
        Camera { is_active: false, order: -1, output_mode: CameraOutputMode::Skip, ..default() },
        projection(),
        Tonemapping::None,
        unlit,
        RenderLayers::layer(LEFT_LAYER),
        map_camera.transform(),
        LeftCamera,
        children![(sea, RenderLayers::layer(LEFT_LAYER))],
    ));
}

/// The sea behind the map: a rectangle facing its camera just inside the far plane, wide and
/// tall enough to fill any map viewport (up to 8:1) whichever way the camera turns.
fn sea_backdrop(
    meshes: &mut Assets<Mesh>,
    materials: &mut Assets<FlatMaterial>,
) -> (Mesh3d, MeshMaterial3d<FlatMaterial>, Transform) {
    let distance_km = FAR_KM * 0.9;
    let height_km = 2.2 * distance_km * (FOV / 2.0).tan();
    let rectangle = Rectangle::new(8.0 * height_km, height_km);
    (
        Mesh3d(meshes.add(rectangle)),
        MeshMaterial3d(materials.add(FlatMaterial::new(crate::map::SEA))),
        Transform::from_xyz(0.0, 0.0, -distance_km),
    )
}

/// Without a GPU (Mesa's llvmpipe on a kiosk PC or a virtual machine) every pixel is drawn by
/// the CPU: the window's cameras go without multisampling, which took a quarter of a frame
/// there. All of them, since they share one picture only if they agree.
fn plain_edges_in_software(
    mut commands: Commands,
    adapter: Option<Res<bevy::render::renderer::RenderAdapterInfo>>,
    cameras: Query<Entity, With<Camera>>,
) {
    if crate::software::drawn_by_cpu(adapter.as_deref()) {
        for camera in &cameras {
            commands.entity(camera).insert(bevy::render::view::Msaa::Off);
        }
    }
}

#[allow(clippy::too_many_arguments, reason = "a bevy system receives each resource it reads as a parameter")]
fn steer(
    mut camera: Single<&mut MapCamera, Without<LeftCamera>>,
    view: Res<ViewState>,
    buttons: Res<ButtonInput<MouseButton>>,
    keys: Res<ButtonInput<KeyCode>>,
    motion: Res<AccumulatedMouseMotion>,
    scroll: Res<AccumulatedMouseScroll>,
    window: Single<&Window, With<PrimaryWindow>>,
    time: Res<Time>,
) {
    let cam = &mut **camera;
    let height_px = view.map_rect.map_or(window.height(), |r| r[3] - r[1]).max(1.0);
    let km_per_px = cam.distance * 2.0 * (FOV / 2.0).tan() / height_px;
    if buttons.just_pressed(MouseButton::Left) || buttons.just_pressed(MouseButton::Right) {
        cam.dragging = view.pointer_on_map;
        cam.drag_px = 0.0;
    }
    if !buttons.pressed(MouseButton::Left)
        && !buttons.pressed(MouseButton::Right)
        && !buttons.just_released(MouseButton::Left)
    {
        cam.dragging = false;
    }
    if cam.dragging {
        let d = motion.delta;
        cam.drag_px += d.length();
        if buttons.pressed(MouseButton::Left) {
            cam.pan(-d.x * km_per_px, d.y * km_per_px);
        } else if buttons.pressed(MouseButton::Right) {
            cam.yaw -= d.x * 0.005;
            cam.pitch = (cam.pitch - d.y * 0.005).clamp(0.0, MAX_PITCH);
        }
    }
    if view.pointer_on_map && scroll.delta.y != 0.0 {
        let lines = match scroll.unit {
            MouseScrollUnit::Line => scroll.delta.y,
            MouseScrollUnit::Pixel => scroll.delta.y / 40.0,
        };
        cam.distance = (cam.distance * 0.88_f32.powf(lines)).clamp(1.0, 500.0);
    }
    if !view.keys_free {
        return;
    }
    let dt = time.delta_secs().min(0.1);
    let step = cam.distance * 0.8 * dt;
    let any = |codes: &[KeyCode]| codes.iter().any(|k| keys.pressed(*k));
    let (mut right, mut forward) = (0.0, 0.0);
    if any(&[KeyCode::ArrowLeft]) {
        right -= step;
    }
    if any(&[KeyCode::ArrowRight]) {
        right += step;
    }
    if any(&[KeyCode::ArrowUp]) {
        forward += step;
    }
    if any(&[KeyCode::ArrowDown]) {
        forward -= step;
    }
    cam.pan(right, forward);
    if any(&[KeyCode::KeyQ]) {
        cam.yaw += 1.2 * dt;
    }
    if any(&[KeyCode::KeyE]) {
        cam.yaw -= 1.2 * dt;
    }
    if any(&[KeyCode::KeyR]) {
        cam.pitch = (cam.pitch + 0.8 * dt).min(MAX_PITCH);
    }
    if any(&[KeyCode::KeyF]) {
        cam.pitch = (cam.pitch - 0.8 * dt).max(0.0);
    }
    if any(&[KeyCode::Equal, KeyCode::NumpadAdd]) {
        cam.distance = (cam.distance * (1.0 - dt)).max(1.0);
    }
    if any(&[KeyCode::Minus, KeyCode::NumpadSubtract]) {
        cam.distance = (cam.distance * (1.0 + dt)).min(500.0);
    }
    if keys.just_pressed(KeyCode::Home) {
        cam.reset();
    }
}

/// The camera of A's map in A | B: it follows the map camera and shows the pieces on layer 1.
#[derive(Component, Debug, Clone, Copy)]
pub struct LeftCamera;

/// The render layer of A's map pieces in A | B.
pub const LEFT_LAYER: usize = 1;

/// The physical-pixel viewport of a rectangle `[min_x, min_y, max_x, max_y]` in logical window
/// pixels, clamped into a window of `w`×`h` physical pixels.
pub fn viewport(r: [f32; 4], scale: f32, w: u32, h: u32) -> Option<bevy::camera::Viewport> {
    if w <= 1 || h <= 1 {
        return None;
    }
    let x = ((r[0] * scale).max(0.0) as u32).min(w - 1);
    let y = ((r[1] * scale).max(0.0) as u32).min(h - 1);
    let width = (((r[2] - r[0]) * scale).round() as u32).clamp(1, w - x);
    let height = (((r[3] - r[1]) * scale).round() as u32).clamp(1, h - y);
    Some(bevy::camera::Viewport {
        physical_position: UVec2::new(x, y),
        physical_size: UVec2::new(width, height),
        ..default()
    })
}

/// The map area's rectangles: the whole area, or its left (A) and right (B) halves in A | B.
pub fn map_rects(view: &ViewState) -> Option<([f32; 4], Option<[f32; 4]>)> {
    let r = view.map_rect?;
    if !view.split {
        return Some((r, None));
    }
    let middle = (r[0] + r[2]) / 2.0;
    Some((
        [middle + SPLIT_GAP_PX / 2.0, r[1], r[2], r[3]],
        Some([r[0], r[1], middle - SPLIT_GAP_PX / 2.0, r[3]]),
    ))
}

/// Logical pixels between A's and B's maps.
pub const SPLIT_GAP_PX: f32 = 4.0;

fn set_viewport(camera: &mut Camera, viewport: Option<bevy::camera::Viewport>) {
    let same = match (&camera.viewport, &viewport) {
        (Some(a), Some(b)) => {
            a.physical_position == b.physical_position && a.physical_size == b.physical_size
        }
        (None, None) => true,
        _ => false,
    };
    if !same {
        camera.viewport = viewport;
    }
}

/// What `place_camera` changes on A's camera.
type LeftView = (&'static mut Transform, &'static mut Camera);

/// The camera of the window's egui (the panels), for `place_camera`.
type EguiCamera<'w, 's> =
    Query<'w, 's, &'static mut Camera, (With<PrimaryEguiContext>, Without<MapCamera>, Without<LeftCamera>)>;

/// Applies the orbit to both map cameras, fits their viewports into the room the panels left
/// (halves in A | B), and frames the municipality again when that room changes shape.
fn place_camera(
    mut main: Query<(&mut MapCamera, &mut Transform, &mut Camera), Without<LeftCamera>>,
    mut left: Query<LeftView, (With<LeftCamera>, Without<MapCamera>)>,
    mut egui_camera: EguiCamera,
    view: Res<ViewState>,
    window: Single<&Window, With<PrimaryWindow>>,
) {
    let Ok((mut map_camera, mut transform, mut camera)) = main.single_mut() else { return };
    let scale = window.scale_factor();
    let (w, h) = (window.physical_width(), window.physical_height());
    let rects = map_rects(&view);
    if let Some((r, _)) = rects {
        map_camera.refit((r[2] - r[0]) / (r[3] - r[1]).max(1.0));
    }
    let wanted = map_camera.transform();
    if *transform != wanted {
        *transform = wanted;
    }
    show_in(&mut camera, rects.and_then(|(r, _)| viewport(r, scale, w, h)));
    // Without a map, egui's camera clears the picture.
    if let Ok(mut egui_camera) = egui_camera.single_mut() {
        set_clears(&mut egui_camera, !camera.is_active);
    }
    if let Ok((mut left_transform, mut left_camera)) = left.single_mut() {
        show_in(&mut left_camera, rects.and_then(|(_, l)| l).and_then(|r| viewport(r, scale, w, h)));
        // A's map is drawn first and clears the picture; B's must not clear it again.
        set_clears(&mut camera, !left_camera.is_active);
        if *left_transform != wanted {
            *left_transform = wanted;
        }
    }
}

/// Draws the camera into `viewport`, or not at all without one.
fn show_in(camera: &mut Camera, viewport: Option<bevy::camera::Viewport>) {
    if camera.is_active != viewport.is_some() {
        camera.is_active = viewport.is_some();
    }
    set_viewport(camera, viewport);
}

/// Whether the camera clears the picture (to [`ClearColor`]) before it draws.
fn set_clears(camera: &mut Camera, clears: bool) {
    if matches!(camera.clear_color, ClearColorConfig::None) == clears {
        camera.clear_color = if clears { ClearColorConfig::Default } else { ClearColorConfig::None };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_down_camera_has_north_up() {
        let cam = MapCamera { pitch: 0.0, ..MapCamera::default() };
        let t = cam.transform();
        // Looking straight down; the screen's up is world -z (north).
        assert!((t.forward().as_vec3() - Vec3::NEG_Y).length() < 1e-5);
        assert!((t.up().as_vec3() - Vec3::NEG_Z).length() < 1e-5);
    }

    /// The municipality's outline lies inside the picture at home, and fills it along one side,
    /// for map areas from a narrow A | B half to a wide projector strip.
    #[test]
    fn home_frames_the_whole_municipality_in_any_map_shape() {
        for bounds in [[-10.0, -5.0, 10.0, 5.0], [-3.0, -12.0, 4.0, 14.0], [0.0, 0.0, 30.0, 30.0]] {
            for aspect in [0.45, 0.8, 1.0, 1.6, 2.4, 3.5] {
                let mut cam = MapCamera::default();
                cam.fit(bounds, aspect);
                let points: Vec<Vec2> =
                    corners(bounds).iter().map(|c| cam.ndc(*c, aspect).expect("in front")).collect();
                for p in &points {
                    assert!(
                        p.x.abs() <= 1.0 && p.y.abs() <= 1.0,
                        "{bounds:?} at {aspect}: {p} is off the map"
                    );
                }
                let reach = points.iter().map(|p| p.x.abs().max(p.y.abs())).fold(0.0, f32::max);
                assert!(reach > 0.9, "{bounds:?} at {aspect}: fills only {reach} of the map area");
            }
        }
    }

    #[test]
    fn a_new_map_shape_reframes_only_an_unmoved_camera() {
        let mut cam = MapCamera::default();
        cam.fit([-10.0, -5.0, 10.0, 5.0], 1.0);
        let near = cam.distance;
        cam.refit(2.5);
        assert!(cam.distance < near, "a wider area brings the map nearer");
        cam.pan(1.0, 0.0);
        let moved = cam.distance;
        cam.refit(1.0);
        assert_eq!(cam.distance, moved, "a moved camera stays where the user put it");
    }

    #[test]
    fn fit_frames_the_box_and_reset_returns() {
        let mut cam = MapCamera::default();
        cam.fit([-10.0, -5.0, 10.0, 5.0], 16.0 / 9.0);
        let (focus, distance) = (cam.focus, cam.distance);
        cam.pan(3.0, 2.0);
        cam.distance *= 2.0;
        cam.reset();
        assert_eq!((cam.focus, cam.distance), (focus, distance));
        assert!(distance > 10.0);
    }
}
