//! Stage 3 of a year, district heat: the plant's units, in merit order, meet the network's
//! hourly demand left by the units before them; waste incinerators burn the year's waste evenly
//! and cool away what the network cannot take. The result is each unit's year and the network's
//! ([`DistrictHeatYear`]).

use super::demand::DemandQuad;
use crate::catalogue::{ByCarrier, Carrier};
use crate::math::quad::Quad;
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

    /// The heat this unit takes of `remaining` in four hours (taken off `remaining`), adding its
    /// electricity use or production to `electricity` or `chp`.
    #[inline(always)]
    fn run(self, remaining: &mut Quad, electricity: &mut Quad, chp: &mut Quad) -> Quad {
        let capacity_mw = match self {
            Duty::BurnEvenly { available_mw, .. } => available_mw,
            Duty::TakeWithElectricity { capacity_mw, .. } | Duty::TakeFuel { capacity_mw } => capacity_mw,
        };
        let used = Quad::splat(capacity_mw).min(*remaining);
        *remaining -= used;
        match self {
            Duty::BurnEvenly { power_mw, .. } => *chp += Quad::splat(power_mw),
            Duty::TakeWithElectricity { electricity_per_heat, .. } => {
                *electricity += used * Quad::splat(electricity_per_heat)
            }
            Duty::TakeFuel { .. } => {}
        }
        used
    }
}

/// Four hours of the plant, MW.
#[derive(Debug, Clone, Copy)]
pub(super) struct PlantQuad {
    /// The plant's electricity use.
    pub(super) electricity: Quad,
    /// Incineration power.
    pub(super) chp: Quad,
    /// Heat the network needed and no unit could give.
    pub(super) unserved: Quad,
}

/// The plant's year, dispatched four hours at a time: the units in merit order, each taking
/// what it can of the heat the network still needs, and the running sums of its year.
pub(super) struct Plant<'a> {
    units: &'a [Unit],
    fuel: &'a [UnitFuel],
    duties: Vec<Duty>,
    /// Each unit's heat.
    heat: Vec<(RunningSum, RunningMax)>,
    delivered: RunningSum,
    demand: RunningSum,
    unserved: RunningSum,
}

impl<'a> Plant<'a> {
    pub(super) fn new(units: &'a [Unit], fuel: &'a [UnitFuel]) -> Plant<'a> {
        Plant {
            units,
            fuel,
            duties: units.iter().zip(fuel).map(|(u, f)| Duty::of(u, f)).collect(),
            heat: vec![Default::default(); units.len()],
            delivered: RunningSum::default(),
            demand: RunningSum::default(),
            unserved: RunningSum::default(),
        }
    }

    /// Dispatches the units over the four hours from `hour` whose district heat `demand` gives,
    /// writing each unit's heat into `unit_heat_mw` (one series a unit) where the year's hours
    /// are kept.
    #[inline(always)]
    pub(super) fn dispatch(
        &mut self,
        demand: &DemandQuad,
        hour: usize,
        mut unit_heat_mw: Option<&mut [Vec<f64>]>,
    ) -> PlantQuad {
        let mut remaining = demand.plant;
        let (mut electricity, mut chp) = (Quad::ZERO, Quad::ZERO);
        for (u, (duty, (sum, peak))) in self.duties.iter().zip(&mut self.heat).enumerate() {
            let heat = duty.run(&mut remaining, &mut electricity, &mut chp);
            sum.add_quad(heat);
            peak.add_quad(heat);
            if let Some(series) = unit_heat_mw.as_deref_mut() {
                heat.store(&mut series[u], hour);
            }
        }
        self.delivered.add_quad(demand.delivered);
        self.demand.add_quad(demand.plant);
        self.unserved.add_quad(remaining);
        PlantQuad { electricity, chp, unserved: remaining }
    }

    /// The network's year and each unit's, once every hour is dispatched.
    pub(super) fn finish(self) -> DistrictHeatYear {
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
        let delivered_mwh = self.delivered.total();
        DistrictHeatYear {
            input_mwh,
            delivered_mwh,
            loss_mwh: self.demand.total() - delivered_mwh,
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
