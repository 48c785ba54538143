//! Policy levers: the catalogue of what a workshop can change, and the time path of each.
//!
//! A lever has a stable key (used in scenario files and `--set`), a unit, a range, a "no new
//! policy" default, plain-language labels in bokmål, nynorsk and English, and a description of
//! what it moves. A [`LeverSetting`] ramps a lever linearly from its base value to a target.
//! Invariant: every value a [`Levers`] holds lies inside its lever's range (checked on entry).

use enum_map::EnumMap;
use serde::{Deserialize, Serialize};

use super::Catalogue;

catalogue_enum! {
/// Identifies a lever; also the index into [`Levers`].
pub enum LeverId {
    /// Share of not-yet-renovated pre-2007 floor area renovated per year.
    RetrofitRate,
    /// Space-heat saving of one renovation.
    RetrofitDepth,
    /// Share of base-year direct-electric floor area converted to air-to-water heat pumps.
    HeatPumpProgramme,
    /// Floor-area share moved onto the district-heating network.
    DistrictHeatingExpansion,
    /// Share of the rooftop PV potential built.
    PvRollout,
    /// Battery-electric share of the car fleet.
    EvShare,
    /// Share of EV charging that is smart (moved out of the peak).
    SmartChargingShare,
    /// Year by which the last oil heating is replaced.
    OilPhaseOutYear,
    /// Sorting campaign: share of still-unsorted waste moved to source separation.
    SortingCampaign,
    /// Waste prevention: reduction of waste generated.
    WastePrevention,
    /// Reuse of building materials from demolition.
    BuildingMaterialReuse,
    /// Reuse of household items (furniture, textiles, electronics) instead of discarding them.
    HouseholdReuse,
    /// Share of ships' energy at berth taken from shore power instead of their own engines.
    ShorePower,
    /// Share of ferry and passenger-boat energy that is electric (battery ferries).
    ZeroEmissionFerries,
    /// Share of heavy vehicles' (lorries, buses) energy that is electric.
    ZeroEmissionHeavyVehicles,
    /// Share of construction machinery's energy that is electric (fossil-free building sites).
    FossilFreeConstruction,
}
}

impl Catalogue for LeverId {}

/// What a lever's number means at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeverBase {
    /// The default is a fixed number.
    Fixed,
    /// The default is the scenario's base-year state (the lever then changes nothing).
    FromScenario,
}

/// Static description of one lever.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LeverSpec {
    /// Unit of the value.
    pub unit: &'static str,
    /// Lowest allowed value.
    pub min: f64,
    /// Highest allowed value.
    pub max: f64,
    /// "No new policy" value (used when `base` is [`LeverBase::Fixed`]).
    pub default: f64,
    /// Whether the default comes from the scenario's base-year state.
    pub base: LeverBase,
    /// Label in Norwegian bokmål.
    pub label_nb: &'static str,
    /// Label in Norwegian nynorsk.
    pub label_nn: &'static str,
    /// Label in English.
    pub label_en: &'static str,
    /// What the lever moves, in English.
    pub description: &'static str,
    /// What the lever moves, in Norwegian bokmål (plain language, for citizens).
    pub description_nb: &'static str,
}

impl LeverId {
    /// The levers that replace fuel with electricity in the scenario's inventory sources (they
    /// act only on the sources that name them).
    pub const ELECTRIFYING: [LeverId; 4] = [
        LeverId::ShorePower,
        LeverId::ZeroEmissionFerries,
        LeverId::ZeroEmissionHeavyVehicles,
        LeverId::FossilFreeConstruction,
    ];

    /// The entry's description.
    pub const fn spec(self) -> &'static LeverSpec {
        match self {
            LeverId::RetrofitRate => &LeverSpec {
                unit: "share/yr",
                min: 0.0,
                max: 0.05,
                default: 0.01,
                base: LeverBase::Fixed,
                label_nb: "Energirehabilitering per år",
                label_nn: "Energirehabilitering per år",
                label_en: "Energy retrofits per year",
                description: "Share of the not-yet-renovated floor area in retrofittable classes renovated \
                              each year; lowers their space-heat need by the retrofit depth.",
                description_nb: "Andelen av bygg som ennå ikke er rehabilitert, som etterisoleres hvert år. Gir lavere varmebehov.",
            },
            LeverId::RetrofitDepth => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 0.8,
                default: 0.3,
                base: LeverBase::Fixed,
                label_nb: "Besparelse per rehabilitering",
                label_nn: "Innsparing per rehabilitering",
                label_en: "Saving per retrofit",
                description: "Share of space-heat need a renovation removes (applies to renovations done \
                              from the lever's start year).",
                description_nb: "Hvor mye av oppvarmingsbehovet en rehabilitering fjerner.",
            },
            LeverId::HeatPumpProgramme => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 1.0,
                default: 0.0,
                base: LeverBase::Fixed,
                label_nb: "Flere varmepumper",
                label_nn: "Fleire varmepumper",
                label_en: "More heat pumps",
                description: "Share of the base year's direct-electric floor area switched to air-to-water \
                              heat pumps.",
                description_nb: "Andelen av boliger og bygg med panelovner og elkjel (direkte strøm) som får luft-til-vann-varmepumpe.",
            },
            LeverId::DistrictHeatingExpansion => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 0.5,
                default: 0.0,
                base: LeverBase::Fixed,
                label_nb: "Utbygging av fjernvarme",
                label_nn: "Utbygging av fjernvarme",
                label_en: "District-heating expansion",
                description: "Share of all heated floor area newly connected to district heating, taken \
                              from direct-electric heating first, then from air-to-air heat pumps.",
                description_nb: "Andelen av all oppvarmet gulvflate som kobles til fjernvarmen, først bygg med direkte strøm.",
            },
            LeverId::PvRollout => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 1.0,
                default: 0.0,
                base: LeverBase::FromScenario,
                label_nb: "Solceller på tak",
                label_nn: "Solceller på tak",
                label_en: "Rooftop solar",
                description: "Share of the technical rooftop PV potential that is built.",
                description_nb: "Hvor stor del av solcellepotensialet på takene som bygges ut.",
            },
            LeverId::EvShare => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 1.0,
                default: 0.0,
                base: LeverBase::FromScenario,
                label_nb: "Andel elbiler",
                label_nn: "Del elbilar",
                label_en: "Electric cars",
                description: "Battery-electric share of the private car fleet; the rest burn petrol or \
                              diesel.",
                description_nb: "Andelen elbiler i privatbilparken; resten går på bensin eller diesel.",
            },
            LeverId::SmartChargingShare => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 1.0,
                default: 0.0,
                base: LeverBase::Fixed,
                label_nb: "Smart lading",
                label_nn: "Smart lading",
                label_en: "Smart charging",
                description: "Share of EV charging moved from the evening into the night valley of the \
                              grid load.",
                description_nb: "Andelen av elbilladingen som flyttes fra ettermiddagen til natten, når nettet har ledig kapasitet.",
            },
            LeverId::OilPhaseOutYear => &LeverSpec {
                unit: "year",
                min: 2020.0,
                max: 2100.0,
                default: 2100.0,
                base: LeverBase::Fixed,
                label_nb: "Oljefyring utfaset innen",
                label_nn: "Oljefyring utfasa innan",
                label_en: "Oil heating gone by",
                description: "Year by which remaining oil heating is replaced by air-to-water heat \
                              pumps (linearly from the base year). Takes effect as a year, not a ramp.",
                description_nb: "Året da den siste oljefyren er byttet ut med varmepumpe.",
            },
            LeverId::SortingCampaign => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 1.0,
                default: 0.0,
                base: LeverBase::Fixed,
                label_nb: "Sorter mer avfall",
                label_nn: "Sorter meir avfall",
                label_en: "Sort more waste",
                description: "Share of the waste still thrown in the residual bin that a sorting campaign \
                              moves to separate collection, for every fraction; less residual waste means \
                              less fuel for the incinerator's district heat.",
                description_nb: "Hvor mye av det som fortsatt havner i restavfallet, som en kampanje får sortert ut. Mindre restavfall gir mindre brensel til fjernvarmen.",
            },
            LeverId::WastePrevention => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 0.5,
                default: 0.0,
                base: LeverBase::Fixed,
                label_nb: "Mindre avfall",
                label_nn: "Mindre avfall",
                label_en: "Less waste",
                description: "Reduction of all waste generated (prevention and reuse before it becomes \
                              waste), e.g. less food waste.",
                description_nb: "Hvor mye mindre avfall som oppstår, for eksempel mindre matsvinn.",
            },
            LeverId::BuildingMaterialReuse => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 0.8,
                default: 0.0,
                base: LeverBase::Fixed,
                label_nb: "Ombruk av byggematerialer",
                label_nn: "Ombruk av byggematerial",
                label_en: "Reuse building materials",
                description: "Share of demolition materials reused in new buildings, saving their \
                              embodied emissions.",
                description_nb: "Andelen av materialene fra riving som brukes om igjen i nye bygg. Sparer utslipp fra produksjon.",
            },
            LeverId::HouseholdReuse => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 0.3,
                default: 0.0,
                base: LeverBase::Fixed,
                label_nb: "Mer ombruk",
                label_nn: "Meir ombruk",
                label_en: "More reuse",
                description: "Share of discarded household items (all fractions but residual waste) \
                              passed on for reuse (second-hand shops, repair) instead of collection.",
                description_nb: "Andelen av kasserte ting (møbler, klær, elektronikk) som går til ombruk og reparasjon i stedet for avfall.",
            },
            LeverId::ShorePower => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 1.0,
                default: 0.0,
                base: LeverBase::Fixed,
                label_nb: "Landstrøm til skip",
                label_nn: "Landstraum til skip",
                label_en: "Shore power for ships",
                description: "Share of ships' energy at berth (the inventory's sources tied to this lever) \
                              taken from shore power instead of their diesel generators: their emissions \
                              fall by the share and the municipality's electricity use rises by the energy \
                              it replaces.",
                description_nb: "Andelen av energien skip bruker ved kai, som kommer fra strømnettet i stedet for dieselaggregat om bord.",
            },
            LeverId::ZeroEmissionFerries => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 1.0,
                default: 0.0,
                base: LeverBase::Fixed,
                label_nb: "Utslippsfrie ferjer og hurtigbåter",
                label_nn: "Utsleppsfrie ferjer og snøggbåtar",
                label_en: "Zero-emission ferries and boats",
                description: "Share of ferries' and passenger boats' energy that is electric (battery \
                              ferries charged on shore): their emissions fall by the share, electricity use \
                              rises by the energy it replaces.",
                description_nb: "Andelen av energien til ferjer og hurtigbåter som er strøm fra batteri i stedet for diesel.",
            },
            LeverId::ZeroEmissionHeavyVehicles => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 1.0,
                default: 0.0,
                base: LeverBase::Fixed,
                label_nb: "Elektriske lastebiler og busser",
                label_nn: "Elektriske lastebilar og bussar",
                label_en: "Electric lorries and buses",
                description: "Share of heavy vehicles' energy (lorries, buses, vans: the inventory's sources \
                              tied to this lever) that is electric, through the municipality's own buses, \
                              procurement and charging sites.",
                description_nb: "Andelen av energien til lastebiler, busser og varebiler som er strøm i stedet for diesel.",
            },
            LeverId::FossilFreeConstruction => &LeverSpec {
                unit: "share",
                min: 0.0,
                max: 1.0,
                default: 0.0,
                base: LeverBase::Fixed,
                label_nb: "Utslippsfrie byggeplasser",
                label_nn: "Utsleppsfrie byggjeplassar",
                label_en: "Zero-emission building sites",
                description: "Share of construction machinery's energy that is electric, through the \
                              municipality's requirements in its own projects and plans.",
                description_nb: "Andelen av energien til anleggsmaskiner som er strøm i stedet for diesel, gjennom krav i kommunens egne prosjekter.",
            },
        }
    }
}

/// Years a lever takes to reach a target set without its own timing.
pub const DEFAULT_RAMP_YEARS: u32 = 10;

/// One lever's path: from `base` it ramps linearly to `target`, moving from `start_year` and
/// arriving after `ramp_years` years.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LeverSetting {
    /// Value before the lever starts, in the lever's unit.
    pub base: f64,
    /// Value once the ramp is complete.
    pub target: f64,
    /// First year that differs from `base`.
    pub start_year: i32,
    /// Years from start to target (0 = step change in `start_year`).
    pub ramp_years: u32,
}

impl LeverSetting {
    /// The lever's value in `year`.
    ///
    /// ```
    /// use twin_core::catalogue::levers::LeverSetting;
    /// let s = LeverSetting { base: 0.0, target: 1.0, start_year: 2030, ramp_years: 4 };
    /// assert_eq!(s.value(2029), 0.0);
    /// assert_eq!(s.value(2030), 0.25);
    /// assert_eq!(s.value(2033), 1.0);
    /// assert_eq!(s.value(2040), 1.0);
    /// ```
    pub fn value(&self, year: i32) -> f64 {
        if year < self.start_year {
            return self.base;
        }
        let steps = year - self.start_year + 1;
        if self.ramp_years == 0 || steps >= self.ramp_years as i32 {
            return self.target;
        }
        self.base + (self.target - self.base) * (f64::from(steps) / f64::from(self.ramp_years))
    }
}

/// The setting of every lever, indexed by [`LeverId`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Levers {
    settings: EnumMap<LeverId, LeverSetting>,
}

/// A lever value outside its range.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("lever `{key}` = {value} is outside its range {min}..={max} {unit}")]
pub struct LeverRangeError {
    /// Lever key.
    pub key: &'static str,
    /// Offending value.
    pub value: f64,
    /// Lowest allowed.
    pub min: f64,
    /// Highest allowed.
    pub max: f64,
    /// Unit.
    pub unit: &'static str,
}

impl Levers {
    /// Levers at their "no new policy" values; `base_of` gives the scenario's base-year value
    /// for levers whose default comes from the scenario. A target set later on such a lever
    /// (e.g. `twin run --set`) starts the year after the base year and ramps over
    /// [`DEFAULT_RAMP_YEARS`] years.
    pub fn no_policy(base_year: i32, base_of: impl Fn(LeverId) -> f64) -> Levers {
        let settings = EnumMap::from_fn(|id: LeverId| {
            let spec = id.spec();
            let base = match spec.base {
                LeverBase::Fixed => spec.default,
                LeverBase::FromScenario => base_of(id),
            };
            // A lever whose value is a year (a deadline) takes effect at once, not by a ramp.
            let is_year = spec.unit == "year";
            LeverSetting {
                base,
                target: base,
                start_year: if is_year { base_year } else { base_year + 1 },
                ramp_years: if is_year { 0 } else { DEFAULT_RAMP_YEARS },
            }
        });
        Levers { settings }
    }

    /// The setting of one lever.
    pub fn get(&self, id: LeverId) -> &LeverSetting {
        &self.settings[id]
    }

    /// Value of a lever in a year.
    pub fn value(&self, id: LeverId, year: i32) -> f64 {
        self.settings[id].value(year)
    }

    /// Sets a lever's target, keeping its timing. Rejects values outside the lever's range.
    pub fn set_target(&mut self, id: LeverId, target: f64) -> Result<(), LeverRangeError> {
        check_range(id, target)?;
        self.settings[id].target = target;
        Ok(())
    }

    /// Checks a target against the lever's range.
    pub fn check(id: LeverId, target: f64) -> Result<(), LeverRangeError> {
        check_range(id, target)
    }

    /// Replaces a lever's whole setting. Rejects targets outside the lever's range.
    pub fn set(&mut self, id: LeverId, setting: LeverSetting) -> Result<(), LeverRangeError> {
        check_range(id, setting.target)?;
        self.settings[id] = setting;
        Ok(())
    }
}

/// Why a `LEVER=VALUE` assignment (from `--set`) was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum AssignmentError {
    /// No `=` in the text.
    #[error("--set {text:?}: expected LEVER=VALUE, e.g. `ev_share=0.9`")]
    NoEquals {
        /// What was given.
        text: String,
    },
    /// The key names no lever.
    #[error("--set {text:?}: unknown lever `{key}`; known levers: {known}")]
    UnknownLever {
        /// What was given.
        text: String,
        /// The key.
        key: String,
        /// Every lever key.
        known: String,
    },
    /// The value is not a number.
    #[error("--set {text:?}: `{value}` is not a number")]
    NotANumber {
        /// What was given.
        text: String,
        /// The value part.
        value: String,
    },
    /// The value is outside the lever's range.
    #[error("--set {text:?}: {source}")]
    OutOfRange {
        /// What was given.
        text: String,
        /// The range that was broken.
        source: LeverRangeError,
    },
}

/// Parses one `LEVER=VALUE` assignment, as `--set` takes it on every command line, and checks the
/// value against the lever's range.
///
/// ```
/// use twin_core::catalogue::levers::{LeverId, parse_assignment};
/// assert_eq!(parse_assignment("ev_share = 0.9"), Ok((LeverId::EvShare, 0.9)));
/// assert!(parse_assignment("ev_share=2").is_err());
/// ```
pub fn parse_assignment(text: &str) -> Result<(LeverId, f64), AssignmentError> {
    let (key, value) =
        text.split_once('=').ok_or_else(|| AssignmentError::NoEquals { text: text.to_owned() })?;
    let (key, value) = (key.trim(), value.trim());
    let id = LeverId::from_key(key).ok_or_else(|| AssignmentError::UnknownLever {
        text: text.to_owned(),
        key: key.to_owned(),
        known: LeverId::keys(),
    })?;
    let number: f64 = value
        .parse()
        .map_err(|_| AssignmentError::NotANumber { text: text.to_owned(), value: value.to_owned() })?;
    check_range(id, number)
        .map_err(|source| AssignmentError::OutOfRange { text: text.to_owned(), source })?;
    Ok((id, number))
}

impl Levers {
    /// Sets the target of every lever named in `assignments` (each `LEVER=VALUE`), in order;
    /// stops at the first one that is refused and leaves the levers unchanged then.
    pub fn with_assignments<S: AsRef<str>>(&self, assignments: &[S]) -> Result<Levers, AssignmentError> {
        let mut levers = *self;
        for text in assignments {
            let (id, value) = parse_assignment(text.as_ref())?;
            levers.settings[id].target = value;
        }
        Ok(levers)
    }
}

fn check_range(id: LeverId, value: f64) -> Result<(), LeverRangeError> {
    let spec = id.spec();
    // `!(a <= b)` form also rejects NaN.
    if !(value >= spec.min && value <= spec.max) {
        return Err(LeverRangeError { key: id.key(), value, min: spec.min, max: spec.max, unit: spec.unit });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lever_is_found_by_its_key_and_its_default_is_in_range() {
        assert_eq!(LeverId::all().count(), <LeverId as strum::EnumCount>::COUNT);
        for id in LeverId::all() {
            let spec = id.spec();
            assert_eq!(LeverId::from_key(id.key()), Some(id));
            assert!(spec.min <= spec.default && spec.default <= spec.max, "{}", id.key());
        }
        assert_eq!(LeverId::HeatPumpProgramme.key(), "heat_pump_programme");
        assert_eq!(LeverId::from_key("heat_pumps"), None);
    }

    #[test]
    fn set_target_rejects_out_of_range_and_nan() {
        let mut levers = Levers::no_policy(2024, |_| 0.2);
        assert!(levers.set_target(LeverId::EvShare, 1.2).is_err());
        assert!(levers.set_target(LeverId::EvShare, f64::NAN).is_err());
        levers.set_target(LeverId::EvShare, 0.9).expect("in range");
        // The base year keeps the base value; the target is reached after the default ramp.
        assert_eq!(levers.value(LeverId::EvShare, 2024), 0.2);
        assert!((levers.value(LeverId::EvShare, 2025) - 0.27).abs() < 1e-12);
        assert_eq!(levers.value(LeverId::EvShare, 2024 + DEFAULT_RAMP_YEARS as i32), 0.9);
        // A deadline lever holds its new year from the start.
        levers.set_target(LeverId::OilPhaseOutYear, 2030.0).expect("in range");
        assert_eq!(levers.value(LeverId::OilPhaseOutYear, 2024), 2030.0);
    }
}
