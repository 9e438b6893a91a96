//! Establishments (établissements): the companies' sites a territory follows, identified by
//! their SIRET, placed by their commune (INSEE code) in an EPCI and a territory. The INSEE
//! Sirene stock is their usual source; its codes are kept as published.

use serde::{Deserialize, Serialize};

/// One establishment as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Establishment {
    pub siret: String,
    /// The establishment's usual name or sign (Sirene: `denominationUsuelleEtablissement`,
    /// else `enseigne1Etablissement`); empty when Sirene publishes none.
    pub name: String,
    /// APE code, NAF rév. 2 (« 23.13Z »).
    pub naf: String,
    /// Sirene's headcount band code (`trancheEffectifsEtablissement`: « 11 » = 10 à 19
    /// salariés); empty when unknown or not an employer.
    pub headcount_band: String,
    /// INSEE code of the commune.
    pub commune: String,
    pub commune_name: String,
    /// SIREN of the EPCI the commune belongs to.
    pub epci: String,
    pub epci_name: String,
    /// The territory whose EPCIs include it (empty: none of the followed territories).
    pub territory: String,
    /// `sirene` or `manual`.
    pub source: String,
    pub updated_at: String,
}

/// The label of a Sirene headcount band code.
pub fn headcount_label(code: &str) -> Option<&'static str> {
    Some(match code {
        "00" => "0 salarié",
        "01" => "1 ou 2 salariés",
        "02" => "3 à 5 salariés",
        "03" => "6 à 9 salariés",
        "11" => "10 à 19 salariés",
        "12" => "20 à 49 salariés",
        "21" => "50 à 99 salariés",
        "22" => "100 à 199 salariés",
        "31" => "200 à 249 salariés",
        "32" => "250 à 499 salariés",
        "41" => "500 à 999 salariés",
        "42" => "1 000 à 1 999 salariés",
        "51" => "2 000 à 4 999 salariés",
        "52" => "5 000 à 9 999 salariés",
        "53" => "10 000 salariés et plus",
        _ => return None,
    })
}

/// Checks a NAF rév. 2 code as Sirene writes it (« 23.13Z »), or without its dot (« 2313Z »):
/// the dotted form, or why not.
pub fn normalise_naf(code: &str) -> Result<String, String> {
    let compact: String = code.trim().chars().filter(|c| *c != '.').collect();
    let bytes = compact.as_bytes();
    if bytes.len() == 5
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && bytes[4].is_ascii_uppercase()
    {
        Ok(format!("{}.{}", &compact[..2], &compact[2..]))
    } else {
        Err(format!(
            "code NAF « {} » invalide : quatre chiffres et une lettre majuscule sont attendus (ex. 23.13Z)",
            crate::validate::excerpt(code)
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naf_codes_are_read_with_or_without_their_dot() {
        assert_eq!(normalise_naf("23.13Z").unwrap(), "23.13Z");
        assert_eq!(normalise_naf(" 2313Z").unwrap(), "23.13Z");
        assert!(normalise_naf("23.13").unwrap_err().contains("23.13Z"));
        assert!(normalise_naf("ab.cdZ").is_err());
    }

    #[test]
    fn sirene_bands_have_french_labels() {
        assert_eq!(headcount_label("11"), Some("10 à 19 salariés"));
        assert_eq!(headcount_label("NN"), None);
    }
}
