//! Stage 3 of a year, district heat: the plant's units, in merit order, meet the network's
//! hourly demand left by the units before them; waste incinerators burn the year's waste evenly
//! and cool away what the network cannot take. The result is each unit's year and the network's
//! ([`DistrictHeatYear`]).

use super::demand::{DemandQuad, HeatSums};
use crate::catalogue::{ByCarrier, Carrier};
use crate::math::quad::{BLOCK_QUADS, LANES, Quad};
use crate::math::series::{RunningMax, RunningSum};
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

/// What a unit does in every hour.
#[derive(Debug, Clone, Copy)]
enum Duty {
    /// An incinerator burns its fuel evenly over the year, producing `power_mw` in every hour
    /// and heat up to `available_mw`; heat the network cannot take is cooled away.
    BurnEvenly { available_mw: f64, power_mw: f64 },
    /// A heat pump or electric boiler takes what it can up to its capacity, using
    /// `electricity_per_heat` MWh of electricity per MWh of heat.
    TakeWithElectricity { capacity_mw: f64, electricity_per_heat: f64 },
    /// A bio or oil boiler takes what it can up to its capacity, burning fuel at its efficiency.
    TakeFuel { capacity_mw: f64 },
}

impl Duty {
    fn of(unit: &Unit, fuel: &UnitFuel) -> Duty {
        match unit.kind {
            UnitKind::WasteIncineration => {
                let fuel_mw = fuel.energy_mwh / HOURS as f64;
                Duty::BurnEvenly {
                    available_mw: (fuel_mw * unit.efficiency).min(unit.heat_capacity_mw),
                    power_mw: fuel_mw * unit.electric_efficiency,
                }
            }
            UnitKind::HeatPump => Duty::TakeWithElectricity {
                capacity_mw: unit.heat_capacity_mw,
                electricity_per_heat: 1.0 / unit.cop,
            },
            UnitKind::ElectricBoiler => Duty::TakeWithElectricity {
                capacity_mw: unit.heat_capacity_mw,
                electricity_per_heat: 1.0 / unit.efficiency,
            },
            UnitKind::BioBoiler | UnitKind::OilBoiler => {
                Duty::TakeFuel { capacity_mw: unit.heat_capacity_mw }
            }
        }
    }

    /// Runs this unit over a block's quads: it takes what it can of the heat each quad still
    /// leaves unserved, adds its electricity use or production to the quad's, and its heat to
    /// `totals`; each quad's heat goes into `kept` from `hour` where the year's hours are kept.
    #[inline(always)]
    fn run(
        self,
        plant: &mut [PlantQuad; BLOCK_QUADS],
        totals: &mut (RunningSum, RunningMax),
        kept: Option<&mut [f64]>,
        hour: usize,
    ) {
        match self {
            Duty::BurnEvenly { available_mw, power_mw } => {
                take(available_mw, plant, totals, kept, hour, |p, _| p.chp += Quad::splat(power_mw))
            }
            Duty::TakeWithElectricity { capacity_mw, electricity_per_heat } => {
                take(capacity_mw, plant, totals, kept, hour, |p, heat| {
                    p.electricity += heat * Quad::splat(electricity_per_heat)
                })
            }
            Duty::TakeFuel { capacity_mw } => take(capacity_mw, plant, totals, kept, hour, |_, _| {}),
        }
    }
}

/// A unit of `capacity_mw` over a block's quads: its heat is what it can take of each quad's
/// unserved heat, then `book` adds its electricity to the quad (see [`Duty::run`]).
#[inline(always)]
fn take(
    capacity_mw: f64,
    plant: &mut [PlantQuad; BLOCK_QUADS],
    totals: &mut (RunningSum, RunningMax),
    mut kept: Option<&mut [f64]>,
    hour: usize,
    book: impl Fn(&mut PlantQuad, Quad),
) {
    let capacity = Quad::splat(capacity_mw);
    let (mut sum, mut peak) = *totals;
    for (q, p) in plant.iter_mut().enumerate() {
        let heat = capacity.min(p.unserved);
        p.unserved -= heat;
        sum.add_quad(heat);
        peak.add_quad(heat);
        book(p, heat);
        if let Some(series) = kept.as_deref_mut() {
            heat.store(series, hour + q * LANES);
        }
    }
    *totals = (sum, peak);
}

/// Four hours of the plant, MW.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct PlantQuad {
    /// The plant's electricity use.
    pub(super) electricity: Quad,
    /// Incineration power.
    pub(super) chp: Quad,
    /// Heat the network needed and no unit could give.
    pub(super) unserved: Quad,
}

/// The plant's year, dispatched a block of hours at a time: the units in merit order, each
/// taking what it can of the heat the network still needs, and the running sums of its year.
pub(super) struct Plant<'a> {
    units: &'a [Unit],
    fuel: &'a [UnitFuel],
    duties: Vec<Duty>,
    /// Each unit's heat.
    heat: Vec<(RunningSum, RunningMax)>,
    unserved: RunningSum,
}

impl<'a> Plant<'a> {
    pub(super) fn new(units: &'a [Unit], fuel: &'a [UnitFuel]) -> Plant<'a> {
        Plant {
            units,
            fuel,
            duties: units.iter().zip(fuel).map(|(u, f)| Duty::of(u, f)).collect(),
            heat: vec![Default::default(); units.len()],
            unserved: RunningSum::default(),
        }
    }

    /// Dispatches the units over the block of hours from `hour` whose district heat `demand`
    /// gives, into `plant`: one unit after another over the block's quads, in merit order,
    /// writing each unit's heat into `unit_heat_mw` (one series a unit) where the year's hours
    /// are kept.
    #[inline(always)]
    pub(super) fn dispatch(
        &mut self,
        demand: &[DemandQuad; BLOCK_QUADS],
        hour: usize,
        mut unit_heat_mw: Option<&mut [Vec<f64>]>,
        plant: &mut [PlantQuad; BLOCK_QUADS],
    ) {
        for (p, d) in plant.iter_mut().zip(demand) {
            *p = PlantQuad { electricity: Quad::ZERO, chp: Quad::ZERO, unserved: d.plant };
        }
        for (u, (duty, totals)) in self.duties.iter().zip(&mut self.heat).enumerate() {
            let kept = unit_heat_mw.as_deref_mut().map(|series| &mut series[u][..]);
            duty.run(plant, totals, kept, hour);
        }
        let mut unserved = self.unserved;
        for p in plant.iter() {
            unserved.add_quad(p.unserved);
        }
        self.unserved = unserved;
    }

    /// The network's year and each unit's, once every hour is dispatched to meet `demand`.
    pub(super) fn finish(self, demand: &HeatSums) -> DistrictHeatYear {
        let hours = HOURS as f64;
        let mut input_mwh = ByCarrier::default();
        let mut unit_years = Vec::with_capacity(self.units.len());
        for (((unit, fuel), duty), (sum, peak)) in
            self.units.iter().zip(self.fuel).zip(&self.duties).zip(&self.heat)
        {
            let heat_mwh = sum.total();
            let year = match *duty {
                Duty::BurnEvenly { available_mw, power_mw } => UnitYear {
                    heat_mwh,
                    // The hourly burn times the hours, as the year has always been booked.
                    input_mwh: fuel.energy_mwh / hours * hours,
                    electricity_mwh: power_mw * hours,
                    dumped_heat_mwh: (available_mw * hours - heat_mwh).max(0.0),
                    peak_heat_mw: 0.0,
                },
                Duty::TakeWithElectricity { electricity_per_heat, .. } => {
                    UnitYear { heat_mwh, input_mwh: heat_mwh * electricity_per_heat, ..UnitYear::default() }
                }
                Duty::TakeFuel { .. } => {
                    UnitYear { heat_mwh, input_mwh: heat_mwh / unit.efficiency, ..UnitYear::default() }
                }
            };
            input_mwh[input_carrier(unit.kind)] += year.input_mwh;
            unit_years.push(UnitYear { peak_heat_mw: peak.total(), ..year });
        }
        let waste_incineration_heat_mwh = (self.units.iter().zip(&unit_years))
            .filter(|(u, _)| u.kind == UnitKind::WasteIncineration)
            .map(|(_, uy)| uy.heat_mwh)
            .sum();
        let delivered_mwh = demand.delivered.total();
        DistrictHeatYear {
            input_mwh,
            delivered_mwh,
            loss_mwh: demand.needed.total() - delivered_mwh,
            unserved_mwh: self.unserved.total(),
            waste_incineration_heat_mwh,
            units: unit_years,
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn once_the_demand_is_met_the_units_after_it_take_nothing_and_their_kept_hours_are_zero() {
        // Bærum's units in merit order: heat pumps (18 MW), electric boilers, bio, oil.
        let scenario = Scenario::shipped("baerum");
        let units = &scenario.district_heating.units;
        let fuel = vec![UnitFuel::default(); units.len()];
        let mut plant = Plant::new(units, &fuel);
        let demand = [DemandQuad { plant: Quad::splat(5.0), ..DemandQuad::default() }; BLOCK_QUADS];
        // Another year's hours in the kept series, as when the series are reused.
        let mut kept = vec![vec![7.0; HOURS]; units.len()];
        let mut block = [PlantQuad::default(); BLOCK_QUADS];
        plant.dispatch(&demand, 24, Some(&mut kept), &mut block);
        let day = 24..48;
        assert!(kept[0][day.clone()].iter().all(|mw| *mw == 5.0), "the heat pumps meet the demand");
        assert!(kept[1..].iter().all(|s| s[day.clone()].iter().all(|mw| *mw == 0.0)), "the others rest");
        assert!(kept.iter().all(|s| s[..24] == [7.0; 24]), "other hours are left alone");
        let heat_pumps_mw = Quad::splat(5.0 * (1.0 / 3.0));
        assert!(
            block.iter().all(|p| p.unserved == Quad::ZERO && p.electricity == heat_pumps_mw),
            "all met, with the heat pumps' electricity at COP 3 and none from the boilers"
        );
        let year = plant.finish(&HeatSums::default());
        let heat_mwh: Vec<f64> = year.units.iter().map(|u| u.heat_mwh).collect();
        assert_eq!(heat_mwh, [120.0, 0.0, 0.0, 0.0]);
    }
}
