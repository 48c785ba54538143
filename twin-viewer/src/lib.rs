//! `twin-viewer`: the live municipal twin on a map, for workshops on a big screen.
//!
//! The model lives in `twin-core`; this crate only shows what its [`twin_core::Outcome`] holds.
//! Each feature is a plugin in its own module (`pub fn plugin(app: &mut App)`); egui panels are
//! plain functions over plain data (tested with egui_kittest, no GPU). See ARCHITECTURE.md.

pub mod app;
pub mod automation;
pub mod camera;
pub mod files;
pub mod geo;
pub mod map;
pub mod palette;
pub mod scenarios;
pub mod sim;
pub mod ui;
pub mod view;
