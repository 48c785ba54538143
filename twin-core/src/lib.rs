//! `twin-core`: a deterministic simulation of one Norwegian municipality's energy and material
//! flows, hour by hour from a base year to 2050, driven by policy levers.
//!
//! The module tree is the pipeline, and every import points down it (checked by
//! `tests/layers.rs`):
//!
//! | layer | job |
//! |---|---|
//! | [`math`] | piecewise-linear paths, dynamic stock models |
//! | [`catalogue`] | levers, KPIs, uncertain parameters, carriers, sectors: ids and specs |
//! | [`scenario`] | read, parse, locate and validate a file into an immutable [`Scenario`] |
//! | [`prepare`] | weather, sun, demand shapes and stock models: the lever-independent inputs |
//! | [`outcome`] | what a run produces: yearly, district and hourly results, and its digest |
//! | [`model`] | the year under levers: demand, materials, heat dispatch, grid, emissions |
//! | [`analysis`] | KPIs, comparison, ensembles, sensitivity, costs |
//! | [`io`] | CSV tables and atomic writes |
//! | [`session`] | a workshop: proposals, package, snapshots, journal with undo; its file, kept safe |
//!
//! `scenarios/*.ron` → [`scenario::RawScenario`] (parse) → [`Scenario`] (validate once) →
//! [`prepare::Prepared`] (computed once) → [`model::run`] (pure function of scenario, levers and
//! prepared data) → [`Outcome`]. This crate never depends on a renderer; the viewer and the
//! `twin` command only read what it returns.
//!
//! ```
//! use twin_core::{Scenario, catalogue::levers::LeverId, model::{run, RunOptions}, prepare::Prepared};
//! let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/baerum.ron")).unwrap();
//! let scenario = Scenario::from_str_named(&text, "baerum.ron".as_ref()).unwrap();
//! let prepared = Prepared::new(&scenario);               // once per scenario
//! let mut levers = scenario.levers;
//! levers.set_target(LeverId::EvShare, 1.0).unwrap();      // a workshop moves a lever
//! let outcome = run(&scenario, &levers, &prepared, &RunOptions::default()).unwrap(); // NaN-free, checked
//! assert_eq!(outcome.years.last().unwrap().year, scenario.end_year);
//! ```

pub mod math;

pub mod catalogue;

pub mod scenario;

pub mod prepare;

pub mod outcome;

pub mod model;

pub mod analysis;

pub mod io;

pub mod session;

pub use catalogue::Carrier;
pub use model::simulate;
pub use outcome::Outcome;
pub use scenario::{Scenario, ScenarioError};
