//! Keeping a session safe on disk. Every save is atomic (temporary file, fsync, rename, fsync of
//! the folder) and keeps the previous saves beside it as generations (`FILE.1` the newest …
//! `FILE.5`). Opening falls back to the newest good generation when the file is cut off, corrupt
//! or missing; when no generation is good it moves the damaged file aside and says to start
//! afresh. It never refuses to start. [`Autosave`] is the clock that says when to save.
//!
//! Invariant: a save that fails leaves the file and every generation as they were; a crash at
//! any moment leaves either the new save or the previous one openable.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::Session;
use super::file::{SessionError, load, to_ron};

/// Previous saves kept beside the session file.
pub const GENERATIONS: u32 = 5;
/// A change is saved once it is this old (so a drag saves a few times a second, not per frame).
pub const SAVE_AFTER: Duration = Duration::from_millis(500);
/// Saved at least this often, change or not (the view moves without journal entries).
pub const SAVE_EVERY: Duration = Duration::from_secs(30);

/// The path of generation `n` (1 = the save before the current one).
pub fn generation_path(path: &Path, n: u32) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{n}"));
    PathBuf::from(name)
}

/// Saves a session atomically, keeping the previous saves as generations. Writes nothing when
/// the file already holds exactly this session. The file is never missing, not even for a
/// moment: a reader (or a crash) sees the previous save or the new one.
pub fn save(path: &Path, session: &Session) -> std::io::Result<()> {
    let text = to_ron(session);
    if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
        return Ok(());
    }
    keep_generations(path)?;
    crate::io::write_atomic(path, text.as_bytes())
}

/// Moves `FILE.4` to `FILE.5`, …, `FILE.1` to `FILE.2` (each an atomic rename; the oldest drops
/// off) and keeps `FILE`'s content as `FILE.1`: a second name for the same file where the file
/// system allows it, else a copy. `FILE` stays in place until the new save replaces it.
/// Without a `FILE` (set aside as damaged, or deleted) the generations stay where they are, so
/// `FILE.1` remains the newest good save and none drops off for nothing.
fn keep_generations(path: &Path) -> std::io::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    for n in (1..GENERATIONS).rev() {
        let from = generation_path(path, n);
        if from.exists() {
            std::fs::rename(&from, generation_path(path, n + 1))?;
        }
    }
    let first = generation_path(path, 1);
    if std::fs::hard_link(path, &first).is_err() {
        // FAT and exFAT (a USB stick) have no hard links.
        std::fs::copy(path, &first)?;
    }
    Ok(())
}

/// What opening a session file found.
#[derive(Debug)]
pub enum Opened {
    /// The file opened as saved.
    Loaded(Session),
    /// The file was damaged or missing; its newest good generation opened instead.
    Recovered {
        /// The session of that generation.
        session: Session,
        /// Which generation.
        generation: PathBuf,
        /// What was wrong with the file.
        problem: String,
        /// Where the damaged file was moved (`None` if it was missing or could not be moved).
        kept_as: Option<PathBuf>,
    },
    /// Neither the file nor any generation opened: start afresh.
    Damaged {
        /// What was wrong with the file.
        problem: String,
        /// Where the damaged file was moved (`None` if it could not be moved).
        kept_as: Option<PathBuf>,
    },
    /// There is no such session yet: start a new one there.
    New,
}

/// Opens the session at `path`, falling back to older generations; never fails.
pub fn open(path: &Path) -> Opened {
    let any_generation = (1..=GENERATIONS).any(|n| generation_path(path, n).exists());
    let problem = match load(path) {
        Ok(session) => return Opened::Loaded(session),
        Err(SessionError::File(crate::ScenarioError::Io { source, .. }))
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            if !any_generation {
                return Opened::New;
            }
            None
        }
        Err(e) => Some(e.to_string()),
    };
    let kept_as = problem.as_ref().and_then(|_| set_aside(path));
    let problem = problem.unwrap_or_else(|| format!("{} is missing", path.display()));
    for n in 1..=GENERATIONS {
        let generation = generation_path(path, n);
        if let Ok(session) = load(&generation) {
            return Opened::Recovered { session, generation, problem, kept_as };
        }
    }
    Opened::Damaged { problem, kept_as }
}

/// Moves a damaged file out of the way (`FILE.damaged-<unix seconds>`) so it is kept, not
/// overwritten or rotated away. Returns where it went.
fn set_aside(path: &Path) -> Option<PathBuf> {
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".damaged-{stamp}"));
    let aside = PathBuf::from(name);
    std::fs::rename(path, &aside).ok().map(|()| aside)
}

/// When to save: [`SAVE_AFTER`] after the first unsaved change, and every [`SAVE_EVERY`].
#[derive(Debug, Clone, Copy)]
pub struct Autosave {
    unsaved_since: Option<Instant>,
    last_save: Instant,
}

impl Autosave {
    /// A clock whose last save was `now`.
    pub fn new(now: Instant) -> Autosave {
        Autosave { unsaved_since: None, last_save: now }
    }

    /// Notes a change at `now`.
    pub fn changed(&mut self, now: Instant) {
        self.unsaved_since.get_or_insert(now);
    }

    /// Whether a save is due at `now`.
    pub fn due(&self, now: Instant) -> bool {
        self.unsaved_since.is_some_and(|t| now.duration_since(t) >= SAVE_AFTER)
            || now.duration_since(self.last_save) >= SAVE_EVERY
    }

    /// Whether a change is not saved yet.
    pub fn unsaved(&self) -> bool {
        self.unsaved_since.is_some()
    }

    /// Notes that everything up to `now` was handed to a save.
    pub fn saved(&mut self, now: Instant) {
        self.unsaved_since = None;
        self.last_save = now;
    }
}
