//! Mutants of both scenario files: every numeric literal replaced, one at a time, by `NaN`,
//! `inf`, `-1`, `0`, `1e308`, a string and `()`. Each mutant must either load and run to a finite
//! outcome, or be refused with every error naming `file:line:column` and a field path. Never a
//! panic, never a NaN in an outcome.
//!
//! The mutants run on every core (results are collected by mutant index, so the report is the
//! same whatever the thread count). The sun's path is computed once per file and reused by every
//! mutant that leaves the site and base year alone.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use twin_core::Scenario;
use twin_core::model::{RunOptions, run};
use twin_core::prepare::{Prepared, SunYear};

const REPLACEMENTS: [&str; 7] = ["NaN", "inf", "-1", "0", "1e308", "\"x\"", "()"];

/// Byte ranges of the numeric literals of a RON text, outside comments and strings.
fn numeric_literals(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
            }
            b if b.is_ascii_digit() || (b == b'-' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)) => {
                let start = i;
                i += 1;
                while i < bytes.len()
                    && (bytes[i].is_ascii_digit()
                        || matches!(bytes[i], b'.' | b'e' | b'E')
                        || (matches!(bytes[i], b'-' | b'+') && matches!(bytes[i - 1], b'e' | b'E')))
                {
                    i += 1;
                }
                found.push((start, i));
            }
            _ => i += 1,
        }
    }
    found
}

/// What went wrong with one mutant, or `None` if it behaved.
fn check(text: &str, name: &Path, sun: &SunYear, original: &Scenario) -> Option<String> {
    let scenario = match Scenario::from_str_named(text, name) {
        Ok(scenario) => scenario,
        Err(e) => {
            let report = e.to_string();
            let prefix = format!("{}:", name.display());
            let unlocated: Vec<&str> = report
                .lines()
                .filter(|l| !l.starts_with("warning: "))
                .filter(|l| !located(l, &prefix))
                .collect();
            return (!unlocated.is_empty())
                .then(|| format!("error without file:line:column and field: {unlocated:?}"));
        }
    };
    let same_sun = scenario.site == original.site && scenario.base_year == original.base_year;
    let prepared = if same_sun { Prepared::with_sun(&scenario, sun) } else { Prepared::new(&scenario) };
    match run(&scenario, &scenario.levers, &prepared, &RunOptions::default()) {
        Ok(_) => None,
        Err(e) => Some(format!("accepted, but the run is not finite: {e}")),
    }
}

/// Whether a line reads `FILE:LINE:COLUMN: field `PATH`: …`.
fn located(line: &str, prefix: &str) -> bool {
    let Some(rest) = line.strip_prefix(prefix) else { return false };
    let mut parts = rest.splitn(3, ':');
    let numbers = parts.next().is_some_and(|l| l.parse::<usize>().is_ok())
        && parts.next().is_some_and(|c| c.parse::<usize>().is_ok());
    let field = parts.next().and_then(|r| r.strip_prefix(" field `")).is_some_and(|r| r.contains("`: "));
    numbers && field
}

fn mutants_of(file: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scenarios").join(file);
    let text = std::fs::read_to_string(&path).expect("scenario file");
    let original = Scenario::from_str_named(&text, &path).expect("the file itself is valid");
    let sun = SunYear::new(&original);
    let literals = numeric_literals(&text);
    assert!(literals.len() > 500, "{file}: only {} numeric literals found", literals.len());
    let mutants: Vec<(usize, &str)> =
        literals.iter().enumerate().flat_map(|(i, _)| REPLACEMENTS.iter().map(move |r| (i, *r))).collect();
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(i, replacement)) = mutants.get(k) else { break };
                    let (start, end) = literals[i];
                    let mutant = format!("{}{replacement}{}", &text[..start], &text[end..]);
                    let name = Path::new("mutant.ron");
                    let outcome = std::panic::catch_unwind(|| check(&mutant, name, &sun, &original))
                        .unwrap_or_else(|_| Some("panicked".into()));
                    if let Some(problem) = outcome {
                        let line = text[..start].matches('\n').count() + 1;
                        let what =
                            format!("{file}:{line}: `{}` → `{replacement}`: {problem}", &text[start..end]);
                        failures.lock().expect("no poisoned lock").push((k, what));
                    }
                }
            });
        }
    });
    let mut failures = failures.into_inner().expect("no poisoned lock");
    failures.sort();
    let shown: Vec<&str> = failures.iter().take(40).map(|(_, w)| w.as_str()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} mutants misbehaved:\n{}",
        failures.len(),
        mutants.len(),
        shown.join("\n")
    );
}

#[test]
fn literals_are_found_outside_comments_and_strings() {
    let text = "A(x: 1.5, // 7 in a comment\n y: \"2 in a string\", z: -3e-2, w2: [4])";
    let found: Vec<&str> = numeric_literals(text).iter().map(|&(s, e)| &text[s..e]).collect();
    assert_eq!(found, ["1.5", "-3e-2", "4"]);
}

#[test]
fn the_located_check_refuses_an_unlocated_error() {
    assert!(located("m.ron:3:7: field `a.b`: expected …", "m.ron:"));
    assert!(!located("m.ron: field `a.b`: expected …", "m.ron:"));
    assert!(!located("m.ron:3:7: Expected comma", "m.ron:"));
}

#[test]
fn every_mutant_of_baerum_runs_finite_or_is_refused_with_its_position() {
    mutants_of("baerum.ron");
}

#[test]
fn every_mutant_of_alesund_runs_finite_or_is_refused_with_its_position() {
    mutants_of("alesund.ron");
}
