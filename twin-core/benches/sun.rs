//! Speed of the sun's path: the pipeline pvlib runs in `scripts/solar_speed.py` (SPA, Spencer
//! extraterrestrial irradiance, Kasten–Young air mass, Ineichen clear sky, isotropic plane of
//! array) for every UTC hour of 2025, at one site and at 100, by the exact SPA and by the
//! interpolated path (`prepare::sun_days`, the orbit's terms once a day and shared by the sites).
//!
//! `cargo bench -p twin-core --bench sun`; target: ≥ 10× faster than pvlib for one site-year and
//! for 100 (compare with `python scripts/solar_speed.py`, on the same machine, side by side).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use twin_core::prepare::solar::{
    ClearSky, Plane, SunPosition, UtcTime, Zenith, delta_t_s, extraterrestrial_w_m2, month_day,
    pressure_at_altitude_pa, sun_position,
};
use twin_core::prepare::sun_days::{Site, SunDays, TimeTerms, position_at};

const YEAR: i32 = 2025;
const ELEVATION_M: f64 = 50.0;

/// Every hour of the year: its time and day of year.
fn hours() -> Vec<(UtcTime, u32)> {
    (1..=365)
        .flat_map(|doy| {
            let (month, day) = month_day(YEAR, doy);
            (0..24).map(move |hour| (UtcTime { year: YEAR, month, day, hour, minute: 0 }, doy))
        })
        .collect()
}

/// Extraterrestrial irradiance of each day of the year (a daily quantity), W/m².
fn extra() -> Vec<f64> {
    (0..=365_u32).map(|doy| extraterrestrial_w_m2(doy.max(1))).collect()
}

/// A site's clear sky (Ineichen, Linke turbidity 3) and its south-facing panel tilted 30°.
struct Panel {
    clear_sky: ClearSky,
    plane: Plane,
}

impl Panel {
    fn new() -> Panel {
        Panel { clear_sky: ClearSky::new(ELEVATION_M, 3.0), plane: Plane::new(30.0, 180.0) }
    }

    /// Clear-sky irradiance on the panel, W/m².
    fn poa(&self, sun: SunPosition, dni_extra_w_m2: f64) -> f64 {
        let clear = self.clear_sky.irradiance(sun.apparent_zenith_deg, dni_extra_w_m2);
        let zenith = Zenith::from_deg(sun.apparent_zenith_deg);
        self.plane.isotropic_irradiance(zenith, sun.azimuth_deg, clear, 0.2)
    }
}

fn sites(n: usize) -> Vec<(f64, f64)> {
    (0..n).map(|i| (58.0 + 0.1 * i as f64, 5.0 + 0.15 * i as f64)).collect()
}

fn exact(hours: &[(UtcTime, u32)], lat: f64, lon: f64) -> f64 {
    let (delta_t, pressure) = (delta_t_s(YEAR), pressure_at_altitude_pa(ELEVATION_M) / 100.0);
    let (extra, panel) = (extra(), Panel::new());
    hours
        .iter()
        .filter_map(|&(t, doy)| {
            let sun = sun_position(lat, lon, ELEVATION_M, t, delta_t, pressure, 12.0).ok()?;
            Some(panel.poa(sun, extra[doy as usize]))
        })
        .sum()
}

fn fast(hours: &[(UtcTime, u32)], sites: &[(f64, f64)]) -> f64 {
    let delta_t = delta_t_s(YEAR);
    let pressure = pressure_at_altitude_pa(ELEVATION_M) / 100.0;
    let Ok(days) = SunDays::new(YEAR, delta_t) else { return f64::NAN };
    let extra = extra();
    let terms: Vec<(TimeTerms, u32)> =
        hours.iter().filter_map(|&(t, doy)| days.at(t).map(|x| (x, doy))).collect();
    sites
        .iter()
        .map(|&(lat, lon)| {
            let (site, panel) = (Site::new(lat, lon, ELEVATION_M, pressure, 12.0), Panel::new());
            terms.iter().map(|(x, doy)| panel.poa(position_at(x, &site), extra[*doy as usize])).sum::<f64>()
        })
        .sum()
}

fn benches(c: &mut Criterion) {
    let hours = hours();
    let mut group = c.benchmark_group("sun_path");
    group.sample_size(20);
    group.bench_function("one_site_year_exact_spa", |b| b.iter(|| black_box(exact(&hours, 59.89, 10.52))));
    group.bench_function("one_site_year_interpolated", |b| b.iter(|| black_box(fast(&hours, &sites(1)))));
    group.bench_function("100_site_years_interpolated", |b| b.iter(|| black_box(fast(&hours, &sites(100)))));
    group.finish();
}

criterion_group!(sun, benches);
criterion_main!(sun);
