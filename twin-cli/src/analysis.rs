//! The analysis commands of `twin`: compare, ensemble, sensitivity, costs and the stand-alone
//! dynamic stock model.

use std::path::Path;

use twin_core::analysis::ensemble::{EnsembleOptions, run_ensemble};
use twin_core::analysis::quantity::QUANTITIES;
use twin_core::analysis::sensitivity::{self, HEADLINE_KPIS};
use twin_core::analysis::{compare, costs};
use twin_core::catalogue::Catalogue;
use twin_core::math::dsm;
use twin_core::model::{RunOptions, run};
use twin_core::prepare::Prepared;
use twin_core::scenario;

use crate::report::num;
use crate::{Failure, emit, levers_with, load, progress_bar, write_file};

pub(crate) fn compare_command(
    a: &Path,
    b: &Path,
    years: Option<Vec<i32>>,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let (sa, sb) = (load(a)?, load(b)?);
    let (oa, ob) = (twin_core::simulate(&sa)?, twin_core::simulate(&sb)?);
    let years = years.unwrap_or_else(|| {
        let mut v = vec![2030, 2040, sa.end_year.min(sb.end_year)];
        v.dedup();
        v
    });
    for y in &years {
        if oa.year(*y).is_none() || ob.year(*y).is_none() {
            return Err(Failure::Input(format!("--years: {y} is not simulated in both scenarios")));
        }
    }
    let diff = compare::compare(&oa, &ob, &years);
    let mut o = format!("A: {} ({})\nB: {} ({})\n", diff.a, a.display(), diff.b, b.display());
    for y in &years {
        o.push_str(&format!(
            "\n{y}\n  {:<32} {:<14} {:>12} {:>12} {:>12} {:>8}\n",
            "quantity", "unit", "A", "B", "B − A", "%"
        ));
        for r in diff.year(*y) {
            let rel = r.relative.map_or_else(|| "–".to_owned(), |x| format!("{:+.1}", x * 100.0));
            o.push_str(&format!(
                "  {:<32} {:<14} {:>12} {:>12} {:>12} {:>8}\n",
                r.quantity,
                r.unit,
                num(r.a),
                num(r.b),
                num(r.difference),
                rel
            ));
        }
    }
    emit(&o);
    if let Some(path) = out {
        let all = compare::compare(&oa, &ob, &[]);
        let mut csv = String::from("year,quantity,unit,a,b,difference,relative\n");
        for r in &all.rows {
            csv.push_str(&format!(
                "{},{},{},{},{},{},{}\n",
                r.year,
                r.quantity,
                r.unit,
                r.a,
                r.b,
                r.difference,
                r.relative.map_or_else(String::new, |x| x.to_string())
            ));
        }
        write_file(path, &csv)?;
    }
    Ok(())
}

pub(crate) fn ensemble_command(
    path: &Path,
    runs: usize,
    threads: Option<usize>,
    fixed_weather: bool,
    set: &[String],
    out: Option<&Path>,
    digest: bool,
) -> Result<(), Failure> {
    let scenario = load(path)?;
    let levers = levers_with(&scenario, set)?;
    if runs == 0 || runs > 1_000_000 {
        return Err(Failure::Input(format!("--runs {runs}: expected 1..=1000000")));
    }
    let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if threads == 0 || threads > 256 {
        return Err(Failure::Input(format!("--threads {threads}: expected 1..=256")));
    }
    let options = EnsembleOptions { runs, threads, vary_weather: !fixed_weather };
    let bar = if digest { None } else { progress_bar(runs, "runs") };
    let progress = |done: usize| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
    };
    let started = std::time::Instant::now();
    let result = run_ensemble(&scenario, &levers, &options, &progress)?;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    if digest {
        emit(&format!("{}\n", result.digest()));
    } else {
        let mut o = format!(
            "{}: {} runs on {} threads in {:.1} s ({} uncertain parameters{})\n\n",
            scenario.name,
            runs,
            threads,
            started.elapsed().as_secs_f64(),
            scenario.uncertainties.len(),
            if fixed_weather { "" } else { ", weather varies" }
        );
        let last = result.years.len().saturating_sub(1);
        let mut shown: Vec<usize> = result.years.iter().position(|y| *y == 2030).into_iter().collect();
        shown.push(last);
        shown.dedup();
        for yi in shown {
            o.push_str(&format!(
                "{}\n  {:<32} {:<15} {:>10} {:>10} {:>10}\n",
                result.years[yi], "quantity", "unit", "P5", "P50", "P95"
            ));
            for (q, p) in QUANTITIES.iter().zip(&result.percentiles[yi]) {
                o.push_str(&format!(
                    "  {:<32} {:<15} {:>10} {:>10} {:>10}\n",
                    q.key,
                    q.unit,
                    num(p.p5),
                    num(p.p50),
                    num(p.p95)
                ));
            }
        }
        emit(&o);
    }
    if let Some(dir) = out {
        let mut csv = String::from("year,quantity,unit,p5,p50,p95,mean\n");
        for (y, row) in result.years.iter().zip(&result.percentiles) {
            for (q, p) in QUANTITIES.iter().zip(row) {
                csv.push_str(&format!("{y},{},{},{},{},{},{}\n", q.key, q.unit, p.p5, p.p50, p.p95, p.mean));
            }
        }
        write_file(&dir.join("ensemble.csv"), &csv)?;
    }
    Ok(())
}

pub(crate) fn sensitivity_command(
    path: &Path,
    year: Option<i32>,
    runs: usize,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let scenario = load(path)?;
    let year = year.unwrap_or(scenario.end_year);
    if year < scenario.base_year || year > scenario.end_year {
        return Err(Failure::Input(format!(
            "--year {year}: outside {}..={}",
            scenario.base_year, scenario.end_year
        )));
    }
    let tornadoes = sensitivity::tornado(&scenario, &scenario.levers, year, &HEADLINE_KPIS)?;
    let mut o = format!("{}: what moves each headline KPI in {year} (one at a time)\n", scenario.name);
    let mut csv = String::from("kpi,unit,factor,low_input,high_input,low_value,high_value,swing\n");
    for t in &tornadoes {
        let spec = t.kpi.spec();
        o.push_str(&format!("\n{} [{}], scenario value {}\n", spec.name, spec.unit, num(t.base_value)));
        let widest = t.bars.first().map_or(0.0, |b| b.swing()).max(1e-300);
        for b in t.bars.iter().take(8) {
            let width = ((b.swing() / widest) * 30.0).round() as usize;
            o.push_str(&format!(
                "  {:<28} {:>10} … {:<10} {:>10} → {:<10} {}\n",
                b.factor.key(),
                num(b.low_input),
                num(b.high_input),
                num(b.low_value),
                num(b.high_value),
                "█".repeat(width)
            ));
        }
        for b in &t.bars {
            csv.push_str(&format!(
                "{},{},{},{},{},{},{},{}\n",
                t.kpi.key(),
                spec.unit,
                b.factor.key(),
                b.low_input,
                b.high_input,
                b.low_value,
                b.high_value,
                b.swing()
            ));
        }
    }
    let mut variance_csv = None;
    if runs > 0 && !scenario.uncertainties.is_empty() {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let result = run_ensemble(
            &scenario,
            &scenario.levers,
            &EnsembleOptions { runs, threads, vary_weather: false },
            &|_| {},
        )?;
        let indices = sensitivity::regression_indices(&result);
        o.push_str(&format!(
            "\nVariance shares at {} from {runs} runs (squared standardised regression coefficients):\n",
            scenario.end_year
        ));
        let mut v = String::from("quantity,parameter,src_squared,r_squared\n");
        for idx in indices.iter().filter(|i| HEADLINE_KPIS.iter().any(|k| k.key() == i.quantity)) {
            let parts: Vec<String> = scenario
                .uncertainties
                .iter()
                .zip(&idx.src_squared)
                .map(|(u, s)| format!("{} {:.0} %", u.parameter.key(), s * 100.0))
                .collect();
            o.push_str(&format!("  {:<32} R² {:.2}: {}\n", idx.quantity, idx.r_squared, parts.join(", ")));
        }
        for idx in &indices {
            for (u, s) in scenario.uncertainties.iter().zip(&idx.src_squared) {
                v.push_str(&format!("{},{},{},{}\n", idx.quantity, u.parameter.key(), s, idx.r_squared));
            }
        }
        variance_csv = Some(v);
    }
    emit(&o);
    if let Some(dir) = out {
        write_file(&dir.join("tornado.csv"), &csv)?;
        if let Some(v) = variance_csv {
            write_file(&dir.join("variance.csv"), &v)?;
        }
    }
    Ok(())
}

pub(crate) fn costs_command(path: &Path, set: &[String], out: Option<&Path>) -> Result<(), Failure> {
    let scenario = load(path)?;
    let levers = levers_with(&scenario, set)?;
    let prepared = Prepared::new(&scenario);
    let outcome = run(&scenario, &levers, &prepared, &RunOptions::default())?;
    let yearly = costs::system_costs(&outcome, &scenario.costs);
    let table = costs::abatement_table(&scenario, &levers, &prepared)?;
    let mut o = format!(
        "{}: costs in MNOK (investments annualised at {:.1} %)\n",
        scenario.name,
        scenario.costs.discount_rate * 100.0
    );
    o.push_str(&format!(
        "  {:>6} {:>12} {:>14} {:>12} {:>10} {:>12} {:>16}\n",
        "year", "investment", "annualised inv.", "energy", "waste", "total", "per household NOK"
    ));
    for (c, y) in yearly.iter().zip(&outcome.years) {
        if !(c.year == scenario.base_year || c.year == scenario.end_year || c.year % 5 == 0) {
            continue;
        }
        o.push_str(&format!(
            "  {:>6} {:>12.1} {:>14.1} {:>12.1} {:>10.1} {:>12.1} {:>16.0}\n",
            c.year,
            c.investment_nok / 1e6,
            c.annualised_investment_nok / 1e6,
            c.energy_nok / 1e6,
            c.waste_nok / 1e6,
            c.total_nok() / 1e6,
            y.household_cost.total_nok()
        ));
    }
    o.push_str("\nCost per tonne CO2e avoided, by lever (against the lever at \"no new policy\"):\n");
    o.push_str(&format!(
        "  {:<28} {:>14} {:>16} {:>14} {:>14}\n",
        "lever", "invest MNOK", "Δ cost PV MNOK", "avoided kt", "NOK/t CO2e"
    ));
    let mut csv = String::from("lever,investment_nok,cost_change_nok,abated_t,nok_per_t\n");
    for a in &table {
        o.push_str(&format!(
            "  {:<28} {:>14.1} {:>16.1} {:>14.1} {:>14}\n",
            a.lever.key(),
            a.investment_nok / 1e6,
            a.cost_change_nok / 1e6,
            a.abated_t / 1000.0,
            a.nok_per_t.map_or_else(|| "–".to_owned(), |x| format!("{x:.0}"))
        ));
        csv.push_str(&format!(
            "{},{},{},{},{}\n",
            a.lever.key(),
            a.investment_nok,
            a.cost_change_nok,
            a.abated_t,
            a.nok_per_t.map_or_else(String::new, |x| x.to_string())
        ));
    }
    if table.is_empty() {
        o.push_str("  (no lever differs from \"no new policy\"; set one with --set)\n");
    }
    emit(&o);
    if let Some(dir) = out {
        let mut c = String::from(
            "year,investment_nok,annualised_investment_nok,energy_nok,waste_nok,total_nok,household_cost_nok\n",
        );
        for (k, y) in yearly.iter().zip(&outcome.years) {
            c.push_str(&format!(
                "{},{},{},{},{},{},{}\n",
                k.year,
                k.investment_nok,
                k.annualised_investment_nok,
                k.energy_nok,
                k.waste_nok,
                k.total_nok(),
                y.household_cost.total_nok()
            ));
        }
        write_file(&dir.join("costs.csv"), &c)?;
        write_file(&dir.join("abatement.csv"), &csv)?;
    }
    Ok(())
}

/// Reads a CSV of (year, value) rows (see [`twin_core::io::parse_series`]).
pub(crate) fn read_series(path: &Path) -> Result<(Vec<f64>, Vec<f64>), Failure> {
    let text = scenario::read_text(path).map_err(|e| Failure::Input(e.to_string()))?;
    twin_core::io::parse_series(&text).map_err(|e| Failure::Input(format!("{}:{e}", path.display())))
}

pub(crate) fn stock_command(
    inflow: Option<&Path>,
    stock: Option<&Path>,
    lifetime: &str,
    out: Option<&Path>,
) -> Result<(), Failure> {
    let lifetime = dsm::Lifetime::parse(lifetime).map_err(|e| Failure::Input(format!("--lifetime {e}")))?;
    let (path, driven_by_inflow) = match (inflow, stock) {
        (Some(p), None) => (p, true),
        (None, Some(p)) => (p, false),
        _ => return Err(Failure::Input("give exactly one of --inflow FILE or --stock FILE".into())),
    };
    let (years, values) = read_series(path)?;
    let result = if driven_by_inflow {
        dsm::inflow_driven(&years, &values, &lifetime)
    } else {
        dsm::stock_driven(&years, &values, &lifetime)
    }
    .map_err(|e| Failure::Input(format!("{}: {e}", path.display())))?;
    let mut csv = String::from("year,inflow,outflow,stock\n");
    for i in 0..result.years.len() {
        csv.push_str(&format!(
            "{},{},{},{}\n",
            result.years[i], result.inflow[i], result.outflow[i], result.stock[i]
        ));
    }
    match out {
        Some(path) => write_file(path, &csv),
        None => {
            emit(&csv);
            Ok(())
        }
    }
}
