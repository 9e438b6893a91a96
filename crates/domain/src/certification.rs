//! Certifications (RNCP, RS, CléA), their blocs de compétences, and the gap between what a
//! candidate has acquired and what a target certification requires.

mod exam;
mod staff;
mod vae;

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use exam::{
    BlocUpdate, Certificate, EligibleEnrolment, EnrolmentExam, ExamCandidate, ExamKind,
    ExamOutcome, ExamResult, ExamSessionDetail, ExamSessionSummary, NewExamSession, apply_result,
    evidence, may_register,
};
pub use staff::{
    CSV_HEADERS, CandidateCounts, CandidateRow, CandidateStatus, StaffOverview, SuccessRate,
    candidate_status, candidates_csv, format_rate, success_rates,
};
pub use vae::{Recevabilite, VaeFollowUp, VaeStage, VaeView, recevabilite_due};

/// The VAE stage and deadline of a follow-up (see [`vae::view`]).
pub fn vae_view(
    f: &VaeFollowUp,
    jury: Option<Option<ExamOutcome>>,
    p: &crate::params::Parameters,
) -> VaeView {
    vae::view(f, jury, p)
}

/// A block of competences, assessed and validated on its own (`RNCP38596BC02`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Bloc {
    pub code: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Certification {
    /// `RNCP38596`, `RS5678`, or `CLEA` / `CLEA_NUMERIQUE` for the built-in CléA certificates.
    pub code: String,
    pub title: String,
    /// Level 1–8 of the cadre national des certifications (none for RS).
    pub level: Option<u8>,
    pub certifier: String,
    pub registered_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub active: bool,
    pub rome_codes: Vec<String>,
    pub blocs: Vec<Bloc>,
}

/// CléA's 7 domains and CléA numérique's 4, built into the catalogue as their « blocs ».
pub const CLEA_DOMAINS: [&str; 7] = [
    "Communication en français",
    "Calcul, raisonnement mathématique",
    "Usage des outils numériques de base",
    "Travail dans le cadre de règles définies d’un travail en équipe",
    "Travail en autonomie et réalisation d’un objectif individuel",
    "Apprendre à apprendre tout au long de la vie",
    "Gestes et postures, règles d’hygiène, de sécurité et environnementales élémentaires",
];
pub const CLEA_NUMERIQUE_DOMAINS: [&str; 4] = [
    "Identifier son environnement et utiliser les outils associés",
    "Acquérir et exploiter de l’information dans un environnement professionnel numérisé",
    "Interagir en mode collaboratif",
    "Appliquer les règles et bonnes pratiques de la sécurité numérique",
];

/// The built-in CléA certificates, with their domains as blocs.
pub fn builtin_clea() -> Vec<Certification> {
    let make = |code: &str, title: &str, domains: &[&str]| Certification {
        code: code.to_owned(),
        title: title.to_owned(),
        level: None,
        certifier: "Certif Pro".to_owned(),
        active: true,
        blocs: domains
            .iter()
            .enumerate()
            .map(|(i, d)| Bloc {
                code: format!("{code}-D{}", i + 1),
                title: (*d).to_owned(),
            })
            .collect(),
        ..Certification::default()
    };
    vec![
        make(
            "CLEA",
            "CléA — socle de connaissances et de compétences professionnelles",
            &CLEA_DOMAINS,
        ),
        make("CLEA_NUMERIQUE", "CléA numérique", &CLEA_NUMERIQUE_DOMAINS),
    ]
}

/// The built-in CléA code a typed code names (`CLEA`, `CLEA_NUMERIQUE`, `clea-numerique`…).
pub fn builtin_clea_code(code: &str) -> Option<&'static str> {
    match code.trim().to_ascii_uppercase().replace('-', "_").as_str() {
        "CLEA" => Some("CLEA"),
        "CLEA_NUMERIQUE" => Some("CLEA_NUMERIQUE"),
        _ => None,
    }
}

/// Whether a target is a CléA certificate: a built-in code, or a fiche whose catalogue title
/// names CléA (its RS number in an imported France compétences catalogue). The RS numbers
/// themselves are not written here: no source read for this app confirms them.
pub fn is_clea(code: &str, title: Option<&str>) -> bool {
    builtin_clea_code(code).is_some()
        || title.is_some_and(|t| {
            crate::text::fold_for_sort(t)
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "clea")
        })
}

/// What a candidate has of a target certification, and what is left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    pub acquired: Vec<Bloc>,
    pub remaining: Vec<Bloc>,
}

/// The blocs of `target` already acquired (by their codes, from earlier certifications or
/// partial validations) and those still to acquire, in the certification's order.
pub fn gap(target: &Certification, acquired_codes: &HashSet<String>) -> Gap {
    let (acquired, remaining) = target
        .blocs
        .iter()
        .cloned()
        .partition(|b| acquired_codes.contains(&b.code));
    Gap {
        acquired,
        remaining,
    }
}

/// `NIV5` (France compétences export) → 5.
pub fn parse_level(text: &str) -> Option<u8> {
    let t = text.trim().to_ascii_uppercase();
    let digits = t.strip_prefix("NIV").unwrap_or(&t);
    digits.parse().ok().filter(|l| (1..=8).contains(l))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert() -> Certification {
        Certification {
            code: "RNCP38596".into(),
            blocs: (1..=4)
                .map(|i| Bloc {
                    code: format!("RNCP38596BC0{i}"),
                    title: format!("Bloc {i}"),
                })
                .collect(),
            ..Certification::default()
        }
    }

    #[test]
    fn the_gap_keeps_the_certifications_order() {
        let acquired: HashSet<String> = ["RNCP38596BC03", "RNCP38596BC01", "RNCP99999BC01"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let g = gap(&cert(), &acquired);
        let codes = |b: &[Bloc]| b.iter().map(|b| b.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&g.acquired), ["RNCP38596BC01", "RNCP38596BC03"]);
        assert_eq!(codes(&g.remaining), ["RNCP38596BC02", "RNCP38596BC04"]);
        assert_eq!(gap(&cert(), &HashSet::new()).remaining.len(), 4);
    }

    /// Issue 11: CléA is accepted as a target, by its built-in code or by an imported fiche
    /// whose title names it.
    #[test]
    fn clea_is_recognised_as_a_target() {
        assert!(crate::validate::parse_certification_code("clea").is_ok());
        assert!(crate::validate::parse_certification_code("CLEA-NUMERIQUE").is_ok());
        assert!(is_clea("CLEA_NUMERIQUE", None));
        assert!(is_clea(
            "RS5080",
            Some("Socle de connaissances et de compétences professionnelles (CléA)")
        ));
        assert!(!is_clea("RS5678", Some("Habilitation électrique")));
        assert!(!is_clea("RS5678", Some("Nucléaire : radioprotection")));
    }

    #[test]
    fn clea_has_its_7_and_4_domains() {
        let clea = builtin_clea();
        assert_eq!(clea[0].blocs.len(), 7);
        assert_eq!(clea[1].blocs.len(), 4);
        assert_eq!(clea[0].blocs[6].code, "CLEA-D7");
    }

    #[test]
    fn levels() {
        assert_eq!(parse_level("NIV5"), Some(5));
        assert_eq!(parse_level(" niv3 "), Some(3));
        assert_eq!(parse_level("6"), Some(6));
        assert_eq!(parse_level("NIV9"), None);
        assert_eq!(parse_level(""), None);
    }
}

/// How a candidate goes for a certification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    Formation,
    Vae,
    Clea,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlocStatus {
    AAcquerir,
    EnCours,
    Acquis,
    NonValide,
}

/// One bloc of an enrolment and where the candidate stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrolledBloc {
    pub code: String,
    pub title: String,
    pub status: BlocStatus,
    pub acquired_on: Option<NaiveDate>,
    /// Proof of acquisition (jury decision, certificate…).
    pub evidence: String,
}

/// Checks a bloc's new status as staff record it: an acquired bloc has its date (the jury's or
/// the exam's), never in the future; the evidence is one line.
pub fn check_bloc_status(
    status: BlocStatus,
    acquired_on: Option<NaiveDate>,
    evidence: &str,
    today: NaiveDate,
) -> Result<(), crate::AppError> {
    use crate::validate::bounds::{self, DateRange};
    let mut errors = Vec::new();
    match (status, acquired_on) {
        (BlocStatus::Acquis, None) => errors.push(crate::FieldError::new(
            "acquiredOn",
            "Date d’acquisition : obligatoire pour un bloc acquis (date du jury ou de l’examen, jj/mm/aaaa).",
        )),
        (_, Some(date)) => {
            if let Err(m) = bounds::check_date("Date d’acquisition", date, DateRange::Past, today) {
                errors.push(crate::FieldError::new("acquiredOn", m));
            }
        }
        _ => {}
    }
    if let Err(m) = bounds::check_line("Justificatif", evidence, bounds::LINE_MAX) {
        errors.push(crate::FieldError::new("evidence", m));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(crate::AppError::Validation { errors })
    }
}

/// A candidate's enrolment: a whole certification or chosen blocs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Enrolment {
    pub id: crate::ids::EnrolmentId,
    pub case_id: crate::case::CaseId,
    pub certification_code: String,
    pub certification_title: String,
    pub route: Route,
    pub blocs: Vec<EnrolledBloc>,
    /// The VAE follow-up (VAE route only, once something is recorded).
    #[serde(default)]
    pub vae: Option<VaeView>,
    #[serde(default)]
    pub certificate: Option<Certificate>,
    /// Exam sessions the enrolment is registered at, oldest first.
    #[serde(default)]
    pub exams: Vec<EnrolmentExam>,
}

impl Enrolment {
    /// Blocs acquired, in progress and remaining (to acquire or not validated).
    pub fn summary(&self) -> (Vec<&EnrolledBloc>, Vec<&EnrolledBloc>, Vec<&EnrolledBloc>) {
        let by = |s: &[BlocStatus]| {
            self.blocs
                .iter()
                .filter(|b| s.contains(&b.status))
                .collect::<Vec<_>>()
        };
        (
            by(&[BlocStatus::Acquis]),
            by(&[BlocStatus::EnCours]),
            by(&[BlocStatus::AAcquerir, BlocStatus::NonValide]),
        )
    }
}

#[cfg(test)]
mod enrolment_tests {
    use super::*;

    #[test]
    fn a_summary_sorts_blocs_by_status() {
        let bloc = |code: &str, status| EnrolledBloc {
            code: code.into(),
            title: String::new(),
            status,
            acquired_on: None,
            evidence: String::new(),
        };
        let e = Enrolment {
            id: crate::ids::EnrolmentId(1),
            case_id: crate::ids::CaseId(1),
            certification_code: "RNCP38596".into(),
            certification_title: String::new(),
            route: Route::Vae,
            blocs: vec![
                bloc("BC01", BlocStatus::Acquis),
                bloc("BC02", BlocStatus::EnCours),
                bloc("BC03", BlocStatus::NonValide),
                bloc("BC04", BlocStatus::AAcquerir),
            ],
            vae: None,
            certificate: None,
            exams: vec![],
        };
        let (acquired, in_progress, remaining) = e.summary();
        assert_eq!(
            (acquired.len(), in_progress.len(), remaining.len()),
            (1, 1, 2)
        );
    }
}
