//! The sun's path over a year, fast. NREL's SPA spends nearly all its time on terms that depend
//! only on the time, not on the site: the Earth's orbit (the L, B, R series), nutation and the
//! sidereal time. Here they are computed exactly (by the `solar-positioning` crate) every three
//! days at 0 h UT and interpolated to any hour with a quintic through six nodes, on quantities
//! that vary slowly: the geocentric declination, the Earth–Sun distance, and the sun's hour angle at
//! Greenwich less the mean sidereal time (the sun's apparent right ascension and the equation of
//! the equinoxes). SPA's site steps (Reda & Andreas 2003, §3.9–3.14: parallax, topocentric hour
//! angle and declination, elevation with refraction, azimuth) then run for each site and hour,
//! with what depends only on the site computed once for it ([`Site`]) and what depends only on
//! the hour once for all sites ([`TimeTerms`]).
//!
//! One [`SunDays`] table serves every site of the year, so a sweep over many municipalities
//! pays for the orbit once. The exact path ([`super::solar::sun_position`]) stays for
//! `twin solar` and the check against pvlib; `twin-core/tests/solar_reference.rs` holds this
//! path within 1e-5° of it in elevation (2.4e-6° measured) at every hour of two years.

use solar_positioning::time::JulianDate;
use solar_positioning::{Location, SolarPositions};

use super::solar::{SolarError, SunPosition, UtcTime};

/// Polar over equatorial radius of the Earth (SPA's flattening factor).
const FLATTENING: f64 = 0.99664719;
/// Equatorial radius of the Earth, m (SPA's value).
const EARTH_RADIUS_M: f64 = 6_378_140.0;
/// Below this elevation, degrees, SPA applies no refraction (the sun's radius and refraction at
/// the horizon).
const REFRACTION_FROM_DEG: f64 = -0.83337;
/// Julian date of J2000.0 (2000-01-01 12:00 TT), days.
const J2000_JD: f64 = 2_451_545.0;
/// Days between the exact nodes. The quintic's error grows as the sixth power of it: three days
/// keep the elevation within 2.4e-6° of SPA (four: 9.7e-6°; a cubic every two days: 3.8e-6°),
/// with a third of the exact evaluations a daily table would need.
const STEP_DAYS: f64 = 3.0;

/// The time-only terms at one instant, with the sines and cosines every site's steps take of them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeTerms {
    /// The sun's apparent hour angle at Greenwich (apparent sidereal time less right
    /// ascension), degrees.
    pub greenwich_hour_angle_deg: f64,
    /// Geocentric declination, degrees.
    pub declination_deg: f64,
    /// Earth–Sun distance, astronomical units.
    pub radius_au: f64,
    /// Sine and cosine of the declination.
    sin_cos_declination: (f64, f64),
    /// Sine of the sun's equatorial horizontal parallax (SPA §3.10).
    sin_parallax: f64,
}

impl TimeTerms {
    /// The terms from the sun's hour angle at Greenwich and declination (degrees) and the
    /// Earth–Sun distance (AU).
    fn new(greenwich_hour_angle_deg: f64, declination_deg: f64, radius_au: f64) -> TimeTerms {
        // The parallax is under 1e-4 rad, so sine's series ends at its cube (the next term is
        // 3e-20 of it, below rounding).
        let parallax = (8.794 / (3600.0 * radius_au)).to_radians();
        TimeTerms {
            greenwich_hour_angle_deg,
            declination_deg,
            radius_au,
            sin_cos_declination: declination_deg.to_radians().sin_cos(),
            sin_parallax: parallax - parallax * parallax * parallax / 6.0,
        }
    }
}

/// A site as SPA's site steps take it: its longitude, its latitude's sine and cosine, its
/// geocentric position's parallax terms (SPA §3.10), and the air's pressure and temperature
/// that refract the sun's light; computed once for all the hours of a site.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Site {
    longitude_deg: f64,
    sin_latitude: f64,
    cos_latitude: f64,
    /// SPA's x and y terms of the parallax (the site's distance from the Earth's axis and from
    /// the equator's plane, in Earth radii).
    x: f64,
    y: f64,
    pressure_hpa: f64,
    temperature_c: f64,
}

impl Site {
    /// A site at a latitude, longitude (degrees) and elevation (m), with the air's pressure
    /// (hPa) and temperature (°C).
    pub fn new(
        latitude_deg: f64,
        longitude_deg: f64,
        elevation_m: f64,
        pressure_hpa: f64,
        temperature_c: f64,
    ) -> Site {
        let phi = latitude_deg.to_radians();
        let u = (FLATTENING * phi.tan()).atan();
        Site {
            longitude_deg,
            sin_latitude: phi.sin(),
            cos_latitude: phi.cos(),
            x: u.cos() + elevation_m / EARTH_RADIUS_M * phi.cos(),
            y: FLATTENING * u.sin() + elevation_m / EARTH_RADIUS_M * phi.sin(),
            pressure_hpa,
            temperature_c,
        }
    }
}

/// The exact time-only terms at 0 h UT of every third day of a year, from nine days before it
/// to nine or ten after (a local hour near New Year falls in the next or the previous year in
/// UT, and the quintic needs three nodes on either side of those).
#[derive(Debug, Clone, PartialEq)]
pub struct SunDays {
    /// Julian date (UT) of the first node.
    first_jd: f64,
    /// Greenwich hour angle less mean sidereal time, degrees, unwrapped from node to node.
    residual_deg: Vec<f64>,
    /// Declination, degrees.
    declination_deg: Vec<f64>,
    /// Earth–Sun distance, AU.
    radius_au: Vec<f64>,
    /// ΔT, s.
    delta_t_s: f64,
}

impl SunDays {
    /// The table of `year` (UT), with ΔT in seconds.
    pub fn new(year: i32, delta_t_s: f64) -> Result<SunDays, SolarError> {
        let err = |e: solar_positioning::Error| SolarError::new(e.to_string());
        let year_jd = JulianDate::from_utc(year, 1, 1, 0, 0, 0.0, delta_t_s).map_err(err)?.julian_date();
        let first_jd = year_jd - 3.0 * STEP_DAYS;
        let days = if super::solar::is_leap_year(year) { 366.0 } else { 365.0 };
        // Up to the day after the year, and three nodes beyond the one before it.
        let nodes = ((days + 1.0 + year_jd - first_jd) / STEP_DAYS).floor() as usize + 4;
        let mut table = SunDays {
            first_jd,
            residual_deg: Vec::with_capacity(nodes),
            declination_deg: Vec::with_capacity(nodes),
            radius_au: Vec::with_capacity(nodes),
            delta_t_s,
        };
        for node in 0..nodes {
            let jd = JulianDate::new(first_jd + node as f64 * STEP_DAYS, delta_t_s).map_err(err)?;
            let exact = SolarPositions::new().for_time_from_julian(jd).map_err(err)?;
            let hour_angle = greenwich_hour_angle_deg(&exact)?;
            let mut residual = hour_angle - mean_sidereal_time_deg(jd.julian_date());
            if let Some(previous) = table.residual_deg.last() {
                residual -= 360.0 * ((residual - previous) / 360.0).round();
            }
            table.residual_deg.push(residual);
            table.declination_deg.push(exact.declination());
            table.radius_au.push(exact.earth_radius_vector().unwrap_or(1.0));
        }
        Ok(table)
    }

    /// The time-only terms at a UTC time near the table's year (from the day before it to the
    /// day after).
    pub fn at(&self, time: UtcTime) -> Option<TimeTerms> {
        self.at_jd(julian_date_ut(time))
    }

    /// The time-only terms at a Julian date (UT).
    pub fn at_jd(&self, jd: f64) -> Option<TimeTerms> {
        let at = (jd - self.first_jd) / STEP_DAYS;
        // Three nodes on either side, with a NaN outside too.
        if !(2.0..(self.radius_au.len() - 3) as f64).contains(&at) {
            return None;
        }
        let node = at as usize; // at ≥ 2: truncating is flooring
        let weights = quintic_weights(at - node as f64);
        let interpolate =
            |y: &[f64]| weights.iter().zip(&y[node - 2..node + 4]).fold(0.0, |sum, (w, y)| sum + w * y);
        Some(TimeTerms::new(
            mean_sidereal_time_deg(jd) + interpolate(&self.residual_deg),
            interpolate(&self.declination_deg),
            interpolate(&self.radius_au),
        ))
    }
}

/// The Julian date of a UTC time of the Gregorian calendar (Meeus, Astronomical Algorithms,
/// eq. 7.1).
fn julian_date_ut(time: UtcTime) -> f64 {
    let (year, month) = if time.month <= 2 {
        (time.year - 1, time.month as i32 + 12)
    } else {
        (time.year, time.month as i32)
    };
    let century = year.div_euclid(100);
    let gregorian = 2 - century + century.div_euclid(4);
    let hours = f64::from(time.hour) + f64::from(time.minute) / 60.0;
    // INT(365.25 (Y + 4716)) and INT(30.6001 (M + 1)) in integers.
    f64::from((1461 * (year + 4716)).div_euclid(4))
        + f64::from((306_001 * (month + 1)).div_euclid(10_000))
        + f64::from(time.day)
        + f64::from(gregorian)
        - 1524.5
        + hours / 24.0
}

/// Lagrange's weights of six equally spaced values (at −2, −1, 0, 1, 2, 3) for the value of
/// their quintic at `f`.
fn quintic_weights(f: f64) -> [f64; 6] {
    // Each weight is the product of f − j over the other nodes j, over the same product at its
    // own node: the products of the offsets before it and after it.
    const INVERSE_DENOMINATORS: [f64; 6] =
        [-1.0 / 120.0, 1.0 / 24.0, -1.0 / 12.0, 1.0 / 12.0, -1.0 / 24.0, 1.0 / 120.0];
    let offsets = [f + 2.0, f + 1.0, f, f - 1.0, f - 2.0, f - 3.0];
    let (mut before, mut after) = ([1.0; 6], [1.0; 6]);
    for k in 1..6 {
        before[k] = before[k - 1] * offsets[k - 1];
        after[5 - k] = after[6 - k] * offsets[6 - k];
    }
    std::array::from_fn(|k| before[k] * after[k] * INVERSE_DENOMINATORS[k])
}

/// Mean sidereal time at Greenwich, degrees (Meeus, Astronomical Algorithms, eq. 12.4; SPA
/// eq. 12). Only its smooth remainder is interpolated, so it need not be reduced to 0–360°.
fn mean_sidereal_time_deg(jd_ut: f64) -> f64 {
    let t = (jd_ut - J2000_JD) / 36525.0;
    280.46061837 + 360.98564736629 * (jd_ut - J2000_JD) + 0.000387933 * t * t - t * t * t / 38_710_000.0
}

/// The sun's hour angle at Greenwich from the exact terms: the position seen from the Earth's
/// centre (an observer on the equator at the depth of the Earth's radius, where SPA's parallax
/// vanishes), on the meridian 90° E, where the sun is near the horizon at 0 h UT and the angles
/// come back with full precision.
fn greenwich_hour_angle_deg(exact: &solar_positioning::PreparedPositions) -> Result<f64, SolarError> {
    const LONGITUDE_DEG: f64 = 90.0;
    let at_centre = exact
        .at(Location { latitude: 0.0, longitude: LONGITUDE_DEG }, -EARTH_RADIUS_M, None)
        .map_err(|e| SolarError::new(e.to_string()))?;
    let (zenith, azimuth) = (at_centre.zenith_angle().to_radians(), at_centre.azimuth().to_radians());
    // On the equator: east = −cos δ sin H, up = cos δ cos H; east = sin z sin Φ, up = cos z.
    let local = (-zenith.sin() * azimuth.sin()).atan2(zenith.cos()).to_degrees();
    Ok(local - LONGITUDE_DEG)
}

/// SPA's site steps: the sun seen from a site at the instant of `terms`.
///
/// SPA (§3.10–3.14) goes from angle to angle: the parallax in right ascension Δα and the
/// topocentric declination δ′ by `atan2`, then the sines and cosines of δ′ and of the topocentric
/// hour angle H′ = H − Δα. Here the same quantities stay as the vectors those `atan2`s would
/// take apart, so the sines and cosines come from a square root and the sum formulas instead:
/// one `sin_cos`, one `acos`, the refraction's `tan` and the azimuth's `atan2` an hour instead of
/// thirteen trigonometric calls, equal to SPA's steps to rounding (tested below).
pub fn position_at(terms: &TimeTerms, site: &Site) -> SunPosition {
    let (sin_h, cos_h) = (terms.greenwich_hour_angle_deg + site.longitude_deg).to_radians().sin_cos();
    let (sin_phi, cos_phi) = (site.sin_latitude, site.cos_latitude);
    let (sin_delta, cos_delta) = terms.sin_cos_declination;
    let x_sin_xi = site.x * terms.sin_parallax;
    // Parallax in right ascension: Δα = atan2(−x sin ξ sin H, cos δ − x sin ξ cos H) (§3.11).
    let (across, along) = (-x_sin_xi * sin_h, cos_delta - x_sin_xi * cos_h);
    let length = (across * across + along * along).sqrt();
    let (sin_d_alpha, cos_d_alpha) = (across / length, along / length);
    // Topocentric declination: δ′ = atan2((sin δ − y sin ξ) cos Δα, cos δ − x sin ξ cos H).
    let rise = (sin_delta - site.y * terms.sin_parallax) * cos_d_alpha;
    let length = (rise * rise + along * along).sqrt();
    let (sin_delta_top, cos_delta_top) = (rise / length, along / length);
    // Topocentric hour angle H′ = H − Δα.
    let sin_h_top = sin_h * cos_d_alpha - cos_h * sin_d_alpha;
    let cos_h_top = cos_h * cos_d_alpha + sin_h * sin_d_alpha;
    // Elevation and refraction (§3.12–3.13).
    let cos_zenith = sin_phi * sin_delta_top + cos_phi * cos_delta_top * cos_h_top;
    let elevation_deg = 90.0 - cos_zenith.clamp(-1.0, 1.0).acos().to_degrees();
    let refraction_deg = if elevation_deg > REFRACTION_FROM_DEG {
        let phase = (elevation_deg + 10.3 / (elevation_deg + 5.11)).to_radians();
        site.pressure_hpa / 1010.0 * 283.0 / (273.0 + site.temperature_c) * 1.02 / (60.0 * phase.tan())
    } else {
        0.0
    };
    // Azimuth clockwise from north (§3.14): Γ = atan2(sin H′, cos H′ sin φ − tan δ′ cos φ), both
    // arguments times cos δ′ (> 0).
    let gamma =
        (sin_h_top * cos_delta_top).atan2(cos_h_top * cos_delta_top * sin_phi - sin_delta_top * cos_phi);
    SunPosition {
        apparent_zenith_deg: 90.0 - elevation_deg - refraction_deg,
        azimuth_deg: (gamma.to_degrees() + 180.0).rem_euclid(360.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quintic_is_exact_for_quintics() {
        let p = |x: f64| 0.5 * x.powi(5) - x.powi(4) + 2.0 * x * x * x - x * x + 3.0 * x - 5.0;
        let y: Vec<f64> = (-2..=3).map(|x| p(f64::from(x))).collect();
        for f in [0.0, 0.25, 0.5, 0.9, 1.0] {
            let value: f64 = quintic_weights(f).iter().zip(&y).map(|(w, y)| w * y).sum();
            assert!((value - p(f)).abs() < 1e-12, "{f}: {value} against {}", p(f));
        }
    }

    /// SPA's steps as Reda & Andreas write them (§3.11–3.14), angle by angle, without refraction:
    /// (elevation, azimuth) in degrees.
    fn angle_by_angle(terms: &TimeTerms, site: &Site) -> (f64, f64) {
        let h = (terms.greenwich_hour_angle_deg + site.longitude_deg).to_radians();
        let (delta, xi) = (terms.declination_deg.to_radians(), terms.sin_parallax.asin());
        let phi = site.sin_latitude.atan2(site.cos_latitude);
        let along = delta.cos() - site.x * xi.sin() * h.cos();
        let d_alpha = (-site.x * xi.sin() * h.sin()).atan2(along);
        let delta_top = ((delta.sin() - site.y * xi.sin()) * d_alpha.cos()).atan2(along);
        let h_top = h - d_alpha;
        let e0 = (phi.sin() * delta_top.sin() + phi.cos() * delta_top.cos() * h_top.cos()).asin();
        let gamma = h_top.sin().atan2(h_top.cos() * phi.sin() - delta_top.tan() * phi.cos());
        (e0.to_degrees(), (gamma.to_degrees() + 180.0).rem_euclid(360.0))
    }

    #[test]
    fn the_site_steps_equal_spas_angle_by_angle_steps() {
        let sites = [(59.89, 10.52, 50.0), (78.22, 15.65, 10.0), (0.0, -78.5, 2800.0), (-33.92, 18.42, 0.0)];
        let mut compared = 0;
        for (latitude, longitude, elevation_m) in sites {
            // No refraction (a vacuum), so the elevations compare directly.
            let site = Site::new(latitude, longitude, elevation_m, 0.0, 12.0);
            for step in 0..400 {
                let hour_angle = -180.0 + 0.9 * f64::from(step);
                let declination = -23.4 + 46.8 * f64::from(step % 37) / 36.0;
                let terms =
                    TimeTerms::new(hour_angle - longitude, declination, 0.983 + 0.0001 * f64::from(step));
                let sun = position_at(&terms, &site);
                let (elevation, azimuth) = angle_by_angle(&terms, &site);
                assert!((90.0 - sun.apparent_zenith_deg - elevation).abs() < 1e-9, "{latitude} {step}");
                if elevation.abs() < 89.9 {
                    let d = (sun.azimuth_deg - azimuth + 180.0).rem_euclid(360.0) - 180.0;
                    assert!(
                        d.abs() < 1e-9,
                        "{latitude} {step}: azimuth {} against {azimuth}",
                        sun.azimuth_deg
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 1500, "{compared} azimuths compared");
    }

    #[test]
    fn julian_dates_are_meeus_examples() {
        let t = |year, month, day, hour| julian_date_ut(UtcTime { year, month, day, hour, minute: 0 });
        assert_eq!(t(2000, 1, 1, 12), 2_451_545.0);
        assert_eq!(t(1987, 1, 27, 0), 2_446_822.5);
        assert_eq!(t(1988, 6, 19, 12), 2_447_332.0);
        let exact = JulianDate::from_utc(2024, 2, 29, 18, 30, 0.0, 69.0).expect("a date").julian_date();
        assert!(
            (julian_date_ut(UtcTime { year: 2024, month: 2, day: 29, hour: 18, minute: 30 }) - exact).abs()
                < 1e-9
        );
    }

    #[test]
    fn a_time_outside_the_year_has_no_terms() {
        let days = SunDays::new(2025, 69.0).expect("a table");
        let inside = UtcTime { year: 2025, month: 12, day: 31, hour: 23, minute: 30 };
        assert!(days.at(inside).is_some());
        let before = UtcTime { year: 2024, month: 12, day: 31, hour: 0, minute: 30 };
        assert!(days.at(before).is_some(), "the last day of the year before");
        assert!(days.at(UtcTime { year: 2027, month: 1, day: 3, hour: 0, minute: 0 }).is_none());
    }
}
