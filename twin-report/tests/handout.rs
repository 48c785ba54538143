//! The handout as made from a session and from a scenario: user text stays text, nothing is
//! fetched from elsewhere, the share code reproduces the variant it leads with, and every
//! message exists in each language. The pages are also written to
//! `$CARGO_TARGET_TMPDIR/handouts/` for the browser check in `.ci/run`.

use std::collections::BTreeSet;

use twin_core::catalogue::levers::LeverId;
use twin_core::model::{RunOptions, run};
use twin_core::prepare::Prepared;
use twin_core::session::room::{Origin, PinCategory, PinDraft};
use twin_core::session::share::{self, ScenarioId};
use twin_core::session::{ByLever, ScenarioCopy, Session};
use twin_report::{Language, Workshop};

const BAERUM: &str = include_str!("../../scenarios/baerum.ron");
const XSS: &str = "<script>alert(1)</script>";

fn session_with_markup() -> Session {
    let copy = ScenarioCopy::new(Some("scenarios/baerum.ron".into()), BAERUM.to_owned());
    let now = jiff::Timestamp::UNIX_EPOCH;
    let mut session = Session::new("Energi <i>og</i> avfall", copy, now);
    let levers = ByLever([(LeverId::HeatPumpProgramme, 0.6)].into_iter().collect());
    let mut change = session.add_proposal("<b>Næringslivet</b>", levers);
    if let twin_core::session::Change::AddProposal { proposal, .. } = &mut change {
        proposal.details.not_in_model = "Lokal <em>matproduksjon</em>".into();
    }
    session.apply(change, now).expect("a proposal");
    let draft = PinDraft {
        lon: 10.55,
        lat: 59.9,
        category: PinCategory::Idea,
        story: XSS.into(),
        concerns: None,
        district: None,
        origin: Origin::Operator,
        at: now,
    };
    let change = session.add_pin(draft);
    session.apply(change, now).expect("a pin");
    session
}

/// The handout's page; the files are also written for the browser check.
fn page(workshop: &Workshop, language: Language) -> String {
    let files = twin_report::files(workshop, language).expect("report");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("handouts").join(language.code());
    twin_report::write(&dir, &files).expect("written");
    String::from_utf8(files[0].1.clone()).expect("utf-8")
}

#[test]
fn text_from_users_is_shown_as_text() {
    let workshop = Workshop::of_session(session_with_markup()).expect("report");
    let html = page(&workshop, Language::Nb);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;"), "the story is escaped");
    assert!(!html.contains("<script"), "no script element at all");
    assert!(html.contains("&lt;b&gt;Næringslivet&lt;") && !html.contains("<b>"));
    assert!(html.contains("Energi &lt;i&gt;og&lt;"));
    assert!(html.contains("Lokal &lt;em&gt;matproduksjon&lt;"), "the group's \"not in the model\" is listed");
}

#[test]
fn the_promise_next_steps_and_every_groups_figures_are_on_the_page_in_its_language() {
    use twin_core::session::room::{Influence, Promise};
    let mut session = session_with_markup();
    let levers = ByLever([(LeverId::EvShare, 0.95)].into_iter().collect());
    session.apply(session.add_proposal("Ungdomsrådet", levers), jiff::Timestamp::UNIX_EPOCH).expect("two");
    let promise = Promise { influence: Influence::Collaborate, ..Promise::default() }
        .with_step("Svar på <u>hvert</u> innspill", "innen 1. mars 2027");
    session.apply(session.set_promise(promise), jiff::Timestamp::UNIX_EPOCH).expect("a promise");
    let workshop = Workshop::of_session(session).expect("report");
    let nb = page(&workshop, Language::Nb);
    assert!(nb.contains("Innflytelse: Samarbeid."), "the level");
    assert!(nb.contains("Rommet og kommunen lager anbefalingen sammen"), "the level's own words");
    assert!(
        nb.contains("Svar på &lt;u&gt;hvert&lt;&#x2f;u&gt; innspill") && nb.contains("(innen 1. mars 2027)")
    );
    for unit in ["kr/år", "t CO2e per innb.", "kg/år per innb."] {
        assert!(nb.replace("&#x2f;", "/").contains(unit), "{unit}");
    }
    assert!(nb.contains("Nøkkeltall i 2030 for hvert alternativ"), "a table of every group");
    let by_variant = &nb[nb.find("for hvert alternativ").expect("the table")..];
    assert!(by_variant.contains("Ungdomsrådet") && by_variant.contains("Næringslivet"));
    let en = page(&workshop, Language::En);
    assert!(en.contains("Influence: Collaborate.") && en.contains("NOK&#x2f;yr"));
    // A plain scenario promises what a consultation does and says how the answers come.
    let plain = Workshop::of_scenario(None, BAERUM, &workshop.scenario.levers, Language::Nb).expect("report");
    let html = page(&plain, Language::Nb);
    assert!(html.contains("Innflytelse: Konsultasjon.") && html.contains("Kommunen sender ut svar"));
    assert!(!html.contains("for hvert alternativ"), "one alternative needs no second table");
}

#[test]
fn the_page_fetches_nothing() {
    let workshop = Workshop::of_session(session_with_markup()).expect("report");
    for language in [Language::Nb, Language::Nn, Language::En] {
        let html = page(&workshop, language);
        for attribute in ["src=", "href=", "url(", "@import"] {
            assert!(!html.contains(attribute), "{attribute} in the {language:?} page");
        }
        let lang = format!("<html lang=\"{}\">", language.code());
        assert!(html.starts_with("<!doctype html>") && html.contains(&lang));
        assert_eq!(html.matches("<svg").count(), 6, "four charts, the map and the QR code");
    }
}

#[test]
fn the_share_code_reproduces_the_lead_variant() {
    let workshop = Workshop::of_session(session_with_markup()).expect("report");
    let scenario = &workshop.scenario;
    let id = ScenarioId::of(&scenario.name, BAERUM);
    let levers = share::decode(&workshop.share_code, scenario, id).expect("the code reads");
    let outcome = run(scenario, &levers, &Prepared::new(scenario), &RunOptions::default()).expect("runs");
    let lead = workshop.outcome(workshop.lead).expect("lead");
    assert_eq!(outcome.digest(), lead.digest());
    // From a scenario with --set, the levers are held to the code's grid first.
    let mut set = scenario.levers;
    set.set_target(LeverId::EvShare, 0.9123456).expect("in range");
    let plain = Workshop::of_scenario(None, BAERUM, &set, Language::En).expect("report");
    let levers = share::decode(&plain.share_code, scenario, id).expect("the code reads");
    assert_eq!(levers.get(LeverId::EvShare).target, 0.912);
    let outcome = run(scenario, &levers, &Prepared::new(scenario), &RunOptions::default()).expect("runs");
    assert_eq!(outcome.digest(), plain.outcome(plain.lead).expect("lead").digest());
}

#[test]
fn the_data_files_hold_every_variant() {
    let workshop = Workshop::of_session(session_with_markup()).expect("report");
    let files = twin_report::files(&workshop, Language::En).expect("report");
    let file = |name: &str| {
        let bytes = &files.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("{name}")).1;
        String::from_utf8(bytes.clone()).expect("utf-8")
    };
    assert!(file("handout.html").contains("<!doctype html>"));
    assert!(file("share-code.svg").contains("<svg"));
    assert_eq!(file("share-code.txt").trim(), workshop.share_code);
    assert!(file("levers.csv").contains("heat_pump_programme"));
    let variants = file("variants.csv");
    assert_eq!(variants.lines().count(), 3, "header, baseline, one proposal: {variants}");
    assert!(file("kpis.csv").lines().any(|l| l.contains("ghg_per_capita")));
    let pins: serde_json::Value = serde_json::from_str(&file("pins.geojson")).expect("GeoJSON");
    assert_eq!(pins["features"][0]["properties"]["story"], XSS, "the data keeps the story as typed");
    let session: Session = serde_json::from_str(&file("session.json")).expect("the session reads back");
    assert_eq!(session.proposals.len(), 1);
}

#[test]
fn every_message_exists_in_each_language() {
    let ids = |text: &str| -> BTreeSet<String> {
        let resource = fluent_syntax::parser::parse(text.to_owned()).expect("the file parses");
        resource
            .body
            .iter()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.clone()),
                _ => None,
            })
            .collect()
    };
    let sets: Vec<BTreeSet<String>> = twin_report::MESSAGES.iter().map(|t| ids(t)).collect();
    assert!(sets[0].len() > 50);
    assert_eq!(sets[0], sets[1], "nb and nn");
    assert_eq!(sets[0], sets[2], "nb and en");
}
