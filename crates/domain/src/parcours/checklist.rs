//! Document checklists per step (DOMAIN §2.2.4, §3.3, §4.4): which documents a case needs to
//! enter a step, and where each stands.

use serde::{Deserialize, Serialize};

use super::eligibility::uses_seniority_exemption;
use super::step::Step;
use crate::case::{CaseData, DocumentKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocStatus {
    Manquant,
    Recu,
    Valide,
    NonApplicable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    pub kind: DocumentKind,
    /// Required to enter the step (otherwise: « le cas échéant »).
    pub required: bool,
    pub status: DocStatus,
}

/// What the case has for one kind of document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Held {
    pub kind: DocumentKind,
    pub validated: bool,
}

#[derive(Clone, Copy)]
enum Need {
    Required,
    Optional,
    NotApplicable,
}

fn needs(step: Step, case: &CaseData) -> Vec<(DocumentKind, Need)> {
    use DocumentKind::*;
    use Need::*;
    let when = |cond: bool| if cond { Required } else { NotApplicable };
    match step {
        Step::PtpAutorisationAbsence => vec![(Positionnement, Required), (Devis, Required)],
        Step::PtpDossierDepose => vec![
            (Cv, Required),
            (Diplome, Required),
            (Positionnement, Required),
            (Devis, Required),
            (
                AutorisationAbsence,
                when(case.parcours.training.during_working_time),
            ),
            (AttestationEffectif, Required),
            (AttestationNonRupture, Required),
            (Rib, Required),
            (JustificatifExemption, when(uses_seniority_exemption(case))),
            (AvisInaptitude, when(case.situation.flags.inaptitude.set)),
            (SyntheseCep, Optional),
            (Cofinancement, Optional),
        ],
        Step::DemissionDossier => {
            vec![
                (SyntheseCep, Required),
                (ProgrammeFormation, Required),
                (Devis, Optional),
            ]
        }
        Step::DemissionAttestee => vec![(AttestationCaractereReelSerieux, Required)],
        Step::OpcoDemande => {
            vec![
                (Devis, Required),
                (ProgrammeFormation, Required),
                (ConventionFormation, Required),
            ]
        }
        Step::VaeRecevabilite => vec![(PieceIdentite, Required), (Cv, Required)],
        Step::FormationTerminee => vec![(CertificatRealisation, Required)],
        _ => Vec::new(),
    }
}

/// The checklist to enter `step`, given the documents the case holds.
pub fn checklist(step: Step, case: &CaseData, held: &[Held]) -> Vec<ChecklistItem> {
    needs(step, case)
        .into_iter()
        .map(|(kind, need)| {
            let doc = held
                .iter()
                .filter(|h| h.kind == kind)
                .max_by_key(|h| h.validated);
            let status = match (need, doc) {
                (Need::NotApplicable, _) => DocStatus::NonApplicable,
                (_, Some(h)) if h.validated => DocStatus::Valide,
                (_, Some(_)) => DocStatus::Recu,
                (_, None) => DocStatus::Manquant,
            };
            ChecklistItem {
                kind,
                required: matches!(need, Need::Required),
                status,
            }
        })
        .collect()
}

/// Required documents still missing.
pub fn missing(items: &[ChecklistItem]) -> impl Iterator<Item = DocumentKind> + '_ {
    items
        .iter()
        .filter(|i| i.required && i.status == DocStatus::Manquant)
        .map(|i| i.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ptp_dossier_checklist_follows_the_case() {
        let mut case = CaseData::default();
        let held = [
            Held {
                kind: DocumentKind::Cv,
                validated: false,
            },
            Held {
                kind: DocumentKind::Devis,
                validated: true,
            },
        ];
        let items = checklist(Step::PtpDossierDepose, &case, &held);
        let status = |k| items.iter().find(|i| i.kind == k).unwrap().status;
        assert_eq!(status(DocumentKind::Cv), DocStatus::Recu);
        assert_eq!(status(DocumentKind::Devis), DocStatus::Valide);
        assert_eq!(status(DocumentKind::Rib), DocStatus::Manquant);
        assert_eq!(
            status(DocumentKind::AutorisationAbsence),
            DocStatus::NonApplicable
        );
        assert_eq!(
            status(DocumentKind::AvisInaptitude),
            DocStatus::NonApplicable
        );

        case.parcours.training.during_working_time = true;
        case.situation.flags.inaptitude.set = true;
        let items = checklist(Step::PtpDossierDepose, &case, &held);
        let missing: Vec<_> = missing(&items).collect();
        assert!(missing.contains(&DocumentKind::AutorisationAbsence));
        assert!(missing.contains(&DocumentKind::AvisInaptitude));
        assert!(!missing.contains(&DocumentKind::SyntheseCep), "optional");
    }
}
