//! Ensembles: many runs of one scenario with its uncertain parameters drawn at random, in
//! parallel, summarised as percentiles (P5, P50, P95) of each quantity in each year.
//!
//! Determinism is a contract: run `i` draws its parameters and its weather seed from a ChaCha8
//! stream keyed by (scenario seed, `i`) alone, results are stored by run index and never in
//! arrival order, and percentiles are computed after all runs finished; so 1 thread and
//! 4 threads give bit-identical results.

use std::sync::atomic::{AtomicUsize, Ordering};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution as _, Normal, Triangular};
use serde::{Deserialize, Serialize};

use crate::analysis::quantity::{QUANTITIES, Quantity};
use crate::catalogue::levers::Levers;
use crate::catalogue::parameter::Parameter;
use crate::model::{RunOptions, run};
use crate::outcome::NonFinite;
use crate::prepare::{Prepared, SunYear};
use crate::scenario::{Distribution, EmissionConvention, RawScenario, Scenario};

impl Parameter {
    /// Applies a value of this parameter to a raw scenario.
    pub fn apply(self, raw: &mut RawScenario, value: f64) {
        match self {
            Parameter::SpaceHeatFactor => {
                raw.building_classes.iter_mut().for_each(|c| c.space_heat_kwh_per_m2 *= value)
            }
            Parameter::HotWaterFactor => {
                raw.building_classes.iter_mut().for_each(|c| c.hot_water_kwh_per_m2 *= value)
            }
            Parameter::ApplianceFactor => {
                raw.building_classes.iter_mut().for_each(|c| c.appliances_kwh_per_m2 *= value)
            }
            Parameter::HeatPumpCopFactor => {
                for curve in [
                    &mut raw.heating.air_to_air_cop,
                    &mut raw.heating.air_to_water_cop,
                    &mut raw.heating.ground_source_cop,
                ] {
                    curve.cop_at_0c = (curve.cop_at_0c * value).max(1.0);
                    curve.slope_per_k *= value;
                    curve.min_cop = (curve.min_cop * value).max(1.0);
                    curve.max_cop = (curve.max_cop * value).max(curve.min_cop);
                }
            }
            Parameter::KmPerCarFactor => raw.transport.km_per_car_year *= value,
            Parameter::EvConsumptionFactor => raw.transport.ev_kwh_per_km *= value,
            Parameter::PopulationGrowthFactor => {
                let base = population_at(raw, raw.base_year);
                for p in raw.population.iter_mut().filter(|p| p.year > raw.base_year) {
                    p.persons = (base + (p.persons - base) * value).max(0.0);
                }
            }
            Parameter::ElectricityEmissionFactor => match raw.emission_factors.convention {
                EmissionConvention::ResidualMix => {
                    raw.emission_factors.electricity_residual_g_per_kwh = value
                }
                _ => raw.emission_factors.electricity_location_g_per_kwh = value,
            },
            Parameter::TemperatureOffset => raw.site.temperature_offset_c += value,
            Parameter::ClearSkyFactor => {
                raw.site.monthly_clear_sky_ratio.iter_mut().for_each(|r| *r = (*r * value).clamp(0.0, 1.0));
            }
            Parameter::ElectricityPriceFactor => raw.costs.electricity_nok_per_kwh *= value,
        }
    }
}

fn population_at(raw: &RawScenario, year: i32) -> f64 {
    let points: Vec<(i32, f64)> = raw.population.iter().map(|p| (p.year, p.persons)).collect();
    crate::math::interpolate(&points, year)
}

/// Draws one value from a distribution (normal truncated to ± 3 sd by redrawing).
pub fn sample(distribution: &Distribution, rng: &mut ChaCha8Rng) -> f64 {
    match *distribution {
        Distribution::Uniform { min, max } => {
            if max > min {
                rng.random_range(min..max)
            } else {
                min
            }
        }
        Distribution::Triangular { min, mode, max } => match Triangular::new(min, max, mode) {
            Ok(t) if max > min => t.sample(rng),
            _ => mode,
        },
        Distribution::Normal { mean, sd } => match Normal::new(mean, sd) {
            Ok(n) if sd > 0.0 => {
                for _ in 0..64 {
                    let x: f64 = n.sample(rng);
                    if (x - mean).abs() <= 3.0 * sd {
                        return x;
                    }
                }
                mean
            }
            _ => mean,
        },
    }
}

/// The value of a distribution at cumulative probability `p` (0..1), by statrs's inverse CDFs.
/// A distribution of zero width (`min == max`, `sd == 0`) is its one value.
pub fn quantile(distribution: &Distribution, p: f64) -> f64 {
    use statrs::distribution::{ContinuousCDF, Normal, Triangular, Uniform};
    let p = p.clamp(0.0, 1.0);
    match *distribution {
        Distribution::Uniform { min, max } => Uniform::new(min, max).map_or(min, |d| d.inverse_cdf(p)),
        Distribution::Triangular { min, mode, max } => {
            Triangular::new(min, max, mode).map_or(mode, |d| d.inverse_cdf(p))
        }
        Distribution::Normal { mean, sd } => Normal::new(mean, sd).map_or(mean, |d| d.inverse_cdf(p)),
    }
}

/// How to run an ensemble.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnsembleOptions {
    /// Number of runs.
    pub runs: usize,
    /// Worker threads (≥ 1).
    pub threads: usize,
    /// Give each run its own weather year (seed from the run index).
    pub vary_weather: bool,
}

/// Percentiles of one quantity in one year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Percentiles {
    /// 5th percentile.
    pub p5: f64,
    /// Median.
    pub p50: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Mean.
    pub mean: f64,
}

/// The result of an ensemble.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnsembleResult {
    /// Years, in order.
    pub years: Vec<i32>,
    /// Quantity keys, in the order of `percentiles`' inner index.
    pub quantities: Vec<String>,
    /// `percentiles[year index][quantity index]`.
    pub percentiles: Vec<Vec<Percentiles>>,
    /// Parameter values drawn for each run: `samples[run][uncertainty index]`.
    pub samples: Vec<Vec<f64>>,
    /// Each run's end-year value of each quantity: `end_values[run][quantity index]`.
    pub end_values: Vec<Vec<f64>>,
}

impl EnsembleResult {
    /// A digest of the whole result (BLAKE3 of its canonical JSON).
    pub fn digest(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        format!("blake3:{}", blake3::hash(&json).to_hex())
    }
}

/// The random draws of run `index`: parameter values and the weather seed.
pub fn draws(scenario: &Scenario, index: usize) -> (Vec<f64>, u64) {
    let mut rng = ChaCha8Rng::seed_from_u64(scenario.seed);
    rng.set_stream(index as u64 + 1);
    let values = scenario.uncertainties.iter().map(|u| sample(&u.distribution, &mut rng)).collect();
    (values, rng.random())
}

/// A variant of the scenario with parameter values applied (and, optionally, another seed).
/// Values are clamped to each parameter's range; the variant is re-validated.
pub fn variant(scenario: &Scenario, values: &[(Parameter, f64)], seed: Option<u64>) -> Scenario {
    let mut raw = scenario.raw.clone();
    for (parameter, value) in values {
        let (lo, hi) = parameter.range();
        parameter.apply(&mut raw, value.clamp(lo, hi));
    }
    if let Some(seed) = seed {
        raw.seed = seed;
    }
    // The source notes were checked with the scenario (a variant has the same fields) and take
    // no part in a run: leaving them out of the variant's validation spares writing the whole
    // scenario as text to look their fields up, a sixth of a run's time.
    let sources = std::mem::take(&mut raw.sources);
    // Validation cannot fail for values inside the parameters' ranges applied to a valid
    // scenario; if it ever did, the unchanged scenario runs instead of a panic.
    let mut variant =
        Scenario::from_raw(raw, "ensemble variant".as_ref()).unwrap_or_else(|_| scenario.clone());
    variant.raw.sources = sources;
    variant
}

/// Run `index` of an ensemble: the parameter values drawn, the scenario with them applied, and
/// its own prepared inputs where the draws change the site or the weather (`None`: the base
/// scenario's serve).
pub struct Member {
    /// The values drawn, one per uncertainty of the scenario, in its order.
    pub values: Vec<f64>,
    /// The scenario with the values (and, if the weather varies, the run's seed) applied.
    pub scenario: Scenario,
    /// Its prepared inputs, where they differ from the base scenario's.
    pub prepared: Option<Prepared>,
}

/// Draws run `index` of an ensemble of `scenario` (see [`draws`]); `sun` is the scenario's sun
/// path, which no parameter changes.
pub fn member(scenario: &Scenario, index: usize, vary_weather: bool, sun: &SunYear) -> Member {
    let (values, seed) = draws(scenario, index);
    let pairs: Vec<(Parameter, f64)> =
        scenario.uncertainties.iter().map(|u| u.parameter).zip(values.iter().copied()).collect();
    let needs_site = vary_weather || pairs.iter().any(|(p, _)| p.changes_site());
    let scenario = variant(scenario, &pairs, vary_weather.then_some(seed));
    let prepared = needs_site.then(|| Prepared::with_sun(&scenario, sun));
    Member { values, scenario, prepared }
}

/// Runs the ensemble. `progress` is called with the number of finished runs.
pub fn run_ensemble(
    scenario: &Scenario,
    levers: &Levers,
    options: &EnsembleOptions,
    progress: &(dyn Fn(usize) + Sync),
) -> Result<EnsembleResult, NonFinite> {
    let sun = SunYear::new(scenario);
    let base_prepared = Prepared::with_sun(scenario, &sun);
    let runs = options.runs;
    let threads = options.threads.clamp(1, 64);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);

    // Each worker claims run indices and returns (index, values); results are placed by index.
    // A run that fails stops its worker and the ensemble reports the failure of the lowest index.
    type RunResult = Result<(Vec<f64>, Vec<Vec<f64>>), NonFinite>;
    let (sender, receiver) = crossbeam::channel::bounded::<(usize, RunResult)>(threads * 4);
    let mut failure: Option<(usize, NonFinite)> = None;
    let mut samples = vec![Vec::new(); runs];
    let mut per_run: Vec<Vec<Vec<f64>>> = vec![Vec::new(); runs];
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, done, sun, base_prepared) = (&next, &done, &sun, &base_prepared);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= runs {
                        break;
                    }
                    let Member { values, scenario: variant, prepared } =
                        member(scenario, i, options.vary_weather, sun);
                    let prepared = prepared.as_ref().unwrap_or(base_prepared);
                    let result = run(&variant, levers, prepared, &RunOptions::default()).map(|outcome| {
                        let table: Vec<Vec<f64>> = outcome
                            .years
                            .iter()
                            .map(|y| QUANTITIES.iter().map(|q| q.value(y)).collect())
                            .collect();
                        (values, table)
                    });
                    let failed = result.is_err();
                    if sender.send((i, result)).is_err() || failed {
                        break;
                    }
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                }
            });
        }
        drop(sender);
        for (i, result) in receiver.iter() {
            match result {
                Ok((values, table)) => {
                    samples[i] = values;
                    per_run[i] = table;
                }
                Err(e) if failure.as_ref().is_none_or(|(first, _)| i < *first) => failure = Some((i, e)),
                Err(_) => {}
            }
        }
    });

    if let Some((_, e)) = failure {
        return Err(e);
    }
    let years: Vec<i32> = (scenario.base_year..=scenario.end_year).collect();
    let mut percentiles = Vec::with_capacity(years.len());
    let mut column = Vec::with_capacity(runs);
    for y in 0..years.len() {
        let mut row = Vec::with_capacity(QUANTITIES.len());
        for q in 0..QUANTITIES.len() {
            column.clear();
            column.extend(per_run.iter().filter_map(|r| r.get(y).and_then(|v| v.get(q)).copied()));
            row.push(summarise(&mut column));
        }
        percentiles.push(row);
    }
    let end_values = per_run.iter().map(|r| r.last().cloned().unwrap_or_default()).collect();
    Ok(EnsembleResult {
        years,
        quantities: QUANTITIES.iter().map(|q: &Quantity| q.key.to_owned()).collect(),
        percentiles,
        samples,
        end_values,
    })
}

/// Percentiles by linear interpolation between order statistics (numpy's default).
fn summarise(values: &mut [f64]) -> Percentiles {
    if values.is_empty() {
        return Percentiles { p5: 0.0, p50: 0.0, p95: 0.0, mean: 0.0 };
    }
    values.sort_by(f64::total_cmp);
    let at = |p: f64| {
        let x = p * (values.len() - 1) as f64;
        let (i, frac) = (x.floor() as usize, x - x.floor());
        if i + 1 < values.len() { values[i] + (values[i + 1] - values[i]) * frac } else { values[i] }
    };
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    Percentiles { p5: at(0.05), p50: at(0.5), p95: at(0.95), mean }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_like_numpy() {
        let mut v: Vec<f64> = (1..=11).map(f64::from).collect();
        let p = summarise(&mut v);
        assert_eq!((p.p5, p.p50, p.p95, p.mean), (1.5, 6.0, 10.5, 6.0));
    }

    #[test]
    fn quantiles_of_distributions() {
        let u = Distribution::Uniform { min: 2.0, max: 4.0 };
        assert_eq!(quantile(&u, 0.25), 2.5);
        let n = Distribution::Normal { mean: 10.0, sd: 2.0 };
        assert!((quantile(&n, 0.95) - (10.0 + 2.0 * 1.6448536269514722)).abs() < 1e-8);
        assert!((quantile(&n, 0.5) - 10.0).abs() < 1e-12);
        let t = Distribution::Triangular { min: 0.0, mode: 0.0, max: 1.0 };
        assert!((quantile(&t, 0.75) - 0.5).abs() < 1e-12);
        // Zero width is the one value, not an error.
        assert_eq!(quantile(&Distribution::Normal { mean: 3.0, sd: 0.0 }, 0.95), 3.0);
        assert_eq!(quantile(&Distribution::Uniform { min: 2.0, max: 2.0 }, 0.3), 2.0);
        assert_eq!(quantile(&Distribution::Triangular { min: 1.0, mode: 1.0, max: 1.0 }, 0.3), 1.0);
    }

    #[test]
    fn samples_stay_inside_their_distributions() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..1000 {
            let x = sample(&Distribution::Normal { mean: 1.0, sd: 0.1 }, &mut rng);
            assert!((0.7..=1.3).contains(&x));
            let t = sample(&Distribution::Triangular { min: 0.5, mode: 0.6, max: 1.0 }, &mut rng);
            assert!((0.5..=1.0).contains(&t));
        }
    }
}
