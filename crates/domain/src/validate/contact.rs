//! E-mail, French phone numbers and postal codes.

use super::compact;

/// A light e-mail check: one `@`, a local part, a dotted domain, no spaces.
pub fn validate_email(input: &str) -> Result<String, String> {
    let email = input.trim();
    // 254: the longest address SMTP carries (RFC 5321 path limit).
    let well_formed = email.len() <= 254
        && !email.chars().any(char::is_control)
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !email.chars().any(char::is_whitespace)
            }
            None => false,
        };
    if well_formed {
        Ok(email.to_owned())
    } else {
        Err(format!(
            "E-mail « {} » : adresse incomplète ; la forme attendue est prenom.nom@domaine.fr.",
            super::excerpt(email)
        ))
    }
}

/// Accepts `06 12 34 56 78`, `06.12.34.56.78`, `+33 6 12 34 56 78`, `0033612345678`; returns
/// the number spaced by pairs (`06 12 34 56 78`).
pub fn normalize_phone(input: &str) -> Result<String, String> {
    let raw = compact(input).replace(['(', ')'], "");
    let national = if let Some(rest) = raw.strip_prefix("+33").or_else(|| raw.strip_prefix("0033"))
    {
        format!("0{}", rest.strip_prefix('0').unwrap_or(rest))
    } else {
        raw
    };
    let ok = national.len() == 10
        && national.starts_with('0')
        && national.as_bytes()[1] != b'0'
        && national.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return Err(format!(
            "Téléphone « {} » : 10 chiffres commençant par 0 attendus (ex. 06 12 34 56 78), ou +33 suivi de 9 chiffres.",
            super::excerpt(input)
        ));
    }
    let pairs: Vec<&str> = (0..5).map(|i| &national[i * 2..i * 2 + 2]).collect();
    Ok(pairs.join(" "))
}

/// Five digits, in a department that exists (01–95, Corsica 20, overseas 97–98).
pub fn validate_postal_code(input: &str) -> Result<String, String> {
    let code = compact(input);
    let ok = code.len() == 5
        && code.bytes().all(|b| b.is_ascii_digit())
        && !code.starts_with("00")
        && !code.starts_with("96")
        && !code.starts_with("99");
    if ok {
        Ok(code)
    } else {
        Err(format!(
            "Code postal « {} » : 5 chiffres attendus (ex. 57400 pour Sarrebourg).",
            super::excerpt(input)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert_eq!(
            validate_email(" agnes.muller@exemple.fr ").unwrap(),
            "agnes.muller@exemple.fr"
        );
        for bad in [
            "agnes",
            "agnes@",
            "@exemple.fr",
            "a@exemple",
            "a b@exemple.fr",
            "a@@b.fr",
            "a@b.",
        ] {
            assert!(validate_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phones_in_every_usual_spelling() {
        for ok in [
            "06 12 34 56 78",
            "06.12.34.56.78",
            "0612345678",
            "+33 6 12 34 56 78",
            "+33 (0)6 12 34 56 78",
            "0033612345678",
        ] {
            assert_eq!(normalize_phone(ok).unwrap(), "06 12 34 56 78", "{ok}");
        }
        assert_eq!(normalize_phone("03 87 03 05 05").unwrap(), "03 87 03 05 05");
        for bad in [
            "06 12 34 56",
            "00 12 34 56 78",
            "6123456789",
            "06 12 34 56 7A",
        ] {
            assert!(normalize_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn postal_codes() {
        assert_eq!(validate_postal_code("57 400").unwrap(), "57400");
        assert_eq!(validate_postal_code("20000").unwrap(), "20000");
        for bad in ["5740", "574000", "00100", "99000", "57A00"] {
            assert!(validate_postal_code(bad).is_err(), "{bad}");
        }
    }
}
