//! Four consecutive hours as one value, the unit in which the hourly stages run: a quad's lanes
//! are the lanes of [`RunningSum`](super::series::RunningSum), so a sum taken quad by quad adds
//! in the same order as one taken over the whole series, and its element-wise operations compile
//! to vector instructions (exact IEEE operations, no fused multiply-add, so results are
//! bit-identical to the same arithmetic done an hour at a time).

use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

use super::series::{max_of, min_of};

/// Lanes in a quad: hours `4q .. 4q + 4`.
pub const LANES: usize = 4;

/// Hours in a block, the span each hourly stage runs over before the next takes it: a day (six
/// quads, a year is 365 blocks), whose quads stay in the CPU's nearest cache and each stage's
/// running sums in registers. Measured on Bærum's re-run: a day was faster than 8, 40 or 120
/// hours.
pub const BLOCK_HOURS: usize = 24;

/// Quads in a block.
pub const BLOCK_QUADS: usize = BLOCK_HOURS / LANES;

/// Four consecutive hours' values.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Quad(pub [f64; LANES]);

impl Quad {
    /// Zero in every lane.
    pub const ZERO: Quad = Quad([0.0; LANES]);

    /// The same value in every lane.
    #[inline(always)]
    pub fn splat(value: f64) -> Quad {
        Quad([value; LANES])
    }

    /// The four hours of `series` from `hour`, which is a multiple of four.
    #[inline(always)]
    pub fn at<const N: usize>(series: &[f64; N], hour: usize) -> Quad {
        let mut lanes = [0.0; LANES];
        lanes.copy_from_slice(&series[hour..hour + LANES]);
        Quad(lanes)
    }

    /// Writes the four hours into `series` from `hour`.
    #[inline(always)]
    pub fn store(self, series: &mut [f64], hour: usize) {
        series[hour..hour + LANES].copy_from_slice(&self.0);
    }

    /// Each lane's smaller value (never NaN, see [`min_of`]).
    #[inline(always)]
    pub fn min(self, other: Quad) -> Quad {
        self.zip(other, min_of)
    }

    /// Each lane's larger value (never NaN, see [`max_of`]).
    #[inline(always)]
    pub fn max(self, other: Quad) -> Quad {
        self.zip(other, max_of)
    }

    /// The largest lane (at least 0; for values that are never negative).
    #[inline(always)]
    pub fn largest(self) -> f64 {
        self.0.into_iter().fold(0.0, max_of)
    }

    /// Each lane compared: 1 where `self` is greater than `limit`, 0 elsewhere.
    #[inline(always)]
    pub fn count_above(self, limit: f64) -> [u32; LANES] {
        self.0.map(|x| u32::from(x > limit))
    }

    #[inline(always)]
    fn zip(self, other: Quad, f: impl Fn(f64, f64) -> f64) -> Quad {
        let (a, b) = (self.0, other.0);
        Quad([f(a[0], b[0]), f(a[1], b[1]), f(a[2], b[2]), f(a[3], b[3])])
    }
}

impl Add for Quad {
    type Output = Quad;
    #[inline(always)]
    fn add(self, other: Quad) -> Quad {
        self.zip(other, |a, b| a + b)
    }
}

impl Sub for Quad {
    type Output = Quad;
    #[inline(always)]
    fn sub(self, other: Quad) -> Quad {
        self.zip(other, |a, b| a - b)
    }
}

impl Mul for Quad {
    type Output = Quad;
    #[inline(always)]
    fn mul(self, other: Quad) -> Quad {
        self.zip(other, |a, b| a * b)
    }
}

impl Mul<Quad> for f64 {
    type Output = Quad;
    #[inline(always)]
    fn mul(self, quad: Quad) -> Quad {
        Quad::splat(self) * quad
    }
}

impl Neg for Quad {
    type Output = Quad;
    #[inline(always)]
    fn neg(self) -> Quad {
        Quad(self.0.map(|x| -x))
    }
}

impl AddAssign for Quad {
    #[inline(always)]
    fn add_assign(&mut self, other: Quad) {
        *self = *self + other;
    }
}

impl SubAssign for Quad {
    #[inline(always)]
    fn sub_assign(&mut self, other: Quad) {
        *self = *self - other;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_do_what_each_hour_would() {
        let series = [1.0, -2.0, 3.5, 0.25, 9.0, 8.0, 7.0, 6.0];
        let (a, b) = (Quad::at(&series, 0), Quad::at(&series, 4));
        assert_eq!((a + b).0, [10.0, 6.0, 10.5, 6.25]);
        assert_eq!((b - a).0, [8.0, 10.0, 3.5, 5.75]);
        assert_eq!((2.0 * a).0, [2.0, -4.0, 7.0, 0.5]);
        assert_eq!((-a).0, [-1.0, 2.0, -3.5, -0.25]);
        assert_eq!(a.min(Quad::ZERO).0, [0.0, -2.0, 0.0, 0.0]);
        assert_eq!(a.max(Quad::ZERO).0, [1.0, 0.0, 3.5, 0.25]);
        assert_eq!(b.largest(), 9.0);
        assert_eq!(a.count_above(0.5), [1, 0, 1, 0]);
        let mut out = [0.0; 8];
        b.store(&mut out, 4);
        assert_eq!(out[4..], series[4..]);
    }
}
