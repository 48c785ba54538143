//! The `twin` command as a user runs it: results, digests, the solar table, and a corpus of
//! hostile scenario files that must each give a clear error (file, line, column, field) and exit
//! status 2, without a panic, a hang or unbounded memory.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;
use common::{stderr, twin};

const BAERUM: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron");

fn baerum_text() -> String {
    std::fs::read_to_string(BAERUM).expect("Bærum scenario")
}

/// Writes `text` into a file in a fresh temporary folder.
fn file_with(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}

/// Asserts exit 2 with a message that names the file and contains every `needle`.
fn assert_input_error(path: &Path, needles: &[&str]) {
    let p = path.to_str().expect("utf-8 path");
    for args in [vec!["validate", p], vec!["run", p, "--digest"]] {
        let out = twin(&args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: status {:?}, stderr: {err}", out.status);
        assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
        assert!(err.contains(p), "{args:?}: message does not name the file: {err}");
        for needle in needles {
            assert!(err.contains(needle), "{args:?}: message lacks {needle:?}: {err}");
        }
    }
}

/// Replaces the first occurrence of `from` in the Bærum file.
fn baerum_with(from: &str, to: &str) -> String {
    let text = baerum_text();
    assert!(text.contains(from), "test fixture: {from:?} not in baerum.ron");
    text.replacen(from, to, 1)
}

#[test]
fn run_prints_a_summary_and_writes_results() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out_dir = dir.path().join("results");
    let out = twin(&["run", BAERUM, "--out", out_dir.to_str().expect("utf-8"), "--hourly-years", "2030"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("2050") && stdout.contains("grid peak") && stdout.contains("kt CO2e"),
        "{stdout}"
    );
    let yearly = std::fs::read_to_string(out_dir.join("yearly.csv")).expect("yearly.csv");
    let mut lines = yearly.lines();
    let header = lines.next().expect("header");
    assert!(header.starts_with("year,population_persons,final_residential_electricity_mwh"), "{header}");
    assert!(header.contains("grid_peak_mw") && header.contains("emissions_total_t"));
    assert_eq!(lines.count(), 26, "one row per year 2025..=2050");
    let hourly = std::fs::read_to_string(out_dir.join("hourly_2030.csv")).expect("hourly_2030.csv");
    assert_eq!(hourly.lines().count(), 8761);
    assert!(out_dir.join("districts.csv").exists());
    assert!(!out_dir.join("hourly_2050.csv").exists());
}

#[test]
fn json_results_parse_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = twin(&["run", BAERUM, "--format", "json", "--out", dir.path().to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json = std::fs::read_to_string(dir.path().join("outcome.json")).expect("outcome.json");
    let outcome: twin_core::Outcome = serde_json::from_str(&json).expect("outcome parses");
    assert_eq!(outcome.years.len(), 26);
}

#[test]
fn digest_is_identical_for_identical_inputs_and_changes_with_levers() {
    let a = twin(&["run", BAERUM, "--digest"]);
    let b = twin(&["run", BAERUM, "--digest"]);
    let c = twin(&["run", BAERUM, "--digest", "--set", "heat_pump_programme=0.5"]);
    assert!(a.status.success() && b.status.success() && c.status.success());
    let line = String::from_utf8_lossy(&a.stdout).into_owned();
    assert_eq!(line.lines().count(), 1);
    assert!(line.starts_with("blake3:"), "{line}");
    assert_eq!(a.stdout, b.stdout);
    assert_ne!(a.stdout, c.stdout);
}

/// The share code `twin run` prints reproduces the run (same digest); on another scenario, or an
/// edited copy of this one, it is refused saying which.
#[test]
fn a_share_code_reproduces_the_run_and_is_refused_elsewhere() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let sets = ["--set", "heat_pump_programme=0.6", "--set", "ev_share=0.95"];
    let mut args = vec!["run", BAERUM, "--out", out.to_str().expect("utf-8")];
    args.extend(sets);
    let run = twin(&args);
    assert!(run.status.success(), "{}", stderr(&run));
    let printed = String::from_utf8_lossy(&run.stdout).into_owned();
    let last = printed.lines().last().expect("output");
    let code = last.strip_prefix("Share code: ").expect("the last line is the share code");
    assert!(code.len() <= 40 && code.chars().all(|c| c.is_ascii_alphanumeric()), "{code}");
    let mut direct = vec!["run", BAERUM, "--digest"];
    direct.extend(sets);
    let coded = twin(&["run", BAERUM, "--digest", "--code", code]);
    assert!(coded.status.success(), "{}", stderr(&coded));
    assert_eq!(coded.stdout, twin(&direct).stdout, "the code gives the same outcome");
    let elsewhere = twin(&["run", ALESUND, "--digest", "--code", code]);
    assert_eq!(elsewhere.status.code(), Some(2));
    assert!(stderr(&elsewhere).contains("made with another scenario"), "{}", stderr(&elsewhere));
    let edited = file_with(&dir, "baerum.ron", baerum_with("seed: 3201,", "seed: 3202,").as_bytes());
    let edited = twin(&["run", edited.to_str().expect("utf-8"), "--digest", "--code", code]);
    assert!(stderr(&edited).contains("another version of the scenario"), "{}", stderr(&edited));
}

#[test]
fn bad_lever_settings_are_input_errors() {
    for set in ["nonsense=1", "ev_share=1.5", "ev_share=abc", "ev_share"] {
        let out = twin(&["run", BAERUM, "--digest", "--set", set]);
        assert_eq!(out.status.code(), Some(2), "{set}: {}", stderr(&out));
        assert!(stderr(&out).contains("--set"), "{set}: {}", stderr(&out));
    }
}

#[test]
fn solar_table_matches_the_reference_rows() {
    let out = twin(&[
        "solar",
        "--lat",
        "59.89",
        "--lon",
        "10.52",
        "--year",
        "2024",
        "--tilt",
        "30",
        "--azimuth",
        "180",
        "--elevation",
        "20",
        "--delta-t",
        "69",
        "--linke-turbidity",
        "3",
        "--albedo",
        "0.2",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let table = String::from_utf8_lossy(&out.stdout);
    assert_eq!(table.lines().count(), 1 + 366 * 24);
    let reference = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../twin-core/tests/data/solar_reference.csv"
    ))
    .expect("ref");
    let mut compared = 0;
    for line in reference.lines().filter(|l| l.starts_with("baerum,") && l.contains(",2024-")) {
        let f: Vec<&str> = line.split(',').collect();
        let time = f[9];
        let row = table.lines().find(|l| l.starts_with(time)).expect("hour present");
        let g: Vec<f64> = row.split(',').skip(1).map(|x| x.parse().expect("number")).collect();
        let r: Vec<f64> = f[10..].iter().map(|x| x.parse().expect("number")).collect();
        assert!(
            (g[0] - r[0]).abs() < 0.01 && (g[1] - r[1]).abs().min(360.0 - (g[1] - r[1]).abs()) < 0.01,
            "{row} vs {line}"
        );
        for k in 2..6 {
            assert!((g[k] - r[k]).abs() <= (0.01 * r[k].abs()).max(0.01), "{row} vs {line}");
        }
        compared += 1;
    }
    assert!(compared >= 12 * 24, "{compared}");
}

#[test]
fn solar_rejects_bad_arguments() {
    let out = twin(&["solar", "--lat", "95", "--lon", "10", "--year", "2024"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--lat"));
}

#[test]
fn validate_accepts_every_scenario_in_the_repository() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios");
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .expect("scenarios/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut args = vec!["validate"];
    args.extend(files.iter().map(String::as_str));
    let out = twin(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    // Each reads its map from the files it names, and the map and the districts agree.
    let said = String::from_utf8_lossy(&out.stdout);
    for (districts, file) in [(22, "baerum"), (13, "alesund"), (1, "traena"), (25, "trondheim")] {
        assert!(said.contains(&format!("map: {districts} districts from ")), "{file}: {said}");
        assert!(said.contains(&format!("assets/geo/{file}.geojson")), "{said}");
    }
    assert!(!said.contains("warning:"), "{said}");
}

#[test]
fn a_scenario_copied_without_its_map_falls_back_to_the_built_in_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = file_with(&dir, "baerum.ron", baerum_text().as_bytes());
    let out = twin(&["validate", &p.to_string_lossy()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("the map built in for kommune 3201 stands in"), "{said}");
}

#[test]
fn hostile_syntax_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = baerum_with("    seed: 3201,", "    seed: 3201,,");
    let line = text.lines().position(|l| l.contains("seed: 3201,,")).expect("line") + 1;
    let p = file_with(&dir, "syntax.ron", text.as_bytes());
    assert_input_error(&p, &[&format!("syntax.ron:{line}:16:")]);
}

#[test]
fn hostile_unknown_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = file_with(&dir, "unknown.ron", baerum_with("cars: ", "horses: 3.0, cars: ").as_bytes());
    assert_input_error(&p, &["horses", "districts[0]"]);
}

#[test]
fn hostile_wrong_type() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = file_with(&dir, "type.ron", baerum_with("area_km2: ", "area_km2: \"large\", x: ").as_bytes());
    assert_input_error(&p, &["districts[0].area_km2"]);
}

#[test]
fn hostile_nan() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = file_with(&dir, "nan.ron", baerum_with("latitude_deg: 59.89,", "latitude_deg: NaN,").as_bytes());
    assert_input_error(&p, &["site.latitude_deg", "finite"]);
}

#[test]
fn hostile_negative_area() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = baerum_with("\"detached_pre1970\": ", "\"detached_pre1970\": -");
    let p = file_with(&dir, "negative.ron", text.as_bytes());
    assert_input_error(&p, &["districts[0].floor_area_m2.detached_pre1970", "expected a value in 0"]);
    // The position points at the offending entry.
    let line = text.lines().position(|l| l.contains("\"detached_pre1970\": -")).expect("line") + 1;
    let out = twin(&["validate", p.to_str().expect("utf-8")]);
    assert!(stderr(&out).contains(&format!("negative.ron:{line}:")), "{}", stderr(&out));
}

#[test]
fn hostile_shares_summing_to_1_3() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = file_with(&dir, "shares.ron", baerum_with("bio: 0.05", "bio: 0.35").as_bytes());
    assert_input_error(&p, &["districts[0].heating_shares", "sum to 1"]);
}

#[test]
fn hostile_end_year_100000() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = file_with(&dir, "years.ron", baerum_with("end_year: 2050", "end_year: 100000").as_bytes());
    assert_input_error(&p, &["end_year", "found 100000"]);
}

#[test]
fn hostile_too_many_districts() {
    let text = baerum_text();
    let start = text.find("    districts: [").expect("districts");
    let body_start = text[start..].find('\n').expect("newline") + start + 1;
    let end = text.find("    transport:").expect("transport");
    let list = &text[body_start..end];
    let one = &list[..list.find("        ),\n").expect("first district") + 11];
    let mut many = String::new();
    for i in 0..600 {
        many.push_str(&one.replace("code: \"32010100\"", &format!("code: \"{i}\"")));
    }
    let hostile = format!("{}{}        ],\n{}", &text[..body_start], many, &text[end..]);
    let dir = tempfile::tempdir().expect("tempdir");
    let p = file_with(&dir, "districts.ron", hostile.as_bytes());
    assert_input_error(&p, &["districts", "expected 1 to 500 districts, found 600"]);
}

#[test]
fn hostile_billion_empty_districts() {
    // As many districts as fit the size limit; each one malformed.
    let dir = tempfile::tempdir().expect("tempdir");
    let text = baerum_with("    districts: [", &format!("    districts: [{}", "(),".repeat(1_000_000)));
    let p = file_with(&dir, "billion.ron", text.as_bytes());
    assert_input_error(&p, &[]);
}

#[test]
fn hostile_50_mb_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = baerum_text();
    text.push_str(&"// padding\n".repeat(50 * 1024 * 1024 / 11));
    let p = file_with(&dir, "huge.ron", text.as_bytes());
    assert_input_error(&p, &["larger than"]);
}

#[test]
fn hostile_deep_nesting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let p = file_with(&dir, "deep.ron", baerum_with("levers: [", &format!("levers: [{deep},")).as_bytes());
    assert_input_error(&p, &["levers"]);
    let p =
        file_with(&dir, "deep2.ron", format!("{}{}", "(".repeat(100_000), ")".repeat(100_000)).as_bytes());
    assert_input_error(&p, &[":1:"]);
}

#[test]
fn hostile_not_utf8() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = baerum_with("name: \"Bærum\"", "name: \"B\u{1}rum\"").into_bytes();
    let at = bytes.iter().position(|b| *b == 1).expect("marker");
    bytes[at] = 0xff;
    let p = file_with(&dir, "latin1.ron", &bytes);
    assert_input_error(&p, &["not UTF-8"]);
}

#[test]
fn hostile_directory_and_device() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_input_error(dir.path(), &["directory"]);
    if Path::new("/dev/zero").exists() {
        assert_input_error(Path::new("/dev/zero"), &["larger than"]);
    }
    assert_input_error(&dir.path().join("missing.ron"), &["cannot read"]);
}

#[test]
fn hostile_empty_and_binary_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_input_error(&file_with(&dir, "empty.ron", b""), &[":1:"]);
    assert_input_error(&file_with(&dir, "zeros.ron", &[0u8; 4096]), &[]);
}

#[test]
fn a_closed_output_pipe_is_not_a_crash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_twin"))
        .args(["solar", "--lat", "60", "--lon", "10", "--year", "2024"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("twin starts");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("twin exits");
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}

#[test]
fn kpis_lists_u4ssc_codes_and_extensions() {
    let out = twin(&["kpis"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for code in [
        "EN: E: E: 1C",
        "EN: E: E: 2C",
        "EN: E: E: 3C",
        "EN: E: E: 4A",
        "EN: EN: AQ: 2C",
        "EC: I: T: 8A",
        "EC: ICT: ES: 3A",
    ] {
        assert!(text.contains(code), "{code} missing");
    }
    assert!(text.contains("extension (not U4SSC)"));
}

#[test]
fn run_reports_kpis_targets_and_writes_kpis_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = twin(&["run", BAERUM, "--out", dir.path().to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("EN: EN: AQ: 2C") && text.contains("Targets:") && text.contains("not met"),
        "{text}"
    );
    let kpis = std::fs::read_to_string(dir.path().join("kpis.csv")).expect("kpis.csv");
    assert!(kpis.starts_with("year,renewable_share (%),electricity_per_capita (kWh/yr/capita)"), "{kpis}");
    assert_eq!(kpis.lines().count(), 27);
}

#[test]
fn compare_shows_a_lever_change_as_b_minus_a_and_writes_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let all_electric = baerum_edited(
        &dir,
        &[(
            "(lever: \"ev_share\", target: 0.9, start_year: 2026, ramp_years: 15)",
            "(lever: \"ev_share\", target: 1.0, start_year: 2026, ramp_years: 15)",
        )],
    );
    let csv = dir.path().join("diff.csv");
    let b = all_electric.to_str().expect("utf-8");
    let out = twin(&["compare", BAERUM, b, "--years", "2030,2050", "--out", csv.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&csv).expect("diff.csv");
    let header: Vec<&str> = text.lines().next().expect("header").split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).expect("column");
    let (quantity, year, a_col, b_col, diff_col) =
        (column("quantity"), column("year"), column("a"), column("b"), column("difference"));
    let mut ghg_2050 = None;
    for line in text.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        let number = |i: usize| cells[i].parse::<f64>().expect("number");
        assert_eq!(number(diff_col), number(b_col) - number(a_col), "{line}");
        if cells[quantity] == "ghg_per_capita" && cells[year] == "2050" {
            ghg_2050 = Some(number(diff_col));
        }
    }
    // The last tenth of the fleet going electric cuts emissions: B − A is negative.
    assert!(ghg_2050.expect("ghg row") < 0.0);
    let bad = twin(&["compare", BAERUM, BAERUM, "--years", "1990"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn ensemble_digest_is_the_same_on_1_and_4_threads() {
    let digest = |threads: &str| {
        let out = twin(&["ensemble", BAERUM, "--runs", "16", "--threads", threads, "--digest"]);
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let one = digest("1");
    assert!(one.starts_with("blake3:") && one.lines().count() == 1, "{one}");
    assert_eq!(one, digest("4"));
}

#[test]
fn ensemble_writes_percentiles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = twin(&[
        "ensemble",
        BAERUM,
        "--runs",
        "12",
        "--threads",
        "2",
        "--out",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read_to_string(dir.path().join("ensemble.csv")).expect("ensemble.csv");
    assert!(csv.starts_with("year,quantity,unit,p5,p50,p95,mean"));
    for line in csv.lines().skip(1) {
        let f: Vec<f64> = line.split(',').skip(3).map(|x| x.parse().expect("number")).collect();
        assert!(f[0] <= f[1] && f[1] <= f[2], "{line}");
    }
    assert_eq!(twin(&["ensemble", BAERUM, "--runs", "0"]).status.code(), Some(2));
}

#[test]
fn sensitivity_and_costs_print_their_tables() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = twin(&["sensitivity", BAERUM, "--runs", "30", "--out", dir.path().to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Greenhouse gas emissions per capita") && text.contains("ev_share"), "{text}");
    assert!(text.contains("Variance shares"), "{text}");
    assert!(dir.path().join("tornado.csv").exists() && dir.path().join("variance.csv").exists());

    let out = twin(&[
        "costs",
        BAERUM,
        "--set",
        "heat_pump_programme=0.5",
        "--out",
        dir.path().to_str().expect("utf-8"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("heat_pump_programme") && text.contains("NOK/t CO2e"), "{text}");
    let abatement = std::fs::read_to_string(dir.path().join("abatement.csv")).expect("abatement.csv");
    assert!(abatement.lines().any(|l| l.starts_with("heat_pump_programme,")));
}

const ALESUND: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/alesund.ron");

fn alesund_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(ALESUND).expect("Ålesund scenario");
    assert!(text.contains(from), "test fixture: {from:?} not in alesund.ron");
    text.replacen(from, to, 1)
}

#[test]
fn hostile_transfer_coefficients_not_summing_to_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = alesund_with(
        "(\"recycling\", 0.92), (\"incineration\", 0.08)",
        "(\"recycling\", 0.92), (\"incineration\", 0.18)",
    );
    let p = file_with(&dir, "tc.ron", text.as_bytes());
    assert_input_error(&p, &["materials.processes[1].to", "\"sorting_plant\"", "must sum to 1", "1.1"]);
}

#[test]
fn hostile_negative_and_nan_tonnages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p =
        file_with(&dir, "neg.ron", alesund_with("kg_per_person: 120.0", "kg_per_person: -120.0").as_bytes());
    assert_input_error(&p, &["materials.fractions[0].kg_per_person", "found -120"]);
    let p = file_with(
        &dir,
        "nan.ron",
        alesund_with("waste_t_per_year: 82000.0", "waste_t_per_year: NaN").as_bytes(),
    );
    assert_input_error(&p, &["district_heating.units[0].waste_t_per_year", "finite"]);
}

#[test]
fn hostile_loop_with_no_way_out() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Recycling sends everything back to sorting, and sorting of glass sends everything to recycling.
    let text = alesund_with(
        "(process: \"recycling\", to: [(\"production\", 0.95), (\"sorting_plant\", 0.05)]),",
        "(process: \"recycling\", to: [(\"sorting_plant\", 1.0)]),\n            (process: \"sorting_plant\", fraction: \"glass_metal\", to: [(\"recycling\", 1.0)]),",
    );
    let p = file_with(&dir, "loop.ron", text.as_bytes());
    assert_input_error(
        &p,
        &["materials.processes", "glass_metal", "loop with no way out", "recycling", "sorting_plant"],
    );
}

#[test]
fn hostile_unknown_incinerator_and_fraction() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = file_with(
        &dir,
        "inc.ron",
        alesund_with("incinerator: \"Tafjord Kraftvarme (waste)\"", "incinerator: \"Electric boilers\"")
            .as_bytes(),
    );
    assert_input_error(&p, &["materials.incinerator", "not a WasteIncineration unit"]);
    let p = file_with(&dir, "frac.ron", alesund_with("fraction: \"wood\"", "fraction: \"wod\"").as_bytes());
    assert_input_error(&p, &["fraction", "unknown fraction \"wod\""]);
}

#[test]
fn run_writes_material_flow_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = twin(&["run", ALESUND, "--out", dir.path().to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let flows = std::fs::read_to_string(dir.path().join("material_flows.csv")).expect("material_flows.csv");
    assert!(flows.starts_with("year,from,to,flow,material,mass_t"));
    assert!(flows.contains("residual_collection => incineration"));
    assert!(flows.contains("recycling => sorting_plant"), "the loop is in the table");
    let materials = std::fs::read_to_string(dir.path().join("materials.csv")).expect("materials.csv");
    assert!(materials.starts_with("year,waste_generated_t,source_separation_share,incinerated_t"));
}

#[test]
fn stock_command_matches_the_library_and_rejects_bad_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = file_with(&dir, "inflow.csv", b"year,inflow\n2000,100\n2001,50\n2002,0\n2003,0\n");
    let out = twin(&["stock", "--inflow", input.to_str().expect("utf-8"), "--lifetime", "weibull:2,2"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    let lib = twin_core::math::dsm::inflow_driven(
        &[2000.0, 2001.0, 2002.0, 2003.0],
        &[100.0, 50.0, 0.0, 0.0],
        &twin_core::math::dsm::Lifetime::Weibull { shape: 2.0, scale: 2.0 },
    )
    .expect("computes");
    let last: Vec<f64> =
        text.lines().last().expect("row").split(',').map(|x| x.parse().expect("number")).collect();
    assert_eq!(last[3], lib.stock[3]);
    let bad = file_with(&dir, "bad.csv", b"year,inflow\n2000,100\n2001,x\n");
    let out = twin(&["stock", "--inflow", bad.to_str().expect("utf-8"), "--lifetime", "fixed:10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.csv:3"), "{}", stderr(&out));
    let out = twin(&["stock", "--inflow", input.to_str().expect("utf-8"), "--lifetime", "weibull:-1,2"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn hostile_building_lifetime_shorter_than_half_a_year() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = file_with(
        &dir,
        "life.ron",
        baerum_with("lifetime: Weibull(shape: 2.5, scale: 120.0)", "lifetime: Fixed(years: 0.3)").as_bytes(),
    );
    assert_input_error(&p, &["materials.building_stock[0].lifetime", "half a year"]);
}

/// Writes the Bærum file with `edits` (each replaces its first occurrence) and returns its path.
fn baerum_edited(dir: &tempfile::TempDir, edits: &[(&str, &str)]) -> PathBuf {
    let mut text = baerum_text();
    for (from, to) in edits {
        assert!(text.contains(from), "test fixture: {from:?} not in baerum.ron");
        text = text.replacen(from, to, 1);
    }
    file_with(dir, "absurd.ron", text.as_bytes())
}

/// Edits to the Bærum file (each replaces its first occurrence), and what the error must say.
type AbsurdCase<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);

#[test]
fn absurd_scenarios_are_errors_that_name_the_field() {
    let cases: [AbsurdCase; 11] = [
        (&[("shape: 2.5,", "shape: 1e308,")], &["building_stock[0].lifetime", "shape in 0.1..=50"]),
        (&[("shape: 2.5,", "shape: 999999999999,")], &["building_stock[0].lifetime", "shape in 0.1..=50"]),
        (
            &[("\"office\": 18592.0,", "\"office\": 18592.0, \"office\": 5.0,")],
            &["districts[0].floor_area_m2", "appears twice"],
        ),
        (&[("area_km2: 1.28,", "area_km2: 0.0,")], &["districts[0].area_km2", "land area above 0"]),
        (
            &[("\"office\": 18592.0,", "\"office\": 1000000000.0,")],
            &["districts[0].floor_area_m2", "m² per m²"],
        ),
        (
            &[("ev_kwh_per_km: 0.18,", "ev_kwh_per_km: 0.0,")],
            &["transport.ev_kwh_per_km", "consumption per km"],
        ),
        (
            &[("import_capacity_mw: 550.0,", "import_capacity_mw: 0.0,")],
            &["grid.import_capacity_mw", "more than 0 MW"],
        ),
        (
            &[(
                "history: [(1900, 400000.0), (1950, 1900000.0), (1980, 3800000.0), (2009, 5210750.0), (2024, 6230000.0)]",
                "history: [(2023, 0.0), (2024, 6000000.0)]",
            )],
            &["building_stock[0].history", "no municipality builds that fast"],
        ),
        (
            &[(
                "(kpi: \"ghg_per_capita\", year: 2030, value: ChangeFromBase(-0.46), direction: AtMost,",
                "(kpi: \"renewable_share\", year: 2030, value: Absolute(0.6), direction: AtLeast,",
            )],
            &["targets[0].value", "measured in %", "Absolute(60)"],
        ),
        (&[("base_year: 2025,", "base_year: 2025.5,")], &["field `base_year`", "whole number"]),
        (
            &[("base_year: 2025,", "base_year: 2025")],
            &["a `,` is probably missing after the value of `base_year`"],
        ),
    ];
    for (edits, needles) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_input_error(&baerum_edited(&dir, edits), needles);
    }
}

#[test]
fn a_cut_off_file_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = baerum_text();
    let path = file_with(&dir, "cut.ron", &text.as_bytes()[..text.len() / 2]);
    assert_input_error(&path, &["cut off"]);
}

#[test]
fn every_problem_of_a_file_is_reported_in_one_pass() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = baerum_edited(
        &dir,
        &[
            ("area_km2: 1.28,", "area_km2: -1.0,"),
            ("(lever: \"retrofit_rate\", target: 0.01),", "(lever: \"retrofit_rate\", target: 7.0),"),
            ("shape: 2.5,", "shape: -2.5,"),
        ],
    );
    assert_input_error(&path, &["districts[0].area_km2", "levers[1].target", "building_stock[0].lifetime"]);
}

#[test]
fn unusual_values_are_warnings_that_never_block_a_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = baerum_edited(&dir, &[("ev_kwh_per_km: 0.18,", "ev_kwh_per_km: 0.6,")]);
    let p = path.to_str().expect("utf-8");
    let validate = twin(&["validate", p]);
    assert!(validate.status.success(), "{}", stderr(&validate));
    let report = String::from_utf8_lossy(&validate.stdout);
    assert!(report.contains("1 warnings"), "{report}");
    assert!(report.contains("warning: ") && report.contains("transport.ev_kwh_per_km"), "{report}");
    assert!(report.contains("§3.7"), "the band names its source: {report}");
    let run = twin(&["run", p, "--digest"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("transport.ev_kwh_per_km"), "{}", stderr(&run));
}

#[test]
fn district_heat_without_units_is_an_error() {
    let mut text = baerum_text();
    let start = text.find("        units: [").expect("units");
    let end = start + text[start..].find("        ],").expect("end of units") + "        ],".len();
    text.replace_range(start..end, "        units: [],");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = file_with(&dir, "no-units.ron", text.as_bytes());
    assert_input_error(&path, &["districts[6].heating_shares.district_heating`", "no unit with capacity"]);
}

/// `twin session …` as a planner uses it: start a session, type in two groups' forms, compare,
/// combine, import another table's session, and check files.
mod session {
    use super::*;

    fn ok(args: &[&str]) -> String {
        let out = twin(args);
        assert!(out.status.success(), "twin {args:?}: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A session with two groups' proposals.
    fn two_groups(dir: &tempfile::TempDir, name: &str) -> PathBuf {
        let file = dir.path().join(name);
        let f = file.to_str().expect("utf-8");
        ok(&["session", "new", f, BAERUM, "--title", "Bord 1"]);
        ok(&[
            "session",
            "add",
            f,
            "--name",
            "Næring",
            "--set",
            "heat_pump_programme=0.6",
            "--reason",
            "heat_pump_programme=lavere strømregning",
        ]);
        ok(&[
            "session",
            "add",
            f,
            "--name",
            "Ungdom",
            "--set",
            "heat_pump_programme=0.8",
            "--set",
            "pv_rollout=0.5",
        ]);
        file
    }

    /// The value of one KPI row and column of a `compare` table.
    fn cell(table: &str, kpi: &str, column: usize) -> f64 {
        let row = table.lines().find(|l| l.starts_with(kpi)).expect("the KPI's row");
        let cells: Vec<&str> = row.split_whitespace().collect();
        cells[cells.len() - 3 + column].parse().expect("a number")
    }

    #[test]
    fn compare_prints_b_minus_a_as_the_model_computes_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = two_groups(&dir, "w.ron");
        let f = file.to_str().expect("utf-8");
        let table = ok(&["session", "compare", f, "baseline", "2", "--year", "2040"]);
        assert!(
            table.contains("A: Referanse") && table.contains("B: Ungdom") && table.contains("B − A"),
            "{table}"
        );
        // The same levers run directly in the core.
        let scenario = twin_core::scenario::load(Path::new(BAERUM)).expect("Bærum");
        let levers =
            scenario.levers.with_assignments(&["heat_pump_programme=0.8", "pv_rollout=0.5"]).expect("levers");
        let prepared = twin_core::prepare::Prepared::new(&scenario);
        let options = twin_core::model::RunOptions::default();
        let b = twin_core::model::run(&scenario, &levers, &prepared, &options).expect("run");
        let a = twin_core::model::run(&scenario, &scenario.levers, &prepared, &options).expect("run");
        let ghg = |o: &twin_core::Outcome| {
            twin_core::catalogue::kpi::KpiId::GhgPerCapita.value(o.year(2040).expect("2040"))
        };
        assert!((cell(&table, "ghg_per_capita", 0) - ghg(&a)).abs() < 5e-4, "{table}");
        assert!((cell(&table, "ghg_per_capita", 1) - ghg(&b)).abs() < 5e-4, "{table}");
        assert!((cell(&table, "ghg_per_capita", 2) - (ghg(&b) - ghg(&a))).abs() < 1e-3, "{table}");
        let all = ok(&["session", "compare", f]);
        assert!(all.contains("Referanse") && all.contains("Næring") && all.contains("Ungdom"), "{all}");
        let shown = ok(&["session", "show", f]);
        assert!(
            shown.contains("heat_pump_programme = 0.6") && shown.contains("lavere strømregning"),
            "{shown}"
        );
    }

    #[test]
    fn merge_adds_the_room_package_and_keeps_the_previous_save() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = two_groups(&dir, "w.ron");
        let f = file.to_str().expect("utf-8");
        let report = ok(&["session", "merge", f, "--rule", "max", "--pick", "ev_share=0.95"]);
        assert!(
            report.contains("heat_pump_programme = 0.800") && report.contains("ev_share = 0.950"),
            "{report}"
        );
        assert!(report.contains("% of the gap"), "{report}");
        let session = twin_core::session::file::load(&file).expect("still a valid session");
        let package = session.package.expect("the package is in the file");
        assert_eq!(package.rule, twin_core::session::Rule::Max);
        assert!(twin_core::session::store::generation_path(&file, 1).exists(), "the save before is kept");
        assert!(ok(&["session", "compare", f]).contains("Rommets pakke"));
        // Never over another file.
        let other = file_with(&dir, "other.ron", b"mine");
        let out = twin(&["session", "merge", f, "--out", other.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(std::fs::read(&other).expect("other"), b"mine");
        let out = twin(&["session", "new", f, BAERUM]);
        assert_eq!(out.status.code(), Some(2), "an existing session is not replaced");
    }

    #[test]
    fn import_takes_another_tables_proposals() {
        let dir = tempfile::tempdir().expect("tempdir");
        let here = two_groups(&dir, "here.ron");
        let there = two_groups(&dir, "there.ron");
        let said = ok(&["session", "import", here.to_str().expect("utf-8"), there.to_str().expect("utf-8")]);
        assert!(said.contains("2 proposals imported (4 in all)"), "{said}");
        let session = twin_core::session::file::load(&here).expect("valid");
        let names: Vec<&str> = session.proposals.iter().map(|p| p.details.name.as_str()).collect();
        assert_eq!(names, ["Næring", "Ungdom", "Næring (Bord 1)", "Ungdom (Bord 1)"]);
    }

    #[test]
    fn check_names_the_line_column_and_field_of_a_bad_session() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = two_groups(&dir, "w.ron");
        let text = std::fs::read_to_string(&file).expect("read");
        let bad = text.replacen("\"pv_rollout\": 0.5", "\"pv_rollout\": 5.0", 1);
        assert_ne!(bad, text);
        let path = file_with(&dir, "bad.ron", bad.as_bytes());
        let out = twin(&["session", "check", path.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(2));
        let line = bad.lines().position(|l| l.contains("\"pv_rollout\": 5.0")).expect("the line") + 1;
        let message = stderr(&out);
        assert!(
            message.contains(&format!("bad.ron:{line}:"))
                && message.contains("proposals[1].levers.pv_rollout"),
            "{message}"
        );
        let cut = file_with(&dir, "cut.ron", &text.as_bytes()[..text.len() / 3]);
        let out = twin(&["session", "check", cut.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("cut.ron:"), "{}", stderr(&out));
        assert!(ok(&["session", "check", file.to_str().expect("utf-8")]).contains("ok (Bord 1, 2 proposals"));
    }

    #[test]
    fn room_hides_an_open_votes_tallies_and_pins_export_approved_only() {
        use twin_core::session::room::{Choice, Origin, PinCategory, PinDraft, VoteState};
        let dir = tempfile::tempdir().expect("tempdir");
        let file = two_groups(&dir, "w.ron");
        let f = file.to_str().expect("utf-8");
        let mut s = twin_core::session::file::load(&file).expect("valid");
        let now = jiff::Timestamp::now();
        let draft = |origin, story: &str| PinDraft {
            lon: 10.55,
            lat: 59.9,
            category: PinCategory::Problem,
            story: story.into(),
            concerns: None,
            district: Some("Stabekk".into()),
            origin,
            at: now,
        };
        s.apply(s.add_pin(draft(Origin::Kiosk, "Kø ved skolen")), now).expect("pin");
        s.apply(s.add_pin(draft(Origin::Paper, "Fra klistrelapp")), now).expect("pin");
        s.apply(s.open_vote("Hva først?", vec![Choice::Proposal(1), Choice::Proposal(2)], 3), now)
            .expect("vote");
        let vote = s.room.votes[0].id;
        s.apply(s.cast(vote, vec![1, 1, 0]).expect("ballot"), now).expect("cast");
        twin_core::session::store::save(&file, &s).expect("save");

        let open = ok(&["session", "room", f]);
        assert!(open.contains("open: 1 have voted") && !open.contains("dots  Ungdom"), "{open}");
        assert!(open.contains("1 approved, 1 waiting for moderation"), "{open}");
        s.apply(s.set_vote_state(vote, VoteState::Closed).expect("vote"), now).expect("close");
        twin_core::session::store::save(&file, &s).expect("save");
        let closed = ok(&["session", "room", f]);
        assert!(closed.contains("1.   2 dots  Ungdom") && closed.contains("2.   1 dots  Næring"), "{closed}");

        let out = dir.path().join("pins.geojson");
        ok(&["session", "pins", f, "--out", out.to_str().expect("utf-8")]);
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
        let features = json["features"].as_array().expect("features");
        assert_eq!(features.len(), 1, "only the approved (paper) pin is published");
        assert_eq!(features[0]["properties"]["story"], "Fra klistrelapp");
        let all: serde_json::Value =
            serde_json::from_str(&ok(&["session", "pins", f, "--all"])).expect("JSON");
        assert_eq!(all["features"].as_array().map(Vec::len), Some(2));
        let again = twin(&["session", "pins", f, "--out", out.to_str().expect("utf-8")]);
        assert_eq!(again.status.code(), Some(2), "an existing file is not replaced");
    }
}
