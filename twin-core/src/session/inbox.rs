//! The inbox: pins from kiosks and stations, one small file each in a folder beside the session
//! file (`workshop.ron` → `workshop.inbox/`). A kiosk never writes the session itself: it drops a
//! [`PinDraft`] there atomically (a reader sees a whole file or none); the operator's viewer takes
//! each into the session's moderation queue and removes the file only once a save holds the pin,
//! so a crash on either side loses nothing and takes nothing twice.

use std::path::{Path, PathBuf};

use super::room::PinDraft;
use crate::io::write_atomic;

/// Largest inbox file read, bytes (a pin's story is at most a few kilobytes).
pub const MAX_DELIVERY_BYTES: u64 = 64 * 1024;

/// The inbox folder of a session file.
pub fn dir(session_file: &Path) -> PathBuf {
    session_file.with_extension("inbox")
}

/// Drops a pin into the inbox (creating the folder), its story cleaned ([`PinDraft::cleaned`]);
/// returns the file written.
pub fn send(inbox: &Path, draft: &PinDraft) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(inbox)?;
    let draft = draft.clone().cleaned();
    let text = ron::ser::to_string_pretty(&draft, ron::ser::PrettyConfig::new().struct_names(true))
        .map_err(std::io::Error::other)?;
    let stamp = draft.at.as_nanosecond();
    let path = inbox.join(format!("pin-{stamp}-{}.ron", std::process::id()));
    write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// One file found in the inbox: the pin it holds, or why it holds none.
#[derive(Debug)]
pub struct Delivery {
    /// The file.
    pub path: PathBuf,
    /// The pin, or what is wrong with the file (with its line and column).
    pub draft: Result<PinDraft, String>,
}

/// Every delivery waiting in the inbox, oldest name first (none if there is no inbox).
pub fn read(inbox: &Path) -> Vec<Delivery> {
    let Ok(entries) = std::fs::read_dir(inbox) else { return Vec::new() };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths.into_iter().map(|path| Delivery { draft: open(&path), path }).collect()
}

fn open(path: &Path) -> Result<PinDraft, String> {
    let text = crate::scenario::read_text_limited(path, MAX_DELIVERY_BYTES).map_err(|e| e.to_string())?;
    let draft: PinDraft = crate::scenario::parse::parse(&text, path).map_err(|e| e.to_string())?;
    let draft = draft.cleaned();
    match draft.problem() {
        Some(problem) => Err(format!("{}: {problem}", path.display())),
        None => Ok(draft),
    }
}

/// Removes a delivery once the session holding its pin is saved.
pub fn done(delivery: &Path) -> std::io::Result<()> {
    std::fs::remove_file(delivery)
}

/// Sets a bad delivery aside (`….ron.rejected`), so it is read once and kept for a person to see.
pub fn reject(delivery: &Path) -> std::io::Result<PathBuf> {
    let kept = delivery.with_extension("ron.rejected");
    std::fs::rename(delivery, &kept)?;
    Ok(kept)
}
