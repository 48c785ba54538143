//! Everything about a scenario that levers cannot change, computed once and reused by every
//! run: the weather year, sun positions and PV output per kWp, and the hourly shape of each
//! demand (space heat, hot water, appliances, EV charging) with the electricity each heating
//! system needs per unit of heat.
//!
//! Invariant: the shape profiles of hot water, appliances and EV charging each sum to 1 over the
//! year; the space-heat profile sums to the weather year's heating degree-hours divided by the
//! normal climate's, so a colder year needs more heat.

pub mod routes;
pub mod solar;
pub mod stock;
pub mod sun_days;
pub mod weather;

use serde::Serialize;

use self::solar::UtcTime;
use self::weather::{DAYS, HOURS, WeatherYear};
use crate::catalogue::HeatingSystem;
use crate::scenario::{CopCurve, HeatingParameters, Scenario};

/// Heating systems that use electricity in buildings, in the order of [`Prepared`]'s arrays.
pub const ELECTRIC_SYSTEMS: [HeatingSystem; 4] = [
    HeatingSystem::AirToAirHeatPump,
    HeatingSystem::AirToWaterHeatPump,
    HeatingSystem::GroundSourceHeatPump,
    HeatingSystem::DirectElectric,
];

/// Lever-independent hourly inputs of the model for one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Prepared {
    /// Outdoor air temperature per hour, °C.
    pub temperature_c: Vec<f64>,
    /// Global horizontal irradiance per hour, W/m².
    pub ghi_w_m2: Vec<f64>,
    /// PV output per hour per kWp installed, kW/kWp (= kWh/kWp in the hour).
    pub pv_kw_per_kwp: Vec<f64>,
    /// Space heat per hour per unit of annual normal-climate space heat.
    pub space_heat_profile: Vec<f64>,
    /// Hot-water heat per hour per unit of annual hot water.
    pub hot_water_profile: Vec<f64>,
    /// Residential appliance electricity per hour per unit of annual use.
    pub appliance_profile_residential: Vec<f64>,
    /// Non-residential appliance electricity per hour per unit of annual use.
    pub appliance_profile_non_residential: Vec<f64>,
    /// Uncontrolled EV charging per hour per unit of annual charging.
    pub ev_uncontrolled_profile: Vec<f64>,
    /// Smart EV charging (night valley) per hour per unit of annual charging.
    pub ev_smart_profile: Vec<f64>,
    /// Annual EV energy relative to the nominal (mild-weather) consumption (cold-weather extra).
    pub ev_energy_factor: f64,
    /// Electricity per hour per unit of annual normal space heat, for each of
    /// [`ELECTRIC_SYSTEMS`].
    pub electricity_per_space_heat: [Vec<f64>; 4],
    /// Electricity per hour per unit of annual hot water, for each of [`ELECTRIC_SYSTEMS`].
    pub electricity_per_hot_water: [Vec<f64>; 4],
    /// Annual sums of `electricity_per_space_heat`.
    pub electricity_per_space_heat_sum: [f64; 4],
    /// Annual sums of `electricity_per_hot_water`.
    pub electricity_per_hot_water_sum: [f64; 4],
    /// Annual sum of `space_heat_profile` (weather-year / normal heating degree-hours).
    pub space_heat_sum: f64,
    /// Annual PV yield, kWh per kWp.
    pub pv_yield_kwh_per_kwp: f64,
    /// Materials of the scenario's building-stock groups (from their stock models), in
    /// scenario order.
    pub stock_materials: Vec<crate::prepare::stock::GroupMaterials>,
    /// The routes material flows take, shared by every year's flows.
    pub material_routes: routes::MaterialRoutes,
}

/// The sun's path over the model year at a site: position (SPA, its time-only terms interpolated
/// from daily values: [`sun_days`]), extraterrestrial and clear-sky irradiance at the middle of
/// every local-standard-time hour. Depends only on the site's
/// coordinates, elevation, time zone and Linke turbidity, and on the base year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SunYear {
    /// Apparent zenith angle, degrees.
    pub apparent_zenith_deg: Vec<f64>,
    /// The same angle's cosine and sine.
    pub zenith: Vec<solar::Zenith>,
    /// Azimuth clockwise from north, degrees.
    pub azimuth_deg: Vec<f64>,
    /// Extraterrestrial normal irradiance, W/m².
    pub dni_extra_w_m2: Vec<f64>,
    /// Clear-sky global horizontal irradiance (Ineichen), W/m².
    pub clear_sky_ghi_w_m2: Vec<f64>,
}

impl SunYear {
    /// Computes the sun's path for a scenario's site and base year.
    pub fn new(scenario: &Scenario) -> SunYear {
        let site = &scenario.site;
        let year = scenario.base_year;
        let delta_t = solar::delta_t_s(year);
        let pressure_hpa = solar::pressure_at_altitude_pa(site.elevation_m) / 100.0;
        let leap = solar::is_leap_year(year);
        // The orbit every three days, interpolated to the hours (within 1e-5° of SPA at every hour).
        let days = sun_days::SunDays::new(year, delta_t).ok();
        let place =
            sun_days::Site::new(site.latitude_deg, site.longitude_deg, site.elevation_m, pressure_hpa, 12.0);
        let clear_sky = solar::ClearSky::new(site.elevation_m, site.linke_turbidity);
        let mut out = SunYear {
            apparent_zenith_deg: vec![90.0; HOURS],
            zenith: vec![solar::Zenith::from_deg(90.0); HOURS],
            azimuth_deg: vec![0.0; HOURS],
            dni_extra_w_m2: vec![0.0; HOURS],
            clear_sky_ghi_w_m2: vec![0.0; HOURS],
        };
        for day in 0..DAYS {
            // The model year has 365 days; in leap years 29 February is skipped.
            let doy = day as u32 + 1 + u32::from(leap && day >= 59);
            let dni_extra = solar::extraterrestrial_w_m2(doy);
            for hour in 0..24 {
                let h = day * 24 + hour;
                // Local standard time, middle of the hour, to UTC.
                let Some(time) = utc_of_local_hour(year, doy, hour as i32 - site.utc_offset_h) else {
                    continue;
                };
                let Some(terms) = days.as_ref().and_then(|d| d.at(time)) else { continue };
                let sun = sun_days::position_at(&terms, &place);
                let clear = clear_sky.irradiance(sun.apparent_zenith_deg, dni_extra);
                out.apparent_zenith_deg[h] = sun.apparent_zenith_deg;
                out.zenith[h] = solar::Zenith::from_deg(sun.apparent_zenith_deg);
                out.azimuth_deg[h] = sun.azimuth_deg;
                out.dni_extra_w_m2[h] = dni_extra;
                out.clear_sky_ghi_w_m2[h] = clear.ghi_w_m2;
            }
        }
        out
    }
}

/// The UTC time at half past `utc_hour` (which may fall outside 0..24) of day `doy` of `year`.
fn utc_of_local_hour(year: i32, doy: u32, utc_hour: i32) -> Option<UtcTime> {
    let days_in = |y: i32| if solar::is_leap_year(y) { 366 } else { 365 };
    let mut day = doy as i32 + utc_hour.div_euclid(24);
    let hour = utc_hour.rem_euclid(24) as u32;
    let mut y = year;
    if day < 1 {
        y -= 1;
        day += days_in(y);
    } else if day > days_in(y) {
        day -= days_in(y);
        y += 1;
    }
    let day = u32::try_from(day).ok()?;
    let (month, dom) = solar::month_day(y, day);
    Some(UtcTime { year: y, month, day: dom, hour, minute: 30 })
}

fn empty_stock_result() -> crate::math::dsm::StockResult {
    crate::math::dsm::StockResult {
        years: Vec::new(),
        inflow: Vec::new(),
        outflow: Vec::new(),
        stock: Vec::new(),
    }
}

fn cop(curve: &CopCurve, temperature_c: f64) -> f64 {
    (curve.cop_at_0c + curve.slope_per_k * temperature_c).clamp(curve.min_cop, curve.max_cop)
}

/// Weekday of 1 January (0 = Monday) in the proleptic Gregorian calendar.
fn weekday_of_new_year(year: i32) -> usize {
    // Days from 1 January 2001 (a Monday), counted with full leap-year rules.
    let y = i64::from(year) - 1;
    let days =
        365 * (y - 2000) + (y.div_euclid(4) - 500) - (y.div_euclid(100) - 20) + (y.div_euclid(400) - 5);
    days.rem_euclid(7) as usize
}

fn normalise(v: &mut [f64]) {
    let sum: f64 = v.iter().sum();
    if sum > 0.0 {
        v.iter_mut().for_each(|x| *x /= sum);
    }
}

/// Hot-water draw by hour of day (relative).
const HOT_WATER_SHAPE: [f64; 24] = [
    0.3, 0.2, 0.2, 0.2, 0.3, 0.6, 1.4, 2.0, 1.6, 1.1, 0.9, 0.9, 0.9, 0.8, 0.8, 0.9, 1.1, 1.4, 1.6, 1.5, 1.3,
    1.1, 0.8, 0.5,
];
/// Residential appliance and lighting use by hour of day (relative).
const RESIDENTIAL_SHAPE: [f64; 24] = [
    0.55, 0.5, 0.48, 0.47, 0.48, 0.55, 0.8, 1.05, 1.0, 0.9, 0.88, 0.9, 0.92, 0.9, 0.92, 1.0, 1.15, 1.35,
    1.45, 1.4, 1.3, 1.15, 0.9, 0.7,
];
/// Uncontrolled EV charging by hour of day: plugged in on arrival home (relative).
const EV_UNCONTROLLED_SHAPE: [f64; 24] = [
    0.35, 0.25, 0.2, 0.15, 0.15, 0.2, 0.3, 0.4, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.6, 0.9, 1.5, 2.2, 2.5, 2.3,
    1.9, 1.5, 1.0, 0.6,
];
/// Smart EV charging: the night valley 23:00–06:00 (relative).
const EV_SMART_SHAPE: [f64; 24] = [
    1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
    0.0, 0.0, 1.0,
];

impl Prepared {
    /// Computes the lever-independent inputs of `scenario` (weather, sun, PV, shapes).
    pub fn new(scenario: &Scenario) -> Prepared {
        Prepared::with_sun(scenario, &SunYear::new(scenario))
    }

    /// Like [`Prepared::new`] with the sun's path already computed (it depends only on the
    /// site and the base year, so ensembles compute it once).
    pub fn with_sun(scenario: &Scenario, sun: &SunYear) -> Prepared {
        let weather: WeatherYear = weather::generate(&scenario.site, scenario.seed);
        let (ghi_w_m2, pv_kw_per_kwp) = pv_output(scenario, sun, &weather);
        let space_heat_profile = space_heat_profile(scenario.site.heating_base_temperature_c, &weather);
        let days = DailyProfiles::new(scenario, &weather.temperature_c);
        let (electricity_per_space_heat, electricity_per_hot_water) = electricity_per_heat(
            &scenario.heating,
            &weather.temperature_c,
            &space_heat_profile,
            &days.hot_water,
        );
        let electricity_per_space_heat_sum = electricity_per_space_heat.each_ref().map(|v| v.iter().sum());
        let electricity_per_hot_water_sum = electricity_per_hot_water.each_ref().map(|v| v.iter().sum());
        let stock_materials = stock_materials(scenario);
        Prepared {
            material_routes: routes::MaterialRoutes::new(scenario, &stock_materials),
            stock_materials,
            space_heat_sum: space_heat_profile.iter().sum(),
            pv_yield_kwh_per_kwp: pv_kw_per_kwp.iter().sum(),
            temperature_c: weather.temperature_c,
            ghi_w_m2,
            pv_kw_per_kwp,
            space_heat_profile,
            hot_water_profile: days.hot_water,
            appliance_profile_residential: days.appliances_residential,
            appliance_profile_non_residential: days.appliances_non_residential,
            ev_uncontrolled_profile: days.ev_uncontrolled,
            ev_smart_profile: days.ev_smart,
            ev_energy_factor: days.ev_energy_factor,
            electricity_per_space_heat,
            electricity_per_hot_water,
            electricity_per_space_heat_sum,
            electricity_per_hot_water_sum,
        }
    }
}

/// Global horizontal irradiance (W/m²) and PV output per kWp (kW/kWp) in every hour, from the
/// clear sky and the day's cloudiness.
fn pv_output(scenario: &Scenario, sun: &SunYear, weather: &WeatherYear) -> (Vec<f64>, Vec<f64>) {
    let (site, pv, t) = (&scenario.site, &scenario.pv, &weather.temperature_c);
    let plane = solar::Plane::new(pv.tilt_deg, pv.azimuth_deg);
    let mut ghi_w_m2 = vec![0.0; HOURS];
    let mut pv_kw_per_kwp = vec![0.0; HOURS];
    for h in 0..HOURS {
        let clear_ghi = sun.clear_sky_ghi_w_m2[h];
        if clear_ghi <= 0.0 {
            continue;
        }
        let zenith = sun.zenith[h];
        let ghi = clear_ghi * weather.daily_clear_sky_ratio[h / 24];
        let split = solar::erbs_at(ghi, zenith.cos, sun.dni_extra_w_m2[h]);
        let poa = plane.isotropic_irradiance(zenith, sun.azimuth_deg[h], split, site.albedo);
        let cell_c = t[h] + (pv.noct_c - 20.0) / 800.0 * poa;
        let output = poa / 1000.0
            * (1.0 + pv.temperature_coefficient_per_k * (cell_c - 25.0))
            * (1.0 - pv.system_loss_share);
        ghi_w_m2[h] = ghi;
        pv_kw_per_kwp[h] = output.max(0.0);
    }
    (ghi_w_m2, pv_kw_per_kwp)
}

/// Space heat per hour: degree-hours below the base temperature, relative to the normal climate's.
fn space_heat_profile(base_c: f64, weather: &WeatherYear) -> Vec<f64> {
    let normal_degree_hours: f64 = weather.normal_temperature_c.iter().map(|x| (base_c - x).max(0.0)).sum();
    if normal_degree_hours > 0.0 {
        weather.temperature_c.iter().map(|x| (base_c - x).max(0.0) / normal_degree_hours).collect()
    } else {
        vec![0.0; HOURS]
    }
}

/// The daily shapes of hot water, appliances and EV charging over the year, each normalised to
/// sum to 1, with the EV's cold-weather energy factor.
struct DailyProfiles {
    hot_water: Vec<f64>,
    appliances_residential: Vec<f64>,
    appliances_non_residential: Vec<f64>,
    ev_uncontrolled: Vec<f64>,
    ev_smart: Vec<f64>,
    /// Annual EV energy relative to mild weather.
    ev_energy_factor: f64,
}

impl DailyProfiles {
    fn new(scenario: &Scenario, t: &[f64]) -> DailyProfiles {
        // Weekday of each day for non-residential schedules.
        let first_weekday = weekday_of_new_year(scenario.base_year);
        let is_workday = |day: usize| (first_weekday + day) % 7 < 5;
        let mut p = DailyProfiles {
            hot_water: vec![0.0; HOURS],
            appliances_residential: vec![0.0; HOURS],
            appliances_non_residential: vec![0.0; HOURS],
            ev_uncontrolled: vec![0.0; HOURS],
            ev_smart: vec![0.0; HOURS],
            ev_energy_factor: 0.0,
        };
        let mut ev_multiplier_sum = 0.0;
        for day in 0..DAYS {
            // Seasonal factors: more hot water and lighting in winter (±10 %, ±15 %).
            let season = ((day as f64 + 0.5) / DAYS as f64 * std::f64::consts::TAU).cos();
            let mean_t: f64 = t[day * 24..day * 24 + 24].iter().sum::<f64>() / 24.0;
            let ev_multiplier = 1.0 + scenario.transport.ev_cold_extra_share_per_k * (15.0 - mean_t).max(0.0);
            ev_multiplier_sum += ev_multiplier;
            for hour in 0..24 {
                let h = day * 24 + hour;
                p.hot_water[h] = HOT_WATER_SHAPE[hour] * (1.0 + 0.10 * season);
                p.appliances_residential[h] = RESIDENTIAL_SHAPE[hour] * (1.0 + 0.15 * season);
                let open = is_workday(day) && (7..18).contains(&hour);
                p.appliances_non_residential[h] = if open { 1.0 } else { 0.35 } * (1.0 + 0.1 * season);
                p.ev_uncontrolled[h] = EV_UNCONTROLLED_SHAPE[hour] * ev_multiplier;
                p.ev_smart[h] = EV_SMART_SHAPE[hour] * ev_multiplier;
            }
        }
        for v in [
            &mut p.hot_water,
            &mut p.appliances_residential,
            &mut p.appliances_non_residential,
            &mut p.ev_uncontrolled,
            &mut p.ev_smart,
        ] {
            normalise(v);
        }
        p.ev_energy_factor = ev_multiplier_sum / DAYS as f64;
        p
    }
}

/// Electricity per unit of space heat and of hot water for each of [`ELECTRIC_SYSTEMS`], hour by
/// hour, from the heat pumps' COP at the hour's temperature.
fn electricity_per_heat(
    heating: &HeatingParameters,
    t: &[f64],
    space_heat: &[f64],
    hot_water: &[f64],
) -> ([Vec<f64>; 4], [Vec<f64>; 4]) {
    let coverage = heating.air_to_air_coverage_share;
    // Both kinds of heat through a heat pump of this COP curve.
    let through = |curve: &CopCurve| -> (Vec<f64>, Vec<f64>) {
        let cops = t.iter().map(|t| cop(curve, *t));
        cops.zip(space_heat.iter().zip(hot_water)).map(|(c, (sh, hw))| (sh / c, hw / c)).unzip()
    };
    let per_system = ELECTRIC_SYSTEMS.map(|system| match system {
        // The air-to-air pump covers a share of the space heat; panels the rest and hot water.
        HeatingSystem::AirToAirHeatPump => {
            let cops = t.iter().map(|t| cop(&heating.air_to_air_cop, *t));
            let sh = cops.zip(space_heat).map(|(c, sh)| sh * (coverage / c + (1.0 - coverage))).collect();
            (sh, hot_water.to_vec())
        }
        HeatingSystem::AirToWaterHeatPump => through(&heating.air_to_water_cop),
        HeatingSystem::GroundSourceHeatPump => through(&heating.ground_source_cop),
        _ => (space_heat.to_vec(), hot_water.to_vec()),
    });
    let [a, b, c, d] = per_system;
    ([a.0, b.0, c.0, d.0], [a.1, b.1, c.1, d.1])
}

/// Each building-stock group's materials from its stock model (validation checked that every
/// group's model can be solved).
fn stock_materials(scenario: &Scenario) -> Vec<stock::GroupMaterials> {
    scenario
        .materials
        .iter()
        .flat_map(|m| &m.stock_groups)
        .map(|g| {
            let result = stock::stock_model(scenario, g).unwrap_or_else(|_| empty_stock_result());
            stock::group_materials(g, &result, scenario.base_year)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_hours_map_to_utc_across_year_ends() {
        let t = utc_of_local_hour(2025, 1, -1).expect("time");
        assert_eq!((t.year, t.month, t.day, t.hour), (2024, 12, 31, 23));
        let t = utc_of_local_hour(2025, 365, 24).expect("time");
        assert_eq!((t.year, t.month, t.day, t.hour), (2026, 1, 1, 0));
        let t = utc_of_local_hour(2024, 60, 5).expect("time");
        assert_eq!((t.year, t.month, t.day, t.hour), (2024, 2, 29, 5));
    }

    #[test]
    fn new_year_weekdays() {
        // 1 Jan 2024 was a Monday, 2023 a Sunday, 2026 a Thursday.
        assert_eq!(weekday_of_new_year(2024), 0);
        assert_eq!(weekday_of_new_year(2023), 6);
        assert_eq!(weekday_of_new_year(2026), 3);
        assert_eq!(weekday_of_new_year(2001), 0);
        assert_eq!(weekday_of_new_year(2000), 5);
    }
}
