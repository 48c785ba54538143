//! Pathway and hourly charts (egui_plot): energy by carrier (stacked), emissions per resident by
//! sector of the territorial inventory (stacked, each named with its share in the timeline's
//! year; on the projector the small sectors gathered into one) beside the modelled energy use's
//! emissions and the target, the grid peak against the import capacity, district-heating supply
//! by source, waste by treatment route, a winter week hour by hour and the load-duration curve.
//! The baseline is always drawn as a faint line; a vertical line marks the timeline's year.
//! Legends sit below the plot, each entry whole on a row, and the plot leaves them the height
//! they took when last drawn.
//!
//! Plain functions over plain data: [`chart_ui`] reads two outcomes and draws.

use egui::{Color32, Ui};
use egui_plot::{FilledArea, HLine, Line, LineStyle, Plot, PlotPoints, Points, VLine};
use twin_core::catalogue::kpi::KpiId;
use twin_core::catalogue::{Catalogue, InventorySector};
use twin_core::outcome::YearResult;
use twin_core::{Carrier, Outcome};

use crate::i18n::tr_args;
use crate::palette;
use crate::sim::Derived;
use crate::view::{ChartKind, Lang, fmt_num};

/// What a chart shows, besides its kind.
pub struct ChartInput<'a> {
    /// The variant compared (B).
    pub outcome: &'a Outcome,
    /// The reference (A), drawn faint.
    pub baseline: &'a Outcome,
    /// Names of B and A for the legend.
    pub names: [&'a str; 2],
    /// What was derived from B's and A's results once (target progress, load-duration curves).
    pub derived: [&'a Derived; 2],
    /// Narrow to this district (index into the outcome's districts), where the chart can.
    pub district: Option<usize>,
    /// The timeline's year.
    pub year: i32,
    /// The scenario B ran on (names of districts and units in the language).
    pub scenario: &'a twin_core::Scenario,
    /// The grid's import capacity, MW (drawn on the peak chart).
    pub grid_capacity_mw: f64,
    /// Language.
    pub lang: Lang,
    /// A picture for the wall (the projector): no readout or crosshair where the pointer is.
    pub still: bool,
}

/// A carrier's name.
pub fn carrier_name(c: Carrier, lang: Lang) -> &'static str {
    match c {
        Carrier::Electricity => crate::i18n::t(lang, "charts-electricity"),
        Carrier::DistrictHeat => crate::i18n::t(lang, "charts-district-heat"),
        Carrier::Bio => crate::i18n::t(lang, "charts-bio"),
        Carrier::Oil => crate::i18n::t(lang, "charts-oil"),
        Carrier::Petrol => crate::i18n::t(lang, "charts-petrol"),
        Carrier::Diesel => crate::i18n::t(lang, "charts-diesel"),
        Carrier::Waste => crate::i18n::t(lang, "charts-waste"),
    }
}

/// The chart's title and unit.
pub fn title(kind: ChartKind, lang: Lang) -> (&'static str, &'static str) {
    match kind {
        ChartKind::Energy => (crate::i18n::t(lang, "charts-final-energy-by-carrier"), "GWh"),
        ChartKind::Emissions => (crate::i18n::t(lang, "charts-greenhouse-gas-per-resident"), "t CO2e"),
        ChartKind::GridPeak => (crate::i18n::t(lang, "charts-peak-hourly-grid-import"), "MW"),
        ChartKind::DistrictHeating => (crate::i18n::t(lang, "charts-district-heat-by-source"), "GWh"),
        ChartKind::Waste => (crate::i18n::t(lang, "charts-waste-by-treatment"), "kt"),
        ChartKind::WinterWeek => (crate::i18n::t(lang, "charts-coldest-week-hour-by-hour"), "MW"),
        ChartKind::LoadDuration => (crate::i18n::t(lang, "charts-load-duration-curve-of-grid"), "MW"),
    }
}

/// Height first kept below a chart for its legend, points, until the legend has been drawn once
/// and measured.
fn legend_height(kind: ChartKind, district: Option<usize>) -> f32 {
    if kind == ChartKind::Emissions && district.is_none() { 120.0 } else { 70.0 }
}

/// Largest text size of a legend, points: the projector's 28-point text would leave its chart
/// little room, and 24 points is still read from the back row.
const LEGEND_MAX_TEXT_PT: f32 = 24.0;

/// Colours of the inventory's sectors in catalogue order: Okabe–Ito's first five and its purple
/// (not its vermillion, the target's colour, nor its black, unseen on the dark theme), then
/// brown, olive and grey.
fn sector_colour(i: usize) -> Color32 {
    const COLOURS: [Color32; 9] = [
        palette::OKABE_ITO[0],
        palette::OKABE_ITO[1],
        palette::OKABE_ITO[2],
        palette::OKABE_ITO[3],
        palette::OKABE_ITO[4],
        palette::OKABE_ITO[6],
        Color32::from_rgb(0x9C, 0x6B, 0x3F),
        Color32::from_rgb(0x8C, 0x9A, 0x3C),
        Color32::from_gray(150),
    ];
    COLOURS.get(i).copied().unwrap_or(Color32::from_gray(150))
}

/// The years of an outcome as chart x values.
fn xs_of(outcome: &Outcome) -> Vec<f64> {
    outcome.years.iter().map(|y| f64::from(y.year)).collect()
}

/// Share of the total below which the projector's chart gathers a sector into "other sectors":
/// its legend must stay short at the projector's text size.
const PROJECTOR_MIN_SECTOR_SHARE_PCT: f64 = 8.0;

/// The territorial inventory's sectors per resident as stacked layers, each named with its share
/// of the total in `year` (`Veitrafikk 35 %`). Sectors the municipality never has are left out;
/// those under `min_share_pct` in `year` are gathered into one grey layer.
fn sector_layers(
    outcome: &Outcome,
    year: i32,
    min_share_pct: f64,
    lang: Lang,
) -> Vec<(String, Color32, Vec<f64>)> {
    let at = outcome.year(year).or(outcome.years.first());
    let share_pct = |sector: InventorySector| {
        at.map_or(0.0, |y| {
            let total = y.inventory_total_t();
            if total > 0.0 { 100.0 * y.emissions.inventory_t[sector] / total } else { 0.0 }
        })
    };
    let per_resident = |sector: InventorySector| -> Vec<f64> {
        let value = |y: &YearResult| {
            if y.population > 0.0 { y.emissions.inventory_t[sector] / y.population } else { 0.0 }
        };
        outcome.years.iter().map(value).collect()
    };
    let mut layers = Vec::new();
    let (mut other_share_pct, mut other) = (0.0, vec![0.0; outcome.years.len()]);
    for (i, sector) in InventorySector::all().enumerate() {
        // A sector the municipality never has (no farms, no airport) only lengthens the legend.
        if outcome.years.iter().all(|y| y.emissions.inventory_t[sector] == 0.0) {
            continue;
        }
        let share = share_pct(sector);
        if share < min_share_pct {
            other_share_pct += share;
            other.iter_mut().zip(per_resident(sector)).for_each(|(o, v)| *o += v);
            continue;
        }
        let name = crate::i18n::t(lang, &format!("inventory-{}", sector.key()));
        layers.push((format!("{name} {share:.0}\u{a0}%"), sector_colour(i), per_resident(sector)));
    }
    if other_share_pct > 0.0 {
        let name = crate::i18n::t(lang, "charts-other-sectors");
        layers.push((format!("{name} {other_share_pct:.0}\u{a0}%"), Color32::from_gray(105), other));
    }
    layers
}

fn series(outcome: &Outcome, f: impl Fn(&YearResult) -> f64) -> Vec<[f64; 2]> {
    outcome.years.iter().map(|y| [f64::from(y.year), f(y)]).collect()
}

/// One entry of a chart's legend: name, colour, dashed.
pub type LegendEntry = (String, Color32, bool);

/// Adds items to a plot and remembers their legend entries (drawn below the plot, so the
/// legend never covers the data).
struct Items<'p, 'a> {
    plot: &'p mut egui_plot::PlotUi<'a>,
    legend: Vec<LegendEntry>,
    /// A differs from B: with the same run on both sides the reference line would only repeat
    /// B's (and its name in the legend).
    reference: bool,
}

impl Items<'_, '_> {
    fn line(&mut self, name: &str, points: Vec<[f64; 2]>, colour: Color32, width: f32) {
        self.plot.line(Line::new(name.to_owned(), PlotPoints::from(points)).color(colour).width(width));
        self.legend.push((name.to_owned(), colour, false));
    }

    /// The baseline: always a faint dashed line.
    fn baseline(&mut self, name: &str, points: Vec<[f64; 2]>) {
        if !self.reference {
            return;
        }
        self.plot.line(
            Line::new(name.to_owned(), PlotPoints::from(points))
                .color(palette::BASELINE)
                .width(2.0)
                .style(LineStyle::dashed_loose()),
        );
        self.legend.push((name.to_owned(), palette::BASELINE, true));
    }

    /// A dashed horizontal reference (target, capacity).
    fn level(&mut self, name: &str, y: f64) {
        self.plot.add(HLine::new(name.to_owned(), y).color(palette::TARGET).style(LineStyle::dashed_dense()));
        self.legend.push((name.to_owned(), palette::TARGET, true));
    }

    /// Stacked areas: each layer's (name, colour, values) on top of the ones before; layers that
    /// are zero throughout are left out.
    fn stacked(&mut self, xs: &[f64], layers: Vec<(String, Color32, Vec<f64>)>) {
        let mut below = vec![0.0; xs.len()];
        for (name, colour, values) in layers {
            if values.iter().all(|v| v.abs() < 1e-9) {
                continue;
            }
            let above: Vec<f64> = below.iter().zip(&values).map(|(b, v)| b + v).collect();
            self.plot.add(
                FilledArea::new(name.clone(), xs, &below, &above).fill_color(colour.gamma_multiply(0.85)),
            );
            self.legend.push((name, colour, false));
            below = above;
        }
    }

    /// The timeline's year.
    fn year(&mut self, year: i32) {
        self.plot.add(VLine::new("", f64::from(year)).color(Color32::from_gray(120)).width(1.0));
    }
}

/// Size of a legend entry's swatch, points.
const SWATCH: egui::Vec2 = egui::vec2(18.0, 12.0);

/// Draws a legend as wrapped rows of swatches, each entry whole on one row; returns the height
/// it took.
pub fn legend_ui(ui: &mut Ui, entries: &[LegendEntry]) -> f32 {
    let body = ui.style().text_styles.get(&egui::TextStyle::Body).map_or(14.0, |f| f.size);
    let size = body.min(LEGEND_MAX_TEXT_PT);
    let response = ui.horizontal_wrapped(|ui| {
        for (name, colour, dashed) in entries {
            let text = egui::WidgetText::from(egui::RichText::new(name).size(size)).into_galley(
                ui,
                Some(egui::TextWrapMode::Extend),
                f32::INFINITY,
                egui::TextStyle::Body,
            );
            let entry_width = SWATCH.x + ui.spacing().item_spacing.x + text.size().x;
            if entry_width > ui.available_size_before_wrap().x {
                ui.end_row();
            }
            swatch(ui, *colour, *dashed);
            ui.add(egui::Label::new(text));
            ui.add_space(6.0);
        }
    });
    response.response.rect.height()
}

/// A legend entry's swatch: a filled box, or a dashed line for a reference or a target.
fn swatch(ui: &mut Ui, colour: Color32, dashed: bool) {
    let (rect, _) = ui.allocate_exact_size(SWATCH, egui::Sense::hover());
    if dashed {
        let y = rect.center().y;
        for i in 0..3 {
            let x = rect.left() + i as f32 * 7.0;
            ui.painter()
                .line_segment([egui::pos2(x, y), egui::pos2(x + 4.0, y)], egui::Stroke::new(2.5, colour));
        }
    } else {
        ui.painter().rect_filled(rect, 2.0, colour);
    }
}

/// Draws one chart filling the space given, with its legend below.
pub fn chart_ui(ui: &mut Ui, kind: ChartKind, input: &ChartInput<'_>) {
    let (title, unit) = title(kind, input.lang);
    let lang = input.lang;
    let scope = match (input.district, kind) {
        (Some(d), ChartKind::Energy | ChartKind::Emissions) => {
            crate::view::district_name(input.scenario, d, lang)
                .or_else(|| input.outcome.district_names.get(d).map(String::as_str))
                .unwrap_or("")
                .to_owned()
        }
        _ => crate::i18n::t(lang, "charts-whole-municipality").to_owned(),
    };
    ui.horizontal_wrapped(|ui| {
        // A little larger than the body text (16 at the operator's 14, 28 on the projector).
        let size = ui.style().text_styles.get(&egui::TextStyle::Body).map_or(14.0, |f| f.size) + 2.0;
        ui.label(egui::RichText::new(title).strong().size(size));
        ui.label(egui::RichText::new(format!("· {unit} · {scope}")).weak());
    });
    let unit_owned = unit.to_owned();
    let x_name = match kind {
        ChartKind::WinterWeek => crate::i18n::t(lang, "charts-day").to_owned(),
        ChartKind::LoadDuration => crate::i18n::t(lang, "charts-hours").to_owned(),
        _ => String::new(),
    };
    let still = input.still;
    // Room below for the legend, as tall as it was when last drawn at this width.
    let legend_id = ui.id().with(("chart-legend", kind as u8, input.district.is_some()));
    let width = ui.available_width();
    let kept_legend_pt = ui
        .data(|d| d.get_temp::<(f32, f32)>(legend_id))
        .filter(|(w, _)| (w - width).abs() < 1.0)
        .map_or_else(|| legend_height(kind, input.district), |(_, h)| h);
    let plot = Plot::new(("chart", kind as u8))
        .height((ui.available_height() - kept_legend_pt).max(120.0))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .y_axis_min_width(40.0)
        .include_y(0.0)
        .show_x(!still)
        .show_y(!still)
        .label_formatter(move |hover| {
            let egui_plot::HoverPosition::NearDataPoint { plot_name, position, .. } = hover else {
                return None;
            };
            if still {
                return None;
            }
            let at = match kind {
                ChartKind::WinterWeek => {
                    let day = format!("{:.1}", position.x);
                    let day = if lang == Lang::En { day } else { day.replace('.', ",") };
                    format!("{x_name} {day}")
                }
                ChartKind::LoadDuration => format!("{:.0} {x_name}", position.x),
                _ => format!("{:.0}", position.x),
            };
            let value = format!("{at}: {} {unit_owned}", fmt_num(position.y, lang));
            Some(if plot_name.is_empty() { value } else { format!("{plot_name}\n{value}") })
        });
    let [with_levers, base_name] = input.names;
    let blue = palette::OKABE_ITO[4];
    let response = plot.show(ui, |plot| {
        let reference = !std::ptr::eq(input.outcome, input.baseline);
        let mut items = Items { plot, legend: Vec::new(), reference };
        match kind {
            ChartKind::Energy => {
                let xs: Vec<f64> = input.outcome.years.iter().map(|y| f64::from(y.year)).collect();
                let value = |y: &YearResult, c: Carrier| match input.district {
                    Some(d) => y.districts.get(d).map_or(0.0, |dy| dy.final_energy_mwh[c]) / 1000.0,
                    None => y.final_energy_of(c) / 1000.0,
                };
                let layers = Carrier::all()
                    .map(|c| {
                        let values = input.outcome.years.iter().map(|y| value(y, c)).collect();
                        (carrier_name(c, lang).to_owned(), palette::carrier(c), values)
                    })
                    .collect();
                items.stacked(&xs, layers);
                items.baseline(
                    base_name,
                    series(input.baseline, |y| Carrier::all().map(|c| value(y, c)).sum()),
                );
                items.year(input.year);
            }
            ChartKind::Emissions => {
                let per_capita = |y: &YearResult| match input.district {
                    Some(d) => y.districts.get(d).map_or(0.0, |dy| {
                        if dy.population > 0.0 { dy.emissions_t / dy.population } else { 0.0 }
                    }),
                    None => KpiId::GhgPerCapita.value(y),
                };
                if input.district.is_none() {
                    // The projector (a still chart) gathers the small sectors; the operator sees all.
                    let min_share_pct = if input.still { PROJECTOR_MIN_SECTOR_SHARE_PCT } else { 0.0 };
                    let layers = sector_layers(input.outcome, input.year, min_share_pct, lang);
                    items.stacked(&xs_of(input.outcome), layers);
                    let modelled = crate::i18n::t(lang, "charts-modelled-energy-use");
                    items.line(
                        modelled,
                        series(input.outcome, |y| KpiId::ModelledGhgPerCapita.value(y)),
                        Color32::from_gray(235),
                        2.0,
                    );
                } else {
                    items.line(with_levers, series(input.outcome, per_capita), blue, 3.0);
                }
                items.baseline(base_name, series(input.baseline, per_capita));
                if input.district.is_none() {
                    for p in input.derived[0].progress.iter().filter(|p| p.target.kpi == KpiId::GhgPerCapita)
                    {
                        let name = tr_args(
                            lang,
                            "charts-target-year",
                            &[("year", p.target.year.to_string().into())],
                        );
                        items.level(&name, p.target_value);
                        let point = vec![[f64::from(p.target.year), p.target_value]];
                        items.plot.add(
                            Points::new(name, PlotPoints::from(point)).color(palette::TARGET).radius(6.0),
                        );
                    }
                }
                items.year(input.year);
            }
            ChartKind::GridPeak => {
                items.line(with_levers, series(input.outcome, |y| y.grid.peak_mw), blue, 3.0);
                items.baseline(base_name, series(input.baseline, |y| y.grid.peak_mw));
                if input.grid_capacity_mw > 0.0 {
                    items.level(crate::i18n::t(lang, "charts-grid-capacity"), input.grid_capacity_mw);
                }
                items.year(input.year);
            }
            ChartKind::DistrictHeating => {
                let outcome = input.outcome;
                let xs: Vec<f64> = outcome.years.iter().map(|y| f64::from(y.year)).collect();
                let layers = outcome
                    .unit_names
                    .iter()
                    .enumerate()
                    .map(|(u, name)| {
                        let values = outcome
                            .years
                            .iter()
                            .map(|y| y.heat.units.get(u).map_or(0.0, |x| x.heat_mwh) / 1000.0)
                            .collect();
                        let name = crate::view::unit_name(input.scenario, u, lang).unwrap_or(name);
                        (name.to_owned(), palette::OKABE_ITO[u % 7], values)
                    })
                    .collect();
                items.stacked(&xs, layers);
                items.baseline(
                    base_name,
                    series(input.baseline, |y| y.heat.units.iter().map(|u| u.heat_mwh).sum::<f64>() / 1000.0),
                );
                items.year(input.year);
            }
            ChartKind::Waste => {
                let outcome = input.outcome;
                let xs: Vec<f64> = outcome.years.iter().map(|y| f64::from(y.year)).collect();
                let routes: Vec<String> = outcome
                    .years
                    .first()
                    .and_then(|y| y.materials.as_ref())
                    .map(|m| m.treated_t.iter().map(|(r, _)| r.to_string()).collect())
                    .unwrap_or_default();
                let treated = |y: &YearResult, route: &str| {
                    y.materials.as_ref().map_or(0.0, |m| {
                        m.treated_t.iter().find(|(r, _)| **r == *route).map_or(0.0, |(_, t)| *t) / 1000.0
                    })
                };
                let layers = routes
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let values = outcome.years.iter().map(|y| treated(y, r)).collect();
                        (route_name(r, lang).to_owned(), palette::OKABE_ITO[i % 7], values)
                    })
                    .collect();
                items.stacked(&xs, layers);
                let generated = |y: &YearResult| {
                    y.materials.as_ref().map_or(0.0, |m| m.generated_t.iter().sum::<f64>() / 1000.0)
                };
                items.baseline(
                    &tr_args(lang, "charts-all-waste-of", &[("name", base_name.into())]),
                    series(input.baseline, generated),
                );
                items.year(input.year);
            }
            ChartKind::WinterWeek => {
                let (Some(h), Some(b)) = (input.outcome.hourly.first(), input.baseline.hourly.first()) else {
                    return Vec::new();
                };
                let start = coldest_week_start(&h.temperature_c);
                let range = start..(start + 168).min(h.grid_import_mw.len());
                let pts = |v: &[f64]| -> Vec<[f64; 2]> {
                    range.clone().map(|i| [i as f64 / 24.0 + 1.0, v[i]]).collect()
                };
                let demand: Vec<f64> =
                    (0..h.grid_import_mw.len()).map(|i| h.electricity_demand_mw(i)).collect();
                items.line(crate::i18n::t(lang, "charts-electricity-demand"), pts(&demand), blue, 3.0);
                items.line(
                    crate::i18n::t(lang, "charts-grid-import"),
                    pts(&h.grid_import_mw),
                    palette::OKABE_ITO[5],
                    1.5,
                );
                items.line(
                    crate::i18n::t(lang, "charts-ev-charging"),
                    pts(&h.ev_charging_mw),
                    palette::OKABE_ITO[6],
                    1.5,
                );
                items.line(crate::i18n::t(lang, "charts-solar"), pts(&h.pv_mw), palette::OKABE_ITO[0], 1.5);
                items.baseline(
                    &tr_args(lang, "charts-import-of", &[("name", base_name.into())]),
                    pts(&b.grid_import_mw),
                );
            }
            ChartKind::LoadDuration => {
                let [b, a] = input.derived;
                if b.load_duration.is_empty() || a.load_duration.is_empty() {
                    return Vec::new();
                }
                items.line(with_levers, b.load_duration.clone(), blue, 3.0);
                items.baseline(base_name, a.load_duration.clone());
                if input.grid_capacity_mw > 0.0 {
                    items.level(crate::i18n::t(lang, "charts-grid-capacity"), input.grid_capacity_mw);
                }
            }
        }
        items.legend
    });
    let legend_pt = legend_ui(ui, &response.inner) + ui.spacing().item_spacing.y;
    if (legend_pt - kept_legend_pt).abs() > 1.0 {
        ui.data_mut(|d| d.insert_temp(legend_id, (width, legend_pt)));
        // The chart's height follows in the next frame.
        ui.ctx().request_repaint();
    }
}

fn route_name(route: &str, lang: Lang) -> &str {
    match route {
        "reuse" => crate::i18n::t(lang, "charts-reuse"),
        "recycling" => crate::i18n::t(lang, "charts-recycling"),
        "biogas" => crate::i18n::t(lang, "charts-biogas"),
        "composting" => crate::i18n::t(lang, "charts-composting"),
        "incineration" => crate::i18n::t(lang, "charts-incineration"),
        "landfill" => crate::i18n::t(lang, "charts-landfill"),
        "hazardous_treatment" => crate::i18n::t(lang, "charts-hazardous-treatment"),
        "bottom_ash" => crate::i18n::t(lang, "charts-bottom-ash"),
        other => other,
    }
}

/// First hour of the 7-day window with the lowest mean temperature.
pub fn coldest_week_start(temperature_c: &[f64]) -> usize {
    const WEEK: usize = 168;
    if temperature_c.len() <= WEEK {
        return 0;
    }
    let mut sum: f64 = temperature_c[..WEEK].iter().sum();
    let (mut best, mut best_sum) = (0, sum);
    for start in 1..=temperature_c.len() - WEEK {
        sum += temperature_c[start + WEEK - 1] - temperature_c[start - 1];
        if sum < best_sum {
            (best, best_sum) = (start, sum);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coldest_week_is_found() {
        let mut t = vec![5.0; 8760];
        for v in &mut t[1000..1168] {
            *v = -15.0;
        }
        assert_eq!(coldest_week_start(&t), 1000);
        assert_eq!(coldest_week_start(&[1.0; 10]), 0);
    }

    #[test]
    fn the_projector_gathers_small_sectors_and_keeps_the_total() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../scenarios/alesund.ron");
        let text = std::fs::read_to_string(path).expect("Ålesund's scenario");
        let scenario = twin_core::Scenario::from_str_named(&text, path.as_ref()).expect("valid");
        let outcome = twin_core::simulate(&scenario).expect("runs");
        let all = sector_layers(&outcome, 2030, 0.0, Lang::En);
        let gathered = sector_layers(&outcome, 2030, PROJECTOR_MIN_SECTOR_SHARE_PCT, Lang::En);
        assert!(gathered.len() < all.len(), "{} layers of {}", gathered.len(), all.len());
        assert!(gathered.last().is_some_and(|(name, ..)| name.starts_with("Other sectors")));
        for (i, y) in outcome.years.iter().enumerate() {
            let total = |layers: &[(String, Color32, Vec<f64>)]| layers.iter().map(|l| l.2[i]).sum::<f64>();
            let inventory = y.inventory_total_t() / y.population;
            assert!((total(&all) - inventory).abs() < 1e-9 * inventory, "{}", y.year);
            assert!((total(&gathered) - inventory).abs() < 1e-9 * inventory, "{}", y.year);
        }
    }
}
