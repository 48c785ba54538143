//! The building stock's lever-independent part: each stock group's floor area path, its dynamic
//! stock model (history up to the base year, then the energy model's floor area) and its
//! materials cohort by cohort. Computed once per scenario with the site data.

use serde::Serialize;

use crate::catalogue::Name;
use crate::math::dsm::{self, StockResult};
use crate::scenario::network::StockGroup;
use crate::scenario::{BuildingType, Scenario};

/// Floor area of the building types in the energy model each year (existing + new), m².
pub fn floor_area_path(scenario: &Scenario, types: &[BuildingType]) -> Vec<f64> {
    let existing: f64 = scenario
        .districts
        .iter()
        .flat_map(|d| &d.floor_area_m2)
        .filter(|(c, _)| types.contains(&scenario.classes[c.0 as usize].building_type))
        .map(|(_, a)| a)
        .sum();
    let new_type = scenario.classes[scenario.new_buildings.class.0 as usize].building_type;
    let base_population = scenario.population_in(scenario.base_year);
    (scenario.base_year..=scenario.end_year)
        .map(|year| {
            let growth =
                if base_population > 0.0 { scenario.population_in(year) / base_population } else { 1.0 };
            let new_m2: f64 = if types.contains(&new_type) {
                scenario
                    .districts
                    .iter()
                    .map(|d| (d.population * growth - d.population).max(0.0))
                    .sum::<f64>()
                    * scenario.new_buildings.floor_area_per_new_resident_m2
            } else {
                0.0
            };
            existing + new_m2
        })
        .collect()
}

/// The stock model of one group: the history up to the base year, then the energy model's floor
/// area (lever-independent, so computed once with the site data).
pub fn stock_model(scenario: &Scenario, group: &StockGroup) -> Result<StockResult, dsm::DsmError> {
    let future = floor_area_path(scenario, &group.building_types);
    let first = group.history.first().map_or(scenario.base_year, |p| p.0);
    let mut years = Vec::new();
    let mut stock = Vec::new();
    for year in first..scenario.base_year {
        years.push(f64::from(year));
        let v = crate::math::interpolate(&group.history, year);
        stock.push(v);
    }
    for (i, year) in (scenario.base_year..=scenario.end_year).enumerate() {
        years.push(f64::from(year));
        stock.push(future[i]);
    }
    dsm::stock_driven(&years, &stock, &group.lifetime)
}

/// A stock group's materials each simulated year, following every construction cohort with
/// the intensity of its period: in stock at the year's end, demolished in the year, and needed
/// by the year's new construction (t per material, in `materials` order).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct GroupMaterials {
    /// Materials, in order of first mention.
    pub materials: Vec<Name>,
    /// Years (base to end).
    pub years: Vec<i32>,
    /// Floor area in use, built and demolished, m², per year.
    pub stock_m2: Vec<f64>,
    /// Floor area built, m².
    pub construction_m2: Vec<f64>,
    /// Floor area demolished, m².
    pub demolition_m2: Vec<f64>,
    /// `stock_t[year][material]`.
    pub stock_t: Vec<Vec<f64>>,
    /// `demolished_t[year][material]`.
    pub demolished_t: Vec<Vec<f64>>,
    /// `needed_t[year][material]`.
    pub needed_t: Vec<Vec<f64>>,
}

/// Materials of a stock group from its stock model (cohort by cohort).
pub fn group_materials(group: &StockGroup, result: &StockResult, base_year: i32) -> GroupMaterials {
    let mut materials: Vec<String> = Vec::new();
    for (_, list) in &group.material_intensity {
        for (m, _) in list {
            if !materials.contains(m) {
                materials.push(m.clone());
            }
        }
    }
    // Each period's intensity in `materials` order, t/m² (none: no materials).
    let period_intensity: Vec<Vec<f64>> = group
        .material_intensity
        .iter()
        .map(|(_, list)| {
            let kg_of = |m: &String| list.iter().find(|(n, _)| n == m).map_or(0.0, |(_, kg)| kg / 1000.0);
            materials.iter().map(kg_of).collect()
        })
        .collect();
    let no_materials = vec![0.0; materials.len()];
    // A cohort is built with its period's intensity; cohorts before the first period with the first's.
    let cohort_intensity: Vec<&[f64]> = result
        .years
        .iter()
        .map(|year| {
            let period = group.material_intensity.iter().rposition(|(from, _)| f64::from(*from) <= *year);
            period_intensity.get(period.unwrap_or(0)).map_or(&no_materials[..], Vec::as_slice)
        })
        .collect();
    let lifetime = group.lifetime;
    let sf = dsm::survival_table(&result.years, &lifetime);
    let mut out = GroupMaterials {
        materials: materials.iter().map(|m| Name::from(m.as_str())).collect(),
        ..GroupMaterials::default()
    };
    for (t, year) in result.years.iter().enumerate() {
        if *year < f64::from(base_year) {
            continue;
        }
        let (stock, demolished) = cohorts_in_year(t, &result.inflow, &sf, &cohort_intensity);
        out.years.push(*year as i32);
        out.stock_m2.push(result.stock[t]);
        out.construction_m2.push(result.inflow[t]);
        out.demolition_m2.push(result.outflow[t]);
        out.needed_t.push(cohort_intensity[t].iter().map(|i| result.inflow[t].max(0.0) * i).collect());
        out.stock_t.push(stock);
        out.demolished_t.push(demolished.iter().map(|d| d.max(0.0)).collect());
    }
    out
}

/// The materials of every cohort built up to year `t`: in stock at its end and demolished in it
/// (t per material).
fn cohorts_in_year(
    t: usize,
    inflow_m2: &[f64],
    sf: &dsm::SurvivalTable,
    cohort_intensity: &[&[f64]],
) -> (Vec<f64>, Vec<f64>) {
    let k = cohort_intensity.first().map_or(0, |i| i.len());
    let (mut stock, mut demolished) = (vec![0.0; k], vec![0.0; k]);
    for (c, (inflow, intensity)) in inflow_m2.iter().zip(cohort_intensity).enumerate().take(t + 1) {
        let surviving = inflow * sf.at(t, c);
        let leaving = inflow * if c == t { 1.0 - sf.at(c, c) } else { sf.at(t - 1, c) - sf.at(t, c) };
        for ((s, d), i) in stock.iter_mut().zip(&mut demolished).zip(*intensity) {
            *s += surviving * i;
            *d += leaving * i;
        }
    }
    (stock, demolished)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::dsm::Lifetime;

    fn group(periods: Vec<(i32, Vec<(String, f64)>)>) -> StockGroup {
        StockGroup {
            name: "g".into(),
            demolition: "demolition_g".into(),
            building_types: vec![BuildingType::Detached],
            history: vec![],
            lifetime: Lifetime::Weibull { shape: 2.0, scale: 30.0 },
            material_intensity: periods,
        }
    }

    #[test]
    fn materials_follow_each_cohorts_period() {
        let years: Vec<f64> = (1990..=2030).map(f64::from).collect();
        let inflow: Vec<f64> = years.iter().map(|_| 100.0).collect();
        let result =
            dsm::inflow_driven(&years, &inflow, &Lifetime::Weibull { shape: 2.0, scale: 30.0 }).expect("dsm");
        // One period: materials are the floor area times the intensity.
        let one = group_materials(&group(vec![(1900, vec![("concrete".into(), 500.0)])]), &result, 2020);
        for (i, stock_m2) in one.stock_m2.iter().enumerate() {
            assert!((one.stock_t[i][0] - stock_m2 * 0.5).abs() < 1e-9 * stock_m2);
            assert!((one.needed_t[i][0] - one.construction_m2[i] * 0.5).abs() < 1e-9);
            assert!((one.demolished_t[i][0] - one.demolition_m2[i] * 0.5).abs() < 1e-9);
        }
        // Two periods: cohorts from 2010 carry steel, older ones none.
        let two = group_materials(
            &group(vec![(1900, vec![("concrete".into(), 500.0)]), (2010, vec![("steel".into(), 100.0)])]),
            &result,
            2020,
        );
        assert_eq!(two.materials, ["concrete", "steel"].map(Name::from));
        let first = 0; // 2020
        assert_eq!(two.needed_t[first][0], 0.0);
        assert!((two.needed_t[first][1] - 100.0 * 0.1).abs() < 1e-12);
        assert!(two.stock_t[first][0] > 0.0 && two.stock_t[first][1] > 0.0);
        assert!(two.stock_t[first][0] < one.stock_t[first][0]);
    }
}
