//! The stored code of an enumeration value: its serde name (`synthese_cep`, `accord_partiel`,
//! `PTP_DOSSIER_DEPOSE`). One string per value everywhere — database, journal, IPC, command line
//! — so the CLI parses the domain's own enums instead of mirroring them.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::i18n::Label;

/// The stored code of any unit-variant enumeration value (its serde name).
pub fn code_of<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An enumeration with a stored code and a French label (see [`Label`]).
pub trait Coded: Label + Serialize + DeserializeOwned {
    /// The stored code.
    fn code(self) -> String {
        code_of(self)
    }

    /// Every code, in the enumeration's order.
    fn codes() -> Vec<String> {
        Self::ALL.iter().map(|v| v.code()).collect()
    }

    /// Reads a code as typed: case ignored, `-` for `_` (`non-valide`, `NON_VALIDE`), or the
    /// French label (`Non validé`). The error lists the codes.
    fn parse_code(text: &str) -> Result<Self, String> {
        let wanted = text.trim().replace('-', "_");
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.code().eq_ignore_ascii_case(&wanted))
            .or_else(|| Self::from_text(text, |v: Self| v.code()))
            .ok_or_else(|| {
                format!(
                    "« {} » inconnu ; valeurs possibles : {}",
                    crate::validate::excerpt(text),
                    Self::codes().join(", ")
                )
            })
    }
}

impl<T: Label + Serialize + DeserializeOwned> Coded for T {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certification::BlocStatus;
    use crate::parcours::Step;

    #[test]
    fn codes_read_with_hyphens_any_case_or_the_label() {
        assert_eq!(BlocStatus::NonValide.code(), "non_valide");
        assert_eq!(
            BlocStatus::parse_code("non-valide"),
            Ok(BlocStatus::NonValide)
        );
        assert_eq!(
            BlocStatus::parse_code("NON_VALIDE"),
            Ok(BlocStatus::NonValide)
        );
        assert_eq!(
            Step::parse_code("ptp_dossier_depose"),
            Ok(Step::PtpDossierDepose)
        );
        let err = BlocStatus::parse_code("perdu").unwrap_err();
        assert!(
            err.starts_with("« perdu » inconnu ; valeurs possibles : "),
            "{err}"
        );
    }
}
