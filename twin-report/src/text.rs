//! The handout's words in bokmål, nynorsk or English: its own messages
//! (`twin-report/i18n/*.ftl`) and the catalogue's names from the core, in one Fluent bundle.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use twin_core::catalogue::Catalogue;
use twin_core::catalogue::kpi::KpiId;
use twin_core::catalogue::levers::LeverId;

/// The language of a handout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    /// Norwegian bokmål.
    #[default]
    Nb,
    /// Norwegian nynorsk.
    Nn,
    /// English.
    En,
}

impl Language {
    /// The language's code, `nb`, `nn` or `en` (the page's `lang`).
    pub fn code(self) -> &'static str {
        match self {
            Language::Nb => "nb",
            Language::Nn => "nn",
            Language::En => "en",
        }
    }

    /// The language of a code.
    pub fn from_code(code: &str) -> Option<Language> {
        [Language::Nb, Language::Nn, Language::En].into_iter().find(|l| l.code() == code)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The handout's own message files, by language.
pub const MESSAGES: [&str; 3] =
    [include_str!("../i18n/nb.ftl"), include_str!("../i18n/nn.ftl"), include_str!("../i18n/en.ftl")];

/// A Fluent bundle of one language.
pub(crate) struct Text {
    pub(crate) language: Language,
    bundle: FluentBundle<FluentResource>,
}

impl Text {
    pub(crate) fn new(language: Language) -> Text {
        let id: unic_langid::LanguageIdentifier = language.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![id]);
        // The page is left-to-right; isolation marks would only clutter copied text.
        bundle.set_use_isolating(false);
        let catalogue = twin_core::catalogue::names::MESSAGES[language.index()].1;
        for source in [MESSAGES[language.index()], catalogue] {
            // The files are built in and checked by a test; a partial parse still gives the rest.
            let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(partial, _)| partial);
            let _ = bundle.add_resource(resource);
        }
        Text { language, bundle }
    }

    /// Message `id` (the id itself if missing, which the tests forbid).
    pub(crate) fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// Message `id` with named text arguments.
    pub(crate) fn args(&self, id: &str, args: &[(&str, String)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, value) in args {
            fluent.set(*name, FluentValue::from(value.clone()));
        }
        self.format(id, Some(&fluent))
    }

    /// Message `id` if the files have it (for names that come from a scenario: a known one is
    /// translated, another is shown as the file writes it).
    pub(crate) fn known(&self, id: &str) -> Option<String> {
        self.bundle.has_message(id).then(|| self.t(id))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else { return id.to_owned() };
        let mut errors = Vec::new();
        self.bundle.format_pattern(pattern, args, &mut errors).into_owned()
    }

    /// A number as people read it in this language.
    pub(crate) fn number(&self, value: f64) -> String {
        twin_core::catalogue::names::format_number(value, self.language.code())
    }

    /// A unit of the core (English) as this language writes it.
    pub(crate) fn unit(&self, unit: &str) -> String {
        twin_core::catalogue::names::unit_in(unit, |id| self.t(id))
    }

    pub(crate) fn kpi(&self, kpi: KpiId) -> String {
        self.t(&format!("kpi-{}", kpi.key()))
    }

    pub(crate) fn lever(&self, lever: LeverId) -> String {
        self.t(&format!("lever-{}", lever.key()))
    }

    /// The message ids of every handout message (for the page's labels).
    pub(crate) fn ids(&self) -> Vec<String> {
        let resource = FluentResource::try_new(MESSAGES[self.language.index()].to_owned())
            .unwrap_or_else(|(partial, _)| partial);
        resource
            .entries()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }
}
