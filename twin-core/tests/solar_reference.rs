//! Agreement with pvlib (NREL SPA, Ineichen clear sky, isotropic plane of array) on reference
//! data made by `scripts/solar_reference.py` (pvlib 0.16.1) and committed as CSV.

use twin_core::prepare::solar::{
    UtcTime, day_of_year, extraterrestrial_w_m2, ineichen, plane_of_array_isotropic, pressure_at_altitude_pa,
    sun_position,
};

struct Row {
    site: String,
    lat: f64,
    lon: f64,
    elevation_m: f64,
    tilt: f64,
    surface_azimuth: f64,
    linke: f64,
    albedo: f64,
    delta_t: f64,
    time: UtcTime,
    elevation_deg: f64,
    azimuth_deg: f64,
    ghi: f64,
    dni: f64,
    dhi: f64,
    poa: f64,
}

fn rows() -> Vec<Row> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/solar_reference.csv");
    let mut reader = csv::Reader::from_path(path).expect("reference CSV exists");
    reader
        .records()
        .map(|r| {
            let r = r.expect("valid CSV record");
            let f = |i: usize| r[i].parse::<f64>().expect("number");
            let t = &r[9];
            let n = |a: usize, b: usize| t[a..b].parse::<u32>().expect("date part");
            Row {
                site: r[0].to_owned(),
                lat: f(1),
                lon: f(2),
                elevation_m: f(3),
                tilt: f(4),
                surface_azimuth: f(5),
                linke: f(6),
                albedo: f(7),
                delta_t: f(8),
                time: UtcTime {
                    year: t[0..4].parse().expect("year"),
                    month: n(5, 7),
                    day: n(8, 10),
                    hour: n(11, 13),
                    minute: n(14, 16),
                },
                elevation_deg: f(10),
                azimuth_deg: f(11),
                ghi: f(12),
                dni: f(13),
                dhi: f(14),
                poa: f(15),
            }
        })
        .collect()
}

fn angle_difference(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(360.0);
    d.min(360.0 - d)
}

/// Within 1 % of the reference, or 0.01 W/m² for values that are (nearly) zero.
fn close(ours: f64, reference: f64) -> bool {
    (ours - reference).abs() <= (0.01 * reference.abs()).max(0.01)
}

#[test]
fn reference_covers_sites_and_daylight() {
    let rows = rows();
    assert!(rows.len() > 1000);
    for site in ["baerum", "traena", "alesund", "golden_co"] {
        assert!(rows.iter().any(|r| r.site == site && r.ghi > 300.0), "{site} has daylight rows");
    }
}

#[test]
fn sun_position_matches_nrel_spa_within_0_01_degrees() {
    let mut worst: f64 = 0.0;
    for r in rows() {
        let pressure_hpa = pressure_at_altitude_pa(r.elevation_m) / 100.0;
        let p = sun_position(r.lat, r.lon, r.elevation_m, r.time, r.delta_t, pressure_hpa, 12.0)
            .expect("position");
        let de = (p.apparent_elevation_deg() - r.elevation_deg).abs();
        let da = angle_difference(p.azimuth_deg, r.azimuth_deg);
        worst = worst.max(de).max(da);
        assert!(
            de < 0.01,
            "{} {:?}: elevation {} vs {}",
            r.site,
            r.time,
            p.apparent_elevation_deg(),
            r.elevation_deg
        );
        assert!(da < 0.01, "{} {:?}: azimuth {} vs {}", r.site, r.time, p.azimuth_deg, r.azimuth_deg);
    }
    eprintln!("worst angle difference {worst:e} degrees");
}

#[test]
fn clear_sky_and_plane_of_array_match_pvlib_within_1_percent() {
    for r in rows() {
        let pressure_hpa = pressure_at_altitude_pa(r.elevation_m) / 100.0;
        let p = sun_position(r.lat, r.lon, r.elevation_m, r.time, r.delta_t, pressure_hpa, 12.0)
            .expect("position");
        let dni_extra = extraterrestrial_w_m2(day_of_year(r.time.year, r.time.month, r.time.day));
        let cs = ineichen(p.apparent_zenith_deg, r.elevation_m, r.linke, dni_extra);
        let poa = plane_of_array_isotropic(
            r.tilt,
            r.surface_azimuth,
            p.apparent_zenith_deg,
            p.azimuth_deg,
            cs,
            r.albedo,
        );
        let what = format!("{} {:?}", r.site, r.time);
        assert!(close(cs.ghi_w_m2, r.ghi), "{what}: GHI {} vs {}", cs.ghi_w_m2, r.ghi);
        assert!(close(cs.dni_w_m2, r.dni), "{what}: DNI {} vs {}", cs.dni_w_m2, r.dni);
        assert!(close(cs.dhi_w_m2, r.dhi), "{what}: DHI {} vs {}", cs.dhi_w_m2, r.dhi);
        assert!(close(poa, r.poa), "{what}: POA {} vs {}", poa, r.poa);
    }
}

/// The fast path (the orbit's terms once a day, interpolated) against the exact SPA at every
/// hour of a common and a leap year, at the four municipalities, the Arctic, the equator and the
/// southern hemisphere: elevation within 1e-5°, azimuth within 1e-4° while the sun is up, and
/// clear-sky irradiance within 0.01 W/m².
#[test]
fn the_interpolated_sun_path_agrees_with_spa_at_every_hour() {
    use twin_core::prepare::sun_days::{Site, SunDays, position_at};
    let sites = [(59.89, 10.52, 50.0), (62.47, 6.15, 10.0), (66.51, 12.03, 5.0), (63.43, 10.40, 100.0)]
        .into_iter()
        .chain([(78.22, 15.65, 10.0), (0.0, -78.5, 2800.0), (-33.92, 18.42, 0.0)]);
    let sites: Vec<(f64, f64, f64)> = sites.collect();
    let (mut worst_elevation, mut worst_azimuth, mut worst_ghi) = (0.0_f64, 0.0_f64, 0.0_f64);
    for year in [2025, 2024] {
        let delta_t = twin_core::prepare::solar::delta_t_s(year);
        let days = SunDays::new(year, delta_t).expect("a table");
        let leap = year % 4 == 0;
        for doy in 1..=(365 + u32::from(leap)) {
            let (month, day) = twin_core::prepare::solar::month_day(year, doy);
            for hour in 0..24 {
                let time = UtcTime { year, month, day, hour, minute: 30 };
                let terms = days.at(time).expect("inside the year");
                for &(lat, lon, elevation_m) in &sites {
                    let pressure = pressure_at_altitude_pa(elevation_m) / 100.0;
                    let exact =
                        sun_position(lat, lon, elevation_m, time, delta_t, pressure, 12.0).expect("SPA");
                    let fast = position_at(&terms, &Site::new(lat, lon, elevation_m, pressure, 12.0));
                    worst_elevation =
                        worst_elevation.max((exact.apparent_zenith_deg - fast.apparent_zenith_deg).abs());
                    if exact.apparent_elevation_deg() > 0.0 {
                        let d = (exact.azimuth_deg - fast.azimuth_deg + 180.0).rem_euclid(360.0) - 180.0;
                        worst_azimuth = worst_azimuth.max(d.abs());
                    }
                    let ghi = |zenith: f64| ineichen(zenith, elevation_m, 3.0, 1361.0).ghi_w_m2;
                    worst_ghi =
                        worst_ghi.max((ghi(exact.apparent_zenith_deg) - ghi(fast.apparent_zenith_deg)).abs());
                }
            }
        }
    }
    assert!(worst_elevation < 1e-5, "elevation off by {worst_elevation:e}°");
    assert!(worst_azimuth < 1e-4, "azimuth off by {worst_azimuth:e}°");
    assert!(worst_ghi < 0.01, "clear-sky GHI off by {worst_ghi} W/m²");
    eprintln!("worst: elevation {worst_elevation:e}°, azimuth {worst_azimuth:e}°, GHI {worst_ghi:e} W/m²");
}
