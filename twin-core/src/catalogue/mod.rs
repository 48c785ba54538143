//! Catalogues: the closed lists the rest of the crate is keyed by (policy levers, KPIs, uncertain
//! parameters, energy carriers, sectors and heating systems). Ids, keys, units, ranges and labels
//! only; what a lever does, how a KPI is computed or how a parameter is applied lives in the layers
//! above. Imports nothing from the rest of the crate but [`crate::math`].
//!
//! Every catalogue has one shape: an enum whose variants are listed, counted and keyed by derives
//! (`strum`'s `EnumIter`, `EnumCount`, `EnumString` and `IntoStaticStr` with snake_case keys,
//! `enum_map::Enum` for tables indexed by it) and the [`Catalogue`] trait on top; its spec, where it
//! has one, is an exhaustive `match`. Adding a lever or a KPI is one variant plus its spec, and the
//! compiler finds every place that must say what it does.

/// A name the scenario gives (a material-flow process, waste fraction, building material or
/// stock group), shared by every year's results: cloning one counts a reference and copies no
/// text, so a run's yearly flows allocate no strings.
pub type Name = std::sync::Arc<str>;

/// Declares a catalogue enum with the derives every catalogue shares (ids, ordering, serde,
/// `enum_map` keys, `strum` listing and snake_case keys); `impl Catalogue` stays with each enum.
macro_rules! catalogue_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            serde::Serialize, serde::Deserialize,
            enum_map::Enum,
            strum::EnumIter, strum::EnumCount, strum::EnumString, strum::IntoStaticStr,
        )]
        #[strum(serialize_all = "snake_case")]
        $vis enum $name { $($body)* }
    };
}
/// The other closed lists of the crate (pin categories, process-check statements) take the same
/// derives.
pub(crate) use catalogue_enum;

pub mod energy;
pub mod kpi;
pub mod levers;
pub mod names;
pub mod parameter;

use std::str::FromStr;

use strum::{EnumCount, IntoEnumIterator};

pub use energy::{
    ByCarrier, ByInventorySector, BySector, BySystem, Carrier, HeatingSystem, InventorySector, Sector,
};

/// A closed list of named things with a stable key.
pub trait Catalogue:
    Copy + Eq + IntoEnumIterator + EnumCount + Into<&'static str> + FromStr + 'static
{
    /// Key used in files, on the command line and in output columns.
    fn key(self) -> &'static str {
        self.into()
    }

    /// Every entry, in catalogue order.
    fn all() -> Self::Iterator {
        Self::iter()
    }

    /// The entry with this key.
    fn from_key(key: &str) -> Option<Self> {
        key.parse().ok()
    }

    /// All keys, comma separated (for messages that list what is allowed).
    fn keys() -> String {
        Self::iter().map(Self::key).collect::<Vec<_>>().join(", ")
    }
}
