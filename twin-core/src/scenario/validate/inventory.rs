//! Validation of the inventory section: each source outside the model (a unique name, a
//! pathway of years and tonnes, a fuel with an emission factor, an electrification lever) and the
//! landfill's parameters and history.

use super::Checker;
use crate::catalogue::levers::LeverId;
use crate::catalogue::{Carrier, Catalogue};
use crate::scenario::raw::{RawEmissionSource, RawLandfill};
use crate::scenario::{EmissionSource, Inventory, RawScenario};

/// At most this many sources (Miljødirektoratet's statistics have about 30 sub-sectors).
const MAX_SOURCES: usize = 40;
/// At most this many points in a pathway.
const MAX_POINTS: usize = 200;
/// More than this from one source, t CO2e/yr, is a typing error (Norway emits ≈ 47 Mt in all).
const MAX_SOURCE_T: f64 = 50_000_000.0;

/// The validated inventory (empty if the file has none).
pub(super) fn inventory(c: &mut Checker, raw: &RawScenario) -> Inventory {
    let Some(inv) = raw.inventory.as_ref() else { return Inventory::default() };
    if inv.sources.len() > MAX_SOURCES {
        c.error("inventory.sources", format!("expected at most {MAX_SOURCES} sources"));
    }
    let sources = inv
        .sources
        .iter()
        .enumerate()
        .take(MAX_SOURCES)
        .filter_map(|(i, s)| {
            let duplicate = inv.sources[..i].iter().any(|o| o.name == s.name);
            source(c, raw, &format!("inventory.sources[{i}]"), s, duplicate)
        })
        .collect();
    if let Some(l) = &inv.landfill {
        landfill(c, raw.base_year, l);
    }
    Inventory { sources, landfill: inv.landfill.clone() }
}

/// One source, if it is valid.
fn source(
    c: &mut Checker,
    raw: &RawScenario,
    p: &str,
    s: &RawEmissionSource,
    duplicate: bool,
) -> Option<EmissionSource> {
    let errors = c.errors.len();
    if s.name.trim().is_empty() || s.name.chars().count() > 80 {
        c.error(format!("{p}.name"), "expected a name of 1 to 80 characters");
    }
    if duplicate {
        c.error(format!("{p}.name"), format!("duplicate source {:?}", s.name));
    }
    c.names(p, &s.names);
    let emissions_t = pathway(c, p, s);
    let ef = &raw.emission_factors;
    let g_per_kwh = match s.fuel {
        Carrier::Diesel => ef.diesel_g_per_kwh,
        Carrier::Petrol => ef.petrol_g_per_kwh,
        Carrier::Oil => ef.oil_g_per_kwh,
        other => {
            c.error(format!("{p}.fuel"), format!("expected Diesel, Petrol or Oil, found {other:?}"));
            0.0
        }
    };
    let lever = s.lever.as_deref().and_then(|key| electrifying_lever(c, p, key));
    c.range(format!("{p}.electricity_per_fuel_mwh"), s.electricity_per_fuel_mwh, 0.0, 1.5, "MWh/MWh");
    if lever.is_some() && g_per_kwh <= 0.0 {
        c.error(
            format!("{p}.fuel"),
            "its fuel's emission factor is 0, so the energy a lever replaces is unknown",
        );
    }
    (c.errors.len() == errors).then(|| EmissionSource {
        name: s.name.clone(),
        sector: s.sector,
        emissions_t,
        fuel: s.fuel,
        t_per_fuel_mwh: g_per_kwh / 1000.0,
        lever,
        electricity_per_fuel_mwh: s.electricity_per_fuel_mwh,
    })
}

/// The source's pathway: 1 to 200 points, years increasing, tonnes in range.
fn pathway(c: &mut Checker, p: &str, s: &RawEmissionSource) -> Vec<(i32, f64)> {
    if s.emissions.is_empty() || s.emissions.len() > MAX_POINTS {
        c.error(format!("{p}.emissions"), format!("expected 1 to {MAX_POINTS} points (year, t_co2e)"));
    }
    for (i, point) in s.emissions.iter().enumerate() {
        c.range(format!("{p}.emissions[{i}].t_co2e"), point.t_co2e, 0.0, MAX_SOURCE_T, "t CO2e/yr");
        if i > 0 && point.year <= s.emissions[i - 1].year {
            c.error(format!("{p}.emissions[{i}].year"), "years must increase strictly");
        }
    }
    s.emissions.iter().map(|e| (e.year, e.t_co2e)).collect()
}

/// The lever with this key, if it is one that electrifies a source.
fn electrifying_lever(c: &mut Checker, p: &str, key: &str) -> Option<LeverId> {
    let lever = LeverId::from_key(key).filter(|l| LeverId::ELECTRIFYING.contains(l));
    if lever.is_none() {
        let keys: Vec<&str> = LeverId::ELECTRIFYING.iter().map(|l| l.key()).collect();
        c.error(format!("{p}.lever"), format!("unknown lever {key:?}; expected one of {}", keys.join(", ")));
    }
    lever
}

/// The landfill: its history before the base year and IPCC's parameters in their ranges.
fn landfill(c: &mut Checker, base_year: i32, l: &RawLandfill) {
    let p = "inventory.landfill";
    if l.history.is_empty() || l.history.len() > MAX_POINTS {
        c.error(format!("{p}.history"), format!("expected 1 to {MAX_POINTS} points (year, t)"));
    }
    for (i, point) in l.history.iter().enumerate() {
        c.range(format!("{p}.history[{i}].t"), point.t, 0.0, 1e7, "t/yr");
        if i > 0 && point.year <= l.history[i - 1].year {
            c.error(format!("{p}.history[{i}].year"), "years must increase strictly");
        }
        if point.year >= base_year || point.year < base_year - 200 {
            c.error(
                format!("{p}.history[{i}].year"),
                format!(
                    "expected a year in {}..{base_year} (from the base year on the model's own waste \
                     flows into `landfill` are deposited)",
                    base_year - 200
                ),
            );
        }
    }
    c.range(format!("{p}.history_doc_share"), l.history_doc_share, 0.0, 0.6, "(share)");
    c.range(format!("{p}.decomposable_share"), l.decomposable_share, 0.0, 1.0, "(share)");
    c.range(format!("{p}.methane_correction_factor"), l.methane_correction_factor, 0.0, 1.0, "(share)");
    c.range(format!("{p}.methane_fraction"), l.methane_fraction, 0.0, 1.0, "(share)");
    c.range(format!("{p}.decay_rate_per_year"), l.decay_rate_per_year, 0.01, 0.7, "1/yr");
    c.range(format!("{p}.recovery_share"), l.recovery_share, 0.0, 1.0, "(share)");
    c.range(format!("{p}.oxidation_share"), l.oxidation_share, 0.0, 1.0, "(share)");
}
