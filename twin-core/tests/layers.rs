//! The module tree is the pipeline, and every import points down it: a module may use its own
//! layer and the layers below, never one above. This test reads the crate's sources and fails on
//! any `crate::LAYER` path (in a `use` or inline, tests included; comments excluded) that points up.

use std::path::{Path, PathBuf};

/// The layers, lowest first (the order of `lib.rs`).
const LAYERS: [&str; 9] =
    ["math", "catalogue", "scenario", "prepare", "outcome", "model", "analysis", "io", "session"];

fn rank(layer: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == layer)
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The layer a source file belongs to: its first path component under `src/`.
fn layer_of(src: &Path, file: &Path) -> Option<usize> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    rank(first.trim_end_matches(".rs"))
}

/// Every layer named by a `crate::NAME` path in a line of code.
fn referenced_layers(line: &str) -> Vec<&str> {
    let code = line.split("//").next().unwrap_or("");
    code.match_indices("crate::")
        .map(|(at, _)| {
            let rest = &code[at + "crate::".len()..];
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

/// `(file:line, from layer, to layer)` for every import that points up.
fn upward_imports(src: &Path) -> Vec<(String, &'static str, &'static str)> {
    let mut files = Vec::new();
    sources(src, &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in files {
        let Some(own) = layer_of(src, &file) else { continue };
        let text = std::fs::read_to_string(&file).expect("read source");
        for (n, line) in text.lines().enumerate() {
            for name in referenced_layers(line) {
                if let Some(target) = rank(name).filter(|t| *t > own) {
                    found.push((format!("{}:{}", file.display(), n + 1), LAYERS[own], LAYERS[target]));
                }
            }
        }
    }
    found
}

#[test]
fn every_layer_of_lib_rs_is_listed_in_order() {
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).expect("lib.rs");
    let declared: Vec<&str> =
        lib.lines().filter_map(|l| l.strip_prefix("pub mod ")).map(|l| l.trim_end_matches(';')).collect();
    assert_eq!(declared, LAYERS, "lib.rs declares the layers in pipeline order, and only them");
}

#[test]
fn no_layer_imports_a_higher_one() {
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let upward = upward_imports(src);
    let report: Vec<String> = upward.iter().map(|(at, from, to)| format!("{at}: {from} uses {to}")).collect();
    assert!(upward.is_empty(), "imports that point up the pipeline:\n{}", report.join("\n"));
}

#[test]
fn the_check_sees_an_upward_import() {
    // A test that cannot fail is a defect: an upward path in a scratch tree must be reported.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("scenario")).expect("mkdir");
    std::fs::write(dir.path().join("scenario/mod.rs"), "use crate::catalogue::Sector;\n// crate::model\n")
        .expect("write");
    std::fs::write(dir.path().join("math.rs"), "fn f() { crate::analysis::kpi::table(o); }\n")
        .expect("write");
    let upward = upward_imports(dir.path());
    assert_eq!(upward.len(), 1, "{upward:?}");
    assert_eq!((upward[0].1, upward[0].2), ("math", "analysis"));
}
