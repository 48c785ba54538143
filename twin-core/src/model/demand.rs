//! Stage 1 of a year, demand: the levers' values turn the base-year districts into the year's
//! buildings (floor area and heat need by sector and heating system), cars and rooftop PV
//! ([`YearState`]), and those into hourly demand for electricity and district heat.

use crate::catalogue::levers::{LeverId, Levers};
use crate::catalogue::{BySector, BySystem, Catalogue, HeatingSystem, Sector};
use crate::math::quad::{BLOCK_QUADS, LANES, Quad};
use crate::math::series::RunningSum;
use crate::outcome::LeverStock;
use crate::prepare::weather::HOURS;
use crate::prepare::{ELECTRIC_SYSTEMS, Prepared};
use crate::scenario::{BuildingClass, District, HeatingShares, Scenario, Transport};

/// Energy content of petrol, kWh per litre (Miljødirektoratet).
pub const PETROL_KWH_PER_L: f64 = 9.024;
/// Energy content of diesel, kWh per litre (Miljødirektoratet).
pub const DIESEL_KWH_PER_L: f64 = 10.056;

/// The levers' values in one year, as the demand stage uses them.
#[derive(Debug, Clone, Copy)]
pub(super) struct YearLevers {
    /// Municipal battery-electric share of cars.
    ev_share: f64,
    /// Share of the rooftop PV potential built.
    pv_rollout: f64,
    /// Share of base-year oil heating still in place.
    oil_remaining: f64,
    /// Floor-area share moved onto district heating.
    dh_expansion: f64,
    /// Share of direct-electric floor area moved to heat pumps.
    heat_pump_programme: f64,
    /// Share of EV charging that is smart.
    pub(super) smart_charging_share: f64,
}

impl YearLevers {
    fn new(levers: &Levers, year: i32, base_year: i32) -> YearLevers {
        let oil_year = levers.value(LeverId::OilPhaseOutYear, year);
        let oil_remaining = if oil_year <= f64::from(base_year) {
            0.0
        } else {
            ((oil_year - f64::from(year)) / (oil_year - f64::from(base_year))).clamp(0.0, 1.0)
        };
        YearLevers {
            ev_share: levers.value(LeverId::EvShare, year),
            pv_rollout: levers.value(LeverId::PvRollout, year),
            oil_remaining,
            dh_expansion: levers.value(LeverId::DistrictHeatingExpansion, year),
            heat_pump_programme: levers.value(LeverId::HeatPumpProgramme, year),
            smart_charging_share: levers.value(LeverId::SmartChargingShare, year),
        }
    }
}

/// What carries from year to year: the retrofit programme's progress, and the base-year totals
/// the levers' stock is measured against.
#[derive(Debug, Clone)]
pub(super) struct Carried {
    /// Floor area in retrofittable classes, m².
    retrofittable_m2: f64,
    /// Rooftop PV in the base year, kWp.
    pv_base_kwp: f64,
    /// Share of retrofittable floor area renovated so far.
    renovated_share: f64,
    /// Share of retrofittable space-heat need removed so far.
    saving_share: f64,
}

impl Carried {
    /// The state before the base year.
    pub(super) fn new(scenario: &Scenario) -> Carried {
        let retrofittable_m2 = scenario
            .districts
            .iter()
            .flat_map(|d| &d.floor_area_m2)
            .filter(|(c, _)| scenario.classes[c.0 as usize].retrofittable)
            .map(|(_, a)| a)
            .sum();
        let pv_base_kwp = scenario.districts.iter().map(|d| d.pv_installed_kwp).sum();
        Carried { retrofittable_m2, pv_base_kwp, renovated_share: 0.0, saving_share: 0.0 }
    }

    /// Renovates the year's share of what is not yet renovated (nothing in the base year).
    pub(super) fn advance(&mut self, levers: &Levers, year: i32, base_year: i32) {
        if year > base_year {
            let newly = levers.value(LeverId::RetrofitRate, year) * (1.0 - self.renovated_share);
            self.renovated_share += newly;
            self.saving_share += newly * levers.value(LeverId::RetrofitDepth, year);
        }
    }
}

/// Annual heat and appliance needs, MWh, by sector and heating system, with the floor area.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Needs {
    /// Normal-climate space heat.
    pub(super) space_heat_mwh: BySector<BySystem>,
    /// Hot water.
    pub(super) hot_water_mwh: BySector<BySystem>,
    /// Appliance electricity.
    pub(super) appliances_mwh: BySector,
    /// Heated floor area, m².
    pub(super) floor_area_m2: f64,
    /// Heated floor area by sector, m².
    pub(super) floor_area_by_sector_m2: BySector,
}

impl Needs {
    /// Adds `area_m2` of one building class heated by `shares`, keeping `space_heat_kept` of its
    /// space-heat need (1 unless renovated).
    fn add(&mut self, class: &BuildingClass, shares: &BySystem, area_m2: f64, space_heat_kept: f64) {
        let sector = class.building_type.sector();
        let space_heat_mwh = area_m2 * class.space_heat_kwh_per_m2 * space_heat_kept / 1000.0;
        let hot_water_mwh = area_m2 * class.hot_water_kwh_per_m2 / 1000.0;
        for (system, share) in shares {
            self.space_heat_mwh[sector][system] += space_heat_mwh * share;
            self.hot_water_mwh[sector][system] += hot_water_mwh * share;
        }
        self.appliances_mwh[sector] += area_m2 * class.appliances_kwh_per_m2 / 1000.0;
        self.floor_area_m2 += area_m2;
        self.floor_area_by_sector_m2[sector] += area_m2;
    }

    /// Adds another district's needs.
    fn add_needs(&mut self, other: &Needs) {
        for sector in Sector::BUILDINGS {
            for system in HeatingSystem::all() {
                self.space_heat_mwh[sector][system] += other.space_heat_mwh[sector][system];
                self.hot_water_mwh[sector][system] += other.hot_water_mwh[sector][system];
            }
            self.appliances_mwh[sector] += other.appliances_mwh[sector];
        }
        self.floor_area_m2 += other.floor_area_m2;
        for sector in Sector::BUILDINGS {
            self.floor_area_by_sector_m2[sector] += other.floor_area_by_sector_m2[sector];
        }
    }

    /// Useful heat need in the weather year (space heat scaled by the year's degree-hours, plus
    /// hot water), MWh.
    pub(super) fn heat_need_mwh(&self, prepared: &Prepared) -> f64 {
        Sector::BUILDINGS
            .iter()
            .map(|s| {
                self.space_heat_mwh[*s].values().sum::<f64>() * prepared.space_heat_sum
                    + self.hot_water_mwh[*s].values().sum::<f64>()
            })
            .sum()
    }
}

/// Fuel and electricity of private cars in a year, MWh.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct CarEnergy {
    /// Electricity charged in the municipality.
    pub(super) ev_mwh: f64,
    /// Petrol.
    pub(super) petrol_mwh: f64,
    /// Diesel.
    pub(super) diesel_mwh: f64,
}

/// One district's year.
#[derive(Debug, Clone)]
pub(super) struct DistrictState {
    /// Residents.
    pub(super) population: f64,
    /// Buildings' needs.
    pub(super) needs: Needs,
    /// Cars' energy.
    pub(super) cars: CarEnergy,
    /// Rooftop PV, kWp.
    pub(super) pv_kwp: f64,
}

/// The year's buildings, cars and PV in every district, with municipal totals.
#[derive(Debug, Clone)]
pub(super) struct YearState {
    /// The levers' values this year.
    pub(super) levers: YearLevers,
    /// Each district, in scenario order.
    pub(super) districts: Vec<DistrictState>,
    /// Needs of all districts.
    pub(super) needs: Needs,
    /// Energy of all cars.
    pub(super) cars: CarEnergy,
    /// Number of cars.
    pub(super) car_count: f64,
    /// Number of electric cars.
    pub(super) ev_count: f64,
    /// Rooftop PV, kWp.
    pub(super) pv_kwp: f64,
    /// What the levers have changed since the base year.
    pub(super) lever_stock: LeverStock,
}

impl YearState {
    /// The state of every district in `year`.
    pub(super) fn new(
        scenario: &Scenario,
        levers: &Levers,
        prepared: &Prepared,
        year: i32,
        carried: &Carried,
    ) -> YearState {
        let year_levers = YearLevers::new(levers, year, scenario.base_year);
        let population_base = scenario.population_in(scenario.base_year);
        let population = scenario.population_in(year);
        let growth = if population_base > 0.0 { population / population_base } else { 1.0 };
        let lever_base = |id: LeverId| levers.get(id).base;
        let mut state = YearState {
            levers: year_levers,
            districts: Vec::with_capacity(scenario.districts.len()),
            needs: Needs::default(),
            cars: CarEnergy::default(),
            car_count: 0.0,
            ev_count: 0.0,
            pv_kwp: 0.0,
            lever_stock: LeverStock {
                retrofitted_m2: carried.renovated_share * carried.retrofittable_m2,
                ..LeverStock::default()
            },
        };
        for d in &scenario.districts {
            let shares = adjusted_shares(&d.heating_shares, &year_levers);
            state.count_conversions(d, &shares);
            let needs = district_needs(scenario, d, &shares, carried.saving_share, growth);
            let car_count = d.cars * growth;
            let ev_share = converge(d.ev_share, lever_base(LeverId::EvShare), year_levers.ev_share);
            let cars = car_energy(&scenario.transport, prepared, car_count, ev_share);
            let pv_kwp = district_pv_kwp(d, lever_base(LeverId::PvRollout), year_levers.pv_rollout);
            state.needs.add_needs(&needs);
            state.cars.ev_mwh += cars.ev_mwh;
            state.cars.petrol_mwh += cars.petrol_mwh;
            state.cars.diesel_mwh += cars.diesel_mwh;
            state.pv_kwp += pv_kwp;
            state.car_count += car_count;
            state.ev_count += car_count * ev_share;
            state.districts.push(DistrictState { population: d.population * growth, needs, cars, pv_kwp });
        }
        state.lever_stock.pv_added_kwp = (state.pv_kwp - carried.pv_base_kwp).max(0.0);
        state.lever_stock.evs = state.ev_count;
        state.lever_stock.smart_charged_evs = state.ev_count * year_levers.smart_charging_share;
        state
    }

    /// Books the floor area a district has moved to heat pumps and district heating.
    fn count_conversions(&mut self, d: &District, shares: &BySystem) {
        use HeatingSystem as H;
        let existing_m2: f64 = d.floor_area_m2.iter().map(|(_, a)| a).sum();
        let base = &d.heating_shares.0;
        let heat_pump_gain = (shares[H::AirToWaterHeatPump] - base[H::AirToWaterHeatPump]).max(0.0);
        self.lever_stock.heat_pump_m2 += existing_m2 * heat_pump_gain;
        self.lever_stock.district_heating_m2 +=
            existing_m2 * (shares[H::DistrictHeating] - base[H::DistrictHeating]).max(0.0);
    }
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
fn adjusted_shares(base: &HeatingShares, levers: &YearLevers) -> BySystem {
    use HeatingSystem as H;
    let mut s = base.0;
    let moved_oil = s[H::Oil] * (1.0 - levers.oil_remaining);
    s[H::Oil] -= moved_oil;
    s[H::AirToWaterHeatPump] += moved_oil;

    let direct_base = s[H::DirectElectric];
    let from_direct = levers.dh_expansion.min(s[H::DirectElectric]);
    s[H::DirectElectric] -= from_direct;
    let from_air_air = (levers.dh_expansion - from_direct).min(s[H::AirToAirHeatPump]);
    s[H::AirToAirHeatPump] -= from_air_air;
    s[H::DistrictHeating] += from_direct + from_air_air;

    let to_heat_pump = (levers.heat_pump_programme * direct_base).min(s[H::DirectElectric]);
    s[H::DirectElectric] -= to_heat_pump;
    s[H::AirToWaterHeatPump] += to_heat_pump;
    s
}

/// Needs of a district's existing buildings (renovated as far as the programme has come) and of
/// the new buildings its population growth calls for.
fn district_needs(
    scenario: &Scenario,
    d: &District,
    shares: &BySystem,
    saving_share: f64,
    growth: f64,
) -> Needs {
    let mut needs = Needs::default();
    for (class_id, area_m2) in &d.floor_area_m2 {
        let class = &scenario.classes[class_id.0 as usize];
        let kept = if class.retrofittable { 1.0 - saving_share } else { 1.0 };
        needs.add(class, shares, *area_m2, kept);
    }
    let new = &scenario.new_buildings;
    let new_area_m2 = (d.population * growth - d.population).max(0.0) * new.floor_area_per_new_resident_m2;
    if new_area_m2 > 0.0 {
        needs.add(&scenario.classes[new.class.0 as usize], &new.heating_shares.0, new_area_m2, 1.0);
    }
    needs
}

/// Energy of `cars` cars of which `ev_share` are electric, MWh.
fn car_energy(transport: &Transport, prepared: &Prepared, cars: f64, ev_share: f64) -> CarEnergy {
    let km = cars * transport.km_per_car_year;
    let fossil_km = km * (1.0 - ev_share);
    CarEnergy {
        ev_mwh: km
            * ev_share
            * transport.ev_kwh_per_km
            * transport.local_charging_share
            * prepared.ev_energy_factor
            / 1000.0,
        petrol_mwh: fossil_km
            * transport.petrol_share_of_fossil
            * transport.petrol_l_per_km
            * PETROL_KWH_PER_L
            / 1000.0,
        diesel_mwh: fossil_km
            * (1.0 - transport.petrol_share_of_fossil)
            * transport.diesel_l_per_km
            * DIESEL_KWH_PER_L
            / 1000.0,
    }
}

/// A district's rooftop PV under the municipal roll-out, kWp.
fn district_pv_kwp(d: &District, pv_base: f64, pv_rollout: f64) -> f64 {
    if d.rooftop_pv_potential_kwp > 0.0 {
        d.rooftop_pv_potential_kwp
            * converge(d.pv_installed_kwp / d.rooftop_pv_potential_kwp, pv_base, pv_rollout)
    } else {
        0.0
    }
}

/// Annual needs (MWh) of the electric heating systems, as hourly coefficients: households
/// separately from other buildings, because their own load sets their capacity tariff.
struct ElectricHeat {
    space_residential: [f64; 4],
    water_residential: [f64; 4],
    space_other: [f64; 4],
    water_other: [f64; 4],
}

impl ElectricHeat {
    fn new(needs: &Needs) -> ElectricHeat {
        let mut c = ElectricHeat {
            space_residential: [0.0; 4],
            water_residential: [0.0; 4],
            space_other: [0.0; 4],
            water_other: [0.0; 4],
        };
        for (k, system) in ELECTRIC_SYSTEMS.iter().enumerate() {
            c.space_residential[k] = needs.space_heat_mwh[Sector::Residential][*system];
            c.water_residential[k] = needs.hot_water_mwh[Sector::Residential][*system];
            for sector in [Sector::Services, Sector::Public] {
                c.space_other[k] += needs.space_heat_mwh[sector][*system];
                c.water_other[k] += needs.hot_water_mwh[sector][*system];
            }
        }
        c
    }
}

/// Four hours of demand, MW.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct DemandQuad {
    /// Households' electricity (buildings only).
    pub(super) residential: Quad,
    /// All buildings' electricity.
    pub(super) building: Quad,
    /// EV charging.
    pub(super) ev: Quad,
    /// District heat delivered to buildings.
    pub(super) delivered: Quad,
    /// District heat needed at the plant (delivered + network loss).
    pub(super) plant: Quad,
}

/// District heat demanded in the hours so far, MW summed over hours.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct HeatSums {
    /// Delivered to buildings.
    pub(super) delivered: RunningSum,
    /// Needed at the plant (delivered + network loss).
    pub(super) needed: RunningSum,
}

/// A year's hourly demand: the year's annual needs as coefficients of the prepared hourly
/// profiles, which it reads four hours at a time ([`HourlyDemand::at`]).
pub(super) struct HourlyDemand<'a> {
    app_res: f64,
    app_non: f64,
    heat: ElectricHeat,
    uncontrolled_mwh: f64,
    smart_mwh: f64,
    dh_space: f64,
    dh_water: f64,
    gross: f64,
    profiles: Profiles<'a>,
}

/// The prepared hourly profiles demand reads, each a whole year.
struct Profiles<'a> {
    residential: &'a [f64; HOURS],
    non_residential: &'a [f64; HOURS],
    uncontrolled: &'a [f64; HOURS],
    smart: &'a [f64; HOURS],
    per_space: [&'a [f64; HOURS]; 4],
    per_water: [&'a [f64; HOURS]; 4],
    space: &'a [f64; HOURS],
    water: &'a [f64; HOURS],
}

impl<'a> Profiles<'a> {
    fn new(prepared: &'a Prepared) -> Profiles<'a> {
        let year = |series: &'a Vec<f64>| -> &'a [f64; HOURS] {
            series.as_slice().try_into().expect("a prepared profile has an hour for every hour of the year")
        };
        Profiles {
            residential: year(&prepared.appliance_profile_residential),
            non_residential: year(&prepared.appliance_profile_non_residential),
            uncontrolled: year(&prepared.ev_uncontrolled_profile),
            smart: year(&prepared.ev_smart_profile),
            per_space: prepared.electricity_per_space_heat.each_ref().map(year),
            per_water: prepared.electricity_per_hot_water.each_ref().map(year),
            space: year(&prepared.space_heat_profile),
            water: year(&prepared.hot_water_profile),
        }
    }
}

impl<'a> HourlyDemand<'a> {
    /// The year's coefficients: what `state` needs in the year, spread by `prepared`'s profiles;
    /// district heat grossed up by the network's loss.
    pub(super) fn new(state: &YearState, scenario: &Scenario, prepared: &'a Prepared) -> HourlyDemand<'a> {
        let needs = &state.needs;
        let smart = state.levers.smart_charging_share;
        let dh = HeatingSystem::DistrictHeating;
        HourlyDemand {
            app_res: needs.appliances_mwh[Sector::Residential],
            app_non: needs.appliances_mwh[Sector::Services] + needs.appliances_mwh[Sector::Public],
            heat: ElectricHeat::new(needs),
            uncontrolled_mwh: state.cars.ev_mwh * (1.0 - smart),
            smart_mwh: state.cars.ev_mwh * smart,
            dh_space: Sector::BUILDINGS.iter().map(|s| needs.space_heat_mwh[*s][dh]).sum(),
            dh_water: Sector::BUILDINGS.iter().map(|s| needs.hot_water_mwh[*s][dh]).sum(),
            gross: 1.0 / (1.0 - scenario.district_heating.network_loss_share),
            profiles: Profiles::new(prepared),
        }
    }

    /// The demand of the block of hours from `hour`, into `block`, its district heat added to
    /// `sums`.
    #[inline(always)]
    pub(super) fn fill(&self, hour: usize, block: &mut [DemandQuad; BLOCK_QUADS], sums: &mut HeatSums) {
        // The running sums also keep the compiler from vectorising across the block's quads
        // (a sum's order of additions is fixed), which would shuffle every quad's lanes.
        let HeatSums { mut delivered, mut needed } = *sums;
        for (q, quad) in block.iter_mut().enumerate() {
            *quad = self.at(hour + q * LANES);
            delivered.add_quad(quad.delivered);
            needed.add_quad(quad.plant);
        }
        *sums = HeatSums { delivered, needed };
    }

    /// The demand of the four hours from `hour` (a multiple of four).
    #[inline(always)]
    pub(super) fn at(&self, hour: usize) -> DemandQuad {
        let (p, c) = (&self.profiles, &self.heat);
        let mut residential = self.app_res * Quad::at(p.residential, hour);
        let mut other = self.app_non * Quad::at(p.non_residential, hour);
        for k in 0..ELECTRIC_SYSTEMS.len() {
            let (space, water) = (Quad::at(p.per_space[k], hour), Quad::at(p.per_water[k], hour));
            residential += c.space_residential[k] * space + c.water_residential[k] * water;
            other += c.space_other[k] * space + c.water_other[k] * water;
        }
        let ev =
            self.uncontrolled_mwh * Quad::at(p.uncontrolled, hour) + self.smart_mwh * Quad::at(p.smart, hour);
        let delivered = self.dh_space * Quad::at(p.space, hour) + self.dh_water * Quad::at(p.water, hour);
        DemandQuad {
            residential,
            building: other + residential,
            ev,
            delivered,
            plant: delivered * Quad::splat(self.gross),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use enum_map::{Enum, enum_map};

    fn shares(values: [f64; 7]) -> HeatingShares {
        HeatingShares(enum_map! { system => values[Enum::into_usize(system)] })
    }

    fn levers(oil_remaining: f64, dh_expansion: f64, heat_pump_programme: f64) -> YearLevers {
        YearLevers {
            ev_share: 0.0,
            pv_rollout: 0.0,
            oil_remaining,
            dh_expansion,
            heat_pump_programme,
            smart_charging_share: 0.0,
        }
    }

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
        let base = shares([0.1, 0.3, 0.05, 0.05, 0.4, 0.05, 0.05]);
        for (oil, dh, hp) in [(1.0, 0.0, 0.0), (0.0, 0.5, 1.0), (0.3, 0.45, 0.2), (0.5, 0.0, 1.0)] {
            let s = adjusted_shares(&base, &levers(oil, dh, hp));
            assert!((s.values().sum::<f64>() - 1.0).abs() < 1e-12, "{s:?}");
            assert!(s.values().all(|x| *x >= 0.0), "{s:?}");
        }
        let s = adjusted_shares(&base, &levers(0.0, 0.0, 0.0));
        assert_eq!(s[HeatingSystem::Oil], 0.0);
        assert!((s[HeatingSystem::AirToWaterHeatPump] - 0.1).abs() < 1e-12);
    }
}
