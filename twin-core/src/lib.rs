//! `twin-core`: a deterministic simulation of one Norwegian municipality's energy flows, hour by
//! hour from a base year to 2050, driven by policy levers.
//!
//! The pipeline is `scenarios/*.ron` → [`scenario::RawScenario`] (parse) → [`Scenario`]
//! (validate once) → [`site::Prepared`] (weather, sun and demand shapes; lever-independent,
//! computed once) → [`model::run`] (pure function of scenario, levers and prepared data) →
//! [`Outcome`] (yearly and hourly results, with a digest). This crate never depends on a
//! renderer; the viewer and the `twin` command only read what it returns.
//!
//! ```
//! use twin_core::{Scenario, levers::LeverId, model::{run, RunOptions}, site::Prepared};
//! let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron")).unwrap();
//! let scenario = Scenario::from_str_named(&text, "baerum.ron".as_ref()).unwrap();
//! let prepared = Prepared::new(&scenario);               // once per scenario
//! let mut levers = scenario.levers;
//! levers.set_target(LeverId::EvShare, 1.0).unwrap();      // a workshop moves a lever
//! let outcome = run(&scenario, &levers, &prepared, &RunOptions::default());
//! assert_eq!(outcome.years.last().unwrap().year, scenario.end_year);
//! ```

pub mod compare;
pub mod costs;
pub mod dsm;
pub mod ensemble;
pub mod kpi;
pub mod levers;
pub mod materials;
pub mod model;
pub mod outcome;
pub mod output;
pub mod quantity;
pub mod scenario;
pub mod sensitivity;
pub mod site;
pub mod solar;
pub mod weather;

pub use model::simulate;
pub use outcome::{Carrier, Outcome};
pub use scenario::{Scenario, ScenarioError};
