//! The data behind the handout, for anyone to reuse: every variant's headline KPIs in the
//! report year (`kpis.csv`), every lever a variant moves (`levers.csv`), the variants with their
//! share codes (`variants.csv`), the session itself (`session.json`) and the approved pins
//! (`pins.geojson`, RFC 7946). Numbers in the files are plain (a decimal point, no grouping).

use twin_core::catalogue::Catalogue;
use twin_core::catalogue::kpi::KpiId;
use twin_core::catalogue::levers::LeverId;
use twin_core::session::share::{self, ScenarioId};

use crate::Workshop;
use crate::page::{name, report_year};
use crate::text::Text;

/// The data files, by name.
pub(crate) fn files(w: &Workshop, text: &Text) -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("kpis.csv", kpis(w, text)),
        ("levers.csv", levers(w, text)),
        ("variants.csv", variants(w, text)),
        ("session.json", serde_json::to_vec_pretty(&w.session).unwrap_or_default()),
        ("pins.geojson", pins(w)),
    ]
}

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    // Writing into memory cannot fail.
    let _ = out.write_record(header);
    for row in rows {
        let _ = out.write_record(&row);
    }
    out.into_inner().unwrap_or_default()
}

fn kpis(w: &Workshop, text: &Text) -> Vec<u8> {
    let year = report_year(w);
    let rows = w.runs.iter().flat_map(|(variant, _, outcome)| {
        let at = outcome.year(year);
        KpiId::all().map(move |k| {
            let spec = k.spec();
            vec![
                name(w, *variant, text),
                k.key().to_owned(),
                spec.code.unwrap_or("").to_owned(),
                year.to_string(),
                at.map_or(String::new(), |y| k.value(y).to_string()),
                spec.unit.to_owned(),
            ]
        })
    });
    table(&["variant", "kpi", "u4ssc_code", "year", "value", "unit"], rows)
}

fn levers(w: &Workshop, text: &Text) -> Vec<u8> {
    let own = &w.scenario.levers;
    let rows = w.runs.iter().flat_map(|(variant, levers, _)| {
        let reasons = match variant {
            twin_core::session::Variant::Proposal(id) => {
                w.session.proposal(*id).map(|p| p.details.reasons.clone())
            }
            _ => None,
        };
        LeverId::all().filter(move |l| levers.get(*l).target != own.get(*l).target).map(move |l| {
            vec![
                name(w, *variant, text),
                l.key().to_owned(),
                own.get(l).target.to_string(),
                levers.get(l).target.to_string(),
                l.spec().unit.to_owned(),
                reasons.as_ref().and_then(|r| r.0.get(&l).cloned()).unwrap_or_default(),
            ]
        })
    });
    table(&["variant", "lever", "from", "to", "unit", "reason"], rows)
}

fn variants(w: &Workshop, text: &Text) -> Vec<u8> {
    let id = ScenarioId::of(&w.scenario.name, &w.session.scenario.text);
    let rows = w.runs.iter().map(|(variant, levers, outcome)| {
        let role = match variant {
            twin_core::session::Variant::Proposal(p) => {
                w.session.proposal(*p).map(|p| p.details.role.clone())
            }
            _ => None,
        };
        vec![
            name(w, *variant, text),
            role.unwrap_or_default(),
            share::encode(&w.scenario, id, levers).0,
            outcome.digest(),
        ]
    });
    table(&["variant", "role", "share_code", "digest"], rows)
}

fn pins(w: &Workshop) -> Vec<u8> {
    let collection = twin_core::session::room::pins_geojson(&w.session.room, true);
    serde_json::to_vec_pretty(&collection).unwrap_or_default()
}
