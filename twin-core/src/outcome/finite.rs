//! The last guard of a run: no outcome leaves the model with a NaN or an infinity in it.
//!
//! Validation keeps absurd inputs out, so this never fires on a valid scenario (the fuzz targets
//! and the whole-pipeline property test check that). If it does, the run stops with an error that
//! names the quantity, the year and the part of the scenario that feeds it, instead of writing
//! `NaN` into a table. Every yearly figure is visited through its `Serialize` implementation, so a
//! field added to [`YearResult`] is checked without an edit here; hourly series are checked by
//! their sums (a NaN or infinity anywhere makes the sum non-finite).

use serde::Serialize;
use serde::ser;

use super::{HourlyYear, Outcome, YearResult};

/// A number in an outcome that is NaN or infinite.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "the model produced {value} for `{quantity}` in {year}: an input the validator let through \
     makes this quantity undefined; check {inputs} (and the levers as set), and report the file \
     so that validation catches it"
)]
pub struct NonFinite {
    /// The quantity's path in the year's results, e.g. `districts[3].heat_mwh`.
    pub quantity: String,
    /// The year.
    pub year: i32,
    /// The value found (NaN or ±infinity).
    pub value: f64,
    /// The parts of the scenario file that feed this quantity.
    pub inputs: &'static str,
}

impl Outcome {
    /// Checks that every yearly figure and every hourly series is finite.
    pub fn check_finite(&self) -> Result<(), NonFinite> {
        self.years.iter().try_for_each(check_year)?;
        self.hourly.iter().try_for_each(check_hours)
    }
}

/// Visits the year once plainly; only if that finds a number is it visited again with the path
/// tracked (which formats every map key and costs more than the run's accounting).
fn check_year(year: &YearResult) -> Result<(), NonFinite> {
    if year.serialize(&mut Finder).is_ok() {
        return Ok(());
    }
    match serde_path_to_error::serialize(year, &mut Finder) {
        Ok(()) => Ok(()),
        Err(e) => {
            let quantity = e.path().to_string();
            let Found(value) = e.into_inner();
            Err(NonFinite { inputs: inputs_of(&quantity), quantity, year: year.year, value })
        }
    }
}

fn check_hours(hours: &HourlyYear) -> Result<(), NonFinite> {
    let series = [
        ("temperature_c", &hours.temperature_c),
        ("building_electricity_mw", &hours.building_electricity_mw),
        ("ev_charging_mw", &hours.ev_charging_mw),
        ("district_heating_electricity_mw", &hours.district_heating_electricity_mw),
        ("pv_mw", &hours.pv_mw),
        ("chp_electricity_mw", &hours.chp_electricity_mw),
        ("grid_import_mw", &hours.grid_import_mw),
        ("grid_export_mw", &hours.grid_export_mw),
        ("district_heat_demand_mw", &hours.district_heat_demand_mw),
        ("district_heat_delivered_mw", &hours.district_heat_delivered_mw),
        ("district_heat_loss_mw", &hours.district_heat_loss_mw),
        ("district_heat_unserved_mw", &hours.district_heat_unserved_mw),
    ];
    let units = hours.unit_heat_mw.iter().map(|s| ("unit_heat_mw", s));
    for (name, values) in series.into_iter().chain(units) {
        let sum: f64 = values.iter().sum();
        if !sum.is_finite() {
            let quantity = format!("hourly.{name}");
            return Err(NonFinite { inputs: inputs_of(&quantity), quantity, year: hours.year, value: sum });
        }
    }
    Ok(())
}

/// The parts of a scenario file that feed a quantity, by the quantity's path.
fn inputs_of(quantity: &str) -> &'static str {
    // Yearly paths (`heat.units[0].heat_mwh`) and hourly series (`hourly.pv_mw`).
    const INPUTS: [(&str, &str); 14] = [
        ("materials", "`materials` (fractions, processes, building_stock)"),
        ("districts", "`districts` and `building_classes`"),
        ("heat.units", "`district_heating.units`"),
        ("hourly.unit_heat", "`district_heating.units`"),
        ("heat", "`district_heating` and the districts' heating shares"),
        ("district_heat", "`district_heating` and the districts' heating shares"),
        ("emissions", "`emission_factors` and the energy they multiply"),
        ("household_cost", "`costs` and `persons_per_household`"),
        ("transport", "`transport` and the districts' cars"),
        ("ev", "`transport` and the districts' cars"),
        ("grid.pv", "`pv`, `site` and the districts' rooftop PV"),
        ("pv", "`pv`, `site` and the districts' rooftop PV"),
        ("grid", "`grid` and every electricity demand"),
        ("temperature", "`site` (climate normals)"),
    ];
    let quantity = quantity.trim_start_matches("hourly.");
    INPUTS
        .iter()
        .find(|(prefix, _)| quantity.starts_with(prefix.trim_start_matches("hourly.")))
        .map_or("`building_classes`, `districts`, `heating` and `population`", |(_, inputs)| inputs)
}

/// A serializer that writes nothing and stops at the first non-finite number.
struct Finder;

/// The error [`Finder`] stops with: the number it found.
#[derive(Debug)]
struct Found(f64);

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "non-finite number {}", self.0)
    }
}

impl std::error::Error for Found {}

impl ser::Error for Found {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        // Serializing plain data never fails on its own; a custom error is not a number.
        Found(f64::NAN)
    }
}

fn number(value: f64) -> Result<(), Found> {
    if value.is_finite() { Ok(()) } else { Err(Found(value)) }
}

/// Implements the compound-serializer traits for `&mut Finder`: each element is visited.
macro_rules! visit_compound {
    ($($trait:ident :: $method:ident ( $($key:ident),* )),* $(,)?) => {$(
        impl ser::$trait for &mut Finder {
            type Ok = ();
            type Error = Found;
            fn $method<T: Serialize + ?Sized>(&mut self, $($key: &'static str,)* value: &T) -> Result<(), Found> {
                $(let _ = $key;)*
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Found> {
                Ok(())
            }
        }
    )*};
}

visit_compound!(
    SerializeSeq::serialize_element(),
    SerializeTuple::serialize_element(),
    SerializeTupleStruct::serialize_field(),
    SerializeTupleVariant::serialize_field(),
    SerializeStruct::serialize_field(key),
    SerializeStructVariant::serialize_field(key),
);

impl ser::SerializeMap for &mut Finder {
    type Ok = ();
    type Error = Found;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Found> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Found> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Found> {
        Ok(())
    }
}

/// Serializer methods for values that are never numbers of interest: each is accepted.
macro_rules! ignore_scalars {
    ($($method:ident : $ty:ty),* $(,)?) => {$(
        fn $method(self, _: $ty) -> Result<(), Found> {
            Ok(())
        }
    )*};
}

impl ser::Serializer for &mut Finder {
    type Ok = ();
    type Error = Found;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_f64(self, v: f64) -> Result<(), Found> {
        number(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Found> {
        number(f64::from(v))
    }
    ignore_scalars!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_char: char,
        serialize_str: &str,
        serialize_bytes: &[u8],
    );
    fn serialize_none(self) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Found> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Found> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Found> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> Result<(), Found> {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Found> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Found> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Found> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Found> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Found> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Found> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Found> {
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome_with(year: YearResult) -> Outcome {
        Outcome {
            scenario: "t".into(),
            district_names: vec![],
            district_codes: vec![],
            unit_names: vec![],
            years: vec![year],
            hourly: vec![],
            targets: vec![],
        }
    }

    #[test]
    fn a_finite_outcome_passes() {
        let year = YearResult { year: 2030, population: 10.0, ..YearResult::default() };
        assert_eq!(outcome_with(year).check_finite(), Ok(()));
    }

    #[test]
    fn a_nan_deep_in_a_district_is_named_with_its_path_and_year() {
        let mut year = YearResult { year: 2031, ..YearResult::default() };
        year.districts.push(crate::outcome::DistrictYear::default());
        year.districts.push(crate::outcome::DistrictYear { population: f64::NAN, ..Default::default() });
        let e = outcome_with(year).check_finite().expect_err("NaN found");
        assert_eq!((e.quantity.as_str(), e.year), ("districts[1].population", 2031));
        assert!(e.value.is_nan());
        assert!(e.to_string().contains("`districts` and `building_classes`"), "{e}");
    }

    #[test]
    fn a_nan_in_a_table_by_carrier_is_named_by_stage_and_carrier() {
        let mut year = YearResult { year: 2035, ..YearResult::default() };
        year.emissions.by_carrier_t[crate::catalogue::Carrier::Oil] = f64::NAN;
        let e = outcome_with(year).check_finite().expect_err("NaN found");
        assert_eq!(e.quantity, "emissions.by_carrier_t.Oil");
        assert!(e.to_string().contains("`emission_factors`"), "{e}");
        let mut year = YearResult { year: 2035, ..YearResult::default() };
        year.heat.units.push(crate::outcome::UnitYear { input_mwh: f64::INFINITY, ..Default::default() });
        let e = outcome_with(year).check_finite().expect_err("infinity found");
        assert_eq!(e.quantity, "heat.units[0].input_mwh");
        assert!(e.to_string().contains("`district_heating.units`"), "{e}");
    }

    #[test]
    fn an_infinity_in_an_hourly_series_is_found_by_its_sum() {
        let mut outcome = outcome_with(YearResult::default());
        let mut hours = HourlyYear {
            year: 2040,
            temperature_c: vec![0.0; 3],
            building_electricity_mw: vec![],
            ev_charging_mw: vec![],
            district_heating_electricity_mw: vec![],
            pv_mw: vec![1.0, f64::INFINITY],
            chp_electricity_mw: vec![],
            grid_import_mw: vec![],
            grid_export_mw: vec![],
            district_heat_demand_mw: vec![],
            district_heat_delivered_mw: vec![],
            district_heat_loss_mw: vec![],
            unit_heat_mw: vec![],
            district_heat_unserved_mw: vec![],
            other_electricity_mw: 0.0,
        };
        outcome.hourly.push(hours.clone());
        let e = outcome.check_finite().expect_err("infinity found");
        assert_eq!((e.quantity.as_str(), e.year), ("hourly.pv_mw", 2040));
        hours.pv_mw = vec![1.0];
        outcome.hourly = vec![hours];
        assert_eq!(outcome.check_finite(), Ok(()));
    }
}
