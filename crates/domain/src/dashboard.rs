//! The territory dashboard: for a territory or one of its EPCIs, the establishments followed,
//! the employees at risk against the posts to fill by trade family, the trades en péril / en
//! devenir, the case files opened and their outcomes, the certifications obtained — and the
//! figures of every Grand Est EPCI for the map. Its tables are exported for funders and
//! partners with small counts suppressed ([`export_tables`]).

use serde::{Deserialize, Serialize};

use crate::diagnostic::Outlook;
use crate::parcours::Step;
use crate::trade_label::{Evidence, Suggestion, TradeLabel};

/// What the dashboard covers: a territory, or one EPCI (SIREN) of the region.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Scope {
    pub territory: String,
    /// Empty: the whole territory.
    #[serde(default)]
    pub epci: String,
}

impl Scope {
    /// A scope from what was typed: trimmed; an empty EPCI means the whole territory.
    pub fn new(territory: &str, epci: &str) -> Self {
        Self {
            territory: territory.trim().to_owned(),
            epci: epci.trim().to_owned(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TerritoryDashboard {
    pub scope: Scope,
    /// « Territoire d’industrie Moselle Sud » or « CC Sarrebourg Moselle Sud ».
    pub scope_label: String,
    pub establishments: u64,
    /// Establishments with at least one diagnostic, with at least one open need.
    pub diagnosed: u64,
    pub with_needs: u64,
    pub families: Vec<FamilyFigures>,
    pub trades: Vec<TradeRow>,
    pub cases_opened: u64,
    pub outcomes: Vec<OutcomeCount>,
    pub certifications: Vec<CertificationCount>,
    pub diagnostics_by_month: Vec<MonthCount>,
    /// Every Grand Est EPCI, for the map (whatever the scope).
    pub epcis: Vec<EpciFigures>,
}

/// Employees at risk and posts to fill in a trade family (ROME professional domain, « H29 »).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FamilyFigures {
    pub family: String,
    pub label: String,
    pub headcount: u64,
    pub at_risk: u64,
    pub open_posts: u64,
}

/// A trade of the scope: its evidence, the suggested label and the decided one, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TradeRow {
    pub rome: String,
    pub label: String,
    pub evidence: Evidence,
    pub suggestion: Suggestion,
    pub decided: Option<TradeLabel>,
}

impl TradeRow {
    /// The decided label, else the suggested one.
    pub fn outlook(&self) -> Outlook {
        self.decided
            .as_ref()
            .map_or(self.suggestion.outlook, |d| d.outlook)
    }
}

/// Where case files stand, in the words of a funder's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseOutcome {
    /// CEP: welcome, accompaniment, project.
    EnAccompagnement,
    /// A funding request or a certification route (PTP, OPCO, démission, VAE, CléA…).
    EnFinancement,
    EnFormation,
    Certifie,
    EnEmploi,
    RetourPoste,
    EnRecherche,
    /// Refused, abandoned, closed without follow-up.
    Arret,
}

impl CaseOutcome {
    pub const ALL: [CaseOutcome; 8] = [
        Self::EnAccompagnement,
        Self::EnFinancement,
        Self::EnFormation,
        Self::Certifie,
        Self::EnEmploi,
        Self::RetourPoste,
        Self::EnRecherche,
        Self::Arret,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::EnAccompagnement => "En accompagnement CEP",
            Self::EnFinancement => "Financement ou certification en cours",
            Self::EnFormation => "En formation",
            Self::Certifie => "Certifiés",
            Self::EnEmploi => "En emploi ou création d’entreprise",
            Self::RetourPoste => "Retour au poste initial",
            Self::EnRecherche => "En recherche d’emploi",
            Self::Arret => "Refus, abandon ou sans suite",
        }
    }

    /// The outcome a parcours step stands for.
    pub fn of(step: Step) -> Self {
        use Step::*;
        match step {
            Accueil | Accompagnement | ProjetFormalise => Self::EnAccompagnement,
            EnFormation | FormationTerminee | Certification | SuiviPostFormation
            | VaeAccompagnement | VaeJury | CleaJury => Self::EnFormation,
            Certifie | CertifiePartiel => Self::Certifie,
            EnEmploiMetierVise | EnEmploiAutreMetier | CreationRepriseEntreprise => Self::EnEmploi,
            RetourPosteInitial => Self::RetourPoste,
            EnRechercheEmploi | DemissionInscritFt => Self::EnRecherche,
            FormationInterrompue | FormationAbandonnee | RetraitAbandon | ClosRefus
            | ClosSansSuite | NonCertifie | PtpRefusDefinitif | PtpIrrecevable | VaeIrrecevable
            | OpcoRefus | DemissionRefusee => Self::Arret,
            _ => Self::EnFinancement,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeCount {
    pub outcome: CaseOutcome,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificationCount {
    pub code: String,
    pub title: String,
    /// Validations totales (certificates issued or results « totale »).
    pub count: u64,
}

/// Diagnostics made in a month (« 2026-03 »).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthCount {
    pub month: String,
    pub count: u64,
}

/// One EPCI's figures, for the map and its table twin.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EpciFigures {
    pub siren: String,
    pub name: String,
    /// The followed territory it belongs to (empty: none).
    pub territory: String,
    pub establishments: u64,
    pub at_risk: u64,
    pub open_posts: u64,
}

/// A cell of an exported table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum Cell {
    Text(String),
    Count(u64),
    /// A count under the threshold, not shown.
    Suppressed,
}

/// A table of the dashboard, as exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Table {
    /// Short name (an XLSX sheet: 31 characters at most).
    pub name: String,
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// How a suppressed count reads in an export (« < 5 »).
pub fn suppressed_text(threshold: u32) -> String {
    format!("< {threshold}")
}

/// The dashboard's tables for an export: every count from 1 to `threshold - 1` suppressed so no
/// person (or company) can be singled out. Zeros stay: they disclose nobody. No total rows: a
/// total next to a single suppressed cell would give it away.
pub fn export_tables(d: &TerritoryDashboard, threshold: u32) -> Vec<Table> {
    let count = |n: u64| {
        if n > 0 && n < u64::from(threshold) {
            Cell::Suppressed
        } else {
            Cell::Count(n)
        }
    };
    let text = |s: &str| Cell::Text(s.to_owned());
    let headers = |h: &[&str]| h.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    vec![
        Table {
            name: "Synthèse".into(),
            title: format!("{} — synthèse", d.scope_label),
            headers: headers(&["Indicateur", "Valeur"]),
            rows: vec![
                vec![text("Établissements suivis"), count(d.establishments)],
                vec![text("Établissements diagnostiqués"), count(d.diagnosed)],
                vec![
                    text("Établissements avec besoins ouverts"),
                    count(d.with_needs),
                ],
                vec![text("Dossiers ouverts"), count(d.cases_opened)],
            ],
        },
        Table {
            name: "Familles de métiers".into(),
            title: "Salariés exposés et postes à pourvoir par famille de métiers (ROME)".into(),
            headers: headers(&[
                "Famille",
                "Libellé",
                "Effectif",
                "Salariés exposés",
                "Postes à pourvoir",
            ]),
            rows: d
                .families
                .iter()
                .map(|f| {
                    vec![
                        text(&f.family),
                        text(&f.label),
                        count(f.headcount),
                        count(f.at_risk),
                        count(f.open_posts),
                    ]
                })
                .collect(),
        },
        Table {
            name: "Métiers".into(),
            title: "Métiers en péril, en mutation, en devenir".into(),
            headers: headers(&[
                "ROME",
                "Métier",
                "Libellé",
                "Décidé",
                "Salariés exposés",
                "Postes à pourvoir",
            ]),
            rows: d
                .trades
                .iter()
                .map(|t| {
                    vec![
                        text(&t.rome),
                        text(&t.label),
                        text(t.outlook().label()),
                        text(if t.decided.is_some() {
                            "oui"
                        } else {
                            "suggéré"
                        }),
                        count(u64::from(t.evidence.at_risk)),
                        count(u64::from(t.evidence.open_posts)),
                    ]
                })
                .collect(),
        },
        Table {
            name: "Dossiers".into(),
            title: "Dossiers individuels par situation".into(),
            headers: headers(&["Situation", "Dossiers"]),
            rows: d
                .outcomes
                .iter()
                .map(|o| vec![text(o.outcome.label()), count(o.count)])
                .collect(),
        },
        Table {
            name: "Certifications".into(),
            title: "Certifications obtenues (validations totales)".into(),
            headers: headers(&["Code", "Certification", "Obtenues"]),
            rows: d
                .certifications
                .iter()
                .map(|c| vec![text(&c.code), text(&c.title), count(c.count)])
                .collect(),
        },
        Table {
            name: "EPCI".into(),
            title: "Établissements, salariés exposés et postes à pourvoir par EPCI".into(),
            headers: headers(&[
                "SIREN",
                "EPCI",
                "Établissements",
                "Salariés exposés",
                "Postes à pourvoir",
            ]),
            rows: d
                .epcis
                .iter()
                .filter(|e| d.scope.territory.is_empty() || e.territory == d.scope.territory)
                .map(|e| {
                    vec![
                        text(&e.siren),
                        text(&e.name),
                        count(e.establishments),
                        count(e.at_risk),
                        count(e.open_posts),
                    ]
                })
                .collect(),
        },
    ]
}

/// A table as CSV for a French spreadsheet: `;` separators, quoted when needed, CRLF lines,
/// with a byte-order mark so that Excel reads the accents.
pub fn to_csv(table: &Table, threshold: u32) -> String {
    let quote = |s: &str| {
        if s.contains([';', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    let mut out = String::from("\u{feff}");
    let line = |cells: Vec<String>| cells.join(";") + "\r\n";
    out.push_str(&line(table.headers.iter().map(|h| quote(h)).collect()));
    for row in &table.rows {
        out.push_str(&line(
            row.iter()
                .map(|c| match c {
                    Cell::Text(s) => quote(s),
                    Cell::Count(n) => n.to_string(),
                    Cell::Suppressed => suppressed_text(threshold),
                })
                .collect(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dashboard() -> TerritoryDashboard {
        TerritoryDashboard {
            scope: Scope {
                territory: "moselle-sud".into(),
                epci: String::new(),
            },
            scope_label: "Territoire d’industrie Moselle Sud".into(),
            establishments: 412,
            diagnosed: 3,
            with_needs: 0,
            cases_opened: 57,
            outcomes: vec![
                OutcomeCount {
                    outcome: CaseOutcome::EnFormation,
                    count: 4,
                },
                OutcomeCount {
                    outcome: CaseOutcome::EnEmploi,
                    count: 12,
                },
            ],
            ..TerritoryDashboard::default()
        }
    }

    #[test]
    fn counts_under_the_threshold_are_suppressed_zeros_are_kept() {
        let tables = export_tables(&dashboard(), 5);
        let summary = &tables[0].rows;
        assert_eq!(summary[0][1], Cell::Count(412));
        assert_eq!(summary[1][1], Cell::Suppressed);
        assert_eq!(summary[2][1], Cell::Count(0));
        let cases = &tables[3].rows;
        assert_eq!(cases[0][1], Cell::Suppressed);
        assert_eq!(cases[1][1], Cell::Count(12));
        let csv = to_csv(&tables[3], 5);
        assert_eq!(
            csv,
            "\u{feff}Situation;Dossiers\r\nEn formation;< 5\r\nEn emploi ou création d’entreprise;12\r\n"
        );
    }

    #[test]
    fn every_step_has_an_outcome_and_outcomes_read_as_a_report_does() {
        for step in crate::parcours::ALL_STEPS {
            let _ = CaseOutcome::of(*step);
        }
        assert_eq!(
            CaseOutcome::of(Step::PtpEnInstruction),
            CaseOutcome::EnFinancement
        );
        assert_eq!(CaseOutcome::of(Step::ClosSansSuite), CaseOutcome::Arret);
        assert_eq!(
            CaseOutcome::of(Step::EnEmploiMetierVise),
            CaseOutcome::EnEmploi
        );
    }
}
