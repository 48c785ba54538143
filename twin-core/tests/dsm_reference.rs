//! Agreement with flodym 1.1's dynamic stock models on reference data made by
//! `scripts/dsm_reference.py` and committed as CSV: inflow, outflow and stock to 1e-9 relative.

use std::collections::BTreeMap;

use twin_core::math::dsm::{Lifetime, inflow_driven, stock_driven};

type Case = (String, String, String);

fn cases() -> BTreeMap<Case, Vec<[f64; 4]>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/dsm_reference.csv");
    let mut reader = csv::Reader::from_path(path).expect("reference CSV exists");
    let mut out: BTreeMap<Case, Vec<[f64; 4]>> = BTreeMap::new();
    for record in reader.records() {
        let r = record.expect("valid record");
        let f = |i: usize| r[i].parse::<f64>().expect("number");
        out.entry((r[0].to_owned(), r[1].to_owned(), r[2].to_owned())).or_default().push([
            f(3),
            f(4),
            f(5),
            f(6),
        ]);
    }
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn dynamic_stock_models_agree_with_flodym() {
    let cases = cases();
    assert_eq!(cases.len(), 28, "7 lifetimes × 2 modes × 2 series");
    for ((lifetime, mode, series), rows) in &cases {
        let lt = Lifetime::parse(&lifetime.replace(';', ",")).expect("lifetime");
        let years: Vec<f64> = rows.iter().map(|r| r[0]).collect();
        let result = if mode == "inflow" {
            inflow_driven(&years, &rows.iter().map(|r| r[1]).collect::<Vec<_>>(), &lt)
        } else {
            stock_driven(&years, &rows.iter().map(|r| r[3]).collect::<Vec<_>>(), &lt)
        }
        .expect("computes");
        for (i, r) in rows.iter().enumerate() {
            let what = format!("{lifetime} {mode} {series} {}", r[0]);
            assert!(close(result.inflow[i], r[1]), "{what}: inflow {} vs {}", result.inflow[i], r[1]);
            assert!(close(result.outflow[i], r[2]), "{what}: outflow {} vs {}", result.outflow[i], r[2]);
            assert!(close(result.stock[i], r[3]), "{what}: stock {} vs {}", result.stock[i], r[3]);
        }
    }
}
