//! `twin batch` as a planner runs it: a batch killed with `kill -9` and started again ends with
//! the file an uninterrupted batch writes; the parts of `--shard` join into the whole; a file
//! that is not the batch's is never written over.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::{stderr, twin};

const SCENARIOS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios");

/// A manifest of Træna with `draws` draws of two levers, in `dir`.
fn manifest(dir: &Path, draws: usize) -> PathBuf {
    let path = dir.join("sweep.ron");
    let text = format!(
        "Batch(scenarios: [\"{SCENARIOS}/traena.ron\"], variants: [(name: \"as-planned\")],
         samples: (runs: {draws}, seed: 3, levers: [\"ev_share\", \"pv_rollout\"]), years: [2030, 2050])"
    );
    std::fs::write(&path, text).expect("manifest");
    path
}

fn s(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

fn lines(path: &Path) -> usize {
    std::fs::read(path).map_or(0, |b| b.iter().filter(|c| **c == b'\n').count())
}

#[test]
fn a_batch_killed_and_started_again_writes_what_an_uninterrupted_one_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sweep = manifest(dir.path(), 1000);
    let (whole, killed) = (dir.path().join("whole.csv"), dir.path().join("killed.csv"));

    let mut child = Command::new(env!("CARGO_BIN_EXE_twin"))
        .args(["batch", s(&sweep), "--out", s(&killed), "--threads", "1"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("twin starts");
    let start = Instant::now();
    while lines(&killed) < 20 {
        assert!(child.try_wait().expect("wait").is_none(), "the batch ended before 20 rows");
        assert!(start.elapsed() < Duration::from_secs(60), "no rows within 60 s");
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().expect("kill -9");
    child.wait().expect("reaped");
    let rows_at_kill = lines(&killed) - 1;
    assert!(rows_at_kill < 1001, "killed before the end: {rows_at_kill} rows");

    let continued = twin(&["batch", s(&sweep), "--out", s(&killed)]);
    assert!(continued.status.success(), "{}", stderr(&continued));
    assert!(stderr(&continued).contains("already in"), "{}", stderr(&continued));
    let uninterrupted = twin(&["batch", s(&sweep), "--out", s(&whole), "--threads", "2"]);
    assert!(uninterrupted.status.success(), "{}", stderr(&uninterrupted));
    assert_eq!(lines(&whole), 1002, "a header and 1001 rows");
    assert!(std::fs::read(&whole).expect("whole") == std::fs::read(&killed).expect("killed"));

    let again = twin(&["batch", s(&sweep), "--out", s(&killed)]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("All 1001 runs are in"));
}

#[test]
fn the_parts_of_a_sharded_batch_join_into_the_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sweep = manifest(dir.path(), 9);
    let whole = dir.path().join("whole.csv");
    assert!(twin(&["batch", s(&sweep), "--out", s(&whole)]).status.success());
    let whole = std::fs::read_to_string(&whole).expect("whole");
    let mut joined = String::new();
    for k in 0..3 {
        let part = dir.path().join(format!("part-{k}.csv"));
        let out = twin(&["batch", s(&sweep), "--shard", &format!("{k}/3"), "--out", s(&part)]);
        assert!(out.status.success(), "{}", stderr(&out));
        let text = std::fs::read_to_string(&part).expect("part");
        let (header, rows) = text.split_once('\n').expect("a header");
        if k == 0 {
            joined.push_str(header);
            joined.push('\n');
        }
        assert_eq!(rows.lines().count(), [3, 3, 4][k], "part {k}");
        joined.push_str(rows);
    }
    assert_eq!(joined, whole);
    let refused = twin(&["batch", s(&sweep), "--shard", "3/3"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
}

#[test]
fn a_file_that_is_not_the_batchs_is_left_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sweep = manifest(dir.path(), 2);
    let table = dir.path().join("table.csv");
    std::fs::write(&table, "my,own\n1,2\n").expect("write");
    let out = twin(&["batch", s(&sweep), "--out", s(&table)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a batch's result file"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&table).expect("read"), "my,own\n1,2\n");

    let fresh = dir.path().join("fresh.csv");
    assert!(twin(&["batch", s(&sweep), "--out", s(&fresh)]).status.success());
    std::fs::write(&sweep, std::fs::read_to_string(&sweep).expect("read").replace("seed: 3", "seed: 4"))
        .expect("write");
    let before = std::fs::read(&fresh).expect("read");
    let out = twin(&["batch", s(&sweep), "--out", s(&fresh)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("another plan"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&fresh).expect("read"), before);
}

#[test]
fn the_shipped_manifest_plans_every_scenario_and_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/batches/levers.ron");
    let part = dir.path().join("first.csv");
    // Part 0 of 212 is the first run alone: Ålesund as planned.
    let out = twin(&["batch", manifest, "--shard", "0/212", "--out", s(&part)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("4 scenarios × 53 runs = 212 runs"), "{}", stderr(&out));
    let text = std::fs::read_to_string(&part).expect("part");
    let row = text.lines().nth(1).expect("a row");
    assert!(row.starts_with("0,../alesund.ron,1508,as-planned,,"), "{row}");
    assert!(row.ends_with(','), "no error: {row}");
}
