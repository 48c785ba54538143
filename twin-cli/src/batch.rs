//! `twin batch`: many scenarios × lever settings from a manifest, one CSV row per run streamed
//! into a result file that a second start continues (docs/batch.md).

use std::ops::Range;
use std::path::{Path, PathBuf};

use twin_core::analysis::batch::{BatchError, BatchOptions, Plan, run_batch, shard};
use twin_core::io::batch::{ResultFile, ResultFileError};

use crate::{Failure, emit, progress_bar};

/// What `twin batch` was asked to do.
pub(crate) struct BatchRequest {
    /// The manifest.
    pub manifest: PathBuf,
    /// The result file [default: `out/MANIFEST-STEM.csv`, or `…-K-of-N.csv` for a shard].
    pub out: Option<PathBuf>,
    /// Worker threads [default: all cores].
    pub threads: Option<usize>,
    /// `K/N`: only part K (0-based) of N equal parts of the runs.
    pub shard: Option<String>,
}

pub(crate) fn batch_command(request: &BatchRequest) -> Result<(), Failure> {
    let plan = Plan::load(&request.manifest).map_err(|e| Failure::Input(e.to_string()))?;
    let part = request.shard.as_deref().map(parse_shard).transpose()?;
    let runs = part.map_or(0..plan.runs(), |(k, n)| shard(plan.runs(), k, n));
    let threads =
        request.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if threads == 0 || threads > 256 {
        return Err(Failure::Input(format!("--threads {threads}: expected 1..=256")));
    }
    let out = request.out.clone().unwrap_or_else(|| default_out(&request.manifest, part));
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::Other(anyhow::anyhow!("cannot create {}: {e}", dir.display())))?;
    }
    let mut file = ResultFile::open(&out, &plan, runs.clone()).map_err(|e| match e {
        ResultFileError::Io { .. } => Failure::Other(e.into()),
        _ => Failure::Input(e.to_string()),
    })?;
    let first = file.next_run();
    eprintln!("{}", plan_line(&plan, &runs, first, &out));
    if first == runs.end {
        emit(&format!("All {} runs are in {}.\n", runs.len(), out.display()));
        return Ok(());
    }
    let started = std::time::Instant::now();
    let failed = run_into(&mut file, &plan, &BatchOptions { runs: first..runs.end, threads }, &out)?;
    let done = runs.end - first;
    let seconds = started.elapsed().as_secs_f64();
    emit(&format!(
        "{done} runs in {seconds:.1} s ({:.2} ms a run on {threads} threads); rows in {}\n",
        seconds * 1000.0 / done as f64,
        out.display()
    ));
    if failed > 0 {
        eprintln!(
            "warning: {failed} runs gave no values (a NaN or infinity); their `error` column says where"
        );
    }
    Ok(())
}

/// Runs the batch's remaining runs into `file` with a progress bar; the rows written go to disk
/// whatever stops the batch. Returns how many runs gave no values.
fn run_into(
    file: &mut ResultFile<'_>,
    plan: &Plan,
    options: &BatchOptions,
    out: &Path,
) -> Result<usize, Failure> {
    let bar = progress_bar(options.runs.len(), "runs");
    let mut failed = 0usize;
    let result = run_batch(plan, options, &mut |row| {
        file.append(row)?;
        failed += usize::from(row.error.is_some());
        if let Some(bar) = &bar {
            bar.inc(1);
        }
        Ok(())
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let synced = file.sync();
    result.map_err(|e| match e {
        BatchError::Sink(_) => Failure::Other(e.into()),
        _ => Failure::Input(e.to_string()),
    })?;
    synced.map_err(|e| Failure::Other(anyhow::anyhow!("{}: {e}", out.display())))?;
    Ok(failed)
}

/// `K/N` with `K < N`.
fn parse_shard(text: &str) -> Result<(usize, usize), Failure> {
    let bad = || Failure::Input(format!("--shard {text}: expected K/N with 0 <= K < N, e.g. 3/100"));
    let (k, n) = text.split_once('/').ok_or_else(bad)?;
    let (k, n): (usize, usize) = (k.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
    if k >= n { Err(bad()) } else { Ok((k, n)) }
}

fn default_out(manifest: &Path, part: Option<(usize, usize)>) -> PathBuf {
    let stem = manifest.file_stem().map_or_else(|| "batch".into(), |s| s.to_string_lossy().into_owned());
    let name = match part {
        Some((k, n)) => format!("{stem}-{k}-of-{n}.csv"),
        None => format!("{stem}.csv"),
    };
    Path::new("out").join(name)
}

/// What the batch is about to do, for standard error.
fn plan_line(plan: &Plan, runs: &Range<usize>, first: usize, out: &Path) -> String {
    let mut line = format!(
        "{} scenarios × {} runs = {} runs",
        plan.scenarios.len(),
        plan.runs_per_scenario(),
        plan.runs()
    );
    if runs.len() != plan.runs() {
        line.push_str(&format!("; this part: runs {}..{}", runs.start, runs.end));
    }
    if first > runs.start {
        line.push_str(&format!("; {} already in {}, continuing", first - runs.start, out.display()));
    }
    line
}
