//! `twin report`: the handout of a workshop session or of a scenario variant, with its data and
//! share code, written into a folder; the share code is the last line printed.

use std::path::Path;

use twin_core::session::file;
use twin_report::{Language, Workshop};

use crate::{Failure, Variant, checked, emit};

/// Makes and writes the report of `input` (a session or a scenario file) into `out`.
pub(crate) fn report_command(
    input: &Path,
    out: &Path,
    variant: Variant<'_>,
    lang: &str,
) -> Result<(), Failure> {
    let language = Language::from_code(lang)
        .ok_or_else(|| Failure::Input(format!("--lang {lang}: expected nb, nn or en")))?;
    let text = twin_core::scenario::read_text(input).map_err(|e| Failure::Input(e.to_string()))?;
    let workshop = if is_session(&text) {
        if !variant.set.is_empty() || variant.code.is_some() {
            return Err(Failure::Input("--set and --code apply to a scenario, not to a session".into()));
        }
        let session = file::from_str_named(&text, input).map_err(|e| Failure::Input(e.to_string()))?;
        Workshop::of_session(session)
    } else {
        // The file is read once: its text gives the scenario, the share code's hash and the copy.
        let scenario = checked(input, twin_core::Scenario::from_str_named(&text, input))?;
        let levers = variant.levers_of_text(&text, &scenario)?;
        Workshop::of_scenario(Some(&input.display().to_string()), &text, &levers, language)
    }
    .map_err(|e| Failure::Input(e.to_string()))?;
    let files = twin_report::files(&workshop, language).map_err(|e| Failure::Other(e.into()))?;
    twin_report::write(out, &files).map_err(|e| Failure::Other(e.into()))?;
    for (name, bytes) in &files {
        emit(&format!("{:>8} bytes  {}\n", bytes.len(), out.join(name).display()));
    }
    emit(&format!("Share code: {}\n", workshop.share_code));
    Ok(())
}

/// Whether a file's first statement is a session (`Session(`), after comments.
fn is_session(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .is_some_and(|l| l.starts_with("Session"))
}
