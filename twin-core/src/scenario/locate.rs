//! Finds where a field path (`districts[3].heating_shares.oil`) sits in a RON text.
//!
//! Validation works on parsed values, which have lost their positions; to name the line and
//! column of a bad value we walk a light token stream of the original text along the path.
//! The walker never fails loudly: an unknown path yields `None` and the error is still reported,
//! only without a position. It is linear in the size of the text.

/// A line and column, both counted from 1 (columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextPosition {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Str(String),
    Punct(char),
    Other,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Field(String),
    Index(usize),
    /// A list element by its `id` or `name`.
    Key(String),
}

fn parse_path(path: &str) -> Vec<Segment> {
    let mut segments = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            segments.push(Segment::Field(name.to_owned()));
        }
        while let Some(close) = rest.find(']') {
            let inside = &rest[1..close];
            segments.push(match inside.parse() {
                Ok(n) => Segment::Index(n),
                Err(_) => Segment::Key(inside.to_owned()),
            });
            rest = &rest[close + 1..];
        }
    }
    segments
}

fn tokenize(text: &str) -> Vec<(Tok, TextPosition)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line, mut col) = (0usize, 1usize, 1usize);
    // Advances over one char, keeping line/column.
    let step = |i: &mut usize, line: &mut usize, col: &mut usize| {
        if chars[*i] == '\n' {
            *line += 1;
            *col = 1;
        } else {
            *col += 1;
        }
        *i += 1;
    };
    while i < chars.len() {
        let c = chars[i];
        let pos = TextPosition { line, column: col };
        if c.is_whitespace() {
            step(&mut i, &mut line, &mut col);
        } else if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                step(&mut i, &mut line, &mut col);
            }
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            let mut depth = 0usize;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    step(&mut i, &mut line, &mut col);
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    step(&mut i, &mut line, &mut col);
                    if depth == 0 {
                        step(&mut i, &mut line, &mut col);
                        break;
                    }
                }
                step(&mut i, &mut line, &mut col);
            }
        } else if c == '"' {
            let mut content = String::new();
            step(&mut i, &mut line, &mut col);
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' && i + 1 < chars.len() {
                    step(&mut i, &mut line, &mut col);
                }
                content.push(chars[i]);
                step(&mut i, &mut line, &mut col);
            }
            if i < chars.len() {
                step(&mut i, &mut line, &mut col);
            }
            out.push((Tok::Str(content), pos));
        } else if c.is_alphabetic() || c == '_' {
            let mut ident = String::new();
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                ident.push(chars[i]);
                step(&mut i, &mut line, &mut col);
            }
            out.push((Tok::Ident(ident), pos));
        } else if "()[]{},:".contains(c) {
            out.push((Tok::Punct(c), pos));
            step(&mut i, &mut line, &mut col);
        } else {
            // Numbers, signs, characters: one token per run of such characters.
            let ends_token = |i: usize| {
                chars[i].is_whitespace()
                    || "()[]{},:\"".contains(chars[i])
                    || (chars[i] == '/' && matches!(chars.get(i + 1), Some('/' | '*')))
            };
            while i < chars.len() && !ends_token(i) {
                step(&mut i, &mut line, &mut col);
            }
            out.push((Tok::Other, pos));
        }
    }
    out
}

fn is_open(t: &Tok) -> bool {
    matches!(t, Tok::Punct('(' | '[' | '{'))
}

fn is_close(t: &Tok) -> bool {
    matches!(t, Tok::Punct(')' | ']' | '}'))
}

/// Index of the token where the value at `path` begins (or its field name, for the last
/// segment), searching from the value starting at token `at`.
fn walk(tokens: &[(Tok, TextPosition)], mut at: usize, path: &[Segment]) -> Option<usize> {
    let Some((first, rest)) = path.split_first() else {
        return Some(at);
    };
    // Skip a struct name or `Some` before the opening bracket.
    if matches!(tokens.get(at)?.0, Tok::Ident(_)) && tokens.get(at + 1).is_some_and(|t| is_open(&t.0)) {
        at += 1;
    }
    if !is_open(&tokens.get(at)?.0) {
        return None;
    }
    // A wrapper such as `Some((...))` holds one bracketed value: look inside it.
    if matches!(first, Segment::Field(_)) && tokens[at].0 == Tok::Punct('(') {
        let inner = tokens.get(at + 1).map(|t| &t.0);
        let wrapped = match inner {
            Some(t) if is_open(t) => true,
            Some(Tok::Ident(_)) => tokens.get(at + 2).is_some_and(|t| t.0 == Tok::Punct('(')),
            _ => false,
        };
        if wrapped {
            return walk(tokens, at + 1, path);
        }
    }
    let mut depth = 0usize;
    let mut element = 0usize;
    let mut element_start = at + 1;
    let mut j = at + 1;
    while j < tokens.len() {
        let tok = &tokens[j].0;
        if depth == 0 {
            match first {
                Segment::Field(name) => {
                    let matches_name = match tok {
                        Tok::Ident(s) | Tok::Str(s) => s == name,
                        _ => false,
                    };
                    if matches_name && tokens.get(j + 1).is_some_and(|t| t.0 == Tok::Punct(':')) {
                        return if rest.is_empty() { Some(j) } else { walk(tokens, j + 2, rest) };
                    }
                }
                Segment::Index(n) => {
                    if element == *n && j == element_start && !is_close(tok) {
                        return walk(tokens, j, rest);
                    }
                }
                Segment::Key(key) => {
                    if j == element_start && !is_close(tok) && element_key_is(tokens, j, key) {
                        return walk(tokens, j, rest);
                    }
                }
            }
        }
        if is_open(tok) {
            depth += 1;
        } else if is_close(tok) {
            if depth == 0 {
                return None;
            }
            depth -= 1;
        } else if depth == 0 && *tok == Tok::Punct(',') {
            element += 1;
            element_start = j + 1;
        }
        j += 1;
    }
    None
}

/// Whether the struct starting at token `at` has `id: "key"` or `name: "key"`.
fn element_key_is(tokens: &[(Tok, TextPosition)], at: usize, key: &str) -> bool {
    ["id", "name"].into_iter().any(|field| {
        walk(tokens, at, &[Segment::Field(field.to_owned())])
            .and_then(|i| tokens.get(i + 2))
            .is_some_and(|t| matches!(&t.0, Tok::Str(s) if s == key))
    })
}

/// A RON text tokenized once, for finding many paths in it.
pub struct Locator {
    tokens: Vec<(Tok, TextPosition)>,
}

impl Locator {
    /// Tokenizes `text`.
    pub fn new(text: &str) -> Locator {
        Locator { tokens: tokenize(text) }
    }

    /// Position of the field or element at `path`, if the text has it (see [`locate`]).
    pub fn find(&self, path: &str) -> Option<TextPosition> {
        let idx = walk(&self.tokens, 0, &parse_path(path))?;
        self.tokens.get(idx).map(|t| t.1)
    }
}

/// Position of the field or element at `path` (serde_path_to_error notation, e.g.
/// `districts[3].floor_area_m2.apartment_pre1970`) in the RON `text`, if it can be found.
///
/// ```
/// use twin_core::scenario::locate::locate;
/// let text = "Scenario(\n  districts: [\n    (name: \"A\"),\n    (name: \"B\", area_km2: -1),\n  ],\n)";
/// let pos = locate(text, "districts[1].area_km2").unwrap();
/// assert_eq!((pos.line, pos.column), (4, 17));
/// // A list element by its name:
/// let pos = locate(text, "districts[B].area_km2").unwrap();
/// assert_eq!((pos.line, pos.column), (4, 17));
/// ```
pub fn locate(text: &str, path: &str) -> Option<TextPosition> {
    Locator::new(text).find(path)
}

/// What the text around a syntax error says: the field whose value was being read (the nearest
/// `name:` before `at` in the same bracket), and whether nothing but comments follows `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorContext {
    /// The field, e.g. `base_year`, and where its name is.
    pub field: Option<(String, TextPosition)>,
    /// Whether the text ends at `at`: nothing follows but the token the error is on, if any.
    pub at_end: bool,
}

/// The context of a syntax error at `at` in `text`.
///
/// ```
/// use twin_core::scenario::locate::{TextPosition, error_context};
/// let text = "Scenario(\n  base_year: 2025.5,\n  shares: (a: 1, b: 2)\n  end_year: 2050,\n)";
/// let at = |line, column| TextPosition { line, column };
/// let context = error_context(text, at(2, 17));
/// assert_eq!(context.field.map(|f| f.0), Some("base_year".to_owned()));
/// let context = error_context(text, at(4, 3));
/// assert_eq!(context.field.map(|f| f.0), Some("shares".to_owned()));
/// assert!(!context.at_end);
/// ```
pub fn error_context(text: &str, at: TextPosition) -> ErrorContext {
    let tokens = tokenize(text);
    let before = |p: &TextPosition| (p.line, p.column) < (at.line, at.column);
    let split = tokens.iter().position(|(_, p)| !before(p)).unwrap_or(tokens.len());
    let mut depth = 0usize;
    let mut field = None;
    for j in (0..split).rev() {
        let tok = &tokens[j].0;
        if is_close(tok) {
            depth += 1;
        } else if is_open(tok) {
            if depth == 0 {
                break;
            }
            depth -= 1;
        } else if depth == 0
            && *tok == Tok::Punct(':')
            && j > 0
            && let Tok::Ident(name) = &tokens[j - 1].0
        {
            field = Some((name.clone(), tokens[j - 1].1));
            break;
        }
    }
    // A cut-off file fails on its last token (a number cut short) or after it.
    let rest = &tokens[split..];
    let at_end = rest.is_empty() || (rest.len() == 1 && rest[0].1.line == at.line);
    ErrorContext { field, at_end }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"// comment with ( brackets
Scenario(
    name: "x(y",
    /* block ( */ items: [1, 2, (a: 3)],
    map: {"k1": 1, "k2": Some((inner: 4))},
)"#;

    #[test]
    fn finds_fields_indices_and_map_keys() {
        let p = |path| locate(TEXT, path).map(|p| (p.line, p.column));
        assert_eq!(p("name"), Some((3, 5)));
        assert_eq!(p("items"), Some((4, 19)));
        assert_eq!(p("items[1]"), Some((4, 30)));
        assert_eq!(p("items[2].a"), Some((4, 34)));
        assert_eq!(p("map.k2.inner"), Some((5, 32)));
        assert_eq!(p("missing"), None);
        assert_eq!(p("items[7]"), None);
    }

    #[test]
    fn finds_list_elements_by_id_or_name() {
        let text = "S(list: [A(id: \"a\", v: 1), (name: \"b c\", v: 2), (id: \"x\", name: \"d\", v: 3)])";
        let p = |path| locate(text, path).map(|p| p.column);
        assert_eq!(p("list[a].v"), Some(21));
        assert_eq!(p("list[b c].v"), Some(42));
        assert_eq!(p("list[d].v"), Some(70), "by name when the id differs");
        assert_eq!(p("list[missing]"), None);
    }
}
