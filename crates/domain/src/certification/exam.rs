//! Exam and jury sessions, the result a candidate gets there, and what that result does to the
//! candidate's blocs (DOMAIN §4.4: validation totale, validation partielle by blocs, refus).

use crate::validate::bounds::{self, DateRange};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{BlocStatus, EnrolledBloc, Route};
use crate::case::CaseId;
use crate::error::{AppError, FieldError};
use crate::i18n::{Label, format_date};

/// What kind of session a candidate sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExamKind {
    Examen,
    Jury,
    JuryVae,
}

/// The decision about one candidate at a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExamOutcome {
    ValidationTotale,
    ValidationPartielle,
    Refus,
}

/// Longest place name kept (a room and an address).
pub const PLACE_MAX: usize = 200;
/// Longest certificate number kept.
pub const CERTIFICATE_NUMBER_MAX: usize = 40;

/// A session as entered by certification staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NewExamSession {
    pub date: NaiveDate,
    pub place: String,
    pub kind: ExamKind,
    pub certification_code: String,
}

impl NewExamSession {
    /// Trims and upper-cases what needs it; every problem as a French field message.
    pub fn validate(&self, today: NaiveDate) -> Result<NewExamSession, AppError> {
        let mut errors = Vec::new();
        let place = self.place.trim().to_owned();
        if let Err(m) = bounds::check_date("Date de la session", self.date, DateRange::Event, today)
        {
            errors.push(FieldError::new("date", m));
        }
        if let Err(m) = bounds::check_line("Lieu", &place, PLACE_MAX) {
            errors.push(FieldError::new("place", m));
        } else if place.is_empty() {
            errors.push(FieldError::new(
                "place",
                "Lieu : champ obligatoire. Indiquez la salle et l’adresse (ex. « Hub AFNOR, Sarrebourg »).",
            ));
        }
        let code = self.certification_code.trim().to_ascii_uppercase();
        if let Err(m) = bounds::check_line("Certification", &code, 40) {
            errors.push(FieldError::new("certificationCode", m));
        } else if code.is_empty() {
            errors.push(FieldError::new(
                "certificationCode",
                "Certification : saisissez son code (ex. RNCP38596) ou choisissez-la dans le catalogue.",
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Validation { errors });
        }
        Ok(NewExamSession {
            date: self.date,
            place,
            kind: self.kind,
            certification_code: code,
        })
    }
}

/// A session with its certification and how many candidates it has and has judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExamSessionSummary {
    pub id: crate::ids::ExamSessionId,
    pub date: NaiveDate,
    pub place: String,
    pub kind: ExamKind,
    pub certification_code: String,
    pub certification_title: String,
    pub candidates: u32,
    pub results: u32,
}

impl ExamSessionSummary {
    /// « Jury du 12 mars 2026 » — also the evidence written on the blocs it validates.
    pub fn title(&self) -> String {
        evidence(self.kind, self.date)
    }
}

/// The evidence of a bloc acquired at a session: « Jury du 12 mars 2026 ».
pub fn evidence(kind: ExamKind, date: NaiveDate) -> String {
    format!("{} du {}", kind.label(), format_date(date))
}

/// A result as recorded: the outcome and, for a partial validation, the blocs validated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExamResult {
    pub outcome: ExamOutcome,
    pub validated_blocs: Vec<String>,
}

/// A certificate issued after a validation totale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Certificate {
    pub number: String,
    pub issued_on: NaiveDate,
}

impl Certificate {
    /// A certificate is issued once every bloc is acquired, on or after the last acquisition,
    /// and not in the future.
    pub fn validate(&self, blocs: &[EnrolledBloc], today: NaiveDate) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let number = self.number.trim().to_owned();
        if number.is_empty() {
            errors.push(FieldError::new(
                "number",
                "Numéro du certificat : champ obligatoire (tel qu’il figure sur le parchemin).",
            ));
        } else if let Err(m) =
            bounds::check_line("Numéro du certificat", &number, CERTIFICATE_NUMBER_MAX)
        {
            errors.push(FieldError::new("number", m));
        }
        let missing: Vec<&str> = blocs
            .iter()
            .filter(|b| b.status != BlocStatus::Acquis)
            .map(|b| b.code.as_str())
            .collect();
        if !missing.is_empty() {
            errors.push(FieldError::new(
                "number",
                format!(
                    "Certificat : il se délivre après une validation totale ; blocs non acquis : {}.",
                    missing.join(", ")
                ),
            ));
        }
        if let Err(m) =
            bounds::check_date("Date de délivrance", self.issued_on, DateRange::Past, today)
        {
            errors.push(FieldError::new("issuedOn", m));
        }
        if let Some(last) = blocs.iter().filter_map(|b| b.acquired_on).max()
            && self.issued_on < last
        {
            errors.push(FieldError::new(
                "issuedOn",
                format!(
                    "Date de délivrance : elle ne peut pas précéder la validation du dernier bloc ({}).",
                    format_date(last)
                ),
            ));
        }
        if !errors.is_empty() {
            return Err(AppError::Validation { errors });
        }
        Ok(Certificate {
            number,
            issued_on: self.issued_on,
        })
    }
}

/// One enrolment registered at a session, as the session page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExamCandidate {
    pub enrolment_id: crate::ids::EnrolmentId,
    pub case_id: CaseId,
    pub reference: String,
    pub name: String,
    pub territory: String,
    pub route: Route,
    pub blocs: Vec<EnrolledBloc>,
    pub result: Option<ExamResult>,
    pub certificate: Option<Certificate>,
}

/// An enrolment that can still be registered at a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EligibleEnrolment {
    pub enrolment_id: crate::ids::EnrolmentId,
    pub case_id: CaseId,
    pub reference: String,
    pub name: String,
    pub route: Route,
}

/// A session, its candidates and who else could be registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExamSessionDetail {
    pub session: ExamSessionSummary,
    pub candidates: Vec<ExamCandidate>,
    pub eligible: Vec<EligibleEnrolment>,
}

/// A session an enrolment went to (or will), as its Projet tab shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnrolmentExam {
    pub exam_session_id: crate::ids::ExamSessionId,
    pub date: NaiveDate,
    pub kind: ExamKind,
    pub place: String,
    pub outcome: Option<ExamOutcome>,
}

/// The new state of one bloc after a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlocUpdate {
    pub code: String,
    pub status: BlocStatus,
    pub acquired_on: Option<NaiveDate>,
    pub evidence: String,
}

/// What a result does to an enrolment's blocs. Blocs acquired earlier (another session, another
/// certification) keep their date and evidence; the others become:
/// - validation totale: acquired on the session's date;
/// - validation partielle: the `chosen` blocs acquired, the rest not validated;
/// - refus: not validated.
///
/// `chosen` is only read for a partial validation: at least one bloc still to acquire, not all
/// of them (that would be a validation totale).
pub fn apply_result(
    kind: ExamKind,
    date: NaiveDate,
    blocs: &[EnrolledBloc],
    outcome: ExamOutcome,
    chosen: &[String],
) -> Result<Vec<BlocUpdate>, AppError> {
    let open: Vec<&EnrolledBloc> = blocs
        .iter()
        .filter(|b| b.status != BlocStatus::Acquis)
        .collect();
    if blocs.is_empty() {
        // A fiche without blocs (RS) is judged as a whole: the result is all there is.
        return match outcome {
            ExamOutcome::ValidationPartielle => Err(AppError::invalid(
                "outcome",
                "Résultat : cette certification n’a pas de blocs de compétences ; choisissez « Validation totale » ou « Refus ».",
            )),
            _ => Ok(Vec::new()),
        };
    }
    if open.is_empty() {
        return Err(AppError::invalid(
            "outcome",
            "Résultat : tous les blocs de cette inscription sont déjà acquis ; il n’y a rien à juger.",
        ));
    }
    if outcome == ExamOutcome::ValidationPartielle {
        if chosen.is_empty() {
            return Err(AppError::invalid(
                "blocs",
                "Blocs validés : cochez au moins un bloc pour une validation partielle (sinon, choisissez « Refus »).",
            ));
        }
        for code in chosen {
            if !open.iter().any(|b| &b.code == code) {
                return Err(AppError::invalid(
                    "blocs",
                    format!(
                        "Blocs validés : « {code} » n’est pas un bloc restant de cette inscription."
                    ),
                ));
            }
        }
        if open.iter().all(|b| chosen.contains(&b.code)) {
            return Err(AppError::invalid(
                "blocs",
                "Blocs validés : tous les blocs restants sont cochés ; enregistrez une « Validation totale ».",
            ));
        }
    }
    let proof = evidence(kind, date);
    Ok(open
        .into_iter()
        .map(|b| {
            let acquired = match outcome {
                ExamOutcome::ValidationTotale => true,
                ExamOutcome::ValidationPartielle => chosen.contains(&b.code),
                ExamOutcome::Refus => false,
            };
            BlocUpdate {
                code: b.code.clone(),
                status: if acquired {
                    BlocStatus::Acquis
                } else {
                    BlocStatus::NonValide
                },
                acquired_on: acquired.then_some(date),
                evidence: if acquired {
                    proof.clone()
                } else {
                    String::new()
                },
            }
        })
        .collect())
}

/// Whether an enrolment may be registered at a session: same certification, not yet certified,
/// and, for a jury VAE, a VAE enrolment whose recevabilité is favourable.
pub fn may_register(
    session: &ExamSessionSummary,
    certification_code: &str,
    route: Route,
    blocs: &[EnrolledBloc],
    recevable: bool,
) -> Result<(), AppError> {
    let refuse = |m: String| Err(AppError::invalid("enrolmentId", m));
    if certification_code != session.certification_code {
        return refuse(format!(
            "Inscription à la session : ce candidat prépare {certification_code}, la session porte sur {}.",
            session.certification_code
        ));
    }
    if !blocs.is_empty() && blocs.iter().all(|b| b.status == BlocStatus::Acquis) {
        return refuse(
            "Inscription à la session : tous les blocs de ce candidat sont déjà acquis.".into(),
        );
    }
    if session.kind == ExamKind::JuryVae {
        if route != Route::Vae {
            return refuse(
                "Inscription à la session : un jury VAE n’accueille que des candidats en VAE."
                    .into(),
            );
        }
        if !recevable {
            return refuse(
                "Inscription à la session : le candidat passe le jury VAE après une recevabilité favorable ; enregistrez-la d’abord.".into(),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn bloc(code: &str, status: BlocStatus) -> EnrolledBloc {
        EnrolledBloc {
            code: code.into(),
            title: String::new(),
            status,
            acquired_on: (status == BlocStatus::Acquis).then(|| d(2024, 6, 1)),
            evidence: if status == BlocStatus::Acquis {
                "Jury du 1er juin 2024".into()
            } else {
                String::new()
            },
        }
    }

    fn blocs() -> Vec<EnrolledBloc> {
        vec![
            bloc("BC01", BlocStatus::Acquis),
            bloc("BC02", BlocStatus::EnCours),
            bloc("BC03", BlocStatus::AAcquerir),
            bloc("BC04", BlocStatus::NonValide),
        ]
    }

    fn statuses(u: &[BlocUpdate]) -> Vec<(&str, BlocStatus)> {
        u.iter().map(|b| (b.code.as_str(), b.status)).collect()
    }

    #[test]
    fn a_validation_totale_acquires_every_open_bloc_on_the_session_date() {
        let u = apply_result(
            ExamKind::Jury,
            d(2026, 3, 12),
            &blocs(),
            ExamOutcome::ValidationTotale,
            &[],
        )
        .unwrap();
        // BC01 was acquired in 2024: left alone.
        assert_eq!(
            statuses(&u),
            [
                ("BC02", BlocStatus::Acquis),
                ("BC03", BlocStatus::Acquis),
                ("BC04", BlocStatus::Acquis)
            ]
        );
        assert!(u.iter().all(|b| b.acquired_on == Some(d(2026, 3, 12))));
        assert_eq!(u[0].evidence, "Jury du 12 mars 2026");
    }

    #[test]
    fn a_validation_partielle_acquires_the_chosen_blocs_only() {
        let u = apply_result(
            ExamKind::JuryVae,
            d(2026, 3, 1),
            &blocs(),
            ExamOutcome::ValidationPartielle,
            &["BC03".into()],
        )
        .unwrap();
        assert_eq!(
            statuses(&u),
            [
                ("BC02", BlocStatus::NonValide),
                ("BC03", BlocStatus::Acquis),
                ("BC04", BlocStatus::NonValide)
            ]
        );
        assert_eq!(u[1].evidence, "Jury VAE du 1er mars 2026");
        assert_eq!(u[0].acquired_on, None);
        assert_eq!(u[0].evidence, "");
    }

    #[test]
    fn a_partial_validation_needs_some_but_not_all_remaining_blocs() {
        let at = d(2026, 3, 12);
        let run = |chosen: &[&str]| {
            let chosen: Vec<String> = chosen.iter().map(|s| s.to_string()).collect();
            apply_result(
                ExamKind::Jury,
                at,
                &blocs(),
                ExamOutcome::ValidationPartielle,
                &chosen,
            )
            .unwrap_err()
            .to_string()
        };
        assert!(run(&[]).contains("au moins un bloc"));
        assert!(run(&["BC01"]).contains("pas un bloc restant"));
        assert!(run(&["BC02", "BC03", "BC04"]).contains("Validation totale"));
    }

    #[test]
    fn a_refus_leaves_earlier_acquisitions_and_invalidates_the_rest() {
        let u = apply_result(
            ExamKind::Examen,
            d(2026, 3, 12),
            &blocs(),
            ExamOutcome::Refus,
            &["BC02".into()],
        )
        .unwrap();
        assert!(u.iter().all(|b| b.status == BlocStatus::NonValide));
        assert_eq!(u.len(), 3);
    }

    #[test]
    fn a_fiche_without_blocs_is_judged_whole() {
        let at = d(2026, 3, 12);
        let run = |o| apply_result(ExamKind::Examen, at, &[], o, &[]);
        assert_eq!(run(ExamOutcome::ValidationTotale).unwrap(), vec![]);
        assert_eq!(run(ExamOutcome::Refus).unwrap(), vec![]);
        assert!(run(ExamOutcome::ValidationPartielle).is_err());
    }

    #[test]
    fn nothing_to_judge_when_everything_is_acquired() {
        let all = vec![bloc("BC01", BlocStatus::Acquis)];
        assert!(
            apply_result(
                ExamKind::Jury,
                d(2026, 3, 12),
                &all,
                ExamOutcome::Refus,
                &[]
            )
            .is_err()
        );
    }

    #[test]
    fn a_certificate_needs_every_bloc_and_a_sensible_date() {
        let today = d(2026, 4, 1);
        let mut all = vec![
            bloc("BC01", BlocStatus::Acquis),
            bloc("BC02", BlocStatus::Acquis),
        ];
        all[1].acquired_on = Some(d(2026, 3, 12));
        let cert = |number: &str, on| Certificate {
            number: number.into(),
            issued_on: on,
        };
        assert_eq!(
            cert(" AS-2026-0042 ", d(2026, 3, 20))
                .validate(&all, today)
                .unwrap()
                .number,
            "AS-2026-0042"
        );
        let err = cert("", d(2026, 3, 1)).validate(&all, today).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("champ obligatoire"), "{text}");
        assert!(text.contains("12 mars 2026"), "{text}");
        assert!(
            cert("X", d(2026, 5, 1))
                .validate(&all, today)
                .unwrap_err()
                .to_string()
                .contains("futur")
        );
        assert!(
            cert("X", d(2026, 3, 20))
                .validate(&blocs(), today)
                .unwrap_err()
                .to_string()
                .contains("BC02, BC03, BC04")
        );
    }

    #[test]
    fn a_new_session_is_trimmed_and_checked() {
        let s = NewExamSession {
            date: d(2026, 3, 12),
            place: "  Hub AFNOR, Sarrebourg ".into(),
            kind: ExamKind::Jury,
            certification_code: " rncp38596".into(),
        };
        let ok = s.validate(d(2026, 1, 1)).unwrap();
        assert_eq!(
            (ok.place.as_str(), ok.certification_code.as_str()),
            ("Hub AFNOR, Sarrebourg", "RNCP38596")
        );
        let bad = NewExamSession {
            place: " ".into(),
            certification_code: String::new(),
            ..s
        };
        match bad.validate(d(2026, 1, 1)).unwrap_err() {
            AppError::Validation { errors } => {
                let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
                assert_eq!(fields, ["place", "certificationCode"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn registration_rules() {
        let session = ExamSessionSummary {
            id: crate::ids::ExamSessionId(1),
            date: d(2026, 3, 12),
            place: "Metz".into(),
            kind: ExamKind::JuryVae,
            certification_code: "RNCP38596".into(),
            certification_title: String::new(),
            candidates: 0,
            results: 0,
        };
        let b = blocs();
        assert!(may_register(&session, "RNCP38596", Route::Vae, &b, true).is_ok());
        let msg = |r: Result<(), AppError>| r.unwrap_err().to_string();
        assert!(msg(may_register(&session, "RNCP1", Route::Vae, &b, true)).contains("RNCP1"));
        assert!(
            msg(may_register(
                &session,
                "RNCP38596",
                Route::Formation,
                &b,
                true
            ))
            .contains("VAE")
        );
        assert!(
            msg(may_register(&session, "RNCP38596", Route::Vae, &b, false))
                .contains("recevabilité favorable")
        );
        let done = vec![bloc("BC01", BlocStatus::Acquis)];
        assert!(
            msg(may_register(&session, "RNCP38596", Route::Vae, &done, true))
                .contains("déjà acquis")
        );
    }
}
