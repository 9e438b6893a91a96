//! Deadlines computed from the case's dated facts and the parameter table (DOMAIN §8.4), and
//! the backward planner from a target training start.

use super::params::key;
use chrono::{Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::facts::EmployerAnswer;
use super::params::Parameters;
use super::step::Step;
use crate::case::{CaseData, ContractKind};
use crate::i18n::format_date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    AbsenceRequest,
    EmployerAnswer,
    PostponementLimit,
    CddTrainingStart,
    CddFileBeforeContractEnd,
    Recours,
    RecoursAnswer,
    MediationWindow,
    FranceTravailRegistration,
    VaeRecevabilite,
    DossierFiling,
}

/// How close a deadline is, for colours and the À faire view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Overdue,
    /// Due within 7 days.
    Soon,
    Upcoming,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: NaiveDate,
    /// What must be done, in French.
    pub label: String,
    pub done: bool,
}

impl Deadline {
    pub fn urgency(&self, today: NaiveDate) -> Urgency {
        if self.done {
            Urgency::Done
        } else if self.due < today {
            Urgency::Overdue
        } else if self.due <= today + Days::new(7) {
            Urgency::Soon
        } else {
            Urgency::Upcoming
        }
    }
}

fn plus_days(d: NaiveDate, n: u32) -> NaiveDate {
    d + Days::new(u64::from(n))
}

fn minus_days(d: NaiveDate, n: u32) -> NaiveDate {
    d - Days::new(u64::from(n))
}

/// Adds months, clamping to the month's end (31 January + 1 month = 28 or 29 February).
fn plus_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// Latest date to hand the absence request to the employer.
pub fn absence_request_due(
    start: NaiveDate,
    continuous_6_months: bool,
    p: &Parameters,
) -> NaiveDate {
    let key = if continuous_6_months {
        key::ABSENCE_NOTICE_LONG_DAYS
    } else {
        key::ABSENCE_NOTICE_SHORT_DAYS
    };
    minus_days(start, p.count(key, start))
}

/// The employer must answer by this date; silence after it means agreement.
pub fn employer_answer_due(received: NaiveDate, p: &Parameters) -> NaiveDate {
    plus_days(received, p.count(key::EMPLOYER_ANSWER_DAYS, received))
}

/// The deadlines that apply to a case at its current step.
pub fn deadlines(case: &CaseData, step: Step, p: &Parameters) -> Vec<Deadline> {
    let f = &case.parcours;
    let t = &f.training;
    let mut out = Vec::new();
    let ptp_preparation = matches!(
        step,
        Step::ProjetFormalise
            | Step::ComiteTransitions
            | Step::PtpPositionnement
            | Step::PtpAutorisationAbsence
            | Step::PtpRefusEmployeur
            | Step::TranscoEligibilite
    );
    let ptp_open =
        ptp_preparation || matches!(step, Step::PtpDossierDepose | Step::PtpEnInstruction);
    if let Some(start) = t.start {
        if ptp_preparation && t.during_working_time {
            out.push(Deadline {
                kind: DeadlineKind::AbsenceRequest,
                due: absence_request_due(start, t.continuous_interruption_6_months, p),
                label: "Remettre à l’employeur la demande d’autorisation d’absence".into(),
                done: f.absence_request_received_on.is_some(),
            });
        }
        // The filing deadline only once the PTP branch is taken (not for an OPCO or VAE project).
        if ptp_preparation && !matches!(step, Step::ProjetFormalise | Step::ComiteTransitions) {
            out.push(Deadline {
                kind: DeadlineKind::DossierFiling,
                due: minus_days(start, p.count(key::PTP_FILING_LEAD_DAYS, start)),
                label: "Déposer le dossier complet auprès de Transitions Pro (délai régional indicatif)".into(),
                done: f.dossier_filed_on.is_some(),
            });
        }
        if f.employer_answer == Some(EmployerAnswer::Report) {
            out.push(Deadline {
                kind: DeadlineKind::PostponementLimit,
                due: plus_months(start, p.count(key::POSTPONEMENT_MAX_MONTHS, start)),
                label: "Fin du report possible de l’absence (9 mois)".into(),
                done: false,
            });
        }
    }
    if let (Some(received), true) = (f.absence_request_received_on, ptp_open) {
        out.push(Deadline {
            kind: DeadlineKind::EmployerAnswer,
            due: employer_answer_due(received, p),
            label: "Réponse de l’employeur à la demande d’absence (silence = accord)".into(),
            done: f.employer_answer.is_some(),
        });
    }
    if case.situation.contract == Some(ContractKind::Cdd)
        && let Some(end) = case.situation.contract_end
        && ptp_open
    {
        out.push(Deadline {
            kind: DeadlineKind::CddFileBeforeContractEnd,
            due: end,
            label: "CDD : déposer le dossier avant la fin du contrat".into(),
            done: f.dossier_filed_on.is_some_and(|d| d <= end),
        });
        out.push(Deadline {
            kind: DeadlineKind::CddTrainingStart,
            due: plus_months(end, p.count(key::CDD_TRAINING_START_MONTHS, end)),
            label: "CDD : entrer en formation au plus tard 6 mois après la fin du contrat".into(),
            done: t.start.is_some_and(|s| s <= plus_months(end, 6)) && step == Step::EnFormation,
        });
    }
    if let Some(notified) = f.refusal_notified_on
        && matches!(step, Step::PtpRefus)
    {
        out.push(Deadline {
            kind: DeadlineKind::Recours,
            due: plus_months(notified, p.count(key::RECOURS_MONTHS, notified)),
            label: "Former un recours gracieux contre le refus".into(),
            done: f.recours_filed_on.is_some(),
        });
    }
    if let Some(filed) = f.recours_filed_on {
        if step == Step::PtpRecours {
            out.push(Deadline {
                kind: DeadlineKind::RecoursAnswer,
                due: plus_months(filed, p.count(key::RECOURS_ANSWER_MONTHS, filed)),
                label: "Réponse de Transitions Pro au recours".into(),
                done: false,
            });
        }
        if step == Step::PtpRefusDefinitif {
            out.push(Deadline {
                kind: DeadlineKind::MediationWindow,
                due: plus_months(filed, p.count(key::MEDIATION_WINDOW_MONTHS, filed)),
                label: "Saisir la médiatrice de France compétences".into(),
                done: false,
            });
        }
    }
    if let Some(attested) = f.demission_attested_on
        && step == Step::DemissionAttestee
    {
        out.push(Deadline {
            kind: DeadlineKind::FranceTravailRegistration,
            due: plus_months(
                attested,
                p.count(key::DEMISSION_REGISTRATION_MONTHS, attested),
            ),
            label: "Démissionner puis s’inscrire à France Travail".into(),
            done: false,
        });
    }
    if let Some(complete) = f.vae_dossier_complete_on
        && step == Step::VaeRecevabilite
    {
        out.push(Deadline {
            kind: DeadlineKind::VaeRecevabilite,
            due: plus_months(complete, p.count(key::VAE_RECEVABILITE_MONTHS, complete)),
            label: "Décision du certificateur sur la recevabilité VAE".into(),
            done: false,
        });
    }
    out.sort_by_key(|d| (d.done, d.due));
    out
}

/// One line of the backward plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanItem {
    pub by: NaiveDate,
    pub action: String,
}

/// From a target training start, what must be done by when (PTP). On working time the dossier
/// needs the employer's authorisation, so the absence request must leave early enough for the
/// employer's 30 days to end before the filing — earlier than the legal 120/60 days if need be.
pub fn backward_plan(
    start: NaiveDate,
    during_working_time: bool,
    continuous_6_months: bool,
    p: &Parameters,
) -> Vec<PlanItem> {
    let filing = minus_days(start, p.count(key::PTP_FILING_LEAD_DAYS, start));
    let mut plan = vec![
        PlanItem {
            by: filing,
            action: "Dépôt du dossier complet auprès de Transitions Pro".into(),
        },
        PlanItem {
            by: start,
            action: format!("Entrée en formation le {}", format_date(start)),
        },
    ];
    let mut earliest = filing;
    if during_working_time {
        let answer_days = p.count(key::EMPLOYER_ANSWER_DAYS, filing);
        let legal = absence_request_due(start, continuous_6_months, p);
        let request = legal.min(minus_days(filing, answer_days));
        plan.push(PlanItem {
            by: request,
            action: format!(
                "Demande écrite d’autorisation d’absence remise à l’employeur (délai légal : {})",
                format_date(legal)
            ),
        });
        plan.push(PlanItem {
            by: employer_answer_due(request, p),
            action: "Réponse de l’employeur (sans réponse à cette date : accord)".into(),
        });
        earliest = request;
    }
    plan.push(PlanItem {
        by: minus_days(earliest, 30),
        action: "Positionnement préalable et devis approuvé par l’organisme de formation".into(),
    });
    plan.sort_by_key(|i| i.by);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parcours::facts::Training;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn p() -> Parameters {
        Parameters::default()
    }

    #[test]
    fn absence_request_is_120_or_60_days_before_across_year_and_leap_day() {
        assert_eq!(
            absence_request_due(d(2026, 3, 2), false, &p()),
            d(2026, 1, 1)
        );
        assert_eq!(
            absence_request_due(d(2027, 1, 5), true, &p()),
            d(2026, 9, 7)
        );
        // 2028 is a leap year: 60 days before 1 May 2028 is 2 March 2028.
        assert_eq!(
            absence_request_due(d(2028, 5, 1), false, &p()),
            d(2028, 3, 2)
        );
        assert_eq!(
            absence_request_due(d(2028, 3, 30), false, &p()),
            d(2028, 1, 30)
        );
    }

    #[test]
    fn employer_answer_is_30_days_after_receipt() {
        assert_eq!(employer_answer_due(d(2026, 12, 15), &p()), d(2027, 1, 14));
        assert_eq!(employer_answer_due(d(2028, 2, 1), &p()), d(2028, 3, 2));
        assert_eq!(employer_answer_due(d(2026, 2, 1), &p()), d(2026, 3, 3));
    }

    #[test]
    fn month_based_deadlines_clamp_to_month_ends() {
        assert_eq!(plus_months(d(2026, 8, 31), 6), d(2027, 2, 28));
        assert_eq!(plus_months(d(2027, 8, 31), 6), d(2028, 2, 29));
        assert_eq!(plus_months(d(2028, 2, 29), 12), d(2029, 2, 28));
        assert_eq!(plus_months(d(2026, 12, 31), 2), d(2027, 2, 28));
        assert_eq!(plus_months(d(2026, 10, 31), 2), d(2026, 12, 31));
    }

    fn case_with(start: Option<NaiveDate>) -> CaseData {
        let mut c = CaseData::default();
        c.parcours.training = Training {
            start,
            during_working_time: true,
            continuous_interruption_6_months: true,
            ..Training::default()
        };
        c
    }

    #[test]
    fn ptp_preparation_deadlines_follow_the_training_start() {
        let c = case_with(Some(d(2027, 3, 1)));
        let list = deadlines(&c, Step::PtpPositionnement, &p());
        let absence = list
            .iter()
            .find(|x| x.kind == DeadlineKind::AbsenceRequest)
            .unwrap();
        // 120 days before 1 March 2027 (February 2027 has 28 days).
        assert_eq!(absence.due, d(2026, 11, 1));
        assert_eq!(absence.urgency(d(2026, 10, 25)), Urgency::Soon);
        assert_eq!(
            absence.urgency(d(2026, 11, 1)),
            Urgency::Soon,
            "due today is not late"
        );
        assert_eq!(absence.urgency(d(2026, 11, 2)), Urgency::Overdue);
        assert_eq!(absence.urgency(d(2026, 9, 1)), Urgency::Upcoming);
        // Once the request is received, that deadline is done and the employer's starts.
        let mut c = c;
        c.parcours.absence_request_received_on = Some(d(2026, 10, 20));
        let list = deadlines(&c, Step::PtpAutorisationAbsence, &p());
        assert!(
            list.iter()
                .find(|x| x.kind == DeadlineKind::AbsenceRequest)
                .unwrap()
                .done
        );
        let answer = list
            .iter()
            .find(|x| x.kind == DeadlineKind::EmployerAnswer)
            .unwrap();
        assert_eq!(answer.due, d(2026, 11, 19));
    }

    #[test]
    fn cdd_recours_demission_and_vae_deadlines() {
        let mut c = case_with(None);
        c.situation.contract = Some(ContractKind::Cdd);
        c.situation.contract_end = Some(d(2026, 8, 31));
        let list = deadlines(&c, Step::PtpPositionnement, &p());
        let start = list
            .iter()
            .find(|x| x.kind == DeadlineKind::CddTrainingStart)
            .unwrap();
        assert_eq!(start.due, d(2027, 2, 28));

        c.parcours.refusal_notified_on = Some(d(2026, 12, 31));
        let recours = deadlines(&c, Step::PtpRefus, &p());
        assert_eq!(
            recours
                .iter()
                .find(|x| x.kind == DeadlineKind::Recours)
                .unwrap()
                .due,
            d(2027, 2, 28)
        );

        c.parcours.demission_attested_on = Some(d(2028, 2, 29));
        let dem = deadlines(&c, Step::DemissionAttestee, &p());
        assert_eq!(dem[0].due, d(2028, 8, 29));

        c.parcours.vae_dossier_complete_on = Some(d(2026, 12, 31));
        let vae = deadlines(&c, Step::VaeRecevabilite, &p());
        assert_eq!(vae[0].due, d(2027, 2, 28));
    }

    #[test]
    fn the_backward_plan_is_in_date_order() {
        let plan = backward_plan(d(2027, 3, 1), true, false, &p());
        let dates: Vec<_> = plan.iter().map(|i| i.by).collect();
        let mut sorted = dates.clone();
        sorted.sort();
        assert_eq!(dates, sorted);
        assert_eq!(plan.last().unwrap().by, d(2027, 3, 1));
        // Filing 90 days before 1 March 2027 (1 December 2026); the employer's 30 days must end
        // by then, so the request leaves on 1 November 2026 — before the legal 31 December.
        let find = |text: &str| plan.iter().find(|i| i.action.contains(text)).unwrap().by;
        assert_eq!(find("Dépôt du dossier"), d(2026, 12, 1));
        assert_eq!(find("autorisation d’absence"), d(2026, 11, 1));
        assert_eq!(find("Réponse de l’employeur"), d(2026, 12, 1));
        assert_eq!(find("Positionnement"), d(2026, 10, 2));
        assert!(
            plan.iter()
                .any(|i| i.action.contains("délai légal : 31 décembre 2026"))
        );
    }
}
