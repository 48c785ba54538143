//! Session files: reading (a size limit, UTF-8, RON with file:line:column:field errors as for a
//! scenario), the format version and its migrations, checking what the types cannot (ids,
//! ranges, references between parts, the scenario copy and its hash), and writing.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{FORMAT_VERSION, MAX_PROPOSALS, Session, hash_hex};
use crate::catalogue::Catalogue;
use crate::catalogue::levers::Levers;
use crate::scenario::locate::locate;
use crate::scenario::parse::parse;
use crate::scenario::{Finding, Issue, ScenarioError, read_text_limited};

/// Largest session file accepted, bytes (a day of journal is well under 1 MiB).
pub const MAX_SESSION_BYTES: u64 = 64 * 1024 * 1024;

/// Why a session file could not be opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// Unreadable, too large, not UTF-8, bad RON or invalid values (each names file, line,
    /// column and field where it can).
    #[error(transparent)]
    File(#[from] ScenarioError),
    /// The session's copy of its scenario does not validate.
    #[error("{file}: the scenario kept in the session does not open:\n{source}")]
    Scenario {
        /// The session file.
        file: PathBuf,
        /// Why the scenario does not open.
        source: Box<ScenarioError>,
    },
}

/// Just the version, read before the rest so that a newer or older file gets a clear answer.
#[derive(Deserialize)]
#[serde(rename = "Session")]
struct Header {
    format_version: u32,
}

/// Reads and checks a session file.
pub fn load(path: &Path) -> Result<Session, SessionError> {
    let text = read_text_limited(path, MAX_SESSION_BYTES)?;
    from_str_named(&text, path)
}

/// Parses and checks session text; `file` names it in errors.
pub fn from_str_named(text: &str, file: &Path) -> Result<Session, SessionError> {
    let header: Header = parse(text, file)?;
    let text = migrate(header.format_version, text, file)?;
    let mut session: Session = parse(&text, file)?;
    session.format_version = FORMAT_VERSION;
    let issues = check(&session, &text);
    if !issues.is_empty() {
        return Err(ScenarioError::Invalid { file: file.to_owned(), issues, warnings: Vec::new() }.into());
    }
    session
        .scenario
        .scenario()
        .map_err(|source| SessionError::Scenario { file: file.to_owned(), source: Box::new(source) })?;
    Ok(session)
}

/// Brings the text of an older format up to [`FORMAT_VERSION`], one step per version, and refuses
/// formats this build does not know. The version number itself is brought up to date after parsing.
///
/// - 1 → 2: format 2 adds the room (agenda, pins, votes, parking lot, process check); a file of
///   format 1 has none, which reads as an empty room, so its text needs no change.
/// - 2 → 3: format 3 adds the room's promise (influence level, next steps); a file of format 2
///   has none, which reads as the default (consult, no steps listed), so its text needs no change.
fn migrate<'t>(version: u32, text: &'t str, file: &Path) -> Result<std::borrow::Cow<'t, str>, SessionError> {
    match version {
        1 | 2 | FORMAT_VERSION => Ok(text.into()),
        newer if newer > FORMAT_VERSION => Err(version_issue(
            text,
            file,
            format!(
                "format {newer} was written by a newer twin; this one reads formats up to \
                 {FORMAT_VERSION} (update twin, or open the file there)"
            ),
        )),
        older => {
            Err(version_issue(text, file, format!("there is no session format {older}; formats start at 1")))
        }
    }
}

fn version_issue(text: &str, file: &Path, message: String) -> SessionError {
    let path = "format_version".to_owned();
    let issue = Issue { position: locate(text, &path), path, message, finding: Finding::Other };
    ScenarioError::Invalid { file: file.to_owned(), issues: vec![issue], warnings: Vec::new() }.into()
}

/// The session as pretty RON (what [`from_str_named`] reads back).
pub fn to_ron(session: &Session) -> String {
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let body = ron::ser::to_string_pretty(session, config)
        .unwrap_or_else(|e| format!("// serialisation failed: {e}"));
    format!("// Workshop session of the municipal twin (twin-viewer --session, twin session).\n{body}\n")
}

/// Every problem the types let through, each with the field's path and position.
fn check(session: &Session, text: &str) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut issue = |path: String, message: String| {
        issues.push(Issue { position: locate(text, &path), path, message, finding: Finding::Other });
    };
    if hash_hex(&session.scenario.text) != session.scenario.blake3 {
        issue(
            "scenario.blake3".into(),
            format!(
                "does not match the scenario text kept in the session (its hash is {}); the text was \
                 edited by hand or the file is damaged",
                hash_hex(&session.scenario.text)
            ),
        );
    }
    if session.proposals.len() > MAX_PROPOSALS {
        issue(
            "proposals".into(),
            format!("{} proposals; a session holds at most {MAX_PROPOSALS}", session.proposals.len()),
        );
    }
    check_ids(session, &mut issue);
    for (i, p) in session.proposals.iter().enumerate() {
        if p.details.name.trim().is_empty() {
            issue(format!("proposals[{i}].details.name"), "a proposal needs a name".into());
        }
        for (lever, &target) in p.levers.iter() {
            if let Err(e) = Levers::check(lever, target) {
                issue(format!("proposals[{i}].levers.{}", lever.key()), e.to_string());
            }
        }
    }
    if let Some(package) = &session.package {
        for (lever, &target) in package.levers.iter().chain(package.picks.iter()) {
            if let Err(e) = Levers::check(lever, target) {
                issue(format!("package.levers.{}", lever.key()), e.to_string());
            }
        }
    }
    for (i, s) in session.snapshots.iter().enumerate() {
        if s.name.trim().is_empty() {
            issue(format!("snapshots[{i}].name"), "a snapshot needs a name".into());
        }
        for (lever, &target) in s.levers.iter() {
            if let Err(e) = Levers::check(lever, target) {
                issue(format!("snapshots[{i}].levers.{}", lever.key()), e.to_string());
            }
        }
    }
    check_history(session, &mut issue);
    check_view(session, &mut issue);
    check_room(session, &mut issue);
    issues
}

fn check_ids(session: &Session, issue: &mut impl FnMut(String, String)) {
    let proposals = session.proposals.iter().enumerate().map(|(i, p)| ("proposals", i, p.id));
    let snapshots = session.snapshots.iter().enumerate().map(|(i, s)| ("snapshots", i, s.id));
    let mut seen = std::collections::BTreeSet::new();
    for (list, i, id) in proposals.chain(snapshots).chain(session.room.ids()) {
        if !seen.insert(id) {
            issue(format!("{list}[{i}].id"), format!("id {id} is used twice"));
        }
        if id >= session.next_id {
            issue(format!("{list}[{i}].id"), format!("id {id} is not below `next_id` ({})", session.next_id));
        }
    }
}

fn check_room(session: &Session, issue: &mut impl FnMut(String, String)) {
    let room = &session.room;
    if let Some(problem) = room.promise.problem() {
        issue("room.promise".into(), problem);
    }
    if let Some(current) = room.agenda.current
        && current >= room.agenda.phases.len()
    {
        let phases = room.agenda.phases.len();
        issue("room.agenda.current".into(), format!("phase {current} does not exist ({phases} phases)"));
    }
    for (i, pin) in room.pins.iter().enumerate() {
        if let Some(problem) = pin.draft.problem() {
            issue(format!("room.pins[{i}].draft"), problem);
        }
    }
    for (i, vote) in room.votes.iter().enumerate() {
        if let Some(problem) = super::room::vote_problem(vote) {
            issue(format!("room.votes[{i}]"), problem);
        }
    }
    for (i, item) in room.parking.iter().enumerate() {
        let linked = match item.link {
            Some(super::room::Link::Group(id)) => session.proposal(id).is_some(),
            Some(super::room::Link::Pin(id)) => room.pin(id).is_some(),
            None => true,
        };
        if !linked {
            issue(format!("room.parking[{i}].link"), format!("{:?} is not in this session", item.link));
        }
    }
    for (i, response) in room.process_check.iter().enumerate() {
        if let Some(problem) = response.problem() {
            issue(format!("room.process_check[{i}]"), problem);
        }
    }
}

fn check_history(session: &Session, issue: &mut impl FnMut(String, String)) {
    let entries = session.journal.len();
    for (name, stack) in [("undo", &session.undo), ("redo", &session.redo)] {
        for (i, &entry) in stack.iter().enumerate() {
            if entry >= entries {
                issue(
                    format!("{name}[{i}]"),
                    format!("entry {entry} is not in the journal ({entries} entries)"),
                );
            }
        }
    }
    for (i, entry) in session.journal.iter().enumerate() {
        if let super::Action::Undo(of) | super::Action::Redo(of) = entry.action
            && of >= i
        {
            issue(format!("journal[{i}].action"), format!("refers to entry {of}, which is not before it"));
        }
    }
}

fn check_view(session: &Session, issue: &mut impl FnMut(String, String)) {
    for (side, variant) in [("a", session.view.a), ("b", session.view.b)] {
        if !session.has(variant) {
            issue(format!("view.{side}"), format!("there is no variant {variant:?} in this session"));
        }
    }
    if let Some(id) = session.view.active
        && session.proposal(id).is_none()
    {
        issue("view.active".into(), format!("there is no proposal with id {id}"));
    }
}
