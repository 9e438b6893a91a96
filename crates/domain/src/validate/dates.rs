//! Date rules: birth dates and periods (contracts).

use chrono::{Datelike, NaiveDate};

use super::Checked;

/// Age in whole years on `on`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// No birth in the future; an age outside 16–75 is allowed but flagged.
pub fn validate_birth_date(
    birth: NaiveDate,
    today: NaiveDate,
) -> Result<Checked<NaiveDate>, String> {
    if birth > today {
        return Err(
            "Date de naissance : elle est dans le futur. Vérifiez l’année (format jj/mm/aaaa)."
                .into(),
        );
    }
    let age = age_on(birth, today);
    if !(16..=75).contains(&age) {
        return Ok(Checked::warn(
            birth,
            format!("Date de naissance : la personne aurait {age} ans ; vérifiez l’année."),
        ));
    }
    Ok(Checked::ok(birth))
}

/// A period whose end, if any, is after its start. `what` names it in the message (« Contrat »).
pub fn validate_period(what: &str, start: NaiveDate, end: Option<NaiveDate>) -> Result<(), String> {
    match end {
        Some(end) if end < start => Err(format!(
            "{what} : la date de fin est antérieure à la date de début. Corrigez l’une des deux dates."
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_counts_birthdays_including_29_february() {
        assert_eq!(age_on(d(1980, 3, 12), d(2026, 3, 11)), 45);
        assert_eq!(age_on(d(1980, 3, 12), d(2026, 3, 12)), 46);
        assert_eq!(age_on(d(2004, 2, 29), d(2026, 2, 28)), 21);
        assert_eq!(age_on(d(2004, 2, 29), d(2026, 3, 1)), 22);
    }

    #[test]
    fn birth_dates() {
        let today = d(2026, 11, 28);
        assert!(
            validate_birth_date(d(2026, 11, 29), today)
                .unwrap_err()
                .contains("futur")
        );
        assert_eq!(
            validate_birth_date(d(1980, 1, 1), today).unwrap().warning,
            None
        );
        assert!(
            validate_birth_date(d(2015, 1, 1), today)
                .unwrap()
                .warning
                .unwrap()
                .contains("11 ans")
        );
        assert!(
            validate_birth_date(d(1940, 1, 1), today)
                .unwrap()
                .warning
                .is_some()
        );
    }

    #[test]
    fn periods() {
        assert!(validate_period("Contrat", d(2026, 1, 1), None).is_ok());
        assert!(validate_period("Contrat", d(2026, 1, 1), Some(d(2026, 1, 1))).is_ok());
        assert!(
            validate_period("Contrat", d(2026, 1, 2), Some(d(2026, 1, 1)))
                .unwrap_err()
                .starts_with("Contrat : ")
        );
    }
}

/// Reads a date typed the French way — `12/03/1980`, `12-03-1980`, `12.03.1980` — or in ISO
/// form (`1980-03-12`). The error names the expected format.
pub fn parse_date_fr(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let normalised = t.replace(['-', '.'], "/");
    NaiveDate::parse_from_str(&normalised, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y-%m-%d"))
        .map_err(|_| format!("date « {t} » illisible : format attendu jj/mm/aaaa (ex. 12/03/1980)"))
}

#[cfg(test)]
mod parse_tests {
    use super::*;

    #[test]
    fn french_and_iso_dates() {
        let d = NaiveDate::from_ymd_opt(1980, 3, 12).unwrap();
        for ok in [
            "12/03/1980",
            " 12-03-1980 ",
            "12.03.1980",
            "1980-03-12",
            "12/3/1980",
        ] {
            assert_eq!(parse_date_fr(ok).unwrap(), d, "{ok}");
        }
        for bad in ["31/02/1980", "12/13/1980", "1980", "12/03/80x", ""] {
            assert!(
                parse_date_fr(bad).unwrap_err().contains("jj/mm/aaaa"),
                "{bad}"
            );
        }
    }
}
