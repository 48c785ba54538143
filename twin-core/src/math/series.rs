//! Reductions over hourly series taken four hours at a time ([`Quad`]), written so that they
//! vectorise and still add in a fixed order (the same inputs give bit-identical results on every
//! machine and thread count).

use super::quad::Quad;

/// The smaller of two numbers that are never NaN. `f64::min` also answers for NaN, which in
/// a vectorised loop costs a compare and three logical operations beside the one `min`.
#[inline(always)]
pub fn min_of(a: f64, b: f64) -> f64 {
    if a < b { a } else { b }
}

/// The larger of two numbers that are never NaN (see [`min_of`]).
#[inline(always)]
pub fn max_of(a: f64, b: f64) -> f64 {
    if a > b { a } else { b }
}

/// A series' sum with four interleaved partial sums, one per lane of a quad (faster than one
/// serial chain; the order of additions is fixed, so results stay bit-identical).
#[derive(Debug, Clone, Copy, Default)]
pub struct RunningSum([f64; 4]);

impl RunningSum {
    /// Adds the next four hours, lane by lane.
    #[inline(always)]
    pub fn add_quad(&mut self, quad: Quad) {
        for (lane, x) in self.0.iter_mut().zip(quad.0) {
            *lane += x;
        }
    }

    /// The sum of the hours added so far.
    pub fn total(&self) -> f64 {
        let l = self.0;
        (l[0] + l[1]) + (l[2] + l[3])
    }
}

/// A series' largest value (at least 0) taken four hours at a time, like [`RunningSum`].
#[derive(Debug, Clone, Copy, Default)]
pub struct RunningMax([f64; 4]);

impl RunningMax {
    /// Adds the next four hours.
    #[inline(always)]
    pub fn add_quad(&mut self, quad: Quad) {
        self.0 = Quad(self.0).max(quad).0;
    }

    /// The largest value of the hours added so far (0 if none was positive).
    pub fn total(&self) -> f64 {
        self.0.iter().fold(0.0, |m, x| m.max(*x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_add_each_lane_in_order_and_maxima_find_the_largest() {
        let values: [f64; 120] = std::array::from_fn(|i| (i as f64 * 0.37).sin().abs() * 1e3 + 0.1);
        let (mut running_sum, mut running_max) = (RunningSum::default(), RunningMax::default());
        for hour in (0..values.len()).step_by(4) {
            running_sum.add_quad(Quad::at(&values, hour));
            running_max.add_quad(Quad::at(&values, hour));
        }
        let lane = |l: usize| values.iter().skip(l).step_by(4).fold(0.0, |s, x| s + x);
        let lanes = (lane(0) + lane(1)) + (lane(2) + lane(3));
        assert_eq!(running_sum.total().to_bits(), lanes.to_bits());
        let serial: f64 = values.iter().sum();
        assert_ne!(serial.to_bits(), lanes.to_bits(), "the test tells the lane order apart");
        assert!((running_sum.total() - serial).abs() < 1e-9);
        assert_eq!(running_max.total(), values.iter().copied().fold(0.0, f64::max));
        assert_eq!(RunningMax::default().total(), 0.0);
    }
}
