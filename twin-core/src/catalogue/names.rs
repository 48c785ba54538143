//! The catalogue's names in bokmål, nynorsk and English: every lever's name and description,
//! lever group, KPI and map quantity, as Project Fluent message files (`twin-core/i18n/*.ftl`,
//! ids `lever-<key>`, `lever-<key>-about`, `lever-group-<group>`, `kpi-<key>`, `quantity-<key>`).
//! The core only carries the text; the viewer and the handout format it with their own Fluent
//! bundles, so both say the same.

/// The message files by language code (`nb`, `nn`, `en`).
pub const MESSAGES: [(&str, &str); 3] = [
    ("nb", include_str!("../../i18n/nb.ftl")),
    ("nn", include_str!("../../i18n/nn.ftl")),
    ("en", include_str!("../../i18n/en.ftl")),
];
