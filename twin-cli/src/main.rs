//! `twin`: run, check and inspect municipal twin scenarios from the command line.
//!
//! Exit status: 0 on success, 2 on invalid input (bad file, bad option; message on stderr),
//! 1 when results cannot be written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use twin_core::catalogue::levers::Levers;
use twin_core::io::{districts_csv, hourly_csv, material_flows_csv, materials_csv, write_atomic, yearly_csv};
use twin_core::model::{HourlyYears, RunOptions, run};
use twin_core::outcome::{NonFinite, Outcome};
use twin_core::prepare::Prepared;
use twin_core::prepare::solar::{self, SolarTableOptions};
use twin_core::scenario::{self, Scenario};
use twin_core::session::share;

mod analysis;
mod batch;
mod handout;
mod new;
mod report;
mod room;
mod session;

use analysis::{compare_command, costs_command, ensemble_command, sensitivity_command, stock_command};
use report::{kpi_report, kpis_csv, print_kpis, print_levers, print_summary};

#[derive(Parser)]
#[command(
    name = "twin",
    version,
    about = "Digital twin of a Norwegian municipality's energy and material flows"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Csv,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario from its base year to its end year and write the results.
    Run {
        /// Scenario file (RON).
        scenario: PathBuf,
        /// Folder for the results [default: `out/SCENARIO-STEM`; none with --digest].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Result format.
        #[arg(long, value_enum, default_value = "csv")]
        format: Format,
        /// Set a lever's target, e.g. `--set ev_share=0.95` (`twin levers` lists them).
        #[arg(long = "set", value_name = "LEVER=VALUE")]
        set: Vec<String>,
        /// Run the variant of a share code (from a handout or the projector) instead.
        #[arg(long, value_name = "CODE", conflicts_with = "set")]
        code: Option<String>,
        /// Years whose hourly series are written, e.g. `2024,2050` [default: base and end year].
        #[arg(long, value_delimiter = ',')]
        hourly_years: Option<Vec<i32>>,
        /// Print only a digest of the whole outcome (identical inputs give identical digests).
        #[arg(long)]
        digest: bool,
    },
    /// Write a scenario skeleton for a kommune of your own, from its map (GeoJSON of its
    /// districts): complete and valid, every national default marked `// REPLACE:`
    /// (docs/new-municipality.md says where to find each number).
    New {
        /// The kommune's name, e.g. "Træna".
        #[arg(long)]
        name: String,
        /// Kommunenummer (4 digits), as the map's outline feature gives it in `code`.
        #[arg(long)]
        number: String,
        /// Latitude of the main settlement, degrees north.
        #[arg(long)]
        lat: f64,
        /// Longitude, degrees east.
        #[arg(long)]
        lon: f64,
        /// Residents in the base year (SSB table 07459).
        #[arg(long)]
        population: f64,
        /// GeoJSON of the outline (`kind: "kommune"`) and districts (`kind: "district"`,
        /// `level: "delomrade"`), each with `name` and `code`.
        #[arg(long)]
        geojson: PathBuf,
        /// GeoJSON of the land around it (`kind: "land"`) [default: none].
        #[arg(long)]
        surroundings: Option<PathBuf>,
        /// First simulated year.
        #[arg(long, default_value_t = 2025)]
        base_year: i32,
        /// The scenario file to write (never written over).
        #[arg(long)]
        out: PathBuf,
    },
    /// Check scenario files and report every problem found.
    Validate {
        /// Scenario files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the policy levers with unit, range and default.
    Levers,
    /// List the KPIs: U4SSC code, name, unit and how each is computed.
    Kpis,
    /// Compare two scenarios: the difference of every KPI and main quantity.
    Compare {
        /// Scenario A (the reference).
        a: PathBuf,
        /// Scenario B.
        b: PathBuf,
        /// Years to compare, e.g. `2030,2040,2050` [default: 2030, 2040 and the end year].
        #[arg(long, value_delimiter = ',')]
        years: Option<Vec<i32>>,
        /// Write the differences of every year as CSV to this file.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Run many variants of a scenario with its uncertain parameters drawn at random.
    Ensemble {
        /// Scenario file (RON) with an `uncertainties` list.
        scenario: PathBuf,
        /// Number of runs.
        #[arg(long, default_value_t = 1000)]
        runs: usize,
        /// Worker threads [default: all cores].
        #[arg(long)]
        threads: Option<usize>,
        /// Keep the scenario's weather year in every run (by default each run has its own).
        #[arg(long)]
        fixed_weather: bool,
        /// Set a lever's target for all runs, e.g. `--set ev_share=0.95`.
        #[arg(long = "set", value_name = "LEVER=VALUE")]
        set: Vec<String>,
        /// Folder for `ensemble.csv` (P5, P50, P95 and mean per quantity and year).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print only a digest of the whole ensemble result.
        #[arg(long)]
        digest: bool,
    },
    /// Run many scenarios × lever settings from a manifest, one CSV row per run; a second start
    /// continues an interrupted batch (docs/batch.md).
    Batch {
        /// The manifest (RON): scenarios, variants, draws, years and quantities.
        manifest: PathBuf,
        /// The result file [default: `out/MANIFEST-STEM.csv`].
        #[arg(long)]
        out: Option<PathBuf>,
        /// Worker threads [default: all cores].
        #[arg(long)]
        threads: Option<usize>,
        /// Run only part K (0-based) of N equal parts of the runs, e.g. `--shard 3/100` for an
        /// array job; the parts' rows joined in order are the whole batch's.
        #[arg(long, value_name = "K/N")]
        shard: Option<String>,
    },
    /// Rank what moves each headline KPI most (levers and uncertain parameters).
    Sensitivity {
        /// Scenario file (RON).
        scenario: PathBuf,
        /// Year to look at [default: the end year].
        #[arg(long)]
        year: Option<i32>,
        /// Ensemble runs for variance-based indices (0 = none).
        #[arg(long, default_value_t = 200)]
        runs: usize,
        /// Folder for `tornado.csv` (and `variance.csv`).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Run a stand-alone dynamic stock model on a CSV of years and values (flodym's conventions).
    Stock {
        /// CSV of (year, inflow): an inflow-driven model.
        #[arg(long, conflicts_with = "stock", required_unless_present = "stock")]
        inflow: Option<PathBuf>,
        /// CSV of (year, stock): a stock-driven model.
        #[arg(long)]
        stock: Option<PathBuf>,
        /// Lifetime: normal:MEAN,SD | lognormal:MEAN,SD | weibull:SHAPE,SCALE | fixed:YEARS.
        #[arg(long)]
        lifetime: String,
        /// Output CSV [default: standard output].
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Costs of the scenario's measures and energy, and each lever's cost per tonne CO2e avoided.
    Costs {
        /// Scenario file (RON).
        scenario: PathBuf,
        /// Set a lever's target, e.g. `--set heat_pump_programme=0.5`.
        #[arg(long = "set", value_name = "LEVER=VALUE")]
        set: Vec<String>,
        /// Folder for `costs.csv` and `abatement.csv`.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Make the handout of a workshop session or a scenario variant: handout.html, the data
    /// (CSV, JSON, GeoJSON) and the share code with its QR code.
    Report {
        /// A session file or a scenario file (RON).
        input: PathBuf,
        /// Folder for the handout and its files.
        #[arg(long)]
        out: PathBuf,
        /// For a scenario: set a lever's target, e.g. `--set ev_share=0.95`.
        #[arg(long = "set", value_name = "LEVER=VALUE")]
        set: Vec<String>,
        /// For a scenario: the variant of a share code.
        #[arg(long, value_name = "CODE", conflicts_with = "set")]
        code: Option<String>,
        /// The handout's language: nb, nn or en.
        #[arg(long, default_value = "nb")]
        lang: String,
    },
    /// Workshop sessions: show, compare and combine the groups' proposals.
    Session {
        #[command(subcommand)]
        command: session::SessionCommand,
    },
    /// Write sun position and clear-sky irradiance for every hour of a year as CSV.
    Solar {
        /// Latitude, degrees north.
        #[arg(long, allow_hyphen_values = true)]
        lat: f64,
        /// Longitude, degrees east.
        #[arg(long, allow_hyphen_values = true)]
        lon: f64,
        /// Calendar year.
        #[arg(long)]
        year: i32,
        /// Panel tilt from horizontal, degrees.
        #[arg(long, default_value_t = 30.0)]
        tilt: f64,
        /// Panel azimuth, degrees clockwise from north (180 = south).
        #[arg(long, default_value_t = 180.0)]
        azimuth: f64,
        /// Linke turbidity for the Ineichen clear-sky model.
        #[arg(long, default_value_t = 3.0)]
        linke_turbidity: f64,
        /// Ground albedo.
        #[arg(long, default_value_t = 0.2)]
        albedo: f64,
        /// Site elevation, metres above sea level.
        #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
        elevation: f64,
        /// ΔT = TT − UT1 in seconds [default: estimated for the year].
        #[arg(long, allow_hyphen_values = true)]
        delta_t: Option<f64>,
        /// Output file [default: standard output].
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// An error with the exit status it maps to.
pub(crate) enum Failure {
    /// Bad input: exit 2.
    Input(String),
    /// Anything else: exit 1.
    Other(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

/// A run that produced NaN or infinity stops like bad input (exit 2): the scenario let through
/// something the model cannot compute.
impl From<NonFinite> for Failure {
    fn from(e: NonFinite) -> Self {
        Failure::Input(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run { scenario, out, format, set, code, hourly_years, digest } => {
            let variant = Variant { set: &set, code: code.as_deref() };
            run_command(&scenario, out, format, variant, hourly_years, digest)
        }
        Command::New { name, number, lat, lon, population, geojson, surroundings, base_year, out } => {
            let kommune = new::NewKommune {
                name,
                number,
                latitude_deg: lat,
                longitude_deg: lon,
                population,
                base_year,
                districts: geojson,
                surroundings,
            };
            new::new_command(&kommune, &out)
        }
        Command::Validate { files } => validate_command(&files),
        Command::Levers => {
            print_levers();
            Ok(())
        }
        Command::Kpis => {
            print_kpis();
            Ok(())
        }
        Command::Compare { a, b, years, out } => compare_command(&a, &b, years, out.as_deref()),
        Command::Ensemble { scenario, runs, threads, fixed_weather, set, out, digest } => {
            ensemble_command(&scenario, runs, threads, fixed_weather, &set, out.as_deref(), digest)
        }
        Command::Batch { manifest, out, threads, shard } => {
            batch::batch_command(&batch::BatchRequest { manifest, out, threads, shard })
        }
        Command::Sensitivity { scenario, year, runs, out } => {
            sensitivity_command(&scenario, year, runs, out.as_deref())
        }
        Command::Costs { scenario, set, out } => costs_command(&scenario, &set, out.as_deref()),
        Command::Stock { inflow, stock, lifetime, out } => {
            stock_command(inflow.as_deref(), stock.as_deref(), &lifetime, out.as_deref())
        }
        Command::Session { command } => session::session_command(command),
        Command::Report { input, out, set, code, lang } => {
            handout::report_command(&input, &out, Variant { set: &set, code: code.as_deref() }, &lang)
        }
        Command::Solar {
            lat,
            lon,
            year,
            tilt,
            azimuth,
            linke_turbidity,
            albedo,
            elevation,
            delta_t,
            out,
        } => {
            let options = SolarTableOptions {
                latitude_deg: lat,
                longitude_deg: lon,
                elevation_m: elevation,
                year,
                tilt_deg: tilt,
                azimuth_deg: azimuth,
                linke_turbidity,
                albedo,
                delta_t_s: delta_t.unwrap_or_else(|| solar::delta_t_s(year)),
            };
            solar_command(&options, out.as_deref())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            // One finding per line, each with its severity (a scenario's report has many).
            for line in message.lines() {
                if line.starts_with("warning: ") { eprintln!("{line}") } else { eprintln!("error: {line}") }
            }
            ExitCode::from(2)
        }
        Err(Failure::Other(e)) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run_command(
    path: &Path,
    out: Option<PathBuf>,
    format: Format,
    variant: Variant<'_>,
    hourly_years: Option<Vec<i32>>,
    digest: bool,
) -> Result<(), Failure> {
    // The file is read once: its text gives the scenario and the share code's hash.
    let text = scenario::read_text(path).map_err(|e| Failure::Input(e.to_string()))?;
    let scenario = checked(path, Scenario::from_str_named(&text, path))?;
    let levers = variant.levers_of_text(&text, &scenario)?;
    let hourly_years = hourly_years.unwrap_or_else(|| vec![scenario.base_year, scenario.end_year]);
    for year in &hourly_years {
        if *year < scenario.base_year || *year > scenario.end_year {
            return Err(Failure::Input(format!(
                "--hourly-years: {year} is outside the scenario's years {}..={}",
                scenario.base_year, scenario.end_year
            )));
        }
    }
    let prepared = Prepared::new(&scenario);
    let options = RunOptions { hourly_years: HourlyYears::These(hourly_years) };
    let outcome = run(&scenario, &levers, &prepared, &options)?;

    if digest {
        emit(&format!("{}\n", outcome.digest()));
        if let Some(dir) = out {
            write_results(&outcome, &dir, format)?;
        }
        return Ok(());
    }
    print_summary(&outcome, &prepared);
    let mut years = vec![scenario.base_year];
    years.extend([2030, 2040].into_iter().filter(|y| *y > scenario.base_year && *y < scenario.end_year));
    years.push(scenario.end_year);
    years.dedup();
    emit(&kpi_report(&outcome, &years));
    let stem = path.file_stem().map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    let dir = out.unwrap_or_else(|| Path::new("out").join(stem));
    write_results(&outcome, &dir, format)?;
    emit(&format!("\nResults written to {}\n", dir.display()));
    let (code, _) = share::encode(&scenario, share::ScenarioId::of(&scenario.name, &text), &levers);
    emit(&format!("Share code: {code}\n"));
    Ok(())
}

fn write_results(outcome: &Outcome, dir: &Path, format: Format) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut files: Vec<(String, String)> = Vec::new();
    match format {
        Format::Csv => {
            files.push(("yearly.csv".into(), yearly_csv(outcome)));
            files.push(("kpis.csv".into(), kpis_csv(outcome)));
            if outcome.years.iter().any(|y| y.materials.is_some()) {
                files.push(("material_flows.csv".into(), material_flows_csv(outcome)));
                files.push(("materials.csv".into(), materials_csv(outcome)));
            }
            files.push(("districts.csv".into(), districts_csv(outcome)));
            for h in &outcome.hourly {
                files.push((format!("hourly_{}.csv", h.year), hourly_csv(h, &outcome.unit_names)));
            }
        }
        Format::Json => {
            let json = serde_json::to_string_pretty(outcome).context("cannot serialise the outcome")?;
            files.push(("outcome.json".into(), json));
        }
    }
    let named: Vec<(&str, &[u8])> =
        files.iter().map(|(name, text)| (name.as_str(), text.as_bytes())).collect();
    twin_core::io::write_all_atomic(dir, &named)
        .with_context(|| format!("cannot write into {}", dir.display()))?;
    Ok(())
}

fn validate_command(files: &[PathBuf]) -> Result<(), Failure> {
    let mut failures = Vec::new();
    for file in files {
        match scenario::load(file) {
            Ok(s) => {
                let mut report = format!(
                    "{}: ok ({}, {} districts, {}–{}, {} warnings)\n",
                    file.display(),
                    s.name,
                    s.districts.len(),
                    s.base_year,
                    s.end_year,
                    s.warnings.len()
                );
                for warning in &s.warnings {
                    report.push_str(&format!("warning: {}\n", warning.display(file)));
                }
                report.push_str(&map_report(&s));
                emit(&report);
            }
            Err(e) => failures.push(e.to_string()),
        }
    }
    if failures.is_empty() { Ok(()) } else { Err(Failure::Input(failures.join("\n"))) }
}

/// What `twin validate` says about a scenario's map: where it comes from, and the districts the
/// map and the scenario do not share (they show grey on the map, or not at all).
fn map_report(s: &Scenario) -> String {
    let files = s.map_files.as_ref().map(|f| (f.districts.as_path(), f.surroundings.as_deref()));
    let (map, unread) = match twin_geo::for_scenario(&s.site.kommune_number, files) {
        Ok(found) => found,
        Err(e) => return format!("warning: map: {e} (the viewer shows no map)\n"),
    };
    let mut out = match (files, unread) {
        (_, Some(e)) => {
            format!("map: {e}; the map built in for kommune {} stands in\n", s.site.kommune_number)
        }
        (Some((f, _)), None) => format!("map: {} districts from {}\n", map.districts.len(), f.display()),
        (None, None) => format!("map: built in for kommune {}\n", s.site.kommune_number),
    };
    for d in map.districts.iter().filter(|d| s.districts.iter().all(|x| x.code != d.code)) {
        out.push_str(&format!(
            "warning: map: district {} ({}) is not in the scenario's districts\n",
            d.code, d.name
        ));
    }
    for d in s.districts.iter().filter(|d| map.districts.iter().all(|m| m.code != d.code)) {
        out.push_str(&format!(
            "warning: map: the scenario's district {} ({}) is not on the map\n",
            d.code, d.name
        ));
    }
    out
}

fn solar_command(options: &SolarTableOptions, out: Option<&Path>) -> Result<(), Failure> {
    let checks = [
        ("--lat", options.latitude_deg, -90.0, 90.0),
        ("--lon", options.longitude_deg, -180.0, 180.0),
        ("--tilt", options.tilt_deg, 0.0, 180.0),
        ("--azimuth", options.azimuth_deg, 0.0, 360.0),
        ("--linke-turbidity", options.linke_turbidity, 0.5, 10.0),
        ("--albedo", options.albedo, 0.0, 1.0),
        ("--elevation", options.elevation_m, -500.0, 9000.0),
        ("--delta-t", options.delta_t_s, -10_000.0, 10_000.0),
    ];
    for (name, value, lo, hi) in checks {
        if !(value >= lo && value <= hi) {
            return Err(Failure::Input(format!("{name} {value}: expected a value in {lo}..={hi}")));
        }
    }
    if !(-2000..=6000).contains(&options.year) {
        return Err(Failure::Input(format!("--year {}: expected -2000..=6000", options.year)));
    }
    let rows = solar::solar_table(options).map_err(|e| Failure::Input(e.to_string()))?;
    let mut text = String::from(
        "time_utc,apparent_elevation_deg,azimuth_deg,ghi_clear_w_m2,dni_clear_w_m2,dhi_clear_w_m2,poa_global_w_m2\n",
    );
    for r in rows {
        let t = r.time;
        text.push_str(&format!(
            "{:04}-{:02}-{:02}T{:02}:00:00Z,{:.6},{:.6},{:.4},{:.4},{:.4},{:.4}\n",
            t.year,
            t.month,
            t.day,
            t.hour,
            r.position.apparent_elevation_deg(),
            r.position.azimuth_deg,
            r.clear_sky.ghi_w_m2,
            r.clear_sky.dni_w_m2,
            r.clear_sky.dhi_w_m2,
            r.poa_global_w_m2
        ));
    }
    match out {
        Some(path) => write_atomic(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))
            .map_err(Failure::Other),
        None => {
            emit(&text);
            Ok(())
        }
    }
}

/// Writes to standard output; a closed pipe (e.g. `twin … | head`) is not an error worth a
/// message, and must not panic.
pub(crate) fn emit(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}

/// A progress bar on standard error for `len` steps, when standard error is a terminal.
pub(crate) fn progress_bar(len: usize, unit: &str) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    let template = format!("{{bar:40}} {{pos}}/{{len}} {unit}, {{elapsed}} (eta {{eta}})");
    if let Ok(style) = indicatif::ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    Some(bar)
}

/// Loads a scenario; its warnings (unusual but possible values) go to stderr.
pub(crate) fn load(path: &Path) -> Result<Scenario, Failure> {
    checked(path, scenario::load(path))
}

/// A scenario read from `path`, or its error; its warnings printed.
pub(crate) fn checked(
    path: &Path,
    read: Result<Scenario, scenario::ScenarioError>,
) -> Result<Scenario, Failure> {
    let scenario = read.map_err(|e| Failure::Input(e.to_string()))?;
    for warning in &scenario.warnings {
        eprintln!("warning: {}", warning.display(path));
    }
    Ok(scenario)
}

/// Which variant of a scenario a command runs: `--set` assignments or a share code.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Variant<'a> {
    /// `LEVER=VALUE` assignments.
    pub set: &'a [String],
    /// A share code (then `set` is empty).
    pub code: Option<&'a str>,
}

impl Variant<'_> {
    /// The levers of the variant on `scenario`, read from `text` (whose hash a share code carries).
    pub(crate) fn levers_of_text(&self, text: &str, scenario: &Scenario) -> Result<Levers, Failure> {
        match self.code {
            Some(code) => share::decode(code, scenario, share::ScenarioId::of(&scenario.name, text))
                .map_err(|e| Failure::Input(format!("--code {code}: {e}"))),
            None => levers_with(scenario, self.set),
        }
    }
}

/// The scenario's levers with `--set LEVER=VALUE` assignments applied.
pub(crate) fn levers_with(scenario: &Scenario, set: &[String]) -> Result<Levers, Failure> {
    scenario.levers.with_assignments(set).map_err(|e| Failure::Input(e.to_string()))
}

pub(crate) fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    write_atomic(path, text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
