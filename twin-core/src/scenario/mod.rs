//! Scenario files: read (bounded), parse into [`raw`] types, validate once into a [`Scenario`].
//!
//! This is the one boundary where user input is checked. Past it, a `Scenario` is immutable and
//! every number is finite and in range, every share set sums to 1, every reference resolves and
//! every size is bounded, so the model never needs to check again. Errors name the file, line,
//! column and field path and say what was expected; nothing here panics on any input.

pub mod locate;
pub mod raw;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::levers::{LeverId, LeverSetting, Levers};
pub use raw::{
    BuildingType, Distribution, EmissionConvention, RawCopCurve as CopCurve, RawCosts as Costs,
    RawEmissionFactors as EmissionFactors, RawGrid as Grid, RawHeatingParameters as HeatingParameters,
    RawPv as Pv, RawScenario, RawSite as Site, RawTransport as Transport, TargetDirection, TargetValue,
    UnitKind,
};

/// Largest scenario file accepted, bytes.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;
/// Most districts in a scenario.
pub const MAX_DISTRICTS: usize = 500;
/// Most building classes in a scenario.
pub const MAX_CLASSES: usize = 200;
/// Most simulated years (end − base + 1).
pub const MAX_YEARS: i32 = 101;
/// Most district-heating units.
pub const MAX_UNITS: usize = 50;
/// Nesting depth limit handed to the RON parser.
pub const MAX_NESTING: usize = 64;
/// Tolerance for share sets summing to 1.
pub const SHARE_SUM_TOLERANCE: f64 = 1e-6;

/// Sector that a building's or vehicle's energy use is booked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Sector {
    /// Dwellings.
    Residential,
    /// Private and commercial services.
    Services,
    /// Municipal and other public buildings.
    Public,
    /// Private cars.
    Transport,
}

impl Sector {
    /// All sectors in reporting order.
    pub const ALL: [Sector; 4] = [Sector::Residential, Sector::Services, Sector::Public, Sector::Transport];
    /// Number of sectors.
    pub const COUNT: usize = 4;

    /// Lower-case name used in output columns.
    pub fn key(self) -> &'static str {
        match self {
            Sector::Residential => "residential",
            Sector::Services => "services",
            Sector::Public => "public",
            Sector::Transport => "transport",
        }
    }
}

impl BuildingType {
    /// The sector this building type's energy use belongs to.
    pub fn sector(self) -> Sector {
        match self {
            BuildingType::Detached | BuildingType::RowHouse | BuildingType::Apartment => Sector::Residential,
            BuildingType::Office | BuildingType::Retail | BuildingType::OtherCommercial => Sector::Services,
            BuildingType::School | BuildingType::Care | BuildingType::OtherPublic => Sector::Public,
        }
    }
}

/// A building heating system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum HeatingSystem {
    /// District heating.
    DistrictHeating,
    /// Air-to-air heat pump with direct electric backup.
    AirToAirHeatPump,
    /// Air-to-water heat pump.
    AirToWaterHeatPump,
    /// Ground-source heat pump.
    GroundSourceHeatPump,
    /// Direct electric.
    DirectElectric,
    /// Wood and pellets.
    Bio,
    /// Heating oil.
    Oil,
}

impl HeatingSystem {
    /// All systems, in the order of [`HeatingShares`].
    pub const ALL: [HeatingSystem; 7] = [
        HeatingSystem::DistrictHeating,
        HeatingSystem::AirToAirHeatPump,
        HeatingSystem::AirToWaterHeatPump,
        HeatingSystem::GroundSourceHeatPump,
        HeatingSystem::DirectElectric,
        HeatingSystem::Bio,
        HeatingSystem::Oil,
    ];
    /// Number of systems.
    pub const COUNT: usize = 7;

    /// Field name in scenario files.
    pub fn key(self) -> &'static str {
        match self {
            HeatingSystem::DistrictHeating => "district_heating",
            HeatingSystem::AirToAirHeatPump => "air_to_air_heat_pump",
            HeatingSystem::AirToWaterHeatPump => "air_to_water_heat_pump",
            HeatingSystem::GroundSourceHeatPump => "ground_source_heat_pump",
            HeatingSystem::DirectElectric => "direct_electric",
            HeatingSystem::Bio => "bio",
            HeatingSystem::Oil => "oil",
        }
    }
}

/// Floor-area shares by heating system, indexed by `HeatingSystem as usize`; sums to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeatingShares(pub [f64; HeatingSystem::COUNT]);

impl HeatingShares {
    /// Share of one system.
    pub fn get(&self, system: HeatingSystem) -> f64 {
        self.0[system as usize]
    }

    fn from_raw(raw: &raw::RawHeatingShares) -> HeatingShares {
        HeatingShares([
            raw.district_heating,
            raw.air_to_air_heat_pump,
            raw.air_to_water_heat_pump,
            raw.ground_source_heat_pump,
            raw.direct_electric,
            raw.bio,
            raw.oil,
        ])
    }
}

/// Index of a building class in [`Scenario::classes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ClassId(pub u16);

/// Index of a district in [`Scenario::districts`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct DistrictId(pub u16);

/// A validated building class.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildingClass {
    /// Identifier from the file.
    pub id: String,
    /// Building type.
    pub building_type: BuildingType,
    /// Space-heat need in the normal climate, kWh/m²/yr.
    pub space_heat_kwh_per_m2: f64,
    /// Hot-water need, kWh/m²/yr.
    pub hot_water_kwh_per_m2: f64,
    /// Appliance electricity, kWh/m²/yr.
    pub appliances_kwh_per_m2: f64,
    /// Whether retrofits apply.
    pub retrofittable: bool,
}

/// A validated district.
#[derive(Debug, Clone, PartialEq)]
pub struct District {
    /// Name.
    pub name: String,
    /// Official code.
    pub code: String,
    /// Centre latitude, degrees north.
    pub latitude_deg: f64,
    /// Centre longitude, degrees east.
    pub longitude_deg: f64,
    /// Land area, km².
    pub area_km2: f64,
    /// Base-year residents, persons.
    pub population: f64,
    /// Heated floor area by class, m², in class order (no duplicates).
    pub floor_area_m2: Vec<(ClassId, f64)>,
    /// Heating shares of the existing floor area.
    pub heating_shares: HeatingShares,
    /// Rooftop PV potential, kWp.
    pub rooftop_pv_potential_kwp: f64,
    /// PV installed in the base year, kWp.
    pub pv_installed_kwp: f64,
    /// Cars.
    pub cars: f64,
    /// Base-year EV share of cars.
    pub ev_share: f64,
}

/// New construction, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct NewBuildings {
    /// m² per additional resident.
    pub floor_area_per_new_resident_m2: f64,
    /// Class of new buildings.
    pub class: ClassId,
    /// Heating shares of new buildings.
    pub heating_shares: HeatingShares,
}

/// A validated district-heating unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: UnitKind,
    /// Heat capacity, MW.
    pub heat_capacity_mw: f64,
    /// Heat per fuel (boilers, incineration).
    pub efficiency: f64,
    /// Heat per electricity (heat pumps).
    pub cop: f64,
    /// Waste burnt per year, t (incineration).
    pub waste_t_per_year: f64,
    /// Lower heating value, MWh/t (incineration).
    pub waste_lhv_mwh_per_t: f64,
    /// Electricity per fuel energy (incineration).
    pub electric_efficiency: f64,
    /// Fossil share of fuel energy (incineration).
    pub fossil_energy_share: f64,
}

/// The validated district-heating network; units sorted by merit order.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictHeating {
    /// Network loss share of production.
    pub network_loss_share: f64,
    /// Units in merit order (first runs first).
    pub units: Vec<Unit>,
}

/// A validated scenario: immutable, every value checked. Build it with [`Scenario::from_str_named`]
/// or [`load`].
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The file as parsed (for saving and for showing every parameter).
    pub raw: RawScenario,
    /// Scenario name.
    pub name: String,
    /// Weather seed.
    pub seed: u64,
    /// First simulated year.
    pub base_year: i32,
    /// Last simulated year.
    pub end_year: i32,
    /// Site and climate.
    pub site: Site,
    /// Population path points, sorted by year, strictly increasing years.
    pub population: Vec<(i32, f64)>,
    /// Building classes.
    pub classes: Vec<BuildingClass>,
    /// Heating-system performance.
    pub heating: HeatingParameters,
    /// New construction.
    pub new_buildings: NewBuildings,
    /// Districts.
    pub districts: Vec<District>,
    /// Cars.
    pub transport: Transport,
    /// PV.
    pub pv: Pv,
    /// District heating.
    pub district_heating: DistrictHeating,
    /// Grid.
    pub grid: Grid,
    /// Emission factors.
    pub emission_factors: EmissionFactors,
    /// The scenario's own lever settings (its policy pathway).
    pub levers: Levers,
    /// Residents per household.
    pub persons_per_household: f64,
    /// KPI targets.
    pub targets: Vec<Target>,
    /// Uncertain parameters.
    pub uncertainties: Vec<Uncertainty>,
    /// Prices and costs.
    pub costs: Costs,
    /// Waste network and building stock, if modelled.
    pub materials: Option<MaterialsModel>,
}

/// The validated materials part of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct MaterialsModel {
    /// The waste network.
    pub network: crate::materials::Network,
    /// Building-stock groups with their stock models.
    pub stock_groups: Vec<crate::materials::StockGroup>,
    /// Embodied emissions (material, kg CO2e/kg).
    pub material_factors: Vec<(String, f64)>,
    /// Share of non-reused demolition material recycled.
    pub demolition_recycling_share: f64,
}

/// A validated KPI target.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Target {
    /// The KPI.
    pub kpi: crate::kpi::KpiId,
    /// Year it applies to.
    pub year: i32,
    /// Value.
    pub value: TargetValue,
    /// Ceiling or floor.
    pub direction: TargetDirection,
    /// Source.
    pub source: String,
}

/// A validated uncertain parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncertainty {
    /// Which parameter.
    pub parameter: crate::ensemble::Parameter,
    /// Its distribution.
    pub distribution: Distribution,
}

/// One problem found in a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// Field path, e.g. `districts[3].heating_shares`.
    pub path: String,
    /// Position of the field in the file, if known.
    pub position: Option<locate::TextPosition>,
    /// What is wrong and what was expected.
    pub message: String,
}

/// Why a scenario could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// The file could not be read.
    #[error("{file}: cannot read: {source}")]
    Io {
        /// File.
        file: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("{file}: file is larger than the {limit} bytes a scenario may have")]
    TooLarge {
        /// File.
        file: PathBuf,
        /// Limit in bytes.
        limit: u64,
    },
    /// The file is not UTF-8 text.
    #[error("{file}:{line}:{column}: not UTF-8 text (a scenario file must be UTF-8 RON)")]
    NotUtf8 {
        /// File.
        file: PathBuf,
        /// Line of the first bad byte.
        line: usize,
        /// Column of the first bad byte.
        column: usize,
    },
    /// RON syntax or type error.
    #[error("{file}:{line}:{column}: {}{message}", field_prefix(.path))]
    Parse {
        /// File.
        file: PathBuf,
        /// Line.
        line: usize,
        /// Column.
        column: usize,
        /// Field path where parsing stopped (may be empty at top level).
        path: String,
        /// What the parser expected.
        message: String,
    },
    /// The file parsed but its values are invalid.
    #[error("{}", format_issues(.file, .issues))]
    Invalid {
        /// File.
        file: PathBuf,
        /// Every problem found.
        issues: Vec<Issue>,
    },
}

fn field_prefix(path: &str) -> String {
    if path.is_empty() || path == "." || path == "?" { String::new() } else { format!("field `{path}`: ") }
}

fn format_issues(file: &Path, issues: &[Issue]) -> String {
    let mut out = String::new();
    for (i, issue) in issues.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match issue.position {
            Some(p) => out.push_str(&format!("{}:{}:{}: ", file.display(), p.line, p.column)),
            None => out.push_str(&format!("{}: ", file.display())),
        }
        out.push_str(&format!("field `{}`: {}", issue.path, issue.message));
    }
    out
}

impl fmt::Display for ClassId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "class#{}", self.0)
    }
}

/// Reads and validates a scenario file. Reads at most [`MAX_FILE_BYTES`] + 1 bytes whatever
/// the file is (a directory, a device, a huge file) and never panics.
pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
    let text = read_text(path)?;
    Scenario::from_str_named(&text, path)
}

/// Reads a file as UTF-8 text with the scenario size limit.
pub fn read_text(path: &Path) -> Result<String, ScenarioError> {
    let io = |source| ScenarioError::Io { file: path.to_owned(), source };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::other("is a directory, not a scenario file")));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ScenarioError::TooLarge { file: path.to_owned(), limit: MAX_FILE_BYTES });
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let prefix = String::from_utf8_lossy(valid);
        let line = prefix.matches('\n').count() + 1;
        let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ScenarioError::NotUtf8 { file: path.to_owned(), line, column }
    })
}

impl Scenario {
    /// Parses and validates scenario text; `file` names it in errors.
    ///
    /// ```
    /// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron")).unwrap();
    /// let scenario = twin_core::Scenario::from_str_named(&text, "baerum.ron".as_ref()).unwrap();
    /// assert_eq!(scenario.site.kommune_number, "3201");
    /// ```
    pub fn from_str_named(text: &str, file: &Path) -> Result<Scenario, ScenarioError> {
        let raw = parse(text, file)?;
        validate(raw, text, file)
    }

    /// Re-validates a raw scenario (e.g. after an edit in the viewer). Errors carry no
    /// positions beyond what `text` (the file it came from, if any) gives.
    pub fn from_raw(raw: RawScenario, file: &Path) -> Result<Scenario, ScenarioError> {
        validate(raw, "", file)
    }

    /// Writes the scenario as RON text (what [`Scenario::from_str_named`] reads back).
    pub fn to_ron(&self) -> String {
        to_ron(&self.raw)
    }

    /// Number of simulated years.
    pub fn year_count(&self) -> usize {
        (self.end_year - self.base_year + 1) as usize
    }

    /// Population in a year: linear between points, constant outside.
    pub fn population_in(&self, year: i32) -> f64 {
        interpolate(&self.population, year)
    }

    /// Base-year values of the levers whose default comes from the scenario.
    pub fn lever_base(&self, id: LeverId) -> f64 {
        match id {
            LeverId::EvShare => {
                let cars: f64 = self.districts.iter().map(|d| d.cars).sum();
                let evs: f64 = self.districts.iter().map(|d| d.cars * d.ev_share).sum();
                if cars > 0.0 { evs / cars } else { 0.0 }
            }
            LeverId::PvRollout => {
                let potential: f64 = self.districts.iter().map(|d| d.rooftop_pv_potential_kwp).sum();
                let built: f64 = self.districts.iter().map(|d| d.pv_installed_kwp).sum();
                if potential > 0.0 { built / potential } else { 0.0 }
            }
            other => other.spec().default,
        }
    }

    /// Levers at "no new policy": the scenario's base-year state kept to the end year.
    pub fn no_policy_levers(&self) -> Levers {
        Levers::no_policy(self.base_year, |id| self.lever_base(id))
    }
}

/// Serialises a raw scenario as pretty RON.
pub fn to_ron(raw: &RawScenario) -> String {
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    // Serialising plain data with finite numbers cannot fail; fall back to the debug form.
    ron::ser::to_string_pretty(raw, config).unwrap_or_else(|e| format!("// serialisation failed: {e}"))
}

/// Linear interpolation in (year, value) points sorted by year, constant outside them (0 if
/// there are none).
pub fn interpolate(points: &[(i32, f64)], year: i32) -> f64 {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return 0.0;
    };
    if year <= first.0 {
        return first.1;
    }
    if year >= last.0 {
        return last.1;
    }
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if year >= a.0 && year <= b.0 {
            let t = f64::from(year - a.0) / f64::from(b.0 - a.0);
            return a.1 + (b.1 - a.1) * t;
        }
    }
    last.1
}

fn parse(text: &str, file: &Path) -> Result<RawScenario, ScenarioError> {
    let options = ron::Options::default()
        .with_recursion_limit(MAX_NESTING)
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let parse_err = |e: ron::error::SpannedError, path: String| ScenarioError::Parse {
        file: file.to_owned(),
        line: e.span.start.line,
        column: e.span.start.col,
        path,
        message: e.code.to_string(),
    };
    // Fast path without path tracking; on failure parse again to find the field's path.
    let mut de =
        ron::Deserializer::from_str_with_options(text, &options).map_err(|e| parse_err(e, String::new()))?;
    let first =
        <RawScenario as serde::Deserialize>::deserialize(&mut de).and_then(|raw| de.end().map(|()| raw));
    let raw = match first {
        Ok(raw) => raw,
        Err(code) => {
            let spanned = de.span_error(code);
            let path = match ron::Deserializer::from_str_with_options(text, &options) {
                Ok(mut de) => match serde_path_to_error::deserialize::<_, RawScenario>(&mut de) {
                    Err(e) => e.path().to_string(),
                    Ok(_) => String::new(),
                },
                Err(_) => String::new(),
            };
            return Err(parse_err(spanned, path));
        }
    };
    Ok(raw)
}

/// Collects issues while validating.
struct Checker<'a> {
    text: &'a str,
    issues: Vec<Issue>,
}

impl Checker<'_> {
    fn issue(&mut self, path: impl Into<String>, message: impl Into<String>) {
        let path = path.into();
        let position = if self.text.is_empty() { None } else { locate::locate(self.text, &path) };
        self.issues.push(Issue { path, position, message: message.into() });
    }

    /// Checks `lo <= value <= hi` and finiteness.
    fn range(&mut self, path: impl fmt::Display, value: f64, lo: f64, hi: f64, unit: &str) {
        if !value.is_finite() {
            self.issue(
                path.to_string(),
                format!("expected a finite number in {lo}..={hi} {unit}, found {value}"),
            );
        } else if value < lo || value > hi {
            self.issue(path.to_string(), format!("expected a value in {lo}..={hi} {unit}, found {value}"));
        }
    }

    fn shares(&mut self, path: &str, shares: &raw::RawHeatingShares) {
        let s = HeatingShares::from_raw(shares);
        for (system, value) in HeatingSystem::ALL.iter().zip(s.0) {
            self.range(format_args!("{path}.{}", system.key()), value, 0.0, 1.0, "(share)");
        }
        let sum: f64 = s.0.iter().sum();
        if sum.is_finite() && (sum - 1.0).abs() > SHARE_SUM_TOLERANCE {
            self.issue(path, format!("heating shares must sum to 1, they sum to {sum:.4}"));
        }
    }

    fn cop(&mut self, path: &str, c: &CopCurve) {
        self.range(format_args!("{path}.cop_at_0c"), c.cop_at_0c, 1.0, 10.0, "");
        self.range(format_args!("{path}.slope_per_k"), c.slope_per_k, 0.0, 0.5, "1/K");
        self.range(format_args!("{path}.min_cop"), c.min_cop, 1.0, 10.0, "");
        self.range(format_args!("{path}.max_cop"), c.max_cop, 1.0, 10.0, "");
        if c.min_cop > c.max_cop {
            self.issue(format!("{path}.min_cop"), "min_cop must not exceed max_cop");
        }
    }
}

fn validate(raw: RawScenario, text: &str, file: &Path) -> Result<Scenario, ScenarioError> {
    let mut c = Checker { text, issues: Vec::new() };
    if raw.format_version != 1 {
        c.issue("format_version", format!("expected 1, found {}", raw.format_version));
    }
    if raw.name.trim().is_empty() || raw.name.len() > 200 {
        c.issue("name", "expected a non-empty name of at most 200 bytes");
    }
    if !(1900..=2200).contains(&raw.base_year) {
        c.issue("base_year", format!("expected a year in 1900..=2200, found {}", raw.base_year));
    }
    let years = i64::from(raw.end_year) - i64::from(raw.base_year) + 1;
    if years < 1 || years > i64::from(MAX_YEARS) {
        c.issue(
            "end_year",
            format!(
                "expected a year from base_year {} to {}, found {}",
                raw.base_year,
                i64::from(raw.base_year) + i64::from(MAX_YEARS) - 1,
                raw.end_year
            ),
        );
    }

    // Site and climate.
    let s = &raw.site;
    if s.kommune_number.len() != 4 || !s.kommune_number.bytes().all(|b| b.is_ascii_digit()) {
        c.issue("site.kommune_number", format!("expected four digits, found {:?}", s.kommune_number));
    }
    c.range("site.latitude_deg", s.latitude_deg, -89.0, 89.0, "degrees");
    c.range("site.longitude_deg", s.longitude_deg, -180.0, 180.0, "degrees");
    c.range("site.elevation_m", s.elevation_m, -500.0, 9000.0, "m");
    if !(-12..=14).contains(&s.utc_offset_h) {
        c.issue("site.utc_offset_h", format!("expected -12..=14 hours, found {}", s.utc_offset_h));
    }
    if s.monthly_mean_temperature_c.len() == 12 {
        for (i, t) in s.monthly_mean_temperature_c.iter().enumerate() {
            c.range(format_args!("site.monthly_mean_temperature_c[{i}]"), *t, -60.0, 50.0, "°C");
        }
    } else {
        c.issue(
            "site.monthly_mean_temperature_c",
            format!("expected 12 monthly values, found {}", s.monthly_mean_temperature_c.len()),
        );
    }
    if s.monthly_clear_sky_ratio.len() == 12 {
        for (i, r) in s.monthly_clear_sky_ratio.iter().enumerate() {
            c.range(format_args!("site.monthly_clear_sky_ratio[{i}]"), *r, 0.0, 1.0, "(ratio)");
        }
    } else {
        c.issue(
            "site.monthly_clear_sky_ratio",
            format!("expected 12 monthly values, found {}", s.monthly_clear_sky_ratio.len()),
        );
    }
    c.range("site.diurnal_range_c", s.diurnal_range_c, 0.0, 30.0, "K");
    c.range("site.temperature_offset_c", s.temperature_offset_c, -10.0, 10.0, "K");
    c.range("site.temperature_anomaly_sd_c", s.temperature_anomaly_sd_c, 0.0, 15.0, "K");
    c.range("site.temperature_persistence_h", s.temperature_persistence_h, 1.0, 2000.0, "h");
    if s.cold_spells_per_winter > 10 {
        c.issue("site.cold_spells_per_winter", "expected at most 10");
    }
    c.range("site.cold_spell_depth_c", s.cold_spell_depth_c, 0.0, 30.0, "K");
    c.range("site.linke_turbidity", s.linke_turbidity, 1.0, 10.0, "");
    c.range("site.albedo", s.albedo, 0.0, 1.0, "");
    c.range("site.heating_base_temperature_c", s.heating_base_temperature_c, 5.0, 25.0, "°C");

    // Population.
    if raw.population.is_empty() || raw.population.len() > 1000 {
        c.issue("population", "expected 1 to 1000 points (year, persons)");
    }
    for (i, p) in raw.population.iter().enumerate() {
        c.range(format_args!("population[{i}].persons"), p.persons, 0.0, 1e8, "persons");
        if i > 0 && p.year <= raw.population[i - 1].year {
            c.issue(format!("population[{i}].year"), "years must increase strictly");
        }
    }

    // Building classes.
    if raw.building_classes.is_empty() || raw.building_classes.len() > MAX_CLASSES {
        c.issue("building_classes", format!("expected 1 to {MAX_CLASSES} classes"));
    }
    let mut classes = Vec::with_capacity(raw.building_classes.len());
    for (i, bc) in raw.building_classes.iter().enumerate().take(MAX_CLASSES) {
        let p = format!("building_classes[{i}]");
        if bc.id.is_empty()
            || bc.id.len() > 64
            || !bc.id.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-')
        {
            c.issue(format!("{p}.id"), "expected 1–64 letters, digits, `_` or `-`");
        }
        if raw.building_classes[..i].iter().any(|o| o.id == bc.id) {
            c.issue(format!("{p}.id"), format!("duplicate class id {:?}", bc.id));
        }
        c.range(
            format_args!("{p}.space_heat_kwh_per_m2"),
            bc.space_heat_kwh_per_m2,
            0.0,
            1000.0,
            "kWh/m²/yr",
        );
        c.range(format_args!("{p}.hot_water_kwh_per_m2"), bc.hot_water_kwh_per_m2, 0.0, 500.0, "kWh/m²/yr");
        c.range(
            format_args!("{p}.appliances_kwh_per_m2"),
            bc.appliances_kwh_per_m2,
            0.0,
            1000.0,
            "kWh/m²/yr",
        );
        classes.push(BuildingClass {
            id: bc.id.clone(),
            building_type: bc.building_type,
            space_heat_kwh_per_m2: bc.space_heat_kwh_per_m2,
            hot_water_kwh_per_m2: bc.hot_water_kwh_per_m2,
            appliances_kwh_per_m2: bc.appliances_kwh_per_m2,
            retrofittable: bc.retrofittable,
        });
    }
    let class_index: std::collections::BTreeMap<&str, ClassId> =
        classes.iter().enumerate().map(|(i, k)| (k.id.as_str(), ClassId(i as u16))).collect();
    let class_of = |id: &str| class_index.get(id).copied();

    // Heating performance.
    let h = &raw.heating;
    c.cop("heating.air_to_air_cop", &h.air_to_air_cop);
    c.cop("heating.air_to_water_cop", &h.air_to_water_cop);
    c.cop("heating.ground_source_cop", &h.ground_source_cop);
    c.range("heating.air_to_air_coverage_share", h.air_to_air_coverage_share, 0.0, 1.0, "(share)");
    c.range("heating.bio_efficiency", h.bio_efficiency, 0.05, 1.0, "(share)");
    c.range("heating.oil_efficiency", h.oil_efficiency, 0.05, 1.0, "(share)");

    // New buildings.
    let nb = &raw.new_buildings;
    c.range(
        "new_buildings.floor_area_per_new_resident_m2",
        nb.floor_area_per_new_resident_m2,
        0.0,
        500.0,
        "m²",
    );
    c.shares("new_buildings.heating_shares", &nb.heating_shares);
    let new_class = class_of(&nb.class);
    if new_class.is_none() {
        c.issue("new_buildings.class", format!("unknown building class {:?}", nb.class));
    }

    // Districts.
    if raw.districts.is_empty() || raw.districts.len() > MAX_DISTRICTS {
        c.issue(
            "districts",
            format!("expected 1 to {MAX_DISTRICTS} districts, found {}", raw.districts.len()),
        );
    }
    let mut districts = Vec::new();
    for (i, d) in raw.districts.iter().enumerate().take(MAX_DISTRICTS) {
        let p = format!("districts[{i}]");
        if d.name.trim().is_empty() || d.name.len() > 200 {
            c.issue(format!("{p}.name"), "expected a non-empty name of at most 200 bytes");
        }
        if raw.districts[..i].iter().any(|o| o.code == d.code) {
            c.issue(format!("{p}.code"), format!("duplicate district code {:?}", d.code));
        }
        c.range(format_args!("{p}.latitude_deg"), d.latitude_deg, -90.0, 90.0, "degrees");
        c.range(format_args!("{p}.longitude_deg"), d.longitude_deg, -180.0, 180.0, "degrees");
        c.range(format_args!("{p}.area_km2"), d.area_km2, 0.0, 1e5, "km²");
        c.range(format_args!("{p}.population"), d.population, 0.0, 1e8, "persons");
        c.range(format_args!("{p}.rooftop_pv_potential_kwp"), d.rooftop_pv_potential_kwp, 0.0, 1e8, "kWp");
        c.range(format_args!("{p}.pv_installed_kwp"), d.pv_installed_kwp, 0.0, 1e8, "kWp");
        if d.pv_installed_kwp > d.rooftop_pv_potential_kwp {
            c.issue(format!("{p}.pv_installed_kwp"), "installed PV exceeds the rooftop potential");
        }
        c.range(format_args!("{p}.cars"), d.cars, 0.0, 1e8, "cars");
        c.range(format_args!("{p}.ev_share"), d.ev_share, 0.0, 1.0, "(share)");
        c.shares(&format!("{p}.heating_shares"), &d.heating_shares);
        if d.floor_area_m2.len() > MAX_CLASSES {
            c.issue(format!("{p}.floor_area_m2"), format!("expected at most {MAX_CLASSES} entries"));
        }
        let mut floor = Vec::new();
        for (class, area) in d.floor_area_m2.iter().take(MAX_CLASSES) {
            c.range(format_args!("{p}.floor_area_m2.{class}"), *area, 0.0, 1e9, "m²");
            match class_of(class) {
                Some(id) => floor.push((id, *area)),
                None => {
                    c.issue(format!("{p}.floor_area_m2.{class}"), format!("unknown building class {class:?}"))
                }
            }
        }
        floor.sort_by_key(|(id, _)| *id);
        districts.push(District {
            name: d.name.clone(),
            code: d.code.clone(),
            latitude_deg: d.latitude_deg,
            longitude_deg: d.longitude_deg,
            area_km2: d.area_km2,
            population: d.population,
            floor_area_m2: floor,
            heating_shares: HeatingShares::from_raw(&d.heating_shares),
            rooftop_pv_potential_kwp: d.rooftop_pv_potential_kwp,
            pv_installed_kwp: d.pv_installed_kwp,
            cars: d.cars,
            ev_share: d.ev_share,
        });
    }

    // Transport.
    let t = &raw.transport;
    c.range("transport.km_per_car_year", t.km_per_car_year, 0.0, 100_000.0, "km");
    c.range("transport.ev_kwh_per_km", t.ev_kwh_per_km, 0.0, 2.0, "kWh/km");
    c.range("transport.ev_cold_extra_share_per_k", t.ev_cold_extra_share_per_k, 0.0, 0.1, "1/K");
    c.range("transport.local_charging_share", t.local_charging_share, 0.0, 1.0, "(share)");
    c.range("transport.petrol_share_of_fossil", t.petrol_share_of_fossil, 0.0, 1.0, "(share)");
    c.range("transport.petrol_l_per_km", t.petrol_l_per_km, 0.0, 1.0, "l/km");
    c.range("transport.diesel_l_per_km", t.diesel_l_per_km, 0.0, 1.0, "l/km");

    // PV.
    let pv = &raw.pv;
    c.range("pv.tilt_deg", pv.tilt_deg, 0.0, 90.0, "degrees");
    c.range("pv.azimuth_deg", pv.azimuth_deg, 0.0, 360.0, "degrees");
    c.range("pv.temperature_coefficient_per_k", pv.temperature_coefficient_per_k, -0.02, 0.0, "1/K");
    c.range("pv.noct_c", pv.noct_c, 20.0, 80.0, "°C");
    c.range("pv.system_loss_share", pv.system_loss_share, 0.0, 0.9, "(share)");

    // District heating.
    let dh = &raw.district_heating;
    c.range("district_heating.network_loss_share", dh.network_loss_share, 0.0, 0.5, "(share)");
    if dh.units.len() > MAX_UNITS {
        c.issue("district_heating.units", format!("expected at most {MAX_UNITS} units"));
    }
    let mut units: Vec<(u32, Unit)> = Vec::new();
    for (i, u) in dh.units.iter().enumerate().take(MAX_UNITS) {
        let p = format!("district_heating.units[{i}]");
        c.range(format_args!("{p}.heat_capacity_mw"), u.heat_capacity_mw, 0.0, 1e5, "MW");
        c.range(format_args!("{p}.efficiency"), u.efficiency, 0.05, 1.0, "(share)");
        c.range(format_args!("{p}.cop"), u.cop, 1.0, 10.0, "");
        c.range(format_args!("{p}.waste_t_per_year"), u.waste_t_per_year, 0.0, 1e7, "t/yr");
        c.range(format_args!("{p}.waste_lhv_mwh_per_t"), u.waste_lhv_mwh_per_t, 0.1, 10.0, "MWh/t");
        c.range(format_args!("{p}.electric_efficiency"), u.electric_efficiency, 0.0, 0.5, "(share)");
        c.range(format_args!("{p}.fossil_energy_share"), u.fossil_energy_share, 0.0, 1.0, "(share)");
        if u.kind == UnitKind::WasteIncineration && u.efficiency + u.electric_efficiency > 1.0 {
            c.issue(format!("{p}.electric_efficiency"), "heat and electric efficiency exceed 1 together");
        }
        if dh.units[..i].iter().any(|o| o.merit_order == u.merit_order) {
            c.issue(format!("{p}.merit_order"), format!("merit order {} is used twice", u.merit_order));
        }
        units.push((
            u.merit_order,
            Unit {
                name: u.name.clone(),
                kind: u.kind,
                heat_capacity_mw: u.heat_capacity_mw,
                efficiency: u.efficiency,
                cop: u.cop,
                waste_t_per_year: u.waste_t_per_year,
                waste_lhv_mwh_per_t: u.waste_lhv_mwh_per_t,
                electric_efficiency: u.electric_efficiency,
                fossil_energy_share: u.fossil_energy_share,
            },
        ));
    }
    units.sort_by_key(|(m, _)| *m);

    c.range("grid.import_capacity_mw", raw.grid.import_capacity_mw, 0.0, 1e6, "MW");

    let e = &raw.emission_factors;
    for (name, v) in [
        ("electricity_location_g_per_kwh", e.electricity_location_g_per_kwh),
        ("electricity_residual_g_per_kwh", e.electricity_residual_g_per_kwh),
        ("oil_g_per_kwh", e.oil_g_per_kwh),
        ("bio_g_per_kwh", e.bio_g_per_kwh),
        ("petrol_g_per_kwh", e.petrol_g_per_kwh),
        ("diesel_g_per_kwh", e.diesel_g_per_kwh),
        ("waste_fossil_g_per_kwh", e.waste_fossil_g_per_kwh),
    ] {
        c.range(format_args!("emission_factors.{name}"), v, 0.0, 2000.0, "g CO2e/kWh");
    }

    c.range("persons_per_household", raw.persons_per_household, 0.5, 20.0, "persons");
    let e = &raw.emission_factors;
    c.range(
        "emission_factors.electricity_renewable_share",
        e.electricity_renewable_share,
        0.0,
        1.0,
        "(share)",
    );

    let mut targets = Vec::new();
    for (i, t) in raw.targets.iter().enumerate().take(200) {
        let p = format!("targets[{i}]");
        match crate::kpi::KpiId::from_key(&t.kpi) {
            Some(kpi) => targets.push(Target {
                kpi,
                year: t.year,
                value: t.value,
                direction: t.direction,
                source: t.source.clone(),
            }),
            None => c.issue(
                format!("{p}.kpi"),
                format!("unknown KPI {:?}; known KPIs: {}", t.kpi, crate::kpi::KpiId::keys()),
            ),
        }
        if t.year < raw.base_year || t.year > raw.end_year {
            c.issue(format!("{p}.year"), format!("expected a year in {}..={}", raw.base_year, raw.end_year));
        }
        let v = match t.value {
            TargetValue::Absolute(v) | TargetValue::ChangeFromBase(v) => v,
        };
        c.range(format_args!("{p}.value"), v, -1e9, 1e9, "");
    }
    if raw.targets.len() > 200 {
        c.issue("targets", "expected at most 200 targets");
    }
    let mut uncertainties = Vec::new();
    for (i, u) in raw.uncertainties.iter().enumerate().take(100) {
        let p = format!("uncertainties[{i}]");
        let Some(parameter) = crate::ensemble::Parameter::from_key(&u.parameter) else {
            c.issue(
                format!("{p}.parameter"),
                format!("unknown parameter {:?}; known: {}", u.parameter, crate::ensemble::Parameter::keys()),
            );
            continue;
        };
        if raw.uncertainties[..i].iter().any(|o| o.parameter == u.parameter) {
            c.issue(format!("{p}.parameter"), format!("parameter {:?} is uncertain twice", u.parameter));
        }
        let (lo, hi) = parameter.range();
        let ok = match u.distribution {
            Distribution::Uniform { min, max } => {
                min.is_finite() && max.is_finite() && min <= max && min >= lo && max <= hi
            }
            Distribution::Triangular { min, mode, max } => {
                min.is_finite()
                    && max.is_finite()
                    && mode.is_finite()
                    && min <= mode
                    && mode <= max
                    && min >= lo
                    && max <= hi
            }
            Distribution::Normal { mean, sd } => {
                mean.is_finite()
                    && sd.is_finite()
                    && sd >= 0.0
                    && mean - 3.0 * sd >= lo
                    && mean + 3.0 * sd <= hi
            }
        };
        if !ok {
            c.issue(
                format!("{p}.distribution"),
                format!(
                    "expected an ordered distribution within {lo}..={hi} (normal: mean ± 3 sd within it)"
                ),
            );
        }
        uncertainties.push(Uncertainty { parameter, distribution: u.distribution });
    }
    if raw.uncertainties.len() > 100 {
        c.issue("uncertainties", "expected at most 100 uncertain parameters");
    }
    let k = &raw.costs;
    for (name, v, hi) in [
        ("electricity_nok_per_kwh", k.electricity_nok_per_kwh, 100.0),
        ("district_heat_nok_per_kwh", k.district_heat_nok_per_kwh, 100.0),
        ("bio_nok_per_kwh", k.bio_nok_per_kwh, 100.0),
        ("oil_nok_per_kwh", k.oil_nok_per_kwh, 100.0),
        ("petrol_nok_per_kwh", k.petrol_nok_per_kwh, 100.0),
        ("diesel_nok_per_kwh", k.diesel_nok_per_kwh, 100.0),
        ("household_peak_factor", k.household_peak_factor, 20.0),
        ("discount_rate", k.discount_rate, 0.5),
        ("retrofit_nok_per_m2", k.retrofit_nok_per_m2, 1e6),
        ("heat_pump_nok_per_m2", k.heat_pump_nok_per_m2, 1e6),
        ("district_heating_nok_per_m2", k.district_heating_nok_per_m2, 1e6),
        ("pv_nok_per_kwp", k.pv_nok_per_kwp, 1e6),
        ("ev_extra_nok_per_car", k.ev_extra_nok_per_car, 1e7),
        ("smart_charger_nok_per_ev", k.smart_charger_nok_per_ev, 1e6),
        ("sorting_campaign_nok_per_t", k.sorting_campaign_nok_per_t, 1e6),
    ] {
        c.range(format_args!("costs.{name}"), v, 0.0, hi, "");
    }
    for (i, (process, nok)) in k.waste_nok_per_t.iter().enumerate().take(200) {
        c.range(format_args!("costs.waste_nok_per_t[{i}]"), *nok, 0.0, 1e6, "NOK/t");
        if process.is_empty() {
            c.issue(format!("costs.waste_nok_per_t[{i}]"), "expected a process name");
        }
    }
    c.range("costs.building_measure_life_years", k.building_measure_life_years, 1.0, 200.0, "years");
    c.range("costs.equipment_life_years", k.equipment_life_years, 1.0, 200.0, "years");
    if k.capacity_steps.is_empty() || k.capacity_steps.len() > 50 {
        c.issue("costs.capacity_steps", "expected 1 to 50 steps (upper limit kW, NOK per month)");
    }
    for (i, (limit, price)) in k.capacity_steps.iter().enumerate() {
        c.range(format_args!("costs.capacity_steps[{i}]"), *limit, 0.0, 1e9, "kW");
        c.range(format_args!("costs.capacity_steps[{i}]"), *price, 0.0, 1e6, "NOK/month");
        if i > 0 && *limit <= k.capacity_steps[i - 1].0 {
            c.issue(format!("costs.capacity_steps[{i}]"), "step limits must increase");
        }
    }

    if !c.issues.is_empty() {
        return Err(ScenarioError::Invalid { file: file.to_owned(), issues: c.issues });
    }

    let new_buildings = NewBuildings {
        floor_area_per_new_resident_m2: nb.floor_area_per_new_resident_m2,
        // Checked above: the class resolved.
        class: new_class.unwrap_or(ClassId(0)),
        heating_shares: HeatingShares::from_raw(&nb.heating_shares),
    };
    let district_heating = DistrictHeating {
        network_loss_share: dh.network_loss_share,
        units: units.into_iter().map(|(_, u)| u).collect(),
    };
    let mut scenario = Scenario {
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
        levers: Levers::no_policy(raw.base_year, |_| 0.0),
        persons_per_household: raw.persons_per_household,
        targets,
        uncertainties,
        costs: raw.costs.clone(),
        materials: None,
        raw,
    };
    scenario.levers = scenario.no_policy_levers();

    // Lever settings (need the base values computed above).
    let mut c = Checker { text, issues: Vec::new() };
    for (i, l) in scenario.raw.levers.iter().enumerate() {
        let p = format!("levers[{i}]");
        let Some(id) = LeverId::from_key(&l.lever) else {
            c.issue(
                format!("{p}.lever"),
                format!("unknown lever {:?}; known levers: {}", l.lever, LeverId::keys()),
            );
            continue;
        };
        if scenario.raw.levers[..i].iter().any(|o| o.lever == l.lever) {
            c.issue(format!("{p}.lever"), format!("lever {:?} is set twice", l.lever));
        }
        let start_year = l.start_year.unwrap_or(scenario.base_year);
        if start_year < scenario.base_year || start_year > scenario.end_year {
            c.issue(
                format!("{p}.start_year"),
                format!("expected a year in {}..={}", scenario.base_year, scenario.end_year),
            );
        }
        if l.ramp_years > 100 {
            c.issue(format!("{p}.ramp_years"), "expected at most 100 years");
        }
        let base = scenario.levers.get(id).base;
        let setting = LeverSetting { base, target: l.target, start_year, ramp_years: l.ramp_years };
        if let Err(e) = scenario.levers.set(id, setting) {
            c.issue(format!("{p}.target"), e.to_string());
        }
    }
    if let Some(m) = &scenario.raw.materials {
        let unit_names: Vec<(String, bool)> = scenario
            .district_heating
            .units
            .iter()
            .map(|u| (u.name.clone(), u.kind == UnitKind::WasteIncineration))
            .collect();
        match crate::materials::build_network(m, &unit_names) {
            Err(problems) => problems.into_iter().for_each(|p| c.issue(p.path, p.message)),
            Ok(network) => {
                c.range(
                    "materials.demolition_recycling_share",
                    m.demolition_recycling_share,
                    0.0,
                    1.0,
                    "(share)",
                );
                let mut groups = Vec::new();
                if m.building_stock.len() > 20 {
                    c.issue("materials.building_stock", "expected at most 20 groups");
                }
                for (i, g) in m.building_stock.iter().enumerate().take(20) {
                    let p = format!("materials.building_stock[{i}]");
                    if let Err(e) = g.lifetime.validate() {
                        c.issue(format!("{p}.lifetime"), e.to_string());
                        continue;
                    }
                    let first = g.history.first().map_or(scenario.base_year, |h| h.0);
                    if g.history.len() > 1000
                        || first < scenario.base_year - 300
                        || g.history.windows(2).any(|w| w[1].0 <= w[0].0)
                        || g.history.iter().any(|h| !(h.1 >= 0.0 && h.1 <= 1e10) || h.0 >= scenario.base_year)
                    {
                        c.issue(
                            format!("{p}.history"),
                            "expected up to 1000 (year, m²) points before the base year, years increasing, \
                             at most 300 years back, areas 0..=1e10",
                        );
                        continue;
                    }
                    if g.material_intensity.is_empty()
                        || g.material_intensity.len() > 50
                        || g.material_intensity.windows(2).any(|w| w[1].from_year <= w[0].from_year)
                    {
                        c.issue(
                            format!("{p}.material_intensity"),
                            "expected 1 to 50 periods with increasing `from_year`",
                        );
                    }
                    for (k, period) in g.material_intensity.iter().enumerate().take(50) {
                        for (j, (material, kg)) in period.kg_per_m2.iter().enumerate().take(50) {
                            let path = format!("{p}.material_intensity[{k}].kg_per_m2[{j}]");
                            c.range(path.clone(), *kg, 0.0, 10_000.0, "kg/m²");
                            if material.is_empty() || material.len() > 40 {
                                c.issue(path, "expected a material name of 1–40 characters");
                            }
                        }
                    }
                    // A stock-driven model needs every new cohort to survive half a year.
                    if g.lifetime.survival(0.5) <= 0.0 {
                        c.issue(
                            format!("{p}.lifetime"),
                            "buildings must survive at least half a year for the stock to be met",
                        );
                        continue;
                    }
                    groups.push(crate::materials::StockGroup::from_raw(g));
                }
                for (i, f) in m.material_factors.iter().enumerate() {
                    c.range(
                        format_args!("materials.material_factors[{i}].kg_co2e_per_kg"),
                        f.kg_co2e_per_kg,
                        0.0,
                        100.0,
                        "kg CO2e/kg",
                    );
                }
                scenario.materials = Some(MaterialsModel {
                    network,
                    stock_groups: groups,
                    material_factors: m
                        .material_factors
                        .iter()
                        .map(|f| (f.material.clone(), f.kg_co2e_per_kg))
                        .collect(),
                    demolition_recycling_share: m.demolition_recycling_share,
                });
            }
        }
    }
    if !c.issues.is_empty() {
        return Err(ScenarioError::Invalid { file: file.to_owned(), issues: c.issues });
    }
    Ok(scenario)
}
