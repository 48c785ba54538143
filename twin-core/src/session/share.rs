//! Share codes: a variant's levers, the scenario it runs on and the model version in at most 48
//! characters (a group's usual code, a few levers moved, takes 20–25) of Crockford base32 (digits and capitals without I, L, O or U; typed in lower case
//! or with I, L and O for 1, 1 and 0 it still reads), short enough to read aloud or print under a
//! QR code. The same scenario and model reproduce the variant's outcome bit for bit.
//!
//! The bits, in order: the model version (10), the scenario's identity (20 of its name's hash and
//! 28 of its text's hash, so a refusal can say whether the code was made with another scenario or
//! another version of this one), a mask of the levers whose target differs from the scenario's own
//! (one bit per lever), each such target on its lever's grid, and a 10-bit check. A target is held
//! to 0.1 percentage point for a share (a whole point for the levers that electrify inventory
//! sources), 0.01 for a yearly rate and a whole year for a year: as fine as any panel shows. [`encode`] returns the levers as the code holds them, so a handout made from
//! them is exactly what the code reproduces.

use crate::catalogue::Catalogue;
use crate::catalogue::levers::{LeverId, Levers};
use crate::scenario::Scenario;

/// The model's version in share codes: raise it when a change to the model changes results, so
/// old codes are refused rather than silently giving other numbers.
pub const MODEL_VERSION: u16 = 2;

/// Longest share code, characters.
pub const MAX_CODE_CHARS: usize = 48;

const VERSION_BITS: u32 = 10;
const NAME_BITS: u32 = 20;
const TEXT_BITS: u32 = 28;
const CHECK_BITS: u32 = 10;
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Which scenario a code was made with: its name and its text, hashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScenarioId {
    name: u64,
    text: u64,
}

impl ScenarioId {
    /// The identity of a scenario named `name` whose file reads `text`.
    pub fn of(name: &str, text: &str) -> ScenarioId {
        ScenarioId {
            name: hash_bits(name.as_bytes(), NAME_BITS),
            text: hash_bits(text.as_bytes(), TEXT_BITS),
        }
    }
}

/// Why a share code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CodeError {
    /// A character outside the code's alphabet.
    #[error("share code: {0:?} is not a letter or digit of a share code")]
    BadCharacter(char),
    /// Too short, too long, or a typing error (the check does not match).
    #[error("share code: not a valid code (mistyped, or cut short?)")]
    Malformed,
    /// Made by another version of the model.
    #[error(
        "share code: made with model version {code}, this is version {this}; open it with that version of twin"
    )]
    OtherModel {
        /// The code's model version.
        code: u16,
        /// This build's.
        this: u16,
    },
    /// Made with a scenario of another name.
    #[error("share code: made with another scenario than {this:?}")]
    OtherScenario {
        /// The scenario given.
        this: String,
    },
    /// Made with another version of this scenario (same name, other contents).
    #[error("share code: made with another version of the scenario {this:?} (its file has changed since)")]
    OtherVersion {
        /// The scenario given.
        this: String,
    },
}

/// The grid a lever's target is held to in a code: targets are `k / scale` for whole `k`.
fn scale(lever: LeverId) -> f64 {
    match lever.spec().unit {
        "year" => 1.0,
        "share/yr" => 10_000.0,
        _ if LeverId::ELECTRIFYING.contains(&lever) => 100.0,
        _ => 1_000.0,
    }
}

/// The lowest grid step of a lever and how many bits its targets take.
fn grid(lever: LeverId) -> (i64, u32) {
    let spec = lever.spec();
    let lo = (spec.min * scale(lever)).round() as i64;
    let hi = (spec.max * scale(lever)).round() as i64;
    (lo, u64::BITS - ((hi - lo) as u64).leading_zeros())
}

/// The code for `levers` on `scenario` (identified by `id`), and the levers as the code holds
/// them (each moved target on its grid; the others the scenario's own).
pub fn encode(scenario: &Scenario, id: ScenarioId, levers: &Levers) -> (String, Levers) {
    let mut bits = Bits::default();
    bits.push(u64::from(MODEL_VERSION), VERSION_BITS);
    bits.push(id.name, NAME_BITS);
    bits.push(id.text, TEXT_BITS);
    let moved: Vec<LeverId> =
        LeverId::all().filter(|l| levers.get(*l).target != scenario.levers.get(*l).target).collect();
    let mask = moved.iter().fold(0u64, |m, l| m | 1 << *l as u32);
    bits.push(mask, LeverId::all().count() as u32);
    let mut held = scenario.levers;
    for lever in moved {
        let (lo, width) = grid(lever);
        let k = (levers.get(lever).target * scale(lever)).round() as i64;
        let spec = lever.spec();
        let k = k.clamp(lo, (spec.max * scale(lever)).round() as i64);
        bits.push((k - lo) as u64, width);
        // On the grid and inside the range, so this cannot fail.
        let _ = held.set_target(lever, k as f64 / scale(lever));
    }
    let check = hash_bits(&bits.bytes(), CHECK_BITS);
    bits.push(check, CHECK_BITS);
    (bits.base32(), held)
}

/// The levers a code holds, if it was made with this model and `scenario` (identified by `id`).
pub fn decode(code: &str, scenario: &Scenario, id: ScenarioId) -> Result<Levers, CodeError> {
    let mut bits = Bits::from_base32(code)?;
    if bits.len < VERSION_BITS + NAME_BITS + TEXT_BITS + CHECK_BITS {
        return Err(CodeError::Malformed);
    }
    let version = bits.take(VERSION_BITS)? as u16;
    let (name, text) = (bits.take(NAME_BITS)?, bits.take(TEXT_BITS)?);
    let mask = bits.take(LeverId::all().count() as u32)?;
    let mut levers = scenario.levers;
    for lever in LeverId::all().filter(|l| mask & (1 << *l as u32) != 0) {
        let (lo, width) = grid(lever);
        let k = lo + bits.take(width)? as i64;
        levers.set_target(lever, k as f64 / scale(lever)).map_err(|_| CodeError::Malformed)?;
    }
    let payload_bits = bits.read;
    let check = bits.take(CHECK_BITS)?;
    if bits.rest_is_padding() && check == hash_bits(&bits.prefix_bytes(payload_bits), CHECK_BITS) {
        if version != MODEL_VERSION {
            return Err(CodeError::OtherModel { code: version, this: MODEL_VERSION });
        }
        if name != id.name {
            return Err(CodeError::OtherScenario { this: scenario.name.clone() });
        }
        if text != id.text {
            return Err(CodeError::OtherVersion { this: scenario.name.clone() });
        }
        return Ok(levers);
    }
    Err(CodeError::Malformed)
}

fn hash_bits(bytes: &[u8], bits: u32) -> u64 {
    let hash = blake3::hash(bytes);
    let first: [u8; 8] = hash.as_bytes()[..8].try_into().unwrap_or_default();
    u64::from_le_bytes(first) & ((1u64 << bits) - 1)
}

/// A bit string, most significant bit first, written and read a field at a time.
#[derive(Debug, Clone, Default)]
struct Bits {
    bytes: Vec<u8>,
    len: u32,
    read: u32,
}

impl Bits {
    fn push(&mut self, value: u64, width: u32) {
        for i in (0..width).rev() {
            if self.len.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if value >> i & 1 == 1 {
                let last = self.bytes.len() - 1;
                self.bytes[last] |= 0x80 >> (self.len % 8);
            }
            self.len += 1;
        }
    }

    fn bit(&self, at: u32) -> u64 {
        u64::from(self.bytes[(at / 8) as usize] >> (7 - at % 8) & 1)
    }

    fn take(&mut self, width: u32) -> Result<u64, CodeError> {
        if self.read + width > self.len {
            return Err(CodeError::Malformed);
        }
        let value = (self.read..self.read + width).fold(0, |v, at| v << 1 | self.bit(at));
        self.read += width;
        Ok(value)
    }

    /// Whether what is left unread is the zero padding of the last character.
    fn rest_is_padding(&self) -> bool {
        self.len - self.read < 5 && (self.read..self.len).all(|at| self.bit(at) == 0)
    }

    /// The first `bits` bits as bytes (the last one zero-padded).
    fn prefix_bytes(&self, bits: u32) -> Vec<u8> {
        let mut prefix = Bits::default();
        (0..bits).for_each(|at| prefix.push(self.bit(at), 1));
        prefix.bytes
    }

    fn bytes(&self) -> Vec<u8> {
        self.bytes.clone()
    }

    fn base32(&self) -> String {
        (0..self.len.div_ceil(5))
            .map(|c| {
                let value = (0..5).fold(0, |v, i| {
                    let at = c * 5 + i;
                    v << 1 | if at < self.len { self.bit(at) } else { 0 }
                });
                char::from(ALPHABET[value as usize])
            })
            .collect()
    }

    fn from_base32(code: &str) -> Result<Bits, CodeError> {
        let mut bits = Bits::default();
        for c in code.chars().filter(|c| !matches!(c, '-' | ' ')) {
            let c = match c.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            let value =
                ALPHABET.iter().position(|a| char::from(*a) == c).ok_or(CodeError::BadCharacter(c))?;
            bits.push(value as u64, 5);
        }
        if bits.len.div_ceil(5) as usize > MAX_CODE_CHARS {
            return Err(CodeError::Malformed);
        }
        Ok(bits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baerum() -> (Scenario, ScenarioId) {
        let text = include_str!("../../../scenarios/baerum.ron");
        let scenario = Scenario::from_str_named(text, "baerum.ron".as_ref()).expect("Bærum");
        let id = ScenarioId::of(&scenario.name, text);
        (scenario, id)
    }

    #[test]
    fn every_lever_moved_fits_in_the_longest_code_and_reads_back() {
        let (scenario, id) = baerum();
        let mut levers = scenario.levers;
        for lever in LeverId::all() {
            let spec = lever.spec();
            let value =
                if lever.spec().unit == "year" { 2031.0 } else { spec.min + (spec.max - spec.min) * 0.377 };
            levers.set_target(lever, value).expect("in range");
        }
        let (code, held) = encode(&scenario, id, &levers);
        assert!(code.len() <= MAX_CODE_CHARS, "{code} has {} characters", code.len());
        assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
        assert_eq!(decode(&code, &scenario, id), Ok(held));
        for lever in LeverId::all() {
            let (a, b) = (levers.get(lever).target, held.get(lever).target);
            assert!((a - b).abs() <= 0.5 / scale(lever) + 1e-12, "{lever:?}: {a} held as {b}");
        }
    }

    #[test]
    fn targets_on_the_grid_are_held_exactly_and_lower_case_and_lookalikes_read() {
        let (scenario, id) = baerum();
        let mut levers = scenario.levers;
        levers.set_target(LeverId::HeatPumpProgramme, 0.6).expect("in range");
        levers.set_target(LeverId::RetrofitRate, 0.015).expect("in range");
        let (code, held) = encode(&scenario, id, &levers);
        assert_eq!(held, levers, "0.6 and 0.015 are on the grid");
        assert!(code.len() < 25, "two levers make a short code: {code}");
        let typed = code.to_lowercase().replace('0', "o").replace('1', "l");
        assert_eq!(decode(&typed, &scenario, id), Ok(levers));
        let grouped: String = code
            .chars()
            .enumerate()
            .flat_map(|(i, c)| {
                let dash = (i > 0 && i % 4 == 0).then_some('-');
                dash.into_iter().chain([c])
            })
            .collect();
        assert_eq!(decode(&grouped, &scenario, id), Ok(levers));
    }

    #[test]
    fn a_code_of_another_scenario_model_or_a_typo_is_refused_saying_which() {
        let (scenario, id) = baerum();
        let (code, _) = encode(&scenario, id, &scenario.levers);
        let edited = ScenarioId::of(&scenario.name, "another text");
        assert_eq!(
            decode(&code, &scenario, edited),
            Err(CodeError::OtherVersion { this: scenario.name.clone() })
        );
        let other = ScenarioId::of("Ålesund", "another text");
        assert_eq!(
            decode(&code, &scenario, other),
            Err(CodeError::OtherScenario { this: scenario.name.clone() })
        );
        // A code of the next model version: the same fields, another version number and its own check.
        let mut bits = Bits::default();
        bits.push(3, VERSION_BITS);
        bits.push(id.name, NAME_BITS);
        bits.push(id.text, TEXT_BITS);
        bits.push(0, LeverId::all().count() as u32);
        let check = hash_bits(&bits.bytes(), CHECK_BITS);
        bits.push(check, CHECK_BITS);
        assert_eq!(
            decode(&bits.base32(), &scenario, id),
            Err(CodeError::OtherModel { code: 3, this: MODEL_VERSION })
        );
        // One character changed is caught by the check.
        let mut typo: Vec<char> = code.chars().collect();
        typo[3] = if typo[3] == 'A' { 'B' } else { 'A' };
        assert!(decode(&typo.iter().collect::<String>(), &scenario, id).is_err());
        assert_eq!(decode("K7Q!", &scenario, id), Err(CodeError::BadCharacter('!')));
        assert_eq!(decode(&code[..code.len() - 2], &scenario, id), Err(CodeError::Malformed));
    }
}
