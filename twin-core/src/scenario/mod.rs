//! Scenario files: read (bounded), parse into [`raw`] types, validate once into a [`Scenario`].
//!
//! This is the one boundary where user input is checked. Past it, a `Scenario` is immutable and
//! every number is finite and in range, every share set sums to 1, every reference resolves and
//! every size is bounded, so the model never needs to check again. Errors name the file, line,
//! column and field path and say what was expected; nothing here panics on any input.

pub mod locate;
pub mod network;
pub(crate) mod parse;
pub mod raw;
mod validate;

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::catalogue::levers::{LeverId, Levers};
use crate::catalogue::{BySystem, HeatingSystem, Sector};
pub use raw::{
    BuildingType, Distribution, EmissionConvention, RawCopCurve as CopCurve, RawCosts as Costs,
    RawEmissionFactors as EmissionFactors, RawGrid as Grid, RawHeatingParameters as HeatingParameters,
    RawPv as Pv, RawScenario, RawSite as Site, RawSource as Source, RawTransport as Transport, SourceBasis,
    TargetDirection, TargetValue, UnitKind,
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
/// Most source notes in a scenario.
pub const MAX_SOURCES: usize = 5000;
/// Longest source note, characters.
pub const MAX_NOTE_CHARS: usize = 4000;
/// Nesting depth limit handed to the RON parser.
pub const MAX_NESTING: usize = 64;
/// Tolerance for share sets summing to 1.
pub const SHARE_SUM_TOLERANCE: f64 = 1e-6;

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

/// Floor-area shares by heating system; sums to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HeatingShares(pub BySystem);

impl HeatingShares {
    /// Share of one system.
    pub fn get(&self, system: HeatingSystem) -> f64 {
        self.0[system]
    }

    fn from_raw(raw: &raw::RawHeatingShares) -> HeatingShares {
        use HeatingSystem as H;
        HeatingShares(enum_map::enum_map! {
            H::DistrictHeating => raw.district_heating,
            H::AirToAirHeatPump => raw.air_to_air_heat_pump,
            H::AirToWaterHeatPump => raw.air_to_water_heat_pump,
            H::GroundSourceHeatPump => raw.ground_source_heat_pump,
            H::DirectElectric => raw.direct_electric,
            H::Bio => raw.bio,
            H::Oil => raw.oil,
        })
    }
}

/// Index of a building class in [`Scenario::classes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ClassId(pub u16);

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

/// The languages a scenario file may name things in (`names: {"nn": …}`).
pub const LANGUAGES: [&str; 3] = ["nb", "nn", "en"];

/// A name in a language (`nb`, `nn` or `en`): the file's name for that language if it gives one,
/// else its `name`.
pub fn name_in<'a>(name: &'a str, names: &'a BTreeMap<String, String>, language: &str) -> &'a str {
    names.get(language).map_or(name, String::as_str)
}

/// A validated district.
#[derive(Debug, Clone, PartialEq)]
pub struct District {
    /// Name.
    pub name: String,
    /// The name in other languages, by code (`nb`, `nn`, `en`).
    pub names: BTreeMap<String, String>,
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
    /// The name in other languages, by code (`nb`, `nn`, `en`).
    pub names: BTreeMap<String, String>,
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
    /// The inventory's sources outside the model and the landfill (empty if the file has none).
    pub inventory: Inventory,
    /// The map's files, resolved against the scenario file's folder (none: the built-in map, as
    /// for a built-in scenario, see `ScenarioCopy::scenario`).
    pub map_files: Option<MapFiles>,
    /// Values outside the plausible band for a Norwegian municipality (they do not block a run).
    pub warnings: Vec<Issue>,
}

/// A scenario's map files, as paths a program can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MapFiles {
    /// Outline and districts.
    pub districts: PathBuf,
    /// Neighbouring land, if given.
    pub surroundings: Option<PathBuf>,
}

impl MapFiles {
    /// The files `map` names, relative to the folder of `scenario_file`.
    pub fn resolve(map: &raw::RawMapFiles, scenario_file: &Path) -> MapFiles {
        let folder = scenario_file.parent().unwrap_or(Path::new(""));
        MapFiles {
            districts: folder.join(&map.districts),
            surroundings: map.surroundings.as_ref().map(|s| folder.join(s)),
        }
    }
}

/// The validated inventory: emission sources outside the model, and the landfill's parameters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inventory {
    /// Sources in file order.
    pub sources: Vec<EmissionSource>,
    /// Landfill methane parameters and history (history sorted by year, before the base year).
    pub landfill: Option<raw::RawLandfill>,
}

/// A validated emission source outside the model.
#[derive(Debug, Clone, PartialEq)]
pub struct EmissionSource {
    /// Name.
    pub name: String,
    /// Inventory sector.
    pub sector: crate::catalogue::InventorySector,
    /// Emissions with no new policy: (year, t CO2e/yr), strictly increasing years.
    pub emissions_t: Vec<(i32, f64)>,
    /// Its fuel (diesel, petrol or oil).
    pub fuel: crate::catalogue::Carrier,
    /// Emissions of its fuel, t CO2e per MWh.
    pub t_per_fuel_mwh: f64,
    /// The lever that electrifies it, if any.
    pub lever: Option<crate::catalogue::levers::LeverId>,
    /// Electricity per MWh of fuel replaced, MWh.
    pub electricity_per_fuel_mwh: f64,
}

/// The validated materials part of a scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct MaterialsModel {
    /// The waste network.
    pub network: crate::scenario::network::Network,
    /// Building-stock groups with their stock models.
    pub stock_groups: Vec<crate::scenario::network::StockGroup>,
    /// Embodied emissions (material, kg CO2e/kg).
    pub material_factors: Vec<(String, f64)>,
    /// Share of non-reused demolition material recycled.
    pub demolition_recycling_share: f64,
}

/// A validated KPI target.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Target {
    /// The KPI.
    pub kpi: crate::catalogue::kpi::KpiId,
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
    pub parameter: crate::catalogue::parameter::Parameter,
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
    /// What is wrong and what was expected, in English.
    pub message: String,
    /// The same, as data a front end can put into its own words and language.
    pub finding: Finding,
}

/// What a finding says, as data: the kinds a user meets most (a value out of its range, one
/// outside the usual band, shares that do not add up) with their numbers; every other finding
/// is [`Finding::Other`], its English `message` the only text.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Finding {
    /// The value must lie in `lo..=hi` (`found` may be NaN or infinite).
    OutOfRange {
        /// Lowest allowed.
        lo: f64,
        /// Highest allowed.
        hi: f64,
        /// Unit of the three numbers (`(share)` for a share).
        unit: &'static str,
        /// The value in the file.
        found: f64,
    },
    /// A warning: the value lies outside the band usual for a Norwegian municipality.
    Unusual {
        /// The value in the file, to four significant digits.
        value: f64,
        /// The band's lower end.
        lo: f64,
        /// The band's upper end.
        hi: f64,
        /// Unit of the three numbers.
        unit: &'static str,
        /// Where the band comes from.
        source: &'static str,
    },
    /// Shares that must sum to 1 sum to `sum`.
    SharesSum {
        /// Their sum.
        sum: f64,
    },
    /// Any other finding: `message` says it.
    Other,
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
    #[error("{file}: file is larger than the {limit} bytes it may have")]
    TooLarge {
        /// File.
        file: PathBuf,
        /// Limit in bytes.
        limit: u64,
    },
    /// The file is not UTF-8 text.
    #[error("{file}:{line}:{column}: not UTF-8 text (the file must be UTF-8 RON)")]
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
    #[error("{}", format_findings(.file, .issues, .warnings))]
    Invalid {
        /// File.
        file: PathBuf,
        /// Every error found.
        issues: Vec<Issue>,
        /// Every warning found (shown with the errors).
        warnings: Vec<Issue>,
    },
}

fn field_prefix(path: &str) -> String {
    if path.is_empty() || path == "." || path == "?" { String::new() } else { format!("field `{path}`: ") }
}

fn format_findings(file: &Path, errors: &[Issue], warnings: &[Issue]) -> String {
    let lines: Vec<String> = errors
        .iter()
        .map(|e| e.display(file).to_string())
        .chain(warnings.iter().map(|w| format!("warning: {}", w.display(file))))
        .collect();
    lines.join("\n")
}

impl Issue {
    /// `file:line:column: field `path`: message`, for one line of a report.
    pub fn display<'a>(&'a self, file: &'a Path) -> impl fmt::Display + 'a {
        struct Shown<'a>(&'a Issue, &'a Path);
        impl fmt::Display for Shown<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let Shown(issue, file) = self;
                match issue.position {
                    Some(p) => write!(f, "{}:{}:{}: ", file.display(), p.line, p.column)?,
                    None => write!(f, "{}: ", file.display())?,
                }
                write!(f, "field `{}`: {}", issue.path, issue.message)
            }
        }
        Shown(self, file)
    }
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
    read_text_limited(path, MAX_FILE_BYTES)
}

/// Reads a file as UTF-8 text of at most `limit` bytes (more is refused, never read whole).
pub fn read_text_limited(path: &Path, limit: u64) -> Result<String, ScenarioError> {
    let io = |source| ScenarioError::Io { file: path.to_owned(), source };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(io(std::io::Error::other("is a directory, not a scenario file")));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ScenarioError::TooLarge { file: path.to_owned(), limit });
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
        let raw: RawScenario = parse::parse(text, file)?;
        validate::validate(raw, text, file)
    }

    /// A scenario shipped in `scenarios/` by its file stem (`"baerum"`), for the crate's unit
    /// tests.
    #[cfg(test)]
    pub(crate) fn shipped(stem: &str) -> Scenario {
        let path = format!("{}/../scenarios/{stem}.ron", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        Scenario::from_str_named(&text, path.as_ref()).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// Re-validates a raw scenario (e.g. after an edit in the viewer). Errors carry no
    /// positions beyond what `text` (the file it came from, if any) gives.
    pub fn from_raw(raw: RawScenario, file: &Path) -> Result<Scenario, ScenarioError> {
        validate::validate(raw, "", file)
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
        crate::math::interpolate(&self.population, year)
    }

    /// Base-year values of the levers whose default comes from the scenario.
    pub fn lever_base(&self, id: LeverId) -> f64 {
        lever_base(&self.districts, id)
    }

    /// Levers at "no new policy": the scenario's base-year state kept to the end year.
    pub fn no_policy_levers(&self) -> Levers {
        Levers::no_policy(self.base_year, |id| self.lever_base(id))
    }
}

/// A lever's base-year value: the districts' state for levers that start from the scenario
/// (EV share of cars, built share of the PV potential), the catalogue's default for the others.
pub(crate) fn lever_base(districts: &[District], id: LeverId) -> f64 {
    match id {
        LeverId::EvShare => {
            let cars: f64 = districts.iter().map(|d| d.cars).sum();
            let evs: f64 = districts.iter().map(|d| d.cars * d.ev_share).sum();
            if cars > 0.0 { evs / cars } else { 0.0 }
        }
        LeverId::PvRollout => {
            let potential: f64 = districts.iter().map(|d| d.rooftop_pv_potential_kwp).sum();
            let built: f64 = districts.iter().map(|d| d.pv_installed_kwp).sum();
            if potential > 0.0 { built / potential } else { 0.0 }
        }
        other => other.spec().default,
    }
}

/// Serialises a raw scenario as pretty RON.
pub fn to_ron(raw: &RawScenario) -> String {
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    // Serialising plain data with finite numbers cannot fail; fall back to the debug form.
    ron::ser::to_string_pretty(raw, config).unwrap_or_else(|e| format!("// serialisation failed: {e}"))
}
