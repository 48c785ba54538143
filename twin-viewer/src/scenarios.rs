//! Scenario files for the viewer: the default scenario built into the binary, opening a file,
//! and saving the open scenario with the workshop's levers.
//!
//! Invariant: a saved file parses and validates to the same levers the viewer shows (checked
//! before the file is written); the write is atomic, so a failed save leaves the old file whole.

use std::path::Path;

use twin_core::catalogue::Catalogue;
use twin_core::catalogue::levers::{LeverId, Levers};
use twin_core::scenario::raw::RawLeverSetting;
use twin_core::{Scenario, ScenarioError};

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
