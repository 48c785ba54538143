//! The quantities that comparisons, ensembles and sensitivity analyses report: every KPI and
//! the main yearly totals, each with a key, a name and a unit, computed from one [`YearResult`];
//! and the district quantities a map can be coloured by, computed from one [`DistrictYear`].

use std::sync::LazyLock;

use crate::catalogue::kpi::KpiId;
use crate::catalogue::{Carrier, Catalogue};
use crate::outcome::{DistrictYear, YearResult};

/// A reported quantity.
#[derive(Debug, Clone, Copy)]
pub struct Quantity {
    /// Key (KPI key for KPIs).
    pub key: &'static str,
    /// Name in English.
    pub name: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// The KPI, if it is one.
    pub kpi: Option<KpiId>,
    /// How its value is computed, for quantities that are not KPIs.
    total: fn(&YearResult) -> f64,
}

impl Quantity {
    /// Its value in a year.
    pub fn value(&self, y: &YearResult) -> f64 {
        match self.kpi {
            Some(kpi) => kpi.value(y),
            None => (self.total)(y),
        }
    }

    /// The quantity that reports a KPI.
    fn of_kpi(id: KpiId) -> Quantity {
        let spec = id.spec();
        Quantity { key: id.key(), name: spec.name, unit: spec.unit, kpi: Some(id), total: |_| 0.0 }
    }
}

/// Every reported quantity: the KPIs first, in catalogue order, then the main totals.
pub static QUANTITIES: LazyLock<Vec<Quantity>> =
    LazyLock::new(|| KpiId::all().map(Quantity::of_kpi).chain(TOTALS.iter().copied()).collect());

/// The main yearly totals that are not KPIs.
static TOTALS: &[Quantity] = &[
    Quantity { key: "population", name: "Residents", unit: "persons", kpi: None, total: |y| y.population },
    Quantity {
        key: "electricity_demand",
        name: "Electricity used",
        unit: "GWh",
        kpi: None,
        total: |y| y.grid.demand_mwh / 1000.0,
    },
    Quantity {
        key: "grid_import",
        name: "Grid import",
        unit: "GWh",
        kpi: None,
        total: |y| y.grid.import_mwh / 1000.0,
    },
    Quantity {
        key: "grid_export",
        name: "Grid export",
        unit: "GWh",
        kpi: None,
        total: |y| y.grid.export_mwh / 1000.0,
    },
    Quantity {
        key: "heat_need",
        name: "Heat need of buildings",
        unit: "GWh",
        kpi: None,
        total: |y| y.buildings.heat_need_mwh / 1000.0,
    },
    Quantity {
        key: "district_heat",
        name: "District heat delivered",
        unit: "GWh",
        kpi: None,
        total: |y| y.heat.delivered_mwh / 1000.0,
    },
    Quantity {
        key: "district_heat_unserved",
        name: "District heat unserved",
        unit: "GWh",
        kpi: None,
        total: |y| y.heat.unserved_mwh / 1000.0,
    },
    Quantity {
        key: "heating_fuels",
        name: "Bio and oil for buildings",
        unit: "GWh",
        kpi: None,
        total: |y| (y.final_energy_of(Carrier::Bio) + y.final_energy_of(Carrier::Oil)) / 1000.0,
    },
    Quantity {
        key: "car_fuels",
        name: "Petrol and diesel",
        unit: "GWh",
        kpi: None,
        total: |y| (y.final_energy_of(Carrier::Petrol) + y.final_energy_of(Carrier::Diesel)) / 1000.0,
    },
    Quantity {
        key: "pv_production",
        name: "PV production",
        unit: "GWh",
        kpi: None,
        total: |y| y.grid.pv_production_mwh / 1000.0,
    },
    Quantity {
        key: "emissions_electricity",
        name: "Emissions from electricity",
        unit: "kt CO2e",
        kpi: None,
        total: |y| y.emissions.by_carrier_t[Carrier::Electricity] / 1000.0,
    },
    Quantity {
        key: "emissions_heating_fuels",
        name: "Emissions from bio and oil",
        unit: "kt CO2e",
        kpi: None,
        total: |y| (y.emissions.by_carrier_t[Carrier::Bio] + y.emissions.by_carrier_t[Carrier::Oil]) / 1000.0,
    },
    Quantity {
        key: "emissions_cars",
        name: "Emissions from petrol and diesel",
        unit: "kt CO2e",
        kpi: None,
        total: |y| {
            (y.emissions.by_carrier_t[Carrier::Petrol] + y.emissions.by_carrier_t[Carrier::Diesel]) / 1000.0
        },
    },
    Quantity {
        key: "emissions_waste",
        name: "Emissions from waste incineration",
        unit: "kt CO2e",
        kpi: None,
        total: |y| y.emissions.by_carrier_t[Carrier::Waste] / 1000.0,
    },
    Quantity {
        key: "household_capacity_cost",
        name: "Capacity tariff per household",
        unit: "NOK/yr",
        kpi: None,
        total: |y| y.household_cost.capacity_nok,
    },
    Quantity {
        key: "waste_incinerated_energy",
        name: "Energy of local waste burnt",
        unit: "GWh",
        kpi: None,
        total: |y| y.materials.as_ref().map_or(0.0, |m| m.incinerated_energy_mwh / 1000.0),
    },
];

/// Finds a quantity by key.
pub fn by_key(key: &str) -> Option<Quantity> {
    QUANTITIES.iter().find(|q| q.key == key).copied()
}

/// A quantity of one district in one year (what a map is coloured by).
#[derive(Debug, Clone, Copy)]
pub struct DistrictQuantity {
    /// Key.
    pub key: &'static str,
    /// Name in English.
    pub name: &'static str,
    /// Name in Norwegian bokmål.
    pub name_nb: &'static str,
    /// Name in Norwegian nynorsk.
    pub name_nn: &'static str,
    /// Unit.
    pub unit: &'static str,
    /// Whether lower values are better (the map's palette runs from good to bad).
    pub lower_is_better: bool,
    /// Its value for a district's year; 0 where a per-resident figure has no residents.
    pub value: fn(&DistrictYear) -> f64,
}

fn per_resident(value: f64, d: &DistrictYear) -> f64 {
    if d.population > 0.0 { value / d.population } else { 0.0 }
}

/// Every district quantity, in menu order (the first is the map's default).
pub static DISTRICT_QUANTITIES: &[DistrictQuantity] = &[
    DistrictQuantity {
        key: "ghg_per_capita",
        name: "Emissions from energy use per resident",
        name_nb: "Utslipp fra energibruk per innbygger",
        name_nn: "Utslepp frå energibruk per innbyggjar",
        unit: "t CO2e/person",
        lower_is_better: true,
        value: |d| per_resident(d.emissions_t, d),
    },
    DistrictQuantity {
        key: "emissions",
        name: "Emissions from energy use",
        name_nb: "Utslipp fra energibruk",
        name_nn: "Utslepp frå energibruk",
        unit: "t CO2e",
        lower_is_better: true,
        value: |d| d.emissions_t,
    },
    DistrictQuantity {
        key: "final_energy_per_capita",
        name: "Energy use per resident",
        name_nb: "Energibruk per innbygger",
        name_nn: "Energibruk per innbyggjar",
        unit: "MWh/person",
        lower_is_better: true,
        value: |d| per_resident(d.final_energy_mwh.values().sum(), d),
    },
    DistrictQuantity {
        key: "electricity",
        name: "Electricity use",
        name_nb: "Strømbruk",
        name_nn: "Straumbruk",
        unit: "GWh",
        lower_is_better: true,
        value: |d| d.final_energy_mwh[Carrier::Electricity] / 1000.0,
    },
    DistrictQuantity {
        key: "heat_need_per_m2",
        name: "Heat need per m² floor",
        name_nb: "Varmebehov per m² gulv",
        name_nn: "Varmebehov per m² golv",
        unit: "kWh/m²",
        lower_is_better: true,
        value: |d| if d.floor_area_m2 > 0.0 { d.heat_need_mwh * 1000.0 / d.floor_area_m2 } else { 0.0 },
    },
    DistrictQuantity {
        key: "fossil_energy",
        name: "Fossil fuels (oil, petrol, diesel)",
        name_nb: "Fossilt brensel (olje, bensin, diesel)",
        name_nn: "Fossilt brensel (olje, bensin, diesel)",
        unit: "GWh",
        lower_is_better: true,
        value: |d| {
            (d.final_energy_mwh[Carrier::Oil]
                + d.final_energy_mwh[Carrier::Petrol]
                + d.final_energy_mwh[Carrier::Diesel])
                / 1000.0
        },
    },
    DistrictQuantity {
        key: "pv_per_capita",
        name: "Solar power per resident",
        name_nb: "Solkraft per innbygger",
        name_nn: "Solkraft per innbyggjar",
        unit: "kWh/person",
        lower_is_better: false,
        value: |d| per_resident(d.pv_production_mwh * 1000.0, d),
    },
    DistrictQuantity {
        key: "ev_charging",
        name: "EV charging",
        name_nb: "Elbillading",
        name_nn: "Elbillading",
        unit: "GWh",
        lower_is_better: false,
        value: |d| d.ev_charging_mwh / 1000.0,
    },
    DistrictQuantity {
        key: "population",
        name: "Residents",
        name_nb: "Innbyggere",
        name_nn: "Innbyggjarar",
        unit: "persons",
        lower_is_better: false,
        value: |d| d.population,
    },
];

/// Finds a district quantity by key.
pub fn district_quantity(key: &str) -> Option<&'static DistrictQuantity> {
    DISTRICT_QUANTITIES.iter().find(|q| q.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn district_quantities_are_unique_and_finite_without_residents() {
        let empty = DistrictYear::default();
        for q in DISTRICT_QUANTITIES {
            assert_eq!(DISTRICT_QUANTITIES.iter().filter(|o| o.key == q.key).count(), 1, "{}", q.key);
            assert_eq!((q.value)(&empty), 0.0, "{}", q.key);
            assert!(district_quantity(q.key).is_some());
        }
        let mut d = DistrictYear { population: 4.0, emissions_t: 10.0, ..DistrictYear::default() };
        d.final_energy_mwh[Carrier::Oil] = 2000.0;
        assert_eq!((DISTRICT_QUANTITIES[0].value)(&d), 2.5);
        assert_eq!((district_quantity("fossil_energy").expect("key").value)(&d), 2.0);
    }

    #[test]
    fn keys_are_unique_and_kpis_come_first_in_catalogue_order() {
        for (i, q) in QUANTITIES.iter().enumerate() {
            assert_eq!(QUANTITIES.iter().filter(|o| o.key == q.key).count(), 1, "{}", q.key);
            if i < KpiId::all().len() {
                assert_eq!(q.kpi, KpiId::all().nth(i));
            } else {
                assert_eq!(q.kpi, None, "{}", q.key);
            }
        }
    }
}
