//! `twin new`: a complete, valid scenario skeleton for a kommune of one's own, from its name,
//! number, location, population and the GeoJSON of its districts. The districts come from the
//! map (name, code, centre, area, and residents where the file has them, else split by area);
//! every other number is a national default marked `// REPLACE:` with where to find the real one
//! (docs/new-municipality.md). The skeleton is validated before it is written, and an existing
//! file is never written over.

use std::path::{Component, Path, PathBuf};

use anyhow::Context as _;
use twin_core::Scenario;

use crate::Failure;

/// The template of a new scenario (minijinja; RON text, values escaped before they go in).
const TEMPLATE: &str = include_str!("new_scenario.ron.j2");

/// Residential floor area per resident, m² (SSB 2022: 114 m² per dwelling ÷ 2.4 persons, §3.5).
const RESIDENTIAL_M2_PER_CAPITA: f64 = 47.5;
/// Services floor area per resident by type, m² (E: services use ≈0.8 × households' energy, §2.2,
/// at ≈230 kWh/m²).
const SERVICES_M2_PER_CAPITA: [(&str, f64); 3] =
    [("office", 10.0), ("retail", 8.0), ("other_commercial", 9.0)];
/// Public floor area per resident by type, m² (E: Bærum's and Ålesund's scenarios).
const PUBLIC_M2_PER_CAPITA: [(&str, f64); 3] = [("school", 3.0), ("care", 1.5), ("other_public", 1.5)];
/// Residential floor area by construction period (E: the Norwegian stock profile).
const AGE_SPLIT: [(&str, f64); 6] = [
    ("pre1970", 0.30),
    ("1971_1986", 0.25),
    ("1987_1996", 0.11),
    ("1997_2006", 0.12),
    ("2007_2015", 0.12),
    ("post2016", 0.10),
];
/// Apartment blocks' share of residential floor area (E: ≈25 % of households live in blocks,
/// SSB 2020, source N20 of the reference, row houses counted half).
const APARTMENT_SHARE: f64 = 0.3;

/// What the planner gives.
pub(crate) struct NewKommune {
    /// Name, e.g. "Træna".
    pub name: String,
    /// Kommunenummer, 4 digits.
    pub number: String,
    /// Latitude of the main settlement, degrees north.
    pub latitude_deg: f64,
    /// Longitude, degrees east.
    pub longitude_deg: f64,
    /// Residents in the base year.
    pub population: f64,
    /// Base year.
    pub base_year: i32,
    /// The districts' GeoJSON.
    pub districts: PathBuf,
    /// Neighbouring land, if any.
    pub surroundings: Option<PathBuf>,
}

/// `twin new`: writes the skeleton to `out` (which must not exist yet).
pub(crate) fn new_command(k: &NewKommune, out: &Path) -> Result<(), Failure> {
    if out.exists() {
        return Err(Failure::Input(format!(
            "{} exists already; choose another --out (a file is never written over)",
            out.display()
        )));
    }
    let text = skeleton(k, out)?;
    twin_core::io::write_atomic(out, text.as_bytes())
        .with_context(|| format!("writing {}", out.display()))?;
    println!(
        "{}: a scenario for {} with {} districts; replace every `// REPLACE:` (docs/new-municipality.md), then `twin run {}`",
        out.display(),
        k.name,
        text.matches("            code: ").count(),
        out.display()
    );
    Ok(())
}

/// The skeleton's text for `out`, checked to validate.
pub(crate) fn skeleton(k: &NewKommune, out: &Path) -> Result<String, Failure> {
    check_input(k)?;
    let map = twin_geo::from_files(&k.number, &k.districts, k.surroundings.as_deref())
        .map_err(|e| Failure::Input(format!("the map: {e}")))?;
    let folder = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let rel = |p: &Path| relative_to(p, folder).map(|r| r.to_string_lossy().replace('\\', "/"));
    let districts_file = rel(&k.districts)?;
    let surroundings = match &k.surroundings {
        Some(p) => format!(", surroundings: {}", ron_string(&rel(p)?)),
        None => String::new(),
    };
    let has_population = map.districts.iter().all(|d| d.population.is_some_and(|p| p > 0.0));
    let env = minijinja::Environment::new();
    let context = minijinja::context! {
        name => k.name,
        name_ron => ron_string(&k.name),
        scenario_name => ron_string(&format!("{} – referansebane (baseline)", k.name)),
        number => k.number,
        seed => k.number.parse::<u64>().unwrap_or(1),
        base_year => k.base_year,
        next_year => k.base_year + 1,
        latitude => k.latitude_deg,
        longitude => k.longitude_deg,
        population => number(k.population),
        grid_mw => number((k.population / 2.2 * 3.5 / 1000.0 * 1.3).max(1.0).round()),
        districts_file => ron_string(&districts_file),
        surroundings => surroundings,
        districts => districts(&map, k.population),
        map_note => ron_string(&format!("{} (the file given to `twin new`; say here where it comes from, e.g. Kartverket CC BY 4.0 and SSB NLOD).", districts_file)),
        districts_note => ron_string(if has_population {
            "Districts, codes, centres and areas from the map; residents from its `population` property, scaled to the kommune's total. Floor areas, heating, cars and PV are national defaults per resident (E): replace them."
        } else {
            "Districts, codes, centres and areas from the map; residents split by area (the map has no `population`): replace with SSB 04317. Floor areas, heating, cars and PV are national defaults per resident (E): replace them."
        }),
    };
    let text = env
        .render_str(TEMPLATE, context)
        .map_err(|e| Failure::Other(anyhow::anyhow!("the skeleton's template: {e}")))?;
    Scenario::from_str_named(&text, out)
        .map_err(|e| Failure::Other(anyhow::anyhow!("the skeleton does not validate (a bug): {e}")))?;
    Ok(text)
}

/// Refuses what cannot make a scenario, saying which argument.
fn check_input(k: &NewKommune) -> Result<(), Failure> {
    let bad = |m: String| Err(Failure::Input(m));
    if k.name.trim().is_empty() || k.name.len() > 100 {
        return bad("--name: expected 1 to 100 characters".into());
    }
    if k.number.len() != 4 || !k.number.bytes().all(|b| b.is_ascii_digit()) {
        return bad(format!("--number: expected a 4-digit kommunenummer, found {:?}", k.number));
    }
    if !(57.0..=72.0).contains(&k.latitude_deg) || !(4.0..=32.0).contains(&k.longitude_deg) {
        return bad("--lat/--lon: expected a place in Norway (57–72° N, 4–32° E)".into());
    }
    if !(1.0..=2.0e6).contains(&k.population) {
        return bad("--population: expected 1 to 2,000,000 residents".into());
    }
    if !(2000..=2100).contains(&k.base_year) {
        return bad("--base-year: expected a year in 2000..=2100".into());
    }
    Ok(())
}

/// The districts block: one entry per map district with national defaults per resident.
fn districts(map: &twin_geo::MapGeometry, population: f64) -> String {
    let area: f64 = map.districts.iter().map(twin_geo::Region::area_km2).sum();
    let given: f64 = map.districts.iter().filter_map(|d| d.population).sum();
    let use_given = given > 0.0 && map.districts.iter().all(|d| d.population.is_some_and(|p| p > 0.0));
    let mut out = String::new();
    for d in &map.districts {
        let share = if use_given { d.population.unwrap_or(0.0) / given } else { d.area_km2() / area };
        out.push_str(&district(d, population * share, map.origin_deg));
    }
    out
}

/// One district's entry.
fn district(d: &twin_geo::Region, residents: f64, origin_deg: [f64; 2]) -> String {
    let [min_x, min_y, max_x, max_y] = d.bounds();
    let [lon, lat] = twin_geo::unproject([(min_x + max_x) / 2.0, (min_y + max_y) / 2.0], origin_deg);
    let residential = residents * RESIDENTIAL_M2_PER_CAPITA;
    let mut floor: Vec<String> = Vec::new();
    for (kind, share) in [("detached", 1.0 - APARTMENT_SHARE), ("apartment", APARTMENT_SHARE)] {
        for (period, p) in AGE_SPLIT {
            floor.push(format!("\"{kind}_{period}\": {}", number((residential * share * p).round())));
        }
    }
    for (kind, m2) in SERVICES_M2_PER_CAPITA.iter().chain(&PUBLIC_M2_PER_CAPITA) {
        floor.push(format!("\"{kind}\": {}", number((residents * m2).round())));
    }
    format!(
        "        (\n            name: {name},\n            code: {code},\n            latitude_deg: {lat:.4},\n            \
         longitude_deg: {lon:.4},\n            area_km2: {area:.2},\n            population: {pop},\n            \
         floor_area_m2: {{{floor}}},\n            \
         heating_shares: (air_to_air_heat_pump: 0.4, air_to_water_heat_pump: 0.04, ground_source_heat_pump: 0.04, direct_electric: 0.47, bio: 0.05),\n            \
         rooftop_pv_potential_kwp: {pv},\n            pv_installed_kwp: {pv_now},\n            cars: {cars},\n            ev_share: 0.3,\n        ),\n",
        name = ron_string(&d.name),
        code = ron_string(&d.code),
        area = d.area_km2(),
        pop = number(residents.round()),
        floor = floor.join(", "),
        pv = number((residents * 2.0).round()),
        pv_now = number((residents * 0.04).round()),
        cars = number((residents * 0.45).round()),
    )
}

/// A RON string literal (quotes and escapes).
fn ron_string(text: &str) -> String {
    ron::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// A number as RON writes a float (`12.0`, `0.5`).
fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 { format!("{x:.1}") } else { format!("{x}") }
}

/// `path` relative to `folder` (both made absolute first), for the scenario to name its map.
fn relative_to(path: &Path, folder: &Path) -> Result<PathBuf, Failure> {
    let absolute =
        |p: &Path| std::path::absolute(p).map_err(|e| Failure::Input(format!("{}: {e}", p.display())));
    let (path, folder) = (absolute(path)?, absolute(folder)?);
    let (p, f): (Vec<Component>, Vec<Component>) =
        (path.components().collect(), folder.components().collect());
    let common = p.iter().zip(&f).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return Ok(path);
    }
    let mut rel: PathBuf = f[common..].iter().map(|_| Component::ParentDir).collect();
    rel.extend(&p[common..]);
    Ok(rel)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn geo(file: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/geo").join(file)
    }

    fn traena() -> NewKommune {
        NewKommune {
            name: "Træna".into(),
            number: "1835".into(),
            latitude_deg: 66.51,
            longitude_deg: 12.03,
            population: 463.0,
            base_year: 2025,
            districts: geo("traena.geojson"),
            surroundings: Some(geo("traena_surroundings.geojson")),
        }
    }

    #[test]
    fn the_skeleton_validates_runs_and_names_its_map_relative_to_itself() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("kommuner").join("traena.ron");
        std::fs::create_dir_all(out.parent().expect("folder")).expect("mkdir");
        new_command(&traena(), &out).map_err(|_| "new").expect("written");
        let scenario = twin_core::scenario::load(&out).expect("valid");
        assert!(scenario.warnings.is_empty(), "{:?}", scenario.warnings);
        assert_eq!(scenario.districts.len(), 1);
        assert_eq!(scenario.districts[0].code, "18350100");
        assert!((scenario.population_in(2025) - 463.0).abs() < 1e-9);
        let files = scenario.map_files.as_ref().expect("map files");
        assert!(files.districts.is_file(), "{}", files.districts.display());
        let outcome = twin_core::simulate(&scenario).expect("runs");
        assert_eq!(outcome.years.len(), 26);
        assert!(outcome.years[0].grid.demand_mwh > 0.0);
        let text = std::fs::read_to_string(&out).expect("read");
        assert!(text.matches("// REPLACE:").count() >= 10, "numbers to replace are marked");
        // Never written over.
        assert!(matches!(new_command(&traena(), &out), Err(Failure::Input(m)) if m.contains("exists")));
    }

    #[test]
    fn districts_without_residents_share_the_population_by_area_and_bad_input_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let k = NewKommune {
            name: "Trondheim".into(),
            number: "5001".into(),
            latitude_deg: 63.43,
            longitude_deg: 10.4,
            population: 216_177.0,
            districts: geo("trondheim.geojson"),
            surroundings: None,
            base_year: 2025,
        };
        let text = skeleton(&k, &dir.path().join("t.ron")).map_err(|_| "skeleton").expect("text");
        let s = Scenario::from_str_named(&text, &dir.path().join("t.ron")).expect("valid");
        assert_eq!(s.districts.len(), 25);
        let total: f64 = s.districts.iter().map(|d| d.population).sum();
        assert!((total - 216_177.0).abs() < 30.0, "rounded per district: {total}");
        let wrong = NewKommune { number: "3201".into(), ..k };
        let Err(e) = skeleton(&wrong, &dir.path().join("t.ron")) else {
            panic!("Bærum is not in Trondheim's map")
        };
        assert!(matches!(e, Failure::Input(m) if m.contains("3201")));
        let bad = NewKommune { latitude_deg: 40.0, ..traena() };
        assert!(
            matches!(skeleton(&bad, &dir.path().join("x.ron")), Err(Failure::Input(m)) if m.contains("--lat"))
        );
    }
}
