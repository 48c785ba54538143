//! Dynamic stock models (DSM): cohorts of a stock (buildings, products) entering in one year and
//! leaving by a lifetime distribution, driven either by inflow or by the stock.
//!
//! Conventions follow flodym's defaults (flodym 1.1, `InflowDrivenDSM` / `StockDrivenDSM` with
//! `inflow_at="middle"` and one quadrature point), so results agree with it to 1e-9
//! (`twin-core/tests/dsm_reference.rs`):
//! - year `t` is the interval from `t − ½` to `t + ½` (midpoints between the given years);
//! - a cohort enters in the middle of its year (at `t`); the survival factor `sf[m][c]` is the
//!   share of cohort `c` still in the stock at the end of year `m`, i.e. at age `m − c + ½`;
//! - so part of a cohort can leave in its own year: outflow in year `c` is `inflow × (1 − sf[c][c])`,
//!   later `inflow × (sf[m−1][c] − sf[m][c])`;
//! - the normal distribution is **not** truncated at zero (flodym does not either); the
//!   log-normal takes the mean and standard deviation of the lifetime itself; the Weibull takes
//!   shape and scale; a fixed lifetime `L` keeps a cohort while its age is below `L`;
//! - stock-driven: inflow solves the lower-triangular system `Σ_c sf[t][c] · inflow[c] = stock[t]`
//!   by forward substitution.
//!
//! Invariant (tested): stock change = inflow − outflow in every year, to rounding.

use serde::{Deserialize, Serialize};
use statrs::distribution::{ContinuousCDF, LogNormal, Normal, Weibull};

/// A lifetime distribution, in years.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Lifetime {
    /// Normal with mean and standard deviation (not truncated at zero); each 0.1–1000 years.
    Normal {
        /// Mean, years.
        mean: f64,
        /// Standard deviation, years.
        sd: f64,
    },
    /// Log-normal with the mean and standard deviation of the lifetime itself; each 0.1–1000
    /// years.
    LogNormal {
        /// Mean, years.
        mean: f64,
        /// Standard deviation, years.
        sd: f64,
    },
    /// Weibull with shape `k` (0.1–50) and scale `λ` (0.1–1000 years).
    Weibull {
        /// Shape.
        shape: f64,
        /// Scale, years.
        scale: f64,
    },
    /// Every item leaves when it reaches this age (0–1000 years).
    Fixed {
        /// Lifetime, years.
        years: f64,
    },
}

/// Why a lifetime or a stock model cannot be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DsmError {
    /// A lifetime parameter is out of range.
    #[error("lifetime: {0}")]
    Lifetime(String),
    /// The time series is unusable.
    #[error("time series: {0}")]
    Series(String),
    /// A stock-driven model found a year whose new cohort cannot survive to the year's end.
    #[error(
        "year {year}: the stock cannot be met because a new cohort (almost) does not survive its own period"
    )]
    Unsolvable {
        /// Year.
        year: f64,
    },
}

/// The least share of a new cohort that must be left at the end of its own period for a
/// stock-driven model: below it the inflow that meets the stock is absurd or infinite.
const MIN_OWN_PERIOD_SURVIVAL: f64 = 1e-6;
/// Shortest lifetime parameter accepted, years.
const MIN_YEARS: f64 = 0.1;
/// Longest lifetime parameter accepted, years: beyond it nothing of a model's horizon leaves.
const MAX_YEARS: f64 = 1000.0;
/// Weibull shapes outside this range make the survival function a step or a spike that floating
/// point cannot follow (a shape of 1e308 gives NaN); use `Fixed` for a sharp lifetime.
const MIN_SHAPE: f64 = 0.1;
/// See [`MIN_SHAPE`].
const MAX_SHAPE: f64 = 50.0;

impl Lifetime {
    /// Checks the parameters: finite, positive and within the ranges a stock model can follow.
    pub fn validate(&self) -> Result<(), DsmError> {
        let years = |x: f64| (MIN_YEARS..=MAX_YEARS).contains(&x);
        let (valid, expected) = match *self {
            Lifetime::Normal { mean, sd } | Lifetime::LogNormal { mean, sd } => {
                (years(mean) && years(sd), "mean and sd in 0.1..=1000 years")
            }
            Lifetime::Weibull { shape, scale } => (
                (MIN_SHAPE..=MAX_SHAPE).contains(&shape) && years(scale),
                "shape in 0.1..=50 and scale in 0.1..=1000 years",
            ),
            Lifetime::Fixed { years } => ((0.0..=MAX_YEARS).contains(&years), "years in 0..=1000"),
        };
        if valid { Ok(()) } else { Err(DsmError::Lifetime(format!("{self:?}: expected {expected}"))) }
    }

    /// The typical life in years: the mean (normal, log-normal, fixed) or the scale (Weibull,
    /// the age by which 63 % have left).
    pub fn typical_years(&self) -> f64 {
        match *self {
            Lifetime::Normal { mean, .. } | Lifetime::LogNormal { mean, .. } => mean,
            Lifetime::Weibull { scale, .. } => scale,
            Lifetime::Fixed { years } => years,
        }
    }

    /// Survival function: the share of a cohort still present at `age` years.
    pub fn survival(&self, age: f64) -> f64 {
        match *self {
            Lifetime::Normal { mean, sd } => Normal::new(mean, sd).map_or(0.0, |d| d.sf(age)),
            Lifetime::LogNormal { mean, sd } => {
                if age <= 0.0 {
                    return 1.0;
                }
                let m2 = mean * mean;
                let v = sd * sd;
                let mu = (m2 / (m2 + v).sqrt()).ln();
                let sigma = (1.0 + v / m2).ln().sqrt();
                LogNormal::new(mu, sigma).map_or(0.0, |d| d.sf(age))
            }
            Lifetime::Weibull { shape, scale } => {
                if age <= 0.0 {
                    return 1.0;
                }
                Weibull::new(shape, scale).map_or(0.0, |d| d.sf(age))
            }
            Lifetime::Fixed { years } => {
                if age < years {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }

    /// Parses `normal:MEAN,SD`, `lognormal:MEAN,SD`, `weibull:SHAPE,SCALE` or `fixed:YEARS`.
    ///
    /// ```
    /// use twin_core::math::dsm::Lifetime;
    /// assert_eq!(Lifetime::parse("weibull:2.5,60").unwrap(), Lifetime::Weibull { shape: 2.5, scale: 60.0 });
    /// assert!(Lifetime::parse("normal:50").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Lifetime, DsmError> {
        let err = || {
            DsmError::Lifetime(format!(
                "{text:?}: expected normal:MEAN,SD, lognormal:MEAN,SD, weibull:SHAPE,SCALE or fixed:YEARS"
            ))
        };
        let (kind, numbers) = text.split_once(':').ok_or_else(err)?;
        let values: Vec<f64> = numbers
            .split(',')
            .map(|x| x.trim().parse::<f64>())
            .collect::<Result<_, _>>()
            .map_err(|_| err())?;
        let lifetime = match (kind.trim().to_ascii_lowercase().as_str(), values.as_slice()) {
            ("normal", [mean, sd]) => Lifetime::Normal { mean: *mean, sd: *sd },
            ("lognormal", [mean, sd]) => Lifetime::LogNormal { mean: *mean, sd: *sd },
            ("weibull", [shape, scale]) => Lifetime::Weibull { shape: *shape, scale: *scale },
            ("fixed", [years]) => Lifetime::Fixed { years: *years },
            _ => return Err(err()),
        };
        lifetime.validate()?;
        Ok(lifetime)
    }
}

/// Yearly results of a dynamic stock model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StockResult {
    /// Years.
    pub years: Vec<f64>,
    /// Inflow per year.
    pub inflow: Vec<f64>,
    /// Outflow per year.
    pub outflow: Vec<f64>,
    /// Stock at the end of each year.
    pub stock: Vec<f64>,
}

/// Interval bounds of the years: midpoints between consecutive years, extended at both ends by
/// the neighbouring interval's length (flodym's rule, which needs three years; with fewer, the
/// ends extend by half the gap, or by ½ for a single year).
fn bounds(years: &[f64]) -> Vec<f64> {
    match years {
        [] => Vec::new(),
        [y] => vec![y - 0.5, y + 0.5],
        [a, b] => {
            let half = (b - a) / 2.0;
            vec![a - half, a + half, b + half]
        }
        _ => {
            let middle: Vec<f64> = years.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
            let k = middle.len();
            let mut out = Vec::with_capacity(years.len() + 1);
            out.push(middle[0] - (middle[1] - middle[0]));
            out.extend(&middle);
            out.push(middle[k - 1] + (middle[k - 1] - middle[k - 2]));
            out
        }
    }
}

/// Survival table `sf[m][c]`: share of cohort `c` present at the end of year `m` (`m ≥ c`).
#[derive(Debug, Clone, PartialEq)]
pub enum SurvivalTable {
    /// Evenly spaced years: the share depends only on the age `m − c`, kept once per age.
    ByAge(Vec<f64>),
    /// Uneven years: row `m` holds cohorts `0..=m`.
    Rows(Vec<Vec<f64>>),
}

impl SurvivalTable {
    /// The share of cohort `c` present at the end of year `m` (`c ≤ m`).
    #[inline]
    pub fn at(&self, m: usize, c: usize) -> f64 {
        match self {
            SurvivalTable::ByAge(by_age) => by_age[m - c],
            SurvivalTable::Rows(rows) => rows[m][c],
        }
    }
}

/// The survival table of cohorts entering in the middle of each year of `years`.
pub fn survival_table(years: &[f64], lifetime: &Lifetime) -> SurvivalTable {
    let b = bounds(years);
    let n = years.len();
    let widths: Vec<f64> = b.windows(2).map(|w| w[1] - w[0]).collect();
    let even = widths.iter().all(|w| (w - widths[0]).abs() <= 1e-12 * widths[0].abs().max(1.0));
    if even && n > 0 {
        return SurvivalTable::ByAge(
            (0..n).map(|age| lifetime.survival(widths[0] * (age as f64 + 0.5))).collect(),
        );
    }
    SurvivalTable::Rows(
        (0..n)
            .map(|m| {
                (0..=m)
                    .map(|c| {
                        let entry = 0.5 * b[c + 1] + 0.5 * b[c];
                        lifetime.survival(b[m + 1] - entry)
                    })
                    .collect()
            })
            .collect(),
    )
}

fn check_series(years: &[f64], values: &[f64]) -> Result<(), DsmError> {
    if years.is_empty() || years.len() != values.len() {
        return Err(DsmError::Series("years and values must be non-empty and of equal length".into()));
    }
    if years.len() > 10_000 {
        return Err(DsmError::Series("at most 10,000 years".into()));
    }
    if years.iter().any(|y| !y.is_finite()) || years.windows(2).any(|w| w[1] <= w[0]) {
        return Err(DsmError::Series("years must be finite and strictly increasing".into()));
    }
    if let Some(v) = values.iter().find(|v| !v.is_finite()) {
        return Err(DsmError::Series(format!("values must be finite, found {v}")));
    }
    Ok(())
}

fn outflow_of(inflow: &[f64], sf: &SurvivalTable) -> Vec<f64> {
    let n = inflow.len();
    (0..n)
        .map(|m| {
            (0..=m)
                .map(|c| {
                    let pdf = if m == c { 1.0 - sf.at(c, c) } else { sf.at(m - 1, c) - sf.at(m, c) };
                    inflow[c] * pdf
                })
                .sum()
        })
        .collect()
}

/// Inflow-driven model: stock and outflow from the inflow of each year.
///
/// ```
/// use twin_core::math::dsm::{inflow_driven, Lifetime};
/// let r = inflow_driven(&[2020.0, 2021.0, 2022.0], &[10.0, 0.0, 0.0], &Lifetime::Fixed { years: 1.0 }).unwrap();
/// assert_eq!(r.stock, vec![10.0, 0.0, 0.0]);
/// assert_eq!(r.outflow, vec![0.0, 10.0, 0.0]);
/// ```
pub fn inflow_driven(years: &[f64], inflow: &[f64], lifetime: &Lifetime) -> Result<StockResult, DsmError> {
    check_series(years, inflow)?;
    lifetime.validate()?;
    let sf = survival_table(years, lifetime);
    let b = bounds(years);
    let stock = (0..years.len())
        .map(|m| (0..=m).map(|c| inflow[c] * (b[c + 1] - b[c]) * sf.at(m, c)).sum())
        .collect();
    Ok(StockResult {
        years: years.to_vec(),
        inflow: inflow.to_vec(),
        outflow: outflow_of(inflow, &sf),
        stock,
    })
}

/// Stock-driven model: inflow and outflow that keep the given stock.
pub fn stock_driven(years: &[f64], stock: &[f64], lifetime: &Lifetime) -> Result<StockResult, DsmError> {
    check_series(years, stock)?;
    lifetime.validate()?;
    let sf = survival_table(years, lifetime);
    let b = bounds(years);
    let n = years.len();
    let mut whole_period = vec![0.0; n];
    for i in 0..n {
        let surviving: f64 = (0..i).map(|j| sf.at(i, j) * whole_period[j]).sum();
        // A cohort that (nearly) never survives its own period cannot meet the stock: the
        // division below would be by zero, overflow, or give an absurd inflow.
        let own = sf.at(i, i);
        if own < MIN_OWN_PERIOD_SURVIVAL {
            return Err(DsmError::Unsolvable { year: years[i] });
        }
        whole_period[i] = (stock[i] - surviving) / own;
    }
    let inflow: Vec<f64> = whole_period.iter().enumerate().map(|(i, x)| x / (b[i + 1] - b[i])).collect();
    Ok(StockResult {
        years: years.to_vec(),
        outflow: outflow_of(&inflow, &sf),
        inflow,
        stock: stock.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_midpoints() {
        assert_eq!(bounds(&[2000.0, 2001.0, 2002.0]), vec![1999.5, 2000.5, 2001.5, 2002.5]);
        assert_eq!(bounds(&[2000.0, 2001.0]), vec![1999.5, 2000.5, 2001.5]);
    }

    #[test]
    fn stock_balance_holds_for_every_distribution() {
        let years: Vec<f64> = (1950..=2050).map(f64::from).collect();
        let inflow: Vec<f64> = years.iter().map(|y| 100.0 + (y - 1950.0)).collect();
        for lifetime in [
            Lifetime::Normal { mean: 40.0, sd: 15.0 },
            Lifetime::LogNormal { mean: 40.0, sd: 15.0 },
            Lifetime::Weibull { shape: 2.5, scale: 50.0 },
            Lifetime::Fixed { years: 30.0 },
        ] {
            let r = inflow_driven(&years, &inflow, &lifetime).expect("valid");
            let mut previous = 0.0;
            for i in 0..years.len() {
                let change = r.stock[i] - previous;
                assert!(
                    (change - (r.inflow[i] - r.outflow[i])).abs() < 1e-9 * r.stock[i].max(1.0),
                    "{lifetime:?} {i}"
                );
                previous = r.stock[i];
            }
            // Stock-driven with that stock gives the inflow back.
            let back = stock_driven(&years, &r.stock, &lifetime).expect("valid");
            for (a, b) in back.inflow.iter().zip(&inflow) {
                assert!((a - b).abs() < 1e-6, "{lifetime:?}: {a} vs {b}");
            }
        }
    }

    #[test]
    fn a_cohort_that_cannot_survive_its_first_year_is_an_error_not_a_panic() {
        let r = stock_driven(&[2000.0, 2001.0], &[1.0, 1.0], &Lifetime::Fixed { years: 0.2 });
        assert!(matches!(r, Err(DsmError::Unsolvable { .. })));
    }
}
