//! Bounds on everything a user types or imports: text lengths, characters, dates, amounts, day
//! counts. One rule per kind of value, called by every validator (form, IPC, CLI, imports), so a
//! 5 MB surname, a NUL in a note or a year 0026 never reaches the database or a date formula.
//!
//! The maxima are documented in the README (« Limites des champs »); they are generous for real
//! data and small enough that a list of 200 cases, a PDF line or a journal entry stays readable.

use chrono::{Datelike, Months, NaiveDate};

/// Names: birth name, usage name, first names, a committee member, a counsellor.
pub const NAME_MAX: usize = 100;
/// One-line texts: employer, job title, commune, training title, provider, place, file name.
pub const LINE_MAX: usize = 200;
/// Free text: motive, notes, prospects, interview summary, motifs.
pub const TEXT_MAX: usize = 10_000;
/// The CEP opinion printed in the committee dossier.
pub const OPINION_MAX: usize = 4_000;

/// Largest amount accepted anywhere (training cost, a funding line, an amount granted): 10 M€.
pub const AMOUNT_MAX_CENTS: i64 = 1_000_000_000;
/// Lines of a funding plan.
pub const FUNDING_LINES_MAX: usize = 20;
/// Training hours (a long PTP is about 1 500 h; 10 000 h leaves room for multi-year paths).
pub const HOURS_MAX: u32 = 10_000;
/// Largest look-ahead or look-back in days (À faire, deadlines, juries): ten years.
pub const HORIZON_DAYS_MAX: u32 = 3_660;
/// Largest document kept: 25 MiB (a scanned multi-page PDF is a few MiB).
pub const DOCUMENT_MAX_BYTES: u64 = 25 * 1024 * 1024;
/// Largest file an import reads (CSV, ZIP): 200 MiB.
pub const IMPORT_MAX_BYTES: u64 = 200 * 1024 * 1024;

/// Earliest birth date accepted.
pub const BIRTH_MIN_YEAR: i32 = 1900;
/// Earliest date of a contract, training, request or decision.
pub const EVENT_MIN_YEAR: i32 = 1950;
/// How far in the future a planned date may be.
pub const EVENT_MAX_YEARS_AHEAD: u32 = 5;

/// Checks a one-line text: at most `max` characters, no control character at all.
pub fn check_line(label: &str, value: &str, max: usize) -> Result<(), String> {
    check_length(label, value, max)?;
    match value.chars().position(char::is_control) {
        Some(pos) => Err(control_message(label, pos)),
        None => Ok(()),
    }
}

/// Checks a free text: at most `max` characters; line breaks and tabs are the only control
/// characters allowed.
pub fn check_text(label: &str, value: &str, max: usize) -> Result<(), String> {
    check_length(label, value, max)?;
    match value
        .chars()
        .position(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        Some(pos) => Err(control_message(label, pos)),
        None => Ok(()),
    }
}

fn check_length(label: &str, value: &str, max: usize) -> Result<(), String> {
    // Counting stops past the limit: a 5 MB value costs no more than a long one.
    let count = value.chars().take(max + 1).count();
    if count > max {
        Err(format!(
            "{label} : {max} caractères au plus ; raccourcissez le texte."
        ))
    } else {
        Ok(())
    }
}

fn control_message(label: &str, pos: usize) -> String {
    format!(
        "{label} : caractère invisible non permis (position {}). Retapez la valeur au lieu de la coller.",
        pos + 1
    )
}

/// What a date means, which sets its plausible range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRange {
    /// A birth date: 1900 to today.
    Birth,
    /// A contract, training, request or decision date: 1950 to five years ahead.
    Event,
    /// Something that already happened (a proof, an interview): 1950 to today.
    Past,
}

impl DateRange {
    /// The first and last dates accepted, given today.
    pub fn limits(self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let first = |year| NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
        match self {
            Self::Birth => (first(BIRTH_MIN_YEAR), today),
            Self::Past => (first(EVENT_MIN_YEAR), today),
            Self::Event => (
                first(EVENT_MIN_YEAR),
                today
                    .checked_add_months(Months::new(12 * EVENT_MAX_YEARS_AHEAD))
                    .unwrap_or(today),
            ),
        }
    }
}

/// Checks that `date` lies in its plausible range; the message names the field and the range.
pub fn check_date(
    label: &str,
    date: NaiveDate,
    range: DateRange,
    today: NaiveDate,
) -> Result<(), String> {
    let (first, last) = range.limits(today);
    if date < first || date > last {
        let when = if date > last && range != DateRange::Event {
            "elle est dans le futur".to_owned()
        } else {
            format!(
                "l’année {} est hors des limites ({} à {})",
                date.year(),
                first.year(),
                last.year()
            )
        };
        Err(format!(
            "{label} : {when}. Vérifiez la date, avec l’année sur quatre chiffres (jj/mm/aaaa)."
        ))
    } else {
        Ok(())
    }
}

/// Checks an amount in cents: positive (or zero when `zero_ok`) and at most 10 M€.
pub fn check_amount(label: &str, cents: i64, zero_ok: bool) -> Result<(), String> {
    if cents < 0 || (cents == 0 && !zero_ok) {
        Err(format!(
            "{label} : un montant supérieur à zéro, en euros (ex. 12 500,00)."
        ))
    } else if cents > AMOUNT_MAX_CENTS {
        Err(format!(
            "{label} : 10 000 000,00 € au plus ; vérifiez le nombre de chiffres."
        ))
    } else {
        Ok(())
    }
}

/// A day count asked for by a screen or a command, brought within [0, ten years].
pub fn clamp_horizon(days: u32) -> u32 {
    days.min(HORIZON_DAYS_MAX)
}

/// `date` plus `days`, saturating at the last date chrono represents instead of panicking.
pub fn days_after(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// `date` minus `days`, saturating at the first date chrono represents.
pub fn days_before(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(chrono::Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn long_texts_are_refused_without_counting_them_whole() {
        let huge = "a".repeat(5_000_000);
        let err = check_line("Nom de naissance", &huge, NAME_MAX).unwrap_err();
        assert_eq!(
            err,
            "Nom de naissance : 100 caractères au plus ; raccourcissez le texte."
        );
        assert!(check_line("Nom", &"é".repeat(100), NAME_MAX).is_ok());
    }

    #[test]
    fn control_characters_are_refused_except_line_breaks_in_free_text() {
        let err = check_line("Nom de naissance", "DUP\0RÉ", NAME_MAX).unwrap_err();
        assert!(err.contains("position 4"), "{err}");
        assert!(check_line("Poste", "a\nb", LINE_MAX).is_err());
        assert!(check_text("Notes", "ligne 1\r\nligne 2\tfin", TEXT_MAX).is_ok());
        assert!(check_text("Notes", "bip\u{7}", TEXT_MAX).is_err());
    }

    #[test]
    fn dates_have_a_range_per_meaning() {
        let today = d(2026, 11, 30);
        assert!(check_date("Naissance", d(1899, 12, 31), DateRange::Birth, today).is_err());
        assert!(check_date("Naissance", d(1900, 1, 1), DateRange::Birth, today).is_ok());
        let err =
            check_date("Début de formation", d(26, 9, 1), DateRange::Event, today).unwrap_err();
        assert!(
            err.contains("l’année 26 est hors des limites (1950 à 2031)"),
            "{err}"
        );
        assert!(check_date("Fin", d(2031, 11, 30), DateRange::Event, today).is_ok());
        assert!(check_date("Fin", d(2031, 12, 1), DateRange::Event, today).is_err());
        let err = check_date("Justificatif", d(2027, 1, 1), DateRange::Past, today).unwrap_err();
        assert!(err.contains("dans le futur"), "{err}");
    }

    #[test]
    fn amounts_are_positive_and_bounded() {
        assert!(check_amount("Coût", 0, true).is_ok());
        assert!(check_amount("Montant", 0, false).is_err());
        assert!(check_amount("Montant", -1, true).is_err());
        assert!(check_amount("Montant", AMOUNT_MAX_CENTS, false).is_ok());
        assert!(check_amount("Montant", i64::MAX, false).is_err());
    }

    #[test]
    fn horizons_are_clamped_to_ten_years() {
        assert_eq!(clamp_horizon(30), 30);
        assert_eq!(clamp_horizon(999_999_999), HORIZON_DAYS_MAX);
    }

    #[test]
    fn day_arithmetic_saturates() {
        assert_eq!(days_after(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(days_before(NaiveDate::MIN, u32::MAX), NaiveDate::MIN);
        assert_eq!(days_after(d(2026, 2, 28), 1), d(2026, 3, 1));
    }
}
