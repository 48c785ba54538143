//! The energy model: for every year from base to end, the state of buildings, heating systems,
//! PV and cars under the levers, then an hour-by-hour balance of electricity and district heat
//! (8760 hours) with merit-order dispatch of the district-heating plant and the grid's import,
//! export and peak.
//!
//! A year runs as stages, each in its own module with a typed result in [`crate::outcome`]:
//!
//! 1. `demand`: levers → buildings, cars and PV in every district, and the
//!    hourly demand for electricity and district heat;
//! 2. [`materials`]: waste flows and the building stock's materials ([`MaterialsYear`]); the
//!    waste burnt locally fuels the incinerator;
//! 3. `heat`: merit-order dispatch of the heat plant ([`DistrictHeatYear`]);
//! 4. `grid`: the hourly electricity balance with the grid ([`GridYear`]);
//! 5. `accounting`: final energy, emissions by carrier, sector and district,
//!    renewable energy;
//! 6. `household`: an average household's energy bill ([`HouseholdCost`]);
//! 7. `inventory`: the territorial inventory in nine sectors: the model's parts, the scenario's
//!    other sources after their levers (whose electricity joins the grid before stage 4), and
//!    landfill methane by first-order decay carried from year to year.
//!
//! The hourly stages (the hourly part of 1, then 3 and 4) run over the year a day at a time
//! ([`BLOCK_HOURS`]), four hours to a value
//! ([`Quad`](crate::math::quad::Quad)): demand fills the day's quads, then the plant's units take
//! them one unit after another in merit order, then the grid balances them. The day stays in the
//! CPU's nearest cache, and each stage keeps its running sums in registers over it; no stage
//! writes an hourly series unless the year's hours are kept for the outcome. Every yearly sum
//! adds its hours in the same order as a sum over the whole series would, so the day's blocks
//! change no result.
//!
//! `run` is a pure function of (scenario, levers, prepared site data): no global state, no
//! threads, no hash maps, so the same inputs give bit-identical outcomes. Invariants (tested in
//! `tests/balance.rs`): no flow is negative in any hour; the network loses its share of what the
//! plant sends out; the plant runs in merit order within its units' capacities; a year's figures
//! add up from its hours, districts and sectors; the base year matches a recomputation from the
//! scenario's numbers.
//!
//! [`MaterialsYear`]: crate::outcome::MaterialsYear
//! [`DistrictHeatYear`]: crate::outcome::DistrictHeatYear
//! [`GridYear`]: crate::outcome::GridYear
//! [`HouseholdCost`]: crate::outcome::HouseholdCost

mod accounting;
mod demand;
mod grid;
mod heat;
mod household;
mod inventory;
pub mod materials;

use crate::catalogue::Sector;
use crate::catalogue::levers::Levers;
use crate::math::quad::{BLOCK_HOURS, BLOCK_QUADS, LANES};
use crate::outcome::{
    DistrictHeatYear, EnergyYear, GridYear, HourlyYear, NonFinite, Outcome, TransportYear, YearResult,
};
use crate::prepare::Prepared;
use crate::prepare::routes::MaterialRoutes;
use crate::prepare::weather::HOURS;
use crate::scenario::Scenario;

use demand::DemandQuad;
use grid::GridQuad;
use heat::PlantQuad;

pub use accounting::electricity_factor_g_per_kwh;
pub use demand::{DIESEL_KWH_PER_L, PETROL_KWH_PER_L};
pub use inventory::CH4_GWP100;

/// Which years' hourly series to keep in the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum HourlyYears {
    /// None (fastest).
    #[default]
    None,
    /// Every simulated year.
    All,
    /// These years (others are ignored).
    These(Vec<i32>),
}

impl HourlyYears {
    fn wants(&self, year: i32) -> bool {
        match self {
            HourlyYears::None => false,
            HourlyYears::All => true,
            HourlyYears::These(years) => years.contains(&year),
        }
    }
}

/// Options of a run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RunOptions {
    /// Years whose hourly series are kept.
    pub hourly_years: HourlyYears,
}

/// Runs a scenario with its own levers, preparing the site data first (a "cold" run).
///
/// ```
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron")).unwrap();
/// let scenario = twin_core::Scenario::from_str_named(&text, "baerum.ron".as_ref()).unwrap();
/// let outcome = twin_core::simulate(&scenario).unwrap();
/// assert_eq!(outcome.years.len(), scenario.year_count());
/// assert!(outcome.years[0].grid.peak_mw > 0.0);
/// ```
pub fn simulate(scenario: &Scenario) -> Result<Outcome, NonFinite> {
    let prepared = Prepared::new(scenario);
    run(scenario, &scenario.levers, &prepared, &RunOptions::default())
}

/// A year's hourly series, for the outcome of a year whose hours are kept (MW in each hour);
/// made once in a run and reused from year to year.
struct Scratch {
    /// All buildings' electricity.
    building: Vec<f64>,
    /// EV charging.
    ev: Vec<f64>,
    /// District heat delivered to buildings.
    delivered: Vec<f64>,
    /// District heat needed at the plant (delivered + loss).
    dh_demand: Vec<f64>,
    /// District heat not met.
    unserved: Vec<f64>,
    /// The heat plant's electricity use.
    dh_electricity: Vec<f64>,
    /// Incineration power.
    chp: Vec<f64>,
    /// Each district-heating unit's heat.
    unit_heat: Vec<Vec<f64>>,
    /// Rooftop PV.
    pv: Vec<f64>,
    /// Grid import.
    import: Vec<f64>,
    /// Grid export.
    export: Vec<f64>,
}

impl Scratch {
    fn new(unit_count: usize) -> Scratch {
        let v = || vec![0.0; HOURS];
        Scratch {
            building: v(),
            ev: v(),
            delivered: v(),
            dh_demand: v(),
            unserved: v(),
            dh_electricity: v(),
            chp: v(),
            unit_heat: (0..unit_count).map(|_| v()).collect(),
            pv: v(),
            import: v(),
            export: v(),
        }
    }

    /// Keeps the block of hours from `hour` (the units' heat the plant has kept itself).
    fn store(&mut self, hour: usize, block: &Block) {
        for (q, ((demand, plant), grid)) in block.demand.iter().zip(&block.plant).zip(&block.grid).enumerate()
        {
            let hour = hour + q * LANES;
            demand.building.store(&mut self.building, hour);
            demand.ev.store(&mut self.ev, hour);
            demand.delivered.store(&mut self.delivered, hour);
            demand.plant.store(&mut self.dh_demand, hour);
            plant.unserved.store(&mut self.unserved, hour);
            plant.electricity.store(&mut self.dh_electricity, hour);
            plant.chp.store(&mut self.chp, hour);
            grid.pv.store(&mut self.pv, hour);
            grid.import.store(&mut self.import, hour);
            grid.export.store(&mut self.export, hour);
        }
    }

    /// The year's hourly series, for the outcome.
    fn hourly_year(&self, year: i32, prepared: &Prepared, other_electricity_mw: f64) -> HourlyYear {
        HourlyYear {
            year,
            temperature_c: prepared.temperature_c.clone(),
            building_electricity_mw: self.building.clone(),
            ev_charging_mw: self.ev.clone(),
            district_heating_electricity_mw: self.dh_electricity.clone(),
            pv_mw: self.pv.clone(),
            chp_electricity_mw: self.chp.clone(),
            grid_import_mw: self.import.clone(),
            grid_export_mw: self.export.clone(),
            district_heat_demand_mw: self.dh_demand.clone(),
            district_heat_delivered_mw: self.delivered.clone(),
            district_heat_loss_mw: self.dh_demand.iter().zip(&self.delivered).map(|(d, x)| d - x).collect(),
            unit_heat_mw: self.unit_heat.clone(),
            district_heat_unserved_mw: self.unserved.clone(),
            other_electricity_mw,
        }
    }
}

/// Runs the model for every year with the given levers and prepared site data.
///
/// The outcome is checked before it is returned: a NaN or an infinity anywhere is an error that
/// names the quantity, the year and the inputs that feed it ([`NonFinite`]).
pub fn run(
    scenario: &Scenario,
    levers: &Levers,
    prepared: &Prepared,
    options: &RunOptions,
) -> Result<Outcome, NonFinite> {
    let outcome = run_years(scenario, levers, prepared, options);
    outcome.check_finite()?;
    Ok(outcome)
}

/// The years of a run, unchecked.
fn run_years(scenario: &Scenario, levers: &Levers, prepared: &Prepared, options: &RunOptions) -> Outcome {
    let mut scratch = None;
    let mut carried = demand::Carried::new(scenario);
    let mut landfill =
        scenario.inventory.landfill.as_ref().map(|l| inventory::Landfill::new(l, scenario.base_year));
    let mut years = Vec::with_capacity(scenario.year_count());
    let mut hourly = Vec::new();
    let material_routes = materials::routes(scenario, prepared);
    for year in scenario.base_year..=scenario.end_year {
        carried.advance(levers, year, scenario.base_year);
        let run = YearRun { scenario, levers, prepared, material_routes: &material_routes, year };
        let kept = options.hourly_years.wants(year).then(|| {
            &mut *scratch.get_or_insert_with(|| Scratch::new(scenario.district_heating.units.len()))
        });
        let (result, series) = run.stages(&carried, landfill.as_mut(), kept);
        years.push(result);
        hourly.extend(series);
    }
    Outcome {
        scenario: scenario.name.clone(),
        district_names: scenario.districts.iter().map(|d| d.name.clone()).collect(),
        district_codes: scenario.districts.iter().map(|d| d.code.clone()).collect(),
        unit_names: scenario.district_heating.units.iter().map(|u| u.name.clone()).collect(),
        years,
        hourly,
        targets: scenario.targets.clone(),
    }
}

/// What one year's stages read.
struct YearRun<'a> {
    scenario: &'a Scenario,
    levers: &'a Levers,
    prepared: &'a Prepared,
    /// The routes of the materials' flows (the prepared ones, or the scenario's own).
    material_routes: &'a MaterialRoutes,
    year: i32,
}

impl YearRun<'_> {
    /// The hourly stages, a day at a time: demand, the heat plant's dispatch, the grid
    /// balance; the hours kept in `kept` if given.
    fn hourly_stages(
        &self,
        state: &demand::YearState,
        fuel: &[heat::UnitFuel],
        other_mw: f64,
        kept: Option<&mut Scratch>,
    ) -> (DistrictHeatYear, GridYear) {
        let (scenario, prepared) = (self.scenario, self.prepared);
        let demand = demand::HourlyDemand::new(state, scenario, prepared);
        let mut plant = heat::Plant::new(&scenario.district_heating.units, fuel);
        let mut balance =
            grid::Balance::new(prepared, state.pv_kwp, other_mw, scenario.grid.import_capacity_mw);
        let heat_demand = run_hours(&demand, &mut plant, &mut balance, kept);
        (plant.finish(&heat_demand), balance.finish())
    }

    /// Runs the year's stages in order; the hourly series too if `kept` is given.
    fn stages(
        &self,
        carried: &demand::Carried,
        landfill: Option<&mut inventory::Landfill>,
        mut kept: Option<&mut Scratch>,
    ) -> (YearResult, Option<HourlyYear>) {
        let (scenario, prepared) = (self.scenario, self.prepared);
        let population = scenario.population_in(self.year);
        let state = demand::YearState::new(scenario, self.levers, prepared, self.year, carried);
        let materials =
            materials::year(scenario, self.levers, prepared, self.material_routes, self.year, population);
        let fuel = heat::unit_fuel(scenario, materials.as_ref());
        let sources = inventory::SourcesYear::new(&scenario.inventory.sources, self.levers, self.year);
        let other_mw = sources.electricity_mw();
        let (heat, grid) = self.hourly_stages(&state, &fuel, other_mw, kept.as_deref_mut());
        let series = kept.map(|k| k.hourly_year(self.year, prepared, other_mw));
        let waste_fossil_mwh: f64 = fuel.iter().map(|f| f.fossil_mwh).sum();
        let final_mwh = accounting::final_energy(&state, prepared, scenario, sources.electricity_mwh);
        let (mut emissions, allocation) =
            accounting::emissions(scenario, &final_mwh, &heat, waste_fossil_mwh, &grid);
        let deposited_doc_t = materials.as_ref().map_or(0.0, |m| m.landfilled_doc_t);
        emissions.landfill_methane_t = landfill.map_or(0.0, |l| l.year(deposited_doc_t));
        emissions.inventory_t = inventory::inventory(
            scenario,
            &final_mwh,
            &heat,
            &emissions.by_carrier_t,
            emissions.landfill_methane_t,
            &sources,
        );
        emissions.sources_t = sources.emissions_t;
        let households = population / scenario.persons_per_household;
        let household_cost = household::household_cost(
            &scenario.costs,
            households,
            &final_mwh[Sector::Residential],
            &state.cars,
            &grid.monthly_household_peak_mw,
        );
        let result = YearResult {
            year: self.year,
            population,
            households,
            buildings: accounting::buildings_year(&state, prepared, scenario),
            transport: transport_year(&state),
            districts: accounting::districts(&state, prepared, scenario, &allocation),
            energy: EnergyYear {
                replaced_fuel_mwh: sources.replaced_fuel_mwh,
                ..accounting::energy_year(scenario, final_mwh, &heat, waste_fossil_mwh, &grid)
            },
            heat,
            grid,
            emissions,
            household_cost,
            lever_stock: state.lever_stock,
            materials,
        };
        (result, series)
    }
}

/// Runs every hour of the year through the stages, a day at a time, keeping them in `kept` if
/// given. Compiled twice: for any x86-64 (SSE2, two lanes a vector) and for CPUs with AVX2 (four
/// lanes, a quad in one register), chosen when called. Both do the same IEEE operations in the
/// same order (Rust never fuses a multiply and an add), so they give bit-identical results.
#[multiversion::multiversion(targets("x86_64+avx2"))]
fn run_hours(
    demand: &demand::HourlyDemand,
    plant: &mut heat::Plant,
    balance: &mut grid::Balance,
    kept: Option<&mut Scratch>,
) -> demand::HeatSums {
    hours(demand, plant, balance, kept)
}

/// The loop of [`run_hours`], compiled into each of its versions.
#[inline(always)]
fn hours(
    demand: &demand::HourlyDemand,
    plant: &mut heat::Plant,
    balance: &mut grid::Balance,
    mut kept: Option<&mut Scratch>,
) -> demand::HeatSums {
    let (mut block, mut heat_demand) = (Block::default(), demand::HeatSums::default());
    for hour in (0..HOURS).step_by(BLOCK_HOURS) {
        demand.fill(hour, &mut block.demand, &mut heat_demand);
        plant.dispatch(
            &block.demand,
            hour,
            kept.as_deref_mut().map(|k| &mut k.unit_heat[..]),
            &mut block.plant,
        );
        balance.add(hour, &block.demand, &block.plant, &mut block.grid);
        if let Some(kept) = kept.as_deref_mut() {
            kept.store(hour, &block);
        }
    }
    heat_demand
}

// A year is whole blocks.
const _: () = assert!(HOURS.is_multiple_of(BLOCK_HOURS));

/// A block of hours as each hourly stage leaves it, a quad at a time.
struct Block {
    demand: [DemandQuad; BLOCK_QUADS],
    plant: [PlantQuad; BLOCK_QUADS],
    grid: [GridQuad; BLOCK_QUADS],
}

impl Default for Block {
    fn default() -> Block {
        Block {
            demand: [DemandQuad::default(); BLOCK_QUADS],
            plant: [PlantQuad::default(); BLOCK_QUADS],
            grid: [GridQuad::default(); BLOCK_QUADS],
        }
    }
}

/// The cars' year.
fn transport_year(state: &demand::YearState) -> TransportYear {
    TransportYear {
        cars: state.car_count,
        ev_share: if state.car_count > 0.0 { state.ev_count / state.car_count } else { 0.0 },
        ev_charging_mwh: state.cars.ev_mwh,
        smart_charging_share: state.levers.smart_charging_share,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The year 2040 of Bærum's hourly stages, run by `run` (kept hour by hour): the plant's
    /// year, the grid's year and every kept series, written out exactly.
    fn hourly_year_by(
        run: fn(
            &demand::HourlyDemand,
            &mut heat::Plant,
            &mut grid::Balance,
            Option<&mut Scratch>,
        ) -> demand::HeatSums,
    ) -> String {
        let scenario = Scenario::shipped("baerum");
        let (prepared, levers, year) = (Prepared::new(&scenario), scenario.levers, 2040);
        let mut carried = demand::Carried::new(&scenario);
        (scenario.base_year..=year).for_each(|y| carried.advance(&levers, y, scenario.base_year));
        let state = demand::YearState::new(&scenario, &levers, &prepared, year, &carried);
        let population = scenario.population_in(year);
        let routes = materials::routes(&scenario, &prepared);
        let materials = materials::year(&scenario, &levers, &prepared, &routes, year, population);
        let fuel = heat::unit_fuel(&scenario, materials.as_ref());
        let demand = demand::HourlyDemand::new(&state, &scenario, &prepared);
        let mut plant = heat::Plant::new(&scenario.district_heating.units, &fuel);
        let mut balance = grid::Balance::new(&prepared, state.pv_kwp, 1.5, scenario.grid.import_capacity_mw);
        let mut kept = Scratch::new(scenario.district_heating.units.len());
        let heat_demand = run(&demand, &mut plant, &mut balance, Some(&mut kept));
        let series = kept.hourly_year(year, &prepared, 1.5);
        format!("{:?}\n{:?}\n{series:?}", plant.finish(&heat_demand), balance.finish())
    }

    #[test]
    fn the_hours_compiled_for_wide_vectors_agree_bit_for_bit_with_the_portable_ones() {
        // `run_hours` takes the AVX2 version where the CPU has it; `hours` called here is
        // compiled for the baseline x86-64 (or whatever the target is).
        let (chosen, portable) = (hourly_year_by(run_hours), hourly_year_by(hours));
        assert!(chosen.contains("peak_mw") && chosen.len() > 100_000, "the whole year is compared");
        assert!(chosen == portable, "the two versions differ");
    }
}
