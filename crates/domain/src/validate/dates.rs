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
/// form (`1980-03-12`). The year must have four digits: « 01/09/26 » is refused rather than read
/// as the year 26 (or guessed as 1926 or 2026 — a birth date and a training date would need
/// opposite guesses). The error names the expected format.
pub fn parse_date_fr(text: &str) -> Result<NaiveDate, String> {
    let t = text.trim();
    let shown = super::excerpt(t);
    let unreadable =
        || format!("date « {shown} » illisible : format attendu jj/mm/aaaa (ex. 12/03/1980)");
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let [a, b, c] = parts[..] else {
        return Err(unreadable());
    };
    let digits =
        |s: &str, lens: &[usize]| lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    let (day, month, year) = if digits(a, &[4]) && digits(b, &[1, 2]) && digits(c, &[1, 2]) {
        (c, b, a)
    } else if digits(a, &[1, 2]) && digits(b, &[1, 2]) && digits(c, &[4]) {
        (a, b, c)
    } else if digits(a, &[1, 2]) && digits(b, &[1, 2]) && digits(c, &[2]) {
        return Err(format!(
            "date « {shown} » : l’année « {c} » n’a que deux chiffres ; écrivez-la sur quatre (ex. {a}/{b}/20{c} ou {a}/{b}/19{c})."
        ));
    } else {
        return Err(unreadable());
    };
    let n = |s: &str| s.parse::<u32>().unwrap_or(0);
    let year = i32::try_from(n(year)).unwrap_or(0);
    NaiveDate::from_ymd_opt(year, n(month), n(day)).ok_or_else(|| {
        format!(
            "date « {shown} » : ce jour n’existe pas ; format attendu jj/mm/aaaa (ex. 12/03/1980)"
        )
    })
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
        for bad in [
            "31/02/1980",
            "12/13/1980",
            "1980",
            "12/03/80x",
            "",
            "1/2/3/4",
            "é/é/éééé",
        ] {
            assert!(
                parse_date_fr(bad).unwrap_err().contains("jj/mm/aaaa"),
                "{bad}"
            );
        }
    }

    /// Issue 10: « 01/09/26 » was read as the year 26 and later made the parcours panic.
    #[test]
    fn r10_two_digit_years_are_refused_with_the_fix() {
        let err = parse_date_fr("01/09/26").unwrap_err();
        assert!(
            err.contains("l’année « 26 » n’a que deux chiffres") && err.contains("01/09/2026"),
            "{err}"
        );
        assert!(parse_date_fr("0026-09-01").is_ok_and(|d| d.year() == 26));
        assert!(parse_date_fr("99999-01-01").is_err());
    }
}
