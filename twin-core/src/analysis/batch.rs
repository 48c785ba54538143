//! Batches: many scenarios × lever settings from one manifest (`twin batch`), one result row per
//! run, handed over in run order, so that a sweep streams into a file, resumes after an
//! interruption from the rows already written, and splits into ranges of runs for other machines.
//!
//! A manifest is RON; its paths are relative to the manifest's folder:
//!
//! ```ron
//! Batch(
//!     // Scenario files, or folders whose `*.ron` files all run (in name order).
//!     scenarios: ["../scenarios"],
//!     // Every scenario runs with each of these settings of its levers ...
//!     variants: [(name: "as-planned"), (name: "more-evs", set: {"ev_share": 0.95})],
//!     // ... and with this many draws of the named levers, uniform over their ranges; with
//!     // `uncertain: true` each draw also takes the scenario's uncertain parameters and its
//!     // weather as run `i` of `twin ensemble` takes them.
//!     samples: (runs: 1000, seed: 2026, levers: ["ev_share", "pv_rollout"], uncertain: true),
//!     // The years and quantities of each row [default: 2030 and 2050; every quantity].
//!     years: [2030, 2050],
//!     quantities: ["ghg_per_capita", "grid_peak"],
//! )
//! ```
//!
//! Runs are numbered scenario by scenario: first each variant, then each draw. A run's row
//! depends only on the plan (the manifest and the scenario files' texts) and its number, never on
//! the threads or on the runs done before, so rows from several machines or sessions join into
//! the file one machine would write. A plan's digest names exactly that: a file started by one
//! plan is only ever continued by the same plan.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Deserialize;

use crate::analysis::ensemble::{Member, member};
use crate::analysis::quantity::{self, QUANTITIES, Quantity};
use crate::catalogue::Catalogue;
use crate::catalogue::levers::{LeverId, Levers};
use crate::catalogue::parameter::Parameter;
use crate::model::{RunOptions, run};
use crate::outcome::Outcome;
use crate::prepare::{Prepared, SunYear};
use crate::scenario::locate::locate;
use crate::scenario::{self, Finding, Issue, Scenario, ScenarioError};

/// The largest manifest read (bytes).
const MAX_MANIFEST_BYTES: u64 = 1 << 20;

/// The most runs one scenario may have in a batch (variants and draws together).
pub const MAX_RUNS_PER_SCENARIO: usize = 10_000_000;

/// A manifest as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename = "Batch", deny_unknown_fields)]
struct RawManifest {
    scenarios: Vec<PathBuf>,
    #[serde(default)]
    variants: Vec<RawVariant>,
    #[serde(default)]
    samples: Option<RawSamples>,
    #[serde(default = "default_years")]
    years: Vec<i32>,
    #[serde(default)]
    quantities: Vec<String>,
}

fn default_years() -> Vec<i32> {
    vec![2030, 2050]
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    name: String,
    #[serde(default)]
    set: BTreeMap<String, f64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSamples {
    runs: usize,
    seed: u64,
    #[serde(default)]
    levers: Vec<String>,
    #[serde(default)]
    uncertain: bool,
}

/// A named setting of some levers (the others keep the scenario's own).
#[derive(Debug, Clone, PartialEq)]
struct Variant {
    name: String,
    set: Vec<(LeverId, f64)>,
}

/// Random draws of levers (and, if `uncertain`, of the scenario's uncertain parameters); no
/// draws when `runs` is 0.
#[derive(Debug, Clone, PartialEq, Default)]
struct Samples {
    runs: usize,
    seed: u64,
    levers: Vec<LeverId>,
    uncertain: bool,
}

/// One scenario file of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedScenario {
    /// The file.
    pub file: PathBuf,
    /// The file as rows name it: its path relative to the manifest's folder, with `/`.
    pub label: String,
    /// BLAKE3 of its text when the plan was made (a batch refuses to run a changed file).
    hash: blake3::Hash,
}

/// A checked manifest: the scenarios, what each runs, and what each row holds.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The scenario files, in run order.
    pub scenarios: Vec<PlannedScenario>,
    variants: Vec<Variant>,
    samples: Samples,
    years: Vec<i32>,
    quantities: Vec<Quantity>,
    digest: String,
}

/// Why a batch could not be planned or run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The manifest cannot be read, parsed, or names something that does not exist.
    #[error("{0}")]
    Manifest(ScenarioError),
    /// Scenario files that do not load (each with its own errors).
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Scenarios(Vec<ScenarioError>),
    /// A scenario file changed after the plan was made.
    #[error(
        "{}: changed since the batch was planned; start the batch again (rows of the old file and the new one would not belong together)",
        .0.display()
    )]
    Changed(PathBuf),
    /// The rows could not be handed over (the sink's error).
    #[error("cannot write a row: {0}")]
    Sink(#[source] std::io::Error),
}

/// The result of one run, as a row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Run number (0-based, over the whole plan).
    pub run: usize,
    /// Index of its scenario in [`Plan::scenarios`].
    pub scenario: usize,
    /// The scenario's kommunenummer.
    pub kommune: String,
    /// The variant's name, or `draw` for a draw.
    pub variant: String,
    /// The draw's number for a draw.
    pub draw: Option<usize>,
    /// Every lever's target in the run.
    pub levers: Levers,
    /// Each uncertain parameter's value in the run (when the plan draws them; `None` where the
    /// scenario does not vary it), in [`Parameter::all`] order.
    pub parameters: Vec<Option<f64>>,
    /// Each quantity in each year (years outer, quantities inner; `None` for a year the scenario
    /// does not simulate).
    pub values: Vec<Option<f64>>,
    /// Why the run has no values (a NaN or infinity in its outcome), on one line.
    pub error: Option<String>,
}

impl Plan {
    /// Reads and checks a manifest and every scenario it names; every problem is reported at once.
    pub fn load(manifest: &Path) -> Result<Plan, BatchError> {
        let text = scenario::read_text_limited(manifest, MAX_MANIFEST_BYTES).map_err(BatchError::Manifest)?;
        let raw: RawManifest = scenario::parse::parse(&text, manifest).map_err(BatchError::Manifest)?;
        let folder = manifest.parent().unwrap_or(Path::new("."));
        let mut issues = Issues { text: &text, found: Vec::new() };
        let files = scenario_files(&raw.scenarios, folder, &mut issues);
        let variants = variants(&raw.variants, &mut issues);
        let samples = raw.samples.as_ref().map_or_else(Samples::default, |s| samples(s, &mut issues));
        let years = years(&raw.years, &mut issues);
        let quantities = quantities(&raw.quantities, &mut issues);
        let runs_per_scenario = variants.len().max(1) + samples.runs;
        if runs_per_scenario > MAX_RUNS_PER_SCENARIO {
            issues.add("samples.runs", format!("at most {MAX_RUNS_PER_SCENARIO} runs per scenario"));
        }
        if !issues.found.is_empty() {
            let file = manifest.to_owned();
            return Err(BatchError::Manifest(ScenarioError::Invalid {
                file,
                issues: issues.found,
                warnings: vec![],
            }));
        }
        let scenarios = checked_scenarios(files)?;
        let variants = if variants.is_empty() && samples.runs == 0 {
            vec![Variant { name: "scenario".into(), set: vec![] }]
        } else {
            variants
        };
        let mut plan = Plan { scenarios, variants, samples, years, quantities, digest: String::new() };
        plan.digest = plan.compute_digest();
        Ok(plan)
    }

    /// Runs per scenario: its variants, then its draws.
    pub fn runs_per_scenario(&self) -> usize {
        self.variants.len() + self.samples.runs
    }

    /// Runs of the whole plan.
    pub fn runs(&self) -> usize {
        self.scenarios.len() * self.runs_per_scenario()
    }

    /// What names the plan: BLAKE3 of the twin version, the scenario files' texts and every
    /// setting of the manifest that changes a row (not its comments or layout).
    pub fn digest(&self) -> &str {
        &self.digest
    }

    fn compute_digest(&self) -> String {
        let mut hasher = blake3::Hasher::new();
        hasher.update(format!("twin batch {}\n", env!("CARGO_PKG_VERSION")).as_bytes());
        for s in &self.scenarios {
            hasher.update(format!("{}\n{}\n", s.label, s.hash.to_hex()).as_bytes());
        }
        let keys: Vec<&str> = self.quantities.iter().map(|q| q.key).collect();
        let settings = format!("{:?}\n{:?}\n{:?}\n{keys:?}\n", self.variants, self.samples, self.years);
        hasher.update(settings.as_bytes());
        format!("blake3:{}", hasher.finalize().to_hex())
    }

    fn draws_parameters(&self) -> bool {
        self.samples.runs > 0 && self.samples.uncertain
    }

    /// The columns of a row: run, scenario, kommune, variant, draw, `lever.KEY` for every lever,
    /// `parameter.KEY` for every uncertain parameter (when the plan draws them),
    /// `QUANTITY.YEAR` for each quantity and year, error.
    pub fn columns(&self) -> Vec<String> {
        let mut columns: Vec<String> =
            ["run", "scenario", "kommune", "variant", "draw"].into_iter().map(String::from).collect();
        columns.extend(LeverId::all().map(|id| format!("lever.{}", id.key())));
        if self.draws_parameters() {
            columns.extend(Parameter::all().map(|p| format!("parameter.{}", p.key())));
        }
        for year in &self.years {
            columns.extend(self.quantities.iter().map(|q| format!("{}.{year}", q.key)));
        }
        columns.push("error".into());
        columns
    }

    /// A row's cells, in [`Plan::columns`] order; numbers as Rust writes them (shortest text that
    /// reads back to the same number), missing values empty.
    pub fn cells(&self, row: &Row) -> Vec<String> {
        let number = |v: Option<f64>| v.map_or_else(String::new, |x| x.to_string());
        let mut cells = vec![
            row.run.to_string(),
            self.scenarios.get(row.scenario).map_or_else(String::new, |s| s.label.clone()),
            row.kommune.clone(),
            row.variant.clone(),
            row.draw.map_or_else(String::new, |d| d.to_string()),
        ];
        cells.extend(LeverId::all().map(|id| row.levers.get(id).target.to_string()));
        if self.draws_parameters() {
            // A variant draws no parameters: its cells stay empty.
            cells.extend(
                (0..Parameter::all().count()).map(|i| number(row.parameters.get(i).copied().flatten())),
            );
        }
        cells.extend(row.values.iter().map(|v| number(*v)));
        cells.push(row.error.clone().unwrap_or_default());
        cells
    }

    /// The row of a run's outcome (or of its failure).
    fn row(&self, run: usize, scenario: &Scenario, what: RunOf, outcome: Result<Outcome, String>) -> Row {
        let quantities = &self.quantities;
        let (values, error) = match outcome {
            Ok(outcome) => {
                let values = self
                    .years
                    .iter()
                    .flat_map(|y| {
                        let year = outcome.year(*y);
                        quantities.iter().map(move |q| year.map(|r| q.value(r)))
                    })
                    .collect();
                (values, None)
            }
            Err(e) => (vec![None; self.years.len() * quantities.len()], Some(e.replace(['\n', '\r'], " "))),
        };
        Row {
            run,
            scenario: run / self.runs_per_scenario(),
            kommune: scenario.site.kommune_number.clone(),
            variant: what.variant,
            draw: what.draw,
            levers: what.levers,
            parameters: what.parameters,
            values,
            error,
        }
    }
}

/// Manifest problems, collected with their positions.
struct Issues<'a> {
    text: &'a str,
    found: Vec<Issue>,
}

impl Issues<'_> {
    fn add(&mut self, path: &str, message: String) {
        let position = locate(self.text, path);
        self.found.push(Issue { path: path.to_owned(), position, message, finding: Finding::Other });
    }
}

/// The scenario files of the manifest's entries, with their labels; folders give their `*.ron`
/// files in name order.
fn scenario_files(entries: &[PathBuf], folder: &Path, issues: &mut Issues<'_>) -> Vec<(PathBuf, String)> {
    if entries.is_empty() {
        issues.add("scenarios", "name at least one scenario file or folder".into());
    }
    let mut files = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let path = folder.join(entry);
        let label = |name: Option<&std::ffi::OsStr>| {
            let mut label = entry.to_string_lossy().replace('\\', "/");
            if let Some(name) = name {
                label = format!("{}/{}", label.trim_end_matches('/'), name.to_string_lossy());
            }
            label
        };
        if path.is_dir() {
            let listed = std::fs::read_dir(&path).map(|dir| {
                let mut found: Vec<PathBuf> = dir
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
                    .collect();
                found.sort();
                found
            });
            match listed {
                Ok(found) if !found.is_empty() => {
                    files.extend(found.into_iter().map(|f| (f.clone(), label(f.file_name()))))
                }
                Ok(_) => issues.add(
                    &format!("scenarios[{i}]"),
                    format!("{}: no .ron files in this folder", path.display()),
                ),
                Err(e) => {
                    issues.add(&format!("scenarios[{i}]"), format!("{}: cannot list: {e}", path.display()))
                }
            }
        } else if path.is_file() {
            files.push((path, label(None)));
        } else {
            issues.add(&format!("scenarios[{i}]"), format!("{}: no such file or folder", path.display()));
        }
    }
    for (file, label) in &files {
        if label.contains(['\n', '\r']) {
            issues.add(
                "scenarios",
                format!("{}: a file name with a line break cannot name a row", file.display()),
            );
        }
    }
    files
}

/// Reads every scenario file once: each must load; their texts' hashes go into the plan.
fn checked_scenarios(files: Vec<(PathBuf, String)>) -> Result<Vec<PlannedScenario>, BatchError> {
    let mut planned = Vec::with_capacity(files.len());
    let mut failures = Vec::new();
    for (file, label) in files {
        let loaded = scenario::read_text(&file).and_then(|text| {
            Scenario::from_str_named(&text, &file)?;
            Ok(blake3::hash(text.as_bytes()))
        });
        match loaded {
            Ok(hash) => planned.push(PlannedScenario { file, label, hash }),
            Err(e) => failures.push(e),
        }
    }
    if failures.is_empty() { Ok(planned) } else { Err(BatchError::Scenarios(failures)) }
}

fn lever_of(key: &str, path: &str, issues: &mut Issues<'_>) -> Option<LeverId> {
    let id = LeverId::from_key(key);
    if id.is_none() {
        issues.add(path, format!("unknown lever `{key}`; known levers: {}", LeverId::keys()));
    }
    id
}

fn variants(raw: &[RawVariant], issues: &mut Issues<'_>) -> Vec<Variant> {
    let mut names = BTreeSet::new();
    let mut variants = Vec::with_capacity(raw.len());
    for (i, v) in raw.iter().enumerate() {
        let path = format!("variants[{i}]");
        if v.name.trim().is_empty() || v.name.chars().any(char::is_control) {
            issues.add(&format!("{path}.name"), "a variant needs a name on one line".into());
        } else if v.name == "draw" || !names.insert(v.name.as_str()) {
            issues.add(&format!("{path}.name"), format!("`{}` names another run already", v.name));
        }
        let mut set = Vec::with_capacity(v.set.len());
        for (key, value) in &v.set {
            let Some(id) = lever_of(key, &format!("{path}.set"), issues) else { continue };
            match Levers::check(id, *value) {
                Ok(()) => set.push((id, *value)),
                Err(e) => issues.add(&format!("{path}.set"), e.to_string()),
            }
        }
        variants.push(Variant { name: v.name.clone(), set });
    }
    variants
}

fn samples(raw: &RawSamples, issues: &mut Issues<'_>) -> Samples {
    let levers: Vec<LeverId> =
        raw.levers.iter().filter_map(|key| lever_of(key, "samples.levers", issues)).collect();
    if levers.iter().collect::<BTreeSet<_>>().len() < levers.len() {
        issues.add("samples.levers", "a lever is named twice".into());
    }
    if levers.is_empty() && !raw.uncertain {
        issues.add(
            "samples",
            "name the levers to draw, or set `uncertain: true` (else every draw is the same run)".into(),
        );
    }
    Samples { runs: raw.runs, seed: raw.seed, levers, uncertain: raw.uncertain }
}

fn years(raw: &[i32], issues: &mut Issues<'_>) -> Vec<i32> {
    if raw.is_empty() {
        issues.add("years", "name at least one year".into());
    }
    for (i, year) in raw.iter().enumerate() {
        if !(1900..=2200).contains(year) {
            issues.add(&format!("years[{i}]"), format!("{year}: expected a year in 1900..=2200"));
        } else if raw[..i].contains(year) {
            issues.add(&format!("years[{i}]"), format!("{year} is named twice"));
        }
    }
    raw.to_vec()
}

fn quantities(raw: &[String], issues: &mut Issues<'_>) -> Vec<Quantity> {
    if raw.is_empty() {
        return QUANTITIES.clone();
    }
    let mut keys = Vec::with_capacity(raw.len());
    for (i, key) in raw.iter().enumerate() {
        match quantity::by_key(key) {
            Some(q) if keys.iter().any(|k: &Quantity| k.key == q.key) => {
                issues.add(&format!("quantities[{i}]"), format!("`{key}` is named twice"))
            }
            Some(q) => keys.push(q),
            None => {
                let known: Vec<&str> = QUANTITIES.iter().map(|q| q.key).collect();
                issues.add(
                    &format!("quantities[{i}]"),
                    format!("unknown quantity `{key}`; known: {}", known.join(", ")),
                );
            }
        }
    }
    keys
}

/// What one run is: its variant or draw, its levers and the parameter values it drew.
struct RunOf {
    variant: String,
    draw: Option<usize>,
    levers: Levers,
    parameters: Vec<Option<f64>>,
}

/// The levers of draw `draw`: each named lever's target uniform over its range (a year lever on
/// whole years), from a ChaCha8 stream keyed by (seed, draw) alone, so every scenario of a plan
/// gets the same draws.
fn drawn_levers(mut levers: Levers, samples: &Samples, draw: usize) -> Levers {
    let mut rng = ChaCha8Rng::seed_from_u64(samples.seed);
    rng.set_stream(draw as u64 + 1);
    for id in &samples.levers {
        let spec = id.spec();
        let mut value = spec.min + (spec.max - spec.min) * rng.random::<f64>();
        if spec.unit == "year" {
            value = value.round();
        }
        // Inside the range by construction.
        let _ = levers.set_target(*id, value.clamp(spec.min, spec.max));
    }
    levers
}

/// A scenario of the plan, read again, checked against the plan, and prepared.
struct Loaded {
    scenario: Scenario,
    sun: SunYear,
    prepared: Prepared,
    first_run: usize,
}

impl Loaded {
    fn new(planned: &PlannedScenario, first_run: usize) -> Result<Loaded, BatchError> {
        let changed = || BatchError::Changed(planned.file.clone());
        let text = scenario::read_text(&planned.file).map_err(|_| changed())?;
        if blake3::hash(text.as_bytes()) != planned.hash {
            return Err(changed());
        }
        let scenario = Scenario::from_str_named(&text, &planned.file).map_err(|_| changed())?;
        let sun = SunYear::new(&scenario);
        let prepared = Prepared::with_sun(&scenario, &sun);
        Ok(Loaded { scenario, sun, prepared, first_run })
    }
}

impl Plan {
    /// Runs `run` (which belongs to `loaded`'s scenario) and makes its row.
    fn run_one(&self, loaded: &Loaded, run_number: usize) -> Row {
        let scenario = &loaded.scenario;
        let k = run_number - loaded.first_run;
        let options = RunOptions::default();
        let finite = |o: Result<Outcome, crate::outcome::NonFinite>| o.map_err(|e| e.to_string());
        let Some(j) = k.checked_sub(self.variants.len()) else {
            let variant = &self.variants[k];
            let mut levers = scenario.levers;
            for (id, value) in &variant.set {
                // Checked against the lever's range when the plan was made.
                let _ = levers.set_target(*id, *value);
            }
            let outcome = finite(run(scenario, &levers, &loaded.prepared, &options));
            let what = RunOf { variant: variant.name.clone(), draw: None, levers, parameters: vec![] };
            return self.row(run_number, scenario, what, outcome);
        };
        // Run numbers past the variants are draws.
        let samples = &self.samples;
        let levers = drawn_levers(scenario.levers, samples, j);
        let what = |parameters| RunOf { variant: "draw".into(), draw: Some(j), levers, parameters };
        if !samples.uncertain {
            let outcome = finite(run(scenario, &levers, &loaded.prepared, &options));
            return self.row(run_number, scenario, what(vec![]), outcome);
        }
        let Member { values, scenario: drawn, prepared } = member(scenario, j, true, &loaded.sun);
        let outcome = finite(run(&drawn, &levers, prepared.as_ref().unwrap_or(&loaded.prepared), &options));
        let parameters = Parameter::all()
            .map(|p| scenario.uncertainties.iter().position(|u| u.parameter == p).map(|i| values[i]))
            .collect();
        self.row(run_number, scenario, what(parameters), outcome)
    }
}

/// Part `part` (0-based) of `parts` equal parts of `0..runs`, for array jobs: the parts of
/// `0..parts` cover `0..runs` in order, each run once.
///
/// ```
/// use twin_core::analysis::batch::shard;
/// assert_eq!(shard(10, 0, 3), 0..3);
/// assert_eq!(shard(10, 1, 3), 3..6);
/// assert_eq!(shard(10, 2, 3), 6..10);
/// ```
pub fn shard(runs: usize, part: usize, parts: usize) -> Range<usize> {
    let bound = |k: usize| (k as u128 * runs as u128 / parts.max(1) as u128) as usize;
    bound(part.min(parts))..bound((part + 1).min(parts))
}

/// How to run a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchOptions {
    /// The run numbers to run (a part of `0..plan.runs()`).
    pub runs: Range<usize>,
    /// Worker threads (≥ 1).
    pub threads: usize,
}

/// Runs the runs `options.runs` of `plan` and hands each row to `sink` in run order, as soon as
/// it and every run before it are done. Stops at the sink's first error. Scenarios are read and
/// prepared one at a time, so memory stays that of one scenario whatever the plan's size.
pub fn run_batch(
    plan: &Plan,
    options: &BatchOptions,
    sink: &mut dyn FnMut(&Row) -> std::io::Result<()>,
) -> Result<(), BatchError> {
    let per_scenario = plan.runs_per_scenario();
    for (index, planned) in plan.scenarios.iter().enumerate() {
        let first = index * per_scenario;
        let runs = first.max(options.runs.start)..(first + per_scenario).min(options.runs.end);
        if runs.is_empty() {
            continue;
        }
        let loaded = Loaded::new(planned, first)?;
        run_scenario(plan, &loaded, runs, options.threads.clamp(1, 256), sink)?;
    }
    Ok(())
}

/// Runs `runs` of one scenario on `threads` workers; rows are put back in order before the sink.
fn run_scenario(
    plan: &Plan,
    loaded: &Loaded,
    runs: Range<usize>,
    threads: usize,
    sink: &mut dyn FnMut(&Row) -> std::io::Result<()>,
) -> Result<(), BatchError> {
    let next = AtomicUsize::new(runs.start);
    let stop = AtomicBool::new(false);
    let (sender, receiver) = crossbeam::channel::bounded::<Row>(threads * 4);
    let mut failure = None;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let (sender, next, stop, end) = (sender.clone(), &next, &stop, runs.end);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= end || sender.send(plan.run_one(loaded, i)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut waiting = BTreeMap::new();
        let mut due = runs.start;
        for row in receiver.iter() {
            if failure.is_some() {
                continue;
            }
            waiting.insert(row.run, row);
            while let Some(row) = waiting.remove(&due) {
                if let Err(e) = sink(&row) {
                    stop.store(true, Ordering::Relaxed);
                    failure = Some(BatchError::Sink(e));
                    break;
                }
                due += 1;
            }
        }
    });
    failure.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::ensemble::draws;

    const SCENARIOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios");

    /// A manifest in a fresh folder; its scenarios are named by absolute path.
    fn manifest(body: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("batch.ron");
        std::fs::write(&path, body.replace("SCENARIOS", SCENARIOS)).expect("write manifest");
        (dir, path)
    }

    fn rows(plan: &Plan, runs: Range<usize>, threads: usize) -> Vec<Row> {
        let mut rows = Vec::new();
        run_batch(plan, &BatchOptions { runs, threads }, &mut |row| {
            rows.push(row.clone());
            Ok(())
        })
        .expect("batch runs");
        rows
    }

    const TRAENA_DRAWS: &str = r#"Batch(
        scenarios: ["SCENARIOS/traena.ron"],
        variants: [(name: "as-planned"), (name: "evs", set: {"ev_share": 0.95, "oil_phase_out_year": 2030})],
        samples: (runs: 4, seed: 7, levers: ["ev_share", "oil_phase_out_year"], uncertain: true),
        years: [2030, 2050],
        quantities: ["ghg_per_capita", "grid_peak"],
    )"#;

    #[test]
    fn a_manifests_errors_name_line_column_and_field_all_at_once() {
        let (_dir, path) = manifest(
            "Batch(\n    scenarios: [\"SCENARIOS/traena.ron\", \"nowhere.ron\"],\n    variants: [(name: \"a\"), (name: \"b\", set: {\"ev_shar\": 0.5})],\n    quantities: [\"ghg_per_capita\", \"grid_peek\"],\n)\n",
        );
        let message = Plan::load(&path).expect_err("refused").to_string();
        for needle in [
            "batch.ron:2:",
            "field `scenarios[1]`",
            "nowhere.ron: no such file or folder",
            "batch.ron:3:",
            "unknown lever `ev_shar`",
            "batch.ron:4:",
            "unknown quantity `grid_peek`",
        ] {
            assert!(message.contains(needle), "{needle:?} missing from:\n{message}");
        }
        let (_dir, path) =
            manifest("Batch(scenarios: [\"SCENARIOS/traena.ron\"], years: [2030], sampels: ())");
        let message = Plan::load(&path).expect_err("refused").to_string();
        assert!(message.contains("batch.ron:1:") && message.contains("sampels"), "{message}");
    }

    #[test]
    fn a_scenario_that_does_not_load_stops_the_plan_before_any_run() {
        let (dir, path) = manifest("Batch(scenarios: [\"broken.ron\", \"SCENARIOS/traena.ron\"])");
        std::fs::write(dir.path().join("broken.ron"), "(name: \"x\",").expect("write");
        let message = Plan::load(&path).expect_err("refused").to_string();
        assert!(message.contains("broken.ron:1:"), "{message}");
    }

    #[test]
    fn rows_depend_neither_on_threads_nor_on_where_a_batch_starts() {
        let (_dir, path) = manifest(TRAENA_DRAWS);
        let plan = Plan::load(&path).expect("plan");
        assert_eq!((plan.runs(), plan.runs_per_scenario()), (6, 6));
        let one_thread = rows(&plan, 0..6, 1);
        assert_eq!(one_thread.iter().map(|r| r.run).collect::<Vec<_>>(), (0..6).collect::<Vec<_>>());
        assert_eq!(rows(&plan, 0..6, 3), one_thread);
        let mut in_parts = rows(&plan, 0..2, 2);
        in_parts.extend(rows(&plan, 2..5, 1));
        in_parts.extend(rows(&plan, 5..6, 2));
        assert_eq!(in_parts, one_thread);
        let columns = plan.columns().len();
        assert!(one_thread.iter().all(|r| plan.cells(r).len() == columns), "every row has every column");
    }

    #[test]
    fn a_variants_row_is_the_single_run_with_its_levers() {
        let (_dir, path) = manifest(TRAENA_DRAWS);
        let plan = Plan::load(&path).expect("plan");
        let row = &rows(&plan, 1..2, 1)[0];
        assert_eq!((row.variant.as_str(), row.draw), ("evs", None));
        let scenario = scenario::load(&Path::new(SCENARIOS).join("traena.ron")).expect("Træna");
        let mut levers = scenario.levers;
        levers.set_target(LeverId::EvShare, 0.95).expect("in range");
        levers.set_target(LeverId::OilPhaseOutYear, 2030.0).expect("in range");
        assert_eq!(row.levers, levers);
        let outcome =
            run(&scenario, &levers, &Prepared::new(&scenario), &RunOptions::default()).expect("runs");
        let value = |key, year| outcome.year(year).map(|y| quantity::by_key(key).expect("known").value(y));
        let expected =
            [(2030, "ghg_per_capita"), (2030, "grid_peak"), (2050, "ghg_per_capita"), (2050, "grid_peak")];
        assert_eq!(row.values, expected.map(|(year, key)| value(key, year)));
        assert!(row.values.iter().all(Option::is_some) && row.error.is_none());
    }

    #[test]
    fn draws_stay_in_their_ranges_and_take_the_ensembles_parameters() {
        let (_dir, path) = manifest(TRAENA_DRAWS);
        let plan = Plan::load(&path).expect("plan");
        let scenario = scenario::load(&Path::new(SCENARIOS).join("traena.ron")).expect("Træna");
        let drawn = rows(&plan, 2..6, 2);
        let ev_shares: BTreeSet<u64> =
            drawn.iter().map(|r| r.levers.get(LeverId::EvShare).target.to_bits()).collect();
        assert_eq!(ev_shares.len(), 4, "each draw has its own EV share");
        for (j, row) in drawn.iter().enumerate() {
            assert_eq!((row.variant.as_str(), row.draw), ("draw", Some(j)));
            let ev = row.levers.get(LeverId::EvShare).target;
            let year = row.levers.get(LeverId::OilPhaseOutYear).target;
            assert!((0.0..=1.0).contains(&ev) && year.fract() == 0.0, "draw {j}: {ev} {year}");
            let (values, _) = draws(&scenario, j);
            for (u, value) in scenario.uncertainties.iter().zip(values) {
                let column = Parameter::all().position(|p| p == u.parameter).expect("catalogued");
                assert_eq!(row.parameters[column], Some(value), "draw {j}: {}", u.parameter.key());
            }
            assert_eq!(row.levers.get(LeverId::PvRollout), scenario.levers.get(LeverId::PvRollout));
        }
    }

    #[test]
    fn a_folder_runs_its_scenarios_by_name_and_a_changed_file_stops_the_batch() {
        let dir = tempfile::tempdir().expect("tempdir");
        let scenarios = dir.path().join("kommuner");
        std::fs::create_dir(&scenarios).expect("folder");
        for name in ["traena", "alesund"] {
            std::fs::copy(
                Path::new(SCENARIOS).join(format!("{name}.ron")),
                scenarios.join(format!("{name}.ron")),
            )
            .expect("copy");
        }
        let path = dir.path().join("batch.ron");
        std::fs::write(&path, "Batch(scenarios: [\"kommuner\"], years: [2030])").expect("write");
        let plan = Plan::load(&path).expect("plan");
        let labels: Vec<&str> = plan.scenarios.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["kommuner/alesund.ron", "kommuner/traena.ron"]);
        assert_eq!(plan.runs(), 2, "without variants or draws, each scenario runs as its file sets it");
        let text = std::fs::read_to_string(scenarios.join("traena.ron")).expect("read");
        std::fs::write(scenarios.join("traena.ron"), format!("{text}\n")).expect("write");
        let mut seen = Vec::new();
        let result = run_batch(&plan, &BatchOptions { runs: 0..2, threads: 1 }, &mut |row| {
            seen.push(row.run);
            Ok(())
        });
        assert!(matches!(result, Err(BatchError::Changed(f)) if f.ends_with("traena.ron")));
        assert_eq!(seen, [0], "the unchanged scenario's row came first");
    }

    #[test]
    fn shards_cover_every_run_once_in_order() {
        for (runs, parts) in [(0, 3), (7, 7), (10, 3), (357_000, 100), (5, 8)] {
            let joined: Vec<usize> = (0..parts).flat_map(|k| shard(runs, k, parts)).collect();
            assert_eq!(joined, (0..runs).collect::<Vec<_>>(), "{runs} runs in {parts} parts");
        }
    }
}
