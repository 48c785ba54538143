//! Names in each language: a scenario file may give a district's or a district-heating unit's
//! name per language (`names: {"nb": …, "nn": …, "en": …}`); a language it does not give shows
//! `name`; an unknown language or an empty name is an error at its line.

use std::path::Path;

use twin_core::Scenario;
use twin_core::scenario::name_in;

fn baerum_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron"))
        .expect("baerum.ron")
}

#[test]
fn a_unit_is_named_in_the_language_asked_for_else_by_its_name() {
    let scenario = Scenario::from_str_named(&baerum_text(), Path::new("baerum.ron")).expect("valid");
    let unit = &scenario.district_heating.units[0];
    assert_eq!(name_in(&unit.name, &unit.names, "nn"), "Fornebu sjøvassvarmepumper");
    assert_eq!(name_in(&unit.name, &unit.names, "nb"), "Fornebu sjøvannsvarmepumper");
    assert_eq!(name_in(&unit.name, &unit.names, "en"), "Fornebu sea-water heat pumps");
    let district = &scenario.districts[0];
    assert!(district.names.is_empty());
    assert_eq!(name_in(&district.name, &district.names, "nn"), "Østerås - Eiksmarka", "place names stay");
}

#[test]
fn unknown_languages_and_empty_names_are_errors_at_their_line() {
    let text = baerum_text();
    let unknown = text.replacen(r#""nn": "Elektrokjelar""#, r#""se": "Elektrokjelar""#, 1);
    assert_ne!(unknown, text);
    let e = Scenario::from_str_named(&unknown, Path::new("b.ron")).expect_err("refused").to_string();
    let line = text.lines().position(|l| l.contains("Elektrokjelar")).expect("the line") + 1;
    assert!(e.contains("district_heating.units[1].names") && e.contains("unknown language \"se\""), "{e}");
    assert!(e.contains(&format!("b.ron:{line}:")), "{e}");
    let empty = text.replacen(r#""nb": "Elektrokjeler""#, r#""nb": " ""#, 1);
    let e = Scenario::from_str_named(&empty, Path::new("b.ron")).expect_err("refused").to_string();
    assert!(e.contains("district_heating.units[1].names.nb"), "{e}");
}
