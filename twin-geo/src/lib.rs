//! The map's geometry: reads a municipality's GeoJSON (its districts and the surrounding land,
//! from the files a scenario names or from the four maps built in),
//! projects lon/lat to a flat plane in kilometres around the municipality's centre, triangulates
//! the polygons for drawing, and answers "how large is it" and "which district is under this
//! point" with the `geo` crate.
//!
//! Invariant: every ring is stored open (the closing point dropped) in kilometres east (`x`) and
//! north (`y`) of the centre; triangles index into one polygon's concatenated rings; a polygon's
//! `shape` is the same rings as a `geo::Polygon`.

use std::fmt;

use geo::{Area, BoundingRect, Contains};

/// Mean radius-based kilometres per degree of latitude (WGS84, mid-latitudes).
const KM_PER_DEG_LAT: f64 = 110.95;
/// Kilometres per degree of longitude at the equator.
const KM_PER_DEG_LON_EQUATOR: f64 = 111.32;

/// A polygon in kilometres: an outer ring and its holes, each open, with its triangulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Polygon {
    /// Outer ring, then holes (for drawing).
    pub rings: Vec<Vec<[f64; 2]>>,
    /// Triangles as indices into the rings' points taken in order.
    pub triangles: Vec<[u32; 3]>,
    /// The same rings as a `geo` polygon (for area and containment).
    pub shape: geo::Polygon<f64>,
}

impl Polygon {
    /// All points of all rings, in the order `triangles` indexes them.
    pub fn points(&self) -> impl Iterator<Item = [f64; 2]> + '_ {
        self.rings.iter().flatten().copied()
    }

    /// Area, km² (outer ring minus holes).
    pub fn area_km2(&self) -> f64 {
        self.shape.unsigned_area()
    }

    /// Whether `p` lies inside the outer ring and outside every hole.
    pub fn contains(&self, p: [f64; 2]) -> bool {
        self.shape.contains(&geo::Point::new(p[0], p[1]))
    }
}

/// A named area: a district, the municipality, or a neighbouring piece of land.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Official code (`"32010101"` for a delområde, `"3201"` for a kommune).
    pub code: String,
    /// Norwegian name.
    pub name: String,
    /// Residents, if the file gives them (property `population`).
    pub population: Option<f64>,
    /// Its polygons.
    pub polygons: Vec<Polygon>,
}

impl Region {
    /// Area, km².
    pub fn area_km2(&self) -> f64 {
        self.polygons.iter().map(Polygon::area_km2).sum()
    }

    /// Whether `p` (km) lies in the region.
    pub fn contains(&self, p: [f64; 2]) -> bool {
        self.polygons.iter().any(|poly| poly.contains(p))
    }

    /// Bounding box `[min_x, min_y, max_x, max_y]`, km.
    pub fn bounds(&self) -> [f64; 4] {
        let mut b = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
        for rect in self.polygons.iter().filter_map(|poly| poly.shape.bounding_rect()) {
            let (min, max) = (rect.min(), rect.max());
            b = [b[0].min(min.x), b[1].min(min.y), b[2].max(max.x), b[3].max(max.y)];
        }
        b
    }
}

/// The geometry of one municipality's map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapGeometry {
    /// The municipality's outline.
    pub municipality: Region,
    /// Its districts, in file order.
    pub districts: Vec<Region>,
    /// Neighbouring land (the municipality itself excluded); the sea is what no land covers.
    pub land: Vec<Region>,
    /// Centre of the projection, `[lon, lat]` degrees.
    pub origin_deg: [f64; 2],
}

impl MapGeometry {
    /// The district under point `p` (km), if any.
    pub fn district_at(&self, p: [f64; 2]) -> Option<usize> {
        self.districts.iter().position(|d| d.contains(p))
    }
}

/// Why a map could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoError {
    /// Which file.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for GeoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.message)
    }
}

impl std::error::Error for GeoError {}

/// The maps built into the viewer, by kommune number: (main file, surroundings file).
/// Files: `assets/geo/`, from `../shared/reference/geo` (Kartverket CC BY 4.0; SSB NLOD).
const BUILT_IN: [(&str, &str, &str, &str); 4] = [
    (
        "3201",
        "baerum",
        include_str!("../../assets/geo/baerum.geojson"),
        include_str!("../../assets/geo/baerum_surroundings.geojson"),
    ),
    (
        "1508",
        "alesund",
        include_str!("../../assets/geo/alesund.geojson"),
        include_str!("../../assets/geo/alesund_surroundings.geojson"),
    ),
    (
        "1835",
        "traena",
        include_str!("../../assets/geo/traena.geojson"),
        include_str!("../../assets/geo/traena_surroundings.geojson"),
    ),
    (
        "5001",
        "trondheim",
        include_str!("../../assets/geo/trondheim.geojson"),
        include_str!("../../assets/geo/trondheim_surroundings.geojson"),
    ),
];

/// The attribution the map data requires (geo/README.md).
// untranslated: the licence's own words
pub const ATTRIBUTION: &str = "Kartdata © Kartverket (CC BY 4.0); inndelinger og befolkning: \
                               Statistisk sentralbyrå (NLOD). Bearbeidet av thohan88/nor-maps.";

/// The built-in map of a kommune, by its number.
pub fn built_in(kommune_number: &str) -> Result<MapGeometry, GeoError> {
    let Some((_, slug, main, surroundings)) = BUILT_IN.iter().find(|(n, ..)| *n == kommune_number) else {
        let known: Vec<&str> = BUILT_IN.iter().map(|(n, ..)| *n).collect();
        return Err(GeoError {
            file: format!("kommune {kommune_number}"),
            message: format!("no map is built in for this kommune (maps exist for {})", known.join(", ")),
        });
    };
    parse(kommune_number, main, surroundings, slug)
}

/// Largest map file read, bytes (the shipped files are under 60 KB; Kartverket's detailed
/// outlines of a large kommune stay under a few MB).
pub const MAX_MAP_BYTES: u64 = 16 * 1024 * 1024;

/// A municipality's map from its GeoJSON files: `districts` (outline + districts) and, if given,
/// `surroundings` (neighbouring land). Files are read with a size limit and errors name the file.
pub fn from_files(
    kommune_number: &str,
    districts: &std::path::Path,
    surroundings: Option<&std::path::Path>,
) -> Result<MapGeometry, GeoError> {
    let main = read_file(districts)?;
    let around = match surroundings {
        Some(path) => read_file(path)?,
        None => EMPTY_COLLECTION.to_owned(),
    };
    let name = districts.file_stem().map_or_else(|| "map".into(), |s| s.to_string_lossy().into_owned());
    parse(kommune_number, &main, &around, &name)
        .map_err(|e| GeoError { file: format!("{} ({})", e.file, districts.display()), ..e })
}

/// The map a scenario names (`files`: its districts file and its surroundings), or the one built
/// in for its kommune; if the files cannot be read but a map is built in, that one is used and
/// the files' error comes with it.
pub fn for_scenario(
    kommune_number: &str,
    files: Option<(&std::path::Path, Option<&std::path::Path>)>,
) -> Result<(MapGeometry, Option<GeoError>), GeoError> {
    let Some((districts, surroundings)) = files else {
        return built_in(kommune_number).map(|m| (m, None));
    };
    match from_files(kommune_number, districts, surroundings) {
        Ok(map) => Ok((map, None)),
        Err(e) => built_in(kommune_number).map(|m| (m, Some(e.clone()))).map_err(|_| e),
    }
}

/// A GeoJSON collection with no features (the surroundings of a map that has none).
const EMPTY_COLLECTION: &str = r#"{"type": "FeatureCollection", "features": []}"#;

/// A map file's text, at most [`MAX_MAP_BYTES`].
fn read_file(path: &std::path::Path) -> Result<String, GeoError> {
    use std::io::Read;
    let err = |message: String| GeoError { file: path.display().to_string(), message };
    let file = std::fs::File::open(path).map_err(|e| err(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(MAX_MAP_BYTES + 1).read_to_end(&mut bytes).map_err(|e| err(e.to_string()))?;
    if bytes.len() as u64 > MAX_MAP_BYTES {
        return Err(err(format!("larger than {} MiB", MAX_MAP_BYTES / 1024 / 1024)));
    }
    String::from_utf8(bytes).map_err(|e| err(format!("not UTF-8: {e}")))
}

/// Parses a municipality's main GeoJSON (outline + districts) and its surroundings.
pub fn parse(
    kommune_number: &str,
    main: &str,
    surroundings: &str,
    name: &str,
) -> Result<MapGeometry, GeoError> {
    let main_file = format!("{name}.geojson");
    let sur_file = format!("{name}_surroundings.geojson");
    let main_raw = read_features(main, &main_file)?;
    let sur_raw = read_features(surroundings, &sur_file)?;
    let outline =
        main_raw.iter().find(|f| f.kind == "kommune" && f.code == kommune_number).ok_or_else(|| {
            GeoError { file: main_file.clone(), message: format!("no kommune {kommune_number}") }
        })?;
    let origin_deg = centre(&outline.rings);
    let project = |rings: &Vec<Vec<Vec<[f64; 2]>>>, file: &str| -> Result<Vec<Polygon>, GeoError> {
        rings.iter().map(|poly| polygon(poly, origin_deg, file)).collect()
    };
    let region = |f: &RawFeature, file: &str| -> Result<Region, GeoError> {
        Ok(Region {
            code: f.code.clone(),
            name: f.name.clone(),
            population: f.population,
            polygons: project(&f.rings, file)?,
        })
    };
    let municipality = region(outline, &main_file)?;
    // Trondheim has bydeler and delområder; the districts are the finest level (delområder).
    let districts = main_raw
        .iter()
        .filter(|f| f.kind == "district" && f.level == "delomrade")
        .map(|f| region(f, &main_file))
        .collect::<Result<Vec<_>, _>>()?;
    if districts.is_empty() {
        // untranslated: a fault of a built-in map file, for its developer
        return Err(GeoError { file: main_file, message: "no districts (kind \"district\")".into() });
    }
    let land = sur_raw
        .iter()
        .filter(|f| f.kind == "land" && f.code != kommune_number)
        .map(|f| region(f, &sur_file))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(MapGeometry { municipality, districts, land, origin_deg })
}

/// One feature as read: properties we use and its polygons in degrees (rings closed as in the file).
struct RawFeature {
    code: String,
    name: String,
    kind: String,
    level: String,
    population: Option<f64>,
    rings: Vec<Vec<Vec<[f64; 2]>>>,
}

fn read_features(text: &str, file: &str) -> Result<Vec<RawFeature>, GeoError> {
    let err = |message: String| GeoError { file: file.to_owned(), message };
    let collection: geojson::FeatureCollection =
        text.parse().map_err(|e| err(format!("not GeoJSON: {e}")))?;
    collection
        .features
        .iter()
        .enumerate()
        .map(|(i, feature)| {
            let prop = |key: &str| -> String {
                feature.property(key).and_then(|v| v.as_str()).unwrap_or_default().to_owned()
            };
            let geometry =
                feature.geometry.as_ref().ok_or_else(|| err(format!("feature {i} has no geometry")))?;
            let rings = match &geometry.value {
                geojson::GeometryValue::Polygon { coordinates } => vec![to_rings(coordinates)],
                geojson::GeometryValue::MultiPolygon { coordinates } => {
                    coordinates.iter().map(|p| to_rings(p)).collect()
                }
                _ => return Err(err(format!("feature {i} is not a polygon"))),
            };
            Ok(RawFeature {
                code: prop("code"),
                name: prop("name"),
                kind: prop("kind"),
                level: prop("level"),
                population: feature.property("population").and_then(|v| v.as_f64()),
                rings,
            })
        })
        .collect()
}

fn to_rings(polygon: &[Vec<geojson::Position>]) -> Vec<Vec<[f64; 2]>> {
    polygon
        .iter()
        .map(|ring| {
            ring.iter()
                .map(geojson::Position::as_slice)
                .filter(|p| p.len() >= 2)
                .map(|p| [p[0], p[1]])
                .collect()
        })
        .collect()
}

/// Centre of the bounding box of the outer rings, `[lon, lat]`.
fn centre(polygons: &[Vec<Vec<[f64; 2]>>]) -> [f64; 2] {
    let mut b = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
    for p in polygons.iter().filter_map(|rings| rings.first()).flatten() {
        b = [b[0].min(p[0]), b[1].min(p[1]), b[2].max(p[0]), b[3].max(p[1])];
    }
    [(b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0]
}

/// Equirectangular projection about `origin`, km (accurate to well under 1 % over a kommune: the
/// tests check distances against `geo`'s geodesic on WGS 84). `geo` has no map projections of its
/// own (that is PROJ, a C library), and a kommune-sized map needs none finer.
pub fn project(lon_lat: [f64; 2], origin: [f64; 2]) -> [f64; 2] {
    let km_per_deg_lon = KM_PER_DEG_LON_EQUATOR * origin[1].to_radians().cos();
    [(lon_lat[0] - origin[0]) * km_per_deg_lon, (lon_lat[1] - origin[1]) * KM_PER_DEG_LAT]
}

/// The inverse of [`project`]: a point on the map (km about `origin`) as `[lon, lat]` degrees
/// (WGS 84), as pins are stored and exported.
pub fn unproject(km: [f64; 2], origin: [f64; 2]) -> [f64; 2] {
    let km_per_deg_lon = KM_PER_DEG_LON_EQUATOR * origin[1].to_radians().cos();
    [origin[0] + km[0] / km_per_deg_lon, origin[1] + km[1] / KM_PER_DEG_LAT]
}

fn polygon(rings_deg: &[Vec<[f64; 2]>], origin: [f64; 2], file: &str) -> Result<Polygon, GeoError> {
    let rings: Vec<Vec<[f64; 2]>> = rings_deg
        .iter()
        .map(|ring| {
            let mut r: Vec<[f64; 2]> = ring.iter().map(|&p| project(p, origin)).collect();
            if r.len() > 1 && r.first() == r.last() {
                r.pop();
            }
            r
        })
        .filter(|r| r.len() >= 3)
        .collect();
    if rings.is_empty() {
        return Err(GeoError {
            file: file.to_owned(),
            // untranslated: a fault of a built-in map file, for its developer
            message: "a polygon has no ring of 3 or more points".into(),
        });
    }
    let mut flat: Vec<f64> = Vec::new();
    let mut holes: Vec<usize> = Vec::new();
    for (i, ring) in rings.iter().enumerate() {
        if i > 0 {
            holes.push(flat.len() / 2);
        }
        flat.extend(ring.iter().flatten());
    }
    let indices = earcutr::earcut(&flat, &holes, 2).map_err(|e| GeoError {
        file: file.to_owned(),
        message: format!("cannot triangulate a polygon: {e:?}"),
    })?;
    let triangles = indices.chunks_exact(3).map(|t| [t[0] as u32, t[1] as u32, t[2] as u32]).collect();
    let line = |ring: &Vec<[f64; 2]>| geo::LineString::from(ring.clone());
    let shape = geo::Polygon::new(line(&rings[0]), rings[1..].iter().map(line).collect());
    Ok(Polygon { rings, triangles, shape })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baerum() -> MapGeometry {
        built_in("3201").expect("Bærum's map is built in")
    }

    #[test]
    fn baerum_has_its_22_districts_and_its_area() {
        let map = baerum();
        assert_eq!(map.districts.len(), 22);
        assert!(map.districts.iter().all(|d| d.code.starts_with("3201")));
        // Bærum's land area is 192 km² (SSB); the coastline-clipped outline must come close.
        let area = map.municipality.area_km2();
        assert!((185.0..200.0).contains(&area), "area {area} km²");
        // Districts partition the kommune (geo/README: within 0.1 %; projection is shared).
        let sum: f64 = map.districts.iter().map(Region::area_km2).sum();
        assert!((sum / area - 1.0).abs() < 2e-3, "districts {sum} vs kommune {area}");
        assert!(!map.land.is_empty() && map.land.iter().all(|l| l.code != "3201"));
    }

    #[test]
    fn triangulation_covers_each_polygon_exactly() {
        for map in [baerum(), built_in("1508").expect("Ålesund")] {
            for poly in map.districts.iter().flat_map(|d| &d.polygons) {
                let pts: Vec<[f64; 2]> = poly.points().collect();
                let coord = |i: u32| geo::Coord::from(pts[i as usize]);
                let tri_area: f64 = poly
                    .triangles
                    .iter()
                    .map(|t| geo::Triangle::new(coord(t[0]), coord(t[1]), coord(t[2])).unsigned_area())
                    .sum();
                assert!((tri_area - poly.area_km2()).abs() <= 1e-6 * poly.area_km2().max(1e-3));
            }
        }
    }

    #[test]
    fn a_point_is_in_exactly_one_district() {
        let map = baerum();
        // Sandvika (Bærum's centre) lies in a district; the middle of the Oslofjord does not.
        let sandvika = project([10.5236, 59.8892], map.origin_deg);
        let hits = map.districts.iter().filter(|d| d.contains(sandvika)).count();
        assert_eq!(hits, 1);
        assert!(map.municipality.contains(sandvika));
        assert_eq!(map.district_at(project([10.60, 59.80], map.origin_deg)), None);
    }

    #[test]
    fn projected_distances_agree_with_the_geodesic_on_wgs84() {
        use geo::{Distance, Geodesic};
        for (map, far) in [(baerum(), [10.38, 60.05]), (built_in("1508").expect("Ålesund"), [6.60, 62.60])] {
            let (origin, here) = (map.origin_deg, map.origin_deg);
            for there in [far, [here[0] + 0.1, here[1]], [here[0], here[1] - 0.1]] {
                let (a, b) = (project(here, origin), project(there, origin));
                let flat_km = (a[0] - b[0]).hypot(a[1] - b[1]);
                let geodesic_km = Geodesic.distance(geo::Point::from(here), geo::Point::from(there)) / 1000.0;
                assert!((flat_km / geodesic_km - 1.0).abs() < 5e-3, "{flat_km} km vs {geodesic_km} km");
            }
        }
    }

    #[test]
    fn a_map_read_from_its_files_is_the_built_in_one_and_a_missing_file_falls_back() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/geo");
        let (main, around) = (dir.join("traena.geojson"), dir.join("traena_surroundings.geojson"));
        let built = built_in("1835").expect("Træna");
        assert_eq!(from_files("1835", &main, Some(&around)), Ok(built.clone()));
        let alone = from_files("1835", &main, None).expect("no surroundings");
        assert!(alone.land.is_empty() && alone.districts == built.districts);
        let missing = dir.join("no_such.geojson");
        let e = from_files("1835", &missing, None).expect_err("missing");
        assert!(e.file.contains("no_such.geojson"), "{e}");
        let (fallback, why) = for_scenario("1835", Some((&missing, None))).expect("built in");
        assert_eq!((fallback, why.map(|e| e.file.contains("no_such"))), (built, Some(true)));
        assert!(for_scenario("9999", Some((&missing, None))).is_err(), "no file and no built-in map");
        let wrong = from_files("3201", &main, None).expect_err("Træna's file has no Bærum");
        assert!(wrong.message.contains("3201"), "{wrong}");
    }

    #[test]
    fn unknown_kommune_and_broken_files_are_errors() {
        let e = built_in("9999").expect_err("no map");
        assert!(e.to_string().contains("3201"), "{e}");
        let e = parse("3201", "{ not json", "{}", "x").expect_err("broken");
        assert!(e.to_string().starts_with("x.geojson: not GeoJSON"), "{e}");
    }

    #[test]
    fn holes_are_not_inside() {
        let square = |s: f64| vec![[-s, -s], [s, -s], [s, s], [-s, s]];
        let rings_deg = vec![square(1.0), square(0.5).into_iter().rev().collect()];
        let poly = polygon(&rings_deg, [0.0, 0.0], "t").expect("triangulates");
        assert!(!poly.contains([0.0, 0.0]));
        assert!(poly.contains(project([0.75, 0.0], [0.0, 0.0])));
        // The projection is linear, so the hole keeps its quarter of the square's area.
        let outer = geo::Polygon::new(poly.shape.exterior().clone(), vec![]).unsigned_area();
        assert!((poly.area_km2() / outer - 0.75).abs() < 1e-12);
    }
}
