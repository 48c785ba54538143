//! The translations: the three message files parse, define the same messages, and hold every
//! message the code asks for; the room's panels have no text of their own.

use std::collections::BTreeSet;

use twin_core::catalogue::Catalogue;
use twin_core::session::room::{PinCategory, Statement};
use twin_viewer::i18n::{Arg, CATALOGUE, SOURCES, ids, tr, tr_args};
use twin_viewer::view::Lang;

fn message_ids(lang: Lang, text: &str) -> BTreeSet<String> {
    let (ids, errors) = ids(text);
    assert!(errors.is_empty(), "{}.ftl does not parse: {errors:?}", lang.code());
    let set: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(set.len(), ids.len(), "{}.ftl defines a message twice", lang.code());
    set
}

#[test]
fn every_language_has_every_message() {
    for files in [SOURCES, CATALOGUE] {
        let sets: Vec<(Lang, BTreeSet<String>)> =
            files.iter().map(|&(lang, text)| (lang, message_ids(lang, text))).collect();
        let all: BTreeSet<&String> = sets.iter().flat_map(|(_, s)| s).collect();
        for (lang, set) in &sets {
            let missing: Vec<&&String> = all.iter().filter(|id| !set.contains(**id)).collect();
            assert!(missing.is_empty(), "{}.ftl lacks {missing:?}", lang.code());
        }
    }
    // The viewer's messages and the catalogue's share no id (one would hide the other).
    let (own, catalogue) = (message_ids(Lang::Nb, SOURCES[0].1), message_ids(Lang::Nb, CATALOGUE[0].1));
    assert!(own.is_disjoint(&catalogue), "{:?}", own.intersection(&catalogue).collect::<Vec<_>>());
}

/// The message ids the sources ask for by name: the literal after `t(lang, `, `tr(lang, ` and
/// `tr_args(lang, `, and ids in the lists the code picks from (`"phase-…"`, `"journal-…"`).
fn ids_in_code() -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (_, text) in sources() {
        for (k, _) in text.match_indices('"') {
            let rest = &text[k + 1..];
            let Some(end) = rest.find('"') else { continue };
            let literal = &rest[..end];
            let before = &text[text.floor_char_boundary(k.saturating_sub(48))..k];
            let called = ["t(", "tr(", "tr_args("].iter().any(|call| {
                before.rfind(call).is_some_and(|at| {
                    let args = &before[at + call.len()..];
                    args.ends_with(", ")
                        && args[..args.len() - 2].chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.')
                })
            });
            let listed = [
                "phase-",
                "journal-",
                "parked-",
                "room-vote-on-",
                "kiosk-thanks",
                "kiosk-not-sent",
                "lever-group-",
            ]
            .iter()
            .any(|p| literal.starts_with(p));
            let id_like = literal.len() > 2
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
            if (called || listed) && id_like && !literal.ends_with('-') {
                found.insert(literal.to_owned());
            }
        }
    }
    found
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let mut defined = message_ids(Lang::Nb, SOURCES[0].1);
    defined.extend(message_ids(Lang::Nb, CATALOGUE[0].1));
    let asked = ids_in_code();
    assert!(asked.len() > 200, "the scan finds the code's messages ({})", asked.len());
    let missing: Vec<&String> = asked.iter().filter(|id| !defined.contains(*id)).collect();
    assert!(missing.is_empty(), "asked for but not defined: {missing:?}");
    for category in PinCategory::all() {
        assert!(defined.contains(&format!("pin-{}", category.key())), "{category:?}");
    }
    for statement in Statement::all() {
        assert!(defined.contains(&format!("statement-{}", statement.key())), "{statement:?}");
    }
}

#[test]
fn messages_take_their_arguments_and_plurals_in_each_language() {
    let one = |lang| tr_args(lang, "projector-voted", &[("count", Arg::from(1usize))]);
    let many = |lang| tr_args(lang, "projector-voted", &[("count", Arg::from(12usize))]);
    assert_eq!(one(Lang::Nb), "1 person har stemt");
    assert_eq!(many(Lang::Nb), "12 personer har stemt");
    assert_eq!(many(Lang::Nn), "12 personar har røysta");
    assert_eq!(one(Lang::En), "1 person has voted");
    assert_eq!(many(Lang::En), "12 people have voted");
    assert_eq!(tr(Lang::Nn, "room-previous"), "Førre fase");
    // No Unicode isolation marks around arguments (egui would draw them as boxes).
    assert!(!many(Lang::En).contains('\u{2068}'));
}

/// Every source file of the viewer.
fn sources() -> Vec<(std::path::PathBuf, String)> {
    let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    let mut files = Vec::new();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).expect("src").map(|e| e.expect("entry").path()));
        } else {
            let text = std::fs::read_to_string(&path).expect("a source file");
            files.push((path, text));
        }
    }
    files
}

/// No text in three languages is left in the code: a string literal of words (two or more, with
/// a letter outside ASCII or a space between lower-case words) outside tests, doc comments,
/// format strings' placeholders, keys and logs would be a text a user sees untranslated.
#[test]
fn the_viewer_holds_no_text_of_its_own() {
    let mut found = Vec::new();
    for (path, text) in sources() {
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let lines: Vec<&str> = code.lines().collect();
        for (n, line) in lines.iter().enumerate() {
            let line = line.trim_start();
            // A text that is the same in every language, or not for the screen, says why.
            let marked = |l: &str| l.contains("// untranslated:");
            if marked(line)
                || n.checked_sub(1).is_some_and(|p| marked(lines[p]))
                || line.contains("reason = ")
            {
                continue;
            }
            if line.starts_with("//")
                || line.starts_with("info!")
                || line.starts_with("warn!")
                || line.contains(".pick(")
            {
                if line.contains(".pick(") {
                    found.push(format!("{}:{}: {line}", path.display(), n + 1));
                }
                continue;
            }
            for literal in line.split('"').skip(1).step_by(2) {
                let words: Vec<&str> = literal.split(' ').filter(|w| !w.is_empty()).collect();
                let prose = words.len() >= 2
                    && words.iter().filter(|w| w.chars().all(|c| c.is_alphabetic())).count() >= 2
                    && !literal.contains('{')
                    && !literal.contains("::");
                let norwegian = literal.chars().any(|c| "æøåÆØÅ".contains(c)) && !literal.contains('{');
                if prose || norwegian {
                    found.push(format!("{}:{}: \"{literal}\"", path.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "texts left in the code:\n{}", found.join("\n"));
}

#[test]
fn every_lever_kpi_map_quantity_and_unit_is_named_in_each_language() {
    use twin_core::analysis::quantity::DISTRICT_QUANTITIES;
    use twin_core::catalogue::kpi::KpiId;
    use twin_core::catalogue::levers::LeverId;
    for (lang, text) in CATALOGUE {
        let ids = message_ids(lang, text);
        let mut wanted: Vec<String> = LeverId::all()
            .flat_map(|l| [format!("lever-{}", l.key()), format!("lever-{}-about", l.key())])
            .chain(KpiId::all().map(|k| format!("kpi-{}", k.key())))
            .chain(DISTRICT_QUANTITIES.iter().map(|q| format!("quantity-{}", q.key)))
            .chain(twin_core::catalogue::names::UNIT_WORDS.iter().map(|(_, id)| (*id).to_owned()))
            .collect();
        wanted.retain(|id| !ids.contains(id));
        assert!(wanted.is_empty(), "{}.ftl lacks {wanted:?}", lang.code());
    }
    // Nynorsk is nynorsk, not bokmål again.
    assert_eq!(tr(Lang::Nn, "kpi-ghg_per_capita"), "Klimagassutslepp per innbyggjar");
    assert_eq!(tr(Lang::Nb, "kpi-ghg_per_capita"), "Klimagassutslipp per innbygger");
}
