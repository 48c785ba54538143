//! Colours: the map's sequential scale (viridis, readable with every common colour-vision
//! deficiency and in greyscale) and the fixed colours of carriers and series in charts
//! (Okabe–Ito, also colour-blind safe).

use egui::Color32;
use twin_core::Carrier;

/// The map colour of a value at position `t` (0 = lowest, 1 = highest) on the scale.
pub fn sequential(t: f64) -> Color32 {
    let c = colorous::VIRIDIS.eval_continuous(if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 });
    Color32::from_rgb(c.r, c.g, c.b)
}

/// The colour of a change at position `t` on the diverging scale (0.5 = no change): red for a
/// rise, blue for a fall (ColorBrewer's RdBu, readable with the common colour-vision
/// deficiencies; Brewer 2003).
pub fn diverging(t: f64) -> Color32 {
    let c = colorous::RED_BLUE.eval_continuous(if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.5 });
    Color32::from_rgb(c.r, c.g, c.b)
}

/// Okabe–Ito's eight colours (Okabe & Ito 2008, "Color Universal Design").
pub const OKABE_ITO: [Color32; 8] = [
    Color32::from_rgb(0xE6, 0x9F, 0x00), // orange
    Color32::from_rgb(0x56, 0xB4, 0xE9), // sky blue
    Color32::from_rgb(0x00, 0x9E, 0x73), // bluish green
    Color32::from_rgb(0xF0, 0xE4, 0x42), // yellow
    Color32::from_rgb(0x00, 0x72, 0xB2), // blue
    Color32::from_rgb(0xD5, 0x5E, 0x00), // vermillion
    Color32::from_rgb(0xCC, 0x79, 0xA7), // reddish purple
    Color32::from_rgb(0x00, 0x00, 0x00), // black
];

/// A carrier's colour in every chart.
pub fn carrier(c: Carrier) -> Color32 {
    match c {
        Carrier::Electricity => OKABE_ITO[4],
        Carrier::DistrictHeat => OKABE_ITO[5],
        Carrier::Bio => OKABE_ITO[2],
        Carrier::Oil => Color32::from_rgb(0x55, 0x55, 0x55),
        Carrier::Petrol => OKABE_ITO[6],
        Carrier::Diesel => OKABE_ITO[0],
        Carrier::Waste => OKABE_ITO[1],
    }
}

/// The colour of the baseline's faint lines.
pub const BASELINE: Color32 = Color32::from_rgba_premultiplied(90, 90, 90, 150);

/// The colour of targets.
pub const TARGET: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);
/// Figures read in a published source (Okabe–Ito bluish green).
pub const SOURCED: Color32 = OKABE_ITO[2];
/// Warnings (Okabe–Ito orange, apart from the target's vermillion).
pub const WARNING: Color32 = Color32::from_rgb(0xE6, 0x9F, 0x00);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_runs_dark_to_light_and_clamps() {
        let luma =
            |c: Color32| 0.299 * f64::from(c.r()) + 0.587 * f64::from(c.g()) + 0.114 * f64::from(c.b());
        let steps: Vec<f64> = (0..=10).map(|i| luma(sequential(f64::from(i) / 10.0))).collect();
        assert!(steps.windows(2).all(|w| w[1] > w[0]), "viridis lightness rises: {steps:?}");
        assert_eq!(sequential(-1.0), sequential(0.0));
        assert_eq!(sequential(f64::NAN), sequential(0.0));
    }
}
