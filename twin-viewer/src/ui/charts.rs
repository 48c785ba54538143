//! Pathway and hourly charts (egui_plot): energy by carrier (stacked), emissions per resident with
//! the target, the grid peak against the import capacity, district-heating supply by source,
//! waste by treatment route, a winter week hour by hour and the load-duration curve. The
//! baseline is always drawn as a faint line; a vertical line marks the timeline's year.
//!
//! Plain functions over plain data: [`chart_ui`] reads two outcomes and draws.

use egui::{Color32, Ui};
use egui_plot::{FilledArea, HLine, Legend, Line, LineStyle, Plot, PlotPoints, Points, VLine};
use twin_core::kpi::KpiId;
use twin_core::outcome::{HourlyYear, YearResult};
use twin_core::{Carrier, Outcome};

use crate::palette;
use crate::view::{ChartKind, Lang, fmt_num};

/// What a chart shows, besides its kind.
pub struct ChartInput<'a> {
    /// The run with the workshop's levers.
    pub outcome: &'a Outcome,
    /// The scenario's own pathway.
    pub baseline: &'a Outcome,
    /// Narrow to this district (index into the outcome's districts), where the chart can.
    pub district: Option<usize>,
    /// The timeline's year.
    pub year: i32,
    /// The grid's import capacity, MW (drawn on the peak chart).
    pub grid_capacity_mw: f64,
    /// Language.
    pub lang: Lang,
}

/// A carrier's name.
pub fn carrier_name(c: Carrier, lang: Lang) -> &'static str {
    match c {
        Carrier::Electricity => lang.pick("Strøm", "Straum", "Electricity"),
        Carrier::DistrictHeat => lang.pick("Fjernvarme", "Fjernvarme", "District heat"),
        Carrier::Bio => lang.pick("Bio", "Bio", "Bio"),
        Carrier::Oil => lang.pick("Olje", "Olje", "Oil"),
        Carrier::Petrol => lang.pick("Bensin", "Bensin", "Petrol"),
        Carrier::Diesel => lang.pick("Diesel", "Diesel", "Diesel"),
        Carrier::Waste => lang.pick("Avfall", "Avfall", "Waste"),
    }
}

/// The chart's title and unit.
pub fn title(kind: ChartKind, lang: Lang) -> (&'static str, &'static str) {
    match kind {
        ChartKind::Energy => (
            lang.pick(
                "Energibruk etter energibærer",
                "Energibruk etter energiberar",
                "Final energy by carrier",
            ),
            "GWh",
        ),
        ChartKind::Emissions => (
            lang.pick(
                "Klimagassutslipp per innbygger",
                "Klimagassutslepp per innbyggjar",
                "Greenhouse gas per resident",
            ),
            "t CO2e",
        ),
        ChartKind::GridPeak => (
            lang.pick(
                "Høyeste timeeffekt fra nettet",
                "Høgaste timeeffekt frå nettet",
                "Peak hourly grid import",
            ),
            "MW",
        ),
        ChartKind::DistrictHeating => {
            (lang.pick("Fjernvarme etter kilde", "Fjernvarme etter kjelde", "District heat by source"), "GWh")
        }
        ChartKind::Waste => {
            (lang.pick("Avfall etter behandling", "Avfall etter handsaming", "Waste by treatment"), "kt")
        }
        ChartKind::WinterWeek => (
            lang.pick(
                "Kaldeste uke, time for time",
                "Kaldaste veke, time for time",
                "Coldest week, hour by hour",
            ),
            "MW",
        ),
        ChartKind::LoadDuration => (
            lang.pick(
                "Varighetskurve for nettimport",
                "Varigheitskurve for nettimport",
                "Load-duration curve of grid import",
            ),
            "MW",
        ),
    }
}

fn series(outcome: &Outcome, f: impl Fn(&YearResult) -> f64) -> Vec<[f64; 2]> {
    outcome.years.iter().map(|y| [f64::from(y.year), f(y)]).collect()
}

fn baseline_line<'a>(name: &str, points: Vec<[f64; 2]>) -> Line<'a> {
    Line::new(name.to_owned(), PlotPoints::from(points))
        .color(palette::BASELINE)
        .width(2.0)
        .style(LineStyle::dashed_loose())
}

/// Stacked areas: each layer's (name, colour, values) stacked on the ones before.
fn stacked(plot: &mut egui_plot::PlotUi<'_>, xs: &[f64], layers: Vec<(String, Color32, Vec<f64>)>) {
    let mut below = vec![0.0; xs.len()];
    for (name, colour, values) in layers {
        if values.iter().all(|v| v.abs() < 1e-9) {
            continue;
        }
        let above: Vec<f64> = below.iter().zip(&values).map(|(b, v)| b + v).collect();
        plot.add(FilledArea::new(name, xs, &below, &above).fill_color(colour.gamma_multiply(0.85)));
        below = above;
    }
}

/// Draws one chart filling the space given.
pub fn chart_ui(ui: &mut Ui, kind: ChartKind, input: &ChartInput<'_>) {
    let (title, unit) = title(kind, input.lang);
    let lang = input.lang;
    let scope = match (input.district, kind) {
        (Some(d), ChartKind::Energy | ChartKind::Emissions) => {
            input.outcome.district_names.get(d).map_or("", String::as_str).to_owned()
        }
        _ => lang.pick("Hele kommunen", "Heile kommunen", "Whole municipality").to_owned(),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(title).strong().size(16.0));
        ui.label(egui::RichText::new(format!("· {unit} · {scope}")).weak());
    });
    let unit_owned = unit.to_owned();
    let hourly = matches!(kind, ChartKind::WinterWeek | ChartKind::LoadDuration);
    let plot = Plot::new(("chart", kind as u8))
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_boxed_zoom(false)
        .y_axis_min_width(40.0)
        .include_y(0.0)
        .label_formatter(move |hover| {
            let egui_plot::HoverPosition::NearDataPoint { plot_name, position, .. } = hover else {
                return None;
            };
            let at = if hourly { format!("h {:.0}", position.x) } else { format!("{:.0}", position.x) };
            let value = format!("{at}: {} {unit_owned}", fmt_num(position.y));
            Some(if plot_name.is_empty() { value } else { format!("{plot_name}\n{value}") })
        });
    let base_name = lang.pick("Referansebane", "Referansebane", "Baseline");
    let year_marker = VLine::new("", f64::from(input.year)).color(Color32::from_gray(120)).width(1.0);
    plot.show(ui, |plot| match kind {
        ChartKind::Energy => {
            let outcome = input.outcome;
            let xs: Vec<f64> = outcome.years.iter().map(|y| f64::from(y.year)).collect();
            let value = |y: &YearResult, c: Carrier| match input.district {
                Some(d) => y.districts.get(d).map_or(0.0, |dy| dy.final_energy_mwh[c as usize]) / 1000.0,
                None => y.final_energy_of(c) / 1000.0,
            };
            let layers = Carrier::ALL
                .iter()
                .map(|&c| {
                    (
                        carrier_name(c, lang).to_owned(),
                        palette::carrier(c),
                        outcome.years.iter().map(|y| value(y, c)).collect(),
                    )
                })
                .collect();
            stacked(plot, &xs, layers);
            plot.line(baseline_line(
                base_name,
                series(input.baseline, |y| Carrier::ALL.iter().map(|&c| value(y, c)).sum()),
            ));
            plot.add(year_marker);
        }
        ChartKind::Emissions => {
            let per_capita = |y: &YearResult| match input.district {
                Some(d) => y
                    .districts
                    .get(d)
                    .map_or(0.0, |dy| if dy.population > 0.0 { dy.emissions_t / dy.population } else { 0.0 }),
                None => KpiId::GhgPerCapita.value(y),
            };
            plot.line(
                Line::new(
                    lang.pick("Med tiltak", "Med tiltak", "With levers"),
                    PlotPoints::from(series(input.outcome, per_capita)),
                )
                .color(palette::OKABE_ITO[4])
                .width(3.0),
            );
            plot.line(baseline_line(base_name, series(input.baseline, per_capita)));
            if input.district.is_none() {
                for p in twin_core::kpi::progress(input.outcome)
                    .iter()
                    .filter(|p| p.target.kpi == KpiId::GhgPerCapita)
                {
                    let name = format!("{} {}", lang.pick("Mål", "Mål", "Target"), p.target.year);
                    plot.add(
                        HLine::new(name.clone(), p.target_value)
                            .color(palette::TARGET)
                            .style(LineStyle::dashed_dense()),
                    );
                    plot.add(
                        Points::new(name, PlotPoints::from(vec![[f64::from(p.target.year), p.target_value]]))
                            .color(palette::TARGET)
                            .radius(6.0),
                    );
                }
            }
            plot.add(year_marker);
        }
        ChartKind::GridPeak => {
            plot.line(
                Line::new(
                    lang.pick("Med tiltak", "Med tiltak", "With levers"),
                    PlotPoints::from(series(input.outcome, |y| y.grid_peak_mw)),
                )
                .color(palette::OKABE_ITO[4])
                .width(3.0),
            );
            plot.line(baseline_line(base_name, series(input.baseline, |y| y.grid_peak_mw)));
            if input.grid_capacity_mw > 0.0 {
                plot.add(
                    HLine::new(
                        lang.pick("Nettkapasitet", "Nettkapasitet", "Grid capacity"),
                        input.grid_capacity_mw,
                    )
                    .color(palette::TARGET)
                    .style(LineStyle::dashed_dense()),
                );
            }
            plot.add(year_marker);
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
                        .map(|y| y.units.get(u).map_or(0.0, |x| x.heat_mwh) / 1000.0)
                        .collect();
                    (name.clone(), palette::OKABE_ITO[u % 7], values)
                })
                .collect();
            stacked(plot, &xs, layers);
            plot.line(baseline_line(
                base_name,
                series(input.baseline, |y| y.units.iter().map(|u| u.heat_mwh).sum::<f64>() / 1000.0),
            ));
            plot.add(year_marker);
        }
        ChartKind::Waste => {
            let outcome = input.outcome;
            let xs: Vec<f64> = outcome.years.iter().map(|y| f64::from(y.year)).collect();
            let routes: Vec<String> = outcome
                .years
                .first()
                .and_then(|y| y.materials.as_ref())
                .map(|m| m.treated_t.iter().map(|(r, _)| r.clone()).collect())
                .unwrap_or_default();
            let treated = |y: &YearResult, route: &str| {
                y.materials.as_ref().map_or(0.0, |m| {
                    m.treated_t.iter().find(|(r, _)| r == route).map_or(0.0, |(_, t)| *t) / 1000.0
                })
            };
            let layers = routes
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    (
                        route_name(r, lang).to_owned(),
                        palette::OKABE_ITO[i % 7],
                        outcome.years.iter().map(|y| treated(y, r)).collect(),
                    )
                })
                .collect();
            stacked(plot, &xs, layers);
            plot.line(baseline_line(
                base_name,
                series(input.baseline, |y| {
                    y.materials.as_ref().map_or(0.0, |m| m.generated_t.iter().sum::<f64>() / 1000.0)
                }),
            ));
            plot.add(year_marker);
        }
        ChartKind::WinterWeek => {
            let (Some(h), Some(b)) = (hourly_of(input.outcome), hourly_of(input.baseline)) else {
                return;
            };
            let start = coldest_week_start(&h.temperature_c);
            let range = start..(start + 168).min(h.grid_import_mw.len());
            let pts = |v: &[f64]| -> Vec<[f64; 2]> { range.clone().map(|i| [i as f64, v[i]]).collect() };
            let demand: Vec<f64> = (0..h.grid_import_mw.len()).map(|i| h.electricity_demand_mw(i)).collect();
            plot.line(
                Line::new(
                    lang.pick("Strømbehov", "Straumbehov", "Electricity demand"),
                    PlotPoints::from(pts(&demand)),
                )
                .color(palette::OKABE_ITO[4])
                .width(2.5),
            );
            plot.line(
                Line::new(
                    lang.pick("Import fra nettet", "Import frå nettet", "Grid import"),
                    PlotPoints::from(pts(&h.grid_import_mw)),
                )
                .color(palette::OKABE_ITO[5])
                .width(2.0),
            );
            plot.line(
                Line::new(
                    lang.pick("Elbillading", "Elbillading", "EV charging"),
                    PlotPoints::from(pts(&h.ev_charging_mw)),
                )
                .color(palette::OKABE_ITO[6])
                .width(1.5),
            );
            plot.line(
                Line::new(lang.pick("Solkraft", "Solkraft", "Solar"), PlotPoints::from(pts(&h.pv_mw)))
                    .color(palette::OKABE_ITO[0])
                    .width(1.5),
            );
            plot.line(baseline_line(base_name, pts(&b.grid_import_mw)));
        }
        ChartKind::LoadDuration => {
            let (Some(h), Some(b)) = (hourly_of(input.outcome), hourly_of(input.baseline)) else {
                return;
            };
            plot.line(
                Line::new(
                    lang.pick("Med tiltak", "Med tiltak", "With levers"),
                    PlotPoints::from(load_duration(&h.grid_import_mw)),
                )
                .color(palette::OKABE_ITO[4])
                .width(3.0),
            );
            plot.line(baseline_line(base_name, load_duration(&b.grid_import_mw)));
        }
    });
}

fn route_name(route: &str, lang: Lang) -> &str {
    match route {
        "reuse" => lang.pick("Ombruk", "Ombruk", "Reuse"),
        "recycling" => lang.pick("Materialgjenvinning", "Materialattvinning", "Recycling"),
        "biogas" => lang.pick("Biogass", "Biogass", "Biogas"),
        "composting" => lang.pick("Kompostering", "Kompostering", "Composting"),
        "incineration" => lang.pick("Forbrenning", "Forbrenning", "Incineration"),
        "landfill" => lang.pick("Deponi", "Deponi", "Landfill"),
        "hazardous_treatment" => lang.pick("Farlig avfall", "Farleg avfall", "Hazardous treatment"),
        "bottom_ash" => lang.pick("Bunnaske", "Botnoske", "Bottom ash"),
        other => other,
    }
}

fn hourly_of(outcome: &Outcome) -> Option<&HourlyYear> {
    outcome.hourly.first()
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

/// Hours sorted from the highest load down: `[hour rank, MW]`.
pub fn load_duration(load_mw: &[f64]) -> Vec<[f64; 2]> {
    let mut sorted = load_mw.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    sorted.into_iter().enumerate().map(|(i, v)| [i as f64, v]).collect()
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
    fn load_duration_is_sorted_and_keeps_every_hour() {
        let ld = load_duration(&[1.0, 5.0, 3.0]);
        assert_eq!(ld, vec![[0.0, 5.0], [1.0, 3.0], [2.0, 1.0]]);
    }
}
