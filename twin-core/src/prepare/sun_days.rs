//! The sun's path over a year, fast. NREL's SPA spends nearly all its time on terms that depend
//! only on the time, not on the site: the Earth's orbit (the L, B, R series), nutation and the
//! sidereal time. Here they are computed exactly (by the `solar-positioning` crate) every two
//! days at 0 h UT and interpolated to any hour with a cubic through four nodes, on quantities
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
//! path within 1e-5° of it in elevation (4e-6° measured) at every hour of two years.

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
/// Days between the exact nodes. The interpolation error grows as the fourth power of it: two
/// days keep the elevation within 4e-6° of SPA (one day: 2.4e-7°), at half the orbit's cost.
const STEP_DAYS: f64 = 2.0;

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
        TimeTerms {
            greenwich_hour_angle_deg,
            declination_deg,
            radius_au,
            sin_cos_declination: declination_deg.to_radians().sin_cos(),
            sin_parallax: (8.794 / (3600.0 * radius_au)).to_radians().sin(),
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

/// The exact time-only terms at 0 h UT of every second day of a year, from four days
/// before it to six after (a local hour near New Year falls in the next or the previous year in
/// UT, and the cubic needs a node on either side of those).
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
        let first_jd = year_jd - 2.0 * STEP_DAYS;
        let days = if super::solar::is_leap_year(year) { 366.0 } else { 365.0 };
        let nodes = ((days + 6.0 - (first_jd - year_jd)) / STEP_DAYS).ceil() as usize;
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
        let node = at.floor() as usize;
        if at < 1.0 || node + 2 >= self.radius_au.len() {
            return None;
        }
        let f = at - node as f64;
        let residual = cubic(&self.residual_deg[node - 1..node + 3], f);
        Some(TimeTerms::new(
            mean_sidereal_time_deg(jd) + residual,
            cubic(&self.declination_deg[node - 1..node + 3], f),
            cubic(&self.radius_au[node - 1..node + 3], f),
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
    (365.25 * f64::from(year + 4716)).floor()
        + (30.6001 * f64::from(month + 1)).floor()
        + f64::from(time.day)
        + f64::from(gregorian)
        - 1524.5
        + hours / 24.0
}

/// Lagrange's cubic through four equally spaced values (at −1, 0, 1, 2), evaluated at `f`.
fn cubic(y: &[f64], f: f64) -> f64 {
    let (a, b, c, d) = (y[0], y[1], y[2], y[3]);
    let (fm1, f1, f2) = (f + 1.0, f - 1.0, f - 2.0);
    -a * f * f1 * f2 / 6.0 + b * fm1 * f1 * f2 / 2.0 - c * fm1 * f * f2 / 2.0 + d * fm1 * f * f1 / 6.0
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
pub fn position_at(terms: &TimeTerms, site: &Site) -> SunPosition {
    let hour_angle = (terms.greenwich_hour_angle_deg + site.longitude_deg).to_radians();
    let (sin_phi, cos_phi) = (site.sin_latitude, site.cos_latitude);
    let (sin_delta, cos_delta) = terms.sin_cos_declination;
    // Parallax (SPA §3.10–3.11).
    let (x, y, sin_xi) = (site.x, site.y, terms.sin_parallax);
    let denominator = cos_delta - x * sin_xi * hour_angle.cos();
    let delta_alpha = (-x * sin_xi * hour_angle.sin()).atan2(denominator);
    let delta_top = ((sin_delta - y * sin_xi) * delta_alpha.cos()).atan2(denominator);
    let h_top = hour_angle - delta_alpha;
    // Elevation and refraction (§3.12–3.13).
    let cos_zenith = sin_phi * delta_top.sin() + cos_phi * delta_top.cos() * h_top.cos();
    let elevation_deg = 90.0 - cos_zenith.clamp(-1.0, 1.0).acos().to_degrees();
    let refraction_deg = if elevation_deg > REFRACTION_FROM_DEG {
        let phase = (elevation_deg + 10.3 / (elevation_deg + 5.11)).to_radians();
        site.pressure_hpa / 1010.0 * 283.0 / (273.0 + site.temperature_c) * 1.02 / (60.0 * phase.tan())
    } else {
        0.0
    };
    // Azimuth clockwise from north (§3.14).
    let gamma = h_top.sin().atan2(h_top.cos() * sin_phi - delta_top.tan() * cos_phi);
    SunPosition {
        apparent_zenith_deg: 90.0 - elevation_deg - refraction_deg,
        azimuth_deg: (gamma.to_degrees() + 180.0).rem_euclid(360.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cubic_is_exact_for_cubics() {
        let p = |x: f64| 2.0 * x * x * x - x * x + 3.0 * x - 5.0;
        let y = [p(-1.0), p(0.0), p(1.0), p(2.0)];
        for f in [0.0, 0.25, 0.5, 0.9, 1.0] {
            assert!((cubic(&y, f) - p(f)).abs() < 1e-12, "{f}");
        }
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
