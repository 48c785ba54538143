//! Solar geometry and irradiance: sun position (NREL SPA), extraterrestrial irradiance,
//! Ineichen–Perez clear sky, Erbs decomposition and plane-of-array irradiance (isotropic sky).
//!
//! The sun's position comes from the `solar-positioning` crate's implementation of NREL's SPA
//! (Reda & Andreas 2003). The irradiance models follow the formulas pvlib uses with its default
//! choices (Spencer extraterrestrial irradiance with solar constant 1366.1 W/m², Kasten–Young
//! 1989 air mass on the apparent zenith, pressure from altitude by the standard atmosphere), so
//! results can be checked against pvlib; `twin-core/tests/data/solar_reference.csv` does so.
//! All angles are in degrees, irradiances in W/m².

use serde::Serialize;
use solar_positioning::{Location, RefractionCorrection, SolarPositions, time::JulianDate};

/// Solar constant used for extraterrestrial irradiance, W/m² (pvlib's default).
pub const SOLAR_CONSTANT_W_M2: f64 = 1366.1;

/// Position of the sun as seen from a place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SunPosition {
    /// Apparent (refraction-corrected) zenith angle, degrees.
    pub apparent_zenith_deg: f64,
    /// Azimuth, degrees clockwise from north.
    pub azimuth_deg: f64,
}

impl SunPosition {
    /// Apparent elevation above the horizon, degrees.
    pub fn apparent_elevation_deg(&self) -> f64 {
        90.0 - self.apparent_zenith_deg
    }
}

/// Global, direct-normal and diffuse irradiance, W/m².
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Irradiance {
    /// Global horizontal.
    pub ghi_w_m2: f64,
    /// Direct normal.
    pub dni_w_m2: f64,
    /// Diffuse horizontal.
    pub dhi_w_m2: f64,
}

/// Why a solar computation failed (only for inputs outside the algorithm's domain).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("solar position: {0}")]
pub struct SolarError(String);

impl SolarError {
    pub(crate) fn new(message: String) -> SolarError {
        SolarError(message)
    }
}

/// A date and time in UTC.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UtcTime {
    /// Year.
    pub year: i32,
    /// Month 1..=12.
    pub month: u32,
    /// Day 1..=31.
    pub day: u32,
    /// Hour 0..=23.
    pub hour: u32,
    /// Minute 0..=59.
    pub minute: u32,
}

/// ΔT (TT − UT1) in seconds estimated for the middle of a year (Espenak & Meeus polynomials).
pub fn delta_t_s(year: i32) -> f64 {
    solar_positioning::delta_t::estimate(f64::from(year) + 0.5).unwrap_or(69.0)
}

/// Sun position by NREL SPA with refraction for the given pressure (hPa) and temperature (°C).
///
/// ```
/// use twin_core::prepare::solar::{sun_position, UtcTime};
/// // Oslo, summer solstice, solar noon is about 11:17 UTC.
/// let t = UtcTime { year: 2024, month: 6, day: 21, hour: 11, minute: 17 };
/// let p = sun_position(59.91, 10.75, 0.0, t, 69.0, 1013.25, 12.0).unwrap();
/// assert!((p.apparent_elevation_deg() - 53.6).abs() < 0.1);
/// ```
pub fn sun_position(
    latitude_deg: f64,
    longitude_deg: f64,
    elevation_m: f64,
    time: UtcTime,
    delta_t_s: f64,
    pressure_hpa: f64,
    temperature_c: f64,
) -> Result<SunPosition, SolarError> {
    let err = |e: solar_positioning::Error| SolarError(e.to_string());
    let jd = JulianDate::from_utc(time.year, time.month, time.day, time.hour, time.minute, 0.0, delta_t_s)
        .map_err(err)?;
    let location = Location { latitude: latitude_deg, longitude: longitude_deg };
    let refraction = RefractionCorrection::new(pressure_hpa, temperature_c).map_err(err)?;
    let pos =
        SolarPositions::new().at_from_julian(jd, location, elevation_m, Some(refraction)).map_err(err)?;
    Ok(SunPosition { apparent_zenith_deg: pos.zenith_angle(), azimuth_deg: pos.azimuth() })
}

/// Extraterrestrial normal irradiance on day of year `doy` (1..=366), W/m², Spencer (1971).
pub fn extraterrestrial_w_m2(doy: u32) -> f64 {
    let b = 2.0 * std::f64::consts::PI / 365.0 * (f64::from(doy) - 1.0);
    let r0_r_sq = 1.00011
        + 0.034221 * b.cos()
        + 0.00128 * b.sin()
        + 0.000719 * (2.0 * b).cos()
        + 0.000077 * (2.0 * b).sin();
    SOLAR_CONSTANT_W_M2 * r0_r_sq
}

/// Relative optical air mass, Kasten & Young (1989), from the apparent zenith; `None` when the
/// sun is below the horizon.
pub fn relative_airmass(apparent_zenith_deg: f64) -> Option<f64> {
    if apparent_zenith_deg.is_nan() || apparent_zenith_deg >= 90.0 {
        return None;
    }
    let z = apparent_zenith_deg;
    Some(1.0 / (z.to_radians().cos() + 0.50572 * (96.07995 - z).powf(-1.6364)))
}

/// Standard-atmosphere pressure at an altitude, Pa.
pub fn pressure_at_altitude_pa(altitude_m: f64) -> f64 {
    100.0 * ((44331.514 - altitude_m) / 11880.516).powf(1.0 / 0.1902632)
}

/// Clear-sky irradiance by the Ineichen–Perez model (Ineichen & Perez 2002), as pvlib computes
/// it without the Perez enhancement. Zero when the sun is down.
pub fn ineichen(
    apparent_zenith_deg: f64,
    altitude_m: f64,
    linke_turbidity: f64,
    dni_extra_w_m2: f64,
) -> Irradiance {
    ClearSky::new(altitude_m, linke_turbidity).irradiance(apparent_zenith_deg, dni_extra_w_m2)
}

/// [`ineichen`]'s model at one site: the terms that depend only on its altitude and Linke
/// turbidity, computed once for all its hours (the same operations in the same order, so the
/// same results).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClearSky {
    /// Standard-atmosphere pressure at the altitude, Pa.
    pressure_pa: f64,
    linke_turbidity: f64,
    /// The altitude corrections' sum fh1 + fh2 (TL − 1) (Ineichen & Perez 2002).
    fh_sum: f64,
    cg1: f64,
    cg2: f64,
    /// The beam's coefficient b.
    b: f64,
    /// The factor of the beam from global irradiance, before dividing by cos z.
    beam_factor: f64,
}

impl ClearSky {
    /// The model at a site `altitude_m` above sea level whose air has `linke_turbidity`.
    pub fn new(altitude_m: f64, linke_turbidity: f64) -> ClearSky {
        let tl = linke_turbidity;
        let fh1 = (-altitude_m / 8000.0).exp();
        let fh2 = (-altitude_m / 1250.0).exp();
        ClearSky {
            pressure_pa: pressure_at_altitude_pa(altitude_m),
            linke_turbidity: tl,
            fh_sum: fh1 + fh2 * (tl - 1.0),
            cg1: 5.09e-05 * altitude_m + 0.868,
            cg2: 3.92e-05 * altitude_m + 0.0387,
            b: 0.664 + 0.163 / fh1,
            beam_factor: 1.0 - (0.1 - 0.2 * (-tl).exp()) / (0.1 + 0.882 / fh1),
        }
    }

    /// The irradiance with the sun at `apparent_zenith_deg` and the extraterrestrial normal
    /// irradiance `dni_extra_w_m2`.
    pub fn irradiance(&self, apparent_zenith_deg: f64, dni_extra_w_m2: f64) -> Irradiance {
        let Some(am_rel) = relative_airmass(apparent_zenith_deg) else {
            return Irradiance::default();
        };
        let am = am_rel * self.pressure_pa / 101_325.0;
        let tl = self.linke_turbidity;
        let cos_z = apparent_zenith_deg.to_radians().cos().max(0.0);
        let ghi = self.cg1 * dni_extra_w_m2 * cos_z * (-self.cg2 * am * self.fh_sum).exp().max(0.0);
        let bnci = dni_extra_w_m2 * (self.b * (-0.09 * am * (tl - 1.0)).exp()).max(0.0);
        let bnci_2 = if cos_z > 0.0 { ghi * (self.beam_factor / cos_z).clamp(0.0, 1e20) } else { 0.0 };
        let dni = bnci.min(bnci_2);
        Irradiance { ghi_w_m2: ghi, dni_w_m2: dni, dhi_w_m2: ghi - dni * cos_z }
    }
}

/// The sun's zenith angle as the cosine and sine the irradiance models use, so that a sun path
/// computed once serves many runs without evaluating them again.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Zenith {
    /// Cosine of the zenith angle.
    pub cos: f64,
    /// Sine of the zenith angle.
    pub sin: f64,
}

impl Zenith {
    /// From the zenith angle in degrees.
    pub fn from_deg(zenith_deg: f64) -> Zenith {
        let z = zenith_deg.to_radians();
        Zenith { cos: z.cos(), sin: z.sin() }
    }
}

/// A tilted plane (a PV array): tilt from horizontal as its cosine and sine, azimuth clockwise
/// from north.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Plane {
    cos_tilt: f64,
    sin_tilt: f64,
    azimuth_deg: f64,
}

impl Plane {
    /// A plane of this tilt and azimuth (degrees).
    pub fn new(tilt_deg: f64, azimuth_deg: f64) -> Plane {
        let t = tilt_deg.to_radians();
        Plane { cos_tilt: t.cos(), sin_tilt: t.sin(), azimuth_deg }
    }

    /// Cosine of the angle of incidence of the beam from a sun at `zenith` and `sun_azimuth_deg`,
    /// clipped to [-1, 1].
    pub fn cos_incidence(&self, zenith: Zenith, sun_azimuth_deg: f64) -> f64 {
        let projection = self.cos_tilt * zenith.cos
            + self.sin_tilt * zenith.sin * (sun_azimuth_deg - self.azimuth_deg).to_radians().cos();
        projection.clamp(-1.0, 1.0)
    }

    /// Global irradiance on the plane with the isotropic sky model: beam + sky diffuse + ground
    /// reflected, W/m².
    pub fn isotropic_irradiance(
        &self,
        zenith: Zenith,
        sun_azimuth_deg: f64,
        irradiance: Irradiance,
        albedo: f64,
    ) -> f64 {
        let beam = (irradiance.dni_w_m2 * self.cos_incidence(zenith, sun_azimuth_deg)).max(0.0);
        let sky = irradiance.dhi_w_m2 * (1.0 + self.cos_tilt) / 2.0;
        let ground = irradiance.ghi_w_m2 * albedo * (1.0 - self.cos_tilt) / 2.0;
        beam + sky + ground
    }
}

/// Splits global horizontal irradiance into direct normal and diffuse by the Erbs et al. (1982)
/// diffuse-fraction correlation.
pub fn erbs(ghi_w_m2: f64, zenith_deg: f64, dni_extra_w_m2: f64) -> Irradiance {
    erbs_at(ghi_w_m2, zenith_deg.to_radians().cos(), dni_extra_w_m2)
}

/// [`erbs`] with the zenith angle given by its cosine.
pub fn erbs_at(ghi_w_m2: f64, cos_z: f64, dni_extra_w_m2: f64) -> Irradiance {
    if ghi_w_m2 <= 0.0 || cos_z <= 0.0 {
        return Irradiance { ghi_w_m2: ghi_w_m2.max(0.0), dni_w_m2: 0.0, dhi_w_m2: ghi_w_m2.max(0.0) };
    }
    // pvlib limits cos(zenith) to at least 0.065 in the clearness index.
    let kt = (ghi_w_m2 / (dni_extra_w_m2 * cos_z.max(0.065))).clamp(0.0, 1.0);
    let diffuse_fraction = if kt <= 0.22 {
        1.0 - 0.09 * kt
    } else if kt <= 0.8 {
        0.9511 - 0.1604 * kt + 4.388 * kt.powi(2) - 16.638 * kt.powi(3) + 12.336 * kt.powi(4)
    } else {
        0.165
    };
    let dhi = ghi_w_m2 * diffuse_fraction;
    let dni = ((ghi_w_m2 - dhi) / cos_z).max(0.0);
    Irradiance { ghi_w_m2, dni_w_m2: dni, dhi_w_m2: dhi }
}

/// Cosine of the angle of incidence of the beam on a plane (tilt from horizontal, azimuth
/// clockwise from north), clipped to [-1, 1].
pub fn cos_angle_of_incidence(
    tilt_deg: f64,
    surface_azimuth_deg: f64,
    zenith_deg: f64,
    sun_azimuth_deg: f64,
) -> f64 {
    Plane::new(tilt_deg, surface_azimuth_deg).cos_incidence(Zenith::from_deg(zenith_deg), sun_azimuth_deg)
}

/// Plane-of-array global irradiance with the isotropic sky model: beam + sky diffuse + ground
/// reflected, W/m².
pub fn plane_of_array_isotropic(
    tilt_deg: f64,
    surface_azimuth_deg: f64,
    zenith_deg: f64,
    sun_azimuth_deg: f64,
    irradiance: Irradiance,
    albedo: f64,
) -> f64 {
    Plane::new(tilt_deg, surface_azimuth_deg).isotropic_irradiance(
        Zenith::from_deg(zenith_deg),
        sun_azimuth_deg,
        irradiance,
        albedo,
    )
}

/// Day of year (1..=366) of a date in the proleptic Gregorian calendar.
pub fn day_of_year(year: i32, month: u32, day: u32) -> u32 {
    const CUMULATIVE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let leap = is_leap_year(year);
    let idx = (month.clamp(1, 12) - 1) as usize;
    CUMULATIVE[idx] + day + u32::from(leap && month > 2)
}

/// Whether a year has 29 February.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Month (1..=12) and day of month of day-of-year `doy` (1-based) in a year.
pub fn month_day(year: i32, doy: u32) -> (u32, u32) {
    let mut remaining = doy;
    for month in 1..=12u32 {
        let days = days_in_month(year, month);
        if remaining <= days {
            return (month, remaining);
        }
        remaining -= days;
    }
    (12, 31)
}

/// Days in a month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// One row of the `twin solar` table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolarRow {
    /// Time (UTC, top of the hour).
    pub time: UtcTime,
    /// Sun position.
    pub position: SunPosition,
    /// Clear-sky irradiance (Ineichen).
    pub clear_sky: Irradiance,
    /// Plane-of-array global irradiance (isotropic sky), W/m².
    pub poa_global_w_m2: f64,
}

/// Options of the `twin solar` table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolarTableOptions {
    /// Latitude, degrees north.
    pub latitude_deg: f64,
    /// Longitude, degrees east.
    pub longitude_deg: f64,
    /// Elevation, m.
    pub elevation_m: f64,
    /// Calendar year.
    pub year: i32,
    /// Panel tilt, degrees.
    pub tilt_deg: f64,
    /// Panel azimuth, degrees clockwise from north.
    pub azimuth_deg: f64,
    /// Linke turbidity.
    pub linke_turbidity: f64,
    /// Ground albedo.
    pub albedo: f64,
    /// ΔT, s.
    pub delta_t_s: f64,
}

/// Sun position, clear-sky and plane-of-array irradiance at the top of every UTC hour of a year
/// (pressure from the elevation, 12 °C for refraction, as pvlib's defaults).
pub fn solar_table(o: &SolarTableOptions) -> Result<Vec<SolarRow>, SolarError> {
    let pressure_hpa = pressure_at_altitude_pa(o.elevation_m) / 100.0;
    let days = if is_leap_year(o.year) { 366 } else { 365 };
    let mut rows = Vec::with_capacity(days as usize * 24);
    for doy in 1..=days {
        let (month, day) = month_day(o.year, doy);
        let dni_extra = extraterrestrial_w_m2(doy);
        for hour in 0..24 {
            let time = UtcTime { year: o.year, month, day, hour, minute: 0 };
            let position = sun_position(
                o.latitude_deg,
                o.longitude_deg,
                o.elevation_m,
                time,
                o.delta_t_s,
                pressure_hpa,
                12.0,
            )?;
            let clear_sky =
                ineichen(position.apparent_zenith_deg, o.elevation_m, o.linke_turbidity, dni_extra);
            let poa = plane_of_array_isotropic(
                o.tilt_deg,
                o.azimuth_deg,
                position.apparent_zenith_deg,
                position.azimuth_deg,
                clear_sky,
                o.albedo,
            );
            rows.push(SolarRow { time, position, clear_sky, poa_global_w_m2: poa });
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_round_trips() {
        for year in [2023, 2024] {
            let days = if is_leap_year(year) { 366 } else { 365 };
            for doy in 1..=days {
                let (m, d) = month_day(year, doy);
                assert_eq!(day_of_year(year, m, d), doy);
            }
        }
    }

    #[test]
    fn clear_sky_is_zero_at_night_and_plausible_at_noon() {
        let night = ineichen(95.0, 0.0, 3.0, 1367.0);
        assert_eq!(night, Irradiance::default());
        let noon = ineichen(30.0, 0.0, 3.0, 1367.0);
        assert!(noon.ghi_w_m2 > 800.0 && noon.ghi_w_m2 < 1000.0, "{noon:?}");
        let closure = noon.ghi_w_m2 - (noon.dni_w_m2 * 30f64.to_radians().cos() + noon.dhi_w_m2);
        assert!(closure.abs() < 1e-9);
    }

    #[test]
    fn erbs_conserves_global() {
        for ghi in [10.0, 200.0, 600.0] {
            let split = erbs(ghi, 50.0, 1360.0);
            let back = split.dni_w_m2 * 50f64.to_radians().cos() + split.dhi_w_m2;
            assert!((back - ghi).abs() < 1e-9, "{ghi}: {split:?}");
        }
    }
}
