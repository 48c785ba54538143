//! The result of a run: yearly figures for the municipality and each district, and the hourly
//! series of the years asked for. Plain data (`Clone + PartialEq + serde`), the only thing the
//! CLI and the viewer read numbers from.
//!
//! Units are in the field names: `_mwh` energy in the year (or hour), `_mw` power, `_t` tonnes
//! CO2e, `_kwp` installed PV peak power.

mod finite;

use serde::{Deserialize, Serialize};

pub use finite::NonFinite;
// Made with the site data (once per scenario), read through each year's `Flows`.
pub use crate::prepare::routes::Route;

use crate::catalogue::{ByCarrier, ByInventorySector, BySector, Carrier, Name};

/// One district's figures for one year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DistrictYear {
    /// Residents, persons.
    pub population: f64,
    /// Heated floor area, m².
    pub floor_area_m2: f64,
    /// Useful heat need (space heat + hot water), MWh.
    pub heat_need_mwh: f64,
    /// Final energy delivered to the district's buildings and cars by carrier, MWh.
    pub final_energy_mwh: ByCarrier,
    /// Electricity for EV charging, MWh (included in `final_energy_mwh`).
    pub ev_charging_mwh: f64,
    /// Rooftop PV installed, kWp.
    pub pv_installed_kwp: f64,
    /// Rooftop PV production, MWh.
    pub pv_production_mwh: f64,
    /// Emissions caused by the district's energy use, t CO2e (grid and district-heat emissions
    /// allocated by use).
    pub emissions_t: f64,
}

/// One district-heating unit's year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UnitYear {
    /// Heat delivered into the network, MWh.
    pub heat_mwh: f64,
    /// Fuel (or electricity for heat pumps and electric boilers) used, MWh.
    pub input_mwh: f64,
    /// Electricity generated (incineration), MWh.
    pub electricity_mwh: f64,
    /// Heat produced but cooled away because the network could not take it, MWh.
    pub dumped_heat_mwh: f64,
    /// Highest hourly heat output, MW.
    pub peak_heat_mw: f64,
}

/// The municipality's figures for one year, by the stage of the model that computes them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct YearResult {
    /// Calendar year.
    pub year: i32,
    /// Residents, persons.
    pub population: f64,
    /// Households (residents / persons per household).
    pub households: f64,
    /// Buildings: floor area, heat need and the energy that heats them.
    pub buildings: BuildingsYear,
    /// Private cars.
    pub transport: TransportYear,
    /// The district-heating network and its plant.
    pub heat: DistrictHeatYear,
    /// The electricity balance with the grid.
    pub grid: GridYear,
    /// Final energy by sector and carrier.
    pub energy: EnergyYear,
    /// Emissions by carrier and by sector.
    pub emissions: EmissionsYear,
    /// Yearly energy cost of an average household, NOK.
    pub household_cost: HouseholdCost,
    /// What the levers have built or changed since the base year (the basis of their costs).
    pub lever_stock: LeverStock,
    /// Waste flows and building materials, if the scenario models them.
    pub materials: Option<MaterialsYear>,
    /// Each district's year, in scenario order.
    pub districts: Vec<DistrictYear>,
}

/// The buildings' year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BuildingsYear {
    /// Heated floor area by sector (transport: 0), m².
    pub floor_area_m2: BySector,
    /// Useful heat need (space heat + hot water), MWh.
    pub heat_need_mwh: f64,
    /// Final energy for space heat and hot water only, by sector and carrier, MWh.
    pub heating_final_energy_mwh: BySector<ByCarrier>,
}

/// The private cars' year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TransportYear {
    /// Private cars.
    pub cars: f64,
    /// Battery-electric share of cars.
    pub ev_share: f64,
    /// EV charging, MWh.
    pub ev_charging_mwh: f64,
    /// Share of EV charging that is smart.
    pub smart_charging_share: f64,
}

/// The district-heating network's year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DistrictHeatYear {
    /// Inputs to the plant by carrier, MWh.
    pub input_mwh: ByCarrier,
    /// Heat delivered to buildings, MWh.
    pub delivered_mwh: f64,
    /// Heat lost in the network, MWh.
    pub loss_mwh: f64,
    /// Heat demand the plant could not meet, MWh.
    pub unserved_mwh: f64,
    /// Heat from waste-incineration units, MWh.
    pub waste_incineration_heat_mwh: f64,
    /// Each unit's year, in merit order.
    pub units: Vec<UnitYear>,
}

/// The electricity balance's year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct GridYear {
    /// All electricity used in the municipality (buildings, cars, district-heating plant, the
    /// inventory sources' electricity), MWh.
    pub demand_mwh: f64,
    /// Electricity imported from the grid, MWh.
    pub import_mwh: f64,
    /// Electricity exported to the grid, MWh.
    pub export_mwh: f64,
    /// Highest hourly grid import, MW.
    pub peak_mw: f64,
    /// Hour of the year (0-based) with the highest import.
    pub peak_hour: u32,
    /// Hours with import above the grid's import capacity.
    pub overload_hours: u32,
    /// EV charging in the hour of the grid peak, MW.
    pub ev_at_peak_mw: f64,
    /// Rooftop PV installed, kWp.
    pub pv_installed_kwp: f64,
    /// Rooftop PV production, MWh.
    pub pv_production_mwh: f64,
    /// PV production used inside the municipality in the same hour, MWh.
    pub pv_self_consumed_mwh: f64,
    /// Electricity from waste incineration, MWh.
    pub chp_electricity_mwh: f64,
    /// All households' electricity load incl. EV charging: for each month, the mean of the
    /// three highest daily peaks, MW (the basis of the capacity tariff).
    pub monthly_household_peak_mw: [f64; 12],
}

/// Final energy: what buildings and cars use, by sector and carrier.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EnergyYear {
    /// Final energy by sector and carrier, MWh. District heat counts as delivered heat; the
    /// plant's fuels are in [`DistrictHeatYear::input_mwh`].
    pub final_mwh: BySector<ByCarrier>,
    /// Final energy from renewable sources (grid mix, PV, renewable part of district heat
    /// including heat pumps' ambient heat, bio), MWh.
    pub renewable_mwh: f64,
    /// Fuel the inventory's electrified sources no longer burn, by carrier, MWh (their fuels are
    /// outside final energy; their electricity is in it, as [`Sector::Other`](crate::catalogue::Sector::Other)).
    pub replaced_fuel_mwh: ByCarrier,
}

/// Emissions of the year, t CO2e.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct EmissionsYear {
    /// Emissions of the modelled energy use by carrier (electricity: grid import under the
    /// chosen convention; district heat: 0, its plant's fuels are counted under their own
    /// carriers).
    pub by_carrier_t: ByCarrier,
    /// The modelled energy use's emissions allocated to sectors by use.
    pub by_sector_t: BySector,
    /// The territorial inventory in Miljødirektoratet's nine sectors (CO2, CH4, N2O inside the
    /// borders; electricity counts where it is produced, so grid imports are 0): the heat plant,
    /// fuels in buildings, private cars and landfill methane from the model, the rest from the
    /// scenario's inventory sources after their levers.
    pub inventory_t: ByInventorySector,
    /// Landfill methane by first-order decay (in `inventory_t`'s waste sector), t CO2e.
    pub landfill_methane_t: f64,
    /// Each of the scenario's inventory sources after its lever, t CO2e, in file order.
    pub sources_t: Vec<f64>,
}

/// Yearly energy cost of an average household, NOK per household.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct HouseholdCost {
    /// Energy for the home at carrier prices (electricity incl. the grid's energy part).
    pub home_energy_nok: f64,
    /// The grid tariff's capacity element, from the month's three highest daily peaks.
    pub capacity_nok: f64,
    /// Charging electric cars.
    pub ev_charging_nok: f64,
    /// Petrol and diesel.
    pub car_fuel_nok: f64,
}

impl HouseholdCost {
    /// Sum of all parts, NOK per household.
    pub fn total_nok(&self) -> f64 {
        self.home_energy_nok + self.capacity_nok + self.ev_charging_nok + self.car_fuel_nok
    }
}

/// Cumulative physical change caused by levers relative to the base year.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct LeverStock {
    /// Floor area renovated, m².
    pub retrofitted_m2: f64,
    /// Floor area switched to heat pumps, m².
    pub heat_pump_m2: f64,
    /// Floor area newly connected to district heating, m².
    pub district_heating_m2: f64,
    /// PV added, kWp.
    pub pv_added_kwp: f64,
    /// Electric cars.
    pub evs: f64,
    /// Smart-charged electric cars.
    pub smart_charged_evs: f64,
}

impl YearResult {
    /// Emissions of the modelled energy use (by carrier, electricity under the scenario's
    /// convention), t CO2e.
    pub fn total_emissions_t(&self) -> f64 {
        self.emissions.by_carrier_t.values().sum()
    }

    /// The territorial inventory's total over its nine sectors, t CO2e.
    pub fn inventory_total_t(&self) -> f64 {
        self.emissions.inventory_t.values().sum()
    }

    /// Everything the run accounts for, t CO2e: the territorial inventory plus grid
    /// electricity's emissions under the scenario's convention (what a lever's abatement is
    /// measured on).
    pub fn accounted_emissions_t(&self) -> f64 {
        self.inventory_total_t() + self.emissions.by_carrier_t[Carrier::Electricity]
    }

    /// Final energy of one carrier over all sectors, MWh.
    pub fn final_energy_of(&self, carrier: Carrier) -> f64 {
        self.energy.final_mwh.values().map(|row| row[carrier]).sum()
    }

    /// All final energy, MWh.
    pub fn total_final_energy_mwh(&self) -> f64 {
        self.energy.final_mwh.values().flat_map(|row| row.values()).sum()
    }
}

/// A flow of one fraction (or building material) between two processes in one year, as a
/// year's [`Flows`] give it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MaterialFlow<'a> {
    /// Origin process.
    pub from: &'a Name,
    /// Destination process.
    pub to: &'a Name,
    /// Waste fraction or building material.
    pub material: &'a Name,
    /// Mass, tonnes.
    pub mass_t: f64,
}

impl std::fmt::Display for MaterialFlow<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} => {} ({}): {:.1} t", self.from, self.to, self.material, self.mass_t)
    }
}

/// A year's material flows: a mass on each route a flow takes, the routes from a table that
/// every year of a run shares, so a year copies no names. Written and read as a list of
/// [`MaterialFlow`]s.
#[derive(Clone, Default)]
pub struct Flows {
    routes: std::sync::Arc<[Route]>,
    /// (index into `routes`, mass in tonnes), in the order the flows were added.
    mass_t: Vec<(usize, f64)>,
}

impl Flows {
    /// No flows yet, on `routes`, with room for `capacity` of them.
    pub fn new(routes: std::sync::Arc<[Route]>, capacity: usize) -> Flows {
        Flows { routes, mass_t: Vec::with_capacity(capacity) }
    }

    /// Adds `mass_t` tonnes on the route at `route` in the table (the model's stages only, which
    /// take the routes from the same table, so the index is always in it).
    pub(crate) fn push(&mut self, route: usize, mass_t: f64) {
        debug_assert!(route < self.routes.len(), "route {route} of {}", self.routes.len());
        self.mass_t.push((route, mass_t));
    }

    /// The flows in the order they were added.
    pub fn iter(&self) -> FlowsIter<'_> {
        FlowsIter { routes: &self.routes, mass_t: self.mass_t.iter() }
    }

    /// How many flows.
    pub fn len(&self) -> usize {
        self.mass_t.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.mass_t.is_empty()
    }
}

impl<'a> IntoIterator for &'a Flows {
    type Item = MaterialFlow<'a>;
    type IntoIter = FlowsIter<'a>;

    fn into_iter(self) -> FlowsIter<'a> {
        self.iter()
    }
}

/// The flows of a year's [`Flows`], in order.
#[derive(Debug, Clone)]
pub struct FlowsIter<'a> {
    routes: &'a [Route],
    mass_t: std::slice::Iter<'a, (usize, f64)>,
}

impl<'a> Iterator for FlowsIter<'a> {
    type Item = MaterialFlow<'a>;

    fn next(&mut self) -> Option<MaterialFlow<'a>> {
        let &(route, mass_t) = self.mass_t.next()?;
        let Route { from, to, material } = &self.routes[route];
        Some(MaterialFlow { from, to, material, mass_t })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.mass_t.size_hint()
    }
}

impl ExactSizeIterator for FlowsIter<'_> {}

impl std::fmt::Debug for Flows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl PartialEq for Flows {
    fn eq(&self, other: &Flows) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Serialize for Flows {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Flows {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Flows, D::Error> {
        /// A flow as written.
        #[derive(Deserialize)]
        struct Written {
            from: Name,
            to: Name,
            material: Name,
            mass_t: f64,
        }
        let written = Vec::<Written>::deserialize(deserializer)?;
        let mass_t = written.iter().enumerate().map(|(i, w)| (i, w.mass_t)).collect();
        let routes =
            written.into_iter().map(|Written { from, to, material, .. }| Route { from, to, material });
        Ok(Flows { routes: routes.collect(), mass_t })
    }
}

/// One stock group's year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StockYear {
    /// Group name.
    pub group: Name,
    /// Floor area in use at the end of the year, m².
    pub stock_m2: f64,
    /// Floor area built, m².
    pub construction_m2: f64,
    /// Floor area demolished, m².
    pub demolition_m2: f64,
}

/// Material flows and stocks of one year.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct MaterialsYear {
    /// Waste generated by fraction (in fraction order), t.
    pub generated_t: Vec<f64>,
    /// Every waste flow, by fraction then process order, then the building stock's demolition
    /// flows by group and material.
    pub flows: Flows,
    /// Tonnes arriving in each sink process: (process, t).
    pub sinks_t: Vec<(Name, f64)>,
    /// Waste delivered to each treatment route (see [`TREATMENTS`](crate::scenario::network::TREATMENTS)) from collection and sorting,
    /// t; waste that a treatment sends back to sorting is counted again where it goes next.
    pub treated_t: Vec<(Name, f64)>,
    /// Waste burnt in the `incineration` process, t.
    pub incinerated_t: f64,
    /// Energy of the waste burnt, MWh (LHV).
    pub incinerated_energy_mwh: f64,
    /// Fossil part of that energy, MWh.
    pub incinerated_fossil_mwh: f64,
    /// Degradable organic carbon landfilled from collection and sorting (ash excluded), t.
    pub landfilled_doc_t: f64,
    /// Share of generated waste that was sorted at source (separate collection).
    pub source_separation_share: f64,
    /// Waste moved to separate collection by the sorting campaign, t.
    pub campaign_sorted_t: f64,
    /// Building stock groups.
    pub stock: Vec<StockYear>,
    /// Materials in the building stock: (material, t).
    pub material_stock_t: Vec<(Name, f64)>,
    /// Materials demolished: (material, t).
    pub demolition_t: Vec<(Name, f64)>,
    /// Demolition materials reused, t.
    pub reused_building_materials_t: f64,
    /// Embodied emissions of new construction, net of reuse, t CO2e.
    pub embodied_emissions_t: f64,
    /// Embodied emissions avoided by reuse, t CO2e.
    pub embodied_emissions_avoided_t: f64,
}

impl MaterialsYear {
    /// Tonnes arriving in a sink, 0 if there is no such sink.
    pub fn sink_t(&self, name: &str) -> f64 {
        self.sinks_t.iter().filter(|(n, _)| **n == *name).map(|(_, t)| t).sum()
    }

    /// All waste generated, t.
    pub fn generated_total_t(&self) -> f64 {
        self.generated_t.iter().sum()
    }

    /// Share (0..1) of treated waste that went to the named treatment route(s).
    pub fn treatment_share(&self, routes: &[&str]) -> f64 {
        let total: f64 = self.treated_t.iter().map(|(_, t)| t).sum();
        let part: f64 = self.treated_t.iter().filter(|(n, _)| routes.contains(&&**n)).map(|(_, t)| t).sum();
        if total > 0.0 { part / total } else { 0.0 }
    }
}

/// Hourly series of one year (8760 values each, MW = MWh per hour).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HourlyYear {
    /// Calendar year.
    pub year: i32,
    /// Outdoor temperature, °C.
    pub temperature_c: Vec<f64>,
    /// Electricity used by buildings (heating, hot water, appliances), MW.
    pub building_electricity_mw: Vec<f64>,
    /// EV charging, MW.
    pub ev_charging_mw: Vec<f64>,
    /// Electricity used by the district-heating plant, MW.
    pub district_heating_electricity_mw: Vec<f64>,
    /// Rooftop PV production, MW.
    pub pv_mw: Vec<f64>,
    /// Electricity from waste incineration, MW.
    pub chp_electricity_mw: Vec<f64>,
    /// Grid import, MW.
    pub grid_import_mw: Vec<f64>,
    /// Grid export, MW.
    pub grid_export_mw: Vec<f64>,
    /// District heat needed at the plant (delivered + network loss), MW.
    pub district_heat_demand_mw: Vec<f64>,
    /// Heat delivered to buildings, MW.
    pub district_heat_delivered_mw: Vec<f64>,
    /// Network loss, MW.
    pub district_heat_loss_mw: Vec<f64>,
    /// Heat from each unit (outer: unit in merit order), MW.
    pub unit_heat_mw: Vec<Vec<f64>>,
    /// Unmet district-heat demand, MW.
    pub district_heat_unserved_mw: Vec<f64>,
    /// Electricity that replaced fuel in the inventory's other sources, the same in every
    /// hour, MW.
    pub other_electricity_mw: f64,
}

impl HourlyYear {
    /// Electricity demand in hour `h`, MW.
    pub fn electricity_demand_mw(&self, h: usize) -> f64 {
        self.building_electricity_mw[h]
            + self.ev_charging_mw[h]
            + self.district_heating_electricity_mw[h]
            + self.other_electricity_mw
    }
}

/// The result of one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// Scenario name.
    pub scenario: String,
    /// District names, in scenario order.
    pub district_names: Vec<String>,
    /// District codes, in scenario order.
    pub district_codes: Vec<String>,
    /// District-heating unit names, in merit order.
    pub unit_names: Vec<String>,
    /// One entry per year from base to end year.
    pub years: Vec<YearResult>,
    /// Hourly series of the years asked for, in year order.
    pub hourly: Vec<HourlyYear>,
    /// The scenario's KPI targets (for progress reports).
    pub targets: Vec<crate::scenario::Target>,
}

impl Outcome {
    /// The year's result, if simulated.
    pub fn year(&self, year: i32) -> Option<&YearResult> {
        self.years.iter().find(|y| y.year == year)
    }

    /// A digest of the whole outcome (BLAKE3 of its canonical JSON, in which every f64 is
    /// written in its shortest round-trip form, so equal digests mean bit-identical numbers).
    pub fn digest(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        format!("blake3:{}", blake3::hash(&json).to_hex())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flows_are_written_as_a_list_of_named_flows_and_read_back_equal() {
        let route =
            |from: &str, to: &str| Route { from: from.into(), to: to.into(), material: "paper".into() };
        let mut flows =
            Flows::new(vec![route("households", "reuse"), route("sorting", "recycling")].into(), 3);
        flows.push(1, 2.5);
        flows.push(0, 0.25);
        let json = serde_json::to_string(&flows).expect("serializable");
        assert_eq!(
            json,
            r#"[{"from":"sorting","to":"recycling","material":"paper","mass_t":2.5},{"from":"households","to":"reuse","material":"paper","mass_t":0.25}]"#
        );
        let read: Flows = serde_json::from_str(&json).expect("readable");
        assert_eq!(read, flows);
        assert_eq!(read.len(), 2);
        assert_eq!(flows.iter().map(|f| f.to.to_string()).collect::<Vec<_>>(), ["recycling", "reuse"]);
    }
}
