//! Validation of the policy side: the scenario's own lever settings, KPI targets, uncertain
//! parameters and costs.

use super::Checker;
use crate::catalogue::Catalogue;
use crate::catalogue::kpi::KpiId;
use crate::catalogue::levers::{LeverId, LeverSetting, Levers};
use crate::catalogue::parameter::Parameter;
use crate::scenario::{
    Costs, Distribution, District, DistrictHeating, RawScenario, Target, TargetDirection, TargetValue,
    Uncertainty, lever_base,
};

/// The scenario's levers: "no new policy" from its base year, with the file's settings applied.
pub(super) fn levers(
    c: &mut Checker,
    raw: &RawScenario,
    districts: &[District],
    network: &DistrictHeating,
) -> Levers {
    let mut levers = Levers::no_policy(raw.base_year, |id| lever_base(districts, id));
    for (i, l) in raw.levers.iter().enumerate() {
        let p = format!("levers[{i}]");
        let Some(id) = LeverId::from_key(&l.lever) else {
            c.error(
                format!("{p}.lever"),
                format!("unknown lever {:?}; known levers: {}", l.lever, LeverId::keys()),
            );
            continue;
        };
        if raw.levers[..i].iter().any(|o| o.lever == l.lever) {
            c.error(format!("{p}.lever"), format!("lever {:?} is set twice", l.lever));
        }
        // Without its own start year a lever starts in the base year, which is always in range.
        let start_year = l.start_year.unwrap_or(raw.base_year);
        if l.start_year.is_some() && (start_year < raw.base_year || start_year > raw.end_year) {
            c.error(
                format!("{p}.start_year"),
                format!("expected a year in {}..={}", raw.base_year, raw.end_year),
            );
        }
        if l.ramp_years > 100 {
            c.error(format!("{p}.ramp_years"), "expected at most 100 years");
        }
        if id == LeverId::DistrictHeatingExpansion && l.target > 0.0 && !super::energy::has_capacity(network)
        {
            c.error(
                format!("{p}.target"),
                "district-heating expansion moves floor area onto the network, but \
                 `district_heating.units` has no unit with capacity to heat it",
            );
        }
        let base = levers.get(id).base;
        let setting = LeverSetting { base, target: l.target, start_year, ramp_years: l.ramp_years };
        if let Err(e) = levers.set(id, setting) {
            c.error(format!("{p}.target"), e.to_string());
        }
    }
    levers
}

/// KPI targets: a known KPI, a simulated year, and a value that can mean what it says.
pub(super) fn targets(c: &mut Checker, raw: &RawScenario) -> Vec<Target> {
    if raw.targets.len() > 200 {
        c.error("targets", "expected at most 200 targets");
    }
    let mut targets = Vec::new();
    for (i, t) in raw.targets.iter().enumerate().take(200) {
        let p = format!("targets[{i}]");
        if t.year < raw.base_year || t.year > raw.end_year {
            c.error(format!("{p}.year"), format!("expected a year in {}..={}", raw.base_year, raw.end_year));
        }
        let v = match t.value {
            TargetValue::Absolute(v) | TargetValue::ChangeFromBase(v) => v,
        };
        c.range(format_args!("{p}.value"), v, -1e9, 1e9, "");
        let Some(kpi) = KpiId::from_key(&t.kpi) else {
            c.error(format!("{p}.kpi"), format!("unknown KPI {:?}; known KPIs: {}", t.kpi, KpiId::keys()));
            continue;
        };
        target_value(c, &p, kpi, t.value, t.direction);
        targets.push(Target {
            kpi,
            year: t.year,
            value: t.value,
            direction: t.direction,
            source: t.source.clone(),
        });
    }
    targets
}

/// A target's value against its KPI's unit: a percentage is 0..=100, a change is at least −100 %.
fn target_value(c: &mut Checker, p: &str, kpi: KpiId, value: TargetValue, direction: TargetDirection) {
    let spec = kpi.spec();
    let path = format!("{p}.value");
    match value {
        TargetValue::ChangeFromBase(change) if change < -1.0 => c.error(
            path,
            format!(
                "a change of {change} is more than −100 % (−1.0); `ChangeFromBase(-0.65)` means 65 % lower"
            ),
        ),
        TargetValue::Absolute(v) if spec.unit == "%" && !(0.0..=100.0).contains(&v) => {
            c.error(path, format!("`{}` is measured in % (0 to 100), found {v}", kpi.key()))
        }
        TargetValue::Absolute(v) if spec.unit == "%" && v > 0.0 && v <= 1.0 => {
            let message = format!(
                "`{}` is measured in %, so {v} means {v} %, not {pct} %; write `Absolute({pct})` for {pct} %",
                kpi.key(),
                pct = v * 100.0
            );
            // "At least 0.6 %" is met by almost anything: surely a share written for a percentage.
            match direction {
                TargetDirection::AtLeast => c.error(path, message),
                TargetDirection::AtMost => c.warn(path, message),
            }
        }
        _ => {}
    }
}

/// Uncertain parameters: known, each once, with a distribution inside the parameter's range.
pub(super) fn uncertainties(c: &mut Checker, raw: &RawScenario) -> Vec<Uncertainty> {
    if raw.uncertainties.len() > 100 {
        c.error("uncertainties", "expected at most 100 uncertain parameters");
    }
    let mut uncertainties = Vec::new();
    for (i, u) in raw.uncertainties.iter().enumerate().take(100) {
        let p = format!("uncertainties[{i}]");
        let Some(parameter) = Parameter::from_key(&u.parameter) else {
            c.error(
                format!("{p}.parameter"),
                format!("unknown parameter {:?}; known: {}", u.parameter, Parameter::keys()),
            );
            continue;
        };
        if raw.uncertainties[..i].iter().any(|o| o.parameter == u.parameter) {
            c.error(format!("{p}.parameter"), format!("parameter {:?} is uncertain twice", u.parameter));
        }
        let (lo, hi) = parameter.range();
        if !distribution_fits(&u.distribution, lo, hi) {
            c.error(
                format!("{p}.distribution"),
                format!(
                    "expected an ordered distribution within {lo}..={hi} (normal: mean ± 3 sd within it)"
                ),
            );
        }
        uncertainties.push(Uncertainty { parameter, distribution: u.distribution });
    }
    uncertainties
}

fn distribution_fits(distribution: &Distribution, lo: f64, hi: f64) -> bool {
    let within = |values: &[f64]| values.iter().all(|v| v.is_finite() && *v >= lo && *v <= hi);
    match *distribution {
        Distribution::Uniform { min, max } => within(&[min, max]) && min <= max,
        Distribution::Triangular { min, mode, max } => {
            within(&[min, mode, max]) && min <= mode && mode <= max
        }
        Distribution::Normal { mean, sd } => {
            mean.is_finite() && sd.is_finite() && sd >= 0.0 && within(&[mean - 3.0 * sd, mean + 3.0 * sd])
        }
    }
}

/// Prices, investment costs, lives and the capacity tariff's steps.
pub(super) fn costs(c: &mut Checker, k: &Costs) {
    for (name, v, hi) in [
        ("electricity_nok_per_kwh", k.electricity_nok_per_kwh, 100.0),
        ("district_heat_nok_per_kwh", k.district_heat_nok_per_kwh, 100.0),
        ("bio_nok_per_kwh", k.bio_nok_per_kwh, 100.0),
        ("oil_nok_per_kwh", k.oil_nok_per_kwh, 100.0),
        ("petrol_nok_per_kwh", k.petrol_nok_per_kwh, 100.0),
        ("diesel_nok_per_kwh", k.diesel_nok_per_kwh, 100.0),
        ("household_peak_factor", k.household_peak_factor, 20.0),
        ("discount_rate", k.discount_rate, 0.5),
        ("retrofit_nok_per_m2", k.retrofit_nok_per_m2, 1e6),
        ("heat_pump_nok_per_m2", k.heat_pump_nok_per_m2, 1e6),
        ("district_heating_nok_per_m2", k.district_heating_nok_per_m2, 1e6),
        ("pv_nok_per_kwp", k.pv_nok_per_kwp, 1e6),
        ("ev_extra_nok_per_car", k.ev_extra_nok_per_car, 1e7),
        ("smart_charger_nok_per_ev", k.smart_charger_nok_per_ev, 1e6),
        ("sorting_campaign_nok_per_t", k.sorting_campaign_nok_per_t, 1e6),
    ] {
        c.range(format_args!("costs.{name}"), v, 0.0, hi, "");
    }
    for (i, (process, nok)) in k.waste_nok_per_t.iter().enumerate().take(200) {
        c.range(format_args!("costs.waste_nok_per_t[{i}]"), *nok, 0.0, 1e6, "NOK/t");
        if process.is_empty() {
            c.error(format!("costs.waste_nok_per_t[{i}]"), "expected a process name");
        }
        if k.waste_nok_per_t[..i].iter().any(|(other, _)| other == process) {
            c.error(format!("costs.waste_nok_per_t[{i}]"), format!("process {process:?} is priced twice"));
        }
    }
    c.range("costs.building_measure_life_years", k.building_measure_life_years, 1.0, 200.0, "years");
    c.range("costs.equipment_life_years", k.equipment_life_years, 1.0, 200.0, "years");
    if k.capacity_steps.is_empty() || k.capacity_steps.len() > 50 {
        c.error("costs.capacity_steps", "expected 1 to 50 steps (upper limit kW, NOK per month)");
    }
    for (i, (limit, price)) in k.capacity_steps.iter().enumerate() {
        c.range(format_args!("costs.capacity_steps[{i}]"), *limit, 0.0, 1e9, "kW");
        c.range(format_args!("costs.capacity_steps[{i}]"), *price, 0.0, 1e6, "NOK/month");
        if i > 0 && *limit <= k.capacity_steps[i - 1].0 {
            c.error(format!("costs.capacity_steps[{i}]"), "step limits must increase");
        }
    }
}
