//! How long personal data is kept (DOMAIN.md §7.3): an active phase while the accompaniment
//! runs and for a while after the last contact, then an intermediate archive for the funding
//! and control evidence, then removal. The durations are dated parameters (Paramètres); this
//! module says what is due and what stands in the way of an erasure request.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::case::{CaseData, CaseId};
use crate::i18n::{Label, format_date};
use crate::params::{Parameters, key};
use crate::parcours::Step;

/// What is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RetentionKind {
    /// Open, and no contact for longer than the active phase: close and archive it, or note a
    /// contact.
    Inactive,
    /// The documents' retention has run out: delete the kept files.
    Documents,
    /// The case's retention has run out: purge its personal data.
    Case,
}

/// One line of the « À purger » list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetentionItem {
    pub case_id: CaseId,
    pub reference: String,
    pub name: String,
    pub kind: RetentionKind,
    /// When the accompaniment ended (archived), or the last contact of an open case.
    pub since: NaiveDate,
    pub due_on: NaiveDate,
    /// In French: which rule, and from when.
    pub reason: String,
}

/// What a purge removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PurgeScope {
    /// The kept documents only (their retention ran out first).
    Documents,
    /// All the case's personal data (its retention ran out, or an erasure request).
    Case,
}

/// What a purge did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PurgeReport {
    pub interviews: u32,
    pub documents: u32,
    /// Document files deleted from the documents directory.
    pub files: u32,
    /// Journal entries whose values were replaced by a tombstone.
    pub entries_redacted: u64,
}

fn plus_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// What is due for one case, if anything, on `today`. `archived_on`: when the case was closed
/// (the end of the accompaniment); `last_contact`: its last change; `documents`: kept files.
pub fn due(
    archived_on: Option<NaiveDate>,
    last_contact: NaiveDate,
    documents: u32,
    today: NaiveDate,
    p: &Parameters,
) -> Option<(RetentionKind, NaiveDate, String)> {
    match archived_on {
        None => {
            let months = p.count(key::RETENTION_ACTIVE_MONTHS, last_contact);
            let due_on = plus_months(last_contact, months);
            (due_on <= today).then(|| {
                (
                    RetentionKind::Inactive,
                    due_on,
                    format!(
                        "Aucun contact depuis le {} : au-delà de {months} mois, clôturez et archivez le dossier",
                        format_date(last_contact)
                    ),
                )
            })
        }
        Some(end) => {
            let case_months = p.count(key::RETENTION_CASE_MONTHS, end);
            let case_due = plus_months(end, case_months);
            if case_due <= today {
                return Some((
                    RetentionKind::Case,
                    case_due,
                    format!(
                        "Accompagnement terminé le {} : conservation de {case_months} mois écoulée",
                        format_date(end)
                    ),
                ));
            }
            let doc_months = p.count(key::RETENTION_DOCUMENTS_MONTHS, end);
            let doc_due = plus_months(end, doc_months);
            (documents > 0 && doc_due <= today).then(|| {
                (
                    RetentionKind::Documents,
                    doc_due,
                    format!(
                        "Accompagnement terminé le {} : conservation des pièces ({doc_months} mois) écoulée",
                        format_date(end)
                    ),
                )
            })
        }
    }
}

/// Steps during which funding is being decided or paid: its evidence must be kept.
fn funding_under_way(step: Step) -> bool {
    let code = step.code();
    matches!(
        step,
        Step::PtpDossierDepose
            | Step::PtpEnInstruction
            | Step::PtpAjourne
            | Step::PtpAccord
            | Step::PtpAccordPartiel
            | Step::PtpRecours
            | Step::PtpReexamen
    ) || code.starts_with("OPCO_")
        || code == "EN_FORMATION"
}

/// What stands in the way of an erasure request (RGPD art. 17.3: a legal obligation to keep,
/// or a claim in progress), in French. Empty: the case may be purged now.
pub fn erasure_obstacles(
    step: Step,
    case: &CaseData,
    archived_on: Option<NaiveDate>,
    today: NaiveDate,
    p: &Parameters,
) -> Vec<String> {
    let mut out = Vec::new();
    if archived_on.is_none() {
        out.push(
            "Accompagnement en cours : clôturez et archivez le dossier avant de l’effacer."
                .to_owned(),
        );
    }
    if funding_under_way(step) {
        out.push(format!(
            "Financement en cours (étape « {} ») : le financeur peut contrôler les pièces ; elles sont conservées au titre d’une obligation légale.",
            step.label()
        ));
    }
    if matches!(step, Step::PtpRecours | Step::Mediation) {
        out.push("Recours ou médiation en cours : les données sont nécessaires à la défense des droits de la personne.".to_owned());
    }
    if let Some(end) = archived_on {
        let funded = !case.parcours.funding.is_empty();
        let months = p.count(key::RETENTION_DOCUMENTS_MONTHS, end);
        let until = plus_months(end, months);
        if funded && until > today {
            out.push(format!(
                "Pièces de financement à conserver jusqu’au {} ({months} mois après la fin de l’accompagnement, contrôle des actions de formation) : seules les données non nécessaires au contrôle peuvent être effacées avant.",
                format_date(until)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_archived_case_loses_its_documents_after_3_years_and_everything_after_5() {
        let p = Parameters::default();
        let end = d(2020, 6, 30);
        assert_eq!(due(Some(end), end, 2, d(2023, 6, 29), &p), None);
        let (kind, on, reason) = due(Some(end), end, 2, d(2023, 6, 30), &p).unwrap();
        assert_eq!((kind, on), (RetentionKind::Documents, d(2023, 6, 30)));
        assert!(reason.contains("30 juin 2020"), "{reason}");
        assert_eq!(
            due(Some(end), end, 0, d(2024, 1, 1), &p),
            None,
            "no documents left"
        );
        let (kind, on, _) = due(Some(end), end, 0, d(2025, 7, 1), &p).unwrap();
        assert_eq!((kind, on), (RetentionKind::Case, d(2025, 6, 30)));
    }

    #[test]
    fn an_open_case_without_contact_for_two_years_is_flagged() {
        let p = Parameters::default();
        assert_eq!(due(None, d(2024, 3, 1), 0, d(2026, 2, 28), &p), None);
        let (kind, ..) = due(None, d(2024, 3, 1), 0, d(2026, 3, 1), &p).unwrap();
        assert_eq!(kind, RetentionKind::Inactive);
    }

    #[test]
    fn an_erasure_is_refused_while_funding_runs_and_its_evidence_must_be_kept() {
        let p = Parameters::default();
        let mut case = CaseData::default();
        let open = erasure_obstacles(Step::PtpEnInstruction, &case, None, d(2026, 3, 1), &p);
        assert_eq!(open.len(), 2, "{open:?}");
        assert!(
            erasure_obstacles(
                Step::ClosSansSuite,
                &case,
                Some(d(2025, 1, 1)),
                d(2026, 3, 1),
                &p
            )
            .is_empty()
        );
        case.parcours.funding.push(crate::parcours::FundingLine {
            funder: crate::parcours::Funder::TransitionsPro,
            amount_cents: 100,
            covers: String::new(),
        });
        let kept = erasure_obstacles(
            Step::ClosSansSuite,
            &case,
            Some(d(2025, 1, 1)),
            d(2026, 3, 1),
            &p,
        );
        assert!(kept[0].contains("1er janvier 2028"), "{kept:?}");
    }
}
