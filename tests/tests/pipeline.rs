//! End-to-end behaviour of the whole pipeline (file → scenario → prepared site → run → outcome)
//! on the scenarios shipped in `scenarios/`: agreement with published statistics, determinism as
//! golden digests, and the direction in which each lever moves the results.

use std::path::PathBuf;

use twin_core::catalogue::Sector;
use twin_core::catalogue::levers::LeverId;
use twin_core::model::{HourlyYears, RunOptions, run};
use twin_core::prepare::Prepared;
use twin_core::scenario::{self, EmissionConvention};
use twin_core::{Carrier, Outcome, Scenario};

fn scenarios_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scenarios")
}

fn baerum() -> Scenario {
    scenario::load(&scenarios_dir().join("baerum.ron")).expect("Bærum scenario is valid")
}

fn within(value: f64, lo: f64, hi: f64) -> bool {
    (lo..=hi).contains(&value)
}

/// Bærum's base year against the statistics in ../shared/reference/domain-data.md. Tolerances
/// are the reference's own ranges, widened by 10 % where the reference is an estimate (E).
#[test]
fn baerum_base_year_reproduces_published_statistics() {
    let s = baerum();
    let prepared = Prepared::new(&s);
    let outcome = run(&s, &s.levers, &prepared, &RunOptions::default()).expect("finite outcome");
    let y = &outcome.years[0];
    assert_eq!(y.year, 2025);
    // 132,233 residents (SSB 04317, data year 2025).
    assert_eq!(y.population, 132_233.0);
    // Household stationary energy ≈ 1,000–1,050 GWh (E, §2.2): accept 900–1,155 GWh.
    let residential: f64 = y.energy.final_mwh[Sector::Residential].values().sum();
    assert!(within(residential / 1000.0, 900.0, 1155.0), "residential {} GWh", residential / 1000.0);
    // Electricity ≈ 90 % of household energy (S, 2007 [N4]): accept 80–95 %.
    let share = y.energy.final_mwh[Sector::Residential][Carrier::Electricity] / residential;
    assert!(within(share, 0.80, 0.95), "electricity share of household energy {share}");
    // District heating ≈ 100–150 GWh/yr (E, §2.2) and ≈ 8 % of building heat (E, §5).
    let dh_gwh = y.heat.delivered_mwh / 1000.0;
    assert!(within(dh_gwh, 90.0, 165.0), "district heat {dh_gwh} GWh");
    let dh_share = y.heat.delivered_mwh / y.buildings.heat_need_mwh;
    assert!(within(dh_share, 0.06, 0.10), "district-heat share of heat {dh_share}");
    // Global irradiance ≈ 938 kWh/m² at Oslo-Blindern (S, §3.3): within 5 %.
    let ghi: f64 = prepared.ghi_w_m2.iter().sum::<f64>() / 1000.0;
    assert!(within(ghi, 891.0, 985.0), "GHI {ghi} kWh/m²");
    // Rooftop PV ≈ 900 kWh/kWp (E, §3.3; NVE 650–1,000 S): accept 800–1,000.
    assert!(
        within(prepared.pv_yield_kwh_per_kwp, 800.0, 1000.0),
        "PV yield {}",
        prepared.pv_yield_kwh_per_kwp
    );
    // EV share of cars 32 % (E).
    assert!((y.transport.ev_share - 0.32).abs() < 1e-9);
    // Heating degree-days (base 17 °C) ≈ 3,760 (E, §3.2): the seeded weather year within 10 %.
    let hdd: f64 = prepared.temperature_c.iter().map(|t| (17.0 - t).max(0.0)).sum::<f64>() / 24.0;
    assert!(within(hdd, 3384.0, 4136.0), "HDD17 {hdd}");
}

/// Digests of the reference scenarios, reviewed like code: a change that moves any result of a
/// run changes them (refresh them then, and say why in the commit). The same digests come from
/// `twin run FILE --digest` in debug and release builds on any machine.
const GOLDEN_DIGESTS: [(&str, &[&str], &str); 5] = [
    ("baerum.ron", &[], "blake3:642331b637210721cbd7d28c10c544241b22a5375260ef92afb8e09dadaef643"),
    (
        "baerum.ron",
        &["heat_pump_programme=0.7", "sorting_campaign=0.5"],
        "blake3:96dd007ace3c586862e2e7c6c7c545171a9d72ed8fd66acd23b7283d4e954a13",
    ),
    ("alesund.ron", &[], "blake3:2067fd1009b4ca4247879504bc84bffed35ab720e2490bfdc2a699761c99a08a"),
    ("traena.ron", &[], "blake3:4f55e5cd36b36c25cde1ad531de57f919a3911ca8b161030c1ebcc8cc27e872b"),
    ("trondheim.ron", &[], "blake3:ed5ed054c2743507c22e5b78caa2e97cde8e0c1439bd07786379379c7f68f8ce"),
];

#[test]
fn runs_match_their_golden_digests() {
    for (file, set, golden) in GOLDEN_DIGESTS {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../scenarios").join(file);
        let s = scenario::load(&path).expect("scenario");
        let levers = s.levers.with_assignments(set).expect("levers");
        // What `twin run --digest` keeps: the hourly series of the base and the end year.
        let options = RunOptions { hourly_years: HourlyYears::These(vec![s.base_year, s.end_year]) };
        let outcome = run(&s, &levers, &Prepared::new(&s), &options).expect("finite outcome");
        assert_eq!(outcome.digest(), golden, "{file} {set:?}");
    }
}

fn with_lever(s: &Scenario, prepared: &Prepared, id: LeverId, target: f64) -> Outcome {
    let mut levers = s.levers;
    levers.set_target(id, target).expect("in range");
    run(s, &levers, prepared, &RunOptions::default()).expect("finite outcome")
}

#[test]
fn levers_move_results_the_expected_way() {
    let s = baerum();
    let prepared = Prepared::new(&s);
    let base = run(&s, &s.levers, &prepared, &RunOptions::default()).expect("finite outcome");
    let last = |o: &Outcome| o.years.last().expect("years").clone();
    let b = last(&base);

    // Heat pumps replace direct electric heating: less electricity.
    let hp = last(&with_lever(&s, &prepared, LeverId::HeatPumpProgramme, 1.0));
    assert!(hp.grid.demand_mwh < b.grid.demand_mwh * 0.97);
    assert!(hp.grid.peak_mw < b.grid.peak_mw);

    // More EVs: more electricity, less petrol and diesel, fewer emissions.
    let ev = last(&with_lever(&s, &prepared, LeverId::EvShare, 1.0));
    assert!(ev.transport.ev_charging_mwh > b.transport.ev_charging_mwh);
    assert!(ev.final_energy_of(Carrier::Petrol) < 1e-9 && ev.final_energy_of(Carrier::Diesel) < 1e-9);
    assert!(ev.total_emissions_t() < b.total_emissions_t());

    // Smart charging moves charging out of the evening peak.
    let smart = last(&with_lever(&s, &prepared, LeverId::SmartChargingShare, 1.0));
    assert!(smart.grid.peak_mw < b.grid.peak_mw, "{} vs {}", smart.grid.peak_mw, b.grid.peak_mw);
    assert!((smart.transport.ev_charging_mwh - b.transport.ev_charging_mwh).abs() < 1e-6);

    // Retrofits lower the heat need.
    let retrofit = last(&with_lever(&s, &prepared, LeverId::RetrofitRate, 0.04));
    assert!(
        retrofit.buildings.heat_need_mwh < b.buildings.heat_need_mwh * 0.95,
        "{} vs {}",
        retrofit.buildings.heat_need_mwh,
        b.buildings.heat_need_mwh
    );

    // More PV: more production, less import.
    let pv = last(&with_lever(&s, &prepared, LeverId::PvRollout, 0.8));
    assert!(pv.grid.pv_production_mwh > 5.0 * b.grid.pv_production_mwh);
    assert!(pv.grid.import_mwh < b.grid.import_mwh);

    // District-heating expansion: more district heat, and the plant runs its peak boilers more.
    let dh = last(&with_lever(&s, &prepared, LeverId::DistrictHeatingExpansion, 0.3));
    assert!(dh.heat.delivered_mwh > 2.0 * b.heat.delivered_mwh);
}

#[test]
fn emission_convention_changes_only_electricity_emissions() {
    let mut raw = baerum().raw;
    let mut totals = Vec::new();
    for convention in
        [EmissionConvention::Territorial, EmissionConvention::LocationBased, EmissionConvention::ResidualMix]
    {
        raw.emission_factors.convention = convention;
        let s = Scenario::from_raw(raw.clone(), "baerum.ron".as_ref()).expect("valid");
        let y = twin_core::simulate(&s).expect("finite outcome").years[0].clone();
        totals.push((
            y.emissions.by_carrier_t[Carrier::Electricity],
            y.total_emissions_t() - y.emissions.by_carrier_t[Carrier::Electricity],
        ));
    }
    assert_eq!(totals[0].0, 0.0);
    assert!(totals[1].0 > 0.0 && totals[2].0 > 20.0 * totals[1].0);
    // Other carriers do not depend on the convention.
    assert!((totals[0].1 - totals[2].1).abs() < 1e-6);
}

#[test]
fn scenario_round_trips_through_ron() {
    let s = baerum();
    let text = s.to_ron();
    let back = Scenario::from_str_named(&text, "roundtrip.ron".as_ref()).expect("written RON reads back");
    assert_eq!(back.raw, s.raw);
    // The sources are data: a save keeps every note, and each names a field the file has.
    assert!(s.raw.sources.len() >= 100, "Bærum's notes: {}", s.raw.sources.len());
    assert_eq!(back.raw.sources, s.raw.sources);
    let stray: Vec<_> = s.warnings.iter().filter(|w| w.path.starts_with("sources")).collect();
    assert!(stray.is_empty(), "source notes on fields the file lacks: {stray:?}");
    assert_eq!(
        twin_core::simulate(&back).expect("finite outcome").digest(),
        twin_core::simulate(&s).expect("finite outcome").digest()
    );
}

#[test]
fn a_source_note_on_a_missing_field_is_a_located_warning_and_a_bad_year_an_error() {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron"))
        .expect("scenario file");
    let with = |entry: &str| {
        text.replacen("\n    sources: [\n", &format!("\n    sources: [\n        {entry},\n"), 1)
    };
    let typo = with(r#"(field: "site.latitud_deg", note: "a typo")"#);
    let s = Scenario::from_str_named(&typo, "typo.ron".as_ref()).expect("a stray note blocks nothing");
    let warning = s.warnings.iter().find(|w| w.path == "sources[0].field").expect("warned");
    assert!(warning.message.contains("site.latitud_deg"), "{}", warning.message);
    assert!(warning.position.is_some(), "the warning names its line");
    let keyed = with(
        r#"(field: "building_classes[office].space_heat_kwh_per_m2", basis: Published, note: "SSB", year: 2011)"#,
    );
    let s = Scenario::from_str_named(&keyed, "keyed.ron".as_ref()).expect("valid");
    assert!(!s.warnings.iter().any(|w| w.path == "sources[0].field"), "a list element by its id");
    let year = with(r#"(field: "", note: "when?", year: 20011)"#);
    let err = Scenario::from_str_named(&year, "year.ron".as_ref()).expect_err("a year out of range");
    assert!(err.to_string().contains("sources[0].year"), "{err}");
}
