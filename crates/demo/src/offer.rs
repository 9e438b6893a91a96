//! The demo's training offer: for every fiche of the demo catalogue, an action per provider in
//! the provider's town, each with two dated sessions, so that matching finds sessions near the
//! demo cases. Fictional, like the catalogue: what a Carif-Oref LHEO feed would bring.

use chrono::{Datelike, Months, NaiveDate};
use passerelle_domain::parcours::Modality;
use passerelle_domain::training::{
    Action, Formation, Origin, Provider, Recruitment, Session, Teaching,
};

use crate::catalogue::FICHES;

/// The INSEE code of the town a demo provider teaches in.
fn commune_of(provider: &str) -> (&'static str, &'static str) {
    const TOWNS: &[(&str, &str, &str)] = &[
        ("Charleville-Mézières", "08105", "Charleville-Mézières"),
        ("Saint-Avold", "57606", "Saint-Avold"),
        ("Laxou", "54304", "Laxou"),
        ("Pont-à-Mousson", "54431", "Pont-à-Mousson"),
        ("Remiremont", "88383", "Remiremont"),
        ("Nancy", "54395", "Nancy"),
        ("Lorraine Centre", "54395", "Nancy"),
        ("Lorraine Nord", "57672", "Thionville"),
        ("UIMM", "54357", "Maxéville"),
        ("Metz", "57463", "Metz"),
    ];
    TOWNS
        .iter()
        .find(|(needle, _, _)| provider.contains(needle))
        .map_or(("57463", "Metz"), |&(_, insee, name)| (insee, name))
}

fn teaching(m: Modality) -> (Option<Teaching>, bool) {
    match m {
        Modality::Presentiel => (Some(Teaching::Presentiel), false),
        Modality::Mixte => (Some(Teaching::Mixte), false),
        Modality::Distanciel => (Some(Teaching::Distance), false),
        Modality::Afest => (Some(Teaching::Presentiel), true),
    }
}

/// A fictional SIRET with a valid check digit, from a provider's position.
fn siret(index: usize) -> String {
    let body = format!("{:013}", 8_990_000_000_000u64 + index as u64 * 101);
    let check = passerelle_domain::validate::luhn_check_digit(&body);
    format!("{body}{check}")
}

/// The offer, sessions starting from the month after `today`.
pub fn training_offer(today: NaiveDate) -> Vec<Formation> {
    let first =
        NaiveDate::from_ymd_opt(today.year(), today.month(), 1).unwrap_or(today) + Months::new(1);
    let mut providers: Vec<&str> = Vec::new();
    FICHES
        .iter()
        .enumerate()
        .map(|(f, fiche)| {
            let t = &fiche.training;
            let actions = t
                .providers
                .iter()
                .enumerate()
                .map(|(p, provider)| {
                    let index = providers
                        .iter()
                        .position(|x| x == provider)
                        .unwrap_or_else(|| {
                            providers.push(provider);
                            providers.len() - 1
                        });
                    let (commune, place) = commune_of(provider);
                    let (teaching, afest) = teaching(t.modalities[(f + p) % t.modalities.len()]);
                    let hours = t.hours.0 + (t.hours.1 - t.hours.0) * ((f + p) % 3) as u32 / 2;
                    let company = hours / 4;
                    let weeks = u64::from(hours / 30).max(2);
                    let sessions = (0..2u32)
                        .map(|s| {
                            let start = first + Months::new(((f + p) % 4) as u32 + s * 6);
                            Session {
                                key: format!("S{}", s + 1),
                                start: Some(start),
                                end: Some(start + chrono::Days::new(weeks * 7)),
                                recruitment: Some(if s == 0 && (f + p) % 7 == 6 {
                                    Recruitment::Closed
                                } else {
                                    Recruitment::Open
                                }),
                            }
                        })
                        .collect();
                    Action {
                        key: format!("{}-{}", fiche.code, p + 1),
                        teaching,
                        afest,
                        chantier_ecole: false,
                        hours_centre: Some(hours - company),
                        hours_company: Some(company),
                        hours_total: Some(hours),
                        price_cents: Some(
                            i64::from(t.cost_euros.0 + (t.cost_euros.1 - t.cost_euros.0) / 2) * 100,
                        ),
                        commune: commune.to_owned(),
                        place: place.to_owned(),
                        provider: Provider {
                            siret: siret(index),
                            name: (*provider).to_owned(),
                        },
                        sessions,
                    }
                })
                .collect();
            Formation {
                origin: Origin::Lheo,
                key: format!("DEMO-{}", fiche.code),
                title: t.title.to_owned(),
                objective: format!("Préparer {} (démonstration).", fiche.title),
                romes: fiche.romes.iter().map(|r| (*r).to_owned()).collect(),
                formacodes: Vec::new(),
                certifications: vec![fiche.code.to_owned()],
                blocs: (1..=fiche.blocs.len())
                    .map(|b| format!("{}BC{b:02}", fiche.code))
                    .collect(),
                actions,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fiche_has_sessions_in_known_towns() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let offer = training_offer(today);
        assert_eq!(offer.len(), FICHES.len());
        for f in &offer {
            assert!(!f.actions.is_empty(), "{}", f.key);
            for a in &f.actions {
                assert!(
                    passerelle_domain::place::of_commune(&a.commune).is_some(),
                    "{}",
                    a.commune
                );
                assert_eq!(a.sessions.len(), 2);
                assert!(a.sessions.iter().all(|s| s.start > Some(today)));
                assert_eq!(a.provider.siret.len(), 14);
            }
        }
        // The Ardennes scenario: a session in Charleville-Mézières prepares RNCP36210.
        let ardennes = offer
            .iter()
            .find(|f| f.certifications == ["RNCP36210"])
            .unwrap();
        assert!(ardennes.actions.iter().any(|a| a.commune == "08105"));
    }
}
