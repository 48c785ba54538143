//! Catalogues: the closed lists the rest of the crate is keyed by (policy levers, KPIs, uncertain
//! parameters, energy carriers, sectors and heating systems). Ids, keys, units, ranges and labels
//! only; what a lever does, how a KPI is computed or how a parameter is applied lives in the layers
//! above. Imports nothing from the rest of the crate but [`crate::math`].

pub mod energy;
pub mod kpi;
pub mod levers;
pub mod parameter;

pub use energy::{ByCarrier, Carrier, HeatingSystem, Sector};
