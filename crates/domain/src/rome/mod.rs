//! What the ROME 4.60 reference (France Travail, Licence Ouverte) says about trades beyond their
//! labels: the professional domains that group them (`H29`, the first three characters of a
//! code), and each trade's marks of the ecological and digital transitions. Both assets are
//! derived from the open data by `passerelle-import`'s `build-rome-assets`.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::text::reference_fields as fields;

mod reference;
pub use reference::{
    Competence, CompetenceKind, Fiche, Importance, ReferenceError, ReferenceFiles, ReferenceInUse,
    RomeReference,
};

const DOMAINS_CSV: &str = include_str!("../../../../assets/reference/rome_domains.csv");
const TRANSITIONS_CSV: &str = include_str!("../../../../assets/reference/rome_transitions.csv");

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

const APPELLATIONS_CSV: &str = include_str!("../../../../assets/reference/rome_appellations.csv");

/// A job title of the ROME (« Soudeur / Soudeuse TIG »), the way people name a trade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Appellation {
    /// France Travail's code of the title (`code_ogr`).
    pub code: u32,
    pub label: String,
    pub rome: String,
    /// The ROME fiche's own label.
    pub rome_label: String,
}

struct Title {
    code: u32,
    label: &'static str,
    rome: &'static str,
    rare: bool,
    /// The label's words, folded (no accents, lower case), for prefix matching.
    words: Vec<String>,
}

fn folded_words(text: &str) -> Vec<String> {
    crate::text::fold_for_sort(text)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn titles() -> &'static [Title] {
    static TITLES: OnceLock<Vec<Title>> = OnceLock::new();
    TITLES.get_or_init(|| {
        APPELLATIONS_CSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let f = fields(line);
                let label = *f.get(1)?;
                Some(Title {
                    code: f.first()?.parse().ok()?,
                    label,
                    rome: f.get(2)?,
                    rare: f.get(3) == Some(&"1"),
                    words: folded_words(label),
                })
            })
            .collect()
    })
}

/// The job titles matching `text`, best first, at most `limit`: every word typed must start a
/// word of the title (« soud tig » finds « Soudeur / Soudeuse Tungsten Inert Gas -TIG- »),
/// accents and case ignored; a ROME code typed whole lists that fiche's titles. Titles whose
/// first word matches come first, then shorter ones; titles France Travail marks little used
/// come last.
pub fn search_appellations(text: &str, limit: usize) -> Vec<Appellation> {
    let query = folded_words(text);
    if query.is_empty() {
        return Vec::new();
    }
    let code = text.trim().to_ascii_uppercase();
    let by_code = query.len() == 1 && crate::validate::rome_label(&code).is_some();
    let mut hits: Vec<(bool, bool, usize, &Title)> = titles()
        .iter()
        .filter(|t| {
            if by_code {
                t.rome == code
            } else {
                query
                    .iter()
                    .all(|q| t.words.iter().any(|w| w.starts_with(q.as_str())))
            }
        })
        .map(|t| {
            let first = t
                .words
                .first()
                .is_some_and(|w| w.starts_with(query[0].as_str()));
            (t.rare, !first, t.label.chars().count(), t)
        })
        .collect();
    hits.sort_by(|a, b| (a.0, a.1, a.2, a.3.label).cmp(&(b.0, b.1, b.2, b.3.label)));
    hits.into_iter()
        .take(limit)
        .map(|(_, _, _, t)| Appellation {
            code: t.code,
            label: t.label.to_owned(),
            rome: t.rome.to_owned(),
            rome_label: crate::validate::rome_label(t.rome)
                .unwrap_or_default()
                .to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_titles_are_found_by_word_prefixes_accents_ignored() {
        assert_eq!(titles().len(), 13_120);
        let welders = search_appellations("soudeur tig", 10);
        assert!(!welders.is_empty());
        assert!(
            welders
                .iter()
                .all(|a| a.label.to_lowercase().contains("tig")),
            "{welders:?}"
        );
        assert!(welders.iter().any(|a| a.rome == "H2916"), "{welders:?}");
        let nurses = search_appellations("INFIRMIER bloc", 5);
        assert!(nurses.iter().any(|a| a.rome == "J1504"), "{nurses:?}");
        let accents = search_appellations("electromecanicien", 5);
        assert!(
            accents[0].label.starts_with("Electromécanicien")
                || accents[0].label.starts_with("Électromécanicien"),
            "{accents:?}"
        );
        assert!(search_appellations("  ", 5).is_empty());
        assert!(search_appellations("zzqqx", 5).is_empty());
    }

    #[test]
    fn a_rome_code_lists_its_titles() {
        let fiche = search_appellations("h2913", 50);
        assert!(fiche.len() > 3);
        assert!(fiche.iter().all(|a| a.rome == "H2913"));
        assert_eq!(fiche[0].rome_label, "Soudeur / Soudeuse");
    }

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
        let codes = include_str!("../../../../assets/reference/rome_codes.csv");
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
