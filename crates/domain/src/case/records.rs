//! What happens around a case file: interviews (entretiens) and received documents.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::CaseId;
use crate::error::{AppError, FieldError};
use crate::validate::bounds::{self, DateRange};

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
    pub id: crate::ids::InterviewId,
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
        if let Some(d) = self.held_on
            && let Err(m) = bounds::check_date("Date de l’entretien", d, DateRange::Past, today)
            && d <= today
        {
            errors.push(FieldError::new("heldOn", m));
        }
        let summary = self.summary.trim().to_owned();
        if summary.is_empty() {
            errors.push(FieldError::new(
                "summary",
                "Synthèse : champ obligatoire. Résumez ce qui a été dit et décidé.",
            ));
        } else if let Err(m) = bounds::check_text("Synthèse", &summary, bounds::TEXT_MAX) {
            errors.push(FieldError::new("summary", m));
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

/// Checks a document before it is read or kept: a file name of at most 200 visible characters,
/// at most [`bounds::DOCUMENT_MAX_BYTES`], not empty, received on a plausible date. The UI calls
/// it with the size before reading the file; the shell calls it again with the bytes received.
pub fn check_document(
    file_name: &str,
    size_bytes: u64,
    received_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let name = file_name.trim();
    if name.is_empty() {
        errors.push(FieldError::new(
            "file",
            "Fichier : choisissez le fichier à joindre.",
        ));
    } else if let Err(m) = bounds::check_line("Nom du fichier", name, bounds::LINE_MAX) {
        errors.push(FieldError::new("file", m));
    }
    if size_bytes == 0 {
        errors.push(FieldError::new(
            "file",
            "Fichier : il est vide (0 octet) ; choisissez le bon fichier.",
        ));
    } else if size_bytes > bounds::DOCUMENT_MAX_BYTES {
        errors.push(FieldError::new(
            "file",
            format!(
                "Fichier : {} Mo, plus que les 25 Mo permis. Numérisez en noir et blanc ou en 150 dpi, ou scindez le document.",
                size_bytes.div_ceil(1024 * 1024)
            ),
        ));
    }
    if let Err(m) = bounds::check_date("Date de réception", received_on, DateRange::Past, today) {
        errors.push(FieldError::new("receivedOn", m));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation { errors })
    }
}

/// A document kept by the app (the file is stored by content hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    pub id: crate::ids::DocumentId,
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
