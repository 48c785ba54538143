//! The scenario file as written: plain serde types that mirror the RON text one to one.
//!
//! Nothing here is checked beyond its type: unknown fields are rejected by serde
//! (`deny_unknown_fields`), every range, sum and reference is checked once, in
//! `super::validate`. Every field documents its unit, meaning and default; this module is
//! the reference for people who edit scenario files (see also `scenarios/README.md`).

mod inventory;
mod materials;
mod policy;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use inventory::{RawDepositPoint, RawEmissionPoint, RawEmissionSource, RawInventory, RawLandfill};
pub use materials::{
    RawFraction, RawIntensityPeriod, RawMaterialFactor, RawMaterials, RawProcess, RawStockGroup,
};
pub use policy::{Distribution, RawCosts, RawTarget, RawUncertainty, TargetDirection, TargetValue};

/// A whole scenario file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct RawScenario {
    /// Version of the file format. Must be 1.
    pub format_version: u32,
    /// Human-readable scenario name, e.g. "Bærum baseline".
    pub name: String,
    /// Seed of the deterministic weather generator. Default 1.
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// First simulated year (calendar year), e.g. 2024.
    pub base_year: i32,
    /// Last simulated year (inclusive), at most base year + 100.
    pub end_year: i32,
    /// The place: coordinates and climate.
    pub site: RawSite,
    /// Population path: points (year, persons), linearly interpolated between points and held
    /// constant outside them. At least one point.
    pub population: Vec<RawPopulationPoint>,
    /// Building classes (type × construction period) with specific energy use.
    pub building_classes: Vec<RawBuildingClass>,
    /// Performance of building heating systems.
    #[serde(default)]
    pub heating: RawHeatingParameters,
    /// What gets built for new residents and how it is heated.
    pub new_buildings: RawNewBuildings,
    /// Districts (SSB delområder or similar).
    pub districts: Vec<RawDistrict>,
    /// Private cars and their energy use.
    pub transport: RawTransport,
    /// Rooftop photovoltaics: panel orientation and performance.
    #[serde(default)]
    pub pv: RawPv,
    /// District-heating network and its production units.
    pub district_heating: RawDistrictHeating,
    /// The electricity grid connection of the municipality.
    pub grid: RawGrid,
    /// Emission factors and the accounting convention.
    pub emission_factors: RawEmissionFactors,
    /// Policy levers: time-bound changes. Levers not listed keep their "no new policy" value.
    #[serde(default)]
    pub levers: Vec<RawLeverSetting>,
    /// Residents per household (dwelling), for per-household figures. Default 2.2.
    #[serde(default = "default_persons_per_household")]
    pub persons_per_household: f64,
    /// Targets for KPIs (`twin kpis` lists the KPI keys). Default none.
    #[serde(default)]
    pub targets: Vec<RawTarget>,
    /// Uncertain parameters for ensembles and sensitivity analysis. Default none.
    #[serde(default)]
    pub uncertainties: Vec<RawUncertainty>,
    /// Prices and costs in NOK. Default: see each field.
    #[serde(default)]
    pub costs: RawCosts,
    /// Waste and building materials. Default: not modelled.
    #[serde(default)]
    pub materials: Option<RawMaterials>,
    /// The rest of the territorial emission inventory: sources outside the model and the
    /// landfill's history. Default: none (the inventory holds the model's own sectors only).
    #[serde(default)]
    pub inventory: Option<RawInventory>,
    /// Where the figures come from: one note per field or list element (its source, data year
    /// and reasoning). Kept by every save (unlike `//` comments) and shown by the viewer.
    /// Default none.
    #[serde(default)]
    pub sources: Vec<RawSource>,
}

/// Where one figure (or a group of figures) of the scenario comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Source")]
pub struct RawSource {
    /// The field documented, as a path from the top of the file, written as errors name fields:
    /// `site.latitude_deg`, `costs.discount_rate`, a list element by its `id` or `name`
    /// (`building_classes[office]`, `districts[Fornebu]`) or by its position from 0
    /// (`levers[2]`). Empty: the whole scenario.
    pub field: String,
    /// How the figure was found. Default `Unstated`.
    #[serde(default)]
    pub basis: SourceBasis,
    /// The source with its key (e.g. `[B1]` in domain-data.md), the data year, and for an
    /// estimate its reasoning.
    pub note: String,
    /// Year the data describes, where one applies, e.g. 2023. Default none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
}

/// How a figure was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SourceBasis {
    /// Read in a cited public source.
    Published,
    /// An estimate: an assumption, with its reasoning in the note.
    Estimate,
    /// Partly published, partly estimated (the note says which part is which).
    Mixed,
    /// Not said.
    #[default]
    Unstated,
}

fn default_persons_per_household() -> f64 {
    2.2
}

fn default_seed() -> u64 {
    1
}

/// Where the municipality is and its climate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Site")]
pub struct RawSite {
    /// Municipality name, e.g. "Bærum".
    pub name: String,
    /// Four-digit kommune number, e.g. "3201".
    pub kommune_number: String,
    /// Latitude of the reference point in degrees north (-90..90).
    pub latitude_deg: f64,
    /// Longitude of the reference point in degrees east (-180..180).
    pub longitude_deg: f64,
    /// Elevation above sea level in metres. Default 0.
    #[serde(default)]
    pub elevation_m: f64,
    /// Offset of local standard time from UTC in hours (Norway: 1). Default 1.
    #[serde(default = "default_utc_offset")]
    pub utc_offset_h: i32,
    /// Monthly normal mean air temperature in °C, January to December (12 values).
    pub monthly_mean_temperature_c: Vec<f64>,
    /// Mean daily temperature range (max − min) in K. Default 6.
    #[serde(default = "default_diurnal_range")]
    pub diurnal_range_c: f64,
    /// Standard deviation of day-to-day temperature anomalies in K (weather noise). Default 3.
    #[serde(default = "default_temperature_sd")]
    pub temperature_anomaly_sd_c: f64,
    /// Persistence of temperature anomalies: e-folding time in hours. Default 72.
    #[serde(default = "default_persistence")]
    pub temperature_persistence_h: f64,
    /// Number of cold spells per winter (Dec–Feb). Default 2.
    #[serde(default = "default_cold_spells")]
    pub cold_spells_per_winter: u32,
    /// Depth of a cold spell below normal in K. Default 8.
    #[serde(default = "default_cold_spell_depth")]
    pub cold_spell_depth_c: f64,
    /// Monthly mean ratio of actual to clear-sky global horizontal irradiance (0..1),
    /// January to December (12 values).
    pub monthly_clear_sky_ratio: Vec<f64>,
    /// Linke turbidity for the Ineichen clear-sky model, one value for the year. Default 3.
    #[serde(default = "default_linke")]
    pub linke_turbidity: f64,
    /// Ground albedo (0..1). Default 0.2.
    #[serde(default = "default_albedo")]
    pub albedo: f64,
    /// Shift of the simulated weather relative to the normals, K (e.g. climate change since the
    /// normal period). Building heat needs stay defined for the normals. Default 0.
    #[serde(default)]
    pub temperature_offset_c: f64,
    /// Base temperature for heating degree-hours in °C (Norwegian convention 17). Default 17.
    #[serde(default = "default_heating_base")]
    pub heating_base_temperature_c: f64,
    /// The map's GeoJSON files, relative to this file's folder. Default: the map built into the
    /// viewer for the kommune number (Bærum, Ålesund, Træna and Trondheim have one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<RawMapFiles>,
}

/// A municipality's map as GeoJSON files (RFC 7946, WGS 84 lon/lat): features with the
/// properties `name`, `code`, `kind` (`"kommune"` for the outline, `"district"` for a district,
/// `"land"` in the surroundings) and `level` (`"delomrade"` for the districts the scenario's
/// `districts` name by `code`). `twin new` writes a scenario that names its files this way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "MapFiles")]
pub struct RawMapFiles {
    /// The outline and the districts, e.g. `"maps/traena.geojson"`.
    pub districts: String,
    /// Neighbouring land around the municipality (the sea is what no land covers). Default
    /// none: the map shows the municipality alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surroundings: Option<String>,
}

fn default_utc_offset() -> i32 {
    1
}
fn default_diurnal_range() -> f64 {
    6.0
}
fn default_temperature_sd() -> f64 {
    3.0
}
fn default_persistence() -> f64 {
    72.0
}
fn default_cold_spells() -> u32 {
    2
}
fn default_cold_spell_depth() -> f64 {
    8.0
}
fn default_linke() -> f64 {
    3.0
}
fn default_albedo() -> f64 {
    0.2
}
fn default_heating_base() -> f64 {
    17.0
}

/// One point of the population path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "PopulationPoint")]
pub struct RawPopulationPoint {
    /// Calendar year.
    pub year: i32,
    /// Residents on 1 January, persons.
    pub persons: f64,
}

/// Building type; decides the sector a building's energy is booked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum BuildingType {
    /// Detached and semi-detached houses (residential).
    Detached,
    /// Row and terraced houses (residential).
    RowHouse,
    /// Apartment blocks (residential).
    Apartment,
    /// Offices (services).
    Office,
    /// Shops and retail (services).
    Retail,
    /// Other commercial buildings: hotels, restaurants, light industry (services).
    OtherCommercial,
    /// Schools and kindergartens (public).
    School,
    /// Nursing homes, hospitals, health centres (public).
    Care,
    /// Other public buildings: town hall, culture, sports (public).
    OtherPublic,
}

/// A class of buildings sharing type, construction period and specific energy use.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "BuildingClass")]
pub struct RawBuildingClass {
    /// Identifier used by districts, e.g. "detached_1971_1986". Letters, digits, `_` and `-`.
    pub id: String,
    /// Building type.
    pub building_type: BuildingType,
    /// Construction period in words, e.g. "1971–1986 (TEK69/TEK87)". Informational.
    #[serde(default)]
    pub period: String,
    /// Net space-heating need in kWh per m² heated floor area per year, in the site's normal
    /// climate (before the heating system's efficiency).
    pub space_heat_kwh_per_m2: f64,
    /// Hot-water heat need in kWh/m²/yr.
    pub hot_water_kwh_per_m2: f64,
    /// Electricity for appliances, lighting and ventilation in kWh/m²/yr.
    pub appliances_kwh_per_m2: f64,
    /// Whether the retrofit lever applies to this class. Default true.
    #[serde(default = "default_true")]
    pub retrofittable: bool,
}

pub(super) fn default_true() -> bool {
    true
}

/// Coefficients of a heat-pump COP curve: `COP(T) = cop_at_0c + slope_per_k · T`, clamped to
/// `[min_cop, max_cop]`, with T the outdoor air temperature in °C.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "CopCurve")]
pub struct RawCopCurve {
    /// COP at 0 °C outdoor temperature.
    pub cop_at_0c: f64,
    /// Change of COP per K of outdoor temperature (≥ 0).
    pub slope_per_k: f64,
    /// Lowest COP (≥ 1).
    pub min_cop: f64,
    /// Highest COP.
    pub max_cop: f64,
}

/// Performance of the building heating systems.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "HeatingParameters")]
pub struct RawHeatingParameters {
    /// Air-to-air heat pump COP curve. Default: fitted to TU 2024 field figures
    /// (COP ≈ 3.8 at 0 °C, 2.5 at −15 °C).
    #[serde(default = "default_air_air_cop")]
    pub air_to_air_cop: RawCopCurve,
    /// Share (0..1) of a dwelling's space heat an air-to-air heat pump covers; the rest is
    /// direct electric. Hot water stays electric. Default 0.6.
    #[serde(default = "default_air_air_coverage")]
    pub air_to_air_coverage_share: f64,
    /// Air-to-water heat pump COP curve (space heat and hot water).
    #[serde(default = "default_air_water_cop")]
    pub air_to_water_cop: RawCopCurve,
    /// Ground-source heat pump COP curve (weak temperature dependence).
    #[serde(default = "default_ground_cop")]
    pub ground_source_cop: RawCopCurve,
    /// Seasonal efficiency of bio (wood, pellet) stoves and boilers (0..1]. Default 0.75.
    #[serde(default = "default_bio_eff")]
    pub bio_efficiency: f64,
    /// Seasonal efficiency of oil boilers (0..1]. Default 0.85.
    #[serde(default = "default_oil_eff")]
    pub oil_efficiency: f64,
}

impl Default for RawHeatingParameters {
    fn default() -> Self {
        Self {
            air_to_air_cop: default_air_air_cop(),
            air_to_air_coverage_share: default_air_air_coverage(),
            air_to_water_cop: default_air_water_cop(),
            ground_source_cop: default_ground_cop(),
            bio_efficiency: default_bio_eff(),
            oil_efficiency: default_oil_eff(),
        }
    }
}

fn default_air_air_cop() -> RawCopCurve {
    RawCopCurve { cop_at_0c: 3.8, slope_per_k: 0.09, min_cop: 1.5, max_cop: 5.0 }
}
fn default_air_air_coverage() -> f64 {
    0.6
}
fn default_air_water_cop() -> RawCopCurve {
    RawCopCurve { cop_at_0c: 3.0, slope_per_k: 0.07, min_cop: 1.5, max_cop: 4.5 }
}
fn default_ground_cop() -> RawCopCurve {
    RawCopCurve { cop_at_0c: 3.3, slope_per_k: 0.01, min_cop: 2.5, max_cop: 4.0 }
}
fn default_bio_eff() -> f64 {
    0.75
}
fn default_oil_eff() -> f64 {
    0.85
}

/// Shares (0..1, summing to 1) of heated floor area by heating system.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "HeatingShares")]
pub struct RawHeatingShares {
    /// Connected to the district-heating network. Default 0.
    #[serde(default)]
    pub district_heating: f64,
    /// Air-to-air heat pump plus direct electric backup. Default 0.
    #[serde(default)]
    pub air_to_air_heat_pump: f64,
    /// Air-to-water heat pump (waterborne heating). Default 0.
    #[serde(default)]
    pub air_to_water_heat_pump: f64,
    /// Ground-source (brine-to-water) heat pump. Default 0.
    #[serde(default)]
    pub ground_source_heat_pump: f64,
    /// Direct electric panel heaters and electric boilers. Default 0.
    #[serde(default)]
    pub direct_electric: f64,
    /// Wood, pellets, chips. Default 0.
    #[serde(default)]
    pub bio: f64,
    /// Heating oil (banned in Norway from 2020; residual stock). Default 0.
    #[serde(default)]
    pub oil: f64,
}

/// New construction for population growth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "NewBuildings")]
pub struct RawNewBuildings {
    /// Heated floor area built per additional resident, m²/person.
    pub floor_area_per_new_resident_m2: f64,
    /// Building class of new construction (an id from `building_classes`).
    pub class: String,
    /// Heating-system shares of new construction.
    pub heating_shares: RawHeatingShares,
}

/// A district: a part of the municipality with its people, buildings and cars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "District")]
pub struct RawDistrict {
    /// Name, e.g. "Lysaker".
    pub name: String,
    /// The name in other languages, by language code (`nb` bokmål, `nn` nynorsk, `en` English),
    /// where it differs from `name`, e.g. `{"en": "Fornebu sea-water heat pumps"}`. The viewer
    /// shows `name` in a language the file does not give.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
    /// Official code (SSB delområde, 8 digits), used to find its outline on the map.
    pub code: String,
    /// Latitude of the district's centre, degrees north.
    pub latitude_deg: f64,
    /// Longitude of the district's centre, degrees east.
    pub longitude_deg: f64,
    /// Land area in km².
    pub area_km2: f64,
    /// Residents in the base year, persons. District populations are scaled with the
    /// municipal population path.
    pub population: f64,
    /// Heated floor area in m² by building class id; each class once.
    #[serde(deserialize_with = "unique_keys")]
    pub floor_area_m2: BTreeMap<String, f64>,
    /// Heating-system shares of the existing floor area.
    pub heating_shares: RawHeatingShares,
    /// Technical rooftop PV potential in kWp.
    pub rooftop_pv_potential_kwp: f64,
    /// PV installed in the base year in kWp (≤ potential). Default 0.
    #[serde(default)]
    pub pv_installed_kwp: f64,
    /// Private passenger cars registered in the district.
    pub cars: f64,
    /// Share (0..1) of those cars that are battery-electric in the base year.
    pub ev_share: f64,
}

/// Private cars.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Transport")]
pub struct RawTransport {
    /// Mean distance driven per car and year, km.
    pub km_per_car_year: f64,
    /// Electricity drawn from the grid per km by an EV, annual mean incl. charging losses, kWh/km.
    pub ev_kwh_per_km: f64,
    /// Extra EV consumption per K below 15 °C, as a share of the mean (e.g. 0.01 = +1 %/K).
    #[serde(default = "default_ev_cold")]
    pub ev_cold_extra_share_per_k: f64,
    /// Share (0..1) of EV charging done at home or work inside the municipality. Default 0.85.
    #[serde(default = "default_local_charging")]
    pub local_charging_share: f64,
    /// Share (0..1) of fossil cars running on petrol; the rest on diesel.
    pub petrol_share_of_fossil: f64,
    /// Petrol use of a petrol car, litres/km.
    pub petrol_l_per_km: f64,
    /// Diesel use of a diesel car, litres/km.
    pub diesel_l_per_km: f64,
}

fn default_ev_cold() -> f64 {
    0.01
}
fn default_local_charging() -> f64 {
    0.85
}

/// Rooftop PV orientation and performance (one orientation for the whole municipality).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Pv")]
pub struct RawPv {
    /// Panel tilt from horizontal, degrees (0..90). Default 30.
    #[serde(default = "default_tilt")]
    pub tilt_deg: f64,
    /// Panel azimuth, degrees clockwise from north (180 = south). Default 180.
    #[serde(default = "default_azimuth")]
    pub azimuth_deg: f64,
    /// Power temperature coefficient per K of cell temperature above 25 °C (negative).
    /// Default −0.004.
    #[serde(default = "default_temp_coeff")]
    pub temperature_coefficient_per_k: f64,
    /// Nominal operating cell temperature, °C. Default 45.
    #[serde(default = "default_noct")]
    pub noct_c: f64,
    /// System losses (inverter, wiring, soiling, snow) as a share (0..1). Default 0.14.
    #[serde(default = "default_pv_losses")]
    pub system_loss_share: f64,
}

impl Default for RawPv {
    fn default() -> Self {
        Self {
            tilt_deg: default_tilt(),
            azimuth_deg: default_azimuth(),
            temperature_coefficient_per_k: default_temp_coeff(),
            noct_c: default_noct(),
            system_loss_share: default_pv_losses(),
        }
    }
}

fn default_tilt() -> f64 {
    30.0
}
fn default_azimuth() -> f64 {
    180.0
}
fn default_temp_coeff() -> f64 {
    -0.004
}
fn default_noct() -> f64 {
    45.0
}
fn default_pv_losses() -> f64 {
    0.14
}

/// Kind of district-heating production unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum UnitKind {
    /// Waste incineration with heat recovery (combined heat and power). Burns its fuel
    /// evenly over the year; heat the network cannot take is cooled away.
    WasteIncineration,
    /// Large heat pump (sea water, sewage, ground); uses electricity.
    HeatPump,
    /// Bio boiler (chips, pellets).
    BioBoiler,
    /// Electric boiler.
    ElectricBoiler,
    /// Oil boiler (peak and reserve).
    OilBoiler,
}

/// One production unit of the district-heating plant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Unit")]
pub struct RawUnit {
    /// Name, e.g. "Fornebu sea-water heat pumps".
    pub name: String,
    /// The name in other languages, by language code (`nb` bokmål, `nn` nynorsk, `en` English),
    /// where it differs from `name`, e.g. `{"en": "Fornebu sea-water heat pumps"}`. The viewer
    /// shows `name` in a language the file does not give.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
    /// Kind of unit.
    pub kind: UnitKind,
    /// Heat capacity in MW.
    pub heat_capacity_mw: f64,
    /// Position in the merit order: lower runs first. Must be unique.
    pub merit_order: u32,
    /// Heat out per fuel in (boilers, incineration), 0..1. Ignored for heat pumps. Default 0.9.
    #[serde(default = "default_unit_eff")]
    pub efficiency: f64,
    /// Seasonal COP for heat pumps (heat out per electricity in). Default 3.
    #[serde(default = "default_unit_cop")]
    pub cop: f64,
    /// Waste incineration only: waste burnt per year, tonnes. Default 0.
    #[serde(default)]
    pub waste_t_per_year: f64,
    /// Waste incineration only: lower heating value of the waste, MWh per tonne. Default 2.9.
    #[serde(default = "default_lhv")]
    pub waste_lhv_mwh_per_t: f64,
    /// Waste incineration only: electricity out per fuel energy in (0..1). Default 0.
    #[serde(default)]
    pub electric_efficiency: f64,
    /// Waste incineration only: fossil share of the waste's energy (0..1). Default 0.48.
    #[serde(default = "default_fossil_share")]
    pub fossil_energy_share: f64,
}

fn default_unit_eff() -> f64 {
    0.9
}
fn default_unit_cop() -> f64 {
    3.0
}
fn default_lhv() -> f64 {
    2.9
}
fn default_fossil_share() -> f64 {
    0.48
}

/// The district-heating network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "DistrictHeating")]
pub struct RawDistrictHeating {
    /// Share of produced heat lost in the network (0..1).
    pub network_loss_share: f64,
    /// Production units. May be empty if no district heats from the network.
    pub units: Vec<RawUnit>,
}

/// The electricity grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Grid")]
pub struct RawGrid {
    /// Capacity of the transformer stations feeding the municipality, MW. Hours above it are
    /// counted as overload hours.
    pub import_capacity_mw: f64,
}

/// How electricity emissions are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EmissionConvention {
    /// Physically delivered Norwegian mix (NVE klimadeklarasjon).
    LocationBased,
    /// Supplier residual mix (market-based, no guarantees of origin).
    ResidualMix,
    /// Territorial accounts (Miljødirektoratet, KOSTRA): electricity counts 0 at the consumer,
    /// its emissions are booked where it is produced.
    Territorial,
}

/// Emission factors in g CO2e per kWh of final energy (fuel energy for fuels).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "EmissionFactors")]
pub struct RawEmissionFactors {
    /// Which electricity factor counts.
    pub convention: EmissionConvention,
    /// Electricity, location-based, g/kWh.
    pub electricity_location_g_per_kwh: f64,
    /// Electricity, residual mix, g/kWh.
    pub electricity_residual_g_per_kwh: f64,
    /// Heating oil, g/kWh.
    pub oil_g_per_kwh: f64,
    /// Bio fuels (non-CO2 only; biogenic CO2 excluded), g/kWh.
    pub bio_g_per_kwh: f64,
    /// Petrol, g/kWh.
    pub petrol_g_per_kwh: f64,
    /// Diesel (fossil part of the blend), g/kWh.
    pub diesel_g_per_kwh: f64,
    /// Fossil part of incinerated waste, g per kWh of fossil fuel energy.
    pub waste_fossil_g_per_kwh: f64,
    /// Renewable share (0..1) of grid electricity, for the renewable-energy KPI. Default 0.95
    /// (NVE: Norwegian consumption mix 2023).
    #[serde(default = "default_renewable_share")]
    pub electricity_renewable_share: f64,
}

fn default_renewable_share() -> f64 {
    0.95
}

/// A lever's setting over time: from its base value it ramps linearly to `target`, starting in
/// `start_year` and reaching it after `ramp_years`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "LeverSetting")]
pub struct RawLeverSetting {
    /// Lever key, e.g. "ev_share" (`twin levers` lists them).
    pub lever: String,
    /// Target value in the lever's unit.
    pub target: f64,
    /// First year the lever moves. Default: the base year.
    #[serde(default)]
    pub start_year: Option<i32>,
    /// Years to reach the target (≥ 0; 0 = a step). Default 0.
    #[serde(default)]
    pub ramp_years: u32,
}

/// Reads a map and refuses a key that appears twice (serde's own map would keep the last value
/// without a word).
fn unique_keys<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, f64>, D::Error> {
    struct UniqueKeys;
    impl<'de> serde::de::Visitor<'de> for UniqueKeys {
        type Value = BTreeMap<String, f64>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map from building class id to m², each class once")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
            let mut map = BTreeMap::new();
            while let Some((key, value)) = access.next_entry::<String, f64>()? {
                match map.entry(key) {
                    std::collections::btree_map::Entry::Vacant(slot) => {
                        slot.insert(value);
                    }
                    std::collections::btree_map::Entry::Occupied(slot) => {
                        return Err(serde::de::Error::custom(format!(
                            "the key {:?} appears twice; give each building class once (the second \
                             value would replace the first)",
                            slot.key()
                        )));
                    }
                }
            }
            Ok(map)
        }
    }
    deserializer.deserialize_map(UniqueKeys)
}
