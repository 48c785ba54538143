//! The catalogue's names in bokmål, nynorsk and English: every lever's name and description,
//! lever group, KPI and map quantity, as Project Fluent message files (`twin-core/i18n/*.ftl`,
//! ids `lever-<key>`, `lever-<key>-about`, `lever-group-<group>`, `kpi-<key>`, `quantity-<key>`,
//! `unit-<word>` for the words of the core's units ([`UNIT_WORDS`]), and `influence-<key>` and
//! `influence-<key>-about` for the influence levels of a workshop).
//! The core only carries the text; the viewer and the handout format it with their own Fluent
//! bundles, so both say the same. Numbers are written the same way in both ([`format_number`]).

/// The message files by language code (`nb`, `nn`, `en`).
pub const MESSAGES: [(&str, &str); 3] = [
    ("nb", include_str!("../../i18n/nb.ftl")),
    ("nn", include_str!("../../i18n/nn.ftl")),
    ("en", include_str!("../../i18n/en.ftl")),
];

/// The words of the core's units (which are English: `t CO2e/capita`, `NOK/yr`, `persons`), each
/// with the message that says it in a language; longest first, so `/yr/capita` goes before `/yr`.
pub const UNIT_WORDS: [(&str, &str); 15] = [
    ("of the base-year stock per year", "unit-of-stock-per-year"),
    ("m² floor per m² land", "unit-floor-per-land"),
    ("m² per resident", "unit-per-resident"),
    ("residents/km²", "unit-residents-per-km2"),
    ("(share)", "unit-share"),
    ("degrees", "unit-degrees"),
    ("cars", "unit-cars"),
    ("years", "unit-years"),
    ("/month", "unit-per-month"),
    ("persons", "unit-persons"),
    ("NOK", "unit-nok"),
    ("/yr/capita", "unit-per-year-per-capita"),
    ("/capita", "unit-per-capita"),
    ("/person", "unit-per-capita"),
    ("/yr", "unit-per-year"),
];

/// A unit of the core written with `say`, which gives a `unit-…` message in the reader's
/// language: `NOK/yr` becomes `kr/år` in Norwegian.
///
/// ```
/// use twin_core::catalogue::names::unit_in;
/// let norwegian = |id: &str| match id { "unit-nok" => "kr", "unit-per-year" => "/år", _ => "?" }.to_owned();
/// assert_eq!(unit_in("NOK/yr", norwegian), "kr/år");
/// ```
pub fn unit_in(unit: &str, say: impl Fn(&str) -> String) -> String {
    UNIT_WORDS.iter().fold(unit.to_owned(), |text, (word, id)| text.replace(word, &say(id)))
}

/// A number for people in a language (`nb`, `nn` or `en`): few decimals; in Norwegian a decimal
/// comma and a thin space between thousands (`1 234,5`), in English a point and commas
/// (`1,234.5`); `–` for NaN or an infinity.
///
/// ```
/// use twin_core::catalogue::names::format_number;
/// assert_eq!(format_number(1234567.0, "nb"), "1\u{2009}234\u{2009}567");
/// assert_eq!(format_number(12.34, "nn"), "12,3");
/// assert_eq!(format_number(-1234.5, "en"), "-1,234");
/// assert_eq!(format_number(0.8125, "en"), "0.812");
/// ```
pub fn format_number(value: f64, lang: &str) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let decimals = match value.abs() {
        a if a >= 100.0 => 0,
        a if a >= 10.0 => 1,
        a if a >= 1.0 => 2,
        _ => 3,
    };
    let (thousands, decimal) = if lang == "en" { (',', '.') } else { ('\u{2009}', ',') };
    let text = format!("{value:.decimals$}");
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::from(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(thousands);
        }
        grouped.push(c);
    }
    if !frac.is_empty() {
        grouped.push(decimal);
        grouped.push_str(frac);
    }
    grouped
}
