//! The certification staff's view: upcoming sessions, candidates by certification and status,
//! success rates, and the CSV export of candidates and results.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Route;
use super::exam::{ExamKind, ExamOutcome, ExamSessionSummary};
use crate::case::CaseId;
use crate::i18n::Label;

/// Where a candidate stands on one enrolment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidateStatus {
    /// Preparing: no bloc acquired, no session waiting.
    EnParcours,
    /// Registered at a session that has not judged them yet.
    InscritSession,
    /// Some blocs acquired, others left.
    ValidePartiellement,
    /// Every bloc acquired.
    Certifie,
}

/// The status of a candidate from their blocs (how many, how many acquired), whether a
/// session is waiting for them, and whether a session gave them a validation totale (the only
/// proof for a certification without blocs, such as an RS fiche).
pub fn candidate_status(
    blocs: usize,
    acquired: usize,
    session_pending: bool,
    validated: bool,
) -> CandidateStatus {
    if validated || (blocs > 0 && acquired == blocs) {
        CandidateStatus::Certifie
    } else if session_pending {
        CandidateStatus::InscritSession
    } else if acquired > 0 {
        CandidateStatus::ValidePartiellement
    } else {
        CandidateStatus::EnParcours
    }
}

/// Candidates of one certification, by status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CandidateCounts {
    pub certification_code: String,
    pub certification_title: String,
    pub en_parcours: u32,
    pub inscrit_session: u32,
    pub valide_partiellement: u32,
    pub certifie: u32,
}

impl CandidateCounts {
    pub fn add(&mut self, status: CandidateStatus, n: u32) {
        match status {
            CandidateStatus::EnParcours => self.en_parcours += n,
            CandidateStatus::InscritSession => self.inscrit_session += n,
            CandidateStatus::ValidePartiellement => self.valide_partiellement += n,
            CandidateStatus::Certifie => self.certifie += n,
        }
    }

    pub fn get(&self, status: CandidateStatus) -> u32 {
        match status {
            CandidateStatus::EnParcours => self.en_parcours,
            CandidateStatus::InscritSession => self.inscrit_session,
            CandidateStatus::ValidePartiellement => self.valide_partiellement,
            CandidateStatus::Certifie => self.certifie,
        }
    }

    pub fn total(&self) -> u32 {
        self.en_parcours + self.inscrit_session + self.valide_partiellement + self.certifie
    }
}

/// Results of one certification or territory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SuccessRate {
    pub key: String,
    pub label: String,
    pub totales: u32,
    pub partielles: u32,
    pub refus: u32,
}

impl SuccessRate {
    pub fn results(&self) -> u32 {
        self.totales + self.partielles + self.refus
    }

    /// Validations totales over results, `None` without any result.
    pub fn rate(&self) -> Option<f64> {
        let n = self.results();
        (n > 0).then(|| f64::from(self.totales) / f64::from(n))
    }
}

/// « 67 % » (French spacing: a no-break space before %).
pub fn format_rate(rate: f64) -> String {
    format!("{}\u{A0}%", (rate * 100.0).round() as i64)
}

/// Folds `(key, label, outcome, count)` rows into one rate per key, sorted by label.
pub fn success_rates(
    rows: impl IntoIterator<Item = (String, String, ExamOutcome, u32)>,
) -> Vec<SuccessRate> {
    let mut by: BTreeMap<String, SuccessRate> = BTreeMap::new();
    for (key, label, outcome, n) in rows {
        let r = by.entry(key.clone()).or_insert_with(|| SuccessRate {
            key,
            label,
            ..SuccessRate::default()
        });
        match outcome {
            ExamOutcome::ValidationTotale => r.totales += n,
            ExamOutcome::ValidationPartielle => r.partielles += n,
            ExamOutcome::Refus => r.refus += n,
        }
    }
    let mut out: Vec<SuccessRate> = by.into_values().collect();
    out.sort_by(|a, b| a.label.cmp(&b.label).then_with(|| a.key.cmp(&b.key)));
    out
}

/// Everything the staff view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffOverview {
    pub today: NaiveDate,
    pub days: u32,
    /// Sessions from today to today + `days`, soonest first.
    pub upcoming: Vec<ExamSessionSummary>,
    /// Sessions of the last `days` days, latest first (results to record).
    pub recent: Vec<ExamSessionSummary>,
    pub by_certification: Vec<CandidateCounts>,
    pub rates_by_certification: Vec<SuccessRate>,
    pub rates_by_territory: Vec<SuccessRate>,
}

/// One enrolment as the CSV export lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CandidateRow {
    pub case_id: CaseId,
    pub reference: String,
    pub birth_name: String,
    pub first_names: String,
    pub territory: String,
    pub certification_code: String,
    pub certification_title: String,
    pub route: Route,
    pub status: CandidateStatus,
    pub acquired: Vec<String>,
    pub in_progress: Vec<String>,
    pub remaining: Vec<String>,
    /// The latest session: kind, date, outcome if judged.
    pub last_session: Option<(ExamKind, NaiveDate, Option<ExamOutcome>)>,
    pub certificate: Option<(String, NaiveDate)>,
}

/// Headers of the export, in French.
pub const CSV_HEADERS: [&str; 16] = [
    "Référence",
    "Nom",
    "Prénoms",
    "Territoire",
    "Certification",
    "Intitulé",
    "Voie",
    "Statut",
    "Blocs acquis",
    "Blocs en cours",
    "Blocs restants",
    "Dernière session",
    "Date de la session",
    "Résultat",
    "N° de certificat",
    "Délivré le",
];

/// One CSV cell: quoted when needed; a leading `=`, `+`, `-` or `@` is neutralised so that a
/// spreadsheet never reads a name as a formula.
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn date(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// The export as Excel opens it in France: UTF-8 with a BOM, `;` separated, CRLF line ends,
/// dates as jj/mm/aaaa.
pub fn candidates_csv(rows: &[CandidateRow]) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    let line = |cells: Vec<String>| cells.join(";") + "\r\n";
    out.push_str(&line(CSV_HEADERS.iter().map(|h| cell(h)).collect()));
    for r in rows {
        let (kind, on, outcome) = match r.last_session {
            Some((k, d, o)) => (
                k.label().to_owned(),
                date(d),
                o.map(|o| o.label().to_owned()).unwrap_or_default(),
            ),
            None => Default::default(),
        };
        let (number, issued) = match &r.certificate {
            Some((n, d)) => (n.clone(), date(*d)),
            None => Default::default(),
        };
        out.push_str(&line(
            [
                r.reference.clone(),
                r.birth_name.clone(),
                r.first_names.clone(),
                r.territory.clone(),
                r.certification_code.clone(),
                r.certification_title.clone(),
                r.route.label().to_owned(),
                r.status.label().to_owned(),
                r.acquired.join(", "),
                r.in_progress.join(", "),
                r.remaining.join(", "),
                kind,
                on,
                outcome,
                number,
                issued,
            ]
            .iter()
            .map(|c| cell(c))
            .collect(),
        ));
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_from_blocs_and_sessions() {
        use CandidateStatus::*;
        assert_eq!(candidate_status(2, 2, true, false), Certifie);
        assert_eq!(candidate_status(2, 1, true, false), InscritSession);
        assert_eq!(candidate_status(2, 1, false, false), ValidePartiellement);
        assert_eq!(candidate_status(2, 0, false, false), EnParcours);
        // A fiche without blocs (RS): certified by its validation totale only.
        assert_eq!(candidate_status(0, 0, false, false), EnParcours);
        assert_eq!(candidate_status(0, 0, false, true), Certifie);
    }

    #[test]
    fn the_success_rate_is_validations_totales_over_results() {
        let row = |k: &str, o, n| (k.to_owned(), format!("Libellé {k}"), o, n);
        let rates = success_rates([
            row("B", ExamOutcome::ValidationTotale, 3),
            row("A", ExamOutcome::ValidationTotale, 2),
            row("A", ExamOutcome::ValidationPartielle, 1),
            row("A", ExamOutcome::Refus, 1),
            row("B", ExamOutcome::Refus, 1),
        ]);
        assert_eq!(rates.len(), 2);
        assert_eq!(rates[0].key, "A");
        assert_eq!(rates[0].results(), 4);
        assert_eq!(rates[0].rate(), Some(0.5));
        assert_eq!(rates[1].rate(), Some(0.75));
        assert_eq!(SuccessRate::default().rate(), None);
        assert_eq!(format_rate(2.0 / 3.0), "67\u{A0}%");
    }

    #[test]
    fn counts_by_status_add_up() {
        let mut c = CandidateCounts::default();
        c.add(CandidateStatus::Certifie, 2);
        c.add(CandidateStatus::EnParcours, 3);
        assert_eq!((c.get(CandidateStatus::Certifie), c.total()), (2, 5));
    }

    #[test]
    fn the_csv_opens_in_a_french_spreadsheet() {
        let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
        let row = CandidateRow {
            case_id: crate::ids::CaseId(1),
            reference: "D-2026-00001".into(),
            birth_name: "=HYPERLINK(\"x\")".into(),
            first_names: "Anne; Marie".into(),
            territory: "Moselle Sud".into(),
            certification_code: "RNCP38596".into(),
            certification_title: "Juriste d’entreprise".into(),
            route: Route::Vae,
            status: CandidateStatus::ValidePartiellement,
            acquired: vec!["RNCP38596BC01".into()],
            in_progress: vec![],
            remaining: vec!["RNCP38596BC02".into(), "RNCP38596BC03".into()],
            last_session: Some((
                ExamKind::JuryVae,
                d(3, 12),
                Some(ExamOutcome::ValidationPartielle),
            )),
            certificate: None,
        };
        let bytes = candidates_csv(&[row]);
        assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(lines[0].starts_with("Référence;Nom;Prénoms;Territoire;Certification;"));
        assert_eq!(lines[0].split(';').count(), CSV_HEADERS.len());
        assert_eq!(
            lines[1],
            "D-2026-00001;\"'=HYPERLINK(\"\"x\"\")\";\"Anne; Marie\";Moselle Sud;RNCP38596;\
             Juriste d’entreprise;VAE;validé partiellement;RNCP38596BC01;;\
             RNCP38596BC02, RNCP38596BC03;Jury VAE;12/03/2026;Validation partielle;;"
        );
        assert_eq!(lines[2], "");
    }
}
