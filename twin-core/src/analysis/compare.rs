//! Comparison of two outcomes (scenario A and B): for every year both cover, the difference of
//! every KPI and main quantity. Computed here, in the core, so the command line and the viewer
//! show the same numbers. Invariant: comparing an outcome with itself gives only zeros.

use serde::Serialize;

use crate::analysis::quantity::QUANTITIES;
use crate::outcome::Outcome;

/// One quantity in one year, in both outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffRow {
    /// Year.
    pub year: i32,
    /// Quantity key.
    pub quantity: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Value in A.
    pub a: f64,
    /// Value in B.
    pub b: f64,
    /// B − A.
    pub difference: f64,
    /// (B − A) / |A|, or `None` when A is 0.
    pub relative: Option<f64>,
}

/// The differences between two outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    /// Name of A.
    pub a: String,
    /// Name of B.
    pub b: String,
    /// Rows by year, then quantity in catalogue order.
    pub rows: Vec<DiffRow>,
}

impl Diff {
    /// Rows of one year.
    pub fn year(&self, year: i32) -> impl Iterator<Item = &DiffRow> {
        self.rows.iter().filter(move |r| r.year == year)
    }
}

/// Compares B with A for the years both outcomes have (all of them if `years` is empty,
/// otherwise those listed).
///
/// ```
/// let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron")).unwrap();
/// let s = twin_core::Scenario::from_str_named(&text, "baerum.ron".as_ref()).unwrap();
/// use twin_core::{catalogue::levers::LeverId, model::{RunOptions, run}, prepare::Prepared};
/// let a = twin_core::simulate(&s).unwrap();
/// let mut levers = s.levers;
/// levers.set_target(LeverId::EvShare, 1.0).unwrap(); // every car electric
/// let b = run(&s, &levers, &Prepared::new(&s), &RunOptions::default()).unwrap();
/// let diff = twin_core::analysis::compare::compare(&a, &b, &[2040]);
/// let ghg = diff.rows.iter().find(|r| r.quantity == "ghg_per_capita").unwrap();
/// assert!(ghg.difference < 0.0 && ghg.difference == ghg.b - ghg.a);
/// ```
pub fn compare(a: &Outcome, b: &Outcome, years: &[i32]) -> Diff {
    let mut rows = Vec::new();
    for ya in &a.years {
        if !years.is_empty() && !years.contains(&ya.year) {
            continue;
        }
        let Some(yb) = b.year(ya.year) else { continue };
        for q in QUANTITIES.iter() {
            let (va, vb) = (q.value(ya), q.value(yb));
            let difference = vb - va;
            rows.push(DiffRow {
                year: ya.year,
                quantity: q.key,
                unit: q.unit,
                a: va,
                b: vb,
                difference,
                relative: (va != 0.0).then(|| difference / va.abs()),
            });
        }
    }
    Diff { a: a.scenario.clone(), b: b.scenario.clone(), rows }
}
