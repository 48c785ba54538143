//! The handout's map picture (`map.png`): what only the viewer can add to the files `twin report`
//! makes. When the facilitator writes a handout, the map shows the variant the handout leads with
//! (the room's package), waits until its result is drawn, captures the map's part of the window
//! and writes it beside `handout.html`, then puts back the variant that was shown.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use bevy::window::RequestRedraw;
use twin_core::session::Variant;

use crate::camera::{LeftCamera, MapCamera};
use crate::sim::Sim;
use crate::view::{Notice, ViewState};
use crate::workshop::{Side, Workshop};

/// Frames drawn with the lead variant's result before the capture (the map recolours a frame
/// after the result arrives, and the renderer is a frame behind).
const SETTLE_FRAMES: u32 = 3;
/// How long to wait at most for the map and its result before giving up.
const TIME_LIMIT: std::time::Duration = std::time::Duration::from_secs(30);

/// A map picture to take.
#[derive(Resource, Debug)]
pub struct MapPicture {
    /// Where it goes (`map.png` in the handout's folder).
    pub out: PathBuf,
    /// The variant shown on B before, to put back.
    restore: Variant,
    started: std::time::Instant,
    settled: u32,
    requested: bool,
}

/// Registers the picture's system.
pub fn plugin(app: &mut App) {
    app.add_systems(Update, take.run_if(resource_exists::<MapPicture>).after(crate::FrameSet::Map));
}

/// Starts a map picture for a handout written into `dir`: the lead variant goes on the map now.
pub fn start(commands: &mut Commands, workshop: &mut Workshop, dir: PathBuf) {
    let restore = workshop.session.view.b;
    workshop.show(Side::B, twin_report::lead_of(&workshop.session));
    commands.insert_resource(MapPicture {
        out: dir.join("map.png"),
        restore,
        started: std::time::Instant::now(),
        settled: 0,
        requested: false,
    });
}

fn take(
    mut commands: Commands,
    mut picture: ResMut<MapPicture>,
    sim: Res<Sim>,
    camera: Query<&Camera, (With<MapCamera>, Without<LeftCamera>)>,
    mut workshop: ResMut<Workshop>,
    mut view: ResMut<ViewState>,
    mut redraw: MessageWriter<RequestRedraw>,
) {
    // The window draws only when something changes: keep it drawing until the picture is taken.
    redraw.write(RequestRedraw);
    if picture.requested {
        return;
    }
    let viewport = camera.iter().find_map(|c| c.viewport.clone());
    let ready = sim.all_up_to_date() && viewport.is_some();
    picture.settled = if ready { picture.settled + 1 } else { 0 };
    if picture.started.elapsed() > TIME_LIMIT {
        // No map on screen (a panel-only view) or no result: say so, and put the view back.
        workshop.show(Side::B, picture.restore);
        view.notice = Some(Notice::Error(crate::i18n::t(view.lang, "files-no-map-picture").into()));
        commands.remove_resource::<MapPicture>();
        return;
    }
    let Some(viewport) = viewport.filter(|_| picture.settled >= SETTLE_FRAMES) else { return };
    picture.requested = true;
    let (out, restore) = (picture.out.clone(), picture.restore);
    let crop = (viewport.physical_position, viewport.physical_size);
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>,
              mut commands: Commands,
              mut workshop: ResMut<Workshop>,
              mut view: ResMut<ViewState>,
              mut redraw: MessageWriter<RequestRedraw>| {
            if let Err(e) = crate::automation::save_png(&captured.image, &out, Some(crop)) {
                view.notice = Some(Notice::Error(format!("{}: {e}", out.display())));
            }
            workshop.show(Side::B, restore);
            commands.remove_resource::<MapPicture>();
            redraw.write(RequestRedraw);
        },
    );
}
