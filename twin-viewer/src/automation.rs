//! Automation: `--screenshot OUT.png` renders the window once the model's first result is on
//! screen and `--frames` more frames have passed, saves the picture atomically and exits 0
//! (1 if the picture could not be taken or saved, or nothing came within the time limit).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};

use crate::sim::Sim;

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
    started: Instant,
}

impl ScreenshotJob {
    /// A job saving to `out` after `frames` frames.
    pub fn new(out: PathBuf, frames: u32) -> ScreenshotJob {
        ScreenshotJob { out, frames, frames_seen: 0, requested: false, started: Instant::now() }
    }
}

/// Registers the job's system (active only when a [`ScreenshotJob`] is inserted).
pub fn plugin(app: &mut App) {
    app.add_systems(Update, take_screenshot.run_if(resource_exists::<ScreenshotJob>));
}

fn take_screenshot(
    mut commands: Commands,
    sim: Res<Sim>,
    mut job: ResMut<ScreenshotJob>,
    mut exit: MessageWriter<AppExit>,
) {
    if job.started.elapsed() > TIME_LIMIT {
        error!("no screenshot after {} s; giving up", TIME_LIMIT.as_secs());
        exit.write(AppExit::error());
        return;
    }
    if job.requested || !sim.up_to_date() {
        return;
    }
    job.frames_seen += 1;
    if job.frames_seen < job.frames.max(1) {
        return;
    }
    job.requested = true;
    let out = job.out.clone();
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| match save_png(
            &captured.image,
            &out,
        ) {
            Ok(()) => {
                info!("saved {}", out.display());
                exit.write(AppExit::Success);
            }
            Err(e) => {
                error!("cannot save {}: {e}", out.display());
                exit.write(AppExit::error());
            }
        },
    );
}

/// Writes an image as PNG through a temporary file in the same folder, then renames it.
fn save_png(image: &Image, out: &std::path::Path) -> anyhow::Result<()> {
    let rgb = image.clone().try_into_dynamic()?.to_rgb8();
    let mut bytes = Vec::new();
    rgb.write_to(&mut std::io::Cursor::new(&mut bytes), image::ImageFormat::Png)?;
    twin_core::output::write_atomic(out, &bytes)?;
    Ok(())
}
