//! `twin`: run, check and inspect municipal twin scenarios from the command line.
//!
//! Exit status: 0 on success, 2 on invalid input (bad file, bad option; message on stderr),
//! 1 when results cannot be written.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use twin_core::levers::{LEVERS, LeverId};
use twin_core::model::{HourlyYears, RunOptions, run};
use twin_core::outcome::{Carrier, Outcome};
use twin_core::output::{districts_csv, hourly_csv, write_atomic, yearly_csv};
use twin_core::scenario::{self, Sector};
use twin_core::site::Prepared;
use twin_core::solar::{self, SolarTableOptions};

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
    let scenario = scenario::load(path).map_err(|e| Failure::Input(e.to_string()))?;
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
