//! Reductions over hourly series, written so that they vectorise and still add in a fixed order
//! (the same inputs give bit-identical results on every machine and thread count).

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

/// Sum of a series with four interleaved partial sums (faster than one serial chain; the
/// order of additions is fixed, so results stay bit-identical from run to run).
pub fn sum(values: &[f64]) -> f64 {
    let whole = values.len() - values.len() % 4;
    let mut running = RunningSum::default();
    running.add(&values[..whole]);
    let rest: f64 = values[whole..].iter().sum();
    running.total() + rest
}

/// Largest value of a series (0 for an empty one; meant for series that are never negative).
pub fn maximum(values: &[f64]) -> f64 {
    let whole = values.len() - values.len() % 4;
    let mut running = RunningMax::default();
    running.add(&values[..whole]);
    values[whole..].iter().fold(running.total(), |m, x| m.max(*x))
}

/// A series' sum taken a block at a time, in the order [`sum`] adds the whole series: blocks
/// added in order, each a multiple of four long, give a bit-identical total.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunningSum([f64; 4]);

impl RunningSum {
    /// Adds the next block. Its length must be a multiple of four.
    pub fn add(&mut self, block: &[f64]) {
        debug_assert_eq!(block.len() % 4, 0, "a block is a whole number of lanes");
        for c in block.chunks_exact(4) {
            for (lane, x) in self.0.iter_mut().zip(c) {
                *lane += x;
            }
        }
    }

    /// Adds the next four hours, lane by lane (the order [`RunningSum::add`] adds them in).
    #[inline(always)]
    pub fn add_quad(&mut self, quad: Quad) {
        for (lane, x) in self.0.iter_mut().zip(quad.0) {
            *lane += x;
        }
    }

    /// The sum of the blocks added so far.
    pub fn total(&self) -> f64 {
        let l = self.0;
        (l[0] + l[1]) + (l[2] + l[3])
    }
}

/// A series' largest value (at least 0) taken a block at a time, like [`RunningSum`].
#[derive(Debug, Clone, Copy, Default)]
pub struct RunningMax([f64; 4]);

impl RunningMax {
    /// Adds the next block. Its length must be a multiple of four.
    pub fn add(&mut self, block: &[f64]) {
        debug_assert_eq!(block.len() % 4, 0, "a block is a whole number of lanes");
        for c in block.chunks_exact(4) {
            for (lane, x) in self.0.iter_mut().zip(c) {
                *lane = max_of(*lane, *x);
            }
        }
    }

    /// Adds the next four hours.
    #[inline(always)]
    pub fn add_quad(&mut self, quad: Quad) {
        self.0 = Quad(self.0).max(quad).0;
    }

    /// The largest value of the blocks added so far (0 if none was positive).
    pub fn total(&self) -> f64 {
        self.0.iter().fold(0.0, |m, x| m.max(*x))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sum_and_maximum_agree_with_a_plain_loop_on_every_remainder() {
        for n in 0..11 {
            let values: Vec<f64> = (0..n).map(|i| f64::from(i) * 0.5 + 0.25).collect();
            let plain: f64 = values.iter().sum();
            assert!((sum(&values) - plain).abs() < 1e-12, "n = {n}");
            let plain_max = values.iter().copied().fold(0.0, f64::max);
            assert_eq!(maximum(&values), plain_max, "n = {n}");
        }
    }

    #[test]
    fn block_by_block_is_bit_identical_to_the_whole_series() {
        let values: Vec<f64> = (0..120).map(|i| (f64::from(i) * 0.37).sin().abs() * 1e3 + 0.1).collect();
        let (mut running_sum, mut running_max) = (RunningSum::default(), RunningMax::default());
        for block in values.chunks(24) {
            running_sum.add(block);
            running_max.add(block);
        }
        assert_eq!(running_sum.total().to_bits(), sum(&values).to_bits());
        assert_eq!(running_max.total(), maximum(&values));
        let serial: f64 = values.iter().sum();
        assert_ne!(serial.to_bits(), sum(&values).to_bits(), "the test tells the lane order apart");
    }
}
