//! Parsing: RON text into [`RawScenario`] (or any other file type of the crate, such as a workshop
//! session), and syntax errors explained as a planner needs them (which field, what was expected,
//! and the likely fix: a missing comma, a decimal in a whole-number field, a file cut off).

use std::path::Path;

use super::locate::{self, TextPosition};
use serde::de::DeserializeOwned;

use super::{MAX_NESTING, ScenarioError};

/// Parses RON `text` (from `file`, for errors) into a `T`; a syntax or type error names the file,
/// line, column and field path.
pub(crate) fn parse<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, ScenarioError> {
    let options = ron::Options::default()
        .with_recursion_limit(MAX_NESTING)
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let parse_err = |e: ron::error::SpannedError, path: String| {
        let (line, column) = (e.span.start.line, e.span.start.col);
        let (path, message) = explain(text, TextPosition { line, column }, &path, &e.code.to_string());
        ScenarioError::Parse { file: file.to_owned(), line, column, path, message }
    };
    // Fast path without path tracking; on failure parse again to find the field's path.
    let mut de =
        ron::Deserializer::from_str_with_options(text, &options).map_err(|e| parse_err(e, String::new()))?;
    let first = T::deserialize(&mut de).and_then(|raw| de.end().map(|()| raw));
    let raw = match first {
        Ok(raw) => raw,
        Err(code) => {
            let spanned = de.span_error(code);
            let path = match ron::Deserializer::from_str_with_options(text, &options) {
                Ok(mut de) => match serde_path_to_error::deserialize::<_, T>(&mut de) {
                    Err(e) => e.path().to_string(),
                    Ok(_) => String::new(),
                },
                Err(_) => String::new(),
            };
            return Err(parse_err(spanned, path));
        }
    };
    Ok(raw)
}

/// Names the field a syntax error is in and says what was expected, with the likely fix.
/// `serde_path` is where the deserializer was (`districts[0].?` inside a struct whose next field
/// name was not read yet); the text around the error names the field itself.
fn explain(text: &str, at: TextPosition, serde_path: &str, message: &str) -> (String, String) {
    let context = locate::error_context(text, at);
    let mut path = serde_path.trim_end_matches('?').trim_end_matches('.').to_owned();
    if let Some((field, _)) = &context.field
        && path.rsplit('.').next().is_none_or(|last| last != field)
    {
        path = if path.is_empty() { field.clone() } else { format!("{path}.{field}") };
    }
    let field = context.field.as_ref().map(|(name, position)| (name.as_str(), position.line));
    let message = if context.at_end {
        format!(
            "{message}: the file ends here, inside `{path}`; it may have been cut off (the closing \
             brackets and the rest of the file are missing)"
        )
    } else if let Some((name, _)) = field.filter(|_| decimal_at(text, at)) {
        let example =
            if name == "year" || name.ends_with("_year") { "a year such as 2025" } else { "such as 3" };
        format!("`{name}` takes a whole number ({example}), not a decimal")
    } else if let Some((name, line)) = field.filter(|_| message == "Expected comma") {
        format!("{message}: a `,` is probably missing after the value of `{name}` (line {line})")
    } else {
        message.to_owned()
    };
    (path, message)
}

/// Whether the error sits on the fraction or exponent of a number (`2025.5`, `1e3`) whose
/// integer part was read.
fn decimal_at(text: &str, at: TextPosition) -> bool {
    let Some(line) = text.lines().nth(at.line.saturating_sub(1)) else { return false };
    let chars: Vec<char> = line.chars().collect();
    let i = at.column.saturating_sub(1);
    let here = chars.get(i).copied();
    let before = i.checked_sub(1).and_then(|b| chars.get(b)).copied();
    matches!(here, Some('.' | 'e' | 'E')) && before.is_some_and(|b| b.is_ascii_digit())
}
