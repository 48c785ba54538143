//! The take-home of a workshop (a session file) or of one scenario variant: a self-contained
//! HTML handout in the session's language (no network: CSS, SVG charts and the QR code inline;
//! a print stylesheet for A4), the data behind it (`kpis.csv`, `levers.csv`, `variants.csv`,
//! `session.json`, `pins.geojson`) and the share code (`share-code.txt`, `share-code.svg`).
//! The command line (`twin report`) and the viewer make the same files from here.
//!
//! Every text from users (group names, reasons, pin stories, parked ideas) reaches the page
//! through the template engine's HTML escaping, never by string concatenation.

mod charts;
mod data;
mod page;
mod text;

use std::path::Path;

use twin_core::catalogue::Catalogue;
use twin_core::catalogue::levers::Levers;
use twin_core::model::{RunOptions, run};
use twin_core::prepare::Prepared;
use twin_core::session::share::{self, ScenarioId};
use twin_core::session::{Session, Variant};
use twin_core::{Outcome, Scenario};

pub use text::{Language, MESSAGES};

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// The scenario does not open.
    #[error(transparent)]
    Scenario(#[from] twin_core::ScenarioError),
    /// A variant's run did not give a finite outcome.
    #[error("{variant}: {message}")]
    Run {
        /// Which variant.
        variant: String,
        /// What went wrong.
        message: String,
    },
    /// The page's template failed (a defect: the template is built in).
    #[error("handout template: {0}")]
    Template(String),
    /// A file could not be written.
    #[error("{file}: cannot write: {source}")]
    Write {
        /// Which file.
        file: String,
        /// Why.
        source: std::io::Error,
    },
}

/// What a report is made of: the session (a plain scenario becomes a session of one variant),
/// its scenario, and each variant's levers and outcome, the baseline first.
pub struct Workshop {
    /// The session (title, proposals, package, room).
    pub session: Session,
    /// Its scenario.
    pub scenario: Scenario,
    /// Every variant with its levers and outcome, the baseline first.
    pub runs: Vec<(Variant, Levers, Outcome)>,
    /// The variant the handout leads with: the room's package, else the last proposal.
    pub lead: Variant,
    /// The lead variant's share code.
    pub share_code: String,
}

impl Workshop {
    /// Runs every variant of `session`.
    pub fn of_session(session: Session) -> Result<Workshop, ReportError> {
        let scenario = session.scenario.scenario()?;
        let prepared = Prepared::new(&scenario);
        let mut runs = Vec::new();
        for variant in session.variants() {
            let Some(levers) = session.levers(variant, &scenario) else { continue };
            let outcome = run(&scenario, &levers, &prepared, &RunOptions::default())
                .map_err(|e| ReportError::Run { variant: format!("{variant:?}"), message: e.to_string() })?;
            runs.push((variant, levers, outcome));
        }
        let lead = lead_of(&session);
        let levers = runs.iter().find(|(v, _, _)| *v == lead).map_or(scenario.levers, |(_, l, _)| *l);
        let id = ScenarioId::of(&scenario.name, &session.scenario.text);
        let (share_code, _) = share::encode(&scenario, id, &levers);
        Ok(Workshop { session, scenario, runs, lead, share_code })
    }

    /// A plain scenario (`text`, read from `file`) with `levers`: the baseline and, if the levers
    /// move anything, that variant as the one proposal. The levers are first held to the share
    /// code's grid, so the code reproduces the handout exactly.
    pub fn of_scenario(
        file: Option<&str>,
        text: &str,
        levers: &Levers,
        language: Language,
    ) -> Result<Workshop, ReportError> {
        let copy = twin_core::session::ScenarioCopy::new(file.map(str::to_owned), text.to_owned());
        let scenario = copy.scenario()?;
        let (_, held) = share::encode(&scenario, ScenarioId::of(&scenario.name, text), levers);
        let mut session = Session::new(&scenario.name, copy, jiff::Timestamp::UNIX_EPOCH);
        let moved: twin_core::session::ByLever<f64> = twin_core::session::ByLever(
            twin_core::catalogue::levers::LeverId::all()
                .filter(|l| held.get(*l).target != scenario.levers.get(*l).target)
                .map(|l| (l, held.get(l).target))
                .collect(),
        );
        if !moved.0.is_empty() {
            let name = text::Text::new(language).t("report-variant");
            let change = session.add_proposal(&name, moved);
            // A new session has room for a proposal.
            let _ = session.apply(change, jiff::Timestamp::UNIX_EPOCH);
        }
        Workshop::of_session(session)
    }

    /// The outcome of a variant.
    pub fn outcome(&self, variant: Variant) -> Option<&Outcome> {
        self.runs.iter().find(|(v, _, _)| *v == variant).map(|(_, _, o)| o)
    }
}

/// The variant a handout leads with: the room's package, else the last proposal, else the
/// baseline (the viewer's map picture shows the same one).
pub fn lead_of(session: &Session) -> Variant {
    session.variants().last().copied().unwrap_or(Variant::Baseline)
}

/// The files of a report, by name, in the order they are written.
pub fn files(workshop: &Workshop, language: Language) -> Result<Vec<(&'static str, Vec<u8>)>, ReportError> {
    let text = text::Text::new(language);
    let html = page::handout(workshop, &text)?;
    let mut files = vec![("handout.html", html.into_bytes())];
    files.extend(data::files(workshop, &text));
    files.push(("share-code.txt", format!("{}\n", workshop.share_code).into_bytes()));
    files.push(("share-code.svg", page::qr_svg(&workshop.share_code).into_bytes()));
    Ok(files)
}

/// Writes a report's files into `dir` (created if missing), each atomically, flushed together.
pub fn write(dir: &Path, files: &[(&str, Vec<u8>)]) -> Result<(), ReportError> {
    let failed = |file: &Path, source| ReportError::Write { file: file.display().to_string(), source };
    std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
    let named: Vec<(&str, &[u8])> = files.iter().map(|(name, bytes)| (*name, bytes.as_slice())).collect();
    twin_core::io::write_all_atomic(dir, &named).map_err(|e| failed(dir, e))
}
