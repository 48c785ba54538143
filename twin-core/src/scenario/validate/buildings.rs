//! Validation of the building classes, heating-system performance, new construction and the
//! districts (with the cross-field checks of land area, residents and floor area).

use std::collections::BTreeMap;

use super::{Band, Checker};
use crate::scenario::{
    BuildingClass, ClassId, CopCurve, District, HeatingParameters, HeatingShares, MAX_CLASSES, MAX_DISTRICTS,
    NewBuildings, RawScenario,
};

/// Delivered energy per m² of a building class (space heat + hot water + appliances).
const ENERGY_PER_M2: Band = Band {
    lo: 40.0,
    hi: 600.0,
    unit: "kWh/m²/yr",
    source: "shared/reference §3.5: dwellings 95–230, services 163–375, grocery stores 542 (SSB, Enova, TEK17)",
};

/// Residents per km² of land in a district.
const DENSITY: Band = Band {
    lo: 0.0,
    hi: 15_000.0,
    unit: "residents/km²",
    source: "E: Oslo's densest bydel, Grünerløkka, has ≈13,500 residents per km²",
};

/// Heated residential floor area per resident of a district.
const FLOOR_PER_RESIDENT: Band = Band {
    lo: 20.0,
    hi: 150.0,
    unit: "m² per resident",
    source: "shared/reference §5: 55–60 m² heated floor area per capita",
};

/// Floor area divided by land area of a district.
const FLOOR_AREA_RATIO: Band = Band {
    lo: 0.0,
    hi: 2.5,
    unit: "m² floor per m² land",
    source: "E: 2.5 means five-storey buildings over half the district, roads and parks included",
};

/// More floor than this per m² of land is impossible: twenty storeys over the whole district.
const MAX_FLOOR_AREA_RATIO: f64 = 20.0;

/// More residents than this per km² is impossible: over twice the densest cities on earth.
const MAX_DENSITY_PER_KM2: f64 = 100_000.0;

/// The building classes, in file order (unique ids).
pub(super) fn classes(c: &mut Checker, raw: &RawScenario) -> Vec<BuildingClass> {
    if raw.building_classes.is_empty() || raw.building_classes.len() > MAX_CLASSES {
        c.error("building_classes", format!("expected 1 to {MAX_CLASSES} classes"));
    }
    let mut classes = Vec::with_capacity(raw.building_classes.len());
    for (i, bc) in raw.building_classes.iter().enumerate().take(MAX_CLASSES) {
        let p = format!("building_classes[{i}]");
        if bc.id.is_empty()
            || bc.id.len() > 64
            || !bc.id.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-')
        {
            c.error(format!("{p}.id"), "expected 1–64 letters, digits, `_` or `-`");
        }
        if raw.building_classes[..i].iter().any(|o| o.id == bc.id) {
            c.error(format!("{p}.id"), format!("duplicate class id {:?}", bc.id));
        }
        c.range(
            format_args!("{p}.space_heat_kwh_per_m2"),
            bc.space_heat_kwh_per_m2,
            0.0,
            1000.0,
            "kWh/m²/yr",
        );
        c.range(format_args!("{p}.hot_water_kwh_per_m2"), bc.hot_water_kwh_per_m2, 0.0, 500.0, "kWh/m²/yr");
        c.range(
            format_args!("{p}.appliances_kwh_per_m2"),
            bc.appliances_kwh_per_m2,
            0.0,
            1000.0,
            "kWh/m²/yr",
        );
        let total = bc.space_heat_kwh_per_m2 + bc.hot_water_kwh_per_m2 + bc.appliances_kwh_per_m2;
        c.band(format_args!("{p}"), total, ENERGY_PER_M2);
        classes.push(BuildingClass {
            id: bc.id.clone(),
            building_type: bc.building_type,
            space_heat_kwh_per_m2: bc.space_heat_kwh_per_m2,
            hot_water_kwh_per_m2: bc.hot_water_kwh_per_m2,
            appliances_kwh_per_m2: bc.appliances_kwh_per_m2,
            retrofittable: bc.retrofittable,
        });
    }
    classes
}

fn class_of(classes: &[BuildingClass], id: &str) -> Option<ClassId> {
    classes.iter().position(|k| k.id == id).map(|i| ClassId(i as u16))
}

/// Heating-system performance: COP curves, coverage and efficiencies.
pub(super) fn heating(c: &mut Checker, h: &HeatingParameters) {
    cop(c, "heating.air_to_air_cop", &h.air_to_air_cop);
    cop(c, "heating.air_to_water_cop", &h.air_to_water_cop);
    cop(c, "heating.ground_source_cop", &h.ground_source_cop);
    c.range("heating.air_to_air_coverage_share", h.air_to_air_coverage_share, 0.0, 1.0, "(share)");
    c.range("heating.bio_efficiency", h.bio_efficiency, 0.05, 1.0, "(share)");
    c.range("heating.oil_efficiency", h.oil_efficiency, 0.05, 1.0, "(share)");
}

fn cop(c: &mut Checker, path: &str, curve: &CopCurve) {
    c.range(format_args!("{path}.cop_at_0c"), curve.cop_at_0c, 1.0, 10.0, "");
    c.range(format_args!("{path}.slope_per_k"), curve.slope_per_k, 0.0, 0.5, "1/K");
    c.range(format_args!("{path}.min_cop"), curve.min_cop, 1.0, 10.0, "");
    c.range(format_args!("{path}.max_cop"), curve.max_cop, 1.0, 10.0, "");
    if curve.min_cop > curve.max_cop {
        c.error(format!("{path}.min_cop"), "min_cop must not exceed max_cop");
    }
}

/// New construction: floor area per new resident, its class and heating shares.
pub(super) fn new_buildings(c: &mut Checker, raw: &RawScenario, classes: &[BuildingClass]) -> NewBuildings {
    let nb = &raw.new_buildings;
    c.range(
        "new_buildings.floor_area_per_new_resident_m2",
        nb.floor_area_per_new_resident_m2,
        0.0,
        500.0,
        "m²",
    );
    c.heating_shares("new_buildings.heating_shares", &nb.heating_shares);
    let class = class_of(classes, &nb.class);
    if class.is_none() {
        c.error("new_buildings.class", format!("unknown building class {:?}", nb.class));
    }
    NewBuildings {
        floor_area_per_new_resident_m2: nb.floor_area_per_new_resident_m2,
        // Only an invalid scenario (which is never built) takes the fallback.
        class: class.unwrap_or(ClassId(0)),
        heating_shares: HeatingShares::from_raw(&nb.heating_shares),
    }
}

/// The districts, each checked on its own and against its land area.
pub(super) fn districts(c: &mut Checker, raw: &RawScenario, classes: &[BuildingClass]) -> Vec<District> {
    if raw.districts.is_empty() || raw.districts.len() > MAX_DISTRICTS {
        c.error(
            "districts",
            format!("expected 1 to {MAX_DISTRICTS} districts, found {}", raw.districts.len()),
        );
    }
    let index: BTreeMap<&str, ClassId> =
        classes.iter().enumerate().map(|(i, k)| (k.id.as_str(), ClassId(i as u16))).collect();
    let mut districts = Vec::new();
    for (i, d) in raw.districts.iter().enumerate().take(MAX_DISTRICTS) {
        let p = format!("districts[{i}]");
        if d.name.trim().is_empty() || d.name.len() > 200 {
            c.error(format!("{p}.name"), "expected a non-empty name of at most 200 bytes");
        }
        c.names(&p, &d.names);
        if raw.districts[..i].iter().any(|o| o.code == d.code) {
            c.error(format!("{p}.code"), format!("duplicate district code {:?}", d.code));
        }
        c.range(format_args!("{p}.latitude_deg"), d.latitude_deg, -90.0, 90.0, "degrees");
        c.range(format_args!("{p}.longitude_deg"), d.longitude_deg, -180.0, 180.0, "degrees");
        c.range(format_args!("{p}.area_km2"), d.area_km2, 0.0, 1e5, "km²");
        c.range(format_args!("{p}.population"), d.population, 0.0, 1e8, "persons");
        c.range(format_args!("{p}.rooftop_pv_potential_kwp"), d.rooftop_pv_potential_kwp, 0.0, 1e8, "kWp");
        c.range(format_args!("{p}.pv_installed_kwp"), d.pv_installed_kwp, 0.0, 1e8, "kWp");
        if d.pv_installed_kwp > d.rooftop_pv_potential_kwp {
            c.error(format!("{p}.pv_installed_kwp"), "installed PV exceeds the rooftop potential");
        }
        c.range(format_args!("{p}.cars"), d.cars, 0.0, 1e8, "cars");
        c.range(format_args!("{p}.ev_share"), d.ev_share, 0.0, 1.0, "(share)");
        c.heating_shares(&format!("{p}.heating_shares"), &d.heating_shares);
        let floor_area_m2 = floor_areas(c, &p, &d.floor_area_m2, &index);
        land_use(c, &p, d.area_km2, d.population, &floor_area_m2, classes);
        districts.push(District {
            name: d.name.clone(),
            names: d.names.clone(),
            code: d.code.clone(),
            latitude_deg: d.latitude_deg,
            longitude_deg: d.longitude_deg,
            area_km2: d.area_km2,
            population: d.population,
            floor_area_m2,
            heating_shares: HeatingShares::from_raw(&d.heating_shares),
            rooftop_pv_potential_kwp: d.rooftop_pv_potential_kwp,
            pv_installed_kwp: d.pv_installed_kwp,
            cars: d.cars,
            ev_share: d.ev_share,
        });
    }
    districts
}

/// A district's floor area by class, in class order; unknown classes are errors.
fn floor_areas(
    c: &mut Checker,
    p: &str,
    areas: &BTreeMap<String, f64>,
    index: &BTreeMap<&str, ClassId>,
) -> Vec<(ClassId, f64)> {
    if areas.len() > MAX_CLASSES {
        c.error(format!("{p}.floor_area_m2"), format!("expected at most {MAX_CLASSES} entries"));
    }
    let mut floor = Vec::new();
    for (class, area) in areas.iter().take(MAX_CLASSES) {
        c.range(format_args!("{p}.floor_area_m2.{class}"), *area, 0.0, 1e9, "m²");
        match index.get(class.as_str()) {
            Some(id) => floor.push((*id, *area)),
            None => {
                c.error(format!("{p}.floor_area_m2.{class}"), format!("unknown building class {class:?}"))
            }
        }
    }
    floor.sort_by_key(|(id, _)| *id);
    floor
}

/// Residents and floor area against the district's land: impossible densities are errors,
/// unusual ones warnings.
fn land_use(
    c: &mut Checker,
    p: &str,
    area_km2: f64,
    population: f64,
    floor_area_m2: &[(ClassId, f64)],
    classes: &[BuildingClass],
) {
    let floor_m2: f64 = floor_area_m2.iter().map(|(_, a)| a).sum();
    let residential_m2: f64 = floor_area_m2
        .iter()
        .filter(|(id, _)| {
            classes[id.0 as usize].building_type.sector() == crate::catalogue::Sector::Residential
        })
        .map(|(_, a)| a)
        .sum();
    let area_path = format!("{p}.area_km2");
    if !(area_km2.is_finite() && population.is_finite() && floor_m2.is_finite()) {
        return;
    }
    if area_km2 <= 0.0 && (population > 0.0 || floor_m2 > 0.0) {
        c.error(&area_path, "a district with residents or buildings needs a land area above 0 km²");
        return;
    }
    if area_km2 <= 0.0 {
        return;
    }
    let density = population / area_km2;
    if density > MAX_DENSITY_PER_KM2 {
        c.error(
            format!("{p}.population"),
            format!(
                "{population} residents on {area_km2} km² is {density:.0} per km², more than the \
                 {MAX_DENSITY_PER_KM2} any district can hold; check the population and `area_km2`"
            ),
        );
    } else {
        c.band(format_args!("{p}.population"), density, DENSITY);
    }
    let ratio = floor_m2 / (area_km2 * 1e6);
    if ratio > MAX_FLOOR_AREA_RATIO {
        c.error(
            format!("{p}.floor_area_m2"),
            format!(
                "{floor_m2} m² of floor on {area_km2} km² of land is {ratio:.1} m² per m², more than \
                 {MAX_FLOOR_AREA_RATIO} (twenty storeys over the whole district); check the units (m², km²)"
            ),
        );
    } else {
        c.band(format_args!("{p}.floor_area_m2"), ratio, FLOOR_AREA_RATIO);
    }
    if population >= 100.0 {
        c.band(format_args!("{p}.floor_area_m2"), residential_m2 / population, FLOOR_PER_RESIDENT);
    }
}
