//! The KPI catalogue: the U4SSC KPIs (ITU-T Y.4903/L.1603) the model supports, by official code,
//! and clearly labelled extension KPIs that U4SSC lacks. Ids and definitions only: how each is
//! computed from a year's results lives in [`crate::analysis::kpi`].

use serde::{Deserialize, Serialize};

use super::Catalogue;

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// Lower values are better.
    Lower,
    /// Higher values are better.
    Higher,
    /// Informational: no better direction.
    Neutral,
}

catalogue_enum! {
/// Identifies a KPI.
pub enum KpiId {
    /// EN: E: E: 1C Renewable energy consumption.
    RenewableShare,
    /// EN: E: E: 2C Electricity consumption per capita.
    ElectricityPerCapita,
    /// EN: E: E: 3C Residential thermal energy consumption per capita.
    ResidentialThermalPerCapita,
    /// EN: E: E: 4A Public building energy consumption.
    PublicBuildingEnergy,
    /// EN: EN: AQ: 2C GHG emissions per capita (the territorial inventory, all nine sectors).
    GhgPerCapita,
    /// Extension: the emissions of the modelled energy use per capita.
    ModelledGhgPerCapita,
    /// EC: I: T: 8A Low-carbon emission passenger vehicles.
    LowCarbonVehicles,
    /// EC: ICT: ES: 3A Demand response penetration.
    DemandResponse,
    /// Extension: annual peak of grid import.
    GridPeak,
    /// Extension: annual grid peak per resident.
    GridPeakPerCapita,
    /// Extension: PV self-sufficiency.
    PvSelfSufficiency,
    /// Extension: EV charging energy.
    EvCharging,
    /// Extension: EV charging's share of the grid peak.
    EvShareOfPeak,
    /// Extension: share of district heat from waste incineration.
    WasteHeatShare,
    /// Extension: final energy per resident.
    FinalEnergyPerCapita,
    /// Extension: total emissions.
    TotalEmissions,
    /// Extension: a household's yearly energy cost.
    HouseholdEnergyCost,
    /// EN: EN: WA: 1C Solid waste treatment: share recycled (material recovery incl. biogas).
    WasteRecycled,
    /// EN: EN: WA: 1C Solid waste treatment: share incinerated.
    WasteIncinerated,
    /// EN: EN: WA: 1C Solid waste treatment: share landfilled.
    WasteLandfilled,
    /// Extension: waste generated per resident.
    WastePerPerson,
    /// Extension: residual waste per resident.
    ResidualWastePerPerson,
    /// Extension: source-separation rate.
    SourceSeparation,
    /// Extension: embodied emissions of new buildings.
    EmbodiedEmissions,
    /// Extension: materials in the building stock per resident.
    MaterialStockPerCapita,
}
}

impl Catalogue for KpiId {
    /// The KPI with this key or this U4SSC code (`EN: E: E: 1C`).
    fn from_key(key: &str) -> Option<KpiId> {
        key.parse().ok().or_else(|| KpiId::all().find(|k| k.spec().code == Some(key)))
    }
}

/// Definition of a KPI.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KpiSpec {
    /// Official U4SSC code, or `None` for an extension KPI (not U4SSC).
    pub code: Option<&'static str>,
    /// Name in English.
    pub name: &'static str,
    /// Name in Norwegian bokmål.
    pub name_nb: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Which way is better.
    pub direction: Direction,
    /// How it is computed from model quantities.
    pub formula: &'static str,
}

impl KpiId {
    /// The entry's description.
    pub const fn spec(self) -> &'static KpiSpec {
        match self {
            KpiId::RenewableShare => &KpiSpec {
                code: Some("EN: E: E: 1C"),
                name: "Renewable energy consumption",
                name_nb: "Fornybar energibruk",
                unit: "%",
                direction: Direction::Higher,
                formula: "renewable final energy ÷ total final energy × 100; renewable = grid electricity × its \
                          renewable share + local PV + renewable part of district heat (ambient heat of heat pumps, \
                          bio, renewable part of waste) + bio; petrol and diesel count as fossil",
            },
            KpiId::ElectricityPerCapita => &KpiSpec {
                code: Some("EN: E: E: 2C"),
                name: "Electricity consumption per capita",
                name_nb: "Strømforbruk per innbygger",
                unit: "kWh/yr/capita",
                direction: Direction::Lower,
                formula: "all electricity used in the municipality (buildings, EV charging, district-heating plant) \
                          ÷ residents",
            },
            KpiId::ResidentialThermalPerCapita => &KpiSpec {
                code: Some("EN: E: E: 3C"),
                name: "Residential thermal energy consumption per capita",
                name_nb: "Energi til oppvarming i boliger per innbygger",
                unit: "GJ/yr/capita",
                direction: Direction::Lower,
                formula: "delivered energy for space heating and hot water in dwellings (district heat, bio, oil and, \
                          by the Norwegian convention chosen here, electricity used for heating) ÷ residents",
            },
            KpiId::PublicBuildingEnergy => &KpiSpec {
                code: Some("EN: E: E: 4A"),
                name: "Public building energy consumption",
                name_nb: "Energibruk i offentlige bygg",
                unit: "kWh/m²/yr",
                direction: Direction::Lower,
                formula: "delivered energy of public buildings (schools, care, other public) ÷ their heated floor area",
            },
            KpiId::GhgPerCapita => &KpiSpec {
                code: Some("EN: EN: AQ: 2C"),
                name: "Greenhouse gas emissions per capita",
                name_nb: "Klimagassutslipp per innbygger",
                unit: "t CO2e/capita",
                direction: Direction::Lower,
                formula: "territorial emissions (CO2, CH4, N2O inside the borders) in Miljødirektoratet's nine \
                          sectors ÷ residents: energy supply, heating, private cars and landfill methane from the \
                          model; industry, sea transport, heavy road transport, aviation, other mobile sources, \
                          agriculture and wastewater from the scenario's inventory pathways (with their levers)",
            },
            KpiId::ModelledGhgPerCapita => &KpiSpec {
                code: None,
                name: "Modelled emissions per capita (energy use)",
                name_nb: "Modellerte utslipp per innbygger (energibruk)",
                unit: "t CO2e/capita",
                direction: Direction::Lower,
                formula: "emissions of the modelled energy use (buildings, district heating, private cars; grid \
                          electricity under the scenario's convention) ÷ residents",
            },
            KpiId::LowCarbonVehicles => &KpiSpec {
                code: Some("EC: I: T: 8A"),
                name: "Low-carbon emission passenger vehicles",
                name_nb: "Lavutslippsbiler",
                unit: "%",
                direction: Direction::Higher,
                formula: "battery-electric private cars ÷ all private cars × 100 (plug-in hybrids not modelled)",
            },
            KpiId::DemandResponse => &KpiSpec {
                code: Some("EC: ICT: ES: 3A"),
                name: "Demand response penetration",
                name_nb: "Andel kunder med laststyring",
                unit: "%",
                direction: Direction::Higher,
                formula: "households with a smart-charged EV (EVs × smart-charging share, at most one per household) \
                          ÷ households × 100; smart charging is the demand response the model represents",
            },
            KpiId::GridPeak => &KpiSpec {
                code: None,
                name: "Annual grid peak",
                name_nb: "Høyeste timelast fra nettet",
                unit: "MW",
                direction: Direction::Lower,
                formula: "highest hourly grid import in the year",
            },
            KpiId::GridPeakPerCapita => &KpiSpec {
                code: None,
                name: "Grid peak per capita",
                name_nb: "Effekttopp per innbygger",
                unit: "kW/capita",
                direction: Direction::Lower,
                formula: "annual grid peak ÷ residents",
            },
            KpiId::PvSelfSufficiency => &KpiSpec {
                code: None,
                name: "PV self-sufficiency",
                name_nb: "Egenforsyning fra solceller",
                unit: "%",
                direction: Direction::Higher,
                formula: "PV production used in the municipality in the same hour ÷ electricity used × 100",
            },
            KpiId::EvCharging => &KpiSpec {
                code: None,
                name: "EV charging energy",
                name_nb: "Energi til elbillading",
                unit: "GWh/yr",
                direction: Direction::Neutral,
                formula: "electricity for charging private EVs in the municipality",
            },
            KpiId::EvShareOfPeak => &KpiSpec {
                code: None,
                name: "EV charging's share of the grid peak",
                name_nb: "Elbillading sin andel av effekttoppen",
                unit: "%",
                direction: Direction::Lower,
                formula: "EV charging in the hour of the annual grid peak ÷ the peak × 100",
            },
            KpiId::WasteHeatShare => &KpiSpec {
                code: None,
                name: "District heat from waste incineration",
                name_nb: "Fjernvarme fra avfallsforbrenning",
                unit: "%",
                direction: Direction::Neutral,
                formula: "heat from waste-incineration units ÷ all district heat produced × 100",
            },
            KpiId::FinalEnergyPerCapita => &KpiSpec {
                code: None,
                name: "Final energy per capita",
                name_nb: "Energibruk per innbygger",
                unit: "MWh/yr/capita",
                direction: Direction::Lower,
                formula: "all final energy (buildings and private cars) ÷ residents",
            },
            KpiId::TotalEmissions => &KpiSpec {
                code: None,
                name: "Total emissions (all nine sectors)",
                name_nb: "Samlede utslipp (alle ni sektorer)",
                unit: "kt CO2e/yr",
                direction: Direction::Lower,
                formula: "the territorial inventory's nine sectors summed (as EN: EN: AQ: 2C, not per capita)",
            },
            KpiId::HouseholdEnergyCost => &KpiSpec {
                code: None,
                name: "Energy cost per household",
                name_nb: "Energikostnad per husholdning",
                unit: "NOK/yr",
                direction: Direction::Lower,
                formula: "home energy at carrier prices + the grid tariff's capacity element (from the month's three \
                          highest daily household peaks) + EV charging + petrol and diesel, per household",
            },
            KpiId::WasteRecycled => &KpiSpec {
                code: Some("EN: EN: WA: 1C"),
                name: "Solid waste treatment: recycled",
                name_nb: "Avfall til materialgjenvinning",
                unit: "%",
                direction: Direction::Higher,
                formula: "waste delivered to recycling, biogas and composting (and reuse) ÷ all waste delivered to \
                          treatment × 100 (the SSB definition of material recovery)",
            },
            KpiId::WasteIncinerated => &KpiSpec {
                code: Some("EN: EN: WA: 1C"),
                name: "Solid waste treatment: incinerated",
                name_nb: "Avfall til forbrenning",
                unit: "%",
                direction: Direction::Neutral,
                formula: "waste delivered to incineration ÷ all waste delivered to treatment × 100",
            },
            KpiId::WasteLandfilled => &KpiSpec {
                code: Some("EN: EN: WA: 1C"),
                name: "Solid waste treatment: sanitary landfill",
                name_nb: "Avfall til deponi",
                unit: "%",
                direction: Direction::Lower,
                formula: "waste delivered to landfill from collection and sorting ÷ all waste delivered to treatment × 100 \
                          (bottom ash landfilled after incineration is not counted again)",
            },
            KpiId::WastePerPerson => &KpiSpec {
                code: None,
                name: "Waste generated per resident",
                name_nb: "Avfall per innbygger",
                unit: "kg/yr/capita",
                direction: Direction::Lower,
                formula: "household (and workplace) waste generated ÷ residents",
            },
            KpiId::ResidualWastePerPerson => &KpiSpec {
                code: None,
                name: "Residual waste per resident",
                name_nb: "Restavfall per innbygger",
                unit: "kg/yr/capita",
                direction: Direction::Lower,
                formula: "waste collected as residual (not sorted at source) ÷ residents",
            },
            KpiId::SourceSeparation => &KpiSpec {
                code: None,
                name: "Source-separation rate",
                name_nb: "Utsorteringsgrad",
                unit: "%",
                direction: Direction::Higher,
                formula: "waste sorted at source into separate collection ÷ waste generated × 100 (national targets \
                          55/60/70 % in 2025/2030/2035 for food and plastic)",
            },
            KpiId::EmbodiedEmissions => &KpiSpec {
                code: None,
                name: "Embodied emissions of new buildings",
                name_nb: "Utslipp fra byggematerialer i nybygg",
                unit: "kt CO2e/yr",
                direction: Direction::Lower,
                formula: "new floor area × material intensity × emission factor per material, less reused materials",
            },
            KpiId::MaterialStockPerCapita => &KpiSpec {
                code: None,
                name: "Materials in the building stock per resident",
                name_nb: "Materialer i bygningsmassen per innbygger",
                unit: "t/capita",
                direction: Direction::Neutral,
                formula: "floor area in use × material intensity, all materials ÷ residents",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kpi_is_found_by_its_key_or_its_u4ssc_code() {
        for kpi in KpiId::all() {
            assert_eq!(KpiId::from_key(kpi.key()), Some(kpi));
            // A code names its first KPI (the waste-treatment split has three).
            if let Some(code) = kpi.spec().code {
                let first = KpiId::all().find(|k| k.spec().code == Some(code));
                assert_eq!(KpiId::from_key(code), first, "{code}");
            }
        }
        assert_eq!(KpiId::from_key("EN: EN: AQ: 2C"), Some(KpiId::GhgPerCapita));
        assert_eq!(KpiId::from_key("ghg"), None);
    }
}
