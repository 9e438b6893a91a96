//! SIREN (9 digits) and SIRET (14 digits): Luhn checksums, with La Poste's exception.

use super::{Checked, compact};

/// La Poste's SIREN: its establishments' SIRETs do not follow Luhn.
const LA_POSTE_SIREN: &str = "356000000";

/// Luhn sum of ASCII digits, doubling every second digit from the right (from the second one
/// when `check_digit_follows`, i.e. when the check digit is not in `digits` yet).
fn luhn_sum(digits: &str, check_digit_follows: bool) -> u32 {
    let doubled = usize::from(!check_digit_follows);
    digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            // Callers pass digits only; anything else counts as 0 rather than underflowing.
            let d = u32::from(b.wrapping_sub(b'0')).min(9);
            if i % 2 == doubled {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                d
            }
        })
        .sum()
}

fn luhn_ok(digits: &str) -> bool {
    luhn_sum(digits, false).is_multiple_of(10)
}

/// The digit that makes `digits` followed by it pass the Luhn check (to build test SIRENs).
pub fn luhn_check_digit(digits: &str) -> u32 {
    (10 - luhn_sum(digits, true) % 10) % 10
}

fn digits_only(field: &str, value: &str, expected_len: usize) -> Result<(), String> {
    if let Some(c) = value.chars().find(|c| !c.is_ascii_digit()) {
        return Err(format!(
            "{field} : le caractère « {c} » n’est pas un chiffre. Un {field} français ne contient que des chiffres ; pour un établissement étranger (Monaco…), cochez « identifiant étranger »."
        ));
    }
    let len = value.len();
    if len != expected_len {
        return Err(format!(
            "{field} : {len} chiffres au lieu de {expected_len}. Recopiez le numéro depuis un bulletin de paie ou l’annuaire des entreprises."
        ));
    }
    Ok(())
}

/// Checks a SIREN (spaces allowed); returns it without spaces.
pub fn validate_siren(input: &str) -> Result<Checked<String>, String> {
    let siren = compact(input);
    digits_only("SIREN", &siren, 9)?;
    if !luhn_ok(&siren) {
        return Err(
            "SIREN : la clé de contrôle (dernier chiffre) est fausse ; une erreur de saisie est probable. Vérifiez chaque chiffre."
                .into(),
        );
    }
    Ok(Checked::ok(siren))
}

/// Checks a SIRET (spaces allowed); returns it without spaces.
pub fn validate_siret(input: &str) -> Result<Checked<String>, String> {
    let siret = compact(input);
    digits_only("SIRET", &siret, 14)?;
    let valid = if siret.starts_with(LA_POSTE_SIREN) && !luhn_ok(&siret) {
        // La Poste: the sum of the 14 digits is a multiple of 5 (only its head office is Luhn).
        siret
            .bytes()
            .map(|b| u32::from(b - b'0'))
            .sum::<u32>()
            .is_multiple_of(5)
    } else {
        luhn_ok(&siret)
    };
    if !valid {
        return Err(if luhn_ok(&siret[..9]) {
            "SIRET : les 9 premiers chiffres (le SIREN) sont justes mais les 5 derniers (l’établissement) ne le sont pas. Vérifiez le NIC sur un bulletin de paie."
                .into()
        } else {
            "SIRET : la clé de contrôle est fausse ; une erreur de saisie est probable. Vérifiez chaque chiffre."
                .into()
        });
    }
    Ok(Checked::ok(siret))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sourced_vectors_are_valid() {
        assert_eq!(validate_siren("732 829 320").unwrap().value, "732829320");
        assert_eq!(
            validate_siret("732 829 320 00074").unwrap().value,
            "73282932000074"
        );
    }

    #[test]
    fn a_changed_digit_is_caught() {
        assert!(
            validate_siren("732829321")
                .unwrap_err()
                .contains("clé de contrôle")
        );
        let err = validate_siret("73282932000075").unwrap_err();
        assert!(err.contains("SIREN) sont justes"), "{err}");
        assert!(
            validate_siret("73282942000074")
                .unwrap_err()
                .contains("clé de contrôle")
        );
    }

    #[test]
    fn check_digits_complete_luhn() {
        assert_eq!(luhn_check_digit("73282932"), 0);
        assert_eq!(luhn_check_digit("7328293200007"), 4);
    }

    #[test]
    fn la_poste_establishments_use_the_sum_of_digits() {
        // Head office: ordinary Luhn.
        assert!(validate_siret("35600000000048").is_ok());
        // An establishment: digits sum to a multiple of 5, Luhn fails.
        assert!(!luhn_ok("35600000049837"));
        assert!(validate_siret("35600000049837").is_ok());
        // Sum 3+5+6+4+9+8+3+8 = 46: not a multiple of 5.
        assert!(validate_siret("35600000049838").is_err());
    }

    #[test]
    fn letters_and_lengths_are_explained() {
        let monaco = validate_siret("MONACOCONFO001").unwrap_err();
        assert!(monaco.contains("« M » n’est pas un chiffre") && monaco.contains("étranger"));
        assert!(
            validate_siren("73282932")
                .unwrap_err()
                .contains("8 chiffres au lieu de 9")
        );
        assert!(
            validate_siret("7328293200007")
                .unwrap_err()
                .contains("13 chiffres au lieu de 14")
        );
    }
}
