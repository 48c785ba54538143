//! Validation of the header (format, name, years), the site and its climate, the population, and
//! the map's files.

use std::path::Path;

use super::{Band, Checker};
use crate::scenario::{MAX_YEARS, MapFiles, RawScenario, Site};

/// Format version, name, base and end year.
pub(super) fn header(c: &mut Checker, raw: &RawScenario) {
    if raw.format_version != 1 {
        c.error("format_version", format!("expected 1, found {}", raw.format_version));
    }
    if raw.name.trim().is_empty() || raw.name.len() > 200 {
        c.error("name", "expected a non-empty name of at most 200 bytes");
    }
    if !(1900..=2200).contains(&raw.base_year) {
        c.error("base_year", format!("expected a year in 1900..=2200, found {}", raw.base_year));
    }
    let years = i64::from(raw.end_year) - i64::from(raw.base_year) + 1;
    if years < 1 || years > i64::from(MAX_YEARS) {
        c.error(
            "end_year",
            format!(
                "expected a year from base_year {} to {}, found {}",
                raw.base_year,
                i64::from(raw.base_year) + i64::from(MAX_YEARS) - 1,
                raw.end_year
            ),
        );
    }
}

/// Site, climate normals and the weather generator's settings.
pub(super) fn site(c: &mut Checker, s: &Site) {
    if s.kommune_number.len() != 4 || !s.kommune_number.bytes().all(|b| b.is_ascii_digit()) {
        c.error("site.kommune_number", format!("expected four digits, found {:?}", s.kommune_number));
    }
    c.range("site.latitude_deg", s.latitude_deg, -89.0, 89.0, "degrees");
    c.band("site.latitude_deg", s.latitude_deg, NORWAY_LATITUDE);
    c.range("site.longitude_deg", s.longitude_deg, -180.0, 180.0, "degrees");
    c.range("site.elevation_m", s.elevation_m, -500.0, 9000.0, "m");
    if !(-12..=14).contains(&s.utc_offset_h) {
        c.error("site.utc_offset_h", format!("expected -12..=14 hours, found {}", s.utc_offset_h));
    }
    monthly(c, "site.monthly_mean_temperature_c", &s.monthly_mean_temperature_c, -60.0, 50.0, "°C");
    monthly(c, "site.monthly_clear_sky_ratio", &s.monthly_clear_sky_ratio, 0.0, 1.0, "(ratio)");
    c.range("site.diurnal_range_c", s.diurnal_range_c, 0.0, 30.0, "K");
    c.range("site.temperature_offset_c", s.temperature_offset_c, -10.0, 10.0, "K");
    c.range("site.temperature_anomaly_sd_c", s.temperature_anomaly_sd_c, 0.0, 15.0, "K");
    c.range("site.temperature_persistence_h", s.temperature_persistence_h, 1.0, 2000.0, "h");
    if s.cold_spells_per_winter > 10 {
        c.error("site.cold_spells_per_winter", "expected at most 10");
    }
    c.range("site.cold_spell_depth_c", s.cold_spell_depth_c, 0.0, 30.0, "K");
    c.range("site.linke_turbidity", s.linke_turbidity, 1.0, 10.0, "");
    c.range("site.albedo", s.albedo, 0.0, 1.0, "");
    c.range("site.heating_base_temperature_c", s.heating_base_temperature_c, 5.0, 25.0, "°C");
}

/// Mainland Norway and Svalbard lie between 57.9° N (Lindesnes) and 80.8° N.
const NORWAY_LATITUDE: Band =
    Band { lo: 57.9, hi: 81.0, unit: "° N", source: "Lindesnes 57.9° N to Svalbard 80.8° N" };

fn monthly(c: &mut Checker, path: &str, values: &[f64], lo: f64, hi: f64, unit: &'static str) {
    if values.len() != 12 {
        c.error(path, format!("expected 12 monthly values, found {}", values.len()));
        return;
    }
    for (i, v) in values.iter().enumerate() {
        c.range(format_args!("{path}[{i}]"), *v, lo, hi, unit);
    }
}

/// The population path: 1 to 1000 points with strictly increasing years.
pub(super) fn population(c: &mut Checker, raw: &RawScenario) {
    if raw.population.is_empty() || raw.population.len() > 1000 {
        c.error("population", "expected 1 to 1000 points (year, persons)");
    }
    for (i, p) in raw.population.iter().enumerate() {
        c.range(format_args!("population[{i}].persons"), p.persons, 0.0, 1e8, "persons");
        if i > 0 && p.year <= raw.population[i - 1].year {
            c.error(format!("population[{i}].year"), "years must increase strictly");
        }
    }
}

/// The map's files resolved against the scenario's folder. Whether they can be read is the
/// front ends' business (`twin validate` says; the viewer falls back to a built-in map): a
/// scenario copied without its map still runs.
pub(super) fn map_files(raw: &RawScenario, file: &Path) -> Option<MapFiles> {
    raw.site.map.as_ref().map(|map| MapFiles::resolve(map, file))
}
