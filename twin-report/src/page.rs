//! The handout page: what it shows, gathered into plain rows, then rendered by the built-in
//! template (`templates/handout.html`, autoescaped: every text from users stays text).

use serde::Serialize;
use twin_core::analysis::kpi;
use twin_core::catalogue::Carrier;
use twin_core::catalogue::Catalogue;
use twin_core::catalogue::kpi::KpiId;
use twin_core::catalogue::levers::LeverId;
use twin_core::session::Variant;
use twin_core::session::room::{Choice, ParkedKind, PinStatus};

use crate::charts::{self, Mark, Series};
use crate::text::Text;
use crate::{ReportError, Workshop};

const TEMPLATE: &str = include_str!("../templates/handout.html");

/// The KPIs of the handout's table, in order.
const KPIS: [KpiId; 6] = [
    KpiId::GhgPerCapita,
    KpiId::RenewableShare,
    KpiId::GridPeak,
    KpiId::HouseholdEnergyCost,
    KpiId::WastePerPerson,
    KpiId::WasteRecycled,
];

#[derive(Serialize)]
struct KpiRow {
    name: String,
    code: String,
    unit: String,
    baseline: String,
    lead: String,
    target: String,
    gap: String,
}

/// One KPI across every variant (the groups' proposals beside the baseline and the package; the
/// targets are in the first table).
#[derive(Serialize)]
struct KpiByVariant {
    name: String,
    unit: String,
    values: Vec<String>,
}

#[derive(Serialize)]
struct LeverRow {
    group: String,
    lever: String,
    from: String,
    to: String,
    reason: String,
}

#[derive(Serialize)]
struct Figure {
    caption: String,
    svg: String,
}

#[derive(Serialize)]
struct Line {
    title: String,
    text: String,
}

/// The page in the text's language.
pub(crate) fn handout(w: &Workshop, text: &Text) -> Result<String, ReportError> {
    let year = report_year(w);
    let mut env = minijinja::Environment::new();
    env.add_template("handout.html", TEMPLATE).map_err(|e| ReportError::Template(e.to_string()))?;
    let labels: std::collections::BTreeMap<String, String> =
        text.ids().into_iter().map(|id| (id.clone(), text.t(&id))).collect();
    let context = minijinja::context! {
        lang => text.language.code(),
        t => labels,
        title => &w.session.title,
        scenario => &w.scenario.name,
        year => year,
        kpis_title => text.args("report-kpis", &[("year", year.to_string())]),
        lead => name(w, w.lead, text),
        variants => w.runs.iter().map(|(v, _, _)| name(w, *v, text)).collect::<Vec<_>>(),
        kpis => kpi_rows(w, year, text),
        kpis_by_variant => kpis_by_variant(w, year, text),
        kpis_by_variant_title => text.args("report-kpis-by-variant", &[("year", year.to_string())]),
        influence => influence(w, text),
        next_steps => w.session.room.promise.next_steps.iter().map(|s| Line {
            title: s.what.clone(),
            text: s.when.clone(),
        }).collect::<Vec<_>>(),
        levers => lever_rows(w, text),
        figures => figures(w, year, text),
        priorities => priorities(w, text),
        pins => approved_pins(w).map(|p| Line {
            title: text.t(&format!("report-pin-{}", p.draft.category.key())),
            text: p.draft.story.clone(),
        }).collect::<Vec<_>>(),
        parked => parked(w, text),
        sources => w.scenario.raw.sources.iter().map(|s| Line {
            title: match s.year { Some(y) => format!("{} ({y})", s.field), None => s.field.clone() },
            text: s.note.clone(),
        }).collect::<Vec<_>>(),
        share_code => &w.share_code,
        qr => qr_svg(&w.share_code),
    };
    let template = env.get_template("handout.html").map_err(|e| ReportError::Template(e.to_string()))?;
    template.render(context).map_err(|e| ReportError::Template(e.to_string()))
}

/// The QR code of a share code, as SVG for inlining (no XML declaration).
pub(crate) fn qr_svg(code: &str) -> String {
    let Ok(qr) = qrcode::QrCode::new(code.as_bytes()) else { return String::new() };
    let svg = qr.render::<qrcode::render::svg::Color<'_>>().min_dimensions(160, 160).build();
    svg.split_once("?>").map_or(svg.clone(), |(_, rest)| rest.to_owned())
}

/// The year the handout reports: the scenario's first target's year, else 2030 (within the run).
pub(crate) fn report_year(w: &Workshop) -> i32 {
    let year = w.scenario.targets.first().map_or(2030, |t| t.year);
    year.clamp(w.scenario.base_year, w.scenario.end_year)
}

/// A variant's name in the handout's language.
pub(crate) fn name(w: &Workshop, variant: Variant, text: &Text) -> String {
    match variant {
        Variant::Baseline => text.t("report-baseline"),
        Variant::Package => text.t("report-package"),
        Variant::Proposal(_) => w.session.name_of(variant).unwrap_or_default().to_owned(),
    }
}

/// A KPI's value in a year, as the reader writes numbers (`–` for a year not run).
fn kpi_value(outcome: &twin_core::Outcome, kpi: KpiId, year: i32, text: &Text) -> String {
    outcome.year(year).map_or("–".into(), |y| text.number(kpi.value(y)))
}

fn kpi_rows(w: &Workshop, year: i32, text: &Text) -> Vec<KpiRow> {
    let (Some(base), Some(lead)) = (w.outcome(Variant::Baseline), w.outcome(w.lead)) else {
        return Vec::new();
    };
    let progress = kpi::progress(lead);
    KPIS.iter()
        .map(|&k| {
            let value = |o: &twin_core::Outcome| kpi_value(o, k, year, text);
            let target = progress.iter().find(|p| p.target.kpi == k && p.target.year == year);
            KpiRow {
                name: text.kpi(k),
                code: k.spec().code.unwrap_or("–").to_owned(),
                unit: text.unit(k.spec().unit),
                baseline: value(base),
                lead: value(lead),
                target: target.map_or("–".into(), |p| text.number(p.target_value)),
                gap: target.map_or("–".into(), |p| text.number(p.value - p.target_value)),
            }
        })
        .collect()
}

/// Every variant's value of each KPI, when there is more than one alternative to the baseline
/// (else the first table says it all).
fn kpis_by_variant(w: &Workshop, year: i32, text: &Text) -> Vec<KpiByVariant> {
    if w.runs.len() <= 2 {
        return Vec::new();
    }
    KPIS.iter()
        .map(|&k| KpiByVariant {
            name: text.kpi(k),
            unit: text.unit(k.spec().unit),
            values: w.runs.iter().map(|(_, _, o)| kpi_value(o, k, year, text)).collect(),
        })
        .collect()
}

/// The promise to the room: the influence level, and what the input is used for (the
/// facilitator's words, else the level's own).
fn influence(w: &Workshop, text: &Text) -> Line {
    let promise = &w.session.room.promise;
    let key = promise.influence.key();
    let level = text.t(&format!("influence-{key}"));
    Line {
        title: text.args("report-influence-level", &[("level", level)]),
        text: match promise.text.trim() {
            "" => text.t(&format!("influence-{key}-about")),
            own => own.to_owned(),
        },
    }
}

fn lever_rows(w: &Workshop, text: &Text) -> Vec<LeverRow> {
    let own = &w.scenario.levers;
    w.runs
        .iter()
        .filter(|(v, _, _)| *v != Variant::Baseline)
        .flat_map(|(variant, levers, _)| {
            let reasons = match variant {
                Variant::Proposal(id) => w.session.proposal(*id).map(|p| p.details.reasons.clone()),
                _ => None,
            };
            LeverId::all().filter(|l| levers.get(*l).target != own.get(*l).target).map(move |l| LeverRow {
                group: name(w, *variant, text),
                lever: text.lever(l),
                from: value(l, own.get(l).target, text),
                to: value(l, levers.get(l).target, text),
                reason: reasons.as_ref().and_then(|r| r.0.get(&l).cloned()).unwrap_or_default(),
            })
        })
        .collect()
}

/// A lever's value in its unit: shares in per cent with one decimal, years as years.
fn value(lever: LeverId, v: f64, text: &Text) -> String {
    let percent = format!("{:.1}", v * 100.0);
    let percent = if text.language == crate::Language::En { percent } else { percent.replace('.', ",") };
    match lever.spec().unit {
        "year" => format!("{v:.0}"),
        "share/yr" => text.args("report-percent-per-year", &[("value", percent)]),
        _ => text.args("report-percent", &[("value", percent)]),
    }
}

fn priorities(w: &Workshop, text: &Text) -> Vec<Line> {
    let Some(vote) = w.session.room.votes.iter().rev().find(|v| v.ranking().is_some()) else {
        return Vec::new();
    };
    let ranking = vote.ranking().unwrap_or_default();
    ranking
        .into_iter()
        .take(5)
        .map(|(choice, dots)| Line {
            title: match choice {
                Choice::Proposal(id) => name(w, Variant::Proposal(*id), text),
                Choice::Lever(key) => LeverId::from_key(key).map_or(key.clone(), |l| text.lever(l)),
                Choice::Pin(id) => {
                    w.session.room.pin(*id).map_or_else(String::new, |p| p.draft.story.clone())
                }
            },
            text: text.args("report-dots", &[("count", dots.to_string())]),
        })
        .collect()
}

fn colour(w: &Workshop, variant: Variant) -> [u8; 3] {
    match variant {
        Variant::Baseline => [110, 110, 110],
        Variant::Package => [0, 0, 0],
        Variant::Proposal(id) => w.session.proposal(id).map_or([0, 114, 178], |p| p.details.colour),
    }
}

fn figures(w: &Workshop, year: i32, text: &Text) -> Vec<Figure> {
    let series = |f: &dyn Fn(&twin_core::outcome::YearResult) -> f64| -> Vec<Series> {
        w.runs
            .iter()
            .map(|(v, _, o)| Series {
                name: name(w, *v, text),
                colour: colour(w, *v),
                points: o.years.iter().map(|y| (f64::from(y.year), f(y))).collect(),
            })
            .collect()
    };
    let ghg = KpiId::GhgPerCapita;
    let target = w.scenario.targets.iter().find(|t| t.kpi == ghg);
    let mark = target.and_then(|t| {
        let lead = w.outcome(w.lead)?;
        let p = kpi::progress(lead).into_iter().find(|p| p.target.kpi == ghg && p.target.year == t.year)?;
        Some(Mark {
            name: text.args("report-target", &[("year", t.year.to_string())]),
            at: (f64::from(t.year), p.target_value),
        })
    });
    let lead_and_base: Vec<Variant> = [Variant::Baseline, w.lead].into_iter().collect();
    let pick = |all: Vec<Series>| -> Vec<Series> {
        all.into_iter()
            .zip(&w.runs)
            .filter(|(_, (v, _, _))| lead_and_base.contains(v))
            .map(|(s, _)| s)
            .collect()
    };
    let at_year = |f: &dyn Fn(&twin_core::outcome::YearResult) -> Vec<f64>| -> Vec<Series> {
        pick(
            w.runs
                .iter()
                .map(|(v, _, o)| Series {
                    name: name(w, *v, text),
                    colour: colour(w, *v),
                    points: o
                        .year(year)
                        .map(f)
                        .unwrap_or_default()
                        .into_iter()
                        .enumerate()
                        .map(|(i, x)| (i as f64, x))
                        .collect(),
                })
                .collect(),
        )
    };
    let carriers: Vec<Carrier> = Carrier::all().collect();
    let energy = at_year(&|y| carriers.iter().map(|c| sector_sum(y, *c) / 1000.0).collect());
    let treatments: Vec<String> = w
        .outcome(Variant::Baseline)
        .and_then(|o| o.year(year))
        .and_then(|y| y.materials.as_ref())
        .map(|m| m.treated_t.iter().map(|(n, _)| n.to_string()).collect())
        .unwrap_or_default();
    let waste = at_year(&|y| {
        let treated = y.materials.as_ref().map(|m| m.treated_t.clone()).unwrap_or_default();
        treatments
            .iter()
            .map(|n| treated.iter().find(|(m, _)| **m == **n).map_or(0.0, |(_, t)| t / 1000.0))
            .collect()
    });
    let number = &|v: f64| text.number(v);
    let mut figures = vec![
        Figure {
            caption: text.t("report-figure-emissions"),
            svg: charts::lines(
                &text.t("report-unit-t-per-person"),
                &series(&|y| ghg.value(y)),
                mark.as_ref(),
                number,
            ),
        },
        Figure {
            caption: text.args("report-figure-energy", &[("year", year.to_string())]),
            svg: charts::bars(
                &text.t("report-unit-gwh"),
                &carriers.iter().map(|c| text.t(&format!("report-carrier-{}", c.key()))).collect::<Vec<_>>(),
                &energy,
                number,
            ),
        },
        Figure {
            caption: text.t("report-figure-peak"),
            svg: charts::lines(&text.t("report-unit-mw"), &pick(series(&|y| y.grid.peak_mw)), None, number),
        },
        Figure {
            caption: text.args("report-figure-waste", &[("year", year.to_string())]),
            svg: charts::bars(&text.t("report-unit-kt"), &process_names(&treatments, text), &waste, number),
        },
    ];
    figures.extend(map_figure(w, year, text));
    figures
}

/// The map of the lead variant's emissions per resident by district, with the approved pins
/// numbered as in the list below it (none for a municipality whose map neither its files nor the
/// built-in maps give).
fn map_figure(w: &Workshop, year: i32, text: &Text) -> Option<Figure> {
    let files = w.scenario.map_files.as_ref().map(|f| (f.districts.as_path(), f.surroundings.as_deref()));
    let (geometry, _) = twin_geo::for_scenario(&w.scenario.site.kommune_number, files).ok()?;
    let lead = w.outcome(w.lead)?;
    let at = lead.year(year)?;
    let quantity = twin_core::analysis::quantity::DISTRICT_QUANTITIES.first()?;
    let values = geometry
        .districts
        .iter()
        .map(|r| {
            let i = lead.district_codes.iter().position(|c| *c == r.code)?;
            at.districts.get(i).map(|d| (quantity.value)(d))
        })
        .collect();
    let pins = approved_pins(w)
        .map(|p| {
            (twin_geo::project([p.draft.lon, p.draft.lat], geometry.origin_deg), p.draft.category.colour())
        })
        .collect();
    let (lo, hi) = (text.t("report-map-low"), text.t("report-map-high"));
    let svg = charts::map(&charts::MapLayer { geometry: &geometry, values, pins }, [lo, hi]);
    let name = name(w, w.lead, text);
    Some(Figure {
        caption: text.args("report-figure-map", &[("year", year.to_string()), ("variant", name)]),
        svg,
    })
}

/// What the model cannot show: the room's parking lot, then what each group wrote on its form.
fn parked(w: &Workshop, text: &Text) -> Vec<Line> {
    let room = w.session.room.parking.iter().map(|p| Line {
        title: text.t(match p.kind {
            ParkedKind::Idea => "report-parked-idea",
            ParkedKind::Effect => "report-parked-effect",
            ParkedKind::Concern => "report-parked-concern",
        }),
        text: p.text.clone(),
    });
    let groups = w
        .session
        .proposals
        .iter()
        .filter(|p| !p.details.not_in_model.trim().is_empty())
        .map(|p| Line { title: p.details.name.clone(), text: p.details.not_in_model.clone() });
    room.chain(groups).collect()
}

/// The approved pins, in the order the handout numbers them.
fn approved_pins(w: &Workshop) -> impl Iterator<Item = &twin_core::session::room::Pin> {
    w.session.room.pins.iter().filter(|p| p.status == PinStatus::Approved)
}

/// The waste network's process names in the handout's language where the files know them
/// (`report-process-<name>`), else as the scenario writes them.
fn process_names(names: &[String], text: &Text) -> Vec<String> {
    names.iter().map(|n| text.known(&format!("report-process-{n}")).unwrap_or_else(|| n.clone())).collect()
}

/// Final energy of a carrier over every sector, MWh.
fn sector_sum(y: &twin_core::outcome::YearResult, carrier: Carrier) -> f64 {
    y.energy.final_mwh.values().map(|by| by[carrier]).sum()
}
