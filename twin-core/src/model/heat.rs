//! Stage 3 of a year, district heat: the plant's units, in merit order, meet the network's
//! hourly demand left by the units before them; waste incinerators burn the year's waste evenly
//! and cool away what the network cannot take. The result is each unit's year and the network's
//! ([`DistrictHeatYear`]).

use super::Scratch;
use crate::catalogue::{ByCarrier, Carrier};
use crate::math::series::{maximum, sum};
use crate::outcome::{DistrictHeatYear, MaterialsYear, UnitYear};
use crate::prepare::weather::HOURS;
use crate::scenario::{Scenario, Unit, UnitKind};

/// A unit's fuel for the year (incinerators only; other units take what they need), MWh.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct UnitFuel {
    /// Energy of the fuel (LHV).
    pub(super) energy_mwh: f64,
    /// Its fossil part.
    pub(super) fossil_mwh: f64,
}

/// Each unit's fuel: an incinerator's own waste, plus for the one the materials model names the
/// waste that reaches local incineration this year.
pub(super) fn unit_fuel(scenario: &Scenario, materials: Option<&MaterialsYear>) -> Vec<UnitFuel> {
    let incinerator = scenario.materials.as_ref().and_then(|m| m.network.incinerator_unit);
    let units = &scenario.district_heating.units;
    units
        .iter()
        .enumerate()
        .map(|(i, u)| {
            if u.kind != UnitKind::WasteIncineration {
                return UnitFuel::default();
            }
            let own = u.waste_t_per_year * u.waste_lhv_mwh_per_t;
            let mut fuel = UnitFuel { energy_mwh: own, fossil_mwh: own * u.fossil_energy_share };
            if let Some(y) = materials
                && incinerator == Some(i)
            {
                fuel.energy_mwh += y.incinerated_energy_mwh;
                fuel.fossil_mwh += y.incinerated_fossil_mwh;
            }
            fuel
        })
        .collect()
}

/// Dispatches the units in merit order over the year: each takes what it can of
/// `scratch.remaining` (MW each hour), adding its electricity use or production to the scratch
/// series. Returns each unit's year and, if asked, its hourly heat.
pub(super) fn dispatch(
    units: &[Unit],
    fuel: &[UnitFuel],
    scratch: &mut Scratch,
    keep_hourly: bool,
) -> (Vec<UnitYear>, Vec<Vec<f64>>) {
    let mut unit_heat_mw = Vec::new();
    let mut unit_years = Vec::with_capacity(units.len());
    for (unit, fuel) in units.iter().zip(fuel) {
        let mut year = match unit.kind {
            UnitKind::WasteIncineration => burn_evenly(unit, fuel.energy_mwh, scratch),
            UnitKind::HeatPump => take_with_electricity(unit.heat_capacity_mw, 1.0 / unit.cop, scratch),
            UnitKind::ElectricBoiler => {
                take_with_electricity(unit.heat_capacity_mw, 1.0 / unit.efficiency, scratch)
            }
            UnitKind::BioBoiler | UnitKind::OilBoiler => take_fuel(unit, scratch),
        };
        year.peak_heat_mw = maximum(&scratch.unit_heat);
        if keep_hourly {
            unit_heat_mw.push(scratch.unit_heat.clone());
        }
        unit_years.push(year);
    }
    (unit_years, unit_heat_mw)
}

/// An incinerator burns its fuel evenly over the year, producing power in every hour and heat
/// up to its capacity; heat the network cannot take is cooled away.
fn burn_evenly(unit: &Unit, fuel_mwh: f64, scratch: &mut Scratch) -> UnitYear {
    let fuel = fuel_mwh / HOURS as f64;
    let available = (fuel * unit.efficiency).min(unit.heat_capacity_mw);
    let power = fuel * unit.electric_efficiency;
    let remaining = &mut scratch.remaining[..HOURS];
    let heat = &mut scratch.unit_heat[..HOURS];
    let chp = &mut scratch.chp[..HOURS];
    for h in 0..HOURS {
        let used = available.min(remaining[h]);
        remaining[h] -= used;
        heat[h] = used;
        chp[h] += power;
    }
    let heat_mwh = sum(&scratch.unit_heat);
    UnitYear {
        heat_mwh,
        input_mwh: fuel * HOURS as f64,
        electricity_mwh: power * HOURS as f64,
        dumped_heat_mwh: (available * HOURS as f64 - heat_mwh).max(0.0),
        peak_heat_mw: 0.0,
    }
}

/// A heat pump or electric boiler takes what it can up to its capacity, using
/// `electricity_per_heat` MWh of electricity per MWh of heat.
fn take_with_electricity(capacity_mw: f64, electricity_per_heat: f64, scratch: &mut Scratch) -> UnitYear {
    let remaining = &mut scratch.remaining[..HOURS];
    let heat = &mut scratch.unit_heat[..HOURS];
    let electricity = &mut scratch.dh_electricity[..HOURS];
    for h in 0..HOURS {
        let used = capacity_mw.min(remaining[h]);
        remaining[h] -= used;
        heat[h] = used;
        electricity[h] += used * electricity_per_heat;
    }
    let heat_mwh = sum(&scratch.unit_heat);
    UnitYear { heat_mwh, input_mwh: heat_mwh * electricity_per_heat, ..UnitYear::default() }
}

/// A bio or oil boiler takes what it can up to its capacity, burning fuel at its efficiency.
fn take_fuel(unit: &Unit, scratch: &mut Scratch) -> UnitYear {
    let remaining = &mut scratch.remaining[..HOURS];
    let heat = &mut scratch.unit_heat[..HOURS];
    for h in 0..HOURS {
        let used = unit.heat_capacity_mw.min(remaining[h]);
        remaining[h] -= used;
        heat[h] = used;
    }
    let heat_mwh = sum(&scratch.unit_heat);
    UnitYear { heat_mwh, input_mwh: heat_mwh / unit.efficiency, ..UnitYear::default() }
}

/// The carrier a unit's input is booked to.
pub(super) fn input_carrier(kind: UnitKind) -> Carrier {
    match kind {
        UnitKind::WasteIncineration => Carrier::Waste,
        UnitKind::HeatPump | UnitKind::ElectricBoiler => Carrier::Electricity,
        UnitKind::BioBoiler => Carrier::Bio,
        UnitKind::OilBoiler => Carrier::Oil,
    }
}

/// The network's year from the units' years and the hourly series the dispatch left.
pub(super) fn network_year(units: &[Unit], unit_years: Vec<UnitYear>, scratch: &Scratch) -> DistrictHeatYear {
    let mut input_mwh = ByCarrier::default();
    for (unit, uy) in units.iter().zip(&unit_years) {
        input_mwh[input_carrier(unit.kind)] += uy.input_mwh;
    }
    let delivered_mwh = sum(&scratch.delivered);
    DistrictHeatYear {
        input_mwh,
        delivered_mwh,
        loss_mwh: sum(&scratch.dh_demand) - delivered_mwh,
        unserved_mwh: sum(&scratch.remaining),
        waste_incineration_heat_mwh: units
            .iter()
            .zip(&unit_years)
            .filter(|(u, _)| u.kind == UnitKind::WasteIncineration)
            .map(|(_, uy)| uy.heat_mwh)
            .sum(),
        units: unit_years,
    }
}
