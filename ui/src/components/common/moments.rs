//! Moments the shell reports as RFC 3339 texts (a backup, a recovery kit), read in the user's
//! time zone and written the French way.

use chrono::{DateTime, Local, NaiveDate};
use passerelle_domain::i18n::format_date;

fn local(rfc3339: &str) -> Option<DateTime<Local>> {
    DateTime::parse_from_rfc3339(rfc3339)
        .ok()
        .map(|d| d.with_timezone(&Local))
}

/// The local date of a moment.
pub fn local_date(rfc3339: &str) -> Option<NaiveDate> {
    local(rfc3339).map(|d| d.date_naive())
}

/// « 12 mars 2026 » (the text as given if it cannot be read).
pub fn date_text(rfc3339: &str) -> String {
    local(rfc3339).map_or_else(|| rfc3339.to_owned(), |d| format_date(d.date_naive()))
}

/// « 12 mars 2026 à 14 h 05 » (the text as given if it cannot be read).
pub fn date_time_text(rfc3339: &str) -> String {
    local(rfc3339).map_or_else(
        || rfc3339.to_owned(),
        |d| format!("{} à {}", format_date(d.date_naive()), d.format("%H h %M")),
    )
}

/// A size in bytes the French way: « 820 octets », « 12,4 Ko », « 3,1 Mo ».
pub fn size_text(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB {
        format!("{bytes} octets")
    } else if b < KIB * KIB {
        format!(
            "{} Ko",
            passerelle_domain::i18n::format_number((b / KIB * 10.0).round() / 10.0)
        )
    } else {
        format!(
            "{} Mo",
            passerelle_domain::i18n::format_number((b / KIB / KIB * 10.0).round() / 10.0)
        )
    }
}
