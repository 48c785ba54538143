//! Sensitivity analysis: what moves each headline KPI most.
//!
//! One at a time (a tornado): every lever is set to the bottom and the top of its range, every
//! uncertain parameter to the 5th and 95th percentile of its distribution, all else as in the
//! scenario; the swing of each KPI in the chosen year ranks the factors. Variance-based
//! indices come from an ensemble: squared standardised regression coefficients (SRC²) of each
//! KPI on the sampled parameters, which approximate first-order variance shares when the
//! response is close to linear (R² says how close).

use nalgebra::{DMatrix, DVector};
use serde::{Deserialize, Serialize};

use crate::analysis::ensemble::{EnsembleResult, quantile, variant};
use crate::catalogue::Catalogue;
use crate::catalogue::kpi::KpiId;
use crate::catalogue::levers::{LeverId, Levers};
use crate::model::{RunOptions, run};
use crate::outcome::NonFinite;
use crate::prepare::{Prepared, SunYear};
use crate::scenario::Scenario;

/// The KPIs a sensitivity analysis reports by default.
pub const HEADLINE_KPIS: [KpiId; 5] = [
    KpiId::GhgPerCapita,
    KpiId::ElectricityPerCapita,
    KpiId::GridPeak,
    KpiId::RenewableShare,
    KpiId::HouseholdEnergyCost,
];

/// What was varied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Factor {
    /// A lever over its range.
    Lever(LeverId),
    /// An uncertain parameter between its P5 and P95.
    Parameter(crate::catalogue::parameter::Parameter),
}

impl Factor {
    /// Key of the lever or parameter.
    pub fn key(&self) -> &'static str {
        match self {
            Factor::Lever(id) => id.key(),
            Factor::Parameter(p) => p.key(),
        }
    }
}

/// One bar of a tornado.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    /// What was varied.
    pub factor: Factor,
    /// Low input value.
    pub low_input: f64,
    /// High input value.
    pub high_input: f64,
    /// KPI with the low input.
    pub low_value: f64,
    /// KPI with the high input.
    pub high_value: f64,
}

impl Bar {
    /// |high − low| of the KPI.
    pub fn swing(&self) -> f64 {
        (self.high_value - self.low_value).abs()
    }
}

/// A tornado for one KPI, widest bar first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tornado {
    /// The KPI.
    pub kpi: KpiId,
    /// Year looked at.
    pub year: i32,
    /// KPI value of the scenario as is.
    pub base_value: f64,
    /// Bars, widest first.
    pub bars: Vec<Bar>,
}

/// One-at-a-time sensitivity of `kpis` in `year` to every lever and uncertain parameter.
pub fn tornado(
    scenario: &Scenario,
    levers: &Levers,
    year: i32,
    kpis: &[KpiId],
) -> Result<Vec<Tornado>, NonFinite> {
    let sun = SunYear::new(scenario);
    let prepared = Prepared::with_sun(scenario, &sun);
    let options = RunOptions::default();
    let value_of = |outcome: &crate::Outcome, kpi: KpiId| outcome.year(year).map_or(0.0, |y| kpi.value(y));
    let base = run(scenario, levers, &prepared, &options)?;

    // (factor, low input, high input, low outcome, high outcome)
    let mut runs = Vec::new();
    for id in LeverId::all() {
        let spec = id.spec();
        let (mut low, mut high) = (*levers, *levers);
        if low.set_target(id, spec.min).is_ok() && high.set_target(id, spec.max).is_ok() {
            let (low, high) =
                (run(scenario, &low, &prepared, &options)?, run(scenario, &high, &prepared, &options)?);
            runs.push((Factor::Lever(id), spec.min, spec.max, low, high));
        }
    }
    for u in &scenario.uncertainties {
        let (lo, hi) = (quantile(&u.distribution, 0.05), quantile(&u.distribution, 0.95));
        let outcome_at = |value: f64| {
            let v = variant(scenario, &[(u.parameter, value)], None);
            let own;
            let prepared = if u.parameter.changes_site() {
                own = Prepared::with_sun(&v, &sun);
                &own
            } else {
                &prepared
            };
            run(&v, levers, prepared, &options)
        };
        runs.push((Factor::Parameter(u.parameter), lo, hi, outcome_at(lo)?, outcome_at(hi)?));
    }

    let tornadoes = kpis
        .iter()
        .map(|kpi| {
            let mut bars: Vec<Bar> = runs
                .iter()
                .map(|(factor, lo, hi, low, high)| Bar {
                    factor: *factor,
                    low_input: *lo,
                    high_input: *hi,
                    low_value: value_of(low, *kpi),
                    high_value: value_of(high, *kpi),
                })
                .collect();
            bars.sort_by(|a, b| b.swing().total_cmp(&a.swing()).then(a.factor.key().cmp(b.factor.key())));
            Tornado { kpi: *kpi, year, base_value: value_of(&base, *kpi), bars }
        })
        .collect();
    Ok(tornadoes)
}

/// Variance-based indices of one quantity from an ensemble's end-year values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegressionIndices {
    /// Quantity key.
    pub quantity: String,
    /// SRC² per uncertain parameter, in the scenario's order.
    pub src_squared: Vec<f64>,
    /// Share of the variance the linear fit explains.
    pub r_squared: f64,
}

/// Squared standardised regression coefficients of every quantity's end-year value on the
/// ensemble's sampled parameters. Empty if there are fewer runs than parameters + 2.
pub fn regression_indices(result: &EnsembleResult) -> Vec<RegressionIndices> {
    let n = result.samples.len();
    let k = result.samples.first().map_or(0, Vec::len);
    if k == 0 || n < k + 2 {
        return Vec::new();
    }
    let standardise = |column: Vec<f64>| -> Option<(Vec<f64>, f64)> {
        let mean = column.iter().sum::<f64>() / n as f64;
        let sd = (column.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt();
        (sd > 0.0).then(|| (column.iter().map(|x| (x - mean) / sd).collect(), sd))
    };
    let columns: Vec<Option<Vec<f64>>> =
        (0..k).map(|j| standardise(result.samples.iter().map(|s| s[j]).collect()).map(|(v, _)| v)).collect();
    let x = DMatrix::from_fn(n, k, |i, j| columns[j].as_ref().map_or(0.0, |c| c[i]));
    let svd = x.clone().svd(true, true);
    result
        .quantities
        .iter()
        .enumerate()
        .map(|(q, key)| {
            let ys: Vec<f64> = result.end_values.iter().map(|v| v.get(q).copied().unwrap_or(0.0)).collect();
            let Some((y, _)) = standardise(ys) else {
                return RegressionIndices {
                    quantity: key.clone(),
                    src_squared: vec![0.0; k],
                    r_squared: 0.0,
                };
            };
            let y = DVector::from_vec(y);
            let beta = svd.solve(&y, 1e-12).unwrap_or_else(|_| DVector::zeros(k));
            let fitted = &x * &beta;
            let residual: f64 = (&y - fitted).norm_squared();
            let total: f64 = y.norm_squared();
            RegressionIndices {
                quantity: key.clone(),
                src_squared: beta.iter().map(|b| b * b).collect(),
                r_squared: if total > 0.0 { 1.0 - residual / total } else { 0.0 },
            }
        })
        .collect()
}
