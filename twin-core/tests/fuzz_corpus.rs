//! Replays the fuzz targets' kept corpus and every crash they found (`fuzz/corpus/TARGET/`,
//! `fuzz/regressions/TARGET/`) through the same checks the fuzz targets run, as ordinary tests:
//! CI fuzzes nothing, but every input that once found a bug stays a test.

#[path = "../../fuzz/checks.rs"]
mod checks;

use std::path::Path;

/// Every file of a corpus folder, sorted (an absent folder is empty).
fn inputs(target: &str) -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
    let mut files: Vec<_> = ["corpus", "regressions"]
        .iter()
        .filter_map(|kind| std::fs::read_dir(root.join(kind).join(target)).ok())
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

fn replay(target: &str, check: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no corpus for {target}");
    for file in files {
        let data = std::fs::read(&file).expect("corpus file");
        if std::panic::catch_unwind(|| check(&data)).is_err() {
            panic!("{target}: {} fails its check again", file.display());
        }
    }
}

#[test]
fn scenario_validate_corpus() {
    replay("scenario_validate", checks::scenario_validate);
}

#[test]
fn scenario_run_corpus() {
    replay("scenario_run", checks::scenario_run);
}

#[test]
fn stock_csv_corpus() {
    replay("stock_csv", checks::stock_csv);
}

#[test]
fn the_first_stock_crash_is_now_an_error() {
    // What the fuzzer found: a log-normal lifetime over a 2001-year gap between two points made
    // the stock-driven model divide by a survival of about 1e-300 and return infinities.
    use twin_core::math::dsm::{DsmError, Lifetime, stock_driven};
    let lifetime = Lifetime::LogNormal { mean: 12.0, sd: 2.0 };
    let result = stock_driven(&[2.0, 2003.0, 25004.0], &[2.0, -5.0, 1e6], &lifetime);
    assert!(matches!(result, Err(DsmError::Unsolvable { .. })), "{result:?}");
}
