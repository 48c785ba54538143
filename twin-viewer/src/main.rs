//! `twin-viewer [SCENARIO] [--session FILE.ron] [--set LEVER=VALUE]... [--snapshot NAME]
//! [--screenshot OUT.png] [--frames N] [--size WxH] [--lang nb|nn|en] [--presenter] [--projector]
//! [--broadcast] [--kiosk] [--view MODE] [--code CODE] [--measure N]`
//!
//! Opens the viewer on a workshop session: `--session` opens (or creates) one that is saved
//! within a second of every change and restored after a crash; without it, a new session on the
//! scenario (the built-in Bærum baseline when none is given) is kept in memory until saved.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use twin_core::catalogue::levers::{LeverId, parse_assignment};
use twin_viewer::app::{Options, build};
use twin_viewer::automation::ScreenshotJob;
use twin_viewer::view::Lang;

/// The municipal twin on a map: move levers, watch the pathway to 2050.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Scenario file (RON) for a new session; default: the built-in Bærum baseline.
    scenario: Option<PathBuf>,
    /// Workshop session file: opened if it exists (restored from its newest good generation if
    /// damaged), created otherwise; saved automatically.
    #[arg(long, value_name = "FILE.ron")]
    session: Option<PathBuf>,
    /// Take a named snapshot of the active proposal after `--set`.
    #[arg(long, value_name = "NAME")]
    snapshot: Option<String>,
    /// Open the projector's own window for a second screen (the operator keeps the controls in
    /// the first; F7 opens and closes it).
    #[arg(long)]
    presenter: bool,
    /// Start with the window showing the projector view (F5 switches back to the controls).
    #[arg(long)]
    projector: bool,
    /// Show the broadcast picture: a chrome-free 16:9 view (title, clock, map, three KPIs) of what
    /// the operator sends, for a streamed check-in with other sites.
    #[arg(long, conflicts_with_all = ["projector", "presenter"])]
    broadcast: bool,
    /// Run as a citizen kiosk: plain-language levers and map comments, sent to the session's
    /// inbox (the session file is read, never written); no files, no expert panels.
    #[arg(long, conflicts_with_all = ["projector", "presenter", "broadcast", "set", "snapshot"])]
    kiosk: bool,
    /// Start in this view: single, ab (A | B), diff (B − A), groups or spread.
    #[arg(long, value_parser = ["single", "ab", "diff", "groups", "spread"])]
    view: Option<String>,
    /// Render, save a PNG here and exit.
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,
    /// Frames to render after the first result before the screenshot (the renderer prepares its
    /// pipelines during the first frames).
    #[arg(long, default_value_t = 30, value_name = "N")]
    frames: u32,
    /// Window size in logical pixels [default: 1600x900; a kiosk fills the screen unless given].
    #[arg(long, value_name = "WxH", value_parser = parse_size)]
    size: Option<(u32, u32)>,
    /// Open the variant of a share code (from a handout or the projector) as a proposal.
    #[arg(long, value_name = "CODE", conflicts_with = "set")]
    code: Option<String>,
    /// Set a lever's target, e.g. `--set heat_pump_programme=0.8` (repeatable).
    #[arg(long = "set", value_name = "LEVER=VALUE")]
    set: Vec<String>,
    /// Drag a lever for N frames, print frame and recompute times, and exit.
    #[arg(long, value_name = "N")]
    measure: Option<u32>,
    /// Language: nb (bokmål), nn (nynorsk) or en.
    #[arg(long, default_value = "nb", value_parser = ["nb", "nn", "en"])]
    lang: String,
}

fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text.split_once(['x', 'X']).ok_or("expected WxH, e.g. 1920x1080")?;
    let w: u32 = w.trim().parse().map_err(|_| format!("bad width `{w}`"))?;
    let h: u32 = h.trim().parse().map_err(|_| format!("bad height `{h}`"))?;
    if !(320..=8192).contains(&w) || !(240..=8192).contains(&h) {
        return Err(format!("size {w}x{h} is outside 320x240..8192x8192"));
    }
    Ok((w, h))
}

fn options(args: Args) -> anyhow::Result<Options> {
    let automated = args.screenshot.is_some() || args.measure.is_some();
    let lang = lang_of(&args.lang);
    // Automation gets an exit status for a scenario that does not open; a person gets the window
    // with the error in it.
    if automated && let Some(path) = &args.scenario {
        twin_viewer::scenarios::scenario_copy(Some(path))?;
    }
    let mut start = if args.kiosk {
        twin_viewer::scenarios::start_read_only(args.session.as_deref(), args.scenario.as_deref(), lang)
    } else {
        twin_viewer::scenarios::start(args.session.as_deref(), args.scenario.as_deref(), lang)
    };
    if let Some(view) = &args.view {
        use twin_core::session::ViewMode;
        start.session.view.mode = match view.as_str() {
            "ab" => ViewMode::SideBySide,
            "diff" => ViewMode::Difference,
            "groups" => ViewMode::Groups,
            "spread" => ViewMode::Spread,
            _ => ViewMode::Single,
        };
    }
    let mut set = args.set.iter().map(|text| parse_assignment(text)).collect::<Result<Vec<_>, _>>()?;
    if let Some(code) = &args.code {
        set = code_targets(code, &start.session)?;
    }
    Ok(Options {
        session: start.session,
        session_path: start.path,
        set,
        snapshot: args.snapshot,
        size: args.size.unwrap_or((1600, 900)),
        fill_screen: args.kiosk && args.size.is_none() && args.screenshot.is_none(),
        lang,
        presenter: args.presenter,
        projector: args.projector,
        broadcast: args.broadcast,
        kiosk: args.kiosk.then(|| args.session.clone()),
        screenshot: args.screenshot.map(|out| ScreenshotJob::new(out, args.frames)),
        measure: args.measure.map(twin_viewer::automation::Measure::new),
        notice: start.notice,
    })
}

/// The lever targets a share code holds (those that differ from the scenario's own).
fn code_targets(code: &str, session: &twin_core::session::Session) -> anyhow::Result<Vec<(LeverId, f64)>> {
    use twin_core::catalogue::Catalogue;
    use twin_core::session::share;
    let scenario = session.scenario.scenario()?;
    let id = share::ScenarioId::of(&scenario.name, &session.scenario.text);
    let levers = share::decode(code, &scenario, id)?;
    let moved = LeverId::all().filter(|l| levers.get(*l).target != scenario.levers.get(*l).target);
    Ok(moved.map(|l| (l, levers.get(l).target)).collect())
}

/// Whether no window can open, where that is known before trying: on Linux and the BSDs a
/// window needs an X11 or a Wayland display, and winit panics when it finds neither.
fn no_display() -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|value| !value.is_empty());
    let unix_desktop =
        cfg!(all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android"))));
    unix_desktop && !["DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET"].into_iter().any(set)
}

/// The language of a `--lang` code (clap admits only the codes of [`Lang::ALL`]).
fn lang_of(code: &str) -> Lang {
    Lang::ALL.into_iter().find(|lang| lang.code() == code).unwrap_or_default()
}

fn main() -> ExitCode {
    let args = Args::parse();
    if no_display() {
        eprintln!("twin-viewer: {}", twin_viewer::i18n::t(lang_of(&args.lang), "main-no-display"));
        return ExitCode::from(2);
    }
    let options = match options(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("twin-viewer: {e:#}");
            return ExitCode::from(2);
        }
    };
    let mut app = match build(options) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("twin-viewer: {e:#}");
            return ExitCode::from(2);
        }
    };
    match app.run() {
        bevy::app::AppExit::Success => ExitCode::SUCCESS,
        bevy::app::AppExit::Error(code) => ExitCode::from(code.get()),
    }
}
