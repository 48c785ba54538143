//! `twin-viewer [SCENARIO] [--screenshot OUT.png] [--frames N] [--size WxH] [--set LEVER=VALUE]...`
//!
//! Opens the viewer on a scenario (the built-in Bærum baseline when none is given).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use twin_viewer::app::{Options, build};
use twin_viewer::automation::ScreenshotJob;
use twin_viewer::view::Lang;

/// The municipal twin on a map: move levers, watch the pathway to 2050.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Scenario file (RON); default: the built-in Bærum baseline.
    scenario: Option<PathBuf>,
    /// Render, save a PNG here and exit.
    #[arg(long, value_name = "OUT.png")]
    screenshot: Option<PathBuf>,
    /// Frames to render after the first result before the screenshot (the renderer prepares its
    /// pipelines during the first frames).
    #[arg(long, default_value_t = 30, value_name = "N")]
    frames: u32,
    /// Window size in logical pixels.
    #[arg(long, default_value = "1600x900", value_name = "WxH", value_parser = parse_size)]
    size: (u32, u32),
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
    let mut notice = None;
    let (scenario, path) = match &args.scenario {
        Some(path) => match twin_viewer::scenarios::open(path) {
            Ok(scenario) => {
                if !scenario.warnings.is_empty() {
                    notice = Some(twin_viewer::view::Notice::opened(&scenario, path, Lang::Nb));
                }
                (scenario, Some(path.clone()))
            }
            // A person gets the window with the error in it (and the built-in scenario open);
            // automation gets an exit status.
            Err(e) if !automated => {
                notice = Some(twin_viewer::view::Notice::Error(e.to_string()));
                (twin_viewer::scenarios::default_scenario().context("the built-in scenario")?, None)
            }
            Err(e) => return Err(e.into()),
        },
        None => (twin_viewer::scenarios::default_scenario().context("the built-in scenario")?, None),
    };
    let levers = scenario.levers.with_assignments(&args.set)?;
    let lang = match args.lang.as_str() {
        "nn" => Lang::Nn,
        "en" => Lang::En,
        _ => Lang::Nb,
    };
    Ok(Options {
        scenario,
        path,
        levers,
        size: args.size,
        lang,
        screenshot: args.screenshot.map(|out| ScreenshotJob::new(out, args.frames)),
        measure: args.measure.map(twin_viewer::automation::Measure::new),
        notice,
    })
}

fn main() -> ExitCode {
    let options = match options(Args::parse()) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("twin-viewer: {e:#}");
            return ExitCode::from(2);
        }
    };
    match build(options).run() {
        bevy::app::AppExit::Success => ExitCode::SUCCESS,
        bevy::app::AppExit::Error(code) => ExitCode::from(code.get()),
    }
}
