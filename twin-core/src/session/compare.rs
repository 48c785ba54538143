//! Comparing and combining a session's variants, computed here so that the command line and the
//! viewer show the same numbers: the headline KPIs of each variant, the spread of every lever over
//! the proposals, the room's combined package (a rule per lever, or values the facilitator picks),
//! each group's contribution to closing the gap to the scenario's first target, and importing
//! another session's proposals.

use serde::Serialize;

use super::{
    ByLever, Change, Headline, MAX_PROPOSALS, PROPOSAL_COLOURS, Package, Proposal, Rule, Session, Variant,
};
use crate::catalogue::Catalogue;
use crate::catalogue::kpi::KpiId;
use crate::catalogue::levers::LeverId;
use crate::model::{RunOptions, run};
use crate::outcome::{NonFinite, Outcome};
use crate::prepare::Prepared;
use crate::scenario::{Scenario, TargetValue};

/// The KPIs a session shows for every variant (cards, journal, tables).
pub const HEADLINE_KPIS: [KpiId; 5] = [
    KpiId::GhgPerCapita,
    KpiId::RenewableShare,
    KpiId::GridPeak,
    KpiId::HouseholdEnergyCost,
    KpiId::WastePerPerson,
];

/// The headline KPIs of `outcome` (the run of `variant`) in `year`, if the run has that year.
pub fn headline(outcome: &Outcome, variant: Variant, year: i32) -> Option<Headline> {
    let y = outcome.year(year)?;
    let values = HEADLINE_KPIS.iter().map(|k| (k.key().to_owned(), k.value(y))).collect();
    Some(Headline { variant, year, values })
}

/// Runs every variant of a session (yearly results only), in the session's order.
pub fn run_variants(
    session: &Session,
    scenario: &Scenario,
    prepared: &Prepared,
) -> Result<Vec<(Variant, Outcome)>, NonFinite> {
    session
        .variants()
        .into_iter()
        .filter_map(|v| session.levers(v, scenario).map(|levers| (v, levers)))
        .map(|(v, levers)| run(scenario, &levers, prepared, &RunOptions::default()).map(|o| (v, o)))
        .collect()
}

/// One lever over the proposals.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LeverSpread {
    /// The lever.
    pub lever: LeverId,
    /// The scenario's own target.
    pub own: f64,
    /// Lowest target over proposals (a proposal that leaves the lever keeps the scenario's own).
    pub min: f64,
    /// Median target over proposals.
    pub median: f64,
    /// Highest target over proposals.
    pub max: f64,
    /// How many proposals moved it.
    pub moved: usize,
}

/// Every lever's spread over the proposals, in catalogue order.
pub fn spread(session: &Session, scenario: &Scenario) -> Vec<LeverSpread> {
    LeverId::all()
        .map(|lever| {
            let own = scenario.levers.get(lever).target;
            let mut values: Vec<f64> =
                session.proposals.iter().map(|p| p.levers.get(lever).copied().unwrap_or(own)).collect();
            values.sort_by(f64::total_cmp);
            let moved =
                session.proposals.iter().filter(|p| p.levers.get(lever).is_some_and(|v| *v != own)).count();
            let (min, max) = (values.first().copied().unwrap_or(own), values.last().copied().unwrap_or(own));
            LeverSpread { lever, own, min, median: median(&values).unwrap_or(own), max, moved }
        })
        .collect()
}

/// Median of sorted values (the mean of the middle two for an even count).
fn median(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// The room's package: for every lever some proposal moved, the rule's value over proposals,
/// unless the facilitator picked one. Only targets that differ from the scenario's own are kept.
pub fn package(session: &Session, scenario: &Scenario, rule: Rule, picks: ByLever<f64>) -> Package {
    let mut levers = ByLever::default();
    for s in spread(session, scenario) {
        let by_rule = match rule {
            Rule::Median => s.median,
            Rule::Min => s.min,
            Rule::Max => s.max,
        };
        let value = picks.get(s.lever).copied().unwrap_or(if s.moved > 0 { by_rule } else { s.own });
        if value != s.own {
            levers.0.insert(s.lever, value);
        }
    }
    Package { rule, picks, levers }
}

/// The change that makes (or remakes) the room's package.
pub fn set_package(session: &Session, package: Package) -> Change {
    Change::SetPackage { from: session.package.clone(), to: Some(package) }
}

/// One group's share of what the package does to the target's KPI.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    /// The proposal.
    pub proposal: u32,
    /// Its name.
    pub name: String,
    /// Change of the KPI (package against baseline) credited to the group, in the KPI's unit.
    pub kpi_change: f64,
    /// That change as a share of the gap from baseline to target (1 = closes it alone).
    pub share_of_gap: f64,
}

/// What the package does to the scenario's first target, and who contributed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapClosing {
    /// The target's KPI.
    pub kpi: KpiId,
    /// The target's year.
    pub year: i32,
    /// The KPI on the baseline.
    pub baseline: f64,
    /// The target value.
    pub target: f64,
    /// The KPI with the package.
    pub package: f64,
    /// Per group, in session order.
    pub contributions: Vec<Contribution>,
    /// What the levers do together beyond the sum of each alone (package − baseline − Σ effects).
    pub interaction: f64,
}

/// Each group's contribution to closing the gap between the baseline and the scenario's first
/// target: the effect of each lever in the package (the package with and without it) is
/// credited in equal parts to the groups that moved that lever the same way as the package.
/// `None` when the scenario has no target or the run lacks its year.
pub fn gap_closing(
    session: &Session,
    scenario: &Scenario,
    prepared: &Prepared,
    package: &Package,
) -> Result<Option<GapClosing>, NonFinite> {
    let Some(target) = scenario.targets.first() else { return Ok(None) };
    let kpi_of = |levers: &ByLever<f64>| -> Result<Option<(f64, f64)>, NonFinite> {
        let outcome =
            run(scenario, &super::with_targets(scenario.levers, levers), prepared, &RunOptions::default())?;
        let base = outcome.years.first().map(|y| target.kpi.value(y));
        Ok(base.zip(outcome.year(target.year).map(|y| target.kpi.value(y))))
    };
    let Some((base_value, baseline)) = kpi_of(&ByLever::default())? else { return Ok(None) };
    let Some((_, with_package)) = kpi_of(&package.levers)? else { return Ok(None) };
    let target_value = match target.value {
        TargetValue::Absolute(v) => v,
        TargetValue::ChangeFromBase(change) => base_value * (1.0 + change),
    };
    let mut credit = vec![0.0; session.proposals.len()];
    let mut effects = 0.0;
    for (lever, &value) in package.levers.iter() {
        let mut without = package.levers.clone();
        without.0.remove(&lever);
        let Some((_, without_lever)) = kpi_of(&without)? else { return Ok(None) };
        let effect = with_package - without_lever;
        effects += effect;
        let own = scenario.levers.get(lever).target;
        let same_way =
            |p: &Proposal| p.levers.get(lever).is_some_and(|v| (v - own).signum() == (value - own).signum());
        let movers: Vec<usize> =
            session.proposals.iter().enumerate().filter(|(_, p)| same_way(p)).map(|(i, _)| i).collect();
        for &i in &movers {
            credit[i] += effect / movers.len() as f64;
        }
    }
    let gap = target_value - baseline;
    let contributions = session
        .proposals
        .iter()
        .zip(credit)
        .map(|(p, change)| Contribution {
            proposal: p.id,
            name: p.details.name.clone(),
            kpi_change: change,
            share_of_gap: if gap.abs() > 1e-12 { change / gap } else { 0.0 },
        })
        .collect();
    Ok(Some(GapClosing {
        kpi: target.kpi,
        year: target.year,
        baseline,
        target: target_value,
        package: with_package,
        contributions,
        interaction: with_package - baseline - effects,
    }))
}

/// Why another session's proposals could not be imported.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The sessions run on different scenarios, so their levers do not mean the same.
    #[error("the sessions run on different scenarios (scenario hash {ours} here, {theirs} there)")]
    DifferentScenario {
        /// This session's scenario hash.
        ours: String,
        /// The other's.
        theirs: String,
    },
    /// There is no room for them all.
    #[error("this session has room for {room} more proposals, the other has {wanted}")]
    Full {
        /// Free places.
        room: usize,
        /// Proposals to import.
        wanted: usize,
    },
}

/// The change that adds every proposal of `other` (another table or site on the same scenario)
/// to `session`, with new ids and colours; a name already taken gets the other session's title.
pub fn import(session: &Session, other: &Session) -> Result<Change, ImportError> {
    if session.scenario.blake3 != other.scenario.blake3 {
        return Err(ImportError::DifferentScenario {
            ours: session.scenario.blake3.clone(),
            theirs: other.scenario.blake3.clone(),
        });
    }
    let room = MAX_PROPOSALS - session.proposals.len().min(MAX_PROPOSALS);
    if other.proposals.len() > room {
        return Err(ImportError::Full { room, wanted: other.proposals.len() });
    }
    let mut names: Vec<String> = session.proposals.iter().map(|p| p.details.name.clone()).collect();
    let changes = other
        .proposals
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let mut details = p.details.clone();
            if names.contains(&details.name) {
                details.name = format!("{} ({})", details.name, other.title);
            }
            names.push(details.name.clone());
            let index = session.proposals.len() + k;
            details.colour = PROPOSAL_COLOURS[index % PROPOSAL_COLOURS.len()];
            let proposal = Proposal { id: session.next_id + k as u32, details, levers: p.levers.clone() };
            Change::AddProposal { index, proposal }
        })
        .collect();
    Ok(Change::Many(changes))
}
