//! What the viewer shows, as opposed to what the model computed: the language, the year on the
//! timeline, the map's quantity and mode, the selected and hovered district, the chart on show,
//! the message to the user, and where the panels left room for the map.
//!
//! Invariant: indices (`quantity`, `selected`, `hovered`) are valid for the current scenario;
//! opening a scenario resets them.

use bevy::prelude::*;
use twin_core::analysis::quantity::DISTRICT_QUANTITIES;

/// Display language. Citizens get Norwegian first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Norwegian bokmål.
    #[default]
    Nb,
    /// Norwegian nynorsk.
    Nn,
    /// English.
    En,
}

impl Lang {
    /// Every language, in menu order.
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Nn, Lang::En];

    /// The language's code (BCP 47), as the message files are named.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
        }
    }

    /// The language's own name.
    pub fn name(self) -> &'static str {
        crate::i18n::t(self, "view-english")
    }
}

/// Which pathway chart is on show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartKind {
    /// Final energy by carrier, stacked.
    #[default]
    Energy,
    /// Emissions with the target line.
    Emissions,
    /// Yearly grid peak.
    GridPeak,
    /// District-heating supply by source.
    DistrictHeating,
    /// Waste by treatment route.
    Waste,
    /// A winter week, hour by hour.
    WinterWeek,
    /// Load-duration curve of grid import.
    LoadDuration,
}

impl ChartKind {
    /// Every chart, in tab order.
    pub const ALL: [ChartKind; 7] = [
        ChartKind::Energy,
        ChartKind::Emissions,
        ChartKind::GridPeak,
        ChartKind::DistrictHeating,
        ChartKind::Waste,
        ChartKind::WinterWeek,
        ChartKind::LoadDuration,
    ];

    /// Tab label.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            ChartKind::Energy => crate::i18n::t(lang, "view-energy"),
            ChartKind::Emissions => crate::i18n::t(lang, "view-emissions"),
            ChartKind::GridPeak => crate::i18n::t(lang, "view-grid-peak"),
            ChartKind::DistrictHeating => crate::i18n::t(lang, "charts-district-heat"),
            ChartKind::Waste => crate::i18n::t(lang, "charts-waste"),
            ChartKind::WinterWeek => crate::i18n::t(lang, "view-winter-week"),
            ChartKind::LoadDuration => crate::i18n::t(lang, "view-load-duration"),
        }
    }
}

/// A message for the user (an error keeps the current scenario open).
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Something worked (saved, opened).
    Info(String),
    /// Something failed; the text names file, line, column and field where it can.
    Error(String),
    /// A scenario opened with values outside the usual band (one per line, file:line:column);
    /// it runs all the same.
    Warning(String),
}

impl Notice {
    /// The message's text.
    pub fn text(&self) -> &str {
        match self {
            Notice::Info(t) | Notice::Error(t) | Notice::Warning(t) => t,
        }
    }

    /// What to tell the user after opening `scenario` from `file`: its warnings if it has any,
    /// else that it opened.
    pub fn opened(scenario: &twin_core::Scenario, file: &std::path::Path, lang: Lang) -> Notice {
        if scenario.warnings.is_empty() {
            return Notice::Info(crate::i18n::tr_args(
                lang,
                "session-opened-named",
                &[("name", scenario.name.as_str().into())],
            ));
        }
        let lines: Vec<String> =
            scenario.warnings.iter().map(|w| crate::problem::issue(w, file, lang)).collect();
        Notice::Warning(lines.join("\n"))
    }
}

/// The viewer's display state.
#[derive(Resource, Debug, Clone)]
pub struct ViewState {
    /// Language.
    pub lang: Lang,
    /// Year on the timeline (map, KPI cards and chart marker).
    pub year: i32,
    /// Whether the timeline is playing.
    pub playing: bool,
    /// Seconds accumulated towards the next played year.
    pub play_clock_s: f32,
    /// Index into [`DISTRICT_QUANTITIES`] the map is coloured by.
    pub quantity: usize,
    /// Whether districts are raised in proportion to the quantity.
    pub raised: bool,
    /// Selected district (index into the outcome's districts); narrows the charts.
    pub selected: Option<usize>,
    /// District under the pointer.
    pub hovered: Option<usize>,
    /// Chart on show.
    pub chart: ChartKind,
    /// Large type for a projector.
    pub presenter: bool,
    /// Message to show.
    pub notice: Option<Notice>,
    /// Whether the map area shows A and B side by side (set by the layout from the session's view).
    pub split: bool,
    /// In A | B, colour B by its change against A (else by value, like A).
    pub against_a: bool,
    /// Room the panels left for the map, in logical window pixels: `[min_x, min_y, max_x, max_y]`.
    pub map_rect: Option<[f32; 4]>,
    /// Whether the pointer is over the map and not over a panel or window.
    pub pointer_on_map: bool,
    /// Whether no text field has the keyboard (so keys steer the map and timeline).
    pub keys_free: bool,
    /// Whether no widget at all has the keyboard focus (Space would press a focused button).
    pub focus_free: bool,
}

impl ViewState {
    /// The state for a scenario starting in `base_year`.
    pub fn new(base_year: i32) -> ViewState {
        ViewState {
            lang: Lang::Nb,
            year: base_year,
            playing: false,
            play_clock_s: 0.0,
            quantity: 0,
            raised: false,
            selected: None,
            hovered: None,
            chart: ChartKind::Energy,
            presenter: false,
            notice: None,
            split: false,
            against_a: true,
            map_rect: None,
            pointer_on_map: false,
            keys_free: true,
            focus_free: true,
        }
    }

    /// The name of the map's quantity in the current language.
    pub fn quantity_name(&self) -> &'static str {
        quantity_name(self.quantity, self.lang)
    }
}

/// A district's name in a language: the scenario's name for that language, else its `name`.
pub fn district_name(scenario: &twin_core::Scenario, index: usize, lang: Lang) -> Option<&str> {
    let d = scenario.districts.get(index)?;
    Some(twin_core::scenario::name_in(&d.name, &d.names, lang.code()))
}

/// A district-heating unit's name in a language (units in merit order, as runs list them).
pub fn unit_name(scenario: &twin_core::Scenario, index: usize, lang: Lang) -> Option<&str> {
    let u = scenario.district_heating.units.get(index)?;
    Some(twin_core::scenario::name_in(&u.name, &u.names, lang.code()))
}

/// The name of a map quantity (by its index in [`DISTRICT_QUANTITIES`]) in a language.
pub fn quantity_name(index: usize, lang: Lang) -> &'static str {
    crate::i18n::t(lang, &format!("quantity-{}", DISTRICT_QUANTITIES[index].key))
}

/// A unit as written in the language: the core's units are English (`t CO2e/capita`,
/// `NOK/yr`, `persons`); Norwegian readers get `t CO2e per innb.`, `kr/år`, `personer`.
pub fn unit(lang: Lang, unit: &str) -> String {
    twin_core::catalogue::names::unit_in(unit, |id| crate::i18n::t(lang, id).to_owned())
}

/// Formats a number for people in `lang` (as the handout does): few decimals; in Norwegian a
/// decimal comma and a thin space between thousands (`1 234,5`), in English `1,234.5`.
pub fn fmt_num(value: f64, lang: Lang) -> String {
    twin_core::catalogue::names::format_number(value, lang.code())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_read_in_norwegian() {
        assert_eq!(unit(Lang::Nb, "kg/yr/capita"), "kg/år per innb.");
        assert_eq!(unit(Lang::Nb, "NOK/yr"), "kr/år");
        assert_eq!(unit(Lang::Nn, "persons"), "personar");
        assert_eq!(unit(Lang::Nb, "t CO2e/person"), "t CO2e per innb.");
        assert_eq!(unit(Lang::En, "NOK/yr"), "NOK/yr");
    }

    #[test]
    fn numbers_read_the_way_of_each_language() {
        assert_eq!(fmt_num(1234567.0, Lang::Nb), "1\u{2009}234\u{2009}567");
        assert_eq!(fmt_num(-0.8125, Lang::Nn), "-0,812");
        assert_eq!(fmt_num(12.34, Lang::Nb), "12,3");
        assert_eq!(fmt_num(f64::NAN, Lang::Nb), "–");
        assert_eq!(fmt_num(-1234.5, Lang::En), "-1,234");
        assert_eq!(fmt_num(12.34, Lang::En), "12.3");
    }
}
