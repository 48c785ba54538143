//! Stage 7 of a year, the territorial inventory: Miljødirektoratet's nine sectors (CO2, CH4 and
//! N2O emitted inside the borders). The model's own parts go to their sectors (the heat plant's
//! fuels and the waste's fossil carbon to energy supply, fuels burnt in buildings to heating,
//! private cars to road transport, landfill methane to waste); the scenario's other sources
//! follow their pathways, less what their levers electrify, and the electricity those levers add
//! is a flat load on the grid. Landfill methane follows IPCC's first-order decay (2006
//! Guidelines, vol. 5 ch. 3, eq. 3.4–3.6), carried from year to year.

use crate::catalogue::levers::Levers;
use crate::catalogue::{ByCarrier, ByInventorySector, BySector, Carrier, InventorySector, Sector};
use crate::math::interpolate;
use crate::outcome::DistrictHeatYear;
use crate::prepare::weather::HOURS;
use crate::scenario::raw::RawLandfill;
use crate::scenario::{EmissionSource, Scenario};

/// Global warming potential of methane over 100 years (IPCC AR5 WG1 table 8.7, without
/// climate-carbon feedbacks): the values the Paris Agreement's reporting uses (decision
/// 18/CMA.1) and Norway's inventory reports with.
pub const CH4_GWP100: f64 = 28.0;
/// Mass of methane per mass of carbon (16/12).
const CH4_PER_C: f64 = 16.0 / 12.0;

/// The scenario's other sources in one year: their emissions after levers and the electricity
/// that replaced their fuel.
#[derive(Debug, Clone, Default)]
pub(super) struct SourcesYear {
    /// Each source's emissions, t CO2e, in file order.
    pub emissions_t: Vec<f64>,
    /// Electricity used instead of their fuel, MWh.
    pub electricity_mwh: f64,
    /// The fuel that electricity replaced, MWh.
    pub replaced_fuel_mwh: ByCarrier,
}

impl SourcesYear {
    /// The sources' year under the levers.
    pub(super) fn new(sources: &[EmissionSource], levers: &Levers, year: i32) -> SourcesYear {
        let mut out = SourcesYear {
            emissions_t: Vec::with_capacity(sources.len()),
            electricity_mwh: 0.0,
            replaced_fuel_mwh: ByCarrier::default(),
        };
        for s in sources {
            let base_t = interpolate(&s.emissions_t, year);
            let share = s.lever.map_or(0.0, |l| levers.value(l, year));
            out.emissions_t.push(base_t * (1.0 - share));
            if share > 0.0 {
                let replaced_mwh = base_t / s.t_per_fuel_mwh * share;
                out.replaced_fuel_mwh[s.fuel] += replaced_mwh;
                out.electricity_mwh += replaced_mwh * s.electricity_per_fuel_mwh;
            }
        }
        out
    }

    /// The electricity as a flat load, MW.
    pub(super) fn electricity_mw(&self) -> f64 {
        self.electricity_mwh / HOURS as f64
    }
}

/// Landfill methane: the decomposable carbon still in the landfill, carried across years.
#[derive(Debug, Clone)]
pub(super) struct Landfill<'a> {
    params: &'a RawLandfill,
    /// Decomposable degradable organic carbon in the landfill at the end of the last year, t.
    decomposable_t: f64,
}

impl<'a> Landfill<'a> {
    /// The landfill at the start of the base year: its history deposited and decayed year by
    /// year from the history's first year.
    pub(super) fn new(params: &'a RawLandfill, base_year: i32) -> Landfill<'a> {
        let mut landfill = Landfill { params, decomposable_t: 0.0 };
        let history: Vec<(i32, f64)> = params.history.iter().map(|p| (p.year, p.t)).collect();
        let first = history.first().map_or(base_year, |p| p.0);
        for year in first..base_year {
            landfill.year(interpolate(&history, year) * params.history_doc_share);
        }
        landfill
    }

    /// Advances one year in which `deposited_doc_t` of degradable organic carbon is landfilled
    /// (it starts to decay the next year); returns the methane emitted, t CO2e.
    pub(super) fn year(&mut self, deposited_doc_t: f64) -> f64 {
        let p = self.params;
        let decomposed_t = self.decomposable_t * (1.0 - (-p.decay_rate_per_year).exp());
        self.decomposable_t +=
            deposited_doc_t * p.decomposable_share * p.methane_correction_factor - decomposed_t;
        let generated_ch4_t = decomposed_t * p.methane_fraction * CH4_PER_C;
        generated_ch4_t * (1.0 - p.recovery_share) * (1.0 - p.oxidation_share) * CH4_GWP100
    }
}

/// The modelled energy use's territorial emissions and the other sources, by inventory sector.
pub(super) fn inventory(
    scenario: &Scenario,
    final_mwh: &BySector<ByCarrier>,
    heat: &DistrictHeatYear,
    by_carrier_t: &ByCarrier,
    landfill_methane_t: f64,
    sources: &SourcesYear,
) -> ByInventorySector {
    let ef = &scenario.emission_factors;
    let (oil, bio) = (ef.oil_g_per_kwh / 1000.0, ef.bio_g_per_kwh / 1000.0);
    let in_buildings = |c: Carrier| Sector::BUILDINGS.iter().map(|s| final_mwh[*s][c]).sum::<f64>();
    let mut out = ByInventorySector::default();
    out[InventorySector::EnergySupply] = heat.input_mwh[Carrier::Oil] * oil
        + heat.input_mwh[Carrier::Bio] * bio
        + by_carrier_t[Carrier::Waste];
    out[InventorySector::Heating] = in_buildings(Carrier::Oil) * oil + in_buildings(Carrier::Bio) * bio;
    out[InventorySector::RoadTransport] = by_carrier_t[Carrier::Petrol] + by_carrier_t[Carrier::Diesel];
    out[InventorySector::WasteAndWastewater] = landfill_methane_t;
    for (s, t) in scenario.inventory.sources.iter().zip(&sources.emissions_t) {
        out[s.sector] += t;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::raw::RawDepositPoint;

    fn landfill(k: f64) -> RawLandfill {
        RawLandfill {
            history: vec![RawDepositPoint { year: 2000, t: 1000.0 }],
            history_doc_share: 0.2,
            decomposable_share: 0.5,
            methane_correction_factor: 1.0,
            methane_fraction: 0.5,
            decay_rate_per_year: k,
            recovery_share: 0.0,
            oxidation_share: 0.0,
        }
    }

    #[test]
    fn one_deposit_decays_by_first_order_and_emits_its_carbon_as_methane_once() {
        let params = landfill(0.1);
        let mut l = Landfill { params: &params, decomposable_t: 0.0 };
        // 100 t DOC deposited in year 0: 50 t decomposable, nothing decays in year 0.
        assert_eq!(l.year(100.0), 0.0);
        let first = l.year(0.0);
        let expected = 50.0 * (1.0 - (-0.1f64).exp()) * 0.5 * CH4_PER_C * CH4_GWP100;
        assert!((first - expected).abs() < 1e-9, "{first} vs {expected}");
        // Each later year emits e^-k of the year before.
        let second = l.year(0.0);
        assert!((second / first - (-0.1f64).exp()).abs() < 1e-12);
        // Over a long time all decomposable carbon leaves: 50 t C → 50 × 0.5 × 16/12 t CH4.
        let rest: f64 = (0..2000).map(|_| l.year(0.0)).sum();
        let total = first + second + rest;
        assert!((total - 50.0 * 0.5 * CH4_PER_C * CH4_GWP100).abs() < 1e-6);
    }

    #[test]
    fn history_builds_up_a_stock_that_emits_after_deposits_stop() {
        let params = RawLandfill {
            history: vec![
                RawDepositPoint { year: 1970, t: 10_000.0 },
                RawDepositPoint { year: 2008, t: 10_000.0 },
            ],
            recovery_share: 0.25,
            oxidation_share: 0.1,
            ..landfill(0.09)
        };
        let mut l = Landfill::new(&params, 2025);
        // Deposits stopped after 2008 (held constant to the base year here, so the stock is
        // near its steady state: decomposed ≈ deposited decomposable carbon).
        let emitted = l.year(0.0);
        let steady = 10_000.0 * 0.2 * 0.5 * 0.5 * CH4_PER_C * 0.75 * 0.9 * CH4_GWP100;
        assert!(emitted > 0.9 * steady && emitted < steady, "{emitted} vs {steady}");
    }
}
