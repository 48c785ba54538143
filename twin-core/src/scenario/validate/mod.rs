//! Validation: a parsed [`RawScenario`] becomes an immutable [`Scenario`], or every problem of
//! the file is reported at once.
//!
//! Every section writes into one [`Checker`], so a file with errors in its districts, its levers
//! and its materials shows all of them in one pass. Two kinds of finding:
//! - **errors**: impossibilities (a NaN, a share above 1, district heat without a network, more
//!   floor area than the land can carry) that block the run;
//! - **warnings**: values outside the plausible band for a Norwegian municipality, each band
//!   stated with its source; `twin validate` prints them and the viewer shows them, but they never
//!   block a run.
//!
//! Sections: [`site`] (header, site, population), [`buildings`] (classes, heating, new buildings,
//! districts), [`energy`] (transport, PV, district heating, grid, emission factors), [`policy`]
//! (levers, targets, uncertainties, costs), [`materials`] and [`inventory`].

mod buildings;
mod energy;
mod inventory;
mod materials;
mod policy;
mod site;

use std::fmt;
use std::path::Path;

use super::{Finding, Issue, RawScenario, Scenario, ScenarioError, locate};
use crate::catalogue::Catalogue;

/// Collects errors and warnings while validating; positions come from the file's text.
pub(super) struct Checker<'a> {
    text: &'a str,
    errors: Vec<Issue>,
    warnings: Vec<Issue>,
}

impl Checker<'_> {
    fn issue(&self, path: String, message: String, finding: Finding) -> Issue {
        let position = if self.text.is_empty() { None } else { locate::locate(self.text, &path) };
        Issue { path, position, message, finding }
    }

    /// Records an error: the scenario cannot run.
    pub(super) fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        let issue = self.issue(path.into(), message.into(), Finding::Other);
        self.errors.push(issue);
    }

    /// Records an error with its data.
    fn error_of(&mut self, path: String, message: String, finding: Finding) {
        let issue = self.issue(path, message, finding);
        self.errors.push(issue);
    }

    /// Records a warning: unusual, but the scenario runs.
    pub(super) fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        let issue = self.issue(path.into(), message.into(), Finding::Other);
        self.warnings.push(issue);
    }

    /// Errors on a `names` entry (at `{path}.names`) in an unknown language or that is empty or
    /// longer than 200 bytes.
    pub(super) fn names(&mut self, path: &str, names: &std::collections::BTreeMap<String, String>) {
        for (language, name) in names {
            if !super::LANGUAGES.contains(&language.as_str()) {
                let known = super::LANGUAGES.join(", ");
                self.error(
                    format!("{path}.names"),
                    format!("unknown language {language:?}; expected one of {known}"),
                );
            } else if name.trim().is_empty() || name.len() > 200 {
                self.error(
                    format!("{path}.names.{language}"),
                    "expected a non-empty name of at most 200 bytes",
                );
            }
        }
    }

    /// Errors unless `lo <= value <= hi` (which also rejects NaN and infinities).
    pub(super) fn range(
        &mut self,
        path: impl fmt::Display,
        value: f64,
        lo: f64,
        hi: f64,
        unit: &'static str,
    ) {
        let finding = Finding::OutOfRange { lo, hi, unit, found: value };
        if !value.is_finite() {
            let message = format!("expected a finite number in {lo}..={hi} {unit}, found {value}");
            self.error_of(path.to_string(), message, finding);
        } else if value < lo || value > hi {
            let message = format!("expected a value in {lo}..={hi} {unit}, found {value}");
            self.error_of(path.to_string(), message, finding);
        }
    }

    /// Warns when a finite `value` lies outside the plausible band `lo..=hi`; `source` says
    /// where the band comes from.
    pub(super) fn band(&mut self, path: impl fmt::Display, value: f64, band: Band) {
        if value.is_finite() && (value < band.lo || value > band.hi) {
            let Band { lo, hi, unit, source } = band;
            let value = rounded(value);
            let message = format!(
                "{value} {unit} is outside the usual {lo}–{hi} {unit} for a Norwegian municipality ({source})"
            );
            let issue =
                self.issue(path.to_string(), message, Finding::Unusual { value, lo, hi, unit, source });
            self.warnings.push(issue);
        }
    }

    /// Checks one set of heating shares: each in 0..=1, together 1.
    pub(super) fn heating_shares(&mut self, path: &str, shares: &super::raw::RawHeatingShares) {
        let values = super::HeatingShares::from_raw(shares);
        for (system, value) in values.0 {
            self.range(format_args!("{path}.{}", system.key()), value, 0.0, 1.0, "(share)");
        }
        let sum: f64 = values.0.values().sum();
        if sum.is_finite() && (sum - 1.0).abs() > super::SHARE_SUM_TOLERANCE {
            let message = format!("heating shares must sum to 1, they sum to {sum:.4}");
            self.error_of(path.to_owned(), message, Finding::SharesSum { sum });
        }
    }
}

/// A value with four significant digits, for messages (`0.9960258` → `0.996`).
fn rounded(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let scale = 10f64.powi(3 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

/// Each source note has a plausible data year and a note of a sensible length, and should name
/// a field the scenario has (defaults included: the path is looked up in the file as a save
/// writes it); a note on a missing field is a warning.
fn sources(c: &mut Checker, raw: &RawScenario) {
    if raw.sources.is_empty() {
        return;
    }
    if raw.sources.len() > super::MAX_SOURCES {
        c.error(
            "sources",
            format!("at most {} source notes, found {}", super::MAX_SOURCES, raw.sources.len()),
        );
        return;
    }
    let canonical = super::locate::Locator::new(&super::to_ron(raw));
    for (i, source) in raw.sources.iter().enumerate() {
        // A note on a field that is not there blocks nothing: it is reported, and kept.
        if !source.field.is_empty() && canonical.find(&source.field).is_none() {
            c.warn(
                format!("sources[{i}].field"),
                format!(
                    "no field `{}` in this scenario (write a path such as `site.latitude_deg`, \
                     `building_classes[office]` or `levers[0]`)",
                    source.field
                ),
            );
        }
        if source.note.trim().is_empty() || source.note.chars().count() > super::MAX_NOTE_CHARS {
            c.error(
                format!("sources[{i}].note"),
                format!("expected a note of 1 to {} characters", super::MAX_NOTE_CHARS),
            );
        }
        if let Some(year) = source.year.filter(|y| !(1800..=2200).contains(y)) {
            c.error(format!("sources[{i}].year"), format!("expected a year in 1800..=2200, found {year}"));
        }
    }
}

/// A plausible band for a value, with its unit and source.
#[derive(Debug, Clone, Copy)]
pub(super) struct Band {
    lo: f64,
    hi: f64,
    unit: &'static str,
    source: &'static str,
}

/// Validates a parsed scenario; `text` (the file, or empty) locates each finding.
pub(super) fn validate(raw: RawScenario, text: &str, file: &Path) -> Result<Scenario, ScenarioError> {
    let mut c = Checker { text, errors: Vec::new(), warnings: Vec::new() };
    site::header(&mut c, &raw);
    site::site(&mut c, &raw.site);
    site::population(&mut c, &raw);
    let classes = buildings::classes(&mut c, &raw);
    buildings::heating(&mut c, &raw.heating);
    let new_buildings = buildings::new_buildings(&mut c, &raw, &classes);
    let districts = buildings::districts(&mut c, &raw, &classes);
    energy::transport(&mut c, &raw);
    energy::pv(&mut c, &raw.pv);
    let district_heating = energy::district_heating(&mut c, &raw);
    energy::grid_and_emissions(&mut c, &raw);
    let targets = policy::targets(&mut c, &raw);
    let uncertainties = policy::uncertainties(&mut c, &raw);
    policy::costs(&mut c, &raw.costs);
    let levers = policy::levers(&mut c, &raw, &districts, &district_heating);
    let materials = materials::materials(&mut c, &raw, &classes, &districts, &district_heating);
    let inventory = inventory::inventory(&mut c, &raw);
    let map_files = site::map_files(&raw, file);
    sources(&mut c, &raw);
    if !c.errors.is_empty() {
        return Err(ScenarioError::Invalid { file: file.to_owned(), issues: c.errors, warnings: c.warnings });
    }
    Ok(Scenario {
        name: raw.name.clone(),
        seed: raw.seed,
        base_year: raw.base_year,
        end_year: raw.end_year,
        site: raw.site.clone(),
        population: raw.population.iter().map(|p| (p.year, p.persons)).collect(),
        classes,
        heating: raw.heating.clone(),
        new_buildings,
        districts,
        transport: raw.transport.clone(),
        pv: raw.pv.clone(),
        district_heating,
        grid: raw.grid.clone(),
        emission_factors: raw.emission_factors.clone(),
        levers,
        persons_per_household: raw.persons_per_household,
        targets,
        uncertainties,
        costs: raw.costs.clone(),
        materials,
        inventory,
        map_files,
        warnings: c.warnings,
        raw,
    })
}
