//! Map-jam pins: a point in WGS 84 with a category, a story and what it concerns; moderation
//! (pending, approved, hidden with a reason); the cleaning of stories typed at a kiosk; and the
//! GeoJSON (RFC 7946) export of pins.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{MAX_STORY_CHARS, Room};
use crate::catalogue::Catalogue;
use crate::catalogue::kpi::KpiId;
use crate::catalogue::levers::LeverId;

crate::catalogue::catalogue_enum! {
/// What a pin is about.
pub enum PinCategory {
    /// Energy use or supply.
    Energy,
    /// Waste and materials.
    Waste,
    /// Getting around.
    Mobility,
    /// A place the person likes.
    PlaceILike,
    /// A problem.
    Problem,
    /// An idea.
    Idea,
}
}

impl Catalogue for PinCategory {}

impl PinCategory {
    /// The category's colour on every map (Okabe–Ito, told apart with colour-vision deficiency),
    /// sRGB.
    pub fn colour(self) -> [u8; 3] {
        match self {
            PinCategory::Energy => [0xE6, 0x9F, 0x00],
            PinCategory::Waste => [0x00, 0x9E, 0x73],
            PinCategory::Mobility => [0x56, 0xB4, 0xE9],
            PinCategory::PlaceILike => [0xCC, 0x79, 0xA7],
            PinCategory::Problem => [0xD5, 0x5E, 0x00],
            PinCategory::Idea => [0xF0, 0xE4, 0x42],
        }
    }
}

/// A lever or KPI a pin (or a parked idea) concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Concern {
    /// A lever, by key.
    Lever(String),
    /// A KPI, by key.
    Kpi(String),
}

impl Concern {
    /// Whether the key names a lever or KPI of the catalogue.
    pub fn is_known(&self) -> bool {
        match self {
            Concern::Lever(key) => LeverId::from_key(key).is_some(),
            Concern::Kpi(key) => KpiId::from_key(key).is_some(),
        }
    }
}

/// Where a contribution was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Origin {
    /// The operator's laptop.
    #[default]
    Operator,
    /// A citizen kiosk or station.
    Kiosk,
    /// Typed in from paper (a sticker on the A1 map, a form).
    Paper,
}

/// Where a pin stands in moderation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PinStatus {
    /// Waiting for the operator.
    #[default]
    Pending,
    /// Shown to the room.
    Approved,
    /// Kept out of sight, with the operator's reason.
    Hidden(String),
}

/// What a citizen or the operator puts on the map, before it has an id (a kiosk writes these).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PinDraft {
    /// Longitude, degrees east (WGS 84).
    pub lon: f64,
    /// Latitude, degrees north (WGS 84).
    pub lat: f64,
    /// What it is about.
    pub category: PinCategory,
    /// The short story.
    #[serde(default)]
    pub story: String,
    /// A lever or KPI it concerns.
    #[serde(default)]
    pub concerns: Option<Concern>,
    /// The district the point lies in (found from the point by the map).
    #[serde(default)]
    pub district: Option<String>,
    /// Where it was made.
    #[serde(default)]
    pub origin: Origin,
    /// When.
    pub at: Timestamp,
}

/// A pin on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    /// Stable id.
    pub id: u32,
    /// The point, category, story and where it came from.
    pub draft: PinDraft,
    /// Moderation.
    #[serde(default)]
    pub status: PinStatus,
    /// Likes from the room.
    #[serde(default)]
    pub likes: u32,
}

impl PinDraft {
    /// The draft as a kiosk may send it, whatever was typed: the story without control characters
    /// (line breaks kept), bidirectional overrides or surrounding blanks, cut to [`MAX_STORY_CHARS`]. Emoji and markup are
    /// kept as the text they are; whoever shows the story shows it as text.
    pub fn cleaned(mut self) -> PinDraft {
        self.story = self
            .story
            .chars()
            .filter(|&c| (!c.is_control() || c == '\n') && !is_bidi_control(c))
            .take(MAX_STORY_CHARS)
            .collect::<String>()
            .trim()
            .to_owned();
        self
    }

    /// Why this draft cannot become a pin, if it cannot.
    pub fn problem(&self) -> Option<String> {
        if !(-180.0..=180.0).contains(&self.lon) || !(-90.0..=90.0).contains(&self.lat) {
            return Some(format!("({}, {}) is not a longitude and latitude", self.lon, self.lat));
        }
        if self.story.chars().count() > MAX_STORY_CHARS {
            return Some(format!("the story is longer than {MAX_STORY_CHARS} characters"));
        }
        if self.concerns.as_ref().is_some_and(|c| !c.is_known()) {
            return Some(format!("{:?} names no lever or KPI", self.concerns));
        }
        None
    }
}

/// Unicode's bidirectional embedding, override and isolate marks, which turn the text after them
/// around on screen.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The room's pins as GeoJSON (RFC 7946): a FeatureCollection of points in WGS 84 longitude and
/// latitude, each with its id, category, story, district, status, likes, origin, time and concern.
/// `approved_only` leaves out pins not approved (what may be published).
pub fn pins_geojson(room: &Room, approved_only: bool) -> serde_json::Value {
    let features: Vec<serde_json::Value> = room
        .pins
        .iter()
        .filter(|p| !approved_only || p.status == PinStatus::Approved)
        .map(pin_feature)
        .collect();
    serde_json::json!({ "type": "FeatureCollection", "features": features })
}

fn pin_feature(pin: &Pin) -> serde_json::Value {
    let d = &pin.draft;
    let (status, reason) = match &pin.status {
        PinStatus::Pending => ("pending", None),
        PinStatus::Approved => ("approved", None),
        PinStatus::Hidden(reason) => ("hidden", Some(reason.as_str())),
    };
    let concern = d.concerns.as_ref().map(|c| match c {
        Concern::Lever(key) => format!("lever:{key}"),
        Concern::Kpi(key) => format!("kpi:{key}"),
    });
    serde_json::json!({
        "type": "Feature",
        "id": pin.id,
        "geometry": { "type": "Point", "coordinates": [d.lon, d.lat] },
        "properties": {
            "id": pin.id,
            "category": d.category.key(),
            "story": d.story,
            "district": d.district,
            "concerns": concern,
            "status": status,
            "hidden_because": reason,
            "likes": pin.likes,
            "origin": format!("{:?}", d.origin).to_lowercase(),
            "at": d.at.to_string(),
        }
    })
}
