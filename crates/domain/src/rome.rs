//! What the ROME 4.60 reference (France Travail, Licence Ouverte) says about trades beyond their
//! labels: the professional domains that group them (`H29`, the first three characters of a
//! code), and each trade's marks of the ecological and digital transitions. Both assets are
//! derived from the open data by `passerelle-import`'s `build-rome-assets`.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::text::reference_fields as fields;

const DOMAINS_CSV: &str = include_str!("../../../assets/reference/rome_domains.csv");
const TRANSITIONS_CSV: &str = include_str!("../../../assets/reference/rome_transitions.csv");

/// A trade's transition marks, as counts (how marked a trade is matters, not just whether).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransitionFlags {
    /// Distinct competences of the trade's fiche.
    pub competences: u32,
    /// Of which marked for the ecological transition.
    pub eco_competences: u32,
    /// Of which marked for the digital transition.
    pub digital_competences: u32,
    /// The trade's appellations (the job titles it gathers).
    pub appellations: u32,
    /// Of which « Emploi Vert » (or « Emploi Verdissant »).
    pub green_appellations: u32,
    /// Of which « Emploi Brun » (jobs of activities that harm the environment).
    pub brown_appellations: u32,
}

/// The 110 domains by code (read once).
fn domains() -> &'static HashMap<&'static str, &'static str> {
    static DOMAINS: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    DOMAINS.get_or_init(|| {
        DOMAINS_CSV
            .lines()
            .skip(1)
            .filter_map(|line| match fields(line)[..] {
                [code, label] => Some((code, label)),
                _ => None,
            })
            .collect()
    })
}

/// The flags of every ROME code (read once).
fn transitions() -> &'static HashMap<&'static str, TransitionFlags> {
    static TRANSITIONS: OnceLock<HashMap<&'static str, TransitionFlags>> = OnceLock::new();
    TRANSITIONS.get_or_init(|| {
        TRANSITIONS_CSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let (rome, numbers) = line.split_once(',')?;
                let n: Vec<u32> = numbers
                    .split(',')
                    .map(|n| n.trim().parse().ok())
                    .collect::<Option<_>>()?;
                let [c, eco, digital, a, green, brown] = n[..] else {
                    return None;
                };
                Some((
                    rome,
                    TransitionFlags {
                        competences: c,
                        eco_competences: eco,
                        digital_competences: digital,
                        appellations: a,
                        green_appellations: green,
                        brown_appellations: brown,
                    },
                ))
            })
            .collect()
    })
}

/// The label of a professional domain (`H29` → « Mécanique, travail des métaux et
/// outillage »).
pub fn domain_label(code3: &str) -> Option<&'static str> {
    domains().get(code3).copied()
}

/// The domain a ROME code belongs to: its first three characters (`H2913` → `H29`).
pub fn family_of(rome: &str) -> &str {
    rome.get(..3).unwrap_or(rome)
}

/// The transition marks of a ROME code, if the reference knows it.
pub fn transition_flags(rome: &str) -> Option<TransitionFlags> {
    transitions().get(rome).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_complete_and_found_from_a_code() {
        assert_eq!(domains().len(), 110);
        assert_eq!(family_of("H2913"), "H29");
        assert_eq!(family_of("H2"), "H2");
        assert_eq!(
            domain_label(family_of("H2913")),
            Some("Mécanique, travail des métaux et outillage")
        );
        assert_eq!(domain_label("M16"), Some("Secrétariat et assistance"));
        assert_eq!(domain_label("Z99"), None);
    }

    #[test]
    fn every_rome_code_has_its_flags() {
        let codes = include_str!("../../../assets/reference/rome_codes.csv");
        assert_eq!(transitions().len(), 1584);
        for line in codes.lines().skip(1) {
            let code = &line[..5];
            let t = transition_flags(code).unwrap_or_else(|| panic!("{code}"));
            assert!(t.eco_competences <= t.competences && t.digital_competences <= t.competences);
            assert!(t.green_appellations + t.brown_appellations <= t.appellations);
            assert!(domain_label(family_of(code)).is_some(), "{code}");
        }
        assert_eq!(transition_flags("Z9999"), None);
    }

    #[test]
    fn green_brown_and_plain_trades() {
        // Agent de tri des déchets: every appellation green.
        let sorting = transition_flags("K2304").unwrap();
        assert_eq!((sorting.appellations, sorting.green_appellations), (3, 3));
        // Extracteur de roches: every appellation brown.
        let quarry = transition_flags("F1402").unwrap();
        assert_eq!((quarry.appellations, quarry.brown_appellations), (36, 36));
        // Soudeur: neither, but competences of its own.
        let welder = transition_flags("H2913").unwrap();
        assert_eq!(
            (welder.green_appellations, welder.brown_appellations),
            (0, 0)
        );
        assert!(welder.competences > 20, "{welder:?}");
    }
}
