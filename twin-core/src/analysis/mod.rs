//! Analyses over outcomes: KPI values and target progress, the reported quantities, comparison of
//! two outcomes, ensembles, batches of many scenarios and lever settings, sensitivity and costs.
//! Reads outcomes and runs the model; nothing below this layer knows it exists.

pub mod batch;
pub mod calibration;
pub mod compare;
pub mod costs;
pub mod ensemble;
pub mod kpi;
pub mod quantity;
pub mod sensitivity;
