//! Validation of the materials section: the waste network (built and checked by
//! [`crate::scenario::network::build_network`]), the building-stock groups (lifetimes, history,
//! material intensities) and the embodied-emission factors.

use super::{Band, Checker};
use crate::scenario::network::{StockGroup, build_network};
use crate::scenario::raw::{RawMaterials, RawStockGroup};
use crate::scenario::{BuildingClass, District, DistrictHeating, MaterialsModel, RawScenario, UnitKind};

/// Typical life of buildings.
const BUILDING_LIFE: Band = Band {
    lo: 30.0,
    hi: 250.0,
    unit: "years",
    source: "shared/reference §3.9: Norwegian buildings are long-lived (Bergsdal et al. 2007); \
             under 30 years most of today's stock would be gone by 2050",
};

/// Growth of a building stock in one year, as a share of its base-year floor area.
const STOCK_GROWTH: Band = Band {
    lo: -0.05,
    hi: 0.05,
    unit: "of the base-year stock per year",
    source: "shared/reference §3.9: new construction is 1–2 % of the stock per year",
};

/// More growth than this in one year is impossible (12 times the national construction rate).
const MAX_STOCK_GROWTH_PER_YEAR: f64 = 0.25;

/// The materials model, if the file has one and it is valid.
pub(super) fn materials(
    c: &mut Checker,
    raw: &RawScenario,
    classes: &[BuildingClass],
    districts: &[District],
    network: &DistrictHeating,
) -> Option<MaterialsModel> {
    let m = raw.materials.as_ref()?;
    let unit_names: Vec<(String, bool)> =
        network.units.iter().map(|u| (u.name.clone(), u.kind == UnitKind::WasteIncineration)).collect();
    c.range("materials.demolition_recycling_share", m.demolition_recycling_share, 0.0, 1.0, "(share)");
    let groups = stock_groups(c, raw, m, classes, districts);
    material_factors(c, m);
    match build_network(m, &unit_names) {
        Err(problems) => {
            problems.into_iter().for_each(|p| c.error(p.path, p.message));
            None
        }
        Ok(network) => Some(MaterialsModel {
            network,
            stock_groups: groups,
            material_factors: m
                .material_factors
                .iter()
                .map(|f| (f.material.clone(), f.kg_co2e_per_kg))
                .collect(),
            demolition_recycling_share: m.demolition_recycling_share,
        }),
    }
}

fn stock_groups(
    c: &mut Checker,
    raw: &RawScenario,
    m: &RawMaterials,
    classes: &[BuildingClass],
    districts: &[District],
) -> Vec<StockGroup> {
    if m.building_stock.len() > 20 {
        c.error("materials.building_stock", "expected at most 20 groups");
    }
    let mut groups = Vec::new();
    for (i, g) in m.building_stock.iter().enumerate().take(20) {
        let p = format!("materials.building_stock[{i}]");
        let lifetime_ok = lifetime(c, &p, g);
        let history_ok = history(c, &p, g, raw.base_year, base_floor_area_m2(g, classes, districts));
        intensities(c, &p, g);
        if lifetime_ok && history_ok {
            groups.push(StockGroup::from_raw(g));
        }
    }
    groups
}

/// The group's lifetime: valid parameters, and new buildings that outlive their first half year
/// (or the stock-driven model cannot meet the stock).
fn lifetime(c: &mut Checker, p: &str, g: &RawStockGroup) -> bool {
    if let Err(e) = g.lifetime.validate() {
        c.error(format!("{p}.lifetime"), e.to_string());
        return false;
    }
    if g.lifetime.survival(0.5) <= 0.0 {
        c.error(
            format!("{p}.lifetime"),
            "buildings must survive at least half a year for the stock to be met",
        );
        return false;
    }
    c.band(format_args!("{p}.lifetime"), g.lifetime.typical_years(), BUILDING_LIFE);
    true
}

/// The energy model's base-year floor area of the group's building types, m².
fn base_floor_area_m2(g: &RawStockGroup, classes: &[BuildingClass], districts: &[District]) -> f64 {
    districts
        .iter()
        .flat_map(|d| &d.floor_area_m2)
        .filter(|(id, _)| g.building_types.contains(&classes[id.0 as usize].building_type))
        .map(|(_, a)| a)
        .sum()
}

/// The stock before the base year: ordered points, and no year between them in which the stock
/// grows by more than [`MAX_STOCK_GROWTH_PER_YEAR`] of the base-year floor area.
fn history(c: &mut Checker, p: &str, g: &RawStockGroup, base_year: i32, base_m2: f64) -> bool {
    let path = format!("{p}.history");
    let first = g.history.first().map_or(base_year, |h| h.0);
    if g.history.len() > 1000
        || first < base_year - 300
        || g.history.windows(2).any(|w| w[1].0 <= w[0].0)
        || g.history.iter().any(|h| !(h.1 >= 0.0 && h.1 <= 1e10) || h.0 >= base_year)
    {
        c.error(
            path,
            "expected up to 1000 (year, m²) points before the base year, years increasing, \
             at most 300 years back, areas 0..=1e10",
        );
        return false;
    }
    if base_m2.is_nan() || base_m2 <= 0.0 {
        return true;
    }
    for w in g.history.windows(2) {
        let ((from_year, from_m2), (to_year, to_m2)) = (w[0], w[1]);
        let growth = (to_m2 - from_m2) / f64::from(to_year - from_year) / base_m2;
        if growth > MAX_STOCK_GROWTH_PER_YEAR {
            c.error(
                &path,
                format!(
                    "from {from_year} to {to_year} the stock grows by {:.0} % of its base-year floor area \
                     ({base_m2:.0} m²) per year; no municipality builds that fast (new construction is \
                     1–2 % a year): check the years and the m²",
                    growth * 100.0
                ),
            );
            return false;
        }
        c.band(format_args!("{path}"), growth, STOCK_GROWTH);
    }
    // The step from the last point to the energy model's base-year floor area: a mismatch
    // there is the file's two descriptions of the stock disagreeing, so only a warning.
    if let Some(&(year, m2)) = g.history.last() {
        c.band(format_args!("{path}"), (base_m2 - m2) / f64::from(base_year - year) / base_m2, STOCK_GROWTH);
    }
    true
}

/// Material intensities: ordered periods, named materials, each once per period.
fn intensities(c: &mut Checker, p: &str, g: &RawStockGroup) {
    if g.material_intensity.is_empty()
        || g.material_intensity.len() > 50
        || g.material_intensity.windows(2).any(|w| w[1].from_year <= w[0].from_year)
    {
        c.error(format!("{p}.material_intensity"), "expected 1 to 50 periods with increasing `from_year`");
    }
    for (k, period) in g.material_intensity.iter().enumerate().take(50) {
        for (j, (material, kg)) in period.kg_per_m2.iter().enumerate().take(50) {
            let path = format!("{p}.material_intensity[{k}].kg_per_m2[{j}]");
            c.range(path.clone(), *kg, 0.0, 10_000.0, "kg/m²");
            if material.is_empty() || material.len() > 40 {
                c.error(path, "expected a material name of 1–40 characters");
            } else if period.kg_per_m2[..j].iter().any(|(other, _)| other == material) {
                c.error(path, format!("material {material:?} is listed twice in this period"));
            }
        }
    }
}

fn material_factors(c: &mut Checker, m: &RawMaterials) {
    for (i, f) in m.material_factors.iter().enumerate() {
        let path = format!("materials.material_factors[{i}]");
        c.range(format_args!("{path}.kg_co2e_per_kg"), f.kg_co2e_per_kg, 0.0, 100.0, "kg CO2e/kg");
        if m.material_factors[..i].iter().any(|o| o.material == f.material) {
            c.error(format!("{path}.material"), format!("material {:?} has two factors", f.material));
        }
    }
}
