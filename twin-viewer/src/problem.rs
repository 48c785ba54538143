//! The core's errors and warnings in the user's language: where (file, line, column, field) and
//! what, from the findings' data ([`Finding`]) where the core gives it. A finding the core only
//! words in English ([`Finding::Other`]), a RON parser's message and an operating-system error
//! keep their own text inside the translated frame.

use std::path::Path;

use twin_core::scenario::{Finding, Issue, ScenarioError, locate::TextPosition};
use twin_core::session::compare::ImportError;
use twin_core::session::file::SessionError;
use twin_core::session::{ChangeError, MAX_PROPOSALS};

use crate::i18n::{Arg, t, tr_args};
use crate::view::{Lang, fmt_num, unit};

/// A scenario that could not be opened, one line per finding.
pub fn scenario_error(error: &ScenarioError, lang: Lang) -> String {
    match error {
        ScenarioError::Io { file, source } => {
            let reason = match source.kind() {
                std::io::ErrorKind::NotFound => t(lang, "problem-not-found").to_owned(),
                std::io::ErrorKind::PermissionDenied => t(lang, "problem-permission").to_owned(),
                // untranslated: the operating system's own words
                _ => source.to_string(),
            };
            tr_args(lang, "problem-cannot-read", &[("file", shown(file)), ("reason", reason.into())])
        }
        ScenarioError::TooLarge { file, limit } => tr_args(
            lang,
            "problem-too-large",
            &[("file", shown(file)), ("limit", fmt_num(*limit as f64, lang).into())],
        ),
        ScenarioError::NotUtf8 { file, line, column } => {
            let place = place(file, Some(TextPosition { line: *line, column: *column }), lang);
            tr_args(lang, "problem-not-utf8", &[("place", place.into())])
        }
        ScenarioError::Parse { file, line, column, path, message } => {
            let place = place(file, Some(TextPosition { line: *line, column: *column }), lang);
            let field = if path.is_empty() || path == "." || path == "?" { "–" } else { path.as_str() };
            let args =
                [("place", place.into()), ("field", field.into()), ("message", message.as_str().into())];
            tr_args(lang, "problem-parse", &args)
        }
        ScenarioError::Invalid { file, issues, warnings } => {
            let errors = issues.iter().map(|i| issue(i, file, lang));
            let warnings = warnings
                .iter()
                .map(|w| tr_args(lang, "problem-warning", &[("text", issue(w, file, lang).into())]));
            errors.chain(warnings).collect::<Vec<_>>().join("\n")
        }
        // untranslated: a kind of error this build does not know yet
        other => other.to_string(),
    }
}

/// A session that could not be opened.
pub fn session_error(error: &SessionError, lang: Lang) -> String {
    match error {
        SessionError::File(e) => scenario_error(e, lang),
        SessionError::Scenario { file, source } => {
            let head = tr_args(lang, "problem-session-scenario", &[("file", shown(file))]);
            format!("{head}\n{}", scenario_error(source, lang))
        }
        // untranslated: a kind of error this build does not know yet
        other => other.to_string(),
    }
}

/// A change the session refused.
pub fn change_error(error: &ChangeError, lang: Lang) -> String {
    match error {
        ChangeError::NoProposal(id) => tr_args(lang, "problem-no-proposal", &[("id", id.to_string().into())]),
        ChangeError::Full => tr_args(lang, "problem-full", &[("max", MAX_PROPOSALS.to_string().into())]),
        ChangeError::IdTaken(id) => tr_args(lang, "problem-id-taken", &[("id", id.to_string().into())]),
        ChangeError::NoName => t(lang, "problem-no-name").to_owned(),
        ChangeError::Stale(detail) => tr_args(lang, "problem-stale", &[("detail", detail.as_str().into())]),
        ChangeError::Range(e) => {
            let lever = t(lang, &format!("lever-{}", e.key));
            let args = [
                ("lever", lever.into()),
                ("value", fmt_num(e.value, lang).into()),
                ("min", fmt_num(e.min, lang).into()),
                ("max", fmt_num(e.max, lang).into()),
                ("unit", unit(lang, e.unit).into()),
            ];
            tr_args(lang, "problem-lever-range", &args)
        }
        ChangeError::NothingTo("undo") => t(lang, "problem-nothing-to-undo").to_owned(),
        ChangeError::NothingTo(_) => t(lang, "problem-nothing-to-redo").to_owned(),
        // untranslated: the core words these in English only (a malformed pin, vote or answer)
        other => other.to_string(),
    }
}

/// Proposals of another session that could not be imported.
pub fn import_error(error: &ImportError, lang: Lang) -> String {
    match error {
        ImportError::DifferentScenario { ours, theirs } => tr_args(
            lang,
            "problem-import-other-scenario",
            &[("ours", ours.as_str().into()), ("theirs", theirs.as_str().into())],
        ),
        ImportError::Full { room, wanted } => tr_args(
            lang,
            "problem-import-full",
            &[("room", room.to_string().into()), ("wanted", wanted.to_string().into())],
        ),
        // untranslated: a kind of error this build does not know yet
        other => other.to_string(),
    }
}

/// One finding: where it is and what it says.
pub fn issue(issue: &Issue, file: &Path, lang: Lang) -> String {
    let args = [
        ("place", place(file, issue.position, lang).into()),
        ("field", issue.path.as_str().into()),
        ("text", finding(issue, lang).into()),
    ];
    tr_args(lang, "problem-issue", &args)
}

/// What a finding says, from its data where the core gives it.
fn finding(issue: &Issue, lang: Lang) -> String {
    let num = |v: f64| -> Arg { exact(v, lang).into() };
    match &issue.finding {
        Finding::OutOfRange { lo, hi, unit: u, found } => {
            let id = if found.is_finite() { "problem-out-of-range" } else { "problem-not-finite" };
            let found = exact(*found, lang);
            let args =
                [("lo", num(*lo)), ("hi", num(*hi)), ("unit", unit(lang, u).into()), ("found", found.into())];
            tr_args(lang, id, &args)
        }
        Finding::Unusual { value, lo, hi, unit: u, source } => {
            let args = [
                ("value", num(*value)),
                ("lo", num(*lo)),
                ("hi", num(*hi)),
                ("unit", unit(lang, u).into()),
                ("source", (*source).into()),
            ];
            tr_args(lang, "problem-unusual", &args)
        }
        Finding::SharesSum { sum } => {
            tr_args(lang, "problem-shares-sum", &[("sum", format!("{sum:.4}").into())])
        }
        // untranslated: the core words this finding in English only
        _ => issue.message.clone(),
    }
}

/// A number as the file would write it (`1.7`, `0`, `2030`), with a decimal comma in Norwegian:
/// bounds and values in a finding are exact, not rounded for reading.
fn exact(value: f64, lang: Lang) -> String {
    let text = value.to_string();
    if lang == Lang::En { text } else { text.replace('.', ",") }
}

/// `file, line L, column C` (or the file alone).
fn place(file: &Path, position: Option<TextPosition>, lang: Lang) -> String {
    match position {
        Some(p) => tr_args(
            lang,
            "problem-place",
            &[
                ("file", shown(file)),
                ("line", p.line.to_string().into()),
                ("column", p.column.to_string().into()),
            ],
        ),
        None => file.display().to_string(),
    }
}

fn shown(file: &Path) -> Arg {
    file.display().to_string().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAD: &str = include_str!("../../scenarios/baerum.ron");

    fn invalid(text: &str) -> ScenarioError {
        twin_core::Scenario::from_str_named(text, Path::new("baerum.ron")).expect_err("invalid")
    }

    #[test]
    fn a_value_out_of_range_is_told_in_each_language_with_its_place() {
        let text = BAD.replacen("ev_share: 0.32", "ev_share: 1.7", 1);
        let error = invalid(&text);
        let nb = scenario_error(&error, Lang::Nb);
        assert!(nb.contains("baerum.ron, linje "), "{nb}");
        assert!(nb.contains("forventet en verdi fra 0 til 1 (andel), fant 1,7"), "{nb}");
        let en = scenario_error(&error, Lang::En);
        assert!(en.contains("expected a value from 0 to 1 (share), found 1.7"), "{en}");
        let nn = scenario_error(&error, Lang::Nn);
        assert!(nn.contains("venta ein verdi frå 0 til 1 (del), fann 1,7"), "{nn}");
    }
}
