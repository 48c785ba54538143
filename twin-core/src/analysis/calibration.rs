//! Calibration: the base year's model output against published figures. A municipality's table
//! (`scenarios/calibration/NAME.csv`) lists, per measure, the published figure, the tolerance the
//! model must meet, the model's own value (kept true by a test) and the source; [`Measure`] says
//! how each measure is read from a run, so the table and the model cannot drift apart.

use serde::{Deserialize, Serialize};

use crate::catalogue::kpi::KpiId;
use crate::catalogue::{Carrier, InventorySector, Sector};
use crate::outcome::YearResult;
use crate::prepare::Prepared;
use crate::scenario::{Scenario, UnitKind};

crate::catalogue::catalogue_enum! {
/// A figure of the base year that can be compared with a published one.
pub enum Measure {
    /// Residents, persons.
    PopulationPersons,
    /// Households' final energy (dwellings only, cars excluded) per resident, MWh.
    HouseholdEnergyMwhPerCapita,
    /// Electricity's share of households' final energy, %.
    HouseholdElectricitySharePct,
    /// Municipal and other public buildings' final energy, GWh.
    PublicBuildingsGwh,
    /// District heat delivered to buildings, GWh.
    DistrictHeatDeliveredGwh,
    /// Heat the waste incinerators produce (delivered to the network and cooled away), GWh.
    IncineratorHeatProducedGwh,
    /// Heat the waste incinerators deliver into the network, GWh.
    IncineratorHeatDeliveredGwh,
    /// Electricity the waste incinerators generate, GWh.
    IncineratorElectricityGwh,
    /// Household waste per resident, kg.
    WasteKgPerCapita,
    /// Waste to material recovery (reuse, recycling, biogas, composting), %.
    WasteRecycledPct,
    /// Waste incinerated, %.
    WasteIncineratedPct,
    /// Waste landfilled, %.
    WasteLandfilledPct,
    /// Global horizontal irradiation in the weather year, kWh/m².
    GhiKwhPerM2,
    /// Rooftop PV yield, kWh/kWp.
    PvYieldKwhPerKwp,
    /// Territorial emissions, all nine sectors, per resident, t CO2e.
    GhgTPerCapita,
    /// Road traffic's share of the territorial emissions, %.
    RoadTransportSharePct,
}
}

impl crate::catalogue::Catalogue for Measure {}

impl Measure {
    /// The measure's value in a year of a run of `scenario`.
    pub fn value(self, scenario: &Scenario, y: &YearResult, prepared: &Prepared) -> f64 {
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
        let homes = &y.energy.final_mwh[Sector::Residential];
        let homes_total: f64 = homes.values().sum();
        let incinerators = || {
            scenario
                .district_heating
                .units
                .iter()
                .zip(&y.heat.units)
                .filter(|(u, _)| u.kind == UnitKind::WasteIncineration)
                .map(|(_, uy)| uy)
        };
        match self {
            Measure::PopulationPersons => y.population,
            Measure::HouseholdEnergyMwhPerCapita => ratio(homes_total, y.population),
            Measure::HouseholdElectricitySharePct => 100.0 * ratio(homes[Carrier::Electricity], homes_total),
            Measure::PublicBuildingsGwh => y.energy.final_mwh[Sector::Public].values().sum::<f64>() / 1000.0,
            Measure::DistrictHeatDeliveredGwh => y.heat.delivered_mwh / 1000.0,
            Measure::IncineratorHeatProducedGwh => {
                incinerators().map(|u| u.heat_mwh + u.dumped_heat_mwh).sum::<f64>() / 1000.0
            }
            Measure::IncineratorHeatDeliveredGwh => incinerators().map(|u| u.heat_mwh).sum::<f64>() / 1000.0,
            Measure::IncineratorElectricityGwh => {
                incinerators().map(|u| u.electricity_mwh).sum::<f64>() / 1000.0
            }
            Measure::WasteKgPerCapita => KpiId::WastePerPerson.value(y),
            Measure::WasteRecycledPct => KpiId::WasteRecycled.value(y),
            Measure::WasteIncineratedPct => KpiId::WasteIncinerated.value(y),
            Measure::WasteLandfilledPct => KpiId::WasteLandfilled.value(y),
            Measure::GhiKwhPerM2 => prepared.ghi_w_m2.iter().sum::<f64>() / 1000.0,
            Measure::PvYieldKwhPerKwp => prepared.pv_yield_kwh_per_kwp,
            Measure::GhgTPerCapita => KpiId::GhgPerCapita.value(y),
            Measure::RoadTransportSharePct => {
                100.0 * ratio(y.emissions.inventory_t[InventorySector::RoadTransport], y.inventory_total_t())
            }
        }
    }
}

/// One row of a calibration table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// What is compared.
    pub measure: Measure,
    /// Its unit, as written for people.
    pub unit: String,
    /// The published figure (or the reference's estimate, see `basis`).
    pub published: f64,
    /// How far the model may be from it, in the unit.
    pub tolerance: f64,
    /// The model's base-year value when the table was last checked.
    pub model: f64,
    /// `S` read in a cited source, `V` recalled from a named document, `E` an estimate.
    pub basis: String,
    /// The source, its data year, and why the model may differ.
    pub source: String,
}

/// Reads a calibration table (CSV with a header row: measure, unit, published, tolerance, model,
/// basis, source; `measure` written as its snake_case key).
pub fn read_table(text: &str) -> Result<Vec<Row>, String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    reader
        .records()
        .enumerate()
        .map(|(i, record)| {
            let r = record.map_err(|e| format!("row {}: {e}", i + 2))?;
            let field = |k: usize| r.get(k).unwrap_or("").trim();
            let number = |k: usize| {
                field(k).parse::<f64>().map_err(|e| format!("row {}, column {}: {e}", i + 2, k + 1))
            };
            let measure = <Measure as crate::catalogue::Catalogue>::from_key(field(0))
                .ok_or_else(|| format!("row {}: unknown measure {:?}", i + 2, field(0)))?;
            Ok(Row {
                measure,
                unit: field(1).to_owned(),
                published: number(2)?,
                tolerance: number(3)?,
                model: number(4)?,
                basis: field(5).to_owned(),
                source: field(6).to_owned(),
            })
        })
        .collect()
}

/// Writes a calibration table in the format [`read_table`] reads.
pub fn write_table(rows: &[Row]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(["measure", "unit", "published", "tolerance", "model", "basis", "source"]);
    for r in rows {
        let key: &str = r.measure.into();
        let _ = writer.write_record([
            key,
            &r.unit,
            &r.published.to_string(),
            &r.tolerance.to_string(),
            &r.model.to_string(),
            &r.basis,
            &r.source,
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A value rounded to three significant digits, as the table records the model.
pub fn three_digits(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let scale = 10f64.powi(2 - value.abs().log10().floor() as i32);
    (value * scale).round() / scale
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_reads_back_what_was_written() {
        let rows = vec![Row {
            measure: Measure::WasteKgPerCapita,
            unit: "kg".into(),
            published: 375.0,
            tolerance: 20.0,
            model: 380.0,
            basis: "S".into(),
            source: "SSB, national 2023, with a comma".into(),
        }];
        assert_eq!(read_table(&write_table(&rows)), Ok(rows));
        assert!(
            read_table("measure,unit,published,tolerance,model,basis,source\nno_such,kg,1,1,1,S,x\n")
                .is_err_and(|e| e.contains("row 2") && e.contains("no_such"))
        );
        assert_eq!(three_digits(132_233.0), 132_000.0);
        assert_eq!(three_digits(0.012_345), 0.0123);
    }
}
