//! The keys energy is booked by: carriers, sectors and building heating systems. Each is a closed
//! list with a stable key used in files and output columns.

use serde::{Deserialize, Serialize};

/// An energy carrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Carrier {
    /// Electricity.
    Electricity,
    /// Heat from the district-heating network.
    DistrictHeat,
    /// Wood, pellets, chips.
    Bio,
    /// Heating oil.
    Oil,
    /// Petrol.
    Petrol,
    /// Diesel.
    Diesel,
    /// Waste burnt for heat and power.
    Waste,
}

impl Carrier {
    /// All carriers in reporting order.
    pub const ALL: [Carrier; 7] = [
        Carrier::Electricity,
        Carrier::DistrictHeat,
        Carrier::Bio,
        Carrier::Oil,
        Carrier::Petrol,
        Carrier::Diesel,
        Carrier::Waste,
    ];
    /// Number of carriers.
    pub const COUNT: usize = 7;

    /// Lower-case name used in output columns.
    pub fn key(self) -> &'static str {
        match self {
            Carrier::Electricity => "electricity",
            Carrier::DistrictHeat => "district_heat",
            Carrier::Bio => "bio",
            Carrier::Oil => "oil",
            Carrier::Petrol => "petrol",
            Carrier::Diesel => "diesel",
            Carrier::Waste => "waste",
        }
    }
}

/// Energy by carrier, MWh, indexed by `Carrier as usize`.
pub type ByCarrier = [f64; Carrier::COUNT];

/// Sector that a building's or vehicle's energy use is booked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Sector {
    /// Dwellings.
    Residential,
    /// Private and commercial services.
    Services,
    /// Municipal and other public buildings.
    Public,
    /// Private cars.
    Transport,
}

impl Sector {
    /// All sectors in reporting order.
    pub const ALL: [Sector; 4] = [Sector::Residential, Sector::Services, Sector::Public, Sector::Transport];
    /// Number of sectors.
    pub const COUNT: usize = 4;

    /// Lower-case name used in output columns.
    pub fn key(self) -> &'static str {
        match self {
            Sector::Residential => "residential",
            Sector::Services => "services",
            Sector::Public => "public",
            Sector::Transport => "transport",
        }
    }
}

/// A building heating system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum HeatingSystem {
    /// District heating.
    DistrictHeating,
    /// Air-to-air heat pump with direct electric backup.
    AirToAirHeatPump,
    /// Air-to-water heat pump.
    AirToWaterHeatPump,
    /// Ground-source heat pump.
    GroundSourceHeatPump,
    /// Direct electric.
    DirectElectric,
    /// Wood and pellets.
    Bio,
    /// Heating oil.
    Oil,
}

impl HeatingSystem {
    /// All systems, in the order of [`HeatingShares`](crate::scenario::HeatingShares).
    pub const ALL: [HeatingSystem; 7] = [
        HeatingSystem::DistrictHeating,
        HeatingSystem::AirToAirHeatPump,
        HeatingSystem::AirToWaterHeatPump,
        HeatingSystem::GroundSourceHeatPump,
        HeatingSystem::DirectElectric,
        HeatingSystem::Bio,
        HeatingSystem::Oil,
    ];
    /// Number of systems.
    pub const COUNT: usize = 7;

    /// Field name in scenario files.
    pub fn key(self) -> &'static str {
        match self {
            HeatingSystem::DistrictHeating => "district_heating",
            HeatingSystem::AirToAirHeatPump => "air_to_air_heat_pump",
            HeatingSystem::AirToWaterHeatPump => "air_to_water_heat_pump",
            HeatingSystem::GroundSourceHeatPump => "ground_source_heat_pump",
            HeatingSystem::DirectElectric => "direct_electric",
            HeatingSystem::Bio => "bio",
            HeatingSystem::Oil => "oil",
        }
    }
}
