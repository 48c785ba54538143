//! The validated materials network: waste fractions, processes and their transfer coefficients
//! (checked, loops detected, solved once with nalgebra per fraction), and the building-stock
//! groups. Built from the file's `materials` section by [`build_network`]; the yearly flows are
//! computed by [`crate::model::materials`].

use nalgebra::{DMatrix, DVector};

use crate::math::dsm;
use crate::scenario::BuildingType;
use crate::scenario::raw::{RawMaterials, RawStockGroup};

/// Built-in processes: where waste is generated and the three ways it leaves the households.
pub const HOUSEHOLDS: usize = 0;
/// Reused before becoming waste (a sink).
pub const REUSE: usize = 1;
/// Separate (source-sorted) collection.
pub const SEPARATE_COLLECTION: usize = 2;
/// Residual-waste collection.
pub const RESIDUAL_COLLECTION: usize = 3;
/// Names of the built-in processes.
pub const BUILT_IN: [&str; 4] = ["households", "reuse", "separate_collection", "residual_collection"];
/// Processes that count as a treatment route in the U4SSC waste-treatment split (by name);
/// `bottom_ash` is listed so that ash landfilled after incineration is not counted twice.
pub const TREATMENTS: [&str; 8] = [
    "reuse",
    "recycling",
    "biogas",
    "composting",
    "incineration",
    "landfill",
    "hazardous_treatment",
    "bottom_ash",
];

/// A validated waste fraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Fraction {
    /// Name.
    pub name: String,
    /// kg per resident per year in the base year.
    pub kg_per_person: f64,
    /// kg per workplace per year in the base year.
    pub kg_per_workplace: f64,
    /// Yearly relative change.
    pub trend_per_year: f64,
    /// Source-separation share in the base year.
    pub source_separation_share: f64,
    /// Whether a sorting campaign applies.
    pub sortable: bool,
    /// MWh per tonne burnt.
    pub lhv_mwh_per_t: f64,
    /// Fossil share of its energy.
    pub fossil_energy_share: f64,
}

/// The validated waste network: processes, and per fraction the transfers and the throughput
/// that one tonne entering each of the three collection routes causes in every process.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// Process names; the first four are [`BUILT_IN`].
    pub processes: Vec<String>,
    /// Whether each process is a sink (no outflow).
    pub is_sink: Vec<bool>,
    /// Fractions.
    pub fractions: Vec<Fraction>,
    /// Per fraction: (from, to, share) of every transfer out of a non-household process.
    pub transfers: Vec<Vec<(usize, usize, f64)>>,
    /// Per fraction: throughput of every process per tonne entering reuse, separate collection
    /// and residual collection (the columns of `(I − Tᵀ)⁻¹` for those inputs).
    pub throughput_per_input: Vec<[Vec<f64>; 3]>,
    /// Index of the `incineration` process, if there is one.
    pub incineration: Option<usize>,
    /// Index (in merit order) of the district-heating unit that burns it, if local.
    pub incinerator_unit: Option<usize>,
    /// Workplaces.
    pub workplaces: f64,
}

/// A problem in the materials section, with the field it concerns.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkIssue {
    /// Field path.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

fn issue(path: impl Into<String>, message: impl Into<String>) -> NetworkIssue {
    NetworkIssue { path: path.into(), message: message.into() }
}

/// Builds and checks the waste network. `unit_names` are the district-heating units in merit
/// order with whether each is a waste incinerator.
pub fn build_network(
    raw: &RawMaterials,
    unit_names: &[(String, bool)],
) -> Result<Network, Vec<NetworkIssue>> {
    let mut issues = Vec::new();
    let range = |issues: &mut Vec<NetworkIssue>, path: String, v: f64, lo: f64, hi: f64| {
        if !(v >= lo && v <= hi) {
            issues.push(issue(path, format!("expected a value in {lo}..={hi}, found {v}")));
        }
    };
    range(&mut issues, "materials.workplaces".into(), raw.workplaces, 0.0, 1e8);
    if raw.fractions.is_empty() || raw.fractions.len() > 30 {
        issues.push(issue("materials.fractions", "expected 1 to 30 fractions"));
    }
    let mut fractions = Vec::new();
    for (i, f) in raw.fractions.iter().enumerate().take(30) {
        let p = format!("materials.fractions[{i}]");
        if f.name.is_empty()
            || f.name.len() > 40
            || !f.name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            issues.push(issue(format!("{p}.name"), "expected 1–40 letters, digits or `_`"));
        }
        if raw.fractions[..i].iter().any(|o| o.name == f.name) {
            issues.push(issue(format!("{p}.name"), format!("duplicate fraction {:?}", f.name)));
        }
        range(&mut issues, format!("{p}.kg_per_person"), f.kg_per_person, 0.0, 10_000.0);
        range(&mut issues, format!("{p}.kg_per_workplace"), f.kg_per_workplace, 0.0, 100_000.0);
        range(&mut issues, format!("{p}.trend_per_year"), f.trend_per_year, -0.2, 0.2);
        range(&mut issues, format!("{p}.source_separation_share"), f.source_separation_share, 0.0, 1.0);
        range(&mut issues, format!("{p}.lhv_mwh_per_t"), f.lhv_mwh_per_t, 0.0, 12.0);
        range(&mut issues, format!("{p}.fossil_energy_share"), f.fossil_energy_share, 0.0, 1.0);
        fractions.push(Fraction {
            name: f.name.clone(),
            kg_per_person: f.kg_per_person,
            kg_per_workplace: f.kg_per_workplace,
            trend_per_year: f.trend_per_year,
            source_separation_share: f.source_separation_share,
            sortable: f.sortable,
            lhv_mwh_per_t: f.lhv_mwh_per_t,
            fossil_energy_share: f.fossil_energy_share,
        });
    }

    // Processes in order of first mention.
    let mut processes: Vec<String> = BUILT_IN.iter().map(|s| (*s).to_owned()).collect();
    let index_of = |name: &str, processes: &mut Vec<String>| match processes.iter().position(|p| p == name) {
        Some(i) => i,
        None => {
            processes.push(name.to_owned());
            processes.len() - 1
        }
    };
    if raw.processes.len() > 500 {
        issues.push(issue("materials.processes", "expected at most 500 entries"));
    }
    let mut entries = Vec::new();
    for (i, p) in raw.processes.iter().enumerate().take(500) {
        let path = format!("materials.processes[{i}]");
        if p.process.is_empty() || p.process.len() > 60 {
            issues.push(issue(format!("{path}.process"), "expected a name of 1–60 characters"));
        }
        if p.process == "households" || p.process == "reuse" {
            issues.push(issue(
                format!("{path}.process"),
                format!(
                    "{:?} is split by the scenario's fractions and levers, not by transfer coefficients",
                    p.process
                ),
            ));
        }
        let from = index_of(&p.process, &mut processes);
        let fraction = match &p.fraction {
            None => None,
            Some(name) => match fractions.iter().position(|f| &f.name == name) {
                Some(f) => Some(f),
                None => {
                    issues.push(issue(format!("{path}.fraction"), format!("unknown fraction {name:?}")));
                    continue;
                }
            },
        };
        if raw.processes[..i].iter().any(|o| o.process == p.process && o.fraction == p.fraction) {
            issues.push(issue(
                format!("{path}.process"),
                format!("transfers out of {:?} are given twice", p.process),
            ));
        }
        if p.to.is_empty() || p.to.len() > 50 {
            issues.push(issue(format!("{path}.to"), "expected 1 to 50 (process, share) pairs"));
        }
        let mut sum = 0.0;
        let mut targets = Vec::new();
        for (j, (to, share)) in p.to.iter().enumerate().take(50) {
            range(&mut issues, format!("{path}.to[{j}]"), *share, 0.0, 1.0);
            if to == &p.process {
                issues
                    .push(issue(format!("{path}.to[{j}]"), format!("{:?} cannot send to itself", p.process)));
            }
            if to == "households" {
                issues.push(issue(format!("{path}.to[{j}]"), "nothing flows back to households"));
            }
            sum += share;
            targets.push((index_of(to, &mut processes), *share));
        }
        if sum.is_finite() && (sum - 1.0).abs() > 1e-9 {
            issues.push(issue(
                format!("{path}.to"),
                format!("transfer coefficients out of {:?} must sum to 1, they sum to {sum:.6}", p.process),
            ));
        }
        entries.push((from, fraction, targets));
    }
    if processes.len() > 200 {
        issues.push(issue("materials.processes", "expected at most 200 processes"));
    }
    let incineration = processes.iter().position(|p| p == "incineration");
    let incinerator_unit = match &raw.incinerator {
        None => None,
        Some(name) => match unit_names.iter().position(|(n, _)| n == name) {
            Some(i) if unit_names[i].1 => Some(i),
            Some(_) => {
                issues.push(issue(
                    "materials.incinerator",
                    format!("unit {name:?} is not a WasteIncineration unit"),
                ));
                None
            }
            None => {
                issues.push(issue(
                    "materials.incinerator",
                    format!("no district-heating unit is named {name:?}"),
                ));
                None
            }
        },
    };
    if !issues.is_empty() {
        return Err(issues);
    }

    let n = processes.len();
    let mut is_sink = vec![true; n];
    is_sink[HOUSEHOLDS] = false;
    for (from, _, _) in &entries {
        is_sink[*from] = false;
    }
    let mut transfers = Vec::with_capacity(fractions.len());
    let mut throughput_per_input = Vec::with_capacity(fractions.len());
    for (f, fraction) in fractions.iter().enumerate() {
        // Entries for this fraction override the all-fraction entry of the same process.
        let mut t: Vec<(usize, usize, f64)> = Vec::new();
        for from in 0..n {
            let specific = entries.iter().find(|(p, fr, _)| *p == from && *fr == Some(f));
            let general = entries.iter().find(|(p, fr, _)| *p == from && fr.is_none());
            if let Some((_, _, targets)) = specific.or(general) {
                t.extend(targets.iter().map(|(to, share)| (from, *to, *share)));
            }
        }
        // A process whose transfers exist only for other fractions is a dead end for this one.
        let has_out: Vec<bool> = (0..n).map(|p| t.iter().any(|(from, _, _)| *from == p)).collect();
        for p in 0..n {
            if !has_out[p] && !is_sink[p] && p != HOUSEHOLDS {
                issues.push(issue(
                    "materials.processes",
                    format!("process {:?} has no transfers for fraction {:?}", processes[p], fraction.name),
                ));
            }
        }
        // Processes from which no sink can be reached hold material forever: a loop with no way out.
        let mut reaches_sink: Vec<bool> = (0..n).map(|p| !has_out[p]).collect();
        loop {
            let mut changed = false;
            for (from, to, share) in &t {
                if *share > 0.0 && reaches_sink[*to] && !reaches_sink[*from] {
                    reaches_sink[*from] = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let trapped: Vec<&str> =
            (0..n).filter(|p| !reaches_sink[*p]).map(|p| processes[p].as_str()).collect();
        if !trapped.is_empty() {
            issues.push(issue(
                "materials.processes",
                format!(
                    "fraction {:?}: processes {} form a loop with no way out (the system is singular)",
                    fraction.name,
                    trapped.join(", ")
                ),
            ));
            continue;
        }
        // (I − Tᵀ) x = b, solved for a unit input at each collection route.
        let mut m = DMatrix::<f64>::identity(n, n);
        for (from, to, share) in &t {
            m[(*to, *from)] -= share;
        }
        let lu = m.lu();
        let mut columns: [Vec<f64>; 3] = Default::default();
        for (k, input) in [REUSE, SEPARATE_COLLECTION, RESIDUAL_COLLECTION].into_iter().enumerate() {
            let mut b = DVector::zeros(n);
            b[input] = 1.0;
            match lu.solve(&b) {
                Some(x) if x.iter().all(|v| v.is_finite() && *v >= -1e-12) => {
                    columns[k] = x.iter().map(|v| v.max(0.0)).collect();
                }
                _ => issues.push(issue(
                    "materials.processes",
                    format!("fraction {:?}: the process network is singular", fraction.name),
                )),
            }
        }
        transfers.push(t);
        throughput_per_input.push(columns);
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(Network {
        processes,
        is_sink,
        fractions,
        transfers,
        throughput_per_input,
        incineration,
        incinerator_unit,
        workplaces: raw.workplaces,
    })
}

/// A validated building-stock group.
#[derive(Debug, Clone, PartialEq)]
pub struct StockGroup {
    /// Name.
    pub name: String,
    /// Building types in the group.
    pub building_types: Vec<BuildingType>,
    /// Floor area before the base year: (year, m²) points.
    pub history: Vec<(i32, f64)>,
    /// Lifetime of the buildings.
    pub lifetime: dsm::Lifetime,
    /// Material intensity by construction period: (first year, [(material, kg/m²)]).
    pub material_intensity: Vec<(i32, Vec<(String, f64)>)>,
}

impl StockGroup {
    /// From the file's group (already checked).
    pub fn from_raw(raw: &RawStockGroup) -> StockGroup {
        StockGroup {
            name: raw.name.clone(),
            building_types: raw.building_types.clone(),
            history: raw.history.clone(),
            lifetime: raw.lifetime,
            material_intensity: raw
                .material_intensity
                .iter()
                .map(|p| (p.from_year, p.kg_per_m2.clone()))
                .collect(),
        }
    }
}
