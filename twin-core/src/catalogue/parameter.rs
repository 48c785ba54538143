//! The catalogue of uncertain parameters an ensemble may vary: ids, keys, units and allowed
//! ranges. How a value is applied to a scenario lives in [`crate::analysis::ensemble`].

use super::Catalogue;

catalogue_enum! {
/// A parameter that an ensemble may vary.
pub enum Parameter {
    /// Multiplier on every building class's space-heat need.
    SpaceHeatFactor,
    /// Multiplier on hot-water need.
    HotWaterFactor,
    /// Multiplier on appliance electricity.
    ApplianceFactor,
    /// Multiplier on all heat-pump COP curves.
    HeatPumpCopFactor,
    /// Multiplier on km driven per car.
    KmPerCarFactor,
    /// Multiplier on EV consumption per km.
    EvConsumptionFactor,
    /// Multiplier on population growth after the base year.
    PopulationGrowthFactor,
    /// Grid electricity emission factor of the chosen convention, g CO2e/kWh.
    ElectricityEmissionFactor,
    /// Shift of all monthly normal temperatures, K (climate change).
    TemperatureOffset,
    /// Multiplier on the monthly clear-sky ratios (cloudiness).
    ClearSkyFactor,
    /// Multiplier on the electricity price.
    ElectricityPriceFactor,
}
}

impl Catalogue for Parameter {}

/// Static description of a parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParameterSpec {
    /// Unit.
    pub unit: &'static str,
    /// Lowest value a distribution may reach.
    pub min: f64,
    /// Highest value a distribution may reach.
    pub max: f64,
    /// What it changes.
    pub description: &'static str,
}

impl Parameter {
    /// The entry's description.
    pub const fn spec(self) -> &'static ParameterSpec {
        match self {
            Parameter::SpaceHeatFactor => &ParameterSpec {
                unit: "×",
                min: 0.3,
                max: 2.0,
                description: "multiplies every building class's space-heat need",
            },
            Parameter::HotWaterFactor => {
                &ParameterSpec { unit: "×", min: 0.3, max: 2.0, description: "multiplies hot-water need" }
            }
            Parameter::ApplianceFactor => &ParameterSpec {
                unit: "×",
                min: 0.3,
                max: 2.0,
                description: "multiplies appliance and lighting electricity",
            },
            Parameter::HeatPumpCopFactor => &ParameterSpec {
                unit: "×",
                min: 0.5,
                max: 1.5,
                description: "multiplies the COP curves of building heat pumps (never below COP 1)",
            },
            Parameter::KmPerCarFactor => &ParameterSpec {
                unit: "×",
                min: 0.3,
                max: 2.0,
                description: "multiplies the distance driven per car",
            },
            Parameter::EvConsumptionFactor => &ParameterSpec {
                unit: "×",
                min: 0.5,
                max: 2.0,
                description: "multiplies EV electricity per km",
            },
            Parameter::PopulationGrowthFactor => &ParameterSpec {
                unit: "×",
                min: 0.0,
                max: 3.0,
                description: "multiplies population growth after the base year",
            },
            Parameter::ElectricityEmissionFactor => &ParameterSpec {
                unit: "g CO2e/kWh",
                min: 0.0,
                max: 1000.0,
                description: "sets the grid emission factor of the scenario's convention",
            },
            Parameter::TemperatureOffset => &ParameterSpec {
                unit: "K",
                min: -5.0,
                max: 5.0,
                description: "shifts the simulated weather against the normals (building heat needs stay defined for the normals)",
            },
            Parameter::ClearSkyFactor => &ParameterSpec {
                unit: "×",
                min: 0.5,
                max: 1.5,
                description: "multiplies the monthly clear-sky ratios (sunnier or cloudier years)",
            },
            Parameter::ElectricityPriceFactor => &ParameterSpec {
                unit: "×",
                min: 0.1,
                max: 5.0,
                description: "multiplies the electricity price",
            },
        }
    }
}

impl Parameter {
    /// Allowed range of values.
    pub fn range(self) -> (f64, f64) {
        (self.spec().min, self.spec().max)
    }

    /// Whether changing this parameter changes the prepared site data.
    pub fn changes_site(self) -> bool {
        matches!(
            self,
            Parameter::HeatPumpCopFactor | Parameter::TemperatureOffset | Parameter::ClearSkyFactor
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_is_found_by_its_key_and_has_a_range() {
        for p in Parameter::all() {
            assert_eq!(Parameter::from_key(p.key()), Some(p));
            let (min, max) = p.range();
            assert!(min < max, "{}", p.key());
        }
        assert_eq!(Parameter::from_key("temperature_offset"), Some(Parameter::TemperatureOffset));
    }
}
