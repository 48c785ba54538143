//! The energy model: for every year from base to end, the state of buildings, heating systems,
//! PV and cars under the levers, then an hour-by-hour balance of electricity and district heat
//! (8760 hours) with merit-order dispatch of the district-heating plant and the grid's import,
//! export and peak.
//!
//! `run` is a pure function of (scenario, levers, prepared site data): no global state, no
//! threads, no hash maps, so the same inputs give bit-identical outcomes. Invariants (tested):
//! in every hour, electricity import + PV + incineration power = demand + export, and district
//! heat from the units + unserved = delivered + network loss; no flow is negative.

pub mod materials;

use crate::catalogue::levers::{LeverId, Levers};
use crate::catalogue::{ByCarrier, Carrier, HeatingSystem, Sector};
use crate::outcome::{
    DistrictYear, HourlyYear, HouseholdCost, LeverStock, NonFinite, Outcome, UnitYear, YearResult,
};
use crate::prepare::weather::HOURS;
use crate::prepare::{ELECTRIC_SYSTEMS, Prepared};
use crate::scenario::{EmissionConvention, HeatingShares, Scenario, UnitKind};

/// Energy content of petrol, kWh per litre (Miljødirektoratet).
pub const PETROL_KWH_PER_L: f64 = 9.024;
/// Energy content of diesel, kWh per litre (Miljødirektoratet).
pub const DIESEL_KWH_PER_L: f64 = 10.056;

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
/// assert!(outcome.years[0].grid_peak_mw > 0.0);
/// ```
pub fn simulate(scenario: &Scenario) -> Result<Outcome, NonFinite> {
    let prepared = Prepared::new(scenario);
    run(scenario, &scenario.levers, &prepared, &RunOptions::default())
}

/// Converges a district's share towards a municipal lever value: if the municipal value rises
/// from `base_m` to `value_m`, each district closes the same fraction of its gap to 1; if it
/// falls, each district's share scales down in proportion.
fn converge(base_d: f64, base_m: f64, value_m: f64) -> f64 {
    let v = if value_m >= base_m {
        if base_m >= 1.0 { base_d } else { base_d + (1.0 - base_d) * (value_m - base_m) / (1.0 - base_m) }
    } else if base_m <= 0.0 {
        0.0
    } else {
        base_d * value_m / base_m
    };
    v.clamp(0.0, 1.0)
}

/// Heating shares of existing buildings in a year after the levers' conversions.
fn adjusted_shares(
    base: &HeatingShares,
    oil_remaining: f64,
    dh_expansion: f64,
    heat_pump_programme: f64,
) -> [f64; 7] {
    use HeatingSystem as H;
    let mut s = base.0;
    let moved_oil = s[H::Oil as usize] * (1.0 - oil_remaining);
    s[H::Oil as usize] -= moved_oil;
    s[H::AirToWaterHeatPump as usize] += moved_oil;

    let direct_base = s[H::DirectElectric as usize];
    let from_direct = dh_expansion.min(s[H::DirectElectric as usize]);
    s[H::DirectElectric as usize] -= from_direct;
    let from_air_air = (dh_expansion - from_direct).min(s[H::AirToAirHeatPump as usize]);
    s[H::AirToAirHeatPump as usize] -= from_air_air;
    s[H::DistrictHeating as usize] += from_direct + from_air_air;

    let to_heat_pump = (heat_pump_programme * direct_base).min(s[H::DirectElectric as usize]);
    s[H::DirectElectric as usize] -= to_heat_pump;
    s[H::AirToWaterHeatPump as usize] += to_heat_pump;
    s
}

/// Sum of a series with four interleaved partial sums (faster than one serial chain; the
/// order of additions is fixed, so results stay bit-identical from run to run).
fn sum(values: &[f64]) -> f64 {
    let mut lanes = [0.0; 4];
    let chunks = values.chunks_exact(4);
    let rest: f64 = chunks.remainder().iter().sum();
    for c in chunks {
        for (lane, x) in lanes.iter_mut().zip(c) {
            *lane += x;
        }
    }
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + rest
}

/// Largest value of a series (0 for an empty one; values are never negative).
fn maximum(values: &[f64]) -> f64 {
    let mut lanes = [0.0f64; 4];
    let chunks = values.chunks_exact(4);
    let rest = chunks.remainder().iter().fold(0.0f64, |m, x| m.max(*x));
    for c in chunks {
        for (lane, x) in lanes.iter_mut().zip(c) {
            *lane = lane.max(*x);
        }
    }
    lanes.iter().fold(rest, |m, x| m.max(*x))
}

/// For each month of the 365-day year: the mean of the three highest daily peaks of
/// households' load (buildings + EV charging), MW.
fn monthly_peaks(residential: &[f64], ev: &[f64]) -> [f64; 12] {
    let mut out = [0.0; 12];
    let mut day = 0usize;
    for (month, days) in [31usize, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].into_iter().enumerate() {
        let mut daily: Vec<f64> = (day..day + days)
            .map(|d| (d * 24..d * 24 + 24).map(|h| residential[h] + ev[h]).fold(0.0, f64::max))
            .collect();
        daily.sort_by(|a, b| b.total_cmp(a));
        out[month] = daily.iter().take(3).sum::<f64>() / 3.0;
        day += days;
    }
    out
}

/// Dispatches the district-heating units in merit order over the year: each unit takes what it
/// can of `scratch.remaining` (MW each hour), adding its electricity use or production to the
/// scratch series. Returns each unit's year and, if asked, its hourly heat.
fn dispatch(
    units: &[crate::scenario::Unit],
    unit_fuel: &[(f64, f64)],
    scratch: &mut Scratch,
    keep_hourly: bool,
) -> (Vec<UnitYear>, Vec<Vec<f64>>) {
    let mut unit_heat_series = Vec::new();
    let mut unit_years = Vec::with_capacity(units.len());
    for (unit, (fuel_mwh, _)) in units.iter().zip(unit_fuel) {
        let heat_sum;
        let capacity = unit.heat_capacity_mw;
        let (input_sum, power_sum, dumped_sum) = match unit.kind {
            UnitKind::WasteIncineration => {
                // Burns its fuel evenly over the year.
                let fuel = fuel_mwh / HOURS as f64;
                let available = (fuel * unit.efficiency).min(capacity);
                let power = fuel * unit.electric_efficiency;
                let (remaining, heat, chp) = (
                    &mut scratch.remaining[..HOURS],
                    &mut scratch.unit_heat[..HOURS],
                    &mut scratch.chp[..HOURS],
                );
                for h in 0..HOURS {
                    let used = available.min(remaining[h]);
                    remaining[h] -= used;
                    heat[h] = used;
                    chp[h] += power;
                }
                heat_sum = sum(&scratch.unit_heat);
                (fuel * HOURS as f64, power * HOURS as f64, available * HOURS as f64 - heat_sum)
            }
            UnitKind::HeatPump | UnitKind::ElectricBoiler => {
                let per_heat =
                    if unit.kind == UnitKind::HeatPump { 1.0 / unit.cop } else { 1.0 / unit.efficiency };
                let (remaining, heat, electricity) = (
                    &mut scratch.remaining[..HOURS],
                    &mut scratch.unit_heat[..HOURS],
                    &mut scratch.dh_electricity[..HOURS],
                );
                for h in 0..HOURS {
                    let used = capacity.min(remaining[h]);
                    remaining[h] -= used;
                    heat[h] = used;
                    electricity[h] += used * per_heat;
                }
                heat_sum = sum(&scratch.unit_heat);
                (heat_sum * per_heat, 0.0, 0.0)
            }
            UnitKind::BioBoiler | UnitKind::OilBoiler => {
                let (remaining, heat) = (&mut scratch.remaining[..HOURS], &mut scratch.unit_heat[..HOURS]);
                for h in 0..HOURS {
                    let used = capacity.min(remaining[h]);
                    remaining[h] -= used;
                    heat[h] = used;
                }
                heat_sum = sum(&scratch.unit_heat);
                (heat_sum / unit.efficiency, 0.0, 0.0)
            }
        };
        let peak = maximum(&scratch.unit_heat);
        if keep_hourly {
            unit_heat_series.push(scratch.unit_heat.clone());
        }
        unit_years.push(UnitYear {
            heat_mwh: heat_sum,
            input_mwh: input_sum,
            electricity_mwh: power_sum,
            dumped_heat_mwh: dumped_sum.max(0.0),
            peak_heat_mw: peak,
        });
    }
    (unit_years, unit_heat_series)
}

/// Yearly energy cost of an average household: home energy at carrier prices, the capacity
/// element of the grid tariff month by month, EV charging and car fuel (`cars_mwh` = EV
/// charging, petrol, diesel for all households), NOK per household.
fn household_cost(
    costs: &crate::scenario::Costs,
    households: f64,
    home: &ByCarrier,
    cars_mwh: [f64; 3],
    monthly_peak_mw: &[f64; 12],
) -> HouseholdCost {
    if households <= 0.0 {
        return HouseholdCost::default();
    }
    let kwh = |mwh: f64| mwh * 1000.0 / households;
    let capacity_nok: f64 = monthly_peak_mw
        .iter()
        .map(|peak_mw| {
            let kw = peak_mw * 1000.0 / households * costs.household_peak_factor;
            costs.capacity_steps.iter().find(|(limit, _)| kw <= *limit).map_or_else(
                || costs.capacity_steps.last().map_or(0.0, |(_, price)| *price),
                |(_, price)| *price,
            )
        })
        .sum();
    let [ev_mwh, petrol_mwh, diesel_mwh] = cars_mwh;
    HouseholdCost {
        home_energy_nok: kwh(home[Carrier::Electricity as usize]) * costs.electricity_nok_per_kwh
            + kwh(home[Carrier::DistrictHeat as usize]) * costs.district_heat_nok_per_kwh
            + kwh(home[Carrier::Bio as usize]) * costs.bio_nok_per_kwh
            + kwh(home[Carrier::Oil as usize]) * costs.oil_nok_per_kwh,
        capacity_nok,
        ev_charging_nok: kwh(ev_mwh) * costs.electricity_nok_per_kwh,
        car_fuel_nok: kwh(petrol_mwh) * costs.petrol_nok_per_kwh + kwh(diesel_mwh) * costs.diesel_nok_per_kwh,
    }
}

/// A year's electricity totals, MWh.
struct GridYear {
    import_mwh: f64,
    export_mwh: f64,
    pv_mwh: f64,
    chp_mwh: f64,
    demand_mwh: f64,
}

/// Final energy from renewable sources, MWh: grid electricity by its renewable share, local PV
/// and incineration power used in the municipality by source, district heat by the renewable
/// part of each unit's heat (heat pumps' ambient heat, bio, the waste's non-fossil part), bio.
fn renewable_final_energy(
    scenario: &Scenario,
    final_energy: &[ByCarrier; Sector::COUNT],
    unit_years: &[UnitYear],
    waste_fossil_mwh: f64,
    grid: GridYear,
) -> f64 {
    let units = &scenario.district_heating.units;
    let el_share = scenario.emission_factors.electricity_renewable_share;
    let waste_energy: f64 = units
        .iter()
        .zip(unit_years)
        .filter(|(u, _)| u.kind == UnitKind::WasteIncineration)
        .map(|(_, uy)| uy.input_mwh)
        .sum();
    let waste_renewable = if waste_energy > 0.0 { 1.0 - waste_fossil_mwh / waste_energy } else { 0.0 };
    let local = (grid.pv_mwh + grid.chp_mwh - grid.export_mwh).max(0.0);
    let generated = grid.pv_mwh + grid.chp_mwh;
    let (pv_used, chp_used) = if generated > 0.0 {
        (local * grid.pv_mwh / generated, local * grid.chp_mwh / generated)
    } else {
        (0.0, 0.0)
    };
    let el_renewable_fraction = if grid.demand_mwh > 0.0 {
        ((grid.import_mwh * el_share + pv_used + chp_used * waste_renewable) / grid.demand_mwh).min(1.0)
    } else {
        el_share
    };
    let dh_renewable_heat: f64 = units
        .iter()
        .zip(unit_years)
        .map(|(u, uy)| {
            let fraction = match u.kind {
                UnitKind::WasteIncineration => waste_renewable,
                UnitKind::HeatPump => (1.0 - 1.0 / u.cop) + el_renewable_fraction / u.cop,
                UnitKind::ElectricBoiler => el_renewable_fraction,
                UnitKind::BioBoiler => 1.0,
                UnitKind::OilBoiler => 0.0,
            };
            uy.heat_mwh * fraction
        })
        .sum();
    let dh_produced: f64 = unit_years.iter().map(|u| u.heat_mwh).sum();
    let dh_renewable_fraction = if dh_produced > 0.0 { dh_renewable_heat / dh_produced } else { 0.0 };
    let total = |c: Carrier| final_energy.iter().map(|row| row[c as usize]).sum::<f64>();
    total(Carrier::Electricity) * el_renewable_fraction
        + total(Carrier::DistrictHeat) * dh_renewable_fraction
        + total(Carrier::Bio)
}

/// Hourly working arrays of one year, reused from year to year.
struct Scratch {
    residential: Vec<f64>,
    building: Vec<f64>,
    ev: Vec<f64>,
    delivered: Vec<f64>,
    dh_demand: Vec<f64>,
    remaining: Vec<f64>,
    dh_electricity: Vec<f64>,
    chp: Vec<f64>,
    unit_heat: Vec<f64>,
    pv: Vec<f64>,
    pv_self: Vec<f64>,
    demand: Vec<f64>,
    import: Vec<f64>,
    export: Vec<f64>,
}

impl Scratch {
    fn new() -> Scratch {
        let v = || vec![0.0; HOURS];
        Scratch {
            residential: v(),
            building: v(),
            ev: v(),
            delivered: v(),
            dh_demand: v(),
            remaining: v(),
            dh_electricity: v(),
            chp: v(),
            unit_heat: v(),
            pv: v(),
            pv_self: v(),
            demand: v(),
            import: v(),
            export: v(),
        }
    }
}

/// Annual heat and appliance needs of one district, MWh, by sector and system.
#[derive(Default, Clone, Copy)]
struct Needs {
    /// Normal-climate space heat by sector and system.
    space_heat: [[f64; 7]; 3],
    /// Hot water by sector and system.
    hot_water: [[f64; 7]; 3],
    /// Appliance electricity by sector.
    appliances: [f64; 3],
    floor_area_m2: f64,
    floor_area_by_sector: [f64; 3],
}

impl Needs {
    fn add(
        &mut self,
        sector: Sector,
        shares: &[f64; 7],
        space_heat_mwh: f64,
        hot_water_mwh: f64,
        appliances_mwh: f64,
        area_m2: f64,
    ) {
        let i = sector as usize;
        for (s, share) in shares.iter().enumerate() {
            self.space_heat[i][s] += space_heat_mwh * share;
            self.hot_water[i][s] += hot_water_mwh * share;
        }
        self.appliances[i] += appliances_mwh;
        self.floor_area_m2 += area_m2;
        self.floor_area_by_sector[i] += area_m2;
    }
}

/// Final energy by carrier of building needs in one sector, MWh.
fn building_final_energy(
    needs: &Needs,
    sector: usize,
    prepared: &Prepared,
    scenario: &Scenario,
) -> ByCarrier {
    let mut out = heating_final_energy(needs, sector, prepared, scenario);
    out[Carrier::Electricity as usize] += needs.appliances[sector];
    out
}

/// Final energy by carrier for space heat and hot water only (no appliances), MWh.
fn heating_final_energy(needs: &Needs, sector: usize, prepared: &Prepared, scenario: &Scenario) -> ByCarrier {
    use HeatingSystem as H;
    let sh = &needs.space_heat[sector];
    let hw = &needs.hot_water[sector];
    let shs = prepared.space_heat_sum;
    let mut out = [0.0; Carrier::COUNT];
    let mut electricity = 0.0;
    for (k, system) in ELECTRIC_SYSTEMS.iter().enumerate() {
        electricity += sh[*system as usize] * prepared.electricity_per_space_heat_sum[k]
            + hw[*system as usize] * prepared.electricity_per_hot_water_sum[k];
    }
    out[Carrier::Electricity as usize] = electricity;
    out[Carrier::DistrictHeat as usize] =
        sh[H::DistrictHeating as usize] * shs + hw[H::DistrictHeating as usize];
    out[Carrier::Bio as usize] =
        (sh[H::Bio as usize] * shs + hw[H::Bio as usize]) / scenario.heating.bio_efficiency;
    out[Carrier::Oil as usize] =
        (sh[H::Oil as usize] * shs + hw[H::Oil as usize]) / scenario.heating.oil_efficiency;
    out
}

/// Grid emission factor in g CO2e/kWh under the scenario's convention.
pub fn electricity_factor_g_per_kwh(scenario: &Scenario) -> f64 {
    let e = &scenario.emission_factors;
    match e.convention {
        EmissionConvention::LocationBased => e.electricity_location_g_per_kwh,
        EmissionConvention::ResidualMix => e.electricity_residual_g_per_kwh,
        EmissionConvention::Territorial => 0.0,
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
    let base_year = scenario.base_year;
    let population_base = scenario.population_in(base_year);
    let ev_base = levers.get(LeverId::EvShare).base;
    let pv_base = levers.get(LeverId::PvRollout).base;
    let ef = &scenario.emission_factors;
    let el_factor = electricity_factor_g_per_kwh(scenario) / 1000.0; // t per MWh
    let t_per_mwh = |g_per_kwh: f64| g_per_kwh / 1000.0;
    let units = &scenario.district_heating.units;
    let loss_share = scenario.district_heating.network_loss_share;
    let transport = &scenario.transport;

    let mut scratch = Scratch::new();
    let retrofittable_m2: f64 = scenario
        .districts
        .iter()
        .flat_map(|d| &d.floor_area_m2)
        .filter(|(c, _)| scenario.classes[c.0 as usize].retrofittable)
        .map(|(_, a)| a)
        .sum();
    let pv_base_kwp: f64 = scenario.districts.iter().map(|d| d.pv_installed_kwp).sum();
    let mut renovated_share = 0.0;
    let mut saving_share = 0.0;
    let mut years = Vec::with_capacity(scenario.year_count());
    let mut hourly = Vec::new();

    for year in base_year..=scenario.end_year {
        if year > base_year {
            let newly = levers.value(LeverId::RetrofitRate, year) * (1.0 - renovated_share);
            renovated_share += newly;
            saving_share += newly * levers.value(LeverId::RetrofitDepth, year);
        }
        let population = scenario.population_in(year);
        let growth = if population_base > 0.0 { population / population_base } else { 1.0 };
        let ev_m = levers.value(LeverId::EvShare, year);
        let pv_m = levers.value(LeverId::PvRollout, year);
        let oil_year = levers.value(LeverId::OilPhaseOutYear, year);
        let oil_remaining = if oil_year <= f64::from(base_year) {
            0.0
        } else {
            ((oil_year - f64::from(year)) / (oil_year - f64::from(base_year))).clamp(0.0, 1.0)
        };
        let dh_expansion = levers.value(LeverId::DistrictHeatingExpansion, year);
        let hp_programme = levers.value(LeverId::HeatPumpProgramme, year);
        let smart_share = levers.value(LeverId::SmartChargingShare, year);

        // Building, car and PV state of each district.
        let mut total = Needs::default();
        let mut district_needs = Vec::with_capacity(scenario.districts.len());
        let mut ev_mwh_total = 0.0;
        let mut petrol_mwh_total = 0.0;
        let mut diesel_mwh_total = 0.0;
        let mut pv_kwp_total = 0.0;
        let mut cars_total = 0.0;
        let mut stock =
            LeverStock { retrofitted_m2: renovated_share * retrofittable_m2, ..LeverStock::default() };
        let mut evs_total = 0.0;
        let mut district_cars = Vec::with_capacity(scenario.districts.len());
        for d in &scenario.districts {
            let shares = adjusted_shares(&d.heating_shares, oil_remaining, dh_expansion, hp_programme);
            let existing_m2: f64 = d.floor_area_m2.iter().map(|(_, a)| a).sum();
            let base = &d.heating_shares.0;
            let heat_pump_gain = (shares[HeatingSystem::AirToWaterHeatPump as usize]
                - base[HeatingSystem::AirToWaterHeatPump as usize])
                .max(0.0);
            stock.heat_pump_m2 += existing_m2 * heat_pump_gain;
            stock.district_heating_m2 += existing_m2
                * (shares[HeatingSystem::DistrictHeating as usize]
                    - base[HeatingSystem::DistrictHeating as usize])
                    .max(0.0);
            let mut needs = Needs::default();
            for (class_id, area_m2) in &d.floor_area_m2 {
                let class = &scenario.classes[class_id.0 as usize];
                let kept = if class.retrofittable { 1.0 - saving_share } else { 1.0 };
                needs.add(
                    class.building_type.sector(),
                    &shares,
                    area_m2 * class.space_heat_kwh_per_m2 * kept / 1000.0,
                    area_m2 * class.hot_water_kwh_per_m2 / 1000.0,
                    area_m2 * class.appliances_kwh_per_m2 / 1000.0,
                    *area_m2,
                );
            }
            let population_d = d.population * growth;
            let new_area_m2 = (population_d - d.population).max(0.0)
                * scenario.new_buildings.floor_area_per_new_resident_m2;
            if new_area_m2 > 0.0 {
                let class = &scenario.classes[scenario.new_buildings.class.0 as usize];
                needs.add(
                    class.building_type.sector(),
                    &scenario.new_buildings.heating_shares.0,
                    new_area_m2 * class.space_heat_kwh_per_m2 / 1000.0,
                    new_area_m2 * class.hot_water_kwh_per_m2 / 1000.0,
                    new_area_m2 * class.appliances_kwh_per_m2 / 1000.0,
                    new_area_m2,
                );
            }
            let cars = d.cars * growth;
            let ev_share = converge(d.ev_share, ev_base, ev_m);
            let km = cars * transport.km_per_car_year;
            let ev_mwh = km
                * ev_share
                * transport.ev_kwh_per_km
                * transport.local_charging_share
                * prepared.ev_energy_factor
                / 1000.0;
            let fossil_km = km * (1.0 - ev_share);
            let petrol_mwh =
                fossil_km * transport.petrol_share_of_fossil * transport.petrol_l_per_km * PETROL_KWH_PER_L
                    / 1000.0;
            let diesel_mwh = fossil_km
                * (1.0 - transport.petrol_share_of_fossil)
                * transport.diesel_l_per_km
                * DIESEL_KWH_PER_L
                / 1000.0;
            let pv_kwp = if d.rooftop_pv_potential_kwp > 0.0 {
                d.rooftop_pv_potential_kwp
                    * converge(d.pv_installed_kwp / d.rooftop_pv_potential_kwp, pv_base, pv_m)
            } else {
                0.0
            };
            for i in 0..3 {
                for s in 0..7 {
                    total.space_heat[i][s] += needs.space_heat[i][s];
                    total.hot_water[i][s] += needs.hot_water[i][s];
                }
                total.appliances[i] += needs.appliances[i];
            }
            total.floor_area_m2 += needs.floor_area_m2;
            for i in 0..3 {
                total.floor_area_by_sector[i] += needs.floor_area_by_sector[i];
            }
            ev_mwh_total += ev_mwh;
            petrol_mwh_total += petrol_mwh;
            diesel_mwh_total += diesel_mwh;
            pv_kwp_total += pv_kwp;
            cars_total += cars;
            evs_total += cars * ev_share;
            district_cars.push((population_d, ev_mwh, petrol_mwh, diesel_mwh, pv_kwp));
            district_needs.push(needs);
        }

        // Hourly coefficients (MWh per unit of profile).
        // Residential and other buildings separately: households' own load decides their
        // capacity tariff.
        let res = Sector::Residential as usize;
        let mut c_space_res = [0.0; 4];
        let mut c_water_res = [0.0; 4];
        let mut c_space_non = [0.0; 4];
        let mut c_water_non = [0.0; 4];
        for (k, system) in ELECTRIC_SYSTEMS.iter().enumerate() {
            let s = *system as usize;
            c_space_res[k] = total.space_heat[res][s];
            c_water_res[k] = total.hot_water[res][s];
            for i in [Sector::Services as usize, Sector::Public as usize] {
                c_space_non[k] += total.space_heat[i][s];
                c_water_non[k] += total.hot_water[i][s];
            }
        }
        let dh = HeatingSystem::DistrictHeating as usize;
        let dh_space: f64 = (0..3).map(|i| total.space_heat[i][dh]).sum();
        let dh_water: f64 = (0..3).map(|i| total.hot_water[i][dh]).sum();
        let app_res = total.appliances[Sector::Residential as usize];
        let app_non = total.appliances[Sector::Services as usize] + total.appliances[Sector::Public as usize];
        let ev_uncontrolled = ev_mwh_total * (1.0 - smart_share);
        let ev_smart = ev_mwh_total * smart_share;
        let pv_mw_per_kw = pv_kwp_total / 1000.0;

        // Pass 1: demands of buildings, cars and the heat network, as simple loops over whole
        // series (resliced to HOURS so that bounds checks vanish and the loops vectorise).
        {
            let residential = &mut scratch.residential[..HOURS];
            let building = &mut scratch.building[..HOURS];
            let (res_profile, non_profile) = (
                &prepared.appliance_profile_residential[..HOURS],
                &prepared.appliance_profile_non_residential[..HOURS],
            );
            for h in 0..HOURS {
                residential[h] = app_res * res_profile[h];
                building[h] = app_non * non_profile[h];
            }
            for k in 0..4 {
                let (per_space, per_water) = (
                    &prepared.electricity_per_space_heat[k][..HOURS],
                    &prepared.electricity_per_hot_water[k][..HOURS],
                );
                let (rs, rw, ns, nw) = (c_space_res[k], c_water_res[k], c_space_non[k], c_water_non[k]);
                for h in 0..HOURS {
                    residential[h] += rs * per_space[h] + rw * per_water[h];
                    building[h] += ns * per_space[h] + nw * per_water[h];
                }
            }
            let ev = &mut scratch.ev[..HOURS];
            let (unc, smart) =
                (&prepared.ev_uncontrolled_profile[..HOURS], &prepared.ev_smart_profile[..HOURS]);
            for h in 0..HOURS {
                ev[h] = ev_uncontrolled * unc[h] + ev_smart * smart[h];
                building[h] += residential[h];
            }
            let (space, water) =
                (&prepared.space_heat_profile[..HOURS], &prepared.hot_water_profile[..HOURS]);
            let delivered = &mut scratch.delivered[..HOURS];
            let demand = &mut scratch.dh_demand[..HOURS];
            let remaining = &mut scratch.remaining[..HOURS];
            let gross = 1.0 / (1.0 - loss_share);
            for h in 0..HOURS {
                let d = dh_space * space[h] + dh_water * water[h];
                delivered[h] = d;
                demand[h] = d * gross;
                remaining[h] = d * gross;
            }
            scratch.dh_electricity.fill(0.0);
            scratch.chp.fill(0.0);
        }

        // Materials: the waste that reaches local incineration fuels the incinerator unit.
        let mut materials_year = scenario.materials.as_ref().map(|m| {
            let mut y = crate::model::materials::waste_year(&m.network, levers, year, base_year, population);
            crate::model::materials::add_stock_year(
                &mut y,
                &m.stock_groups,
                &prepared.stock_materials,
                &m.material_factors,
                m.demolition_recycling_share,
                levers,
                year,
            );
            y
        });
        // Fuel energy and its fossil part of each unit for the year, MWh.
        let unit_fuel: Vec<(f64, f64)> = units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                if u.kind != UnitKind::WasteIncineration {
                    return (0.0, 0.0);
                }
                let own = u.waste_t_per_year * u.waste_lhv_mwh_per_t;
                let mut energy = own;
                let mut fossil = own * u.fossil_energy_share;
                if let (Some(m), Some(y)) = (scenario.materials.as_ref(), materials_year.as_ref())
                    && m.network.incinerator_unit == Some(i)
                {
                    energy += y.incinerated_energy_mwh;
                    fossil += y.incinerated_fossil_mwh;
                }
                (energy, fossil)
            })
            .collect();

        // Pass 2, unit by unit in merit order: each takes what it can of the remaining demand.
        let keep_hourly = options.hourly_years.wants(year);
        let (unit_years, unit_heat_series) = dispatch(units, &unit_fuel, &mut scratch, keep_hourly);

        // Pass 3, hour by hour: the grid balances what is left.
        let capacity_mw = scenario.grid.import_capacity_mw;
        {
            let s = &mut scratch;
            let (pv_per_kw, building, ev, dh_el, chp) = (
                &prepared.pv_kw_per_kwp[..HOURS],
                &s.building[..HOURS],
                &s.ev[..HOURS],
                &s.dh_electricity[..HOURS],
                &s.chp[..HOURS],
            );
            let (pv_out, demand_out, self_out, import_out, export_out) = (
                &mut s.pv[..HOURS],
                &mut s.demand[..HOURS],
                &mut s.pv_self[..HOURS],
                &mut s.import[..HOURS],
                &mut s.export[..HOURS],
            );
            for h in 0..HOURS {
                let pv = pv_mw_per_kw * pv_per_kw[h];
                let demand = building[h] + ev[h] + dh_el[h];
                let net = demand - pv - chp[h];
                pv_out[h] = pv;
                demand_out[h] = demand;
                self_out[h] = pv.min(demand);
                import_out[h] = net.max(0.0);
                export_out[h] = (-net).max(0.0);
            }
        }
        let peak_mw = maximum(&scratch.import);
        // The first hour with the peak (deterministic if several hours tie).
        let peak_hour = scratch.import.iter().position(|x| *x == peak_mw).unwrap_or(0) as u32;
        let overload_hours = scratch.import.iter().filter(|x| **x > capacity_mw).count() as u32;
        let import_sum = sum(&scratch.import);
        let export_sum = sum(&scratch.export);
        let pv_sum = sum(&scratch.pv);
        let pv_self_sum = sum(&scratch.pv_self);
        let chp_sum = sum(&scratch.chp);
        let demand_sum = sum(&scratch.demand);
        let dh_delivered_sum = sum(&scratch.delivered);
        let dh_loss_sum = sum(&scratch.dh_demand) - dh_delivered_sum;
        let unserved_sum = sum(&scratch.remaining);

        let series = keep_hourly.then(|| HourlyYear {
            year,
            temperature_c: prepared.temperature_c.clone(),
            building_electricity_mw: scratch.building.clone(),
            ev_charging_mw: scratch.ev.clone(),
            district_heating_electricity_mw: scratch.dh_electricity.clone(),
            pv_mw: scratch.pv.clone(),
            chp_electricity_mw: scratch.chp.clone(),
            grid_import_mw: scratch.import.clone(),
            grid_export_mw: scratch.export.clone(),
            district_heat_demand_mw: scratch.dh_demand.clone(),
            district_heat_delivered_mw: scratch.delivered.clone(),
            district_heat_loss_mw: scratch
                .dh_demand
                .iter()
                .zip(&scratch.delivered)
                .map(|(d, x)| d - x)
                .collect(),
            unit_heat_mw: unit_heat_series,
            district_heat_unserved_mw: scratch.remaining.clone(),
        });

        // Plant inputs by carrier.
        let mut plant_input = [0.0; Carrier::COUNT];
        for (unit, uy) in units.iter().zip(&unit_years) {
            let carrier = match unit.kind {
                UnitKind::WasteIncineration => Carrier::Waste,
                UnitKind::HeatPump | UnitKind::ElectricBoiler => Carrier::Electricity,
                UnitKind::BioBoiler => Carrier::Bio,
                UnitKind::OilBoiler => Carrier::Oil,
            };
            plant_input[carrier as usize] += uy.input_mwh;
        }
        let waste_fossil_mwh: f64 = unit_fuel.iter().map(|(_, fossil)| fossil).sum();

        // Final energy by sector.
        let mut final_energy = [[0.0; Carrier::COUNT]; Sector::COUNT];
        for sector in [Sector::Residential, Sector::Services, Sector::Public] {
            final_energy[sector as usize] =
                building_final_energy(&total, sector as usize, prepared, scenario);
        }
        let transport_row = &mut final_energy[Sector::Transport as usize];
        transport_row[Carrier::Electricity as usize] = ev_mwh_total;
        transport_row[Carrier::Petrol as usize] = petrol_mwh_total;
        transport_row[Carrier::Diesel as usize] = diesel_mwh_total;

        // Emissions by carrier.
        let mut emissions = [0.0; Carrier::COUNT];
        let fuel_total = |c: Carrier| {
            final_energy.iter().map(|row| row[c as usize]).sum::<f64>() + plant_input[c as usize]
        };
        emissions[Carrier::Electricity as usize] = import_sum * el_factor;
        emissions[Carrier::Oil as usize] = fuel_total(Carrier::Oil) * t_per_mwh(ef.oil_g_per_kwh);
        emissions[Carrier::Bio as usize] = fuel_total(Carrier::Bio) * t_per_mwh(ef.bio_g_per_kwh);
        emissions[Carrier::Petrol as usize] = petrol_mwh_total * t_per_mwh(ef.petrol_g_per_kwh);
        emissions[Carrier::Diesel as usize] = diesel_mwh_total * t_per_mwh(ef.diesel_g_per_kwh);
        emissions[Carrier::Waste as usize] = waste_fossil_mwh * t_per_mwh(ef.waste_fossil_g_per_kwh);

        // Allocation factors: grid electricity per MWh used, district heat per MWh delivered.
        let el_per_mwh =
            if demand_sum > 0.0 { emissions[Carrier::Electricity as usize] / demand_sum } else { 0.0 };
        let plant_emissions = plant_input[Carrier::Electricity as usize] * el_per_mwh
            + plant_input[Carrier::Oil as usize] * t_per_mwh(ef.oil_g_per_kwh)
            + plant_input[Carrier::Bio as usize] * t_per_mwh(ef.bio_g_per_kwh)
            + emissions[Carrier::Waste as usize];
        let dh_per_mwh = if dh_delivered_sum > 0.0 { plant_emissions / dh_delivered_sum } else { 0.0 };
        let allocate = |row: &ByCarrier| {
            row[Carrier::Electricity as usize] * el_per_mwh
                + row[Carrier::DistrictHeat as usize] * dh_per_mwh
                + row[Carrier::Bio as usize] * t_per_mwh(ef.bio_g_per_kwh)
                + row[Carrier::Oil as usize] * t_per_mwh(ef.oil_g_per_kwh)
                + row[Carrier::Petrol as usize] * t_per_mwh(ef.petrol_g_per_kwh)
                + row[Carrier::Diesel as usize] * t_per_mwh(ef.diesel_g_per_kwh)
        };
        let emissions_by_sector = final_energy.each_ref().map(&allocate);

        // Districts.
        let districts = district_needs
            .iter()
            .zip(&district_cars)
            .map(|(needs, &(population_d, ev_mwh, petrol_mwh, diesel_mwh, pv_kwp))| {
                let mut energy = [0.0; Carrier::COUNT];
                for sector in 0..3 {
                    let row = building_final_energy(needs, sector, prepared, scenario);
                    for (e, r) in energy.iter_mut().zip(row) {
                        *e += r;
                    }
                }
                energy[Carrier::Electricity as usize] += ev_mwh;
                energy[Carrier::Petrol as usize] += petrol_mwh;
                energy[Carrier::Diesel as usize] += diesel_mwh;
                let heat_need: f64 = (0..3)
                    .map(|i| {
                        needs.space_heat[i].iter().sum::<f64>() * prepared.space_heat_sum
                            + needs.hot_water[i].iter().sum::<f64>()
                    })
                    .sum();
                DistrictYear {
                    population: population_d,
                    floor_area_m2: needs.floor_area_m2,
                    heat_need_mwh: heat_need,
                    final_energy_mwh: energy,
                    ev_charging_mwh: ev_mwh,
                    pv_installed_kwp: pv_kwp,
                    pv_production_mwh: pv_kwp / 1000.0 * prepared.pv_yield_kwh_per_kwp,
                    emissions_t: allocate(&energy),
                }
            })
            .collect();

        let renewable_final = renewable_final_energy(
            scenario,
            &final_energy,
            &unit_years,
            waste_fossil_mwh,
            GridYear {
                import_mwh: import_sum,
                export_mwh: export_sum,
                pv_mwh: pv_sum,
                chp_mwh: chp_sum,
                demand_mwh: demand_sum,
            },
        );
        let mut heating_energy = [[0.0; Carrier::COUNT]; Sector::COUNT];
        let mut floor_by_sector = [0.0; Sector::COUNT];
        for sector in [Sector::Residential, Sector::Services, Sector::Public] {
            heating_energy[sector as usize] =
                heating_final_energy(&total, sector as usize, prepared, scenario);
            floor_by_sector[sector as usize] = total.floor_area_by_sector[sector as usize];
        }

        stock.pv_added_kwp = (pv_kwp_total - pv_base_kwp).max(0.0);
        stock.evs = evs_total;
        stock.smart_charged_evs = evs_total * smart_share;

        // An average household's energy cost.
        let households = population / scenario.persons_per_household;
        let monthly_household_peak = monthly_peaks(&scratch.residential, &scratch.ev);
        let household_cost = household_cost(
            &scenario.costs,
            households,
            &final_energy[Sector::Residential as usize],
            [ev_mwh_total, petrol_mwh_total, diesel_mwh_total],
            &monthly_household_peak,
        );

        let heat_need: f64 = (0..3)
            .map(|i| {
                total.space_heat[i].iter().sum::<f64>() * prepared.space_heat_sum
                    + total.hot_water[i].iter().sum::<f64>()
            })
            .sum();

        years.push(YearResult {
            year,
            population,
            final_energy_mwh: final_energy,
            district_heating_input_mwh: plant_input,
            heat_need_mwh: heat_need,
            electricity_demand_mwh: demand_sum,
            grid_import_mwh: import_sum,
            grid_export_mwh: export_sum,
            grid_peak_mw: peak_mw,
            grid_peak_hour: peak_hour,
            grid_overload_hours: overload_hours,
            pv_installed_kwp: pv_kwp_total,
            pv_production_mwh: pv_sum,
            pv_self_consumed_mwh: pv_self_sum,
            chp_electricity_mwh: chp_sum,
            ev_charging_mwh: ev_mwh_total,
            ev_share: if cars_total > 0.0 { evs_total / cars_total } else { 0.0 },
            households,
            waste_incineration_heat_mwh: units
                .iter()
                .zip(&unit_years)
                .filter(|(u, _)| u.kind == UnitKind::WasteIncineration)
                .map(|(_, uy)| uy.heat_mwh)
                .sum(),
            household_cost,
            lever_stock: stock,
            materials: materials_year.take(),
            cars: cars_total,
            smart_charging_share: smart_share,
            floor_area_m2: floor_by_sector,
            heating_final_energy_mwh: heating_energy,
            renewable_final_energy_mwh: renewable_final,
            ev_at_peak_mw: scratch.ev[peak_hour as usize],
            monthly_household_peak_mw: monthly_household_peak,
            district_heat_delivered_mwh: dh_delivered_sum,
            district_heat_loss_mwh: dh_loss_sum,
            district_heat_unserved_mwh: unserved_sum,
            units: unit_years,
            emissions_t: emissions,
            emissions_by_sector_t: emissions_by_sector,
            districts,
        });
        if let Some(s) = series {
            hourly.push(s);
        }
    }

    Outcome {
        scenario: scenario.name.clone(),
        district_names: scenario.districts.iter().map(|d| d.name.clone()).collect(),
        district_codes: scenario.districts.iter().map(|d| d.code.clone()).collect(),
        unit_names: units.iter().map(|u| u.name.clone()).collect(),
        years,
        hourly,
        targets: scenario.targets.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converge_moves_every_district_the_same_fraction() {
        assert_eq!(converge(0.2, 0.3, 0.3), 0.2);
        assert!((converge(0.2, 0.3, 1.0) - 1.0).abs() < 1e-12);
        // Half way from 0.3 to 1.0 closes half of each district's gap.
        assert!((converge(0.2, 0.3, 0.65) - 0.6).abs() < 1e-12);
        assert!((converge(0.2, 0.4, 0.2) - 0.1).abs() < 1e-12);
        assert_eq!(converge(0.5, 0.0, 0.0), 0.5);
        assert_eq!(converge(0.5, 0.5, 0.0), 0.0);
    }

    #[test]
    fn adjusted_shares_still_sum_to_one() {
        let base = HeatingShares([0.1, 0.3, 0.05, 0.05, 0.4, 0.05, 0.05]);
        for (oil, dh, hp) in [(1.0, 0.0, 0.0), (0.0, 0.5, 1.0), (0.3, 0.45, 0.2), (0.5, 0.0, 1.0)] {
            let s = adjusted_shares(&base, oil, dh, hp);
            assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{s:?}");
            assert!(s.iter().all(|x| *x >= 0.0), "{s:?}");
        }
        let s = adjusted_shares(&base, 0.0, 0.0, 0.0);
        assert_eq!(s[HeatingSystem::Oil as usize], 0.0);
        assert!((s[HeatingSystem::AirToWaterHeatPump as usize] - 0.1).abs() < 1e-12);
    }
}
