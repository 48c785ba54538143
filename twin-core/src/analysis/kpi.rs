//! KPI values and target progress: every KPI of the [catalogue](crate::catalogue::kpi) is a pure
//! function of one [`YearResult`] (plus the base year for relative targets), so KPIs can be
//! computed from any stored outcome. `KPI.md` at the repository root documents each formula and
//! the conventions chosen where U4SSC leaves a choice.

use enum_map::EnumMap;
use serde::{Deserialize, Serialize};

use crate::catalogue::Sector;
use crate::catalogue::kpi::KpiId;
use crate::outcome::{Outcome, YearResult};
use crate::scenario::{Target, TargetDirection, TargetValue};

impl KpiId {
    /// The KPI's value in a year.
    pub fn value(self, y: &YearResult) -> f64 {
        let per_capita = |x: f64| if y.population > 0.0 { x / y.population } else { 0.0 };
        let percent = |a: f64, b: f64| if b > 0.0 { 100.0 * a / b } else { 0.0 };
        match self {
            KpiId::RenewableShare => percent(y.energy.renewable_mwh, y.total_final_energy_mwh()),
            KpiId::ElectricityPerCapita => per_capita(y.grid.demand_mwh * 1000.0),
            KpiId::ResidentialThermalPerCapita => per_capita(
                y.buildings.heating_final_energy_mwh[Sector::Residential].values().sum::<f64>() * 3.6,
            ),
            KpiId::PublicBuildingEnergy => {
                let area = y.buildings.floor_area_m2[Sector::Public];
                let energy: f64 = y.energy.final_mwh[Sector::Public].values().sum();
                if area > 0.0 { energy * 1000.0 / area } else { 0.0 }
            }
            KpiId::GhgPerCapita => per_capita(y.inventory_total_t()),
            KpiId::ModelledGhgPerCapita => per_capita(y.total_emissions_t()),
            KpiId::LowCarbonVehicles => 100.0 * y.transport.ev_share,
            KpiId::DemandResponse => {
                let responsive = (y.transport.cars * y.transport.ev_share * y.transport.smart_charging_share)
                    .min(y.households);
                percent(responsive, y.households)
            }
            KpiId::GridPeak => y.grid.peak_mw,
            KpiId::GridPeakPerCapita => per_capita(y.grid.peak_mw * 1000.0),
            KpiId::PvSelfSufficiency => percent(y.grid.pv_self_consumed_mwh, y.grid.demand_mwh),
            KpiId::EvCharging => y.transport.ev_charging_mwh / 1000.0,
            KpiId::EvShareOfPeak => percent(y.grid.ev_at_peak_mw, y.grid.peak_mw),
            KpiId::WasteHeatShare => {
                let all: f64 = y.heat.units.iter().map(|u| u.heat_mwh).sum();
                percent(y.heat.waste_incineration_heat_mwh, all)
            }
            KpiId::FinalEnergyPerCapita => per_capita(y.total_final_energy_mwh()),
            KpiId::TotalEmissions => y.inventory_total_t() / 1000.0,
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
pub fn table(outcome: &Outcome) -> Vec<EnumMap<KpiId, f64>> {
    outcome.years.iter().map(|y| EnumMap::from_fn(|k: KpiId| k.value(y))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Carrier, Catalogue, InventorySector};
    use crate::outcome::{HouseholdCost, UnitYear};

    /// A year with round numbers, so every KPI can be computed by hand.
    fn year() -> YearResult {
        let mut y = YearResult { year: 2030, population: 1000.0, households: 400.0, ..YearResult::default() };
        let res = Sector::Residential;
        let public = Sector::Public;
        y.energy.final_mwh[res][Carrier::Electricity] = 6000.0;
        y.energy.final_mwh[res][Carrier::Bio] = 1000.0;
        y.energy.final_mwh[public][Carrier::Electricity] = 900.0;
        y.energy.final_mwh[public][Carrier::DistrictHeat] = 300.0;
        y.energy.final_mwh[Sector::Transport][Carrier::Petrol] = 2100.0;
        y.buildings.heating_final_energy_mwh[res][Carrier::Electricity] = 3000.0;
        y.buildings.heating_final_energy_mwh[res][Carrier::Bio] = 1000.0;
        y.buildings.floor_area_m2[public] = 8000.0;
        y.energy.renewable_mwh = 7300.0;
        y.grid.demand_mwh = 7500.0;
        y.emissions.by_carrier_t[Carrier::Petrol] = 540.0;
        y.emissions.by_carrier_t[Carrier::Electricity] = 60.0;
        // The territorial inventory: the cars' 540 t and 260 t from ships (grid electricity is 0).
        y.emissions.inventory_t[InventorySector::RoadTransport] = 540.0;
        y.emissions.inventory_t[InventorySector::SeaTransport] = 260.0;
        y.transport.cars = 500.0;
        y.transport.ev_share = 0.6;
        y.transport.smart_charging_share = 0.5;
        y.grid.peak_mw = 2.5;
        y.grid.ev_at_peak_mw = 0.25;
        y.grid.pv_self_consumed_mwh = 375.0;
        y.transport.ev_charging_mwh = 1500.0;
        y.heat.units = vec![
            UnitYear { heat_mwh: 200.0, ..UnitYear::default() },
            UnitYear { heat_mwh: 600.0, ..UnitYear::default() },
        ];
        y.heat.waste_incineration_heat_mwh = 200.0;
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
        // (540 + 260) t ÷ 1,000 residents; the modelled energy use's (540 + 60) t ÷ 1,000.
        close(KpiId::GhgPerCapita, 0.8);
        close(KpiId::ModelledGhgPerCapita, 0.6);
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
        close(KpiId::TotalEmissions, 0.8);
        close(KpiId::HouseholdEnergyCost, 32000.0);
    }

    #[test]
    fn demand_response_is_capped_at_every_household() {
        let mut y = year();
        y.transport.cars = 10_000.0;
        y.transport.ev_share = 1.0;
        y.transport.smart_charging_share = 1.0;
        assert_eq!(KpiId::DemandResponse.value(&y), 100.0);
    }

    #[test]
    fn relative_targets_resolve_against_the_base_year() {
        let base = year();
        let mut later = year();
        later.year = 2040;
        later.emissions.inventory_t[InventorySector::RoadTransport] = 140.0; // 0.4 t per capita
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
        assert!((p.target_value - 0.4).abs() < 1e-12);
        assert!(p.met);
        assert!((p.progress - 1.0).abs() < 1e-12);
    }

    #[test]
    fn u4ssc_codes_are_unique_but_for_the_waste_treatment_split() {
        for k in KpiId::all() {
            // A code maps to its first KPI; only the waste-treatment split has several data points.
            if let Some(code) = k.spec().code {
                let same: Vec<_> = KpiId::all().filter(|o| o.spec().code == Some(code)).collect();
                assert!(same.len() == 1 || code == "EN: EN: WA: 1C", "{code}");
                assert_eq!(KpiId::from_key(code), Some(same[0]));
            }
        }
    }
}
