//! ROME trade codes and certification codes (RNCP, RS, blocs de compétences).

use std::collections::HashMap;
use std::sync::OnceLock;

/// The ROME 4.0 reference shipped with the app (France Travail, September 2025).
const ROME_CSV: &str = include_str!("../../../../assets/reference/rome_codes.csv");

fn rome_index() -> &'static HashMap<&'static str, &'static str> {
    static INDEX: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    INDEX.get_or_init(|| {
        ROME_CSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let (code, label) = line.split_once(',')?;
                Some((code, label.trim_matches('"')))
            })
            .collect()
    })
}

/// The label of a ROME code, if the code exists in the reference.
pub fn rome_label(code: &str) -> Option<&'static str> {
    rome_index().get(code).copied()
}

/// Checks a ROME code's format (`M1607`: a letter A–N and four digits) and its existence.
pub fn validate_rome(input: &str) -> Result<String, String> {
    let code = input.trim().to_ascii_uppercase();
    let b = code.as_bytes();
    let well_formed =
        b.len() == 5 && (b'A'..=b'N').contains(&b[0]) && b[1..].iter().all(u8::is_ascii_digit);
    if !well_formed {
        return Err(format!(
            "Code ROME « {} » : le format attendu est une lettre de A à N suivie de 4 chiffres (ex. M1607).",
            super::excerpt(input)
        ));
    }
    if rome_label(&code).is_none() {
        return Err(format!(
            "Code ROME « {code} » : ce code n’existe pas dans le référentiel ROME 4.0. Cherchez le métier par son intitulé."
        ));
    }
    Ok(code)
}

/// A certification target: a whole RNCP fiche, one of its blocs, or an RS fiche.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CertificationCode {
    Rncp(String),
    RncpBloc(String),
    Rs(String),
}

impl CertificationCode {
    pub fn as_str(&self) -> &str {
        match self {
            Self::Rncp(c) | Self::RncpBloc(c) | Self::Rs(c) => c,
        }
    }
}

/// Parses `RNCP38596`, `RNCP38596BC02` or `RS5678` (case and spaces ignored).
pub fn parse_certification_code(input: &str) -> Result<CertificationCode, String> {
    let code: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if let Some(rest) = code.strip_prefix("RNCP") {
        if let Some((fiche, bloc)) = rest.split_once("BC") {
            if digits(fiche, 6) && bloc.len() == 2 && digits(bloc, 2) {
                return Ok(CertificationCode::RncpBloc(code));
            }
        } else if digits(rest, 6) {
            return Ok(CertificationCode::Rncp(code));
        }
    } else if let Some(rest) = code.strip_prefix("RS")
        && digits(rest, 6)
    {
        return Ok(CertificationCode::Rs(code));
    } else if let Some(clea) = crate::certification::builtin_clea_code(&code) {
        // CléA and CléA numérique are in the Répertoire spécifique; the catalogue knows them
        // by these built-in codes (their RS numbers come with an imported catalogue).
        return Ok(CertificationCode::Rs(clea.to_owned()));
    }
    Err(format!(
        "Code de certification « {} » : formats acceptés RNCP suivi de chiffres (RNCP38596), un bloc (RNCP38596BC02), RS suivi de chiffres (RS5678), ou CLEA / CLEA_NUMERIQUE.",
        super::excerpt(input)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rome_reference_is_complete_and_labels_keep_accents() {
        assert_eq!(rome_index().len(), 1584);
        assert_eq!(rome_label("M1607"), Some("Secrétaire"));
        assert!(rome_label("A1102").unwrap().contains("forestière"));
    }

    #[test]
    fn rome_codes_are_checked_for_format_then_existence() {
        assert_eq!(validate_rome(" m1607 ").unwrap(), "M1607");
        assert!(
            validate_rome("Z1607")
                .unwrap_err()
                .contains("lettre de A à N")
        );
        assert!(validate_rome("M160").unwrap_err().contains("format"));
        assert!(validate_rome("N9999").unwrap_err().contains("n’existe pas"));
    }

    #[test]
    fn certification_codes() {
        assert_eq!(
            parse_certification_code("rncp 38596").unwrap(),
            CertificationCode::Rncp("RNCP38596".into())
        );
        assert_eq!(
            parse_certification_code("RNCP38596BC02").unwrap(),
            CertificationCode::RncpBloc("RNCP38596BC02".into())
        );
        assert_eq!(
            parse_certification_code("RS5678").unwrap(),
            CertificationCode::Rs("RS5678".into())
        );
        for bad in [
            "RNCP",
            "RNCP38596BC2",
            "RNCP1234567",
            "RS",
            "RSX12",
            "38596",
            "RNCP38596BC02X",
        ] {
            assert!(parse_certification_code(bad).is_err(), "{bad} accepted");
        }
    }
}
