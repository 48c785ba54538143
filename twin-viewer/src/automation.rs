//! Automation: `--screenshot OUT.png` renders the window once every variant's result and the
//! map are on screen and `--frames` more frames have passed, saves the picture atomically and exits 0
//! (1 if the picture could not be taken or saved, or nothing came within the time limit).
//! `--measure N` drags a lever for N frames (a new position every few frames) and prints frame
//! times, recompute times and how many frames each move took to reach the screen.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use crate::sim::Sim;
use crate::workshop::Workshop;

/// Give up if no picture was saved this long after start.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// A screenshot to take, and how far along it is.
#[derive(Resource, Debug, Clone)]
pub struct ScreenshotJob {
    /// Where to save the PNG.
    pub out: PathBuf,
    /// Frames to render after the first result is on screen.
    pub frames: u32,
    frames_seen: u32,
    requested: bool,
    attempts: u32,
    started: Instant,
}

impl ScreenshotJob {
    /// A job saving to `out` after `frames` frames.
    pub fn new(out: PathBuf, frames: u32) -> ScreenshotJob {
        ScreenshotJob { out, frames, frames_seen: 0, requested: false, attempts: 0, started: Instant::now() }
    }
}

/// A measurement run: frames to measure and what was seen.
#[derive(Resource, Debug, Clone, Default)]
pub struct Measure {
    /// Frames to measure.
    pub frames: u32,
    frame: u32,
    frame_ms: Vec<f64>,
    compute_ms: Vec<f64>,
    lag_frames: Vec<u32>,
    moved_at: Option<u32>,
    first_frame: Option<Duration>,
    started: Option<Instant>,
}

impl Measure {
    /// A measurement of `frames` frames.
    pub fn new(frames: u32) -> Measure {
        Measure { frames, started: Some(Instant::now()), ..Measure::default() }
    }
}

/// Frames between lever moves while measuring.
const MOVE_EVERY: u32 = 4;

/// Registers the automation systems (each active only when its resource is inserted).
pub fn plugin(app: &mut App) {
    app.add_systems(Update, take_screenshot.run_if(resource_exists::<ScreenshotJob>))
        .add_systems(Update, measure.run_if(resource_exists::<Measure>));
}

#[allow(clippy::too_many_arguments, reason = "a bevy system receives each resource it reads as a parameter")]
fn measure(
    time: Res<Time<Real>>,
    passes: Option<Res<bevy::diagnostic::DiagnosticsStore>>,
    sim: Res<Sim>,
    mut workshop: ResMut<Workshop>,
    view: Res<crate::view::ViewState>,
    mut m: ResMut<Measure>,
    mut exit: MessageWriter<AppExit>,
) {
    let shown = workshop.session.view.b;
    let Some(result) = sim.result(shown) else { return };
    if m.first_frame.is_none() {
        // The first frame that draws the model's numbers.
        m.first_frame = m.started.map(|s| s.elapsed());
    }
    m.frame += 1;
    let frame = m.frame;
    m.frame_ms.push(f64::from(time.delta_secs()) * 1000.0);
    if let Some(moved) = m.moved_at
        && sim.up_to_date(shown)
    {
        m.lag_frames.push(frame - moved);
        m.compute_ms.push(result.compute.as_secs_f64() * 1000.0);
        m.moved_at = None;
    }
    if frame.is_multiple_of(MOVE_EVERY) && m.moved_at.is_none() {
        let id = twin_core::catalogue::levers::LeverId::HeatPumpProgramme;
        let target = f64::from((frame / MOVE_EVERY) % 20) / 20.0;
        let scenario = std::sync::Arc::clone(&sim.scenario);
        if workshop.set_targets(&[(id, target)], &scenario, view.lang).is_ok() {
            m.moved_at = Some(frame);
        }
    }
    if frame >= m.frames {
        let stats = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            let at = |q: f64| {
                v.get(((v.len().max(1) - 1) as f64 * q).round() as usize).copied().unwrap_or(f64::NAN)
            };
            format!("median {:.2}, p95 {:.2}, max {:.2}", at(0.5), at(0.95), at(1.0))
        };
        let mut frame_ms = m.frame_ms[1..].to_vec();
        let mut compute_ms = m.compute_ms.clone();
        let mut lags: Vec<f64> = m.lag_frames.iter().map(|&l| f64::from(l)).collect();
        println!(
            "start to first frame with results: {:.2} s",
            m.first_frame.map_or(f64::NAN, |d| d.as_secs_f64())
        );
        println!("frames measured: {}", frame_ms.len());
        println!("frame time, ms: {}", stats(&mut frame_ms));
        println!("lever moves: {}", lags.len());
        println!("recompute on the worker, ms: {}", stats(&mut compute_ms));
        println!("frames from lever move to result on screen: {}", stats(&mut lags));
        if let Some(passes) = passes {
            print!("{}", render_passes(&passes));
        }
        exit.write(AppExit::Success);
    }
}

/// Each render pass's means over the frames bevy kept (the last 20 by default): time on the CPU
/// while the pass was recorded and on the device while it ran, and, where the driver counts
/// them (Mesa's llvmpipe does), shader invocations and primitives.
fn render_passes(store: &bevy::diagnostic::DiagnosticsStore) -> String {
    let mut lines: Vec<String> = store
        .iter()
        .filter(|d| d.path().as_str().starts_with("render/"))
        .filter_map(|d| Some(format!("  {}: {:.2} {}\n", d.path().as_str(), d.average()?, d.suffix)))
        .collect();
    lines.sort();
    format!("render passes, means of the last frames:\n{}", lines.concat())
}

fn take_screenshot(
    mut commands: Commands,
    sim: Res<Sim>,
    map: Res<crate::map::MapState>,
    mut job: ResMut<ScreenshotJob>,
    mut exit: MessageWriter<AppExit>,
) {
    if job.started.elapsed() > TIME_LIMIT {
        error!("no screenshot after {} s; giving up", TIME_LIMIT.as_secs());
        exit.write(AppExit::error());
        return;
    }
    // The picture waits for every result and for the map (made on a thread), or its error.
    let map_ready = map.geometry.is_some() || map.error.is_some();
    if job.requested || !sim.all_up_to_date() || !map_ready {
        return;
    }
    job.frames_seen += 1;
    if job.frames_seen < job.frames.max(1) {
        return;
    }
    job.requested = true;
    job.attempts += 1;
    let out = job.out.clone();
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>,
              mut job: ResMut<ScreenshotJob>,
              mut exit: MessageWriter<AppExit>| {
            // A frame caught while the window's surface was being set up comes back as one flat
            // colour; render some more frames and take it again.
            if is_uniform(&captured.image) && job.attempts < MAX_ATTEMPTS {
                warn!("screenshot {} came back blank; retrying", job.attempts);
                job.requested = false;
                job.frames_seen = 0;
                return;
            }
            match save_png(&captured.image, &out, None) {
                Ok(()) => {
                    info!("saved {}", out.display());
                    exit.write(AppExit::Success);
                }
                Err(e) => {
                    error!("cannot save {}: {e}", out.display());
                    exit.write(AppExit::error());
                }
            }
        },
    );
}

/// Screenshots to try before saving whatever the last one showed.
const MAX_ATTEMPTS: u32 = 5;

/// Whether every pixel of an image has the same value.
fn is_uniform(image: &Image) -> bool {
    match image.data.as_deref() {
        Some(bytes) if bytes.len() >= 4 => bytes.chunks_exact(4).all(|px| px == &bytes[..4]),
        _ => true,
    }
}

/// Writes an image, or the part `crop` (physical position and size) of it, as PNG through a
/// temporary file in the same folder (made if missing), then renames it.
pub fn save_png(image: &Image, out: &std::path::Path, crop: Option<(UVec2, UVec2)>) -> anyhow::Result<()> {
    let mut picture = image.clone().try_into_dynamic()?;
    if let Some((at, size)) = crop {
        picture = picture.crop_imm(at.x, at.y, size.x, size.y);
    }
    let mut bytes = Vec::new();
    picture.to_rgb8().write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)?;
    if let Some(folder) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)?;
    }
    twin_core::io::write_atomic(out, &bytes)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use bevy::asset::RenderAssetUsages;
    use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};

    fn image(pixels: &[u8]) -> Image {
        let size = Extent3d { width: (pixels.len() / 4) as u32, height: 1, depth_or_array_layers: 1 };
        Image::new(
            size,
            TextureDimension::D2,
            pixels.to_vec(),
            TextureFormat::Rgba8UnormSrgb,
            RenderAssetUsages::default(),
        )
    }

    #[test]
    fn a_flat_picture_is_blank_and_a_real_one_is_not() {
        assert!(is_uniform(&image(&[9, 9, 9, 255, 9, 9, 9, 255])));
        assert!(!is_uniform(&image(&[9, 9, 9, 255, 9, 10, 9, 255])));
    }
}
