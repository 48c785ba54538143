//! Scenario and session files for the viewer: the default scenario built into the binary,
//! opening a scenario, starting the workshop session (opened, recovered or new), and exporting a
//! variant as a scenario file of its own.
//!
//! Invariant: a saved file parses and validates to the same levers the viewer shows (checked
//! before the file is written); the write is atomic, so a failed save leaves the old file whole.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use twin_core::session::store::{self, Opened};
use twin_core::session::{ScenarioCopy, Session};

use twin_core::catalogue::Catalogue;
use twin_core::catalogue::levers::{LeverId, Levers};
use twin_core::scenario::raw::RawLeverSetting;
use twin_core::{Scenario, ScenarioError};

use crate::view::{Lang, Notice};

/// The file name the built-in scenario is known by.
pub const DEFAULT_NAME: &str = "scenarios/baerum.ron (innebygd)";
/// The built-in scenario: Bærum's baseline, as in `scenarios/baerum.ron`.
pub const DEFAULT_RON: &str = include_str!("../../scenarios/baerum.ron");

/// The built-in scenario.
pub fn default_scenario() -> Result<Scenario, ScenarioError> {
    Scenario::from_str_named(DEFAULT_RON, Path::new(DEFAULT_NAME))
}

/// Opens a scenario file (errors name file, line, column and field).
pub fn open(path: &Path) -> Result<Scenario, ScenarioError> {
    twin_core::scenario::load(path)
}

/// The session to start with and what to tell the facilitator about it.
pub struct Start {
    /// The session.
    pub session: Session,
    /// Its file, if it has one.
    pub path: Option<PathBuf>,
    /// A notice: recovered from an older generation, started afresh, the scenario did not open.
    pub notice: Option<Notice>,
}

/// A session's copy of a scenario file (or of the built-in one when `path` is `None`); errors
/// name the file, line, column and field.
pub fn scenario_copy(path: Option<&Path>) -> Result<ScenarioCopy, ScenarioError> {
    let copy = match path {
        Some(path) => {
            ScenarioCopy::new(Some(path.display().to_string()), twin_core::scenario::read_text(path)?)
        }
        None => ScenarioCopy::new(None, DEFAULT_RON.to_owned()),
    };
    copy.scenario()?;
    Ok(copy)
}

/// The line that says where a damaged session file was kept, if it was.
fn kept_line(kept_as: Option<&Path>, lang: Lang) -> String {
    kept_as
        .map(|k| {
            let said = crate::i18n::t(lang, "scenarios-the-damaged-file-was-kept");
            format!("\n{said}: {}", k.display())
        })
        .unwrap_or_default()
}

/// The session a kiosk shows: `session` read as it is (never recovered, renamed or written: it
/// belongs to the operator's viewer), else a new one on `scenario`, as [`start`] makes it.
pub fn start_read_only(session: Option<&Path>, scenario: Option<&Path>, lang: Lang) -> Start {
    match session.map(twin_core::session::file::load) {
        Some(Ok(session)) => Start { session, path: None, notice: None },
        Some(Err(e)) => {
            let mut start = start(None, scenario, lang);
            start.notice = Some(Notice::Error(crate::problem::session_error(&e, lang)));
            start
        }
        None => start(None, scenario, lang),
    }
}

/// The session to start: `session` opened (or recovered from its newest good generation, or
/// started afresh when none is good, the damaged file kept aside), else a new one on `scenario`
/// (the built-in one if none is given or it does not open). Never fails: every problem becomes
/// the notice.
pub fn start(session: Option<&Path>, scenario: Option<&Path>, lang: Lang) -> Start {
    let fresh = |notice: Option<Notice>| -> (Session, Option<Notice>) {
        let (copy, notice) = match scenario_copy(scenario) {
            Ok(copy) => {
                let warnings = copy.scenario().ok().filter(|s| !s.warnings.is_empty());
                let opened = match (warnings, scenario) {
                    (Some(s), Some(path)) => Some(Notice::opened(&s, path, lang)),
                    _ => None,
                };
                (copy, notice.or(opened))
            }
            Err(e) => {
                let builtin = ScenarioCopy::new(None, DEFAULT_RON.to_owned());
                (
                    builtin,
                    Some(Notice::Error(
                        notice.map_or(String::new(), |n| format!("{}\n", n.text()))
                            + &crate::problem::scenario_error(&e, lang),
                    )),
                )
            }
        };
        (Session::new(crate::i18n::t(lang, "scenarios-workshop"), copy, Timestamp::now()), notice)
    };
    let Some(path) = session else {
        let (session, notice) = fresh(None);
        return Start { session, path: None, notice };
    };
    let (session, notice) = match store::open(path) {
        Opened::Loaded(session) => (session, None),
        Opened::New => fresh(None),
        Opened::Recovered { session, generation, problem, kept_as } => {
            let kept = kept_line(kept_as.as_deref(), lang);
            let file = generation.display().to_string();
            let opened = crate::i18n::tr_args(lang, "scenarios-opened-generation", &[("file", file.into())]);
            let text = format!("{problem}\n{opened}{kept}");
            (session, Some(Notice::Warning(text)))
        }
        Opened::Damaged { problem, kept_as } => {
            let kept = kept_line(kept_as.as_deref(), lang);
            let text =
                format!("{problem}\n{}{kept}", crate::i18n::t(lang, "scenarios-no-good-version-of-the"));
            fresh(Some(Notice::Warning(text)))
        }
    };
    Start { session, path: Some(path.to_owned()), notice }
}

/// The scenario's file text with `levers` as its lever settings. Only levers that differ from
/// "no new policy" are written, each with its full timing.
pub fn to_ron_with(scenario: &Scenario, levers: &Levers) -> String {
    let no_policy = scenario.no_policy_levers();
    let mut raw = scenario.raw.clone();
    raw.levers = LeverId::all()
        .filter(|&id| levers.get(id) != no_policy.get(id))
        .map(|id| {
            let s = levers.get(id);
            RawLeverSetting {
                lever: id.key().to_owned(),
                target: s.target,
                start_year: Some(s.start_year),
                ramp_years: s.ramp_years,
            }
        })
        .collect();
    let header = format!(
        // untranslated: a comment in the file written, for whoever edits it
        "// Saved by twin-viewer from \"{}\". Edit freely; `twin run` and the viewer read it.\n",
        scenario.name
    );
    header + &twin_core::scenario::to_ron(&raw)
}

/// Why saving failed.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The text written would not read back (a bug: nothing was written).
    #[error("the saved scenario would not read back, nothing was written: {0}")]
    Invalid(#[from] ScenarioError),
    /// The file system refused.
    #[error("cannot write {file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// Why.
        source: std::io::Error,
    },
}

/// Saves the scenario with `levers` to `path`, atomically, after checking it reads back.
pub fn save(path: &Path, scenario: &Scenario, levers: &Levers) -> Result<(), SaveError> {
    let text = to_ron_with(scenario, levers);
    let back = Scenario::from_str_named(&text, path)?;
    debug_assert_eq!(back.levers, *levers);
    twin_core::io::write_atomic(path, text.as_bytes())
        .map_err(|source| SaveError::Io { file: path.display().to_string(), source })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_levers_read_back_and_the_old_file_survives_a_failed_save() {
        let scenario = default_scenario().expect("built in");
        let mut levers = scenario.levers;
        levers.set_target(LeverId::HeatPumpProgramme, 0.6).expect("range");
        levers.set_target(LeverId::SortingCampaign, 0.5).expect("range");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("workshop.ron");
        save(&path, &scenario, &levers).expect("saves");
        let back = open(&path).expect("reads back");
        assert_eq!(back.levers, levers);
        assert_eq!(back.districts, scenario.districts);
        // A directory cannot be written as a file: the error names it and nothing is lost.
        let err = save(dir.path(), &scenario, &levers).expect_err("not a file");
        assert!(err.to_string().contains(&dir.path().display().to_string()), "{err}");
        assert_eq!(open(&path).expect("still there").levers, levers);
    }
}
