//! Where the numbers come from: the scenario's source notes (its `sources` list) as a panel
//! grouped by section, as a note under a district's figures, and as hover text on the expert
//! parameter tree.

use egui::{Color32, RichText, Ui};
use twin_core::scenario::{Source, SourceBasis};

use crate::palette;
use crate::view::Lang;

/// The notes on `field` and on everything inside it (`districts[Jar]` also gives
/// `districts[Jar].cars`).
pub fn notes_on<'a>(sources: &'a [Source], field: &'a str) -> impl Iterator<Item = &'a Source> + 'a {
    sources.iter().filter(move |s| {
        s.field == field
            || s.field.strip_prefix(field).is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    })
}

/// The notes on exactly `field`.
pub fn notes_at<'a>(sources: &'a [Source], field: &'a str) -> impl Iterator<Item = &'a Source> + 'a {
    sources.iter().filter(move |s| s.field == field)
}

/// A short word for how a figure was found, and its colour.
pub fn basis_badge(basis: SourceBasis, lang: Lang) -> (&'static str, Color32) {
    match basis {
        SourceBasis::Published => (crate::i18n::t(lang, "sources-source"), palette::SOURCED),
        SourceBasis::Estimate => (crate::i18n::t(lang, "sources-estimate"), palette::WARNING),
        SourceBasis::Mixed => (crate::i18n::t(lang, "sources-source-estimate"), palette::WARNING),
        SourceBasis::Unstated => (crate::i18n::t(lang, "sources-note"), Color32::GRAY),
    }
}

/// One note: its badge, its year if any, and its text, wrapped.
pub fn note_ui(ui: &mut Ui, source: &Source, lang: Lang) {
    let (word, colour) = basis_badge(source.basis, lang);
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(word).small().strong().color(colour));
        if let Some(year) = source.year {
            ui.label(RichText::new(year.to_string()).small().weak());
        }
        ui.label(RichText::new(&source.note).small());
    });
}

/// The text of every note on `field`, for hover text.
pub fn notes_text(sources: &[Source], field: &str, lang: Lang) -> Option<String> {
    let lines: Vec<String> = notes_at(sources, field)
        .map(|s| {
            let (word, _) = basis_badge(s.basis, lang);
            match s.year {
                Some(year) => format!("{word} ({year}): {}", s.note),
                None => format!("{word}: {}", s.note),
            }
        })
        .collect();
    (!lines.is_empty()).then(|| lines.join("\n"))
}

/// Every note, grouped by the section of the file it documents, with a count of estimates.
pub fn sources_ui(ui: &mut Ui, sources: &[Source], lang: Lang) {
    let estimates = sources.iter().filter(|s| s.basis != SourceBasis::Published).count();
    egui::CollapsingHeader::new(
        RichText::new(crate::i18n::t(lang, "sources-where-the-numbers-come-from")).strong(),
    )
    .id_salt("sources")
    .default_open(false)
    .show(ui, |ui| {
        if sources.is_empty() {
            ui.label(crate::i18n::t(lang, "sources-the-scenario-file-has-no"));
            return;
        }
        ui.label(
            RichText::new(crate::i18n::tr_args(
                lang,
                "sources-count",
                &[("notes", sources.len().into()), ("estimates", estimates.to_string().into())],
            ))
            .weak(),
        );
        let mut sections: Vec<&str> = sources.iter().map(|s| section(&s.field)).collect();
        sections.dedup();
        for name in sections {
            let shown = if name.is_empty() { crate::i18n::t(lang, "sources-the-scenario") } else { name };
            egui::CollapsingHeader::new(shown).id_salt(("sources", name)).show(ui, |ui| {
                for source in sources.iter().filter(|s| section(&s.field) == name) {
                    ui.add_space(4.0);
                    if source.field != name {
                        ui.label(RichText::new(&source.field).monospace().small());
                    }
                    note_ui(ui, source, lang);
                }
            });
        }
    });
}

/// The top-level field a path begins with (`site` of `site.latitude_deg`).
fn section(field: &str) -> &str {
    let end = field.find(['.', '[']).unwrap_or(field.len());
    &field[..end]
}

#[cfg(test)]
mod tests {
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    use super::*;

    fn note(field: &str, basis: SourceBasis, text: &str) -> Source {
        Source { field: field.into(), basis, note: text.into(), year: None }
    }

    #[test]
    fn notes_on_a_field_include_what_lies_inside_it() {
        let sources = [
            note("districts[Jar]", SourceBasis::Published, "SSB"),
            note("districts[Jar].cars", SourceBasis::Estimate, "cars"),
            note("districts[Jarl]", SourceBasis::Published, "another district"),
        ];
        let on: Vec<&str> = notes_on(&sources, "districts[Jar]").map(|s| s.note.as_str()).collect();
        assert_eq!(on, ["SSB", "cars"]);
        assert_eq!(notes_at(&sources, "districts[Jar]").count(), 1);
        assert_eq!(section("districts[Jar].cars"), "districts");
    }

    #[test]
    fn the_panel_lists_the_notes_of_the_built_in_scenario_by_section() {
        let copy = crate::scenarios::scenario_copy(None).expect("built-in");
        let sources = copy.scenario().expect("valid").raw.sources;
        let mut harness = Harness::new_ui(|ui| sources_ui(ui, &sources, Lang::Nn));
        harness.get_by_label("Kvar tala kjem frå").click();
        harness.run();
        harness.get_by_label("site").click();
        harness.run();
        harness.get_by_label("site.latitude_deg");
        harness.get_by_label_contains("Sandvika, V, domain-data §2.1");
        assert!(harness.query_all_by_label("overslag").count() > 0, "estimates are marked");
    }
}
