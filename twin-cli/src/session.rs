//! `twin session …`: workshop session files from the command line. `new` starts one on a
//! scenario, `add` enters a group's proposal form, `show` lists the variants with their changed levers and headline KPIs, `compare`
//! prints them side by side (all, or two with B − A), `merge` adds the room's combined package,
//! `import` adds another session's proposals, `room` and `pins` show the room around the model
//! (see [`crate::room`]), `check` validates a file.
//!
//! Files are changed only through the session's journal (so the change can be undone in the
//! viewer) and saved with [`store::save`], which keeps the previous generations.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use jiff::Timestamp;
use twin_core::Scenario;
use twin_core::catalogue::Catalogue;
use twin_core::catalogue::levers::{LeverId, parse_assignment};
use twin_core::prepare::Prepared;
use twin_core::session::compare::{
    GapClosing, HEADLINE_KPIS, gap_closing, headline, import, package, run_variants, set_package,
};
use twin_core::session::file::load;
use twin_core::session::store;
use twin_core::session::{ByLever, Rule, ScenarioCopy, Session, Variant};

use crate::{Failure, emit};

#[derive(Subcommand)]
pub(crate) enum SessionCommand {
    /// Start a session file on a scenario.
    New {
        /// The session file to create (must not exist).
        file: PathBuf,
        /// The scenario it runs on (a copy is kept in the session).
        scenario: PathBuf,
        /// The workshop's title or question.
        #[arg(long, default_value = "Verksted")]
        title: String,
        /// Fill it with a sample workshop (four groups, the agenda under way, pins, a closed
        /// vote, the "not in the model" wall, process-check answers) to try the room with.
        #[arg(long)]
        sample: bool,
    },
    /// Add a group's proposal (as the operator types in a paper form).
    Add {
        /// Session file.
        file: PathBuf,
        /// The group's name.
        #[arg(long)]
        name: String,
        /// The stakeholder role it plays.
        #[arg(long, default_value = "")]
        role: String,
        /// A lever target, e.g. `--set ev_share=0.9` (repeatable).
        #[arg(long = "set", value_name = "LEVER=VALUE")]
        set: Vec<String>,
        /// Why a lever was moved, e.g. `--reason "ev_share=lading i borettslag"` (repeatable).
        #[arg(long = "reason", value_name = "LEVER=TEXT")]
        reasons: Vec<String>,
        /// What the group wants that the model cannot show.
        #[arg(long, default_value = "")]
        not_in_model: String,
    },
    /// List the variants, their changed levers and headline KPIs.
    Show {
        /// Session file.
        file: PathBuf,
        /// Year of the KPIs [default: the view's year, else 2030].
        #[arg(long)]
        year: Option<i32>,
    },
    /// Print the headline KPIs of all variants side by side, or of two with B − A.
    Compare {
        /// Session file.
        file: PathBuf,
        /// Variant A: `baseline`, `package`, a proposal's number (1–8) or name.
        a: Option<String>,
        /// Variant B.
        b: Option<String>,
        /// Year [default: the view's year, else 2030].
        #[arg(long)]
        year: Option<i32>,
    },
    /// Add the room's combined package (a rule over the proposals, or values picked per lever).
    Merge {
        /// Session file.
        file: PathBuf,
        /// How levers no one picked are combined.
        #[arg(long, default_value = "median", value_parser = ["median", "min", "max"])]
        rule: String,
        /// A value the facilitator picks for a lever, e.g. `--pick ev_share=0.8` (repeatable).
        #[arg(long = "pick", value_name = "LEVER=VALUE")]
        picks: Vec<String>,
        /// Write the session here instead of back to FILE (must not exist yet).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Add the proposals of other session files (other tables or sites, same scenario).
    Import {
        /// Session file to add to.
        file: PathBuf,
        /// Sessions to take proposals from.
        #[arg(required = true)]
        others: Vec<PathBuf>,
    },
    /// Print the room: agenda, pins by moderation status, votes (voters while open, ranking once
    /// closed), the "not in the model" items and the process check's profile.
    Room {
        /// Session file.
        file: PathBuf,
        /// Another session (e.g. the last workshop) whose process profile to show beside this one.
        #[arg(long, value_name = "FILE.ron")]
        previous: Option<PathBuf>,
    },
    /// Write the map-jam pins as GeoJSON (RFC 7946, WGS 84 longitude/latitude), approved pins only
    /// unless `--all`.
    Pins {
        /// Session file.
        file: PathBuf,
        /// Include pins waiting for moderation and hidden pins (with their status).
        #[arg(long)]
        all: bool,
        /// Write here (must not exist yet) instead of standard output.
        #[arg(long, value_name = "FILE.geojson")]
        out: Option<PathBuf>,
    },
    /// Validate a session file (exit 2 with file:line:column: field when it is bad).
    Check {
        /// Session file.
        file: PathBuf,
    },
}

pub(crate) fn session_command(command: SessionCommand) -> Result<(), Failure> {
    match command {
        SessionCommand::New { file, scenario, title, sample } => new(&file, &scenario, &title, sample),
        SessionCommand::Add { file, name, role, set, reasons, not_in_model } => {
            let form = Form { name, role, set, reasons, not_in_model };
            add(&file, &form)
        }
        SessionCommand::Show { file, year } => show(&file, year),
        SessionCommand::Compare { file, a, b, year } => compare(&file, a.as_deref(), b.as_deref(), year),
        SessionCommand::Merge { file, rule, picks, out } => merge(&file, &rule, &picks, out.as_deref()),
        SessionCommand::Import { file, others } => import_command(&file, &others),
        SessionCommand::Room { file, previous } => {
            let session = load(&file).map_err(|e| Failure::Input(e.to_string()))?;
            let previous =
                previous.map(|p| load(&p)).transpose().map_err(|e| Failure::Input(e.to_string()))?;
            crate::room::room(&session, previous.as_ref())
        }
        SessionCommand::Pins { file, all, out } => {
            let session = load(&file).map_err(|e| Failure::Input(e.to_string()))?;
            crate::room::pins_command(&session, all, out.as_deref())
        }
        SessionCommand::Check { file } => {
            let (session, _) = open(&file)?;
            emit(&format!(
                "{}: ok ({}, {} proposals, {} snapshots, {} journal entries)\n",
                file.display(),
                session.title,
                session.proposals.len(),
                session.snapshots.len(),
                session.journal.len()
            ));
            Ok(())
        }
    }
}

/// A session and its scenario, or exit 2 with the file's error.
fn open(file: &Path) -> Result<(Session, Scenario), Failure> {
    let session = load(file).map_err(|e| Failure::Input(e.to_string()))?;
    let scenario = session.scenario.scenario().map_err(|e| Failure::Input(e.to_string()))?;
    Ok((session, scenario))
}

fn save(path: &Path, session: &Session) -> Result<(), Failure> {
    store::save(path, session)
        .map_err(|e| Failure::Other(anyhow::anyhow!("cannot save {}: {e}", path.display())))
}

pub(crate) fn refuse_existing(path: &Path) -> Result<(), Failure> {
    if path.exists() {
        return Err(Failure::Input(format!(
            "{} exists; choose a new file (it is never overwritten)",
            path.display()
        )));
    }
    Ok(())
}

fn new(file: &Path, scenario_path: &Path, title: &str, sample: bool) -> Result<(), Failure> {
    refuse_existing(file)?;
    let text = twin_core::scenario::read_text(scenario_path).map_err(|e| Failure::Input(e.to_string()))?;
    let copy = ScenarioCopy::new(Some(scenario_path.display().to_string()), text);
    copy.scenario().map_err(|e| Failure::Input(e.to_string()))?;
    let now = Timestamp::now();
    let mut session = Session::new(title, copy, now);
    if sample {
        crate::room::sample(&mut session, now).map_err(|e| Failure::Other(anyhow::anyhow!("sample: {e}")))?;
    }
    save(file, &session)?;
    emit(&format!("{}: new session on {}\n", file.display(), scenario_path.display()));
    Ok(())
}

/// A proposal form as typed on the command line.
struct Form {
    name: String,
    role: String,
    set: Vec<String>,
    reasons: Vec<String>,
    not_in_model: String,
}

fn add(file: &Path, form: &Form) -> Result<(), Failure> {
    let (mut session, _) = open(file)?;
    let mut levers = ByLever::default();
    for text in &form.set {
        let (lever, value) = parse_assignment(text).map_err(|e| Failure::Input(e.to_string()))?;
        levers.0.insert(lever, value);
    }
    let mut proposal = session.new_proposal(&form.name, levers);
    proposal.details.role = form.role.clone();
    proposal.details.not_in_model = form.not_in_model.clone();
    for text in &form.reasons {
        let (key, reason) = text
            .split_once('=')
            .ok_or_else(|| Failure::Input(format!("--reason {text:?}: expected LEVER=TEXT")))?;
        let lever = LeverId::from_key(key.trim()).ok_or_else(|| {
            Failure::Input(format!(
                "--reason {text:?}: unknown lever `{}`; known levers: {}",
                key.trim(),
                LeverId::keys()
            ))
        })?;
        proposal.details.reasons.0.insert(lever, reason.trim().to_owned());
    }
    let id = proposal.id;
    let change = twin_core::session::Change::AddProposal { index: session.proposals.len(), proposal };
    session
        .apply(change, Timestamp::now())
        .map_err(|e| Failure::Input(format!("{}: {e}", file.display())))?;
    // The viewer opens on the proposal just typed in, against the baseline.
    session.view.b = Variant::Proposal(id);
    session.view.active = Some(id);
    save(file, &session)?;
    emit(&format!("{}: proposal {} added ({} in all)\n", file.display(), form.name, session.proposals.len()));
    Ok(())
}

/// The year KPIs are shown for: asked, else the view's, else 2030, within the scenario.
fn year_of(session: &Session, scenario: &Scenario, asked: Option<i32>) -> Result<i32, Failure> {
    let year = asked.or(session.view.year).unwrap_or(2030);
    if !(scenario.base_year..=scenario.end_year).contains(&year) {
        return Err(Failure::Input(format!(
            "--year {year} is outside the scenario's years {}..={}",
            scenario.base_year, scenario.end_year
        )));
    }
    Ok(year)
}

fn show(file: &Path, year: Option<i32>) -> Result<(), Failure> {
    let (session, scenario) = open(file)?;
    let year = year_of(&session, &scenario, year)?;
    let outcomes = run_variants(&session, &scenario, &Prepared::new(&scenario))?;
    let mut o = String::new();
    let source = session.scenario.file.as_deref().unwrap_or("built-in");
    let _ = writeln!(
        o,
        "{} — {} ({source}, blake3 {})",
        session.title,
        scenario.name,
        &session.scenario.blake3[..12]
    );
    let _ = writeln!(
        o,
        "{} proposals, {} snapshots, {} journal entries ({} to undo, {} to redo)\n",
        session.proposals.len(),
        session.snapshots.len(),
        session.journal.len(),
        session.undo.len(),
        session.redo.len()
    );
    for (variant, outcome) in &outcomes {
        let _ = writeln!(o, "{}", describe(&session, *variant));
        let targets = session.targets(*variant).cloned().unwrap_or_default();
        for (lever, value) in targets.iter() {
            let reason = match variant {
                Variant::Proposal(id) => {
                    session.proposal(*id).and_then(|p| p.details.reasons.get(lever).cloned())
                }
                _ => None,
            };
            let own = scenario.levers.get(lever).target;
            let _ = write!(o, "    {} = {value} (scenario: {own})", lever.key());
            let _ = writeln!(o, "{}", reason.map(|r| format!(" — {r}")).unwrap_or_default());
        }
        if let Some(h) = headline(outcome, *variant, year) {
            let values: Vec<String> = HEADLINE_KPIS
                .iter()
                .map(|k| {
                    format!(
                        "{} {:.3} {}",
                        k.key(),
                        h.values.get(k.key()).copied().unwrap_or(f64::NAN),
                        k.spec().unit
                    )
                })
                .collect();
            let _ = writeln!(o, "    {year}: {}", values.join(", "));
        }
    }
    for s in &session.snapshots {
        let _ = writeln!(o, "snapshot \"{}\" ({}, of {:?}): {}", s.name, s.at, s.of, s.note);
    }
    emit(&o);
    Ok(())
}

/// `Gruppe 1 [#1, role, not in model: …]` for one variant.
fn describe(session: &Session, variant: Variant) -> String {
    let name = session.name_of(variant).unwrap_or("?");
    match variant {
        Variant::Proposal(id) => {
            let Some(p) = session.proposal(id) else { return name.to_owned() };
            let mut text = format!("{name} (proposal #{id}");
            if !p.details.role.is_empty() {
                text.push_str(&format!(", role: {}", p.details.role));
            }
            text.push(')');
            if !p.details.not_in_model.is_empty() {
                text.push_str(&format!("\n    not in the model: {}", p.details.not_in_model));
            }
            text
        }
        Variant::Baseline => format!("{name} (the scenario's own levers)"),
        Variant::Package => {
            let rule = session.package.as_ref().map_or("", |p| p.rule.key());
            format!("{name} (combined, rule {rule})")
        }
    }
}

/// A variant named on the command line: `baseline`, `package`, a number or a proposal's name.
fn pick_variant(session: &Session, text: &str) -> Result<Variant, Failure> {
    let lower = text.trim().to_lowercase();
    let found = match lower.as_str() {
        "baseline" | "referanse" | "a0" => Some(Variant::Baseline),
        "package" | "pakke" => session.package.as_ref().map(|_| Variant::Package),
        _ => lower
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| session.proposals.get(i))
            .or_else(|| session.proposals.iter().find(|p| p.details.name.to_lowercase() == lower))
            .map(|p| Variant::Proposal(p.id)),
    };
    found.ok_or_else(|| {
        let names: Vec<String> = session
            .proposals
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{} ({})", i + 1, p.details.name))
            .collect();
        Failure::Input(format!(
            "no variant `{text}`; choose baseline, package or a proposal: {}",
            if names.is_empty() { "(none yet)".to_owned() } else { names.join(", ") }
        ))
    })
}

fn compare(file: &Path, a: Option<&str>, b: Option<&str>, year: Option<i32>) -> Result<(), Failure> {
    let (session, scenario) = open(file)?;
    let year = year_of(&session, &scenario, year)?;
    let chosen = match (a, b) {
        (Some(a), Some(b)) => Some((pick_variant(&session, a)?, pick_variant(&session, b)?)),
        (None, None) => None,
        _ => return Err(Failure::Input("name two variants (A and B), or none for all".into())),
    };
    let outcomes = run_variants(&session, &scenario, &Prepared::new(&scenario))?;
    let value = |v: Variant, key: &str| {
        outcomes
            .iter()
            .find(|(w, _)| *w == v)
            .and_then(|(_, o)| headline(o, v, year))
            .and_then(|h| h.values.get(key).copied())
            .unwrap_or(f64::NAN)
    };
    // One column per variant: its name and the headline KPIs in order.
    let column = |v: Variant, label: String| (label, HEADLINE_KPIS.map(|k| value(v, k.key())));
    let columns: Vec<(String, [f64; HEADLINE_KPIS.len()])> = match chosen {
        Some((va, vb)) => {
            let (a, b) = (
                column(va, format!("A: {}", session.name_of(va).unwrap_or("?"))),
                column(vb, format!("B: {}", session.name_of(vb).unwrap_or("?"))),
            );
            let difference = std::array::from_fn(|i| b.1[i] - a.1[i]);
            vec![a, b, ("B − A".to_owned(), difference)]
        }
        None => session
            .variants()
            .into_iter()
            .map(|v| column(v, session.name_of(v).unwrap_or("?").to_owned()))
            .collect(),
    };
    let mut o = format!("{} — {year}\n{:<28} {:<12}", session.title, "KPI", "unit");
    for (name, _) in &columns {
        let _ = write!(o, " {:>14}", clip(name, 14));
    }
    o.push('\n');
    for (i, k) in HEADLINE_KPIS.iter().enumerate() {
        let _ = write!(o, "{:<28} {:<12}", k.key(), k.spec().unit);
        for (name, values) in &columns {
            let v = values[i];
            let text = if name == "B − A" { format!("{v:+.3}") } else { format!("{v:.3}") };
            let _ = write!(o, " {text:>14}");
        }
        o.push('\n');
    }
    emit(&o);
    Ok(())
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut clipped: String = text.chars().take(width - 1).collect();
    clipped.push('…');
    clipped
}

fn merge(file: &Path, rule: &str, picks: &[String], out: Option<&Path>) -> Result<(), Failure> {
    let (mut session, scenario) = open(file)?;
    if let Some(out) = out.filter(|o| *o != file) {
        refuse_existing(out)?;
    }
    let rule: Rule = rule.parse().map_err(Failure::Input)?;
    let mut picked = ByLever::default();
    for text in picks {
        let (lever, value) =
            parse_assignment(text).map_err(|e| Failure::Input(e.to_string().replace("--set", "--pick")))?;
        picked.0.insert(lever, value);
    }
    if session.proposals.is_empty() && picked.is_empty() {
        return Err(Failure::Input(format!("{}: no proposals to combine yet", file.display())));
    }
    let pack = package(&session, &scenario, rule, picked);
    let gap = gap_closing(&session, &scenario, &Prepared::new(&scenario), &pack)?;
    session
        .apply(set_package(&session, pack.clone()), Timestamp::now())
        .map_err(|e| Failure::Input(e.to_string()))?;
    let target = out.unwrap_or(file);
    save(target, &session)?;
    let mut o = format!("room package ({}), saved to {}:\n", rule.key(), target.display());
    if pack.levers.is_empty() {
        o.push_str(
            "    every lever as in the scenario (no lever has a value by this rule that differs from it)\n",
        );
    }
    for (lever, value) in pack.levers.iter() {
        let _ =
            writeln!(o, "    {} = {value:.3} (scenario: {})", lever.key(), scenario.levers.get(lever).target);
    }
    if let Some(gap) = gap {
        o.push_str(&gap_report(&gap));
    }
    emit(&o);
    Ok(())
}

fn gap_report(gap: &GapClosing) -> String {
    let unit = gap.kpi.spec().unit;
    let mut o = format!(
        "\n{} in {}: baseline {:.3}, target {:.3}, package {:.3} {unit}\n",
        gap.kpi.key(),
        gap.year,
        gap.baseline,
        gap.target,
        gap.package
    );
    for c in &gap.contributions {
        let _ = writeln!(
            o,
            "    {:<24} {:+.3} {unit} ({:.0} % of the gap)",
            c.name,
            c.kpi_change,
            (c.share_of_gap * 100.0).round() + 0.0
        );
    }
    let _ = writeln!(o, "    {:<24} {:+.3} {unit}", "(levers together)", gap.interaction);
    o
}

fn import_command(file: &Path, others: &[PathBuf]) -> Result<(), Failure> {
    let (mut session, _) = open(file)?;
    let mut added = 0;
    for other in others {
        let (theirs, _) = open(other)?;
        let change =
            import(&session, &theirs).map_err(|e| Failure::Input(format!("{}: {e}", other.display())))?;
        added += theirs.proposals.len();
        session.apply(change, Timestamp::now()).map_err(|e| Failure::Input(e.to_string()))?;
    }
    save(file, &session)?;
    emit(&format!("{}: {added} proposals imported ({} in all)\n", file.display(), session.proposals.len()));
    Ok(())
}
