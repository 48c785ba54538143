//! The validated materials network: waste fractions, processes and their transfer coefficients
//! (checked, loops detected, solved once with nalgebra per fraction), and the building-stock
//! groups. Built from the file's `materials` section by [`build_network`]; the yearly flows are
//! computed by [`crate::model::materials`].

use nalgebra::{DMatrix, DVector};

use crate::catalogue::Name;
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

/// Where a building stock group's demolished materials go: reused in new construction,
/// recycled, landfilled.
pub const DEMOLITION_ROUTES: [&str; 3] = ["reuse_in_construction", "construction_recycling", "landfill"];

/// A validated waste fraction.
#[derive(Debug, Clone, PartialEq)]
pub struct Fraction {
    /// Name.
    pub name: Name,
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
    /// Degradable organic carbon, share of the wet mass.
    pub doc_share: f64,
}

/// The validated waste network: processes, and per fraction the transfers and the throughput
/// that one tonne entering each of the three collection routes causes in every process.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// Process names; the first four are [`BUILT_IN`].
    pub processes: Vec<Name>,
    /// Whether each process is a sink (no outflow).
    pub is_sink: Vec<bool>,
    /// Each process's place in [`TREATMENTS`], if it is a treatment route.
    pub treatment: Vec<Option<usize>>,
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
    range(&mut issues, "materials.workplaces".into(), raw.workplaces, 0.0, 1e8);
    let fractions = check_fractions(raw, &mut issues);
    let (processes, entries) = check_processes(raw, &fractions, &mut issues);
    let incinerator_unit = incinerator_unit(raw, unit_names, &mut issues);
    if !issues.is_empty() {
        return Err(issues);
    }
    let n = processes.len();
    let mut is_sink = vec![true; n];
    is_sink[HOUSEHOLDS] = false;
    for entry in &entries {
        is_sink[entry.from] = false;
    }
    let mut transfers = Vec::with_capacity(fractions.len());
    let mut throughput_per_input = Vec::with_capacity(fractions.len());
    for (f, fraction) in fractions.iter().enumerate() {
        let t = fraction_transfers(&entries, f, n);
        let before = issues.len();
        check_ways_out(&t, &is_sink, &processes, &fraction.name, &mut issues);
        if issues.len() > before {
            continue;
        }
        throughput_per_input.push(solve_throughput(&t, n, &fraction.name, &mut issues));
        transfers.push(t);
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(Network {
        incineration: processes.iter().position(|p| p == "incineration"),
        treatment: processes.iter().map(|p| TREATMENTS.iter().position(|t| t == p)).collect(),
        processes: processes.into_iter().map(Name::from).collect(),
        is_sink,
        fractions,
        transfers,
        throughput_per_input,
        incinerator_unit,
        workplaces: raw.workplaces,
    })
}

/// Adds an issue if `v` is outside `lo..=hi` (or NaN).
fn range(issues: &mut Vec<NetworkIssue>, path: String, v: f64, lo: f64, hi: f64) {
    if !(v >= lo && v <= hi) {
        issues.push(issue(path, format!("expected a value in {lo}..={hi}, found {v}")));
    }
}

/// The fractions, each checked: a plain unique name, every number in range.
fn check_fractions(raw: &RawMaterials, issues: &mut Vec<NetworkIssue>) -> Vec<Fraction> {
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
        range(issues, format!("{p}.kg_per_person"), f.kg_per_person, 0.0, 10_000.0);
        range(issues, format!("{p}.kg_per_workplace"), f.kg_per_workplace, 0.0, 100_000.0);
        range(issues, format!("{p}.trend_per_year"), f.trend_per_year, -0.2, 0.2);
        range(issues, format!("{p}.source_separation_share"), f.source_separation_share, 0.0, 1.0);
        range(issues, format!("{p}.lhv_mwh_per_t"), f.lhv_mwh_per_t, 0.0, 12.0);
        range(issues, format!("{p}.fossil_energy_share"), f.fossil_energy_share, 0.0, 1.0);
        // IPCC's highest default DOC (wood, 0.43) with room for dry fractions.
        range(issues, format!("{p}.doc_share"), f.doc_share, 0.0, 0.6);
        fractions.push(Fraction {
            name: f.name.as_str().into(),
            kg_per_person: f.kg_per_person,
            kg_per_workplace: f.kg_per_workplace,
            trend_per_year: f.trend_per_year,
            source_separation_share: f.source_separation_share,
            sortable: f.sortable,
            lhv_mwh_per_t: f.lhv_mwh_per_t,
            fossil_energy_share: f.fossil_energy_share,
            doc_share: f.doc_share,
        });
    }
    fractions
}

/// The transfer coefficients out of one process, for all fractions or for one.
struct Entry {
    /// The process they leave.
    from: usize,
    /// The fraction they are for (`None`: every fraction without its own entry).
    fraction: Option<usize>,
    /// (destination, share).
    to: Vec<(usize, f64)>,
}

/// Index of a process by name, added at the end on its first mention.
fn index_of(name: &str, processes: &mut Vec<String>) -> usize {
    processes.iter().position(|p| p == name).unwrap_or_else(|| {
        processes.push(name.to_owned());
        processes.len() - 1
    })
}

/// The processes (built-in ones first, then in order of first mention) and every entry of
/// transfer coefficients, each checked.
fn check_processes(
    raw: &RawMaterials,
    fractions: &[Fraction],
    issues: &mut Vec<NetworkIssue>,
) -> (Vec<String>, Vec<Entry>) {
    let mut processes: Vec<String> = BUILT_IN.iter().map(|s| (*s).to_owned()).collect();
    if raw.processes.len() > 500 {
        issues.push(issue("materials.processes", "expected at most 500 entries"));
    }
    let mut entries = Vec::new();
    for (i, p) in raw.processes.iter().enumerate().take(500) {
        let path = format!("materials.processes[{i}]");
        check_process_name(&p.process, &path, issues);
        let from = index_of(&p.process, &mut processes);
        let fraction = match &p.fraction {
            None => None,
            Some(name) => match fractions.iter().position(|f| *f.name == **name) {
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
        let to = check_targets(&p.process, &p.to, &path, &mut processes, issues);
        entries.push(Entry { from, fraction, to });
    }
    if processes.len() > 200 {
        issues.push(issue("materials.processes", "expected at most 200 processes"));
    }
    (processes, entries)
}

/// A process that transfer coefficients leave: named, and not one the levers split.
fn check_process_name(process: &str, path: &str, issues: &mut Vec<NetworkIssue>) {
    if process.is_empty() || process.len() > 60 {
        issues.push(issue(format!("{path}.process"), "expected a name of 1–60 characters"));
    }
    if process == "households" || process == "reuse" {
        issues.push(issue(
            format!("{path}.process"),
            format!(
                "{process:?} is split by the scenario's fractions and levers, not by transfer coefficients"
            ),
        ));
    }
}

/// One entry's (destination, share) pairs: shares in 0..=1 summing to 1, never to itself or back
/// to households.
fn check_targets(
    process: &str,
    to: &[(String, f64)],
    path: &str,
    processes: &mut Vec<String>,
    issues: &mut Vec<NetworkIssue>,
) -> Vec<(usize, f64)> {
    if to.is_empty() || to.len() > 50 {
        issues.push(issue(format!("{path}.to"), "expected 1 to 50 (process, share) pairs"));
    }
    let mut sum = 0.0;
    let mut targets = Vec::new();
    for (j, (target, share)) in to.iter().enumerate().take(50) {
        range(issues, format!("{path}.to[{j}]"), *share, 0.0, 1.0);
        if target == process {
            issues.push(issue(format!("{path}.to[{j}]"), format!("{process:?} cannot send to itself")));
        }
        if target == "households" {
            issues.push(issue(format!("{path}.to[{j}]"), "nothing flows back to households"));
        }
        sum += share;
        targets.push((index_of(target, processes), *share));
    }
    if sum.is_finite() && (sum - 1.0).abs() > 1e-9 {
        issues.push(issue(
            format!("{path}.to"),
            format!("transfer coefficients out of {process:?} must sum to 1, they sum to {sum:.6}"),
        ));
    }
    targets
}

/// The district-heating unit named as the incinerator, if any: it must exist and burn waste.
fn incinerator_unit(
    raw: &RawMaterials,
    unit_names: &[(String, bool)],
    issues: &mut Vec<NetworkIssue>,
) -> Option<usize> {
    let name = raw.incinerator.as_ref()?;
    let message = match unit_names.iter().position(|(n, _)| n == name) {
        Some(i) if unit_names[i].1 => return Some(i),
        Some(_) => format!("unit {name:?} is not a WasteIncineration unit"),
        None => format!("no district-heating unit is named {name:?}"),
    };
    issues.push(issue("materials.incinerator", message));
    None
}

/// (from, to, share) of every transfer fraction `f` takes: a process's entry for the fraction
/// overrides its entry for all fractions.
fn fraction_transfers(entries: &[Entry], f: usize, n: usize) -> Vec<(usize, usize, f64)> {
    let mut t = Vec::new();
    for from in 0..n {
        let specific = entries.iter().find(|e| e.from == from && e.fraction == Some(f));
        let general = entries.iter().find(|e| e.from == from && e.fraction.is_none());
        if let Some(entry) = specific.or(general) {
            t.extend(entry.to.iter().map(|(to, share)| (from, *to, *share)));
        }
    }
    t
}

/// Every process a fraction reaches must have transfers for it or be a sink, and a sink must be
/// reachable from every process (a loop with no way out holds material forever).
fn check_ways_out(
    t: &[(usize, usize, f64)],
    is_sink: &[bool],
    processes: &[String],
    fraction: &str,
    issues: &mut Vec<NetworkIssue>,
) {
    let n = processes.len();
    let has_out: Vec<bool> = (0..n).map(|p| t.iter().any(|(from, _, _)| *from == p)).collect();
    for p in 0..n {
        if !has_out[p] && !is_sink[p] && p != HOUSEHOLDS {
            issues.push(issue(
                "materials.processes",
                format!("process {:?} has no transfers for fraction {fraction:?}", processes[p]),
            ));
        }
    }
    let mut reaches_sink: Vec<bool> = (0..n).map(|p| !has_out[p]).collect();
    loop {
        let mut changed = false;
        for (from, to, share) in t {
            if *share > 0.0 && reaches_sink[*to] && !reaches_sink[*from] {
                reaches_sink[*from] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let trapped: Vec<&str> = (0..n).filter(|p| !reaches_sink[*p]).map(|p| processes[p].as_str()).collect();
    if !trapped.is_empty() {
        issues.push(issue(
            "materials.processes",
            format!(
                "fraction {fraction:?}: processes {} form a loop with no way out (the system is singular)",
                trapped.join(", ")
            ),
        ));
    }
}

/// Throughput of every process per tonne entering reuse, separate and residual collection:
/// `(I − Tᵀ) x = b` solved for a unit input at each.
fn solve_throughput(
    t: &[(usize, usize, f64)],
    n: usize,
    fraction: &str,
    issues: &mut Vec<NetworkIssue>,
) -> [Vec<f64>; 3] {
    let mut m = DMatrix::<f64>::identity(n, n);
    for (from, to, share) in t {
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
                format!("fraction {fraction:?}: the process network is singular"),
            )),
        }
    }
    columns
}

/// A validated building-stock group.
#[derive(Debug, Clone, PartialEq)]
pub struct StockGroup {
    /// Name.
    pub name: Name,
    /// The process its demolished materials leave from (`demolition_<name>`).
    pub demolition: Name,
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
            name: raw.name.as_str().into(),
            demolition: format!("demolition_{}", raw.name).into(),
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
