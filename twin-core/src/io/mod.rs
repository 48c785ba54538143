//! Files in and out: yearly, per-district and hourly tables as CSV (one row per year or hour,
//! one column per quantity, the unit in every column name), the whole outcome as JSON, and the
//! `year,value` series `twin stock` reads; a batch's result file ([`batch`]).
//!
//! Files are written atomically: into a temporary file in the target folder, flushed to disk,
//! then renamed over the target, so a crash never leaves a half-written result. The files of
//! one result are flushed together ([`write_all_atomic`]). A batch's result file is the one
//! exception: it grows row by row and is cut back to its last whole row when continued
//! ([`batch`]).

use std::io::Write;
use std::path::Path;

pub mod batch;

use crate::catalogue::{Carrier, Catalogue, InventorySector, Sector};
use crate::outcome::{HourlyYear, Outcome};

/// Writes `bytes` to `path` atomically (temporary file in the same folder, fsync, rename, then
/// fsync of the folder so the rename itself survives a power cut). A file written over keeps its
/// permissions; a new one gets those of a file people share (read for all, on Unix `rw-r--r--`),
/// not the temporary file's private ones.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = folder_of(path);
    let tmp = written_temporary(dir, path, bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_folder(dir);
    Ok(())
}

/// Writes several files into `dir` (which must exist), each atomically as [`write_atomic`] does,
/// but flushed to disk together: every file goes to a temporary file, all of them are synced at
/// once (in parallel, so the file system commits them together), then each is renamed over its
/// target and the folder is synced once. A crash leaves every file whole, old or new.
pub fn write_all_atomic(dir: &Path, files: &[(&str, &[u8])]) -> std::io::Result<()> {
    let temporaries = files
        .iter()
        .map(|(name, bytes)| written_temporary(dir, &dir.join(name), bytes))
        .collect::<std::io::Result<Vec<_>>>()?;
    std::thread::scope(|scope| {
        let syncs: Vec<_> = temporaries.iter().map(|t| scope.spawn(|| t.as_file().sync_all())).collect();
        syncs
            .into_iter()
            .try_for_each(|sync| sync.join().unwrap_or_else(|_| Err(std::io::Error::other("sync failed"))))
    })?;
    for (tmp, (name, _)) in temporaries.into_iter().zip(files) {
        tmp.persist(dir.join(name)).map_err(|e| e.error)?;
    }
    sync_folder(dir);
    Ok(())
}

/// The folder a path is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `bytes` in a new temporary file in `dir`, with the permissions `target` has (or those of a
/// shared file), not yet synced.
fn written_temporary(dir: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    if let Some(permissions) =
        std::fs::metadata(target).ok().map(|m| m.permissions()).or_else(shared_permissions)
    {
        builder.permissions(permissions);
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    Ok(tmp)
}

/// Makes a folder's entries (renames into it) durable, where folders can be opened for that.
fn sync_folder(dir: &Path) {
    if let Ok(folder) = std::fs::File::open(dir) {
        let _ = folder.sync_all();
    }
}

/// The permissions of a new file people share: on Unix `rw-r--r--`; elsewhere the default.
fn shared_permissions() -> Option<std::fs::Permissions> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(std::fs::Permissions::from_mode(0o644))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// A line of a `year,value` series that is not two numbers.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{line}: expected two numbers `year,value`, found {text:?}")]
pub struct SeriesError {
    /// Line, from 1.
    pub line: usize,
    /// The line as written.
    pub text: String,
}

/// Parses a CSV of `year,value` rows (a stock or inflow series for `twin stock`). A first row
/// that is not numeric is a header; blank lines and lines starting with `#` are skipped.
///
/// ```
/// let (years, values) = twin_core::io::parse_series("year,stock\n2000, 5\n# note\n2001,6.5\n").unwrap();
/// assert_eq!((years, values), (vec![2000.0, 2001.0], vec![5.0, 6.5]));
/// assert_eq!(twin_core::io::parse_series("2000,1\nx,2").unwrap_err().line, 2);
/// ```
pub fn parse_series(text: &str) -> Result<(Vec<f64>, Vec<f64>), SeriesError> {
    let (mut years, mut values) = (Vec::new(), Vec::new());
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let parsed = match fields.as_slice() {
            [y, v] => y.parse::<f64>().ok().zip(v.parse::<f64>().ok()),
            _ => None,
        };
        match parsed {
            Some((y, v)) => {
                years.push(y);
                values.push(v);
            }
            None if years.is_empty() && i == 0 => {} // header
            None => return Err(SeriesError { line: i + 1, text: line.to_owned() }),
        }
    }
    Ok((years, values))
}

/// Lower-case ASCII slug of a name for column headers ("Fornebu HP" → "fornebu_hp").
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for ch in name.chars() {
        let mapped = match ch {
            'æ' | 'Æ' => Some("ae"),
            'ø' | 'Ø' => Some("o"),
            'å' | 'Å' => Some("a"),
            _ => None,
        };
        if let Some(m) = mapped {
            out.push_str(m);
        } else if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_owned()
}

/// A CSV table written straight into its text, for the long tables: each number is formatted
/// into one reused buffer and handed to the csv writer (no string per cell), the output
/// pre-sized for its rows.
struct Table {
    out: csv::Writer<Vec<u8>>,
    cell: String,
}

impl Table {
    fn new(header: &[String], rows: usize) -> Table {
        // About twenty characters a number.
        let mut out = csv::Writer::from_writer(Vec::with_capacity((rows + 1) * header.len() * 20));
        // Writing into a Vec cannot fail.
        let _ = out.write_record(header);
        Table { out, cell: String::with_capacity(32) }
    }

    /// The next cell of the row, as `Display` writes it (the same text as `to_string`).
    fn cell(&mut self, value: impl std::fmt::Display) {
        use std::fmt::Write as _;
        self.cell.clear();
        let _ = write!(self.cell, "{value}");
        let _ = self.out.write_field(&self.cell);
    }

    /// The next cell, a number, as `Display` writes it (no exponent, no `.0` after a whole
    /// number), from Ryū's shortest digits that read back as the same number, which is faster
    /// than formatting with `Display` (Bærum's `twin run --out`: 97 → 78 ms). The one
    /// difference: where two shortest texts lie equally near the number (its exact value ends
    /// in a 5 one digit further), Ryū takes the even one and `Display` the one above; both read
    /// back the same. The rare number Ryū writes with an exponent (or NaN, infinity) goes
    /// through `Display`.
    fn number(&mut self, value: f64) {
        let mut digits = ryu::Buffer::new();
        let text = digits.format(value);
        if text.contains(['e', 'N', 'i']) {
            self.cell(value);
        } else {
            let _ = self.out.write_field(text.strip_suffix(".0").unwrap_or(text));
        }
    }

    fn end_row(&mut self) {
        let _ = self.out.write_record(None::<&[u8]>);
    }

    fn finish(self) -> String {
        String::from_utf8(self.out.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

fn csv_string(header: Vec<String>, rows: Vec<Vec<String>>) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing into a Vec cannot fail.
    let _ = w.write_record(&header);
    for row in rows {
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The yearly table of the municipality.
pub fn yearly_csv(outcome: &Outcome) -> String {
    let mut header: Vec<String> = vec!["year".into(), "population_persons".into()];
    for sector in Sector::all() {
        for carrier in Carrier::all() {
            header.push(format!("final_{}_{}_mwh", sector.key(), carrier.key()));
        }
    }
    for carrier in Carrier::all() {
        header.push(format!("district_heating_input_{}_mwh", carrier.key()));
    }
    header.extend(
        [
            "heat_need_mwh",
            "electricity_demand_mwh",
            "grid_import_mwh",
            "grid_export_mwh",
            "grid_peak_mw",
            "grid_peak_hour",
            "grid_overload_hours",
            "pv_installed_kwp",
            "pv_production_mwh",
            "pv_self_consumed_mwh",
            "chp_electricity_mwh",
            "ev_charging_mwh",
            "ev_share",
            "district_heat_delivered_mwh",
            "district_heat_loss_mwh",
            "district_heat_unserved_mwh",
        ]
        .map(String::from),
    );
    for name in &outcome.unit_names {
        header.push(format!("district_heat_from_{}_mwh", slug(name)));
    }
    for carrier in Carrier::all() {
        header.push(format!("emissions_{}_t", carrier.key()));
    }
    for sector in Sector::all() {
        header.push(format!("emissions_{}_t", sector.key()));
    }
    header.push("emissions_total_t".into());
    for sector in InventorySector::all() {
        header.push(format!("inventory_{}_t", sector.key()));
    }
    header.extend(["inventory_landfill_methane_t", "inventory_total_t"].map(String::from));

    let rows = outcome
        .years
        .iter()
        .map(|y| {
            let mut row = vec![y.year.to_string(), y.population.to_string()];
            row.extend(y.energy.final_mwh.values().flat_map(|row| row.values()).map(f64::to_string));
            row.extend(y.heat.input_mwh.values().map(f64::to_string));
            row.extend([
                y.buildings.heat_need_mwh.to_string(),
                y.grid.demand_mwh.to_string(),
                y.grid.import_mwh.to_string(),
                y.grid.export_mwh.to_string(),
                y.grid.peak_mw.to_string(),
                y.grid.peak_hour.to_string(),
                y.grid.overload_hours.to_string(),
                y.grid.pv_installed_kwp.to_string(),
                y.grid.pv_production_mwh.to_string(),
                y.grid.pv_self_consumed_mwh.to_string(),
                y.grid.chp_electricity_mwh.to_string(),
                y.transport.ev_charging_mwh.to_string(),
                y.transport.ev_share.to_string(),
                y.heat.delivered_mwh.to_string(),
                y.heat.loss_mwh.to_string(),
                y.heat.unserved_mwh.to_string(),
            ]);
            row.extend(y.heat.units.iter().map(|u| u.heat_mwh.to_string()));
            row.extend(y.emissions.by_carrier_t.values().map(f64::to_string));
            row.extend(y.emissions.by_sector_t.values().map(f64::to_string));
            row.push(y.total_emissions_t().to_string());
            row.extend(y.emissions.inventory_t.values().map(f64::to_string));
            row.push(y.emissions.landfill_methane_t.to_string());
            row.push(y.inventory_total_t().to_string());
            row
        })
        .collect();
    csv_string(header, rows)
}

/// One row per year and district.
pub fn districts_csv(outcome: &Outcome) -> String {
    let mut header: Vec<String> =
        ["year", "district_code", "district_name", "population_persons", "floor_area_m2", "heat_need_mwh"]
            .map(String::from)
            .to_vec();
    for carrier in Carrier::all() {
        header.push(format!("final_{}_mwh", carrier.key()));
    }
    header.extend(
        ["ev_charging_mwh", "pv_installed_kwp", "pv_production_mwh", "emissions_t"].map(String::from),
    );
    let mut rows = Vec::new();
    for y in &outcome.years {
        for (i, d) in y.districts.iter().enumerate() {
            let mut row = vec![
                y.year.to_string(),
                outcome.district_codes[i].clone(),
                outcome.district_names[i].clone(),
                d.population.to_string(),
                d.floor_area_m2.to_string(),
                d.heat_need_mwh.to_string(),
            ];
            row.extend(d.final_energy_mwh.values().map(f64::to_string));
            row.extend([
                d.ev_charging_mwh.to_string(),
                d.pv_installed_kwp.to_string(),
                d.pv_production_mwh.to_string(),
                d.emissions_t.to_string(),
            ]);
            rows.push(row);
        }
    }
    csv_string(header, rows)
}

/// Material flows of every year as a flow table (one row per year, origin, destination and
/// material), from which a Sankey diagram can be drawn. Empty if materials are not modelled.
pub fn material_flows_csv(outcome: &Outcome) -> String {
    let header = ["year", "from", "to", "flow", "material", "mass_t"].map(String::from).to_vec();
    let mut rows = Vec::new();
    for y in &outcome.years {
        let Some(m) = &y.materials else { continue };
        for f in &m.flows {
            rows.push(vec![
                y.year.to_string(),
                f.from.to_string(),
                f.to.to_string(),
                format!("{} => {}", f.from, f.to),
                f.material.to_string(),
                f.mass_t.to_string(),
            ]);
        }
    }
    csv_string(header, rows)
}

/// Waste totals, building stock and materials of every year.
pub fn materials_csv(outcome: &Outcome) -> String {
    let Some(first) = outcome.years.iter().find_map(|y| y.materials.as_ref()) else {
        return String::new();
    };
    let mut header: Vec<String> =
        ["year", "waste_generated_t", "source_separation_share", "incinerated_t", "incinerated_energy_mwh"]
            .map(String::from)
            .to_vec();
    header.extend(first.sinks_t.iter().map(|(name, _)| format!("to_{name}_t")));
    for g in &first.stock {
        header.extend([
            format!("{}_stock_m2", g.group),
            format!("{}_construction_m2", g.group),
            format!("{}_demolition_m2", g.group),
        ]);
    }
    header.extend(first.material_stock_t.iter().map(|(m, _)| format!("stock_{m}_t")));
    header.extend(first.demolition_t.iter().map(|(m, _)| format!("demolished_{m}_t")));
    header.extend(
        ["reused_building_materials_t", "embodied_emissions_t", "embodied_emissions_avoided_t"]
            .map(String::from),
    );
    let mut rows = Vec::new();
    for y in &outcome.years {
        let Some(m) = &y.materials else { continue };
        let mut row = vec![
            y.year.to_string(),
            m.generated_total_t().to_string(),
            m.source_separation_share.to_string(),
            m.incinerated_t.to_string(),
            m.incinerated_energy_mwh.to_string(),
        ];
        row.extend(m.sinks_t.iter().map(|(_, t)| t.to_string()));
        for g in &m.stock {
            row.extend([g.stock_m2.to_string(), g.construction_m2.to_string(), g.demolition_m2.to_string()]);
        }
        row.extend(m.material_stock_t.iter().map(|(_, t)| t.to_string()));
        row.extend(m.demolition_t.iter().map(|(_, t)| t.to_string()));
        row.extend([
            m.reused_building_materials_t.to_string(),
            m.embodied_emissions_t.to_string(),
            m.embodied_emissions_avoided_t.to_string(),
        ]);
        rows.push(row);
    }
    csv_string(header, rows)
}

/// The hourly table of one year (hour 0 = 1 January 00:00–01:00 local standard time).
pub fn hourly_csv(hourly: &HourlyYear, unit_names: &[String]) -> String {
    let mut header: Vec<String> = [
        "hour",
        "temperature_c",
        "building_electricity_mw",
        "ev_charging_mw",
        "district_heating_electricity_mw",
        "other_electricity_mw",
        "pv_mw",
        "chp_electricity_mw",
        "grid_import_mw",
        "grid_export_mw",
        "district_heat_demand_mw",
        "district_heat_delivered_mw",
        "district_heat_loss_mw",
        "district_heat_unserved_mw",
    ]
    .map(String::from)
    .to_vec();
    for name in unit_names {
        header.push(format!("district_heat_from_{}_mw", slug(name)));
    }
    let columns = [
        &hourly.temperature_c,
        &hourly.building_electricity_mw,
        &hourly.ev_charging_mw,
        &hourly.district_heating_electricity_mw,
        &hourly.pv_mw,
        &hourly.chp_electricity_mw,
        &hourly.grid_import_mw,
        &hourly.grid_export_mw,
        &hourly.district_heat_demand_mw,
        &hourly.district_heat_delivered_mw,
        &hourly.district_heat_loss_mw,
        &hourly.district_heat_unserved_mw,
    ];
    let hours = hourly.temperature_c.len();
    let mut table = Table::new(&header, hours);
    for h in 0..hours {
        table.cell(h);
        // The electrified inventory sources' flat load follows the heat plant's electricity.
        for column in &columns[..4] {
            table.number(column[h]);
        }
        table.number(hourly.other_electricity_mw);
        for column in columns[4..].iter().copied().chain(&hourly.unit_heat_mw) {
            table.number(column[h]);
        }
        table.end_row();
    }
    table.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tables_numbers_read_back_exactly_and_match_display_at_an_hourly_tables_sizes() {
        let special = [0.0, -0.0, 1.0, -2.5, 0.1 + 0.2, 1e-7, 1e15, 1e16, 1e21, 123.456, 5e-324];
        let special = special.into_iter().chain([f64::MIN_POSITIVE, f64::MAX, f64::NAN, f64::INFINITY]);
        // Any bit pattern, and values of the sizes an hourly table holds (0.001 to 10,000).
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let random: Vec<u64> = (0..100_000).map(|_| next()).collect();
        let (any, sized) = random.split_at(50_000);
        let values: Vec<f64> = special
            .chain(any.iter().map(|bits| f64::from_bits(*bits)))
            .chain(sized.iter().map(|r| 10f64.powf((r % 7_000_000) as f64 / 1e6 - 3.0)))
            .collect();
        let mut table = Table::new(&["x".to_owned()], values.len());
        for value in &values {
            table.number(*value);
            table.end_row();
        }
        let text = table.finish();
        let (mut lines, mut differ) = (text.lines().skip(1), 0);
        for value in &values {
            let (written, display) = (lines.next().unwrap_or_default(), value.to_string());
            let read: f64 = written.parse().unwrap_or_else(|_| panic!("{written} is not a number"));
            assert!(
                read.to_bits() == value.to_bits() || value.is_nan(),
                "{written} reads back as {read}, not {value}"
            );
            assert_eq!(written.len(), display.len(), "{written} is as short as {display}");
            differ += usize::from(written != display);
        }
        // Ties are rare among arbitrary bits (about 1 in 4000), and none of the values of an
        // hourly table's sizes here is one.
        assert!(differ < 100, "{differ} numbers written otherwise than Display writes them");
        let first_sized = values.len() - sized.len();
        let sized_lines: Vec<&str> = text.lines().skip(1 + first_sized).collect();
        let display: Vec<String> = values[first_sized..].iter().map(f64::to_string).collect();
        assert_eq!(sized_lines, display);
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Fornebu sjøvann-VP (Hafslund)"), "fornebu_sjovann_vp_hafslund");
        assert_eq!(slug("Bærum"), "baerum");
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.csv");
        write_atomic(&path, b"first").expect("write");
        write_atomic(&path, b"second").expect("write");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn several_files_are_written_whole_with_nothing_left_over() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_atomic(&dir.path().join("a.csv"), b"old").expect("write");
        write_all_atomic(dir.path(), &[("a.csv", b"new a"), ("b.csv", b"new b")]).expect("write");
        assert_eq!(std::fs::read(dir.path().join("a.csv")).expect("read"), b"new a");
        assert_eq!(std::fs::read(dir.path().join("b.csv")).expect("read"), b"new b");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2, "no temporary file left");
        let missing = dir.path().join("no such folder");
        assert!(write_all_atomic(&missing, &[("c.csv", b"c")]).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_readable_by_all_and_one_written_over_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
        let (new, private) = (dir.path().join("handout.html"), dir.path().join("session.ron"));
        write_atomic(&new, b"page").expect("write");
        assert_eq!(mode(&new), 0o644);
        write_atomic(&private, b"first").expect("write");
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        write_atomic(&private, b"second").expect("write");
        assert_eq!(mode(&private), 0o600);
    }
}
