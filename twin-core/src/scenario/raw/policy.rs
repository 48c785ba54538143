//! The policy and economics part of a scenario file as written: KPI targets, uncertain
//! parameters with their distributions, and prices and costs.

use serde::{Deserialize, Serialize};

/// Whether a KPI target is a ceiling or a floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TargetDirection {
    /// The KPI must be at most the target value.
    AtMost,
    /// The KPI must be at least the target value.
    AtLeast,
}

/// How a target's value is given.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum TargetValue {
    /// An absolute value in the KPI's unit.
    Absolute(f64),
    /// A relative change from the KPI's base-year value, e.g. `ChangeFromBase(-0.46)` = 46 % lower.
    ChangeFromBase(f64),
}

/// A target for one KPI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Target")]
pub struct RawTarget {
    /// KPI key, e.g. "ghg_per_capita".
    pub kpi: String,
    /// Year the target applies to.
    pub year: i32,
    /// Target value.
    pub value: TargetValue,
    /// Ceiling or floor.
    pub direction: TargetDirection,
    /// Where the target comes from (decision, plan, law).
    #[serde(default)]
    pub source: String,
}

/// A probability distribution of an uncertain parameter.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Distribution {
    /// Uniform between `min` and `max`.
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Triangular with the given bounds and mode.
    Triangular {
        /// Lower bound.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Upper bound.
        max: f64,
    },
    /// Normal, truncated to `mean ± 3 sd`.
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation.
        sd: f64,
    },
}

/// One uncertain parameter: a multiplier or value applied to the scenario in each ensemble run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Uncertainty")]
pub struct RawUncertainty {
    /// Parameter key (`twin ensemble --help` lists them), e.g. "space_heat_factor".
    pub parameter: String,
    /// Its distribution.
    pub distribution: Distribution,
    /// Why this range (source or reasoning).
    #[serde(default)]
    pub source: String,
}

/// Energy prices, the grid tariff and the costs of levers, NOK (2024 prices).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Costs")]
pub struct RawCosts {
    /// Electricity price to households incl. energy part of the grid tariff, taxes and VAT,
    /// NOK/kWh. Default 1.50.
    #[serde(default = "default_price_electricity")]
    pub electricity_nok_per_kwh: f64,
    /// District-heat price, NOK/kWh. Default 1.00.
    #[serde(default = "default_price_dh")]
    pub district_heat_nok_per_kwh: f64,
    /// Wood and pellets, NOK/kWh. Default 0.90.
    #[serde(default = "default_price_bio")]
    pub bio_nok_per_kwh: f64,
    /// Heating oil, NOK/kWh. Default 1.60.
    #[serde(default = "default_price_oil")]
    pub oil_nok_per_kwh: f64,
    /// Petrol, NOK/kWh of fuel. Default 2.10.
    #[serde(default = "default_price_petrol")]
    pub petrol_nok_per_kwh: f64,
    /// Diesel, NOK/kWh of fuel. Default 1.95.
    #[serde(default = "default_price_diesel")]
    pub diesel_nok_per_kwh: f64,
    /// Capacity element of the grid tariff: steps of (upper limit kW, NOK per month) by the
    /// household's mean of its three highest daily peaks in the month. Default: 0–2, 2–5,
    /// 5–10, 10–15, 15–20, 20+ kW at 130, 210, 340, 550, 750, 1000 NOK/month.
    #[serde(default = "default_capacity_steps")]
    pub capacity_steps: Vec<(f64, f64)>,
    /// A household's own monthly peak relative to its share of the coincident peak of all
    /// households (individual peaks do not coincide). Default 2.0.
    #[serde(default = "default_peak_diversity")]
    pub household_peak_factor: f64,
    /// Discount rate for annualising investments (real, per year). Default 0.04.
    #[serde(default = "default_discount_rate")]
    pub discount_rate: f64,
    /// Retrofit, NOK per m² renovated. Default 2,500.
    #[serde(default = "default_retrofit_cost")]
    pub retrofit_nok_per_m2: f64,
    /// Heat pump replacing other heating, NOK per m² of floor area converted. Default 900.
    #[serde(default = "default_hp_cost")]
    pub heat_pump_nok_per_m2: f64,
    /// District-heating connection and network, NOK per m² of floor area connected. Default 700.
    #[serde(default = "default_dh_cost")]
    pub district_heating_nok_per_m2: f64,
    /// Rooftop PV, NOK per kWp installed. Default 14,000.
    #[serde(default = "default_pv_cost")]
    pub pv_nok_per_kwp: f64,
    /// Extra cost of an electric car over a fossil one, NOK per car. Default 0.
    #[serde(default)]
    pub ev_extra_nok_per_car: f64,
    /// Smart charger and control, NOK per smart-charged EV. Default 6,000.
    #[serde(default = "default_charger_cost")]
    pub smart_charger_nok_per_ev: f64,
    /// Cost of handling waste by the process it arrives in (gate fees, collection, sorting):
    /// (process, NOK per tonne arriving). Default: none.
    #[serde(default)]
    pub waste_nok_per_t: Vec<(String, f64)>,
    /// Extra cost of the sorting campaign per tonne it moves to separate collection
    /// (information, bins, follow-up), NOK/t. Default 1,500.
    #[serde(default = "default_campaign_cost")]
    pub sorting_campaign_nok_per_t: f64,
    /// Lifetime of building measures (retrofit), years. Default 30.
    #[serde(default = "default_life_long")]
    pub building_measure_life_years: f64,
    /// Lifetime of technical equipment (heat pumps, PV, chargers, networks), years. Default 15.
    #[serde(default = "default_life_short")]
    pub equipment_life_years: f64,
}

impl Default for RawCosts {
    fn default() -> Self {
        Self {
            electricity_nok_per_kwh: default_price_electricity(),
            district_heat_nok_per_kwh: default_price_dh(),
            bio_nok_per_kwh: default_price_bio(),
            oil_nok_per_kwh: default_price_oil(),
            petrol_nok_per_kwh: default_price_petrol(),
            diesel_nok_per_kwh: default_price_diesel(),
            capacity_steps: default_capacity_steps(),
            household_peak_factor: default_peak_diversity(),
            discount_rate: default_discount_rate(),
            retrofit_nok_per_m2: default_retrofit_cost(),
            heat_pump_nok_per_m2: default_hp_cost(),
            district_heating_nok_per_m2: default_dh_cost(),
            pv_nok_per_kwp: default_pv_cost(),
            ev_extra_nok_per_car: 0.0,
            smart_charger_nok_per_ev: default_charger_cost(),
            waste_nok_per_t: Vec::new(),
            sorting_campaign_nok_per_t: default_campaign_cost(),
            building_measure_life_years: default_life_long(),
            equipment_life_years: default_life_short(),
        }
    }
}

fn default_price_electricity() -> f64 {
    1.50
}
fn default_price_dh() -> f64 {
    1.00
}
fn default_price_bio() -> f64 {
    0.90
}
fn default_price_oil() -> f64 {
    1.60
}
fn default_price_petrol() -> f64 {
    2.10
}
fn default_price_diesel() -> f64 {
    1.95
}
fn default_capacity_steps() -> Vec<(f64, f64)> {
    vec![(2.0, 130.0), (5.0, 210.0), (10.0, 340.0), (15.0, 550.0), (20.0, 750.0), (1e9, 1000.0)]
}
fn default_peak_diversity() -> f64 {
    2.0
}
fn default_discount_rate() -> f64 {
    0.04
}
fn default_retrofit_cost() -> f64 {
    2500.0
}
fn default_hp_cost() -> f64 {
    900.0
}
fn default_dh_cost() -> f64 {
    700.0
}
fn default_pv_cost() -> f64 {
    14_000.0
}
fn default_charger_cost() -> f64 {
    6000.0
}
fn default_campaign_cost() -> f64 {
    1500.0
}
fn default_life_long() -> f64 {
    30.0
}
fn default_life_short() -> f64 {
    15.0
}
