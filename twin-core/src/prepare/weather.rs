//! Deterministic synthetic weather for one model year (8760 hours) from a site's climate normals
//! and a seed.
//!
//! Temperature is the normal seasonal curve (monthly means, linearly interpolated between
//! mid-month days), plus a daily cycle (maximum near 15:00 local time), plus a persistent
//! anomaly (hourly AR(1) process), minus cold spells in winter (smooth dips of several days). Cloudiness is a daily clear-sky ratio around each month's normal, with day-to-day
//! persistence. The same site and seed always give the same weather, bit for bit (ChaCha8).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::scenario::Site;

/// Hours in the model year (365 days; 29 February is not modelled).
pub const HOURS: usize = 8760;
/// Days in the model year.
pub const DAYS: usize = 365;

/// Mid-month day-of-year (0-based, fractional) of each month in a 365-day year.
const MID_MONTH_DOY: [f64; 12] =
    [15.0, 44.5, 74.0, 104.5, 135.0, 165.5, 196.0, 227.0, 257.5, 288.0, 318.5, 349.0];

/// One year of hourly weather in local standard time, hour 0 = 1 January 00:00–01:00.
#[derive(Debug, Clone, PartialEq)]
pub struct WeatherYear {
    /// Outdoor air temperature, °C.
    pub temperature_c: Vec<f64>,
    /// The normal temperature without anomalies or cold spells, °C.
    pub normal_temperature_c: Vec<f64>,
    /// Ratio of actual to clear-sky global horizontal irradiance per day (0..1).
    pub daily_clear_sky_ratio: Vec<f64>,
}

/// Normal daily-mean temperature on a fractional day of year (0-based), °C.
fn seasonal_normal(monthly: &[f64], day: f64) -> f64 {
    // The last mid-month point on or before `day` (December's before mid-January).
    let prev = MID_MONTH_DOY.partition_point(|mid| *mid <= day).checked_sub(1).unwrap_or(11);
    let next = (prev + 1) % 12;
    let start = MID_MONTH_DOY[prev];
    let mut span = MID_MONTH_DOY[next] - start;
    let mut offset = day - start;
    if span <= 0.0 {
        span += DAYS as f64;
    }
    if offset < 0.0 {
        offset += DAYS as f64;
    }
    let t = offset / span;
    monthly[prev] + (monthly[next] - monthly[prev]) * t
}

/// Month index (0..12) of a 0-based day of a 365-day year.
pub fn month_of_day(day: usize) -> usize {
    const STARTS: [usize; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    STARTS.iter().rposition(|s| day >= *s).unwrap_or(0)
}

/// Generates the weather year for a site and seed.
///
/// ```
/// use twin_core::prepare::weather::{generate, HOURS};
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron")).unwrap();
/// let s = twin_core::Scenario::from_str_named(&text, "baerum.ron".as_ref()).unwrap();
/// let w = generate(&s.site, 7);
/// assert_eq!(w.temperature_c.len(), HOURS);
/// assert_eq!(w, generate(&s.site, 7));
/// ```
pub fn generate(site: &Site, seed: u64) -> WeatherYear {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let monthly = &site.monthly_mean_temperature_c;
    let half_range = site.diurnal_range_c / 2.0;

    // Cold spells: start day within Dec–Feb, 4–9 days long.
    let mut spells = Vec::new();
    for _ in 0..site.cold_spells_per_winter {
        let start = rng.random_range(0.0..90.0);
        // Days 0..59 are Jan–Feb, 59..90 map to December (day 334 onward).
        let start = if start < 59.0 { start } else { 334.0 + (start - 59.0) };
        let length = rng.random_range(4.0..9.0);
        spells.push((start, length));
    }

    let phi = (-1.0 / site.temperature_persistence_h).exp();
    let innovation_sd = site.temperature_anomaly_sd_c * (1.0 - phi * phi).sqrt();
    let first: f64 = StandardNormal.sample(&mut rng);
    let mut anomaly = site.temperature_anomaly_sd_c * first;

    // The daily cycle, the same 24 values every day.
    let cycle: [f64; 24] = std::array::from_fn(|hour| {
        let hour_of_day = hour as f64 + 0.5;
        half_range * ((hour_of_day - 15.0) / 24.0 * std::f64::consts::TAU).cos()
    });
    let mut temperature_c = Vec::with_capacity(HOURS);
    let mut normal_temperature_c = Vec::with_capacity(HOURS);
    for hour in 0..HOURS {
        let day = (hour as f64 + 0.5) / 24.0;
        let normal = seasonal_normal(monthly, day) + cycle[hour % 24];
        let mut dip = 0.0;
        // A spell at least a day away from `day` (most of the year) is passed over unevaluated.
        for (start, length) in
            spells.iter().filter(|(start, length)| (start - 1.0..start + length + 1.0).contains(&day))
        {
            let x = (day - start) / length;
            if (0.0..1.0).contains(&x) {
                dip += site.cold_spell_depth_c * (x * std::f64::consts::PI).sin();
            }
        }
        let noise: f64 = StandardNormal.sample(&mut rng);
        anomaly = phi * anomaly + innovation_sd * noise;
        normal_temperature_c.push(normal);
        temperature_c.push(normal + site.temperature_offset_c + anomaly - dip);
    }

    // Daily cloudiness: AR(1) from day to day around the month's normal ratio.
    let mut daily_clear_sky_ratio = Vec::with_capacity(DAYS);
    let mut cloud_anomaly: f64 = StandardNormal.sample(&mut rng);
    for day in 0..DAYS {
        let noise: f64 = StandardNormal.sample(&mut rng);
        cloud_anomaly = 0.5 * cloud_anomaly + (1.0f64 - 0.25).sqrt() * noise;
        let mean = site.monthly_clear_sky_ratio[month_of_day(day)];
        let ratio = (mean * (1.0 + 0.45 * cloud_anomaly)).clamp(0.05, 1.0);
        daily_clear_sky_ratio.push(ratio);
    }

    WeatherYear { temperature_c, normal_temperature_c, daily_clear_sky_ratio }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seasonal_curve_passes_through_mid_month_normals() {
        let monthly: Vec<f64> = (0..12).map(|m| m as f64).collect();
        for (m, mid) in MID_MONTH_DOY.iter().enumerate() {
            assert!((seasonal_normal(&monthly, *mid) - m as f64).abs() < 1e-12);
        }
        // Wraps from December to January.
        let v = seasonal_normal(&monthly, 2.0);
        assert!(v > 0.0 && v < 11.0);
    }

    #[test]
    fn month_of_day_boundaries() {
        assert_eq!(month_of_day(0), 0);
        assert_eq!(month_of_day(30), 0);
        assert_eq!(month_of_day(31), 1);
        assert_eq!(month_of_day(364), 11);
    }
}
