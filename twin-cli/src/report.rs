//! What `twin` prints and writes about a run: the summary table, the KPI table with target
//! progress, the lever and KPI catalogues.

use twin_core::analysis::kpi;
use twin_core::catalogue::Catalogue;
use twin_core::catalogue::kpi::{Direction, KpiId};
use twin_core::catalogue::levers::LeverId;
use twin_core::catalogue::{Carrier, InventorySector, Sector};
use twin_core::outcome::Outcome;
use twin_core::prepare::Prepared;
use twin_core::scenario::TargetDirection;

use crate::emit;

pub(crate) fn print_summary(outcome: &Outcome, prepared: &Prepared) {
    use std::fmt::Write as _;
    let mut o = String::new();
    let _ = writeln!(o, "{}", outcome.scenario);
    let _ = writeln!(
        o,
        "weather year: mean {:.1} °C, minimum {:.1} °C, heating need {:.0} % of normal, \
         global irradiance {:.0} kWh/m², PV yield {:.0} kWh/kWp\n",
        prepared.temperature_c.iter().sum::<f64>() / prepared.temperature_c.len() as f64,
        prepared.temperature_c.iter().copied().fold(f64::INFINITY, f64::min),
        prepared.space_heat_sum * 100.0,
        prepared.ghi_w_m2.iter().sum::<f64>() / 1000.0,
        prepared.pv_yield_kwh_per_kwp
    );
    let _ = writeln!(
        o,
        "{:>6} {:>9} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>9} {:>8} {:>9}",
        "year",
        "residents",
        "electricity",
        "dist.heat",
        "fuels",
        "grid peak",
        "PV",
        "EV",
        "EV share",
        "emissions",
        "per cap",
        "modelled"
    );
    let _ = writeln!(
        o,
        "{:>6} {:>9} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>9} {:>8} {:>9}",
        "", "persons", "GWh", "GWh", "GWh", "MW", "GWh", "GWh", "%", "kt CO2e", "t CO2e", "kt CO2e"
    );
    let last = outcome.years.len().saturating_sub(1);
    for (i, y) in outcome.years.iter().enumerate() {
        if !(i == 0 || i == last || y.year % 5 == 0) {
            continue;
        }
        let fuels: f64 = [Carrier::Bio, Carrier::Oil, Carrier::Petrol, Carrier::Diesel]
            .iter()
            .map(|c| y.final_energy_of(*c))
            .sum();
        let _ = writeln!(
            o,
            "{:>6} {:>9.0} {:>10.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>8.1} {:>9.1} {:>8.2} {:>9.1}",
            y.year,
            y.population,
            y.final_energy_of(Carrier::Electricity) / 1000.0,
            y.final_energy_of(Carrier::DistrictHeat) / 1000.0,
            fuels / 1000.0,
            y.grid.peak_mw,
            y.grid.pv_production_mwh / 1000.0,
            y.transport.ev_charging_mwh / 1000.0,
            y.transport.ev_share * 100.0,
            y.inventory_total_t() / 1000.0,
            if y.population > 0.0 { y.inventory_total_t() / y.population } else { 0.0 },
            y.total_emissions_t() / 1000.0,
        );
    }
    let _ = writeln!(
        o,
        "emissions: the territorial inventory, all nine sectors (EN: EN: AQ: 2C); modelled: the \
         modelled energy use, grid electricity under the scenario's convention"
    );
    write_inventory(&mut o, outcome);
    if let Some(y) = outcome.years.last() {
        let _ = writeln!(o, "\nFinal energy {} by sector (GWh):", y.year);
        for sector in Sector::all() {
            let row = &y.energy.final_mwh[sector];
            let parts: Vec<String> = row
                .iter()
                .filter(|(_, mwh)| **mwh > 0.0)
                .map(|(c, mwh)| format!("{} {:.1}", c.key(), mwh / 1000.0))
                .collect();
            let _ = writeln!(o, "  {:<12} {}", sector.key(), parts.join(", "));
        }
        let _ = writeln!(o, "District-heating supply {} (GWh):", y.year);
        for (name, unit) in outcome.unit_names.iter().zip(&y.heat.units) {
            let _ = writeln!(o, "  {:<40} {:>8.1}", name, unit.heat_mwh / 1000.0);
        }
        if let Some(m) = &y.materials {
            let _ = writeln!(
                o,
                "Waste {}: {:.1} kt generated, {:.0} % sorted at source; to {}",
                y.year,
                m.generated_total_t() / 1000.0,
                m.source_separation_share * 100.0,
                m.sinks_t
                    .iter()
                    .filter(|(_, t)| *t > 0.0)
                    .map(|(name, t)| format!("{name} {:.1} kt", t / 1000.0))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for g in &m.stock {
                let _ = writeln!(
                    o,
                    "Building stock {}: {:.2} M m², built {:.0} m², demolished {:.0} m²",
                    g.group,
                    g.stock_m2 / 1e6,
                    g.construction_m2,
                    g.demolition_m2
                );
            }
            if !m.material_stock_t.is_empty() {
                let _ = writeln!(
                    o,
                    "Materials in buildings: {}; embodied emissions of new buildings {:.1} kt CO2e",
                    m.material_stock_t
                        .iter()
                        .map(|(name, t)| format!("{name} {:.0} kt", t / 1000.0))
                        .collect::<Vec<_>>()
                        .join(", "),
                    m.embodied_emissions_t / 1000.0
                );
            }
        }
        if y.heat.unserved_mwh > 0.0 {
            let _ =
                writeln!(o, "  {:<40} {:>8.1}", "unserved (capacity short)", y.heat.unserved_mwh / 1000.0);
        }
    }
    emit(&o);
}

/// The territorial inventory of the first and last year by sector, with each sector's share.
fn write_inventory(o: &mut String, outcome: &Outcome) {
    use std::fmt::Write as _;
    let (Some(first), Some(last)) = (outcome.years.first(), outcome.years.last()) else { return };
    let _ = writeln!(
        o,
        "\nEmissions by sector, territorial (kt CO2e and share):  {:>16} {:>16}",
        first.year, last.year
    );
    let cell = |y: &twin_core::outcome::YearResult, sector: InventorySector| {
        let t = y.emissions.inventory_t[sector];
        let total = y.inventory_total_t();
        let share = if total > 0.0 { 100.0 * t / total } else { 0.0 };
        format!("{:>8.1} {:>5.1} %", t / 1000.0, share)
    };
    for sector in InventorySector::all() {
        let _ = writeln!(o, "  {:<52} {:>16} {:>16}", sector.key(), cell(first, sector), cell(last, sector));
    }
    if first.emissions.landfill_methane_t > 0.0 {
        let _ = writeln!(
            o,
            "  (landfill methane by first-order decay: {:.1} kt in {}, {:.1} kt in {})",
            first.emissions.landfill_methane_t / 1000.0,
            first.year,
            last.emissions.landfill_methane_t / 1000.0,
            last.year
        );
    }
}

pub(crate) fn print_levers() {
    use std::fmt::Write as _;
    let mut o = String::new();
    let _ =
        writeln!(o, "{:<28} {:<10} {:>8} {:>8} {:>8}  description", "lever", "unit", "min", "max", "default");
    for id in LeverId::all() {
        let spec = id.spec();
        let default = match spec.base {
            twin_core::catalogue::levers::LeverBase::Fixed => format!("{}", spec.default),
            twin_core::catalogue::levers::LeverBase::FromScenario => "base".to_owned(),
        };
        let _ = writeln!(
            o,
            "{:<28} {:<10} {:>8} {:>8} {:>8}  {} ({})",
            id.key(),
            spec.unit,
            spec.min,
            spec.max,
            default,
            spec.label_en,
            spec.description
        );
    }
    emit(&o);
}

/// A number with a sensible number of decimals for a table.
pub(crate) fn num(x: f64) -> String {
    // Show −0 as 0.
    let x = if x == 0.0 { 0.0 } else { x };
    let a = x.abs();
    if a >= 1000.0 {
        format!("{x:.0}")
    } else if a >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

pub(crate) fn print_kpis() {
    let mut o = String::new();
    for id in KpiId::all() {
        let k = id.spec();
        let code = k.code.unwrap_or("extension (not U4SSC)");
        let direction = match k.direction {
            Direction::Lower => "lower is better",
            Direction::Higher => "higher is better",
            Direction::Neutral => "informational",
        };
        o.push_str(&format!(
            "{:<30} {:<22} {} [{}], {}\n    {}\n",
            id.key(),
            code,
            k.name,
            k.unit,
            direction,
            k.formula
        ));
    }
    emit(&o);
}

/// The KPI table of chosen years and the targets' progress, as text.
pub(crate) fn kpi_report(outcome: &Outcome, years: &[i32]) -> String {
    let mut o = String::from("\nKPIs (U4SSC codes; extensions are not U4SSC):\n");
    o.push_str(&format!("  {:<16} {:<52} {:<15}", "code", "KPI", "unit"));
    for y in years {
        o.push_str(&format!(" {y:>10}"));
    }
    o.push('\n');
    for id in KpiId::all() {
        let k = id.spec();
        o.push_str(&format!("  {:<16} {:<52} {:<15}", k.code.unwrap_or("extension"), k.name, k.unit));
        for y in years {
            let v = outcome.year(*y).map_or(f64::NAN, |r| id.value(r));
            o.push_str(&format!(" {:>10}", num(v)));
        }
        o.push('\n');
    }
    let progress = kpi::progress(outcome);
    if !progress.is_empty() {
        o.push_str("\nTargets:\n");
        for p in progress {
            let spec = p.target.kpi.spec();
            let sign = match p.target.direction {
                TargetDirection::AtMost => "≤",
                TargetDirection::AtLeast => "≥",
            };
            o.push_str(&format!(
                "  {} {} {} {} by {}: {} in {} ({}, {:.0} % of the way from {}){}\n",
                spec.name,
                sign,
                num(p.target_value),
                spec.unit,
                p.target.year,
                num(p.value),
                p.target.year,
                if p.met { "met" } else { "not met" },
                p.progress * 100.0,
                num(p.base_value),
                if p.target.source.is_empty() { String::new() } else { format!(" [{}]", p.target.source) },
            ));
        }
    }
    o
}

pub(crate) fn kpis_csv(outcome: &Outcome) -> String {
    let mut o = String::from("year");
    for id in KpiId::all() {
        o.push_str(&format!(",{} ({})", id.key(), id.spec().unit));
    }
    o.push('\n');
    for (y, row) in outcome.years.iter().zip(kpi::table(outcome)) {
        o.push_str(&y.year.to_string());
        for v in row.values() {
            o.push_str(&format!(",{v}"));
        }
        o.push('\n');
    }
    o
}
