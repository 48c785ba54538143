//! The catalogue of uncertain parameters an ensemble may vary: ids, keys, units and allowed
//! ranges. How a value is applied to a scenario lives in [`crate::analysis::ensemble`].

use serde::{Deserialize, Serialize};

/// A parameter that an ensemble may vary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

/// Static description of a parameter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParameterSpec {
    /// Identifier.
    pub id: Parameter,
    /// Key used in files.
    pub key: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Lowest value a distribution may reach.
    pub min: f64,
    /// Highest value a distribution may reach.
    pub max: f64,
    /// What it changes.
    pub description: &'static str,
}

/// All parameters.
pub const PARAMETERS: [ParameterSpec; 11] = [
    ParameterSpec {
        id: Parameter::SpaceHeatFactor,
        key: "space_heat_factor",
        unit: "×",
        min: 0.3,
        max: 2.0,
        description: "multiplies every building class's space-heat need",
    },
    ParameterSpec {
        id: Parameter::HotWaterFactor,
        key: "hot_water_factor",
        unit: "×",
        min: 0.3,
        max: 2.0,
        description: "multiplies hot-water need",
    },
    ParameterSpec {
        id: Parameter::ApplianceFactor,
        key: "appliance_factor",
        unit: "×",
        min: 0.3,
        max: 2.0,
        description: "multiplies appliance and lighting electricity",
    },
    ParameterSpec {
        id: Parameter::HeatPumpCopFactor,
        key: "heat_pump_cop_factor",
        unit: "×",
        min: 0.5,
        max: 1.5,
        description: "multiplies the COP curves of building heat pumps (never below COP 1)",
    },
    ParameterSpec {
        id: Parameter::KmPerCarFactor,
        key: "km_per_car_factor",
        unit: "×",
        min: 0.3,
        max: 2.0,
        description: "multiplies the distance driven per car",
    },
    ParameterSpec {
        id: Parameter::EvConsumptionFactor,
        key: "ev_consumption_factor",
        unit: "×",
        min: 0.5,
        max: 2.0,
        description: "multiplies EV electricity per km",
    },
    ParameterSpec {
        id: Parameter::PopulationGrowthFactor,
        key: "population_growth_factor",
        unit: "×",
        min: 0.0,
        max: 3.0,
        description: "multiplies population growth after the base year",
    },
    ParameterSpec {
        id: Parameter::ElectricityEmissionFactor,
        key: "electricity_emission_factor",
        unit: "g CO2e/kWh",
        min: 0.0,
        max: 1000.0,
        description: "sets the grid emission factor of the scenario's convention",
    },
    ParameterSpec {
        id: Parameter::TemperatureOffset,
        key: "temperature_offset",
        unit: "K",
        min: -5.0,
        max: 5.0,
        description: "shifts the simulated weather against the normals (building heat needs stay defined for the normals)",
    },
    ParameterSpec {
        id: Parameter::ClearSkyFactor,
        key: "clear_sky_factor",
        unit: "×",
        min: 0.5,
        max: 1.5,
        description: "multiplies the monthly clear-sky ratios (sunnier or cloudier years)",
    },
    ParameterSpec {
        id: Parameter::ElectricityPriceFactor,
        key: "electricity_price_factor",
        unit: "×",
        min: 0.1,
        max: 5.0,
        description: "multiplies the electricity price",
    },
];

impl Parameter {
    /// The parameter's description.
    pub fn spec(self) -> &'static ParameterSpec {
        &PARAMETERS[self as usize]
    }

    /// Finds a parameter by key.
    pub fn from_key(key: &str) -> Option<Parameter> {
        PARAMETERS.iter().find(|p| p.key == key).map(|p| p.id)
    }

    /// All keys, comma separated.
    pub fn keys() -> String {
        PARAMETERS.iter().map(|p| p.key).collect::<Vec<_>>().join(", ")
    }

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
    fn catalogue_is_indexed_by_id() {
        for (i, p) in PARAMETERS.iter().enumerate() {
            assert_eq!(p.id as usize, i);
            assert_eq!(Parameter::from_key(p.key), Some(p.id));
        }
    }
}
