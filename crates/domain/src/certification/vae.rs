//! The VAE route of an enrolment (DOMAIN §4.4): recevabilité submitted and decided (within
//! `vae_recevabilite_months` of the complete dossier), support hours, dossier de validation,
//! then the jury — a session the enrolment is registered at.

use crate::params::key;
use crate::validate::bounds::{self, DateRange};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::exam::ExamOutcome;
use crate::error::{AppError, FieldError};
use crate::i18n::format_date;
use crate::params::Parameters;

/// The certifier's decision on the recevabilité.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recevabilite {
    Favorable,
    Defavorable,
}

/// Most support hours recorded for one VAE (France VAE's example is 30 h + 20 h).
pub const SUPPORT_HOURS_MAX: f64 = 500.0;

/// What staff record of a VAE, as entered.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VaeFollowUp {
    pub recevabilite_submitted_on: Option<NaiveDate>,
    pub recevabilite_decided_on: Option<NaiveDate>,
    pub recevabilite: Option<Recevabilite>,
    /// Hours of support (architecte accompagnateur de parcours), individual and group.
    pub support_hours: Option<f64>,
    pub dossier_submitted_on: Option<NaiveDate>,
}

/// Where a VAE stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VaeStage {
    /// Nothing submitted yet.
    Recevabilite,
    /// Recevabilité submitted, waiting for the decision.
    RecevabiliteDeposee,
    Irrecevable,
    /// Recevable: the candidate writes the dossier de validation, with support.
    Accompagnement,
    DossierDepose,
    /// Registered at a jury that has not judged yet.
    JuryPlanifie,
    Jugee,
}

/// A VAE with what the app computes from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VaeView {
    pub follow_up: VaeFollowUp,
    pub stage: VaeStage,
    /// The latest date for the recevabilité decision (complete dossier received + 2 months,
    /// parameterised; the same date the parcours deadline shows).
    pub recevabilite_due: Option<NaiveDate>,
    /// Silence past that date means the recevabilité is acquired (décret 2023-1275; the
    /// exceptions by arrêté are not listed here — `vae_silence_acceptance` switches it off).
    #[serde(default)]
    pub silence_accepts: bool,
}

impl VaeView {
    /// Undecided past the deadline.
    pub fn late(&self, today: NaiveDate) -> bool {
        self.follow_up.recevabilite_decided_on.is_none()
            && self.recevabilite_due.is_some_and(|due| due < today)
    }

    /// Undecided past the deadline where silence means acceptance: « réputée recevable ».
    pub fn deemed_admissible(&self, today: NaiveDate) -> bool {
        self.silence_accepts && self.late(today)
    }
}

/// The recevabilité decision is due `vae_recevabilite_months` after the submission (end of
/// month clamped: 31 December + 2 months = 28 or 29 February).
pub fn recevabilite_due(submitted: NaiveDate, p: &Parameters) -> NaiveDate {
    let months = p.count(key::VAE_RECEVABILITE_MONTHS, submitted);
    submitted
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The stage and deadline of a VAE; `jury` is its latest session: the date and the result
/// if judged.
pub fn view(f: &VaeFollowUp, jury: Option<Option<ExamOutcome>>, p: &Parameters) -> VaeView {
    let stage = match (jury, f.recevabilite) {
        (Some(Some(_)), _) => VaeStage::Jugee,
        (Some(None), _) => VaeStage::JuryPlanifie,
        (None, Some(Recevabilite::Defavorable)) => VaeStage::Irrecevable,
        (None, Some(Recevabilite::Favorable)) if f.dossier_submitted_on.is_some() => {
            VaeStage::DossierDepose
        }
        (None, Some(Recevabilite::Favorable)) => VaeStage::Accompagnement,
        (None, None) if f.recevabilite_submitted_on.is_some() => VaeStage::RecevabiliteDeposee,
        (None, None) => VaeStage::Recevabilite,
    };
    VaeView {
        follow_up: f.clone(),
        stage,
        recevabilite_due: f.recevabilite_submitted_on.map(|s| recevabilite_due(s, p)),
        silence_accepts: f.recevabilite_submitted_on.is_some_and(|s| {
            p.value(crate::params::key::VAE_SILENCE_ACCEPTANCE, s)
                .is_some_and(|v| v >= 1.0)
        }),
    }
}

impl VaeFollowUp {
    /// Dates in order and not in the future, decision and its date together, dossier de
    /// validation after a favourable recevabilité; one French message per problem.
    pub fn validate(&self, today: NaiveDate) -> Result<(), AppError> {
        let mut errors = Vec::new();
        let mut err = |field: &str, message: String| errors.push(FieldError::new(field, message));
        let dates = [
            (
                "recevabiliteSubmittedOn",
                "Dépôt de la recevabilité",
                self.recevabilite_submitted_on,
            ),
            (
                "recevabiliteDecidedOn",
                "Décision de recevabilité",
                self.recevabilite_decided_on,
            ),
            (
                "dossierSubmittedOn",
                "Dépôt du dossier de validation",
                self.dossier_submitted_on,
            ),
        ];
        for (field, label, date) in dates {
            if let Some(date) = date
                && let Err(m) = bounds::check_date(label, date, DateRange::Past, today)
            {
                err(field, m);
            }
        }
        match (self.recevabilite, self.recevabilite_decided_on) {
            (Some(_), None) => err(
                "recevabiliteDecidedOn",
                "Décision de recevabilité : indiquez sa date (jj/mm/aaaa).".into(),
            ),
            (None, Some(_)) => err(
                "recevabilite",
                "Décision de recevabilité : indiquez si elle est favorable ou défavorable.".into(),
            ),
            _ => {}
        }
        match (self.recevabilite_submitted_on, self.recevabilite_decided_on) {
            (None, Some(_)) => err(
                "recevabiliteSubmittedOn",
                "Dépôt de la recevabilité : saisissez la date de dépôt avant la décision.".into(),
            ),
            (Some(s), Some(d)) if d < s => err(
                "recevabiliteDecidedOn",
                format!(
                    "Décision de recevabilité : le {} précède le dépôt du dossier ({}).",
                    format_date(d),
                    format_date(s)
                ),
            ),
            _ => {}
        }
        if let Some(dossier) = self.dossier_submitted_on {
            if self.recevabilite != Some(Recevabilite::Favorable) {
                err(
                    "dossierSubmittedOn",
                    "Dépôt du dossier de validation : il suit une recevabilité favorable ; enregistrez-la d’abord.".into(),
                );
            } else if let Some(decided) = self.recevabilite_decided_on
                && dossier < decided
            {
                err(
                    "dossierSubmittedOn",
                    format!(
                        "Dépôt du dossier de validation : le {} précède la décision de recevabilité ({}).",
                        format_date(dossier),
                        format_date(decided)
                    ),
                );
            }
        }
        if let Some(h) = self.support_hours
            && !(h.is_finite() && (0.0..=SUPPORT_HOURS_MAX).contains(&h))
        {
            err(
                "supportHours",
                format!("Heures d’accompagnement : entre 0 et {SUPPORT_HOURS_MAX} heures."),
            );
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation { errors })
        }
    }

    /// Whether the candidate may go before a VAE jury.
    pub fn recevable(&self) -> bool {
        self.recevabilite == Some(Recevabilite::Favorable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn fields(r: Result<(), AppError>) -> Vec<String> {
        match r {
            Ok(()) => vec![],
            Err(AppError::Validation { errors }) => errors.into_iter().map(|e| e.field).collect(),
            Err(other) => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_recevabilite_is_due_two_months_after_submission_and_late_after() {
        let p = Parameters::default();
        assert_eq!(recevabilite_due(d(2026, 1, 15), &p), d(2026, 3, 15));
        assert_eq!(recevabilite_due(d(2025, 12, 31), &p), d(2026, 2, 28));
        let f = VaeFollowUp {
            recevabilite_submitted_on: Some(d(2026, 1, 15)),
            ..VaeFollowUp::default()
        };
        let v = view(&f, None, &p);
        assert_eq!(v.stage, VaeStage::RecevabiliteDeposee);
        assert!(!v.late(d(2026, 3, 15)), "due that day: not late yet");
        assert!(v.late(d(2026, 3, 16)));
        assert!(
            v.deemed_admissible(d(2026, 3, 16)),
            "silence: réputée recevable"
        );
        let decided = VaeFollowUp {
            recevabilite_decided_on: Some(d(2026, 3, 20)),
            recevabilite: Some(Recevabilite::Favorable),
            ..f
        };
        assert!(!view(&decided, None, &p).late(d(2026, 4, 1)));
    }

    #[test]
    fn the_deadline_follows_a_changed_parameter() {
        let mut p = Parameters::default();
        p.overrides.push(crate::params::ParamValue {
            key: "vae_recevabilite_months".into(),
            valid_from: d(2026, 1, 1),
            value: 3.0,
            note: String::new(),
        });
        assert_eq!(recevabilite_due(d(2026, 1, 15), &p), d(2026, 4, 15));
        assert_eq!(recevabilite_due(d(2025, 12, 1), &p), d(2026, 2, 1));
    }

    #[test]
    fn stages_follow_the_route() {
        let p = Parameters::default();
        let mut f = VaeFollowUp::default();
        assert_eq!(view(&f, None, &p).stage, VaeStage::Recevabilite);
        f.recevabilite_submitted_on = Some(d(2026, 1, 5));
        f.recevabilite_decided_on = Some(d(2026, 2, 5));
        f.recevabilite = Some(Recevabilite::Defavorable);
        assert_eq!(view(&f, None, &p).stage, VaeStage::Irrecevable);
        f.recevabilite = Some(Recevabilite::Favorable);
        assert_eq!(view(&f, None, &p).stage, VaeStage::Accompagnement);
        f.dossier_submitted_on = Some(d(2026, 4, 1));
        assert_eq!(view(&f, None, &p).stage, VaeStage::DossierDepose);
        assert_eq!(view(&f, Some(None), &p).stage, VaeStage::JuryPlanifie);
        assert_eq!(
            view(&f, Some(Some(ExamOutcome::Refus)), &p).stage,
            VaeStage::Jugee
        );
    }

    #[test]
    fn dates_must_follow_each_other() {
        let today = d(2026, 6, 1);
        let ok = VaeFollowUp {
            recevabilite_submitted_on: Some(d(2026, 1, 5)),
            recevabilite_decided_on: Some(d(2026, 2, 5)),
            recevabilite: Some(Recevabilite::Favorable),
            support_hours: Some(24.5),
            dossier_submitted_on: Some(d(2026, 5, 2)),
        };
        assert!(ok.validate(today).is_ok());
        let early = VaeFollowUp {
            recevabilite_decided_on: Some(d(2025, 12, 1)),
            dossier_submitted_on: Some(d(2025, 11, 1)),
            ..ok
        };
        assert_eq!(
            fields(early.validate(today)),
            ["recevabiliteDecidedOn", "dossierSubmittedOn"]
        );
        let err = early.validate(today).unwrap_err().to_string();
        assert!(
            err.contains("le 1er décembre 2025 précède le dépôt du dossier (5 janvier 2026)"),
            "{err}"
        );
        let orphan = VaeFollowUp {
            recevabilite_decided_on: Some(d(2026, 2, 5)),
            ..VaeFollowUp::default()
        };
        assert_eq!(
            fields(orphan.validate(today)),
            ["recevabilite", "recevabiliteSubmittedOn"]
        );
        let future = VaeFollowUp {
            recevabilite_submitted_on: Some(d(2026, 7, 1)),
            support_hours: Some(-1.0),
            ..VaeFollowUp::default()
        };
        assert_eq!(
            fields(future.validate(today)),
            ["recevabiliteSubmittedOn", "supportHours"]
        );
        let refused = VaeFollowUp {
            recevabilite: Some(Recevabilite::Defavorable),
            ..ok
        };
        assert_eq!(fields(refused.validate(today)), ["dossierSubmittedOn"]);
    }
}
