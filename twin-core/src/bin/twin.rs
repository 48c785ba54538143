//! `twin`: run, check and inspect municipal twin scenarios from the command line.
//!
//! Exit status: 0 on success, 2 on invalid input (bad file, bad option; message on stderr),
//! 1 when results cannot be written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use twin_core::ensemble::{EnsembleOptions, run_ensemble};
use twin_core::kpi::{self, Direction, KPIS};
use twin_core::levers::{LEVERS, LeverId, Levers};
use twin_core::model::{HourlyYears, RunOptions, run};
use twin_core::outcome::{Carrier, Outcome};
use twin_core::output::{
    districts_csv, hourly_csv, material_flows_csv, materials_csv, write_atomic, yearly_csv,
};
use twin_core::quantity::QUANTITIES;
use twin_core::scenario::{self, Sector};
use twin_core::scenario::{Scenario, TargetDirection};
use twin_core::sensitivity::{self, HEADLINE_KPIS};
use twin_core::site::Prepared;
use twin_core::solar::{self, SolarTableOptions};
use twin_core::{compare, costs, dsm};

#[derive(Parser)]
#[command(name = "twin", version, about = "Digital twin of a Norwegian municipality's energy flows")]
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
        /// Years whose hourly series are written, e.g. `2024,2050` [default: base and end year].
        #[arg(long, value_delimiter = ',')]
        hourly_years: Option<Vec<i32>>,
        /// Print only a digest of the whole outcome (identical inputs give identical digests).
        #[arg(long)]
        digest: bool,
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
enum Failure {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run { scenario, out, format, set, hourly_years, digest } => {
            run_command(&scenario, out, format, &set, hourly_years, digest)
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
        Command::Sensitivity { scenario, year, runs, out } => {
            sensitivity_command(&scenario, year, runs, out.as_deref())
        }
        Command::Costs { scenario, set, out } => costs_command(&scenario, &set, out.as_deref()),
        Command::Stock { inflow, stock, lifetime, out } => {
            stock_command(inflow.as_deref(), stock.as_deref(), &lifetime, out.as_deref())
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
            eprintln!("error: {message}");
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
    set: &[String],
    hourly_years: Option<Vec<i32>>,
    digest: bool,
) -> Result<(), Failure> {
    let scenario = load(path)?;
    let levers = levers_with(&scenario, set)?;
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
    let outcome = run(&scenario, &levers, &prepared, &options);

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
    Ok(())
}

fn write_results(outcome: &Outcome, dir: &Path, format: Format) -> Result<(), Failure> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let write = |name: &str, text: String| -> anyhow::Result<()> {
        let path = dir.join(name);
        write_atomic(&path, text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))
    };
    match format {
        Format::Csv => {
            write("yearly.csv", yearly_csv(outcome))?;
            write("kpis.csv", kpis_csv(outcome))?;
            if outcome.years.iter().any(|y| y.materials.is_some()) {
                write("material_flows.csv", material_flows_csv(outcome))?;
                write("materials.csv", materials_csv(outcome))?;
            }
            write("districts.csv", districts_csv(outcome))?;
            for h in &outcome.hourly {
                write(&format!("hourly_{}.csv", h.year), hourly_csv(h, &outcome.unit_names))?;
            }
        }
        Format::Json => {
            let json = serde_json::to_string_pretty(outcome).context("cannot serialise the outcome")?;
            write("outcome.json", json)?;
        }
    }
    Ok(())
}

fn print_summary(outcome: &Outcome, prepared: &Prepared) {
    use std::fmt::Write as _;
    let mut o = String::new();
    let _ = writeln!(o, "{}", outcome.scenario);
    let _ = writeln!(
        o,
        "weather year: mean {:.1} °C, minimum {:.1} °C, heating need {:.0} % of normal, \
         global irradiance {:.0} kWh/m², PV yield {:.0} kWh/kWp\n",
        prepared.temperature_c.iter().sum::<f64>() / prepared.temperature_c.len() as f64,
        prepared.temperature_c.iter().copied().fold(f64::INFINITY, f64::min),
        prepared.space_heat_sum * 100.0,
        prepared.ghi_w_m2.iter().sum::<f64>() / 1000.0,
        prepared.pv_yield_kwh_per_kwp
    );
    let _ = writeln!(
        o,
        "{:>6} {:>9} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>9} {:>8}",
        "year",
        "residents",
        "electricity",
        "dist.heat",
        "fuels",
        "grid peak",
        "PV",
        "EV",
        "EV share",
        "emissions",
        "per cap"
    );
    let _ = writeln!(
        o,
        "{:>6} {:>9} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>9} {:>8}",
        "", "persons", "GWh", "GWh", "GWh", "MW", "GWh", "GWh", "%", "kt CO2e", "t CO2e"
    );
    let last = outcome.years.len().saturating_sub(1);
    for (i, y) in outcome.years.iter().enumerate() {
        if !(i == 0 || i == last || y.year % 5 == 0) {
            continue;
        }
        let fuels: f64 = [Carrier::Bio, Carrier::Oil, Carrier::Petrol, Carrier::Diesel]
            .iter()
            .map(|c| y.final_energy_of(*c))
            .sum();
        let _ = writeln!(
            o,
            "{:>6} {:>9.0} {:>10.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>8.1} {:>9.1} {:>8.2}",
            y.year,
            y.population,
            y.final_energy_of(Carrier::Electricity) / 1000.0,
            y.final_energy_of(Carrier::DistrictHeat) / 1000.0,
            fuels / 1000.0,
            y.grid_peak_mw,
            y.pv_production_mwh / 1000.0,
            y.ev_charging_mwh / 1000.0,
            y.ev_share * 100.0,
            y.total_emissions_t() / 1000.0,
            if y.population > 0.0 { y.total_emissions_t() / y.population } else { 0.0 },
        );
    }
    if let Some(y) = outcome.years.last() {
        let _ = writeln!(o, "\nFinal energy {} by sector (GWh):", y.year);
        for sector in Sector::ALL {
            let row = &y.final_energy_mwh[sector as usize];
            let parts: Vec<String> = Carrier::ALL
                .iter()
                .filter(|c| row[**c as usize] > 0.0)
                .map(|c| format!("{} {:.1}", c.key(), row[*c as usize] / 1000.0))
                .collect();
            let _ = writeln!(o, "  {:<12} {}", sector.key(), parts.join(", "));
        }
        let _ = writeln!(o, "District-heating supply {} (GWh):", y.year);
        for (name, unit) in outcome.unit_names.iter().zip(&y.units) {
            let _ = writeln!(o, "  {:<40} {:>8.1}", name, unit.heat_mwh / 1000.0);
        }
        if let Some(m) = &y.materials {
            let _ = writeln!(
                o,
                "Waste {}: {:.1} kt generated, {:.0} % sorted at source; to {}",
                y.year,
                m.generated_total_t() / 1000.0,
                m.source_separation_share * 100.0,
                m.sinks_t
                    .iter()
                    .filter(|(_, t)| *t > 0.0)
                    .map(|(name, t)| format!("{name} {:.1} kt", t / 1000.0))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for g in &m.stock {
                let _ = writeln!(
                    o,
                    "Building stock {}: {:.2} M m², built {:.0} m², demolished {:.0} m²",
                    g.group,
                    g.stock_m2 / 1e6,
                    g.construction_m2,
                    g.demolition_m2
                );
            }
            if !m.material_stock_t.is_empty() {
                let _ = writeln!(
                    o,
                    "Materials in buildings: {}; embodied emissions of new buildings {:.1} kt CO2e",
                    m.material_stock_t
                        .iter()
                        .map(|(name, t)| format!("{name} {:.0} kt", t / 1000.0))
                        .collect::<Vec<_>>()
                        .join(", "),
                    m.embodied_emissions_t / 1000.0
                );
            }
        }
        if y.district_heat_unserved_mwh > 0.0 {
            let _ = writeln!(
                o,
                "  {:<40} {:>8.1}",
                "unserved (capacity short)",
                y.district_heat_unserved_mwh / 1000.0
            );
        }
    }
    emit(&o);
}

fn validate_command(files: &[PathBuf]) -> Result<(), Failure> {
    let mut failures = Vec::new();
    for file in files {
        match scenario::load(file) {
            Ok(s) => emit(&format!(
                "{}: ok ({}, {} districts, {}–{})\n",
                file.display(),
                s.name,
                s.districts.len(),
                s.base_year,
                s.end_year
            )),
            Err(e) => failures.push(e.to_string()),
        }
    }
    if failures.is_empty() { Ok(()) } else { Err(Failure::Input(failures.join("\n"))) }
}

fn print_levers() {
    use std::fmt::Write as _;
    let mut o = String::new();
    let _ =
        writeln!(o, "{:<28} {:<10} {:>8} {:>8} {:>8}  description", "lever", "unit", "min", "max", "default");
    for spec in &LEVERS {
        let default = match spec.base {
            twin_core::levers::LeverBase::Fixed => format!("{}", spec.default),
            twin_core::levers::LeverBase::FromScenario => "base".to_owned(),
        };
        let _ = writeln!(
            o,
            "{:<28} {:<10} {:>8} {:>8} {:>8}  {} ({})",
            spec.key, spec.unit, spec.min, spec.max, default, spec.label_en, spec.description
        );
    }
    emit(&o);
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
fn emit(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush());
}

fn load(path: &Path) -> Result<Scenario, Failure> {
    scenario::load(path).map_err(|e| Failure::Input(e.to_string()))
}

/// The scenario's levers with `--set LEVER=VALUE` assignments applied.
fn levers_with(scenario: &Scenario, set: &[String]) -> Result<Levers, Failure> {
    let mut levers = scenario.levers;
    for assignment in set {
        let (key, value) = assignment
            .split_once('=')
            .ok_or_else(|| Failure::Input(format!("--set {assignment:?}: expected LEVER=VALUE")))?;
        let id = LeverId::from_key(key.trim()).ok_or_else(|| {
            Failure::Input(format!("--set: unknown lever {key:?}; known levers: {}", LeverId::keys()))
        })?;
        let value: f64 = value
            .trim()
            .parse()
            .map_err(|_| Failure::Input(format!("--set {key}: {value:?} is not a number")))?;
        levers.set_target(id, value).map_err(|e| Failure::Input(format!("--set: {e}")))?;
    }
    Ok(levers)
}

fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    write_atomic(path, text.as_bytes()).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// A number with a sensible number of decimals for a table.
fn num(x: f64) -> String {
    // Show −0 as 0.
    let x = if x == 0.0 { 0.0 } else { x };
    let a = x.abs();
    if a >= 1000.0 {
        format!("{x:.0}")
    } else if a >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

fn print_kpis() {
    let mut o = String::new();
    for k in &KPIS {
        let code = k.code.unwrap_or("extension (not U4SSC)");
        let direction = match k.direction {
            Direction::Lower => "lower is better",
            Direction::Higher => "higher is better",
            Direction::Neutral => "informational",
        };
        o.push_str(&format!(
            "{:<30} {:<22} {} [{}], {}\n    {}\n",
            k.key, code, k.name, k.unit, direction, k.formula
        ));
    }
    emit(&o);
}

/// The KPI table of chosen years and the targets' progress, as text.
fn kpi_report(outcome: &Outcome, years: &[i32]) -> String {
    let mut o = String::from("\nKPIs (U4SSC codes; extensions are not U4SSC):\n");
    o.push_str(&format!("  {:<16} {:<52} {:<15}", "code", "KPI", "unit"));
    for y in years {
        o.push_str(&format!(" {y:>10}"));
    }
    o.push('\n');
    for k in &KPIS {
        o.push_str(&format!("  {:<16} {:<52} {:<15}", k.code.unwrap_or("extension"), k.name, k.unit));
        for y in years {
            let v = outcome.year(*y).map_or(f64::NAN, |r| k.id.value(r));
            o.push_str(&format!(" {:>10}", num(v)));
        }
        o.push('\n');
    }
    let progress = kpi::progress(outcome);
    if !progress.is_empty() {
        o.push_str("\nTargets:\n");
        for p in progress {
            let spec = p.target.kpi.spec();
            let sign = match p.target.direction {
                TargetDirection::AtMost => "≤",
                TargetDirection::AtLeast => "≥",
            };
            o.push_str(&format!(
                "  {} {} {} {} by {}: {} in {} ({}, {:.0} % of the way from {}){}\n",
                spec.name,
                sign,
                num(p.target_value),
                spec.unit,
                p.target.year,
                num(p.value),
                p.target.year,
                if p.met { "met" } else { "not met" },
                p.progress * 100.0,
                num(p.base_value),
                if p.target.source.is_empty() { String::new() } else { format!(" [{}]", p.target.source) },
            ));
        }
    }
    o
}

fn kpis_csv(outcome: &Outcome) -> String {
    let mut o = String::from("year");
    for k in &KPIS {
        o.push_str(&format!(",{} ({})", k.key, k.unit));
    }
    o.push('\n');
    for (y, row) in outcome.years.iter().zip(kpi::table(outcome)) {
        o.push_str(&y.year.to_string());
        for v in row {
            o.push_str(&format!(",{v}"));
        }
        o.push('\n');
    }
    o
}

fn compare_command(a: &Path, b: &Path, years: Option<Vec<i32>>, out: Option<&Path>) -> Result<(), Failure> {
    let (sa, sb) = (load(a)?, load(b)?);
    let (oa, ob) = (twin_core::simulate(&sa), twin_core::simulate(&sb));
    let years = years.unwrap_or_else(|| {
        let mut v = vec![2030, 2040, sa.end_year.min(sb.end_year)];
        v.dedup();
        v
    });
    for y in &years {
        if oa.year(*y).is_none() || ob.year(*y).is_none() {
            return Err(Failure::Input(format!("--years: {y} is not simulated in both scenarios")));
        }
    }
    let diff = compare::compare(&oa, &ob, &years);
    let mut o = format!("A: {} ({})\nB: {} ({})\n", diff.a, a.display(), diff.b, b.display());
    for y in &years {
        o.push_str(&format!(
            "\n{y}\n  {:<32} {:<14} {:>12} {:>12} {:>12} {:>8}\n",
            "quantity", "unit", "A", "B", "B − A", "%"
        ));
        for r in diff.year(*y) {
            let rel = r.relative.map_or_else(|| "–".to_owned(), |x| format!("{:+.1}", x * 100.0));
            o.push_str(&format!(
                "  {:<32} {:<14} {:>12} {:>12} {:>12} {:>8}\n",
                r.quantity,
                r.unit,
                num(r.a),
                num(r.b),
                num(r.difference),
                rel
            ));
        }
    }
    emit(&o);
    if let Some(path) = out {
        let all = compare::compare(&oa, &ob, &[]);
        let mut csv = String::from("year,quantity,unit,a,b,difference,relative\n");
        for r in &all.rows {
            csv.push_str(&format!(
                "{},{},{},{},{},{},{}\n",
                r.year,
                r.quantity,
                r.unit,
                r.a,
                r.b,
                r.difference,
                r.relative.map_or_else(String::new, |x| x.to_string())
            ));
        }
        write_file(path, &csv)?;
    }
    Ok(())
}

fn ensemble_command(
    path: &Path,
    runs: usize,
    threads: Option<usize>,
    fixed_weather: bool,
    set: &[String],
    out: Option<&Path>,
    digest: bool,
) -> Result<(), Failure> {
    let scenario = load(path)?;
    let levers = levers_with(&scenario, set)?;
    if runs == 0 || runs > 1_000_000 {
        return Err(Failure::Input(format!("--runs {runs}: expected 1..=1000000")));
    }
    let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if threads == 0 || threads > 256 {
        return Err(Failure::Input(format!("--threads {threads}: expected 1..=256")));
    }
    let options = EnsembleOptions { runs, threads, vary_weather: !fixed_weather };
    let bar = if std::io::stderr().is_terminal() && !digest {
        let bar = ProgressBar::new(runs as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} runs, {elapsed} (eta {eta})") {
            bar.set_style(style);
        }
        Some(bar)
    } else {
        None
    };
    let progress = |done: usize| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
    };
    let started = std::time::Instant::now();
    let result = run_ensemble(&scenario, &levers, &options, &progress);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if digest {
        emit(&format!("{}\n", result.digest()));
    } else {
        let mut o = format!(
            "{}: {} runs on {} threads in {:.1} s ({} uncertain parameters{})\n\n",
            scenario.name,
            runs,
            threads,
            started.elapsed().as_secs_f64(),
            scenario.uncertainties.len(),
            if fixed_weather { "" } else { ", weather varies" }
        );
        let last = result.years.len().saturating_sub(1);
        let mut shown: Vec<usize> = result.years.iter().position(|y| *y == 2030).into_iter().collect();
        shown.push(last);
        shown.dedup();
        for yi in shown {
            o.push_str(&format!(
                "{}\n  {:<32} {:<15} {:>10} {:>10} {:>10}\n",
                result.years[yi], "quantity", "unit", "P5", "P50", "P95"
            ));
            for (q, p) in QUANTITIES.iter().zip(&result.percentiles[yi]) {
                o.push_str(&format!(
                    "  {:<32} {:<15} {:>10} {:>10} {:>10}\n",
                    q.key,
                    q.unit,
                    num(p.p5),
                    num(p.p50),
                    num(p.p95)
                ));
            }
        }
        emit(&o);
    }
    if let Some(dir) = out {
        let mut csv = String::from("year,quantity,unit,p5,p50,p95,mean\n");
        for (y, row) in result.years.iter().zip(&result.percentiles) {
            for (q, p) in QUANTITIES.iter().zip(row) {
                csv.push_str(&format!("{y},{},{},{},{},{},{}\n", q.key, q.unit, p.p5, p.p50, p.p95, p.mean));
            }
        }
        write_file(&dir.join("ensemble.csv"), &csv)?;
    }
    Ok(())
}

fn sensitivity_command(
    path: &Path,
    year: Option<i32>,
    runs: usize,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let scenario = load(path)?;
    let year = year.unwrap_or(scenario.end_year);
    if year < scenario.base_year || year > scenario.end_year {
        return Err(Failure::Input(format!(
            "--year {year}: outside {}..={}",
            scenario.base_year, scenario.end_year
        )));
    }
    let tornadoes = sensitivity::tornado(&scenario, &scenario.levers, year, &HEADLINE_KPIS);
    let mut o = format!("{}: what moves each headline KPI in {year} (one at a time)\n", scenario.name);
    let mut csv = String::from("kpi,unit,factor,low_input,high_input,low_value,high_value,swing\n");
    for t in &tornadoes {
        let spec = t.kpi.spec();
        o.push_str(&format!("\n{} [{}], scenario value {}\n", spec.name, spec.unit, num(t.base_value)));
        let widest = t.bars.first().map_or(0.0, |b| b.swing()).max(1e-300);
        for b in t.bars.iter().take(8) {
            let width = ((b.swing() / widest) * 30.0).round() as usize;
            o.push_str(&format!(
                "  {:<28} {:>10} … {:<10} {:>10} → {:<10} {}\n",
                b.factor.key(),
                num(b.low_input),
                num(b.high_input),
                num(b.low_value),
                num(b.high_value),
                "█".repeat(width)
            ));
        }
        for b in &t.bars {
            csv.push_str(&format!(
                "{},{},{},{},{},{},{},{}\n",
                spec.key,
                spec.unit,
                b.factor.key(),
                b.low_input,
                b.high_input,
                b.low_value,
                b.high_value,
                b.swing()
            ));
        }
    }
    let mut variance_csv = None;
    if runs > 0 && !scenario.uncertainties.is_empty() {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let result = run_ensemble(
            &scenario,
            &scenario.levers,
            &EnsembleOptions { runs, threads, vary_weather: false },
            &|_| {},
        );
        let indices = sensitivity::regression_indices(&result);
        o.push_str(&format!(
            "\nVariance shares at {} from {runs} runs (squared standardised regression coefficients):\n",
            scenario.end_year
        ));
        let mut v = String::from("quantity,parameter,src_squared,r_squared\n");
        for idx in indices.iter().filter(|i| HEADLINE_KPIS.iter().any(|k| k.spec().key == i.quantity)) {
            let parts: Vec<String> = scenario
                .uncertainties
                .iter()
                .zip(&idx.src_squared)
                .map(|(u, s)| format!("{} {:.0} %", u.parameter.spec().key, s * 100.0))
                .collect();
            o.push_str(&format!("  {:<32} R² {:.2}: {}\n", idx.quantity, idx.r_squared, parts.join(", ")));
        }
        for idx in &indices {
            for (u, s) in scenario.uncertainties.iter().zip(&idx.src_squared) {
                v.push_str(&format!("{},{},{},{}\n", idx.quantity, u.parameter.spec().key, s, idx.r_squared));
            }
        }
        variance_csv = Some(v);
    }
    emit(&o);
    if let Some(dir) = out {
        write_file(&dir.join("tornado.csv"), &csv)?;
        if let Some(v) = variance_csv {
            write_file(&dir.join("variance.csv"), &v)?;
        }
    }
    Ok(())
}

fn costs_command(path: &Path, set: &[String], out: Option<&Path>) -> Result<(), Failure> {
    let scenario = load(path)?;
    let levers = levers_with(&scenario, set)?;
    let prepared = Prepared::new(&scenario);
    let outcome = run(&scenario, &levers, &prepared, &RunOptions::default());
    let yearly = costs::system_costs(&outcome, &scenario.costs);
    let table = costs::abatement_table(&scenario, &levers, &prepared);
    let mut o = format!(
        "{}: costs in MNOK (investments annualised at {:.1} %)\n",
        scenario.name,
        scenario.costs.discount_rate * 100.0
    );
    o.push_str(&format!(
        "  {:>6} {:>12} {:>14} {:>12} {:>10} {:>12} {:>16}\n",
        "year", "investment", "annualised inv.", "energy", "waste", "total", "per household NOK"
    ));
    for (c, y) in yearly.iter().zip(&outcome.years) {
        if !(c.year == scenario.base_year || c.year == scenario.end_year || c.year % 5 == 0) {
            continue;
        }
        o.push_str(&format!(
            "  {:>6} {:>12.1} {:>14.1} {:>12.1} {:>10.1} {:>12.1} {:>16.0}\n",
            c.year,
            c.investment_nok / 1e6,
            c.annualised_investment_nok / 1e6,
            c.energy_nok / 1e6,
            c.waste_nok / 1e6,
            c.total_nok() / 1e6,
            y.household_cost.total_nok()
        ));
    }
    o.push_str("\nCost per tonne CO2e avoided, by lever (against the lever at \"no new policy\"):\n");
    o.push_str(&format!(
        "  {:<28} {:>14} {:>16} {:>14} {:>14}\n",
        "lever", "invest MNOK", "Δ cost PV MNOK", "avoided kt", "NOK/t CO2e"
    ));
    let mut csv = String::from("lever,investment_nok,cost_change_nok,abated_t,nok_per_t\n");
    for a in &table {
        o.push_str(&format!(
            "  {:<28} {:>14.1} {:>16.1} {:>14.1} {:>14}\n",
            a.lever.spec().key,
            a.investment_nok / 1e6,
            a.cost_change_nok / 1e6,
            a.abated_t / 1000.0,
            a.nok_per_t.map_or_else(|| "–".to_owned(), |x| format!("{x:.0}"))
        ));
        csv.push_str(&format!(
            "{},{},{},{},{}\n",
            a.lever.spec().key,
            a.investment_nok,
            a.cost_change_nok,
            a.abated_t,
            a.nok_per_t.map_or_else(String::new, |x| x.to_string())
        ));
    }
    if table.is_empty() {
        o.push_str("  (no lever differs from \"no new policy\"; set one with --set)\n");
    }
    emit(&o);
    if let Some(dir) = out {
        let mut c = String::from(
            "year,investment_nok,annualised_investment_nok,energy_nok,waste_nok,total_nok,household_cost_nok\n",
        );
        for (k, y) in yearly.iter().zip(&outcome.years) {
            c.push_str(&format!(
                "{},{},{},{},{},{},{}\n",
                k.year,
                k.investment_nok,
                k.annualised_investment_nok,
                k.energy_nok,
                k.waste_nok,
                k.total_nok(),
                y.household_cost.total_nok()
            ));
        }
        write_file(&dir.join("costs.csv"), &c)?;
        write_file(&dir.join("abatement.csv"), &csv)?;
    }
    Ok(())
}

/// Reads a CSV of (year, value) rows; a first row that is not numeric is a header.
fn read_series(path: &Path) -> Result<(Vec<f64>, Vec<f64>), Failure> {
    let text = scenario::read_text(path).map_err(|e| Failure::Input(e.to_string()))?;
    let (mut years, mut values) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let parsed = match fields.as_slice() {
            [y, v] => y.parse::<f64>().ok().zip(v.parse::<f64>().ok()),
            _ => None,
        };
        match parsed {
            Some((y, v)) => {
                years.push(y);
                values.push(v);
            }
            None if years.is_empty() && i == 0 => {} // header
            None => {
                return Err(Failure::Input(format!(
                    "{}:{}: expected two numbers `year,value`, found {line:?}",
                    path.display(),
                    i + 1
                )));
            }
        }
    }
    Ok((years, values))
}

fn stock_command(
    inflow: Option<&Path>,
    stock: Option<&Path>,
    lifetime: &str,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let lifetime = dsm::Lifetime::parse(lifetime).map_err(|e| Failure::Input(format!("--lifetime {e}")))?;
    let (path, driven_by_inflow) = match (inflow, stock) {
        (Some(p), None) => (p, true),
        (None, Some(p)) => (p, false),
        _ => return Err(Failure::Input("give exactly one of --inflow FILE or --stock FILE".into())),
    };
    let (years, values) = read_series(path)?;
    let result = if driven_by_inflow {
        dsm::inflow_driven(&years, &values, &lifetime)
    } else {
        dsm::stock_driven(&years, &values, &lifetime)
    }
    .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
    let mut csv = String::from("year,inflow,outflow,stock\n");
    for i in 0..result.years.len() {
        csv.push_str(&format!(
            "{},{},{},{}\n",
            result.years[i], result.inflow[i], result.outflow[i], result.stock[i]
        ));
    }
    match out {
        Some(path) => write_file(path, &csv),
        None => {
            emit(&csv);
            Ok(())
        }
    }
}
