//! Translations: every text the viewer shows comes from a Project Fluent message file, one per
//! language (`twin-viewer/i18n/{nb,nn,en}.ftl`, compiled in), looked up by message id. Names that
//! come from a scenario or a session (districts, groups, pins) are data and are shown as written.
//!
//! Invariant: the three files define the same message ids (a test checks it, and that every id
//! the code asks for exists), so a lookup never falls back to another language.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::view::Lang;

/// The viewer's message files, by language.
pub const SOURCES: [(Lang, &str); 3] = [
    (Lang::Nb, include_str!("../i18n/nb.ftl")),
    (Lang::Nn, include_str!("../i18n/nn.ftl")),
    (Lang::En, include_str!("../i18n/en.ftl")),
];

/// The core's catalogue names (levers, KPIs, map quantities), by language; each bundle holds
/// them beside the viewer's own messages.
pub const CATALOGUE: [(Lang, &str); 3] = [
    (Lang::Nb, twin_core::catalogue::names::MESSAGES[0].1),
    (Lang::Nn, twin_core::catalogue::names::MESSAGES[1].1),
    (Lang::En, twin_core::catalogue::names::MESSAGES[2].1),
];

type Bundle = FluentBundle<FluentResource>;

/// The three bundles, parsed once.
static BUNDLES: LazyLock<[Bundle; 3]> =
    LazyLock::new(|| [0, 1, 2].map(|i| bundle(SOURCES[i].0, [SOURCES[i].1, CATALOGUE[i].1])));

fn bundle(lang: Lang, texts: [&str; 2]) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // egui draws Unicode isolation marks as boxes; the texts are left-to-right anyway.
    bundle.set_use_isolating(false);
    for text in texts {
        // A file that does not parse still gives the messages that do; the test reports the errors.
        let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn index(lang: Lang) -> usize {
    match lang {
        Lang::Nb => 0,
        Lang::Nn => 1,
        Lang::En => 2,
    }
}

/// Every message without arguments, formatted once per language and kept for the whole run, so
/// the panels can hold `&'static str` labels (a few hundred short texts).
static PLAIN: LazyLock<[HashMap<String, &'static str>; 3]> = LazyLock::new(|| {
    [0, 1, 2].map(|i| {
        let lang = SOURCES[i].0;
        ids(SOURCES[i].1)
            .0
            .into_iter()
            .chain(ids(CATALOGUE[i].1).0)
            .map(|id| {
                let text: &'static str = Box::leak(format(lang, &id, None).into_owned().into_boxed_str());
                (id, text)
            })
            .collect()
    })
});

/// The text of message `id` (one without arguments) in `lang`, kept for the whole run.
pub fn t(lang: Lang, id: &str) -> &'static str {
    PLAIN[index(lang)].get(id).copied().unwrap_or("?")
}

/// The text of message `id` in `lang` (the id itself if it is missing, which a test forbids).
pub fn tr(lang: Lang, id: &str) -> Cow<'static, str> {
    format(lang, id, None)
}

/// The text of message `id` with named arguments (`{ $name }` in the file).
pub fn tr_args(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let mut fluent = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(text) => fluent.set(*name, FluentValue::from(text.clone())),
            Arg::Number(n) => fluent.set(*name, FluentValue::from(*n)),
        }
    }
    format(lang, id, Some(&fluent)).into_owned()
}

/// A value for a placeable of a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// Text, shown as given.
    Text(String),
    /// A number (plural rules apply to it).
    Number(f64),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(n as f64)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Number(f64::from(n))
    }
}

fn format(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Cow<'static, str> {
    let bundle = &BUNDLES[index(lang)];
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return Cow::Owned(id.to_owned());
    };
    let mut errors = Vec::new();
    Cow::Owned(bundle.format_pattern(pattern, args, &mut errors).into_owned())
}

/// The message ids a file defines, and its syntax errors.
pub fn ids(text: &str) -> (Vec<String>, Vec<String>) {
    let (resource, errors) = match FluentResource::try_new(text.to_owned()) {
        Ok(r) => (r, Vec::new()),
        Err((r, errors)) => (r, errors.iter().map(|e| format!("{e:?}")).collect()),
    };
    let ids = resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect();
    (ids, errors)
}
