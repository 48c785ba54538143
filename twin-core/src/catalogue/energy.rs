//! The keys energy is booked by: carriers, sectors and building heating systems. Each is a closed
//! list with a stable key used in files and output columns, and tables keyed by them
//! ([`ByCarrier`], [`BySector`], [`BySystem`]) name their keys instead of counting positions.

use enum_map::EnumMap;

use super::Catalogue;

catalogue_enum! {
/// An energy carrier.
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
}

impl Catalogue for Carrier {}

/// Energy (or emissions) by carrier.
pub type ByCarrier<T = f64> = EnumMap<Carrier, T>;

catalogue_enum! {
/// Sector that a building's or vehicle's energy use is booked to.
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
}

impl Catalogue for Sector {}

impl Sector {
    /// The sectors whose energy goes to buildings, in reporting order.
    pub const BUILDINGS: [Sector; 3] = [Sector::Residential, Sector::Services, Sector::Public];
}

/// A figure for each sector.
pub type BySector<T = f64> = EnumMap<Sector, T>;

catalogue_enum! {
/// A building heating system.
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
}

impl Catalogue for HeatingSystem {}

/// A figure for each heating system.
pub type BySystem<T = f64> = EnumMap<HeatingSystem, T>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_the_column_names_of_the_files() {
        assert_eq!(Carrier::DistrictHeat.key(), "district_heat");
        assert_eq!(Sector::Public.key(), "public");
        assert_eq!(HeatingSystem::AirToWaterHeatPump.key(), "air_to_water_heat_pump");
        assert_eq!(
            HeatingSystem::from_key("ground_source_heat_pump"),
            Some(HeatingSystem::GroundSourceHeatPump)
        );
        assert_eq!(Carrier::from_key("coal"), None);
        assert_eq!(Carrier::all().count(), <Carrier as strum::EnumCount>::COUNT);
    }
}
