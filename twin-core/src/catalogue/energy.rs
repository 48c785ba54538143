//! The keys energy and emissions are booked by: carriers, sectors of use, building heating
//! systems and the nine sectors of the territorial emission inventory. Each is a closed list with
//! a stable key used in files and output columns, and tables keyed by them ([`ByCarrier`],
//! [`BySector`], [`BySystem`], [`ByInventorySector`]) name their keys instead of counting
//! positions.

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
    /// Electricity that replaced fuel in the inventory's other sources (shore power, electric
    /// ferries, heavy vehicles and machinery); those sources' fuels are outside the energy
    /// balance, only their emissions are counted (in the inventory).
    Other,
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

catalogue_enum! {
/// A sector of the territorial greenhouse-gas inventory: the nine sectors of Miljødirektoratet's
/// municipal statistics ("Klimagassutslipp fra kommuner": CO2, CH4 and N2O emitted inside the
/// municipality's borders; electricity and district heat count where they are produced).
pub enum InventorySector {
    /// Energiforsyning: district-heating plants and waste incineration.
    EnergySupply,
    /// Industri, olje og gass.
    Industry,
    /// Oppvarming: fuels burnt in buildings.
    Heating,
    /// Veitrafikk: cars, vans, heavy vehicles and buses, through traffic included.
    RoadTransport,
    /// Sjøfart: ferries, fishing vessels, ships at berth and passing.
    SeaTransport,
    /// Luftfart: domestic aviation's landings and take-offs.
    Aviation,
    /// Annen mobil forbrenning: construction and farm machinery, snowmobiles, leisure boats.
    OtherMobile,
    /// Jordbruk: livestock and soils.
    Agriculture,
    /// Avfall og avløp: landfill methane, biological treatment, wastewater.
    WasteAndWastewater,
}
}

impl Catalogue for InventorySector {}

/// A figure for each inventory sector.
pub type ByInventorySector<T = f64> = EnumMap<InventorySector, T>;

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
        assert_eq!(InventorySector::SeaTransport.key(), "sea_transport");
        assert_eq!(InventorySector::all().count(), 9);
        assert_eq!(Carrier::all().count(), <Carrier as strum::EnumCount>::COUNT);
    }
}
