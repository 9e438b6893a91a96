//! The demo territories' establishments (fictional companies, real NAF codes of each
//! territory's industries and real communes), the employers of the demo case files; and their
//! diagnostics, hiring needs and trade labels, so that the Territoires screen shows what a
//! coordinator would see.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use passerelle_domain::case::{CaseId, HeadcountBand, Opco};
use passerelle_domain::diagnostic::{Diagnostic, DiagnosticLine, Outlook, Stage};
use passerelle_domain::establishment::Establishment;
use passerelle_domain::need::{Contract, HiringNeed, NeedSource, NeedStatus};
use passerelle_domain::trade_label::{LabelInput, suggest};
use passerelle_domain::validate::luhn_check_digit;
use passerelle_storage::{Connection, StorageError, dashboard, diagnostics, establishments, needs};

use crate::rng::Rng;

/// Where the company is going: it decides its diagnostic's outlooks and whether it recruits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trend {
    /// Exposed to the end of coal, to decarbonation or to automation.
    Exposed,
    /// Hiring (hydrogen, care, digital, logistics).
    Growing,
    Steady,
}

pub(crate) struct DemoEmployer {
    pub name: &'static str,
    /// NAF rév. 2 without its dot, as the case files write it.
    pub naf: &'static str,
    pub idcc: &'static str,
    pub opco: Opco,
    /// Sirene headcount band code.
    pub band: &'static str,
    /// INSEE code of the commune.
    pub commune: &'static str,
    pub territory: &'static str,
    pub trend: Trend,
    /// Drivers of change a diagnostic names.
    pub drivers: &'static [&'static str],
    /// Its trades (ROME): its employees' current jobs, its diagnostic's lines, its needs.
    pub trades: &'static [&'static str],
}

macro_rules! employer {
    ($name:literal, $naf:literal, $idcc:literal, $opco:ident, $band:literal, $commune:literal,
     $territory:literal, $trend:ident, [$($driver:literal),*], [$($trade:literal),*]) => {
        DemoEmployer {
            name: $name,
            naf: $naf,
            idcc: $idcc,
            opco: Opco::$opco,
            band: $band,
            commune: $commune,
            territory: $territory,
            trend: Trend::$trend,
            drivers: &[$($driver),*],
            trades: &[$($trade),*],
        }
    };
}

pub(crate) const EMPLOYERS: &[DemoEmployer] = &[
    employer!(
        "Verrerie du Pays de Sarrebourg",
        "2313Z",
        "",
        Opco2i,
        "32",
        "57630",
        "moselle-sud",
        Exposed,
        ["décarbonation", "automatisation"],
        ["H2801", "H2805", "I1304"]
    ),
    employer!(
        "Plasturgie Moselle Sud",
        "2229A",
        "0292",
        Opco2i,
        "21",
        "57414",
        "moselle-sud",
        Exposed,
        ["automatisation", "transition écologique"],
        ["H3201", "H3202", "H2912"]
    ),
    employer!(
        "Scierie des Vosges mosellanes",
        "1610A",
        "",
        Ocapiat,
        "12",
        "57630",
        "moselle-sud",
        Steady,
        [],
        ["H2211", "H2206", "N1101"]
    ),
    employer!(
        "Transports Weber & Fils",
        "4941A",
        "0016",
        OpcoMobilites,
        "12",
        "57630",
        "moselle-sud",
        Growing,
        [],
        ["N4101", "N1103", "N1101"]
    ),
    employer!(
        "Chimie Carling Services",
        "2014Z",
        "0044",
        Opco2i,
        "41",
        "57123",
        "warndt-naborien",
        Exposed,
        ["fin du charbon", "décarbonation"],
        ["H2304", "H2301", "H1531"]
    ),
    employer!(
        "Hydrogène du Warndt",
        "2011Z",
        "0044",
        Opco2i,
        "11",
        "57336",
        "warndt-naborien",
        Growing,
        ["hydrogène"],
        ["H2710", "I1309", "H1241"]
    ),
    employer!(
        "Énergie Saint-Avold",
        "3511Z",
        "",
        Opco2i,
        "22",
        "57606",
        "warndt-naborien",
        Exposed,
        ["fin du charbon", "hydrogène"],
        ["H2603", "H2701", "I1310"]
    ),
    employer!(
        "Mécanique Warndt Précision",
        "2562B",
        "3248",
        Opco2i,
        "21",
        "57160",
        "warndt-naborien",
        Steady,
        ["automatisation"],
        ["H2903", "H2906", "H2912"]
    ),
    employer!(
        "Fonderie de la Meuse",
        "2451Z",
        "3248",
        Opco2i,
        "32",
        "08081",
        "nord-est-ardennes",
        Exposed,
        ["automatisation", "relocalisation"],
        ["H2907", "H3403", "I1304"]
    ),
    employer!(
        "Forges de Nouvion",
        "2550A",
        "3248",
        Opco2i,
        "22",
        "08327",
        "nord-est-ardennes",
        Exposed,
        ["relocalisation"],
        ["H2904", "H2913", "H2902"]
    ),
    employer!(
        "Papeterie des Ardennes",
        "1712Z",
        "",
        Opco2i,
        "41",
        "08190",
        "nord-est-ardennes",
        Steady,
        ["transition écologique"],
        ["H3104", "H3105", "I1310"]
    ),
    employer!(
        "Boulonnerie de Monthermé",
        "2594Z",
        "3248",
        Opco2i,
        "12",
        "08302",
        "nord-est-ardennes",
        Growing,
        ["relocalisation"],
        ["H2906", "H2903", "H2912"]
    ),
    employer!(
        "Aciérie de Neuves-Maisons",
        "2410Z",
        "3248",
        Opco2i,
        "32",
        "54397",
        "meurthe-et-moselle",
        Exposed,
        ["décarbonation"],
        ["H2907", "H3403", "I1309"]
    ),
    employer!(
        "Clinique Saint-Nicolas",
        "8610Z",
        "2264",
        OpcoSante,
        "31",
        "54395",
        "meurthe-et-moselle",
        Growing,
        [],
        ["J1506", "J1501", "J1301"]
    ),
    employer!(
        "Lorraine Conseil Informatique",
        "6202A",
        "1486",
        Atlas,
        "12",
        "54547",
        "meurthe-et-moselle",
        Growing,
        ["numérique"],
        ["M1805", "M1810", "M1824"]
    ),
    employer!(
        "Bâtiment Lorrain SAS",
        "4120A",
        "1597",
        Constructys,
        "11",
        "54528",
        "meurthe-et-moselle",
        Steady,
        [],
        ["F1703", "F1701", "F1607"]
    ),
    employer!(
        "Logistique Metz Borny",
        "5210B",
        "0016",
        OpcoMobilites,
        "22",
        "57463",
        "metz",
        Growing,
        ["automatisation"],
        ["N1103", "N1101", "N1105"]
    ),
    employer!(
        "EHPAD Les Tilleuls",
        "8710A",
        "0029",
        OpcoSante,
        "21",
        "57751",
        "metz",
        Growing,
        [],
        ["J1501", "K1302", "J1301"]
    ),
    employer!(
        "Hypermarché des Trois Frontières",
        "4711F",
        "2216",
        Opcommerce,
        "22",
        "57447",
        "metz",
        Exposed,
        ["numérique", "automatisation"],
        ["D1505", "D1507", "N1105"]
    ),
    employer!(
        "Propreté Moselle Services",
        "8121Z",
        "3043",
        Akto,
        "21",
        "57463",
        "metz",
        Steady,
        [],
        ["K2204", "N1105", "N1101"]
    ),
];

impl DemoEmployer {
    /// A valid SIRET of its own, the same at every run.
    pub fn siret(&self) -> String {
        let index = EMPLOYERS
            .iter()
            .position(|e| e.name == self.name)
            .unwrap_or_default();
        let siren = format!("{:08}", 41_200_000 + index * 7_919);
        let siren = format!("{siren}{}", luhn_check_digit(&siren));
        let siret = format!("{siren}{:04}", 10 + index);
        format!("{siret}{}", luhn_check_digit(&siret))
    }

    /// The case files' headcount band for the Sirene code.
    pub fn headcount(&self) -> HeadcountBand {
        match self.band {
            "00" | "01" | "02" | "03" => HeadcountBand::Moins11,
            "11" | "12" => HeadcountBand::De11A49,
            "21" | "22" => HeadcountBand::De50A249,
            "31" => HeadcountBand::De250A299,
            "32" | "41" => HeadcountBand::De300A999,
            _ => HeadcountBand::Plus1000,
        }
    }

    /// The trades it recruits for, its hiring needs: the first two of a growing company's.
    pub fn needs(&self) -> &'static [&'static str] {
        if self.trend == Trend::Growing {
            &self.trades[..self.trades.len().min(2)]
        } else {
            &[]
        }
    }

    /// The NAF code as Sirene writes it (« 23.13Z »).
    fn naf_dotted(&self) -> String {
        format!("{}.{}", &self.naf[..2], &self.naf[2..])
    }
}

/// The establishments of a territory (every one if none are listed for it).
pub(crate) fn of_territory(territory: &str) -> Vec<&'static DemoEmployer> {
    let here: Vec<_> = EMPLOYERS
        .iter()
        .filter(|e| e.territory == territory)
        .collect();
    if here.is_empty() {
        EMPLOYERS.iter().collect()
    } else {
        here
    }
}

/// The trades the growing companies of `territory` recruit for.
pub(crate) fn needs_of_territory(territory: &str) -> Vec<&'static str> {
    EMPLOYERS
        .iter()
        .filter(|e| e.territory == territory)
        .flat_map(|e| e.needs().iter().copied())
        .collect()
}

/// Writes the establishments, placed in their commune's EPCI and territory.
pub(crate) fn save_establishments(
    conn: &mut Connection,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let rows: Vec<Establishment> = EMPLOYERS
        .iter()
        .filter_map(|e| {
            let place = passerelle_domain::place::of_commune(e.commune)?;
            Some(Establishment {
                siret: e.siret(),
                name: e.name.to_owned(),
                naf: e.naf_dotted(),
                headcount_band: e.band.to_owned(),
                commune: e.commune.to_owned(),
                commune_name: place.name.to_owned(),
                epci: place.epci.to_owned(),
                epci_name: place.epci_name.to_owned(),
                territory: place.territory.to_owned(),
                idcc: e.idcc.to_owned(),
                opco: String::new(),
                notes: String::new(),
                source: "manual".into(),
                updated_at: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            })
        })
        .collect();
    establishments::save_all(conn, &rows)?;
    Ok(())
}

/// Diagnostics of the exposed and steady companies, hiring needs of the growing ones, the
/// labels of each territory's leading trades confirmed, and the case files of diagnosed
/// companies linked to the line of their trade.
pub(crate) fn seed_territory(
    conn: &mut Connection,
    cases: &[(CaseId, String, String)],
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let mut rng = Rng::new(2026);
    let mut territories: Vec<&str> = Vec::new();
    for e in EMPLOYERS {
        if !territories.contains(&e.territory) {
            territories.push(e.territory);
        }
        let romes = e.trades;
        let siret = e.siret();
        if e.trend != Trend::Growing {
            let lines: Vec<DiagnosticLine> = romes
                .iter()
                .enumerate()
                .map(|(i, rome)| {
                    let headcount = rng.range(12, 90) as u32;
                    let (outlook, share) = match (e.trend, i) {
                        (Trend::Exposed, 0) => (Outlook::Peril, rng.range(30, 60)),
                        (Trend::Exposed, _) => (Outlook::Mutation, rng.range(10, 30)),
                        (_, 0) => (Outlook::Mutation, rng.range(5, 15)),
                        _ => (Outlook::Stable, 0),
                    };
                    DiagnosticLine {
                        id: 0,
                        rome: (*rome).to_owned(),
                        appellation: String::new(),
                        headcount,
                        at_risk: headcount * share as u32 / 100,
                        horizon_months: rng.range(12, 48) as u32,
                        outlook,
                        skills_at_risk: if outlook == Outlook::Stable {
                            Vec::new()
                        } else {
                            vec!["conduite d’installations thermiques".into()]
                        },
                        skills_needed: vec!["maintenance électrique et automatismes".into()],
                        over_55: headcount * rng.range(10, 30) as u32 / 100,
                        linked_cases: 0,
                    }
                })
                .collect();
            // An earlier diagnostic, then the current one: the history a company has.
            for months_ago in [14, 2] {
                let saved = diagnostics::save(
                    conn,
                    Diagnostic {
                        id: 0,
                        siret: siret.clone(),
                        date: today - Duration::days(months_ago * 30 + rng.range(0, 20) as i64),
                        author: "Chargée de mission GPEC territoriale".into(),
                        drivers: e.drivers.iter().map(|d| (*d).to_owned()).collect(),
                        horizon_months: 36,
                        stage: if months_ago > 6 {
                            Stage::EtatDesLieux
                        } else {
                            Stage::Outils
                        },
                        notes: String::new(),
                        lines: lines.clone(),
                    },
                    today,
                    at,
                )?;
                if months_ago == 2 {
                    link_cases(conn, &saved, &siret, cases)?;
                }
            }
        } else {
            for (i, rome) in e.needs().iter().enumerate() {
                needs::save(
                    conn,
                    HiringNeed {
                        id: 0,
                        siret: siret.clone(),
                        rome: (*rome).to_owned(),
                        appellation: String::new(),
                        posts: rng.range(2, 9) as u32,
                        contract: if i == 0 {
                            Contract::Cdi
                        } else {
                            Contract::Professionnalisation
                        },
                        wished_start: Some(today + Duration::days(rng.range(30, 200) as i64)),
                        reconversion_open: true,
                        afest: rng.chance(50),
                        status: NeedStatus::Ouvert,
                        source: if i == 0 {
                            NeedSource::Recensement
                        } else {
                            NeedSource::Visite
                        },
                        campaign: format!("Recensement 2026 — {}", e.territory),
                        notes: String::new(),
                        recorded_on: None,
                    },
                    today,
                    at,
                )?;
            }
        }
    }
    // Each territory's two leading trades, their suggestion confirmed by the coordinator.
    for territory in territories {
        let scope = passerelle_domain::dashboard::Scope::new(territory, "");
        let board = dashboard::dashboard(conn, &scope)?;
        for trade in board.trades.iter().take(2) {
            let outlook = suggest(&trade.evidence).outlook;
            dashboard::save_label(
                conn,
                "Coordination territoriale (démonstration)",
                LabelInput {
                    rome: trade.rome.clone(),
                    territory: territory.to_owned(),
                    outlook,
                    comment: String::new(),
                },
                today,
                at,
            )?;
        }
    }
    Ok(())
}

/// Links the company's case files to the diagnostic line of their trade, at most as many as
/// the line counts employees at risk.
fn link_cases(
    conn: &mut Connection,
    d: &Diagnostic,
    siret: &str,
    cases: &[(CaseId, String, String)],
) -> Result<(), StorageError> {
    for line in &d.lines {
        let matching = cases
            .iter()
            .filter(|(_, employer, rome)| employer == siret && *rome == line.rome)
            .take(line.at_risk as usize);
        for (id, _, _) in matching {
            diagnostics::link(conn, *id, Some(line.id))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_establishment_has_a_valid_siret_and_lies_in_its_territory() {
        for e in EMPLOYERS {
            for rome in e.trades {
                assert!(
                    passerelle_domain::validate::rome_label(rome).is_some(),
                    "{rome}"
                );
            }
            assert!(
                passerelle_domain::validate::validate_siret(&e.siret()).is_ok(),
                "{}",
                e.name
            );
            let place = passerelle_domain::place::of_commune(e.commune).unwrap();
            assert_eq!(place.territory, e.territory, "{}", e.name);
            assert!(passerelle_domain::establishment::normalise_naf(e.naf).is_ok());
        }
        let sirets: std::collections::HashSet<String> =
            EMPLOYERS.iter().map(|e| e.siret()).collect();
        assert_eq!(sirets.len(), EMPLOYERS.len());
    }
}
