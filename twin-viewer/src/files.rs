//! Opening and saving scenarios: native file dialogs (rfd) on their own thread so the window
//! never freezes, Ctrl+O / Ctrl+S / Ctrl+Shift+S, and files named on the command line.
//! An invalid file shows its error (file, line, column, field) and keeps the current scenario.

use std::path::PathBuf;

use bevy::prelude::*;
use crossbeam::channel::{Receiver, bounded};

use crate::scenarios;
use crate::sim::Sim;
use crate::view::{Notice, ViewState};

/// What the user asked of files.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum FileRequest {
    /// Choose a file to open.
    Open,
    /// Save to the current file (or choose one if the scenario is the built-in one).
    Save,
    /// Choose where to save.
    SaveAs,
    /// Open this file.
    OpenPath(PathBuf),
    /// Save to this file.
    SavePath(PathBuf),
}

/// The file the open scenario came from, and a dialog that may be open.
#[derive(Resource, Default)]
pub struct Files {
    /// File of the open scenario (`None` for the built-in one).
    pub path: Option<PathBuf>,
    dialog: Option<Receiver<Option<FileRequest>>>,
}

impl Files {
    /// Whether a file dialog is open.
    pub fn dialog_open(&self) -> bool {
        self.dialog.is_some()
    }
}

/// Registers file handling.
pub fn plugin(app: &mut App) {
    app.init_resource::<Files>()
        .add_message::<FileRequest>()
        .add_systems(Update, (shortcuts, poll_dialog, handle_requests).chain());
}

fn shortcuts(
    keys: Res<ButtonInput<KeyCode>>,
    view: Res<ViewState>,
    mut requests: MessageWriter<FileRequest>,
) {
    let ctrl = keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]);
    let shift = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    if !ctrl || !view.keys_free {
        return;
    }
    if keys.just_pressed(KeyCode::KeyO) {
        requests.write(FileRequest::Open);
    }
    if keys.just_pressed(KeyCode::KeyS) {
        requests.write(if shift { FileRequest::SaveAs } else { FileRequest::Save });
    }
}

fn poll_dialog(mut files: ResMut<Files>, mut requests: MessageWriter<FileRequest>) {
    let Some(rx) = files.dialog.as_ref() else {
        return;
    };
    match rx.try_recv() {
        Ok(answer) => {
            files.dialog = None;
            if let Some(request) = answer {
                requests.write(request);
            }
        }
        Err(crossbeam::channel::TryRecvError::Empty) => {}
        Err(crossbeam::channel::TryRecvError::Disconnected) => files.dialog = None,
    }
}

/// Opens a native dialog on a thread; its answer arrives through a one-slot channel.
fn ask(files: &mut Files, save: bool, suggested: String) {
    if files.dialog.is_some() {
        return;
    }
    let (tx, rx) = bounded(1);
    let spawned = std::thread::Builder::new().name("file-dialog".into()).spawn(move || {
        let dialog = rfd::FileDialog::new().add_filter("Scenario (RON)", &["ron"]);
        let answer = if save {
            dialog.set_file_name(suggested).save_file().map(FileRequest::SavePath)
        } else {
            dialog.pick_file().map(FileRequest::OpenPath)
        };
        // The viewer may have closed; then nobody needs the answer.
        let _ = tx.send(answer);
    });
    if spawned.is_ok() {
        files.dialog = Some(rx);
    }
}

fn handle_requests(
    mut requests: MessageReader<FileRequest>,
    mut files: ResMut<Files>,
    mut sim: ResMut<Sim>,
    mut view: ResMut<ViewState>,
) {
    for request in requests.read() {
        match request {
            FileRequest::Open => ask(&mut files, false, String::new()),
            FileRequest::SaveAs => {
                let name = suggested_name(&files);
                ask(&mut files, true, name);
            }
            FileRequest::Save => match files.path.clone() {
                Some(path) => save(&path, &mut files, &sim, &mut view),
                None => {
                    let name = suggested_name(&files);
                    ask(&mut files, true, name);
                }
            },
            FileRequest::SavePath(path) => save(path, &mut files, &sim, &mut view),
            FileRequest::OpenPath(path) => match scenarios::open(path) {
                Ok(scenario) => {
                    let notice = Notice::opened(&scenario, path, view.lang);
                    let (base, end) = (scenario.base_year, scenario.end_year);
                    sim.open(scenario);
                    files.path = Some(path.clone());
                    view.year = view.year.clamp(base, end);
                    view.selected = None;
                    view.hovered = None;
                    view.notice = Some(notice);
                }
                Err(e) => view.notice = Some(Notice::Error(e.to_string())),
            },
        }
    }
}

fn suggested_name(files: &Files) -> String {
    files
        .path
        .as_ref()
        .and_then(|p| p.file_name())
        .map_or_else(|| "workshop.ron".to_owned(), |n| n.to_string_lossy().into_owned())
}

fn save(path: &std::path::Path, files: &mut Files, sim: &Sim, view: &mut ViewState) {
    match scenarios::save(path, &sim.scenario, &sim.levers) {
        Ok(()) => {
            files.path = Some(path.to_owned());
            view.notice = Some(Notice::Info(format!(
                "{} {}",
                view.lang.pick("Lagret", "Lagra", "Saved"),
                path.display()
            )));
        }
        Err(e) => view.notice = Some(Notice::Error(e.to_string())),
    }
}
