//! A batch's result file: one CSV row per run, appended in run order, flushed to disk every few
//! seconds, and continued after an interruption (`kill -9`, a power cut, a cluster's time
//! limit) from its last whole row.
//!
//! Beside `FILE` lies `FILE.plan`, naming the plan that started it (its digest) and the runs it
//! holds. Only that plan continues the file; a file without it is not a batch's and is never
//! written over. On continuing, the file is cut after the last row that is whole (ends in a line
//! break, has every column, and is the run that was due): whatever a crash left after it is
//! dropped and run again.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::analysis::batch::{Plan, Row};

/// How often the rows written are flushed to disk: a power cut loses at most this much work (a
/// killed process loses only the runs under way: each row goes to the system when it is due).
const SYNC_EVERY: Duration = Duration::from_secs(2);

/// Why a result file cannot be opened for a batch.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ResultFileError {
    /// The file exists but no batch started it.
    #[error(
        "{}: exists and is not a batch's result file (there is no {}); give another --out, or move the file away",
        .file.display(), .sidecar.display()
    )]
    NotABatch {
        /// The file.
        file: PathBuf,
        /// The plan file it lacks.
        sidecar: PathBuf,
    },
    /// The file was started by another plan or for other runs.
    #[error(
        "{}: was started by another plan or for other runs (the manifest, a scenario file, twin's version or --shard differ); give another --out, or remove {} and {} to start again",
        .file.display(), .file.display(), .sidecar.display()
    )]
    OtherPlan {
        /// The file.
        file: PathBuf,
        /// Its plan file.
        sidecar: PathBuf,
    },
    /// Reading or writing failed.
    #[error("{}: {source}", .file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
}

/// A result file open for appending rows.
pub struct ResultFile<'a> {
    plan: &'a Plan,
    path: PathBuf,
    out: File,
    next_run: usize,
    end: usize,
    synced_at: Instant,
}

/// `FILE.plan` for `FILE`.
pub fn sidecar_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".plan");
    PathBuf::from(name)
}

fn sidecar_text(plan: &Plan, runs: &Range<usize>) -> String {
    format!("twin batch result\nplan: {}\nruns: {}..{}\n", plan.digest(), runs.start, runs.end)
}

/// One CSV record with its line break.
fn record(cells: &[String]) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::with_capacity(cells.len() * 12));
    // Writing into a Vec cannot fail.
    let _ = out.write_record(cells);
    out.into_inner().unwrap_or_default()
}

impl<'a> ResultFile<'a> {
    /// Opens `path` for the runs `runs` of `plan`: a new file gets the header; a file this plan
    /// started for these runs is cut after its last whole row and continued.
    pub fn open(path: &Path, plan: &'a Plan, runs: Range<usize>) -> Result<ResultFile<'a>, ResultFileError> {
        let sidecar = sidecar_of(path);
        let io = |source| ResultFileError::Io { file: path.to_owned(), source };
        let expected = sidecar_text(plan, &runs);
        let exists = std::fs::symlink_metadata(path).is_ok();
        let ours = match std::fs::read_to_string(&sidecar) {
            Ok(text) => text == expected,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                if exists {
                    return Err(ResultFileError::NotABatch { file: path.to_owned(), sidecar });
                }
                false
            }
            Err(source) => return Err(ResultFileError::Io { file: sidecar, source }),
        };
        let header = record(&plan.columns());
        let (file, next_run) = match (exists, ours) {
            (true, true) => {
                let file = OpenOptions::new().read(true).write(true).open(path).map_err(io)?;
                let (file, next) = continued(file, &header, plan.columns().len(), runs.clone())
                    .map_err(io)?
                    .ok_or_else(|| ResultFileError::OtherPlan { file: path.to_owned(), sidecar })?;
                (file, next)
            }
            (true, false) => return Err(ResultFileError::OtherPlan { file: path.to_owned(), sidecar }),
            (false, _) => {
                // The plan first: a crash between the two leaves a plan without a file, which
                // the next start replaces.
                super::write_atomic(&sidecar, expected.as_bytes())
                    .map_err(|source| ResultFileError::Io { file: sidecar.clone(), source })?;
                (started(path, &header).map_err(io)?, runs.start)
            }
        };
        Ok(ResultFile {
            plan,
            path: path.to_owned(),
            out: file,
            next_run,
            end: runs.end,
            synced_at: Instant::now(),
        })
    }

    /// The first run not yet in the file (`runs.end` when it is complete).
    pub fn next_run(&self) -> usize {
        self.next_run
    }

    /// Appends the row of the run that is due; flushes to disk every few seconds.
    pub fn append(&mut self, row: &Row) -> std::io::Result<()> {
        if row.run != self.next_run || row.run >= self.end {
            return Err(std::io::Error::other(format!(
                "{}: run {} is not the one due ({})",
                self.path.display(),
                row.run,
                self.next_run
            )));
        }
        self.out.write_all(&record(&self.plan.cells(row)))?;
        self.next_run += 1;
        if self.synced_at.elapsed() >= SYNC_EVERY {
            self.sync()?;
        }
        Ok(())
    }

    /// Flushes the rows written to disk.
    pub fn sync(&mut self) -> std::io::Result<()> {
        self.out.sync_data()?;
        self.synced_at = Instant::now();
        Ok(())
    }
}

/// A new file (never one that exists) with the header, on disk.
fn started(path: &Path, header: &[u8]) -> std::io::Result<File> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(header)?;
    file.sync_all()?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        super::sync_folder(dir);
    }
    Ok(file)
}

/// The file cut after its last whole row, positioned at its end, and the next run due; `None`
/// when its header is not `header`.
fn continued(
    mut file: File,
    header: &[u8],
    columns: usize,
    runs: Range<usize>,
) -> std::io::Result<Option<(File, usize)>> {
    let mut reader = BufReader::new(&file);
    let mut line = Vec::with_capacity(1024);
    reader.read_until(b'\n', &mut line)?;
    if line != header {
        return Ok(None);
    }
    let mut whole_bytes = line.len() as u64;
    let mut due = runs.start;
    while due < runs.end {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 || !is_row_of(&line, due, columns) {
            break;
        }
        whole_bytes += line.len() as u64;
        due += 1;
    }
    drop(reader);
    file.set_len(whole_bytes)?;
    file.seek(SeekFrom::End(0))?;
    file.sync_all()?;
    Ok(Some((file, due)))
}

/// Whether `line` is a whole row of run `run`: a line break at its end, every column, and the
/// run's number first.
fn is_row_of(line: &[u8], run: usize, columns: usize) -> bool {
    if line.last() != Some(&b'\n') {
        return false;
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(line);
    let mut fields = csv::ByteRecord::new();
    matches!(reader.read_byte_record(&mut fields), Ok(true))
        && fields.len() == columns
        && fields.get(0) == Some(run.to_string().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::batch::{BatchOptions, run_batch};

    /// A plan of six runs of Træna, its manifest in `dir`.
    fn plan_in(dir: &Path, years: &str) -> Plan {
        let manifest = dir.join("batch.ron");
        let text = format!(
            "Batch(scenarios: [{:?}], variants: [(name: \"a\"), (name: \"b\", set: {{\"ev_share\": 1.0}})],
             samples: (runs: 4, seed: 1, levers: [\"pv_rollout\"]), years: {years})",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/traena.ron")
        );
        std::fs::write(&manifest, text).expect("manifest");
        Plan::load(&manifest).expect("plan")
    }

    /// Runs what `path` still lacks of `runs` and returns the file's bytes.
    fn complete(path: &Path, plan: &Plan, runs: Range<usize>) -> Vec<u8> {
        let mut file = ResultFile::open(path, plan, runs.clone()).expect("opens");
        let options = BatchOptions { runs: file.next_run()..runs.end, threads: 2 };
        run_batch(plan, &options, &mut |row| file.append(row)).expect("runs");
        file.sync().expect("synced");
        std::fs::read(path).expect("read")
    }

    #[test]
    fn an_interrupted_file_is_cut_after_its_last_whole_row_and_continued() {
        let dir = tempfile::tempdir().expect("tempdir");
        let plan = plan_in(dir.path(), "[2030]");
        let whole_path = dir.path().join("whole.csv");
        let whole = complete(&whole_path, &plan, 0..6);
        assert_eq!(whole.iter().filter(|b| **b == b'\n').count(), 7, "a header and six rows");
        let line_ends: Vec<usize> =
            whole.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1).collect();

        let cut_path = dir.path().join("cut.csv");
        std::fs::copy(sidecar_of(&whole_path), sidecar_of(&cut_path)).expect("copy plan");
        // Cut inside the fourth row (run 2), as a kill can leave it.
        std::fs::write(&cut_path, &whole[..line_ends[3] - 7]).expect("write");
        let file = ResultFile::open(&cut_path, &plan, 0..6).expect("opens");
        assert_eq!(file.next_run(), 2);
        drop(file);
        assert_eq!(std::fs::read(&cut_path).expect("read"), whole[..line_ends[2]], "cut after run 1");
        assert_eq!(complete(&cut_path, &plan, 0..6), whole);

        // What a power cut can leave: zeros after the last row that reached the disk.
        let mut zeros = whole[..line_ends[4]].to_vec();
        zeros.extend([0u8; 300]);
        std::fs::write(&cut_path, zeros).expect("write");
        assert_eq!(ResultFile::open(&cut_path, &plan, 0..6).expect("opens").next_run(), 4);
        assert_eq!(complete(&cut_path, &plan, 0..6), whole);
        assert_eq!(ResultFile::open(&cut_path, &plan, 0..6).expect("opens").next_run(), 6, "complete");
    }

    #[test]
    fn a_file_of_another_plan_or_no_batch_is_never_written_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        let plan = plan_in(dir.path(), "[2030]");
        let path = dir.path().join("results.csv");
        std::fs::write(&path, "a user's own table\n").expect("write");
        let refused = ResultFile::open(&path, &plan, 0..6).err().expect("refused");
        assert!(matches!(refused, ResultFileError::NotABatch { .. }), "{refused}");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "a user's own table\n");
        assert!(!sidecar_of(&path).exists());

        std::fs::remove_file(&path).expect("remove");
        let whole = complete(&path, &plan, 0..6);
        let other = plan_in(dir.path(), "[2030, 2040]");
        for (plan, runs) in [(&other, 0..6), (&plan, 0..3)] {
            let refused = ResultFile::open(&path, plan, runs).err().expect("refused");
            assert!(refused.to_string().contains("another plan"), "{refused}");
            assert_eq!(std::fs::read(&path).expect("read"), whole);
        }
    }
}
