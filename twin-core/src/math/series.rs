//! Reductions over hourly series, written so that they vectorise and still add in a fixed order
//! (the same inputs give bit-identical results on every machine and thread count).

/// Sum of a series with four interleaved partial sums (faster than one serial chain; the
/// order of additions is fixed, so results stay bit-identical from run to run).
pub fn sum(values: &[f64]) -> f64 {
    let mut lanes = [0.0; 4];
    let chunks = values.chunks_exact(4);
    let rest: f64 = chunks.remainder().iter().sum();
    for c in chunks {
        for (lane, x) in lanes.iter_mut().zip(c) {
            *lane += x;
        }
    }
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + rest
}

/// Largest value of a series (0 for an empty one; meant for series that are never negative).
pub fn maximum(values: &[f64]) -> f64 {
    let mut lanes = [0.0f64; 4];
    let chunks = values.chunks_exact(4);
    let rest = chunks.remainder().iter().fold(0.0f64, |m, x| m.max(*x));
    for c in chunks {
        for (lane, x) in lanes.iter_mut().zip(c) {
            *lane = lane.max(*x);
        }
    }
    lanes.iter().fold(rest, |m, x| m.max(*x))
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
}
