//! `twin-viewer`: the live municipal twin on a map, for workshops on a big screen.
//!
//! The model lives in `twin-core`; this crate only shows what its [`twin_core::Outcome`] holds.
//! Each feature is a plugin in its own module (`pub fn plugin(app: &mut App)`); egui panels are
//! plain functions over plain data (tested with egui_kittest, no GPU). See ARCHITECTURE.md.

pub mod app;
pub mod automation;
pub mod camera;
pub mod files;
pub mod flat;
pub mod gap;
/// The map's geometry (its own crate, shared with the handout).
pub use twin_geo as geo;
pub mod i18n;
pub mod kiosk;
pub mod map;
pub mod map_picture;
pub mod palette;
pub mod problem;
pub mod projector;
pub mod redraw;
pub mod scenarios;
pub mod sim;
pub mod software;
pub mod ui;
pub mod view;
pub mod workshop;

use bevy::prelude::SystemSet;

/// The order of a frame: input (keys, pointer) → bridge (results in) → derived data (what the
/// map and panels draw, computed once per result) → map. The panels lay out in egui's pass after
/// these, and requests go to the model in `Last`.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrameSet {
    /// Keys and pointer.
    Input,
    /// Results from the model.
    Bridge,
    /// Data derived from results and the view.
    Derived,
    /// The map's meshes and colours.
    Map,
}
