//! The map camera: a perspective camera orbiting a focus point on the map, drawn into the room
//! the panels leave. Mouse: left-drag pans, right-drag turns and tilts, the wheel zooms. Keys:
//! arrows or WASD pan, Q/E turn, R/F tilt, +/- zoom, Home returns to the whole municipality.

use bevy::core_pipeline::tonemapping::Tonemapping;
use bevy::input::mouse::{AccumulatedMouseMotion, AccumulatedMouseScroll, MouseScrollUnit};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use crate::view::ViewState;

/// Vertical field of view, radians.
const FOV: f32 = 0.7;
/// Steepest tilt from straight down, radians.
const MAX_PITCH: f32 = 1.25;

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
    drag_px: f32,
    dragging: bool,
}

impl Default for MapCamera {
    fn default() -> Self {
        MapCamera {
            focus: Vec3::ZERO,
            distance: 30.0,
            yaw: 0.0,
            pitch: 0.6,
            home: (Vec3::ZERO, 30.0),
            drag_px: 0.0,
            dragging: false,
        }
    }
}

impl MapCamera {
    /// Frames a bounding box `[min_x, min_y, max_x, max_y]` (km, y north).
    pub fn fit(&mut self, bounds: [f64; 4]) {
        let centre =
            Vec3::new(((bounds[0] + bounds[2]) / 2.0) as f32, 0.0, (-(bounds[1] + bounds[3]) / 2.0) as f32);
        let extent = ((bounds[2] - bounds[0]).max(bounds[3] - bounds[1]) as f32).max(1.0);
        let distance = extent * 0.62 / (FOV / 2.0).tan();
        self.home = (centre, distance);
        self.reset();
    }

    /// Back to the framing of the whole municipality.
    pub fn reset(&mut self) {
        (self.focus, self.distance) = self.home;
        self.yaw = 0.0;
        self.pitch = 0.6;
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
    app.add_systems(Startup, spawn_camera)
        .add_systems(Update, (steer, place_camera).chain().before(crate::map::hover_and_select));
    app.add_systems(Update, crate::map::hover_and_select);
}

fn spawn_camera(mut commands: Commands) {
    let map_camera = MapCamera::default();
    commands.spawn((
        Camera3d::default(),
        Projection::from(PerspectiveProjection { fov: FOV, near: 0.05, far: 2000.0, ..default() }),
        Tonemapping::None,
        map_camera.transform(),
        map_camera,
    ));
}

#[allow(clippy::too_many_arguments, reason = "a bevy system receives each resource it reads as a parameter")]
fn steer(
    mut camera: Single<&mut MapCamera>,
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
    if any(&[KeyCode::ArrowLeft, KeyCode::KeyA]) {
        right -= step;
    }
    if any(&[KeyCode::ArrowRight, KeyCode::KeyD]) {
        right += step;
    }
    if any(&[KeyCode::ArrowUp, KeyCode::KeyW]) {
        forward += step;
    }
    if any(&[KeyCode::ArrowDown, KeyCode::KeyS]) {
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

/// Applies the orbit to the transform and fits the viewport into the room the panels left.
fn place_camera(
    camera: Single<(&MapCamera, &mut Transform, &mut Camera)>,
    view: Res<ViewState>,
    window: Single<&Window, With<PrimaryWindow>>,
) {
    let (map_camera, mut transform, mut camera) = camera.into_inner();
    let wanted = map_camera.transform();
    if *transform != wanted {
        *transform = wanted;
    }
    let scale = window.scale_factor();
    let (w, h) = (window.physical_width(), window.physical_height());
    let viewport = view.map_rect.and_then(|r| {
        let x = ((r[0] * scale).max(0.0) as u32).min(w.saturating_sub(1));
        let y = ((r[1] * scale).max(0.0) as u32).min(h.saturating_sub(1));
        let width = (((r[2] - r[0]) * scale) as u32).clamp(1, w - x);
        let height = (((r[3] - r[1]) * scale) as u32).clamp(1, h - y);
        (w > 1 && h > 1).then(|| bevy::camera::Viewport {
            physical_position: UVec2::new(x, y),
            physical_size: UVec2::new(width, height),
            ..default()
        })
    });
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

    #[test]
    fn fit_frames_the_box_and_reset_returns() {
        let mut cam = MapCamera::default();
        cam.fit([-10.0, -5.0, 10.0, 5.0]);
        let (focus, distance) = (cam.focus, cam.distance);
        cam.pan(3.0, 2.0);
        cam.distance *= 2.0;
        cam.reset();
        assert_eq!((cam.focus, cam.distance), (focus, distance));
        assert!(distance > 10.0);
    }
}
