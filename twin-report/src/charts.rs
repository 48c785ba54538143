//! The handout's charts as inline SVG (plotters): lines over the years (emissions per person
//! with its target, the grid's peak) and grouped bars for one year (energy by carrier, waste by
//! treatment). The page captions each chart and gives its figures in a table as well.

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

/// Size of a chart, pixels (it scales with the page).
const SIZE: (u32, u32) = (640, 300);

/// One line or one set of bars: its name, colour and values.
pub(crate) struct Series {
    pub name: String,
    pub colour: [u8; 3],
    pub points: Vec<(f64, f64)>,
}

/// A target drawn as a point with its name.
pub(crate) struct Mark {
    pub name: String,
    pub at: (f64, f64),
}

/// A chart's drawing area with its axes, as `plot` hands it to the series.
type Chart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

type Drawn<'e> = Result<(), Box<dyn std::error::Error + 'e>>;

/// How the axes of a chart read: the x labels (how many, and their text) and the y axis.
struct Axes<'a> {
    x_labels: usize,
    x_label: &'a dyn Fn(&f64) -> String,
    y_label: &'a str,
    number: &'a dyn Fn(f64) -> String,
}

/// One chart as SVG: white ground, axes over `x` and `0..y1`, the series `draw` adds, and their
/// legend at the upper right.
fn plot(
    x: std::ops::Range<f64>,
    y1: f64,
    axes: &Axes<'_>,
    draw: impl FnOnce(&mut Chart<'_, '_>) -> Drawn<'static>,
) -> String {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, SIZE).into_drawing_area();
        let drawn = (|| -> Drawn<'_> {
            root.fill(&WHITE)?;
            let mut chart = ChartBuilder::on(&root)
                .margin(12)
                .x_label_area_size(28)
                .y_label_area_size(56)
                .build_cartesian_2d(x, 0.0..y1)?;
            chart
                .configure_mesh()
                .disable_x_mesh()
                .x_labels(axes.x_labels)
                .x_label_formatter(axes.x_label)
                .y_label_formatter(&|y| (axes.number)(*y))
                .y_desc(axes.y_label)
                .label_style(("sans-serif", 15))
                .draw()?;
            draw(&mut chart).map_err(|e| e.to_string())?;
            chart
                .configure_series_labels()
                .background_style(WHITE.mix(0.9))
                .border_style(BLACK.mix(0.3))
                .label_font(("sans-serif", 14))
                .position(SeriesLabelPosition::UpperRight)
                .draw()?;
            root.present()?;
            Ok(())
        })();
        // Drawing into a string cannot fail; a chart that did would only be left empty.
        let _ = drawn;
    }
    hidden(svg)
}

/// Lines over the years, with an optional target point; `y_label` names the unit.
pub(crate) fn lines(
    y_label: &str,
    series: &[Series],
    mark: Option<&Mark>,
    number: &dyn Fn(f64) -> String,
) -> String {
    let xs = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let (x0, x1) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| (a.min(x), b.max(x)));
    let top = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).chain(mark.map(|m| m.at.1));
    let y1 = top.fold(0.0f64, f64::max) * 1.1;
    let (x0, x1, y1) = if x0 < x1 && y1 > 0.0 { (x0, x1, y1) } else { (0.0, 1.0, 1.0) };
    let axes = Axes { x_labels: 6, x_label: &|x| format!("{x:.0}"), y_label, number };
    plot(x0..x1, y1, &axes, |chart| {
        for s in series {
            let colour = RGBColor(s.colour[0], s.colour[1], s.colour[2]);
            chart
                .draw_series(LineSeries::new(s.points.iter().copied(), colour.stroke_width(3)))?
                .label(s.name.as_str())
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], colour.stroke_width(3)));
        }
        if let Some(mark) = mark {
            let red = RGBColor(213, 94, 0);
            chart
                .draw_series([Circle::new(mark.at, 6, red.filled())])?
                .label(mark.name.as_str())
                .legend(move |(x, y)| Circle::new((x + 9, y), 5, red.filled()));
        }
        Ok(())
    })
}

/// Grouped bars: for each category one bar per series (`series[i].points[c].1` is its height).
pub(crate) fn bars(
    y_label: &str,
    categories: &[String],
    series: &[Series],
    number: &dyn Fn(f64) -> String,
) -> String {
    let n = categories.len().max(1) as f64;
    let y1 = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).fold(0.0f64, f64::max) * 1.15;
    let y1 = if y1 > 0.0 { y1 } else { 1.0 };
    let width = 0.8 / series.len().max(1) as f64;
    // A category's name under the middle of its group of bars.
    let name_at = |x: &f64| {
        let middle = (x.fract() - 0.5).abs() < 1e-6;
        if middle { categories.get(x.floor() as usize).cloned().unwrap_or_default() } else { String::new() }
    };
    let axes = Axes { x_labels: categories.len() * 2 + 1, x_label: &name_at, y_label, number };
    plot(0.0..n, y1, &axes, |chart| {
        for (i, s) in series.iter().enumerate() {
            let colour = RGBColor(s.colour[0], s.colour[1], s.colour[2]);
            let left = 0.1 + width * i as f64;
            let rects = s.points.iter().enumerate().map(move |(c, p)| {
                let x = c as f64 + left;
                Rectangle::new([(x, 0.0), (x + width * 0.92, p.1)], colour.filled())
            });
            chart
                .draw_series(rects)?
                .label(s.name.as_str())
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], colour.filled()));
        }
        Ok(())
    })
}

/// The SVG hidden from screen readers: the page gives each chart a caption and the same
/// figures in a table.
fn hidden(svg: String) -> String {
    svg.replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1)
}

/// A district of the map with its value (`None`: no value) and a pin's point with its number.
pub(crate) struct MapLayer<'a> {
    pub geometry: &'a twin_geo::MapGeometry,
    pub values: Vec<Option<f64>>,
    pub pins: Vec<([f64; 2], [u8; 3])>,
}

/// The municipality's districts shaded from light (lowest value) to dark blue (highest) over the
/// sea and the neighbouring land, with numbered pins; `legend` names the two ends of the scale.
pub(crate) fn map(layer: &MapLayer<'_>, legend: [String; 2]) -> String {
    let [x0, y0, x1, y1] = layer.geometry.municipality.bounds();
    let (w, h) = ((x1 - x0).max(1e-6), (y1 - y0).max(1e-6));
    let size = (640u32, ((640.0 * h / w).round() as u32).clamp(240, 720));
    let finite = layer.values.iter().flatten().copied().filter(|v| v.is_finite());
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let shade = |v: f64| {
        let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
        let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
        RGBColor(mix(222.0, 8.0), mix(235.0, 48.0), mix(247.0, 107.0))
    };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let drawn = (|| -> Result<(), Box<dyn std::error::Error + '_>> {
            root.fill(&RGBColor(168, 199, 222))?;
            let pad = 0.04 * w.max(h);
            let mut chart = ChartBuilder::on(&root)
                .margin(4)
                .build_cartesian_2d(x0 - pad..x1 + pad, y0 - pad..y1 + pad)?;
            let land = RGBColor(230, 227, 217);
            for polygon in layer.geometry.land.iter().flat_map(|r| &r.polygons) {
                chart.draw_series([Polygon::new(
                    polygon.rings[0].iter().map(|p| (p[0], p[1])).collect::<Vec<_>>(),
                    land.filled(),
                )])?;
            }
            for (region, value) in layer.geometry.districts.iter().zip(&layer.values) {
                let fill = value.map_or(RGBColor(190, 190, 190), shade);
                for polygon in &region.polygons {
                    let ring: Vec<(f64, f64)> = polygon.rings[0].iter().map(|p| (p[0], p[1])).collect();
                    chart.draw_series([Polygon::new(ring.clone(), fill.filled())])?;
                    let mut closed = ring;
                    closed.extend(closed.first().copied());
                    chart.draw_series([PathElement::new(closed, RGBColor(60, 60, 60).stroke_width(1))])?;
                }
            }
            for (i, (at, colour)) in layer.pins.iter().enumerate() {
                let colour = RGBColor(colour[0], colour[1], colour[2]);
                let at = (at[0], at[1]);
                chart.draw_series([
                    Circle::new(at, 11, colour.filled()),
                    Circle::new(at, 11, BLACK.stroke_width(2)),
                ])?;
                let label = Text::new(
                    format!("{}", i + 1),
                    at,
                    ("sans-serif", 13).into_font().color(&BLACK).pos(plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Center,
                        plotters::style::text_anchor::VPos::Center,
                    )),
                );
                chart.draw_series([label])?;
            }
            let scale = [(legend[0].as_str(), shade(lo)), (legend[1].as_str(), shade(hi))];
            for (i, (name, colour)) in scale.into_iter().enumerate() {
                let y = 12 + 22 * i as i32;
                root.draw(&Rectangle::new([(10, y), (28, y + 16)], colour.filled()))?;
                root.draw(&Rectangle::new([(10, y), (28, y + 16)], BLACK.stroke_width(1)))?;
                root.draw(&Text::new(
                    name.to_owned(),
                    (34, y + 2),
                    ("sans-serif", 14).into_font().color(&BLACK),
                ))?;
            }
            root.present()?;
            Ok(())
        })();
        let _ = drawn;
    }
    hidden(svg)
}
