//! Crash safety as a facilitator meets it: the real viewer binary runs on a session under an X
//! display (Xvfb in CI), levers are moved through the same automation `--set` uses, the viewer is
//! killed with SIGKILL, and a restart on the same file must bring back the proposals, levers,
//! snapshots and journal as they were at the last save. A session file cut off at any point
//! opens its newest good generation and keeps the damaged file aside.
//!
//! These tests need a display, so they are `#[ignore]`d in a plain `cargo test`; `.ci/run` runs
//! them under Xvfb with `--ignored`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use twin_core::catalogue::levers::LeverId;
use twin_core::session::Session;
use twin_core::session::file::load;
use twin_core::session::store::{self, generation_path};

const NEEDS_DISPLAY: &str = "needs an X display: .ci/run runs it under Xvfb";

fn viewer(args: &[&str], log: &Path) -> Child {
    assert!(std::env::var_os("DISPLAY").is_some(), "{NEEDS_DISPLAY}");
    let log = std::fs::File::create(log).expect("log file");
    Command::new(env!("CARGO_BIN_EXE_twin-viewer"))
        .args(args)
        .args(["--size", "800x600"])
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log"))
        .stderr(log)
        .spawn()
        .expect("the viewer starts")
}

/// Waits for the viewer to exit by itself (a screenshot run), with a generous limit.
fn finish(mut child: Child, log: &Path) {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let text = std::fs::read_to_string(log).unwrap_or_default();
            assert!(status.success(), "the viewer failed:\n{text}");
            return;
        }
        if start.elapsed() > Duration::from_secs(300) {
            let _ = child.kill();
            panic!("the viewer did not finish:\n{}", std::fs::read_to_string(log).unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Polls the session file until `ready` holds for it (the viewer saves on its own schedule).
fn wait_for_save(path: &Path, ready: impl Fn(&Session) -> bool) -> Session {
    let start = Instant::now();
    loop {
        if let Ok(session) = load(path)
            && ready(&session)
        {
            return session;
        }
        assert!(start.elapsed() < Duration::from_secs(300), "the session was never saved as expected");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn target(session: &Session, lever: LeverId) -> Option<f64> {
    session.proposals.first().and_then(|p| p.levers.get(lever).copied())
}

#[test]
#[ignore = "needs an X display: .ci/run runs it under Xvfb"]
fn a_killed_viewer_restarts_with_everything_up_to_the_last_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("verksted.ron");
    let f = file.to_str().expect("utf-8");
    let log = dir.path().join("first.log");
    let mut child = viewer(
        &[
            "--session",
            f,
            "--set",
            "heat_pump_programme=0.7",
            "--set",
            "ev_share=0.95",
            "--snapshot",
            "Første forsøk",
        ],
        &log,
    );
    let saved = wait_for_save(&file, |s| target(s, LeverId::EvShare) == Some(0.95) && s.snapshots.len() == 1);
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    assert_eq!(target(&saved, LeverId::HeatPumpProgramme), Some(0.7));
    assert_eq!(load(&file).expect("the file is whole after the kill"), saved);

    // Restart on the same file: everything is back, and a new move goes into the same proposal.
    let shot = dir.path().join("after.png");
    let log = dir.path().join("second.log");
    let child = viewer(
        &["--session", f, "--set", "pv_rollout=0.4", "--screenshot", shot.to_str().expect("utf-8")],
        &log,
    );
    finish(child, &log);
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.contains("session: 1 proposals, 1 snapshots"), "{text}");
    let after = load(&file).expect("saved again");
    assert_eq!(after.proposals.len(), 1, "no second proposal: the move went into the active one");
    assert_eq!(target(&after, LeverId::HeatPumpProgramme), Some(0.7));
    assert_eq!(target(&after, LeverId::EvShare), Some(0.95));
    assert_eq!(target(&after, LeverId::PvRollout), Some(0.4));
    assert_eq!(after.snapshots, saved.snapshots);
    assert_eq!(after.journal[..saved.journal.len()], saved.journal[..], "the journal goes on where it was");
    assert_eq!(after.journal.len(), saved.journal.len() + 1);
}

/// A session with a history of saves: five generations behind the file, each one lever apart.
fn session_with_generations(dir: &Path) -> (PathBuf, Vec<Session>) {
    let copy = twin_viewer::scenarios::scenario_copy(None).expect("built-in scenario");
    let mut session = Session::new("Verksted", copy, jiff::Timestamp::UNIX_EPOCH);
    let change = session.add_proposal("Gruppe 1", Default::default());
    session.apply(change, jiff::Timestamp::UNIX_EPOCH).expect("add");
    let id = session.proposals[0].id;
    let file = dir.join("verksted.ron");
    let mut saves = Vec::new();
    for k in 1..=6 {
        let at = jiff::Timestamp::from_second(60 * k).expect("time");
        let change = session.set_lever(id, LeverId::PvRollout, Some(0.1 * k as f64)).expect("set");
        session.apply(change, at).expect("set");
        store::save(&file, &session).expect("save");
        saves.push(session.clone());
    }
    (file, saves)
}

#[test]
#[ignore = "needs an X display: .ci/run runs it under Xvfb"]
fn a_session_cut_off_anywhere_opens_its_newest_good_generation() {
    // Cut points spread over the file (a fixed sequence, so a failure can be repeated).
    for (n, share) in [0.0, 0.013, 0.37, 0.5, 0.81, 0.999].into_iter().enumerate() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (file, saves) = session_with_generations(dir.path());
        let bytes = std::fs::read(&file).expect("read");
        let cut = (bytes.len() as f64 * share) as usize;
        std::fs::write(&file, &bytes[..cut]).expect("truncate");
        let shot = dir.path().join("shot.png");
        let log = dir.path().join(format!("cut-{n}.log"));
        let child = viewer(
            &["--session", file.to_str().expect("utf-8"), "--screenshot", shot.to_str().expect("utf-8")],
            &log,
        );
        finish(child, &log);
        let text = std::fs::read_to_string(&log).expect("log");
        assert!(
            text.contains("session: 1 proposals, 0 snapshots, 6 journal entries"),
            "cut at {cut}: {text}"
        );
        // The newest good generation is the save before the last.
        let previous = &saves[saves.len() - 2];
        assert_eq!(load(&generation_path(&file, 1)).expect("generation 1"), *previous);
        let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().contains(".damaged-"))
            .collect();
        assert_eq!(kept.len(), 1, "the damaged file is kept aside");
        assert_eq!(std::fs::read(&kept[0]).expect("kept"), bytes[..cut]);
    }
}
