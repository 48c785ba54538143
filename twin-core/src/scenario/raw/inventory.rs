//! The territorial emission inventory as written: the emission sources the energy and materials
//! model does not compute (industry, ships, heavy vehicles, machinery, farms, aviation,
//! wastewater), each a pathway in one of Miljødirektoratet's nine sectors with its source, and
//! the landfill's history, from which methane follows by IPCC's first-order decay.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalogue::{Carrier, InventorySector};

/// The inventory section of a scenario.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Inventory")]
pub struct RawInventory {
    /// Emission sources outside the model, at most 40. What the model computes (district-heating
    /// plants and waste incineration, fuels burnt in buildings, private cars, landfill methane)
    /// must not be listed again. Default none.
    #[serde(default)]
    pub sources: Vec<RawEmissionSource>,
    /// The landfills the municipality's waste went to, for their methane. Default none (no
    /// landfill methane counted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub landfill: Option<RawLandfill>,
}

/// One emission source outside the model: a pathway of its emissions, and optionally a lever
/// that replaces part of its fuel with electricity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "EmissionSource")]
pub struct RawEmissionSource {
    /// Name in English, unique in the file (source notes name it: `inventory.sources[Ferries]`).
    pub name: String,
    /// The name in other languages by code (`nb`, `nn`), for the viewer. Default none.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
    /// Its sector (`Industry`, `SeaTransport`, `RoadTransport`, `Aviation`, `OtherMobile`,
    /// `Agriculture`, `WasteAndWastewater`, `EnergySupply`, `Heating`).
    pub sector: InventorySector,
    /// Emissions with no new municipal policy, t CO2e/yr (CO2, CH4 and N2O): points (year, t),
    /// linearly interpolated and held constant outside them. At least one point.
    pub emissions: Vec<RawEmissionPoint>,
    /// The fuel it burns (`Diesel`, `Petrol` or `Oil`): its emission factor turns the emissions
    /// into the fuel energy a lever replaces. Default `Diesel`.
    #[serde(default = "default_fuel")]
    pub fuel: Carrier,
    /// The lever that replaces part of its fuel with electricity (`shore_power`,
    /// `zero_emission_ferries`, `zero_emission_heavy_vehicles`, `fossil_free_construction`).
    /// Default none: no lever acts on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lever: Option<String>,
    /// Electricity used per MWh of fuel the lever replaces, MWh/MWh (an electric drive uses less
    /// energy than a diesel engine: about 0.4 for ships' generators and engines, 0.35 for lorries).
    /// Default 0.4.
    #[serde(default = "default_electricity_per_fuel")]
    pub electricity_per_fuel_mwh: f64,
}

/// One point of an emission pathway.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "EmissionPoint")]
pub struct RawEmissionPoint {
    /// Calendar year.
    pub year: i32,
    /// Emissions, t CO2e/yr.
    pub t_co2e: f64,
}

/// Landfill methane by IPCC's first-order decay (2006 Guidelines, vol. 5 ch. 3): the degradable
/// organic carbon deposited each year decays at rate `decay_rate_per_year`; half of the carbon
/// that decays leaves as methane (`methane_fraction`), of which `recovery_share` is captured and
/// flared and `oxidation_share` of the rest oxidised in the cover. Deposits before the base year
/// are this section's `history`; from the base year on they are the model's own waste flows into
/// `landfill` with each fraction's `doc_share`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Landfill")]
pub struct RawLandfill {
    /// Waste landfilled before the base year, t/yr: points (year, t) from the first year waste
    /// was landfilled, linearly interpolated and held constant after the last point up to the
    /// base year (end with a point of 0 t where landfilling stopped, e.g. 2009 when the ban on
    /// biodegradable waste came).
    pub history: Vec<RawDepositPoint>,
    /// Degradable organic carbon of that waste, share of the wet mass (mixed municipal waste
    /// ≈ 0.15–0.2: IPCC's DOC by material, vol. 5 table 2.4, over a Northern European mix).
    pub history_doc_share: f64,
    /// Share of the degradable carbon that decomposes (IPCC default DOCf 0.5). Default 0.5.
    #[serde(default = "default_half")]
    pub decomposable_share: f64,
    /// Methane correction factor: 1 for managed anaerobic landfills, 0.5 semi-aerobic. Default 1.
    #[serde(default = "default_one")]
    pub methane_correction_factor: f64,
    /// Methane share of landfill gas by volume (IPCC default F 0.5). Default 0.5.
    #[serde(default = "default_half")]
    pub methane_fraction: f64,
    /// Decay rate k, 1/yr (IPCC bulk-waste defaults: 0.05 boreal dry, 0.09 boreal wet). Default
    /// 0.09.
    #[serde(default = "default_decay_rate")]
    pub decay_rate_per_year: f64,
    /// Share of the methane generated that is captured and flared or used. Default 0.
    #[serde(default)]
    pub recovery_share: f64,
    /// Share of the remaining methane oxidised in the cover (IPCC: 0.1 for covered managed
    /// landfills). Default 0.1.
    #[serde(default = "default_oxidation")]
    pub oxidation_share: f64,
}

/// One point of the landfill's history.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "DepositPoint")]
pub struct RawDepositPoint {
    /// Calendar year.
    pub year: i32,
    /// Waste landfilled, t/yr.
    pub t: f64,
}

fn default_fuel() -> Carrier {
    Carrier::Diesel
}

fn default_electricity_per_fuel() -> f64 {
    0.4
}

fn default_half() -> f64 {
    0.5
}

fn default_one() -> f64 {
    1.0
}

fn default_decay_rate() -> f64 {
    0.09
}

fn default_oxidation() -> f64 {
    0.1
}
