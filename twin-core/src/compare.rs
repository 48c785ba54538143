//! Comparison of two outcomes (scenario A and B): for every year both cover, the difference of
//! every KPI and main quantity. Computed here, in the core, so the command line and the viewer
//! show the same numbers. Invariant: comparing an outcome with itself gives only zeros.

use serde::Serialize;

use crate::outcome::Outcome;
use crate::quantity::QUANTITIES;

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
/// let a = twin_core::simulate(&s);
/// let diff = twin_core::compare::compare(&a, &a, &[2030]);
/// assert!(diff.rows.iter().all(|r| r.difference == 0.0));
/// ```
pub fn compare(a: &Outcome, b: &Outcome, years: &[i32]) -> Diff {
    let mut rows = Vec::new();
    for ya in &a.years {
        if !years.is_empty() && !years.contains(&ya.year) {
            continue;
        }
        let Some(yb) = b.year(ya.year) else { continue };
        for q in &QUANTITIES {
            let (va, vb) = ((q.value)(ya), (q.value)(yb));
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
