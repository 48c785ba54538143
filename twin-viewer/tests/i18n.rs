//! The translations: the three message files parse, define the same messages, and hold every
//! message the code asks for; the room's panels have no text of their own.

use std::collections::BTreeSet;

use twin_core::catalogue::Catalogue;
use twin_core::session::room::{PinCategory, Statement};
use twin_viewer::i18n::{Arg, SOURCES, ids, tr, tr_args};
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
    let sets: Vec<(Lang, BTreeSet<String>)> =
        SOURCES.iter().map(|&(lang, text)| (lang, message_ids(lang, text))).collect();
    let all: BTreeSet<&String> = sets.iter().flat_map(|(_, s)| s).collect();
    for (lang, set) in &sets {
        let missing: Vec<&&String> = all.iter().filter(|id| !set.contains(**id)).collect();
        assert!(missing.is_empty(), "{}.ftl lacks {missing:?}", lang.code());
    }
}

/// The message ids the sources ask for by name: `tr(lang, "id")` and `tr_args(lang, "id", …)`,
/// and ids in the lists the code picks from (`"phase-…"`, `"journal-…"`).
fn ids_in_code() -> BTreeSet<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
    let mut found = BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).expect("src").map(|e| e.expect("entry").path()));
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("a source file");
        for (k, _) in text.match_indices('"') {
            let rest = &text[k + 1..];
            let Some(end) = rest.find('"') else { continue };
            let literal = &rest[..end];
            let is_id = literal.len() > 3
                && literal.chars().all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
                && ["room-", "phase-", "projector-", "journal-", "parked-", "kiosk-", "parking-", "process-"]
                    .iter()
                    .any(|p| literal.starts_with(p));
            if is_id && !literal.ends_with('-') {
                found.insert(literal.to_owned());
            }
        }
    }
    found
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let (_, nb) = SOURCES[0];
    let defined = message_ids(Lang::Nb, nb);
    let asked = ids_in_code();
    assert!(asked.len() > 50, "the scan finds the room's messages ({})", asked.len());
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

/// The room's and the kiosk's panels take every text from the message files.
#[test]
fn the_rooms_panels_have_no_text_of_their_own() {
    for file in ["ui/room.rs", "ui/projector.rs", "ui/wall.rs", "projector.rs"] {
        let path = format!("{}/src/{file}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).expect("a source file");
        assert!(!text.contains(".pick("), "{file} picks texts in the code");
    }
}
