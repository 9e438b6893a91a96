//! NIR (numéro d'inscription au répertoire, « numéro de sécurité sociale »): 13 characters and
//! a 2-digit key, key = 97 − (number mod 97), with Corsica's 2A/2B counted as 19/18.

use super::{Checked, compact};

/// A NIR whose key checks, stored without spaces (`2061275111005 64` → `206127511100564`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nir(pub String);

impl Nir {
    /// Sex digit: 1 male, 2 female (7/8 for provisional numbers).
    pub fn sex_digit(&self) -> u8 {
        self.0.bytes().next().map_or(0, |b| b.wrapping_sub(b'0'))
    }
    /// Year (2 digits) and month of birth as written in the number.
    pub fn birth_year_month(&self) -> (u32, u32) {
        let n = |r: std::ops::Range<usize>| {
            self.0
                .get(r)
                .and_then(|t| t.parse::<u32>().ok())
                .unwrap_or(0)
        };
        (n(1..3), n(3..5))
    }
    /// `99`: born abroad (the next digits are the INSEE country code).
    pub fn born_abroad(&self) -> bool {
        self.0.get(5..7) == Some("99")
    }
    /// Spaced the way it is printed on a carte Vitale: `2 06 12 75 111 005 64`.
    pub fn formatted(&self) -> String {
        let s = &self.0;
        let parts: Option<Vec<&str>> = [0..1, 1..3, 3..5, 5..7, 7..10, 10..13, 13..15]
            .into_iter()
            .map(|r| s.get(r))
            .collect();
        match parts {
            Some(parts) if s.len() == 15 => parts.join(" "),
            _ => s.clone(),
        }
    }
}

/// Checks a NIR as typed (spaces allowed). A provisional number (first digit 7 or 8) passes with
/// a warning.
pub fn validate_nir(input: &str) -> Result<Checked<Nir>, String> {
    let nir = compact(input).to_ascii_uppercase();
    let len = nir.chars().count();
    if len != 15 {
        return Err(format!(
            "NIR : {len} caractères au lieu de 15 (13 chiffres et la clé de 2 chiffres). Recopiez le numéro complet de la carte Vitale."
        ));
    }
    // Everything below slices by byte: check first that every character is a plain ASCII letter
    // or digit (an AZERTY keyboard types é, è, ç, à on the digit keys).
    if let Some((pos, c)) = nir
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_alphanumeric())
    {
        return Err(format!(
            "NIR : caractère « {c} » en position {} ; seuls des chiffres sont permis (et 2A ou 2B pour un département de naissance en Corse).",
            pos + 1
        ));
    }
    let bytes = nir.as_bytes();
    let department = &nir[5..7];
    let corsica = matches!(department, "2A" | "2B");
    if let Some(pos) = bytes
        .iter()
        .enumerate()
        .position(|(i, b)| !(b.is_ascii_digit() || (corsica && (i == 6))))
    {
        return Err(format!(
            "NIR : caractère « {} » en position {} ; seuls des chiffres sont permis (et 2A ou 2B pour un département de naissance en Corse).",
            nir.chars().nth(pos).unwrap_or('?'),
            pos + 1
        ));
    }
    let sex = bytes[0];
    if !matches!(sex, b'1' | b'2' | b'7' | b'8') {
        return Err(
            "NIR : le premier chiffre doit être 1 (homme) ou 2 (femme), ou 7 ou 8 pour un numéro provisoire."
                .into(),
        );
    }
    let month: u32 = nir[3..5].parse().unwrap_or(0);
    // 20–42 and 50–99 occur when the civil-status record is incomplete.
    if month == 0 || (13..=19).contains(&month) || (43..=49).contains(&month) {
        return Err(format!(
            "NIR : le mois de naissance « {:02} » (positions 4 et 5) n’existe pas. Vérifiez ces deux chiffres.",
            month
        ));
    }
    let body = match department {
        "2A" => format!("{}19{}", &nir[..5], &nir[7..13]),
        "2B" => format!("{}18{}", &nir[..5], &nir[7..13]),
        _ => nir[..13].to_owned(),
    };
    let number: u64 = body
        .parse()
        .map_err(|_| "NIR : numéro illisible.".to_owned())?;
    let expected = 97 - number % 97;
    let key: u64 = nir[13..15].parse().unwrap_or(0);
    if key != expected {
        return Err(format!(
            "NIR : la clé {:02} ne correspond pas aux 13 premiers chiffres (clé attendue : {:02}). Une erreur de saisie est probable : vérifiez chaque chiffre.",
            key, expected
        ));
    }
    let nir = Nir(nir);
    if matches!(sex, b'7' | b'8') {
        Ok(Checked::warn(
            nir,
            "NIR provisoire (premier chiffre 7 ou 8) : demandez le numéro définitif dès qu’il est attribué.",
        ))
    } else {
        Ok(Checked::ok(nir))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sourced_vector_has_key_64() {
        let ok = validate_nir("2 06 12 75 111 005 64").unwrap();
        assert_eq!(ok.value.0, "206127511100564");
        assert_eq!(ok.value.formatted(), "2 06 12 75 111 005 64");
        assert_eq!(ok.warning, None);
        assert_eq!(ok.value.sex_digit(), 2);
        assert_eq!(ok.value.birth_year_month(), (6, 12));
    }

    #[test]
    fn a_wrong_key_names_the_expected_one() {
        let err = validate_nir("2 06 12 75 111 005 65").unwrap_err();
        assert!(
            err.contains("clé 65") && err.contains("clé attendue : 64"),
            "{err}"
        );
    }

    #[test]
    fn corsica_counts_2a_as_19_and_2b_as_18() {
        assert!(validate_nir("1 85 05 2A 004 123 56").is_ok());
        assert!(
            validate_nir("185052a00412356").is_ok(),
            "lower case 2a is accepted"
        );
        // Same digits with 2B: 1850518004123 mod 97 gives another key.
        let key_2b = 97 - 1_850_518_004_123u64 % 97;
        assert!(validate_nir(&format!("1 85 05 2B 004 123 {key_2b:02}")).is_ok());
        assert!(validate_nir("1 85 05 2B 004 123 56").is_err());
    }

    #[test]
    fn born_abroad_is_department_99() {
        // 1 80 01 99 134 001: born in Spain (country code 134).
        let key = 97 - 1_800_199_134_001u64 % 97;
        let ok = validate_nir(&format!("1800199134001{key:02}")).unwrap();
        assert!(ok.value.born_abroad());
    }

    #[test]
    fn provisional_numbers_pass_with_a_warning() {
        let key = 97 - 7_800_175_111_005u64 % 97;
        let ok = validate_nir(&format!("7800175111005{key:02}")).unwrap();
        assert!(ok.warning.unwrap().contains("provisoire"));
    }

    #[test]
    fn malformed_numbers_say_what_is_wrong() {
        assert!(
            validate_nir("2061275111005")
                .unwrap_err()
                .contains("13 caractères au lieu de 15")
        );
        assert!(
            validate_nir("3 06 12 75 111 005 64")
                .unwrap_err()
                .contains("premier chiffre")
        );
        assert!(
            validate_nir("2 06 12 75 1X1 005 64")
                .unwrap_err()
                .contains("« X » en position 9")
        );
        assert!(
            validate_nir("2 06 00 75 111 005 64")
                .unwrap_err()
                .contains("mois de naissance")
        );
        assert!(
            validate_nir("2 06 12 2C 111 005 64")
                .unwrap_err()
                .contains("position 7")
        );
    }

    /// Issue 10: `check nir 1234é6789012345` panicked (« byte index 5 is not a char boundary »).
    #[test]
    fn r10_accented_characters_are_reported_not_panicked_on() {
        let err = validate_nir("1234é6789012345").unwrap_err();
        assert!(err.contains("« é » en position 5"), "{err}");
        let err = validate_nir("1 85 0é 57 463 123 45").unwrap_err();
        assert!(err.contains("« é » en position 5"), "{err}");
        for typed in [
            "ééééééééééééééé",
            "12345678901234é",
            "2A",
            "🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂",
        ] {
            assert!(validate_nir(typed).is_err(), "{typed}");
        }
    }

    #[test]
    fn a_nir_built_by_hand_never_panics_when_read() {
        let odd = Nir("é".into());
        assert_eq!(odd.formatted(), "é");
        assert_eq!(odd.birth_year_month(), (0, 0));
        assert!(!odd.born_abroad());
        let _ = odd.sex_digit();
    }
}
