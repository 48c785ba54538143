//! Key performance indicators: the U4SSC KPIs (ITU-T Y.4903/L.1603) the model supports, by
//! official code, and clearly labelled extension KPIs that U4SSC lacks; their yearly values,
//! and progress toward the scenario's targets.
//!
//! Every KPI is a pure function of one [`YearResult`] (plus the base year for relative
//! targets), so KPIs can be computed from any stored outcome. `KPI.md` at the repository root
//! documents each formula and the conventions chosen where U4SSC leaves a choice.

use serde::{Deserialize, Serialize};

use crate::outcome::{Outcome, YearResult};
use crate::scenario::{Sector, Target, TargetDirection, TargetValue};

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

/// Identifies a KPI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum KpiId {
    /// EN: E: E: 1C Renewable energy consumption.
    RenewableShare,
    /// EN: E: E: 2C Electricity consumption per capita.
    ElectricityPerCapita,
    /// EN: E: E: 3C Residential thermal energy consumption per capita.
    ResidentialThermalPerCapita,
    /// EN: E: E: 4A Public building energy consumption.
    PublicBuildingEnergy,
    /// EN: EN: AQ: 2C GHG emissions per capita.
    GhgPerCapita,
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

/// Definition of a KPI.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KpiSpec {
    /// Identifier.
    pub id: KpiId,
    /// Key used in files and on the command line.
    pub key: &'static str,
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

/// All KPIs, U4SSC first; `KPIS[id as usize].id == id`.
pub const KPIS: [KpiSpec; 24] = [
    KpiSpec {
        id: KpiId::RenewableShare,
        key: "renewable_share",
        code: Some("EN: E: E: 1C"),
        name: "Renewable energy consumption",
        name_nb: "Fornybar energibruk",
        unit: "%",
        direction: Direction::Higher,
        formula: "renewable final energy ÷ total final energy × 100; renewable = grid electricity × its \
                  renewable share + local PV + renewable part of district heat (ambient heat of heat pumps, \
                  bio, renewable part of waste) + bio; petrol and diesel count as fossil",
    },
    KpiSpec {
        id: KpiId::ElectricityPerCapita,
        key: "electricity_per_capita",
        code: Some("EN: E: E: 2C"),
        name: "Electricity consumption per capita",
        name_nb: "Strømforbruk per innbygger",
        unit: "kWh/yr/capita",
        direction: Direction::Lower,
        formula: "all electricity used in the municipality (buildings, EV charging, district-heating plant) \
                  ÷ residents",
    },
    KpiSpec {
        id: KpiId::ResidentialThermalPerCapita,
        key: "residential_thermal_per_capita",
        code: Some("EN: E: E: 3C"),
        name: "Residential thermal energy consumption per capita",
        name_nb: "Energi til oppvarming i boliger per innbygger",
        unit: "GJ/yr/capita",
        direction: Direction::Lower,
        formula: "delivered energy for space heating and hot water in dwellings (district heat, bio, oil and, \
                  by the Norwegian convention chosen here, electricity used for heating) ÷ residents",
    },
    KpiSpec {
        id: KpiId::PublicBuildingEnergy,
        key: "public_building_energy",
        code: Some("EN: E: E: 4A"),
        name: "Public building energy consumption",
        name_nb: "Energibruk i offentlige bygg",
        unit: "kWh/m²/yr",
        direction: Direction::Lower,
        formula: "delivered energy of public buildings (schools, care, other public) ÷ their heated floor area",
    },
    KpiSpec {
        id: KpiId::GhgPerCapita,
        key: "ghg_per_capita",
        code: Some("EN: EN: AQ: 2C"),
        name: "Greenhouse gas emissions per capita",
        name_nb: "Klimagassutslipp per innbygger",
        unit: "t CO2e/capita",
        direction: Direction::Lower,
        formula: "modelled emissions (buildings, district heating, private cars; electricity under the \
                  scenario's convention) ÷ residents; industry, heavy transport and shipping are outside the model",
    },
    KpiSpec {
        id: KpiId::LowCarbonVehicles,
        key: "low_carbon_vehicles",
        code: Some("EC: I: T: 8A"),
        name: "Low-carbon emission passenger vehicles",
        name_nb: "Lavutslippsbiler",
        unit: "%",
        direction: Direction::Higher,
        formula: "battery-electric private cars ÷ all private cars × 100 (plug-in hybrids not modelled)",
    },
    KpiSpec {
        id: KpiId::DemandResponse,
        key: "demand_response",
        code: Some("EC: ICT: ES: 3A"),
        name: "Demand response penetration",
        name_nb: "Andel kunder med laststyring",
        unit: "%",
        direction: Direction::Higher,
        formula: "households with a smart-charged EV (EVs × smart-charging share, at most one per household) \
                  ÷ households × 100; smart charging is the demand response the model represents",
    },
    KpiSpec {
        id: KpiId::GridPeak,
        key: "grid_peak",
        code: None,
        name: "Annual grid peak",
        name_nb: "Høyeste timelast fra nettet",
        unit: "MW",
        direction: Direction::Lower,
        formula: "highest hourly grid import in the year",
    },
    KpiSpec {
        id: KpiId::GridPeakPerCapita,
        key: "grid_peak_per_capita",
        code: None,
        name: "Grid peak per capita",
        name_nb: "Effekttopp per innbygger",
        unit: "kW/capita",
        direction: Direction::Lower,
        formula: "annual grid peak ÷ residents",
    },
    KpiSpec {
        id: KpiId::PvSelfSufficiency,
        key: "pv_self_sufficiency",
        code: None,
        name: "PV self-sufficiency",
        name_nb: "Egenforsyning fra solceller",
        unit: "%",
        direction: Direction::Higher,
        formula: "PV production used in the municipality in the same hour ÷ electricity used × 100",
    },
    KpiSpec {
        id: KpiId::EvCharging,
        key: "ev_charging",
        code: None,
        name: "EV charging energy",
        name_nb: "Energi til elbillading",
        unit: "GWh/yr",
        direction: Direction::Neutral,
        formula: "electricity for charging private EVs in the municipality",
    },
    KpiSpec {
        id: KpiId::EvShareOfPeak,
        key: "ev_share_of_peak",
        code: None,
        name: "EV charging's share of the grid peak",
        name_nb: "Elbillading sin andel av effekttoppen",
        unit: "%",
        direction: Direction::Lower,
        formula: "EV charging in the hour of the annual grid peak ÷ the peak × 100",
    },
    KpiSpec {
        id: KpiId::WasteHeatShare,
        key: "waste_heat_share",
        code: None,
        name: "District heat from waste incineration",
        name_nb: "Fjernvarme fra avfallsforbrenning",
        unit: "%",
        direction: Direction::Neutral,
        formula: "heat from waste-incineration units ÷ all district heat produced × 100",
    },
    KpiSpec {
        id: KpiId::FinalEnergyPerCapita,
        key: "final_energy_per_capita",
        code: None,
        name: "Final energy per capita",
        name_nb: "Energibruk per innbygger",
        unit: "MWh/yr/capita",
        direction: Direction::Lower,
        formula: "all final energy (buildings and private cars) ÷ residents",
    },
    KpiSpec {
        id: KpiId::TotalEmissions,
        key: "total_emissions",
        code: None,
        name: "Total modelled emissions",
        name_nb: "Samlede utslipp (modellert)",
        unit: "kt CO2e/yr",
        direction: Direction::Lower,
        formula: "sum of emissions by carrier",
    },
    KpiSpec {
        id: KpiId::HouseholdEnergyCost,
        key: "household_energy_cost",
        code: None,
        name: "Energy cost per household",
        name_nb: "Energikostnad per husholdning",
        unit: "NOK/yr",
        direction: Direction::Lower,
        formula: "home energy at carrier prices + the grid tariff's capacity element (from the month's three \
                  highest daily household peaks) + EV charging + petrol and diesel, per household",
    },
    KpiSpec {
        id: KpiId::WasteRecycled,
        key: "waste_recycled",
        code: Some("EN: EN: WA: 1C"),
        name: "Solid waste treatment: recycled",
        name_nb: "Avfall til materialgjenvinning",
        unit: "%",
        direction: Direction::Higher,
        formula: "waste delivered to recycling, biogas and composting (and reuse) ÷ all waste delivered to \
                  treatment × 100 (the SSB definition of material recovery)",
    },
    KpiSpec {
        id: KpiId::WasteIncinerated,
        key: "waste_incinerated",
        code: Some("EN: EN: WA: 1C"),
        name: "Solid waste treatment: incinerated",
        name_nb: "Avfall til forbrenning",
        unit: "%",
        direction: Direction::Neutral,
        formula: "waste delivered to incineration ÷ all waste delivered to treatment × 100",
    },
    KpiSpec {
        id: KpiId::WasteLandfilled,
        key: "waste_landfilled",
        code: Some("EN: EN: WA: 1C"),
        name: "Solid waste treatment: sanitary landfill",
        name_nb: "Avfall til deponi",
        unit: "%",
        direction: Direction::Lower,
        formula: "waste delivered to landfill from collection and sorting ÷ all waste delivered to treatment × 100 \
                  (bottom ash landfilled after incineration is not counted again)",
    },
    KpiSpec {
        id: KpiId::WastePerPerson,
        key: "waste_per_person",
        code: None,
        name: "Waste generated per resident",
        name_nb: "Avfall per innbygger",
        unit: "kg/yr/capita",
        direction: Direction::Lower,
        formula: "household (and workplace) waste generated ÷ residents",
    },
    KpiSpec {
        id: KpiId::ResidualWastePerPerson,
        key: "residual_waste_per_person",
        code: None,
        name: "Residual waste per resident",
        name_nb: "Restavfall per innbygger",
        unit: "kg/yr/capita",
        direction: Direction::Lower,
        formula: "waste collected as residual (not sorted at source) ÷ residents",
    },
    KpiSpec {
        id: KpiId::SourceSeparation,
        key: "source_separation",
        code: None,
        name: "Source-separation rate",
        name_nb: "Utsorteringsgrad",
        unit: "%",
        direction: Direction::Higher,
        formula: "waste sorted at source into separate collection ÷ waste generated × 100 (national targets \
                  55/60/70 % in 2025/2030/2035 for food and plastic)",
    },
    KpiSpec {
        id: KpiId::EmbodiedEmissions,
        key: "embodied_emissions",
        code: None,
        name: "Embodied emissions of new buildings",
        name_nb: "Utslipp fra byggematerialer i nybygg",
        unit: "kt CO2e/yr",
        direction: Direction::Lower,
        formula: "new floor area × material intensity × emission factor per material, less reused materials",
    },
    KpiSpec {
        id: KpiId::MaterialStockPerCapita,
        key: "material_stock_per_capita",
        code: None,
        name: "Materials in the building stock per resident",
        name_nb: "Materialer i bygningsmassen per innbygger",
        unit: "t/capita",
        direction: Direction::Neutral,
        formula: "floor area in use × material intensity, all materials ÷ residents",
    },
];

impl KpiId {
    /// The KPI's definition.
    pub fn spec(self) -> &'static KpiSpec {
        &KPIS[self as usize]
    }

    /// Finds a KPI by key or by U4SSC code.
    pub fn from_key(key: &str) -> Option<KpiId> {
        KPIS.iter().find(|k| k.key == key || k.code == Some(key)).map(|k| k.id)
    }

    /// All keys, comma separated.
    pub fn keys() -> String {
        KPIS.iter().map(|k| k.key).collect::<Vec<_>>().join(", ")
    }

    /// The KPI's value in a year.
    pub fn value(self, y: &YearResult) -> f64 {
        let per_capita = |x: f64| if y.population > 0.0 { x / y.population } else { 0.0 };
        let percent = |a: f64, b: f64| if b > 0.0 { 100.0 * a / b } else { 0.0 };
        match self {
            KpiId::RenewableShare => percent(y.renewable_final_energy_mwh, y.total_final_energy_mwh()),
            KpiId::ElectricityPerCapita => per_capita(y.electricity_demand_mwh * 1000.0),
            KpiId::ResidentialThermalPerCapita => {
                per_capita(y.heating_final_energy_mwh[Sector::Residential as usize].iter().sum::<f64>() * 3.6)
            }
            KpiId::PublicBuildingEnergy => {
                let area = y.floor_area_m2[Sector::Public as usize];
                let energy: f64 = y.final_energy_mwh[Sector::Public as usize].iter().sum();
                if area > 0.0 { energy * 1000.0 / area } else { 0.0 }
            }
            KpiId::GhgPerCapita => per_capita(y.total_emissions_t()),
            KpiId::LowCarbonVehicles => 100.0 * y.ev_share,
            KpiId::DemandResponse => {
                let responsive = (y.cars * y.ev_share * y.smart_charging_share).min(y.households);
                percent(responsive, y.households)
            }
            KpiId::GridPeak => y.grid_peak_mw,
            KpiId::GridPeakPerCapita => per_capita(y.grid_peak_mw * 1000.0),
            KpiId::PvSelfSufficiency => percent(y.pv_self_consumed_mwh, y.electricity_demand_mwh),
            KpiId::EvCharging => y.ev_charging_mwh / 1000.0,
            KpiId::EvShareOfPeak => percent(y.ev_at_peak_mw, y.grid_peak_mw),
            KpiId::WasteHeatShare => {
                let all: f64 = y.units.iter().map(|u| u.heat_mwh).sum();
                percent(y.waste_incineration_heat_mwh, all)
            }
            KpiId::FinalEnergyPerCapita => per_capita(y.total_final_energy_mwh()),
            KpiId::TotalEmissions => y.total_emissions_t() / 1000.0,
            KpiId::HouseholdEnergyCost => y.household_cost.total_nok(),
            KpiId::WasteRecycled => y
                .materials
                .as_ref()
                .map_or(0.0, |m| 100.0 * m.treatment_share(&["reuse", "recycling", "biogas", "composting"])),
            KpiId::WasteIncinerated => {
                y.materials.as_ref().map_or(0.0, |m| 100.0 * m.treatment_share(&["incineration"]))
            }
            KpiId::WasteLandfilled => {
                y.materials.as_ref().map_or(0.0, |m| 100.0 * m.treatment_share(&["landfill"]))
            }
            KpiId::WastePerPerson => {
                y.materials.as_ref().map_or(0.0, |m| per_capita(m.generated_total_t() * 1000.0))
            }
            KpiId::ResidualWastePerPerson => y.materials.as_ref().map_or(0.0, |m| {
                per_capita(m.generated_total_t() * (1.0 - m.source_separation_share) * 1000.0)
            }),
            KpiId::SourceSeparation => {
                y.materials.as_ref().map_or(0.0, |m| 100.0 * m.source_separation_share)
            }
            KpiId::EmbodiedEmissions => y.materials.as_ref().map_or(0.0, |m| m.embodied_emissions_t / 1000.0),
            KpiId::MaterialStockPerCapita => y
                .materials
                .as_ref()
                .map_or(0.0, |m| per_capita(m.material_stock_t.iter().map(|(_, t)| t).sum())),
        }
    }
}

/// Progress of one target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetProgress {
    /// The target.
    pub target: Target,
    /// The target value in the KPI's unit (relative targets resolved against the base year).
    pub target_value: f64,
    /// The KPI in the target year.
    pub value: f64,
    /// The KPI in the base year.
    pub base_value: f64,
    /// Whether the target is met.
    pub met: bool,
    /// Share of the way from the base-year value to the target covered (1 = met exactly;
    /// negative = moving away).
    pub progress: f64,
    /// Value minus target (positive = above the target).
    pub gap: f64,
}

/// Checks every target of an outcome.
pub fn progress(outcome: &Outcome) -> Vec<TargetProgress> {
    let Some(base) = outcome.years.first() else {
        return Vec::new();
    };
    outcome
        .targets
        .iter()
        .filter_map(|t| {
            let y = outcome.year(t.year)?;
            let base_value = t.kpi.value(base);
            let target_value = match t.value {
                TargetValue::Absolute(v) => v,
                TargetValue::ChangeFromBase(change) => base_value * (1.0 + change),
            };
            let value = t.kpi.value(y);
            let met = match t.direction {
                TargetDirection::AtMost => value <= target_value,
                TargetDirection::AtLeast => value >= target_value,
            };
            let span = target_value - base_value;
            let progress = if span.abs() > 1e-12 {
                (value - base_value) / span
            } else if met {
                1.0
            } else {
                0.0
            };
            Some(TargetProgress {
                target: t.clone(),
                target_value,
                value,
                base_value,
                met,
                progress,
                gap: value - target_value,
            })
        })
        .collect()
}

/// KPI values of every year: `table[year index][kpi index]`.
pub fn table(outcome: &Outcome) -> Vec<[f64; KPIS.len()]> {
    outcome.years.iter().map(|y| KPIS.map(|k| k.id.value(y))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outcome::{Carrier, HouseholdCost, UnitYear};

    /// A year with round numbers, so every KPI can be computed by hand.
    fn year() -> YearResult {
        let mut y = YearResult { year: 2030, population: 1000.0, households: 400.0, ..YearResult::default() };
        let res = Sector::Residential as usize;
        let public = Sector::Public as usize;
        y.final_energy_mwh[res][Carrier::Electricity as usize] = 6000.0;
        y.final_energy_mwh[res][Carrier::Bio as usize] = 1000.0;
        y.final_energy_mwh[public][Carrier::Electricity as usize] = 900.0;
        y.final_energy_mwh[public][Carrier::DistrictHeat as usize] = 300.0;
        y.final_energy_mwh[Sector::Transport as usize][Carrier::Petrol as usize] = 2100.0;
        y.heating_final_energy_mwh[res][Carrier::Electricity as usize] = 3000.0;
        y.heating_final_energy_mwh[res][Carrier::Bio as usize] = 1000.0;
        y.floor_area_m2[public] = 8000.0;
        y.renewable_final_energy_mwh = 7300.0;
        y.electricity_demand_mwh = 7500.0;
        y.emissions_t[Carrier::Petrol as usize] = 540.0;
        y.emissions_t[Carrier::Electricity as usize] = 60.0;
        y.cars = 500.0;
        y.ev_share = 0.6;
        y.smart_charging_share = 0.5;
        y.grid_peak_mw = 2.5;
        y.ev_at_peak_mw = 0.25;
        y.pv_self_consumed_mwh = 375.0;
        y.ev_charging_mwh = 1500.0;
        y.units = vec![
            UnitYear { heat_mwh: 200.0, ..UnitYear::default() },
            UnitYear { heat_mwh: 600.0, ..UnitYear::default() },
        ];
        y.waste_incineration_heat_mwh = 200.0;
        y.household_cost = HouseholdCost {
            home_energy_nok: 20000.0,
            capacity_nok: 3000.0,
            ev_charging_nok: 4000.0,
            car_fuel_nok: 5000.0,
        };
        y
    }

    #[test]
    fn kpis_match_hand_computed_values() {
        let y = year();
        let close = |id: KpiId, expected: f64| {
            let v = id.value(&y);
            assert!((v - expected).abs() < 1e-9 * expected.abs().max(1.0), "{:?}: {v} vs {expected}", id);
        };
        // Final energy 6000 + 1000 + 900 + 300 + 2100 = 10,300 MWh; renewable 7,300.
        close(KpiId::RenewableShare, 100.0 * 7300.0 / 10300.0);
        // 7,500 MWh ÷ 1,000 residents = 7,500 kWh each.
        close(KpiId::ElectricityPerCapita, 7500.0);
        // (3,000 + 1,000) MWh × 3.6 GJ/MWh ÷ 1,000 = 14.4 GJ.
        close(KpiId::ResidentialThermalPerCapita, 14.4);
        // 1,200 MWh ÷ 8,000 m² = 150 kWh/m².
        close(KpiId::PublicBuildingEnergy, 150.0);
        close(KpiId::GhgPerCapita, 0.6);
        close(KpiId::LowCarbonVehicles, 60.0);
        // 500 cars × 0.6 × 0.5 = 150 smart-charged EVs ÷ 400 households.
        close(KpiId::DemandResponse, 37.5);
        close(KpiId::GridPeak, 2.5);
        close(KpiId::GridPeakPerCapita, 2.5);
        close(KpiId::PvSelfSufficiency, 5.0);
        close(KpiId::EvCharging, 1.5);
        close(KpiId::EvShareOfPeak, 10.0);
        close(KpiId::WasteHeatShare, 25.0);
        close(KpiId::FinalEnergyPerCapita, 10.3);
        close(KpiId::TotalEmissions, 0.6);
        close(KpiId::HouseholdEnergyCost, 32000.0);
    }

    #[test]
    fn demand_response_is_capped_at_every_household() {
        let mut y = year();
        y.cars = 10_000.0;
        y.ev_share = 1.0;
        y.smart_charging_share = 1.0;
        assert_eq!(KpiId::DemandResponse.value(&y), 100.0);
    }

    #[test]
    fn relative_targets_resolve_against_the_base_year() {
        let base = year();
        let mut later = year();
        later.year = 2040;
        later.emissions_t[Carrier::Petrol as usize] = 240.0; // 0.3 t per capita
        let target = Target {
            kpi: KpiId::GhgPerCapita,
            year: 2040,
            value: TargetValue::ChangeFromBase(-0.5),
            direction: TargetDirection::AtMost,
            source: String::new(),
        };
        let outcome = Outcome {
            scenario: "t".into(),
            district_names: vec![],
            district_codes: vec![],
            unit_names: vec![],
            years: vec![base, later],
            hourly: vec![],
            targets: vec![target],
        };
        let p = &progress(&outcome)[0];
        assert!((p.target_value - 0.3).abs() < 1e-12);
        assert!(p.met);
        assert!((p.progress - 1.0).abs() < 1e-12);
    }

    #[test]
    fn catalogue_is_indexed_by_id_and_codes_are_unique() {
        for (i, k) in KPIS.iter().enumerate() {
            assert_eq!(k.id as usize, i, "{}", k.key);
            assert_eq!(KpiId::from_key(k.key), Some(k.id));
            // A code maps to its first KPI; only the waste-treatment split has several data points.
            if let Some(code) = k.code {
                let same: Vec<_> = KPIS.iter().filter(|o| o.code == Some(code)).collect();
                assert!(same.len() == 1 || code == "EN: EN: WA: 1C", "{code}");
                assert_eq!(KpiId::from_key(code), Some(same[0].id));
            }
        }
    }
}
