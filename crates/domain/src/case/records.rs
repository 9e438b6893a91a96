//! What happens around a case file: interviews (entretiens) and received documents.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::CaseId;
use crate::error::{AppError, FieldError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InterviewKind {
    Individuel,
    Telephone,
    Visio,
    Atelier,
}

/// An interview as typed in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewInterview {
    pub held_on: Option<NaiveDate>,
    pub kind: Option<InterviewKind>,
    pub duration_minutes: Option<u16>,
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Interview {
    pub id: i64,
    pub case_id: CaseId,
    pub held_on: NaiveDate,
    pub kind: InterviewKind,
    pub duration_minutes: u16,
    pub summary: String,
    pub counsellor: String,
}

impl NewInterview {
    /// Checks the interview; `today` bounds the date (an interview is recorded once held).
    pub fn validated(self, today: NaiveDate) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        match self.held_on {
            None => errors.push(FieldError::new("heldOn", "Date de l’entretien : champ obligatoire (jj/mm/aaaa).")),
            Some(d) if d > today => errors.push(FieldError::new(
                "heldOn",
                "Date de l’entretien : elle est dans le futur ; un entretien se saisit une fois tenu.",
            )),
            _ => {}
        }
        if self.kind.is_none() {
            errors.push(FieldError::new(
                "kind",
                "Type d’entretien : choisissez individuel, téléphone, visio ou atelier.",
            ));
        }
        match self.duration_minutes {
            Some(1..=600) => {}
            _ => errors.push(FieldError::new(
                "durationMinutes",
                "Durée : un nombre de minutes entre 1 et 600.",
            )),
        }
        let summary = self.summary.trim().to_owned();
        if summary.is_empty() {
            errors.push(FieldError::new(
                "summary",
                "Synthèse : champ obligatoire. Résumez ce qui a été dit et décidé.",
            ));
        }
        if errors.is_empty() {
            Ok(Self { summary, ..self })
        } else {
            Err(AppError::Validation { errors })
        }
    }
}

/// Kinds of documents, named as the parcours checklists will ask for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    PieceIdentite,
    Cv,
    Diplome,
    SyntheseCep,
    Positionnement,
    Devis,
    AutorisationAbsence,
    AttestationEffectif,
    AttestationNonRupture,
    Rib,
    JustificatifExemption,
    AvisInaptitude,
    Cofinancement,
    ProgrammeFormation,
    ConventionFormation,
    CertificatRealisation,
    AttestationCaractereReelSerieux,
    ContratTravail,
    BulletinSalaire,
    Autre,
}

/// A document kept by the app (the file is stored by content hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub id: i64,
    pub case_id: CaseId,
    pub kind: DocumentKind,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: u64,
    pub received_on: NaiveDate,
    pub added_at: String,
    /// When the counsellor checked the document (« validé » in the checklists).
    pub validated_at: Option<String>,
}

/// Largest file the app keeps (scans and PDFs, not videos).
pub const MAX_DOCUMENT_BYTES: usize = 25 * 1024 * 1024;

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    #[test]
    fn an_interview_needs_date_kind_duration_and_summary() {
        let empty = NewInterview {
            held_on: None,
            kind: None,
            duration_minutes: Some(0),
            summary: " ".into(),
        };
        let Err(AppError::Validation { errors }) = empty.validated(today()) else {
            panic!()
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["heldOn", "kind", "durationMinutes", "summary"]);

        let ok = NewInterview {
            held_on: Some(today()),
            kind: Some(InterviewKind::Visio),
            duration_minutes: Some(45),
            summary: " Point sur le projet. ".into(),
        };
        assert_eq!(
            ok.validated(today()).unwrap().summary,
            "Point sur le projet."
        );
    }

    #[test]
    fn a_future_interview_is_refused() {
        let later = NewInterview {
            held_on: today().succ_opt(),
            kind: Some(InterviewKind::Individuel),
            duration_minutes: Some(60),
            summary: "x".into(),
        };
        assert!(later.validated(today()).is_err());
    }
}
