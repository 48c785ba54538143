//! Mathematics with no knowledge of municipalities: piecewise-linear paths over years, dynamic
//! stock models and reductions over hourly series. The lowest layer: it imports nothing from the rest of the crate.

pub mod dsm;
pub mod quad;
pub mod series;

/// Linear interpolation in (year, value) points sorted by year, constant outside them (0 if
/// there are none).
pub fn interpolate(points: &[(i32, f64)], year: i32) -> f64 {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return 0.0;
    };
    if year <= first.0 {
        return first.1;
    }
    if year >= last.0 {
        return last.1;
    }
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        if year >= a.0 && year <= b.0 {
            let t = f64::from(year - a.0) / f64::from(b.0 - a.0);
            return a.1 + (b.1 - a.1) * t;
        }
    }
    last.1
}
