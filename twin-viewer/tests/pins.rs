//! Pins as a facilitator places them and as QGIS reads them: a click on the map becomes a point in
//! WGS 84 longitude and latitude (the map's projection inverted) with the district under it, and
//! the session's GeoJSON export, read by a GeoJSON parser, puts every pin inside its district as
//! the source file draws it, in degrees.

use std::str::FromStr;

use geo::{Contains, InteriorPoint};
use twin_core::session::room::{PinCategory, pins_geojson};
use twin_core::session::{ScenarioCopy, Session};
use twin_viewer::geo::{built_in, project};
use twin_viewer::map::pin_at;

/// The districts of a built-in map's source file, in degrees, by name.
fn districts_in_degrees(file: &str) -> Vec<(String, geo::MultiPolygon<f64>)> {
    let text = std::fs::read_to_string(format!("{}/../assets/geo/{file}", env!("CARGO_MANIFEST_DIR")))
        .expect("the map's file");
    let geojson::GeoJson::FeatureCollection(collection) = geojson::GeoJson::from_str(&text).expect("GeoJSON")
    else {
        panic!("a feature collection")
    };
    collection
        .features
        .into_iter()
        .filter(|f| f.property("kind").and_then(|k| k.as_str()) != Some("kommune"))
        .filter_map(|f| {
            let name = f.property("name")?.as_str()?.to_owned();
            let shape: geo::Geometry<f64> = f.geometry?.try_into().ok()?;
            let multi = match shape {
                geo::Geometry::Polygon(p) => geo::MultiPolygon(vec![p]),
                geo::Geometry::MultiPolygon(m) => m,
                _ => return None,
            };
            Some((name, multi))
        })
        .collect()
}

#[test]
fn a_pin_placed_on_each_district_exports_inside_that_district() {
    for (kommune, file, scenario) in
        [("3201", "baerum.geojson", "baerum.ron"), ("1508", "alesund.geojson", "alesund.ron")]
    {
        let geometry = built_in(kommune).expect("a built-in map");
        let text = std::fs::read_to_string(format!("{}/../scenarios/{scenario}", env!("CARGO_MANIFEST_DIR")))
            .expect("scenario");
        let mut session = Session::new("kart", ScenarioCopy::new(None, text), jiff::Timestamp::UNIX_EPOCH);
        for region in &geometry.districts {
            // A point surely inside the district's largest part, on the map (km).
            let largest =
                region.polygons.iter().max_by(|a, b| a.area_km2().total_cmp(&b.area_km2())).expect("a part");
            let inside = largest.shape.interior_point().expect("an interior point");
            let draft = pin_at([inside.x(), inside.y()], &geometry, PinCategory::Idea, region.name.clone());
            assert_eq!(
                draft.district.as_deref(),
                Some(region.name.as_str()),
                "the district is found from the point"
            );
            session.apply(session.add_pin(draft), jiff::Timestamp::UNIX_EPOCH).expect("a pin");
        }
        let text = serde_json::to_string(&pins_geojson(&session.room, false)).expect("JSON");
        let geojson::GeoJson::FeatureCollection(pins) =
            geojson::GeoJson::from_str(&text).expect("valid GeoJSON")
        else {
            panic!("a feature collection")
        };
        assert_eq!(pins.features.len(), geometry.districts.len());
        let districts = districts_in_degrees(file);
        for feature in &pins.features {
            let story = feature.property("story").and_then(|s| s.as_str()).expect("a story");
            let point: geo::Point<f64> =
                feature.geometry.clone().expect("a point").try_into().expect("a point geometry");
            assert!((-180.0..=180.0).contains(&point.x()) && (-90.0..=90.0).contains(&point.y()), "lon, lat");
            let (_, shape) =
                districts.iter().find(|(name, _)| name == story).expect("the district in the file");
            assert!(shape.contains(&point), "{kommune}: the pin for {story} at {point:?} lies in it");
            // And back on the map, where it was placed.
            let km = project([point.x(), point.y()], geometry.origin_deg);
            assert_eq!(geometry.district_at(km).map(|d| geometry.districts[d].name.as_str()), Some(story));
        }
    }
}
