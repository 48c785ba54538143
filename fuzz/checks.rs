//! What each fuzz target asserts, in one place: the fuzz targets (`fuzz_targets/*.rs`) call these
//! functions, and twin-core's `tests/fuzz_corpus.rs` replays the kept corpus and every crash found
//! through them as ordinary tests.
//!
//! - `scenario_validate`: any bytes → parse and validate never panic; an error is text that names
//!   the file.
//! - `scenario_run`: a scenario of at most 3 years and 8 districts that validates must run to a
//!   finite outcome.
//! - `stock_csv`: a lifetime on the first line and a `year,value` series below it → reading, the
//!   lifetime parser and both stock models never panic, and finite, bounded input gives finite
//!   output.

// Each fuzz target uses one of these checks; the others are unused in its build.
#![allow(dead_code)]

use std::cell::RefCell;
use std::path::Path;

use twin_core::Scenario;
use twin_core::math::dsm;
use twin_core::model::{RunOptions, run};
use twin_core::prepare::{Prepared, SunYear};

const FILE: &str = "fuzz.ron";

/// Parse and validate: never a panic; every error names the file.
pub fn scenario_validate(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(e) = Scenario::from_str_named(text, Path::new(FILE)) {
        let report = e.to_string();
        assert!(report.contains(FILE), "an error that does not name the file: {report}");
    }
}

thread_local! {
    /// The sun's path of the last site seen (most inputs are small edits of one scenario).
    static SUN: RefCell<Option<(twin_core::scenario::Site, i32, SunYear)>> = const { RefCell::new(None) };
}

/// Parse, validate and run a small scenario: a valid one always gives a finite outcome.
pub fn scenario_run(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(scenario) = Scenario::from_str_named(text, Path::new(FILE)) else { return };
    if scenario.year_count() > 3 || scenario.districts.len() > 8 {
        return;
    }
    let prepared = SUN.with_borrow_mut(|cache| {
        let fresh = !cache
            .as_ref()
            .is_some_and(|(site, year, _)| *site == scenario.site && *year == scenario.base_year);
        if fresh {
            *cache = Some((scenario.site.clone(), scenario.base_year, SunYear::new(&scenario)));
        }
        let (_, _, sun) = cache.as_ref().expect("just filled");
        Prepared::with_sun(&scenario, sun)
    });
    if let Err(e) = run(&scenario, &scenario.levers, &prepared, &RunOptions::default()) {
        panic!("a valid scenario ran to a non-finite outcome: {e}");
    }
}

/// The stock series reader and the stock models.
pub fn stock_csv(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let Ok(lifetime) = dsm::Lifetime::parse(first.trim()) else { return };
    let Ok((years, values)) = twin_core::io::parse_series(rest) else { return };
    if years.len() > 400 {
        return;
    }
    let bounded = years.iter().chain(&values).all(|v| v.is_finite() && v.abs() <= 1e9);
    for result in
        [dsm::inflow_driven(&years, &values, &lifetime), dsm::stock_driven(&years, &values, &lifetime)]
    {
        if let (Ok(r), true) = (result, bounded) {
            let all = r.inflow.iter().chain(&r.outflow).chain(&r.stock);
            assert!(all.clone().all(|v| v.is_finite()), "bounded input gave a non-finite stock model");
        }
    }
}
