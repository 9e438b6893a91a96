//! Field validators, written once and called both by the UI (as the user types) and by the
//! backend (authoritative). Each returns a French message that names the field and says how to
//! fix it; a few checks only warn (the value is plausible but unusual).

pub mod bounds;
mod codes;
mod contact;
mod dates;
mod nir;
mod siret;

pub use codes::{CertificationCode, parse_certification_code, rome_label, validate_rome};
pub use contact::{normalize_phone, validate_email, validate_postal_code};
pub use dates::{age_on, parse_date_fr, validate_birth_date, validate_period};
pub use nir::{Nir, validate_nir};
pub use siret::{luhn_check_digit, validate_siren, validate_siret};

/// A value that passed, possibly with a warning to show next to the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked<T> {
    pub value: T,
    pub warning: Option<String>,
}

impl<T> Checked<T> {
    pub fn ok(value: T) -> Self {
        Self {
            value,
            warning: None,
        }
    }
    pub fn warn(value: T, warning: impl Into<String>) -> Self {
        Self {
            value,
            warning: Some(warning.into()),
        }
    }
}

/// Removes the spaces, dots and dashes people type inside identifiers.
pub(crate) fn compact(input: &str) -> String {
    input
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '.' | '-'))
        .collect()
}

/// What a message quotes of the user's input: trimmed and cut to 40 characters, so a pasted
/// page never becomes a page-long message.
pub fn excerpt(input: &str) -> String {
    const SHOWN: usize = 40;
    let trimmed = input.trim();
    if trimmed.chars().nth(SHOWN).is_none() {
        return trimmed.to_owned();
    }
    let mut cut: String = trimmed.chars().take(SHOWN).collect();
    cut.push('…');
    cut
}
