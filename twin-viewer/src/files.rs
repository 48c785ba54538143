//! Files from the window: native dialogs (rfd) and file reading on threads of their own, so the
//! window never freezes. Ctrl+O opens a scenario into the session (a change like any other:
//! Ctrl+Z takes it back), Ctrl+S saves the session now (asking where the first time),
//! Ctrl+Shift+S saves it under a new name, "export" writes the compared variant as a scenario
//! file of its own, "import" adds another session's proposals (another table, another site), and
//! "handout" (Ctrl+H) writes the workshop's handout, data and map picture into a folder. A
//! scenario file is never written over: proposals live in the session. An invalid file shows its
//! error (file, line, column, field) and changes nothing.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use crossbeam::channel::{Receiver, bounded};
use twin_core::session::{Change, ScenarioCopy};

use crate::problem;
use crate::redraw::Waker;
use crate::scenarios;
use crate::sim::Sim;
use crate::view::{Lang, Notice, ViewState};
use crate::workshop::Workshop;

/// What the user asked of files.
#[derive(Message, Debug, Clone, PartialEq)]
pub enum FileRequest {
    /// Choose a scenario to open.
    Open,
    /// Save the session now (choose its file the first time).
    Save,
    /// Choose a new file for the session.
    SaveAs,
    /// Choose where to export the compared variant as a scenario.
    Export,
    /// Open this scenario.
    OpenPath(PathBuf),
    /// Save the session to this file from now on.
    SavePath(PathBuf),
    /// Export the compared variant as a scenario to this file.
    ExportPath(PathBuf),
    /// Choose another session whose proposals to import.
    Import,
    /// Import the proposals of this session file.
    ImportPath(PathBuf),
    /// Choose a folder for the workshop's handout.
    Handout,
    /// Write the handout and its data into this folder.
    HandoutPath(PathBuf),
}

/// A file read and checked off the render thread: a scenario to open or a session to import from.
enum Loaded {
    Scenario(ScenarioCopy),
    Session(Box<twin_core::session::Session>),
}

/// Dialogs and reads in flight.
#[derive(Resource, Default)]
pub struct Files {
    dialog: Option<Receiver<Option<FileRequest>>>,
    loading: Option<(PathBuf, Receiver<Result<Loaded, String>>)>,
    /// A handout being written on a thread: its folder and the answer.
    report: Option<(PathBuf, Receiver<Result<String, String>>)>,
}

impl Files {
    /// Whether a file dialog is open or a file is being read.
    pub fn dialog_open(&self) -> bool {
        self.dialog.is_some() || self.loading.is_some()
    }
}

/// Registers file handling.
pub fn plugin(app: &mut App) {
    app.init_resource::<Files>().init_resource::<Waker>().add_message::<FileRequest>().add_systems(
        Update,
        (shortcuts, poll_dialog, handle_requests, finish_loading, finish_report)
            .chain()
            .in_set(crate::FrameSet::Input),
    );
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
    if keys.just_pressed(KeyCode::KeyE) {
        requests.write(FileRequest::Export);
    }
    if keys.just_pressed(KeyCode::KeyH) {
        requests.write(FileRequest::Handout);
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

/// What a dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dialog {
    OpenScenario,
    SaveSession,
    ExportScenario,
    ImportSession,
    Handout,
}

/// Opens a native dialog on a thread; its answer arrives through a one-slot channel.
fn ask(files: &mut Files, waker: &Waker, dialog: Dialog, suggested: String, lang: crate::view::Lang) {
    if files.dialog.is_some() {
        return;
    }
    let (tx, rx) = bounded(1);
    let waker = waker.clone();
    let spawned = std::thread::Builder::new().name("file-dialog".into()).spawn(move || {
        let filter = match dialog {
            Dialog::SaveSession | Dialog::ImportSession => crate::i18n::t(lang, "files-session-filter"),
            _ => crate::i18n::t(lang, "files-scenario-filter"),
        };
        let chooser = rfd::FileDialog::new().add_filter(filter, &["ron"]).set_title(filter);
        let answer = match dialog {
            Dialog::Handout => rfd::FileDialog::new()
                .set_title(crate::i18n::t(lang, "files-handout-folder"))
                .pick_folder()
                .map(FileRequest::HandoutPath),
            Dialog::OpenScenario => chooser.pick_file().map(FileRequest::OpenPath),
            Dialog::ImportSession => chooser.pick_file().map(FileRequest::ImportPath),
            Dialog::SaveSession => chooser.set_file_name(suggested).save_file().map(FileRequest::SavePath),
            Dialog::ExportScenario => {
                chooser.set_file_name(suggested).save_file().map(FileRequest::ExportPath)
            }
        };
        // The viewer may have closed; then nobody needs the answer.
        let _ = tx.send(answer);
        waker.wake();
    });
    if spawned.is_ok() {
        files.dialog = Some(rx);
    }
}

/// Reads and checks a scenario (or, with `session`, a session) on a thread; [`finish_loading`]
/// takes the answer.
fn load(files: &mut Files, waker: &Waker, path: &Path, session: bool, lang: Lang) {
    let (tx, rx) = bounded(1);
    let (owned, waker) = (path.to_owned(), waker.clone());
    let spawned = std::thread::Builder::new().name("read-file".into()).spawn(move || {
        let loaded = if session {
            twin_core::session::file::load(&owned)
                .map(|s| Loaded::Session(Box::new(s)))
                .map_err(|e| problem::session_error(&e, lang))
        } else {
            scenarios::scenario_copy(Some(&owned))
                .map(Loaded::Scenario)
                .map_err(|e| problem::scenario_error(&e, lang))
        };
        let _ = tx.send(loaded);
        waker.wake();
    });
    if spawned.is_ok() {
        files.loading = Some((path.to_owned(), rx));
    }
}

fn handle_requests(
    mut commands: Commands,
    waker: Res<Waker>,
    mut requests: MessageReader<FileRequest>,
    mut files: ResMut<Files>,
    mut workshop: ResMut<Workshop>,
    sim: Res<Sim>,
    mut view: ResMut<ViewState>,
) {
    for request in requests.read() {
        match request {
            FileRequest::Open => ask(&mut files, &waker, Dialog::OpenScenario, String::new(), view.lang),
            FileRequest::Save if workshop.path.is_some() => {
                workshop.save_in_background();
                let lang = view.lang;
                view.notice = Some(Notice::Info(crate::i18n::t(lang, "files-session-saved").into()));
            }
            FileRequest::Save | FileRequest::SaveAs => {
                ask(&mut files, &waker, Dialog::SaveSession, "verksted.ron".into(), view.lang);
            }
            FileRequest::Export => {
                let name = format!(
                    "{}.ron",
                    twin_core::io::slug(
                        workshop.session.name_of(workshop.session.view.b).unwrap_or("variant")
                    )
                );
                ask(&mut files, &waker, Dialog::ExportScenario, name, view.lang);
            }
            FileRequest::SavePath(path) => {
                // From now on the session saves itself there (on the autosave thread).
                workshop.path = Some(path.clone());
                workshop.save_in_background();
                let file = path.display().to_string();
                let saved =
                    crate::i18n::tr_args(view.lang, "files-session-saved-in", &[("file", file.into())]);
                view.notice = Some(Notice::Info(saved));
            }
            FileRequest::ExportPath(path) => export(path, &workshop, &sim, &mut view),
            FileRequest::OpenPath(path) => load(&mut files, &waker, path, false, view.lang),
            FileRequest::Import => ask(&mut files, &waker, Dialog::ImportSession, String::new(), view.lang),
            FileRequest::ImportPath(path) => load(&mut files, &waker, path, true, view.lang),
            FileRequest::Handout => ask(&mut files, &waker, Dialog::Handout, String::new(), view.lang),
            FileRequest::HandoutPath(path) => {
                report(&mut files, &waker, path, &workshop.session, view.lang);
                crate::map_picture::start(&mut commands, &mut workshop, path.clone());
            }
        }
    }
}

/// Writes the workshop's handout, its data and share code into `dir` on a thread (as
/// `twin report` does); [`finish_report`] says where it went.
fn report(files: &mut Files, waker: &Waker, dir: &Path, session: &twin_core::session::Session, lang: Lang) {
    if files.report.is_some() {
        return;
    }
    let (tx, rx) = bounded(1);
    let (session, owned, waker) = (session.clone(), dir.to_owned(), waker.clone());
    let language = twin_report::Language::from_code(lang.code()).unwrap_or_default();
    let spawned = std::thread::Builder::new().name("handout".into()).spawn(move || {
        let made = twin_report::Workshop::of_session(session).and_then(|workshop| {
            let files = twin_report::files(&workshop, language)?;
            twin_report::write(&owned, &files)?;
            Ok(workshop.share_code)
        });
        let _ = tx.send(made.map_err(|e| e.to_string()));
        waker.wake();
    });
    if spawned.is_ok() {
        files.report = Some((dir.to_owned(), rx));
    }
}

/// Tells where the handout went (and its share code), or why it could not be written.
fn finish_report(mut files: ResMut<Files>, mut view: ResMut<ViewState>) {
    let Some((dir, rx)) = files.report.as_ref() else { return };
    let Ok(made) = rx.try_recv() else { return };
    let file = dir.join("handout.html").display().to_string();
    files.report = None;
    view.notice = Some(match made {
        Ok(code) => Notice::Info(crate::i18n::tr_args(
            view.lang,
            "files-handout-written",
            &[("file", file.into()), ("code", code.into())],
        )),
        Err(e) => Notice::Error(e),
    });
}

/// Opens a scenario that finished loading into the session, as an undoable change.
fn finish_loading(mut files: ResMut<Files>, mut workshop: ResMut<Workshop>, mut view: ResMut<ViewState>) {
    let Some((path, rx)) = files.loading.as_ref() else { return };
    let Ok(loaded) = rx.try_recv() else { return };
    let path = path.clone();
    files.loading = None;
    let lang = view.lang;
    match loaded {
        Ok(Loaded::Session(other)) => {
            let added = other.proposals.len();
            let imported = twin_core::session::compare::import(&workshop.session, &other)
                .map_err(|e| problem::import_error(&e, lang))
                .and_then(|change| workshop.apply(change).map_err(|e| problem::change_error(&e, lang)));
            view.notice = Some(match imported {
                Ok(()) => Notice::Info(crate::i18n::tr_args(
                    lang,
                    "files-imported-from",
                    &[("count", added.into()), ("file", path.display().to_string().into())],
                )),
                Err(e) => Notice::Error(format!("{}: {e}", path.display())),
            });
        }
        Ok(Loaded::Scenario(copy)) => {
            let scenario = copy.scenario().ok();
            let change = Change::SetScenario { from: workshop.session.scenario.clone(), to: copy };
            match workshop.apply(change) {
                Ok(()) => {
                    view.selected = None;
                    view.hovered = None;
                    view.notice = scenario.map(|s| match Notice::opened(&s, &path, lang) {
                        Notice::Info(text) => Notice::Info(crate::i18n::tr_args(
                            lang,
                            "files-with-undo-hint",
                            &[("text", text.into())],
                        )),
                        other => other,
                    });
                }
                Err(e) => view.notice = Some(Notice::Error(problem::change_error(&e, lang))),
            }
        }
        Err(e) => view.notice = Some(Notice::Error(e)),
    }
}

/// Writes the compared variant (B) as a scenario of its own, never over the session's scenario.
fn export(path: &Path, workshop: &Workshop, sim: &Sim, view: &mut ViewState) {
    let source = workshop.session.scenario.file.as_deref().map(Path::new);
    let same = |a: &Path, b: &Path| {
        a == b || std::fs::canonicalize(a).ok().is_some_and(|c| std::fs::canonicalize(b).ok() == Some(c))
    };
    if source.is_some_and(|s| same(s, path)) {
        let file = path.display().to_string();
        let text = crate::i18n::tr_args(view.lang, "files-is-the-scenario-file", &[("file", file.into())]);
        view.notice = Some(Notice::Error(text));
        return;
    }
    let Some(levers) = workshop.session.levers(workshop.session.view.b, &sim.scenario) else { return };
    view.notice = Some(match scenarios::save(path, &sim.scenario, &levers) {
        Ok(()) => Notice::Info(crate::i18n::tr_args(
            view.lang,
            "files-exported-to-file",
            &[("file", path.display().to_string().into())],
        )),
        Err(e) => Notice::Error(e.to_string()),
    });
}
