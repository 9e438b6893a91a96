//! Deadlines computed from the case's dated facts and the parameter table (DOMAIN §8.4), and
//! the backward planner from a target training start.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::facts::{EmployerAnswer, PostponementGround, Training};
use super::step::Step;
use crate::case::{CaseData, ContractKind};
use crate::i18n::format_date;
use crate::params::{Parameters, key};
use crate::validate::bounds::{days_after, days_before};

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
    /// Intérim and intermittents: file within 4 months of the last contract (R6323-11-2).
    PrecaireFiling,
    /// Intérim and intermittents: start training within 6 months of it.
    PrecaireTrainingStart,
    /// Recours gracieux against a refused démission-reconversion project (R5422-2-2).
    DemissionRecours,
    /// Congé VAE: the request to the employer, and the employer's answer.
    VaeLeaveRequest,
    VaeLeaveAnswer,
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
        } else if self.due <= days_after(today, 7) {
            Urgency::Soon
        } else {
            Urgency::Upcoming
        }
    }
}

// Saturating at chrono's first and last dates: a date stored behind the app's back (year
// -262143) gives a deadline at the edge of time, not a panic.
fn plus_days(d: NaiveDate, n: u32) -> NaiveDate {
    days_after(d, n)
}

fn minus_days(d: NaiveDate, n: u32) -> NaiveDate {
    days_before(d, n)
}

/// Adds months, clamping to the month's end (31 January + 1 month = 28 or 29 February).
pub(crate) fn plus_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n))
        .unwrap_or(NaiveDate::MAX)
}

/// Which notice the absence request needs (R6323-10 I).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Notice {
    /// 120 days: full-time training interrupting work for 6 months or more.
    Long,
    /// 60 days: a shorter interruption, or a part-time training whatever its length.
    Short,
    /// 120 days because the dates or the rhythm of the training are not known yet: the safe
    /// choice, since a request sent late lets the employer refuse.
    LongByDefault,
}

/// The notice the training needs, derived from its dates and rhythm (never typed by hand).
pub fn absence_notice(t: &Training, p: &Parameters) -> Notice {
    let (Some(start), Some(end), Some(part_time)) = (t.start, t.end, t.part_time) else {
        return if t.part_time == Some(true) {
            Notice::Short
        } else {
            Notice::LongByDefault
        };
    };
    if part_time {
        return Notice::Short;
    }
    let months = p.count(key::PTP_CONTINUOUS_INTERRUPTION_MONTHS, start);
    // The end date is the last day of training: 1 March to 31 August is six months.
    if days_after(end, 1) >= plus_months(start, months) {
        Notice::Long
    } else {
        Notice::Short
    }
}

/// Latest date the employer must receive the absence request, by law (120 or 60 days).
pub fn absence_request_legal_due(start: NaiveDate, notice: Notice, p: &Parameters) -> NaiveDate {
    let key = match notice {
        Notice::Long | Notice::LongByDefault => key::ABSENCE_NOTICE_LONG_DAYS,
        Notice::Short => key::ABSENCE_NOTICE_SHORT_DAYS,
    };
    minus_days(start, p.count(key, start))
}

/// The day to file the PTP dossier (the regional lead, a parameter).
pub fn filing_due(start: NaiveDate, p: &Parameters) -> NaiveDate {
    minus_days(start, p.count(key::PTP_FILING_LEAD_DAYS, start))
}

/// When the absence request must reach the employer: the legal date, or earlier when the
/// employer's 30 days to answer must end before the filing (R6323-11: the dossier is filed once
/// the employer has agreed). The deadline list and the backward plan both use it.
pub fn absence_request_due(t: &Training, p: &Parameters) -> Option<(NaiveDate, NaiveDate, Notice)> {
    let start = t.start?;
    let notice = absence_notice(t, p);
    let legal = absence_request_legal_due(start, notice, p);
    let filing = filing_due(start, p);
    let answer_days = p.count(key::EMPLOYER_ANSWER_DAYS, filing);
    Some((legal.min(minus_days(filing, answer_days)), legal, notice))
}

fn notice_text(notice: Notice) -> &'static str {
    match notice {
        Notice::Long => "120 jours, formation à temps plein interrompant le travail 6 mois ou plus",
        Notice::Short => "60 jours",
        Notice::LongByDefault => {
            "120 jours par prudence : dates ou rythme de la formation incomplets"
        }
    }
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
            | Step::PtpReporte
            | Step::PtpRefusEmployeur
            | Step::TranscoEligibilite
    );
    let ptp_open =
        ptp_preparation || matches!(step, Step::PtpDossierDepose | Step::PtpEnInstruction);
    if let Some(start) = t.start {
        if ptp_preparation
            && t.during_working_time
            && let Some((due, legal, notice)) = absence_request_due(t, p)
        {
            out.push(Deadline {
                kind: DeadlineKind::AbsenceRequest,
                due,
                label: format!(
                    "Remettre à l’employeur la demande d’autorisation d’absence (délai légal : {}, {})",
                    format_date(legal),
                    notice_text(notice)
                ),
                done: f.absence_request_received_on.is_some(),
            });
        }
        // The filing deadline only once the PTP branch is taken (not for an OPCO or VAE project).
        if ptp_preparation && !matches!(step, Step::ProjetFormalise | Step::ComiteTransitions) {
            out.push(Deadline {
                kind: DeadlineKind::DossierFiling,
                due: filing_due(start, p),
                label: "Déposer le dossier complet auprès de Transitions Pro (délai régional indicatif)".into(),
                done: f.dossier_filed_on.is_some(),
            });
        }
        // R6323-10-1: the 9 months run from the start written in the request, not from a start
        // the counsellor later moves; only a postponement for production has that limit.
        if f.employer_answer == Some(EmployerAnswer::Report)
            && f.postponement_ground != Some(PostponementGround::Effectif)
        {
            let asked = t.requested_start.unwrap_or(start);
            out.push(Deadline {
                kind: DeadlineKind::PostponementLimit,
                due: plus_months(asked, p.count(key::POSTPONEMENT_MAX_MONTHS, asked)),
                label: format!(
                    "Fin du report possible de l’absence : 9 mois après le début demandé ({})",
                    format_date(asked)
                ),
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
        let latest_start = plus_months(end, p.count(key::CDD_TRAINING_START_MONTHS, end));
        out.push(Deadline {
            kind: DeadlineKind::CddTrainingStart,
            due: latest_start,
            label: "CDD : entrer en formation au plus tard 6 mois après la fin du contrat".into(),
            done: t.start.is_some_and(|s| s <= latest_start) && step == Step::EnFormation,
        });
    }
    // R6323-11-2: intérim and intermittents may file up to 4 months after their last contract,
    // for a training that starts within 6 months of it.
    if matches!(
        case.situation.contract,
        Some(ContractKind::Interim | ContractKind::Intermittent)
    ) && let Some(end) = case.situation.contract_end
        && ptp_open
    {
        out.push(Deadline {
            kind: DeadlineKind::PrecaireFiling,
            due: plus_months(end, p.count(key::PTP_PRECAIRE_FILING_AFTER_END_MONTHS, end)),
            label: "Déposer le dossier au plus tard 4 mois après le dernier contrat".into(),
            done: f.dossier_filed_on.is_some(),
        });
        let latest_start = plus_months(end, p.count(key::PTP_PRECAIRE_TRAINING_START_MONTHS, end));
        out.push(Deadline {
            kind: DeadlineKind::PrecaireTrainingStart,
            due: latest_start,
            label: "Entrer en formation au plus tard 6 mois après le dernier contrat".into(),
            done: t.start.is_some_and(|s| s <= latest_start) && step == Step::EnFormation,
        });
    }
    // R6323-15: a refusal of all or part of the request can be contested.
    if let Some(notified) = f.refusal_notified_on
        && matches!(step, Step::PtpRefus | Step::PtpAccordPartiel)
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
                label: "Réponse de Transitions Pro au recours (sans réponse : médiation possible)"
                    .into(),
                done: false,
            });
        }
        if matches!(step, Step::PtpRecours | Step::PtpRefusDefinitif) {
            out.push(Deadline {
                kind: DeadlineKind::MediationWindow,
                due: plus_months(filed, p.count(key::MEDIATION_WINDOW_MONTHS, filed)),
                label: "Saisir la médiatrice de France compétences".into(),
                done: false,
            });
        }
    }
    if let Some(attested) = f.demission_attested_on
        && matches!(step, Step::DemissionAttestee | Step::DemissionDemissionne)
    {
        out.push(Deadline {
            kind: DeadlineKind::FranceTravailRegistration,
            due: plus_months(
                attested,
                p.count(key::DEMISSION_REGISTRATION_MONTHS, attested),
            ),
            label: "Démissionner puis s’inscrire à France Travail (6 mois après l’attestation)"
                .into(),
            done: f.france_travail_registered_on.is_some(),
        });
    }
    if let Some(notified) = f.demission_refusal_notified_on
        && step == Step::DemissionRefusee
    {
        out.push(Deadline {
            kind: DeadlineKind::DemissionRecours,
            due: plus_months(notified, p.count(key::DEMISSION_RECOURS_MONTHS, notified)),
            label: "Former un recours gracieux contre le refus d’attestation (R5422-2-2)".into(),
            done: f.demission_recours_filed_on.is_some(),
        });
    }
    if let Some(complete) = f.vae_dossier_complete_on
        && step == Step::VaeRecevabilite
    {
        let silence = p
            .value(key::VAE_SILENCE_ACCEPTANCE, complete)
            .is_some_and(|v| v >= 1.0);
        out.push(Deadline {
            kind: DeadlineKind::VaeRecevabilite,
            due: crate::certification::recevabilite_due(complete, p),
            label: if silence {
                "Décision du certificateur sur la recevabilité VAE (sans réponse : réputée recevable)"
                    .into()
            } else {
                "Décision du certificateur sur la recevabilité VAE".into()
            },
            done: false,
        });
    }
    let vae_steps = matches!(
        step,
        Step::VaeRecevabilite | Step::VaeAccompagnement | Step::VaeJury
    );
    if let Some(leave) = f.vae_leave_start
        && vae_steps
    {
        out.push(Deadline {
            kind: DeadlineKind::VaeLeaveRequest,
            due: minus_days(leave, p.count(key::VAE_LEAVE_NOTICE_DAYS, leave)),
            label: "Congé VAE : remettre la demande d’absence à l’employeur".into(),
            done: f.vae_leave_request_received_on.is_some(),
        });
    }
    if let Some(received) = f.vae_leave_request_received_on
        && vae_steps
    {
        out.push(Deadline {
            kind: DeadlineKind::VaeLeaveAnswer,
            due: plus_days(received, p.count(key::VAE_LEAVE_ANSWER_DAYS, received)),
            label: "Congé VAE : réponse de l’employeur (silence = accord)".into(),
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
pub fn backward_plan(t: &Training, p: &Parameters) -> Vec<PlanItem> {
    let Some(start) = t.start else {
        return Vec::new();
    };
    let filing = filing_due(start, p);
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
    if t.during_working_time
        && let Some((request, legal, notice)) = absence_request_due(t, p)
    {
        plan.push(PlanItem {
            by: request,
            action: format!(
                "Demande écrite d’autorisation d’absence remise à l’employeur (délai légal : {}, {})",
                format_date(legal),
                notice_text(notice)
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

    fn training(start: NaiveDate, end: Option<NaiveDate>, part_time: Option<bool>) -> Training {
        Training {
            start: Some(start),
            end,
            part_time,
            during_working_time: true,
            ..Training::default()
        }
    }

    #[test]
    fn legal_notice_is_120_or_60_days_before_across_year_and_leap_day() {
        assert_eq!(
            absence_request_legal_due(d(2026, 3, 2), Notice::Short, &p()),
            d(2026, 1, 1)
        );
        assert_eq!(
            absence_request_legal_due(d(2027, 1, 5), Notice::Long, &p()),
            d(2026, 9, 7)
        );
        // 2028 is a leap year: 60 days before 1 May 2028 is 2 March 2028.
        assert_eq!(
            absence_request_legal_due(d(2028, 5, 1), Notice::Short, &p()),
            d(2028, 3, 2)
        );
    }

    /// R6323-10 I: 120 days for a training that interrupts work continuously for 6 months or
    /// more, 60 for a shorter one or a part-time one, whatever its length. Derived from the
    /// dates and the rhythm, never typed; unknown, the safe 120 days.
    #[test]
    fn r6323_10_i_notice_follows_the_training_dates_and_rhythm() {
        let full = |end| training(d(2027, 3, 1), Some(end), Some(false));
        assert_eq!(
            absence_notice(&full(d(2027, 8, 31)), &p()),
            Notice::Long,
            "1 March–31 August: 6 months"
        );
        assert_eq!(absence_notice(&full(d(2027, 8, 30)), &p()), Notice::Short);
        let part = training(d(2027, 3, 1), Some(d(2028, 12, 31)), Some(true));
        assert_eq!(
            absence_notice(&part, &p()),
            Notice::Short,
            "part-time: 60 days whatever the length"
        );
        assert_eq!(
            absence_notice(&training(d(2027, 3, 1), None, Some(false)), &p()),
            Notice::LongByDefault
        );
        assert_eq!(
            absence_notice(&training(d(2027, 3, 1), Some(d(2027, 4, 1)), None), &p()),
            Notice::LongByDefault
        );
    }

    /// Issue 11's reproduction: a full-time training from 18 June 2027 to 19 January 2028 got
    /// « délai légal : 19 avril 2027 » (60 days); 120 days give 18 February 2027. The deadline
    /// list and the backward plan show the same date.
    #[test]
    fn r6323_10_i_a_seven_month_full_time_training_needs_120_days() {
        let mut c = CaseData::default();
        c.parcours.training = training(d(2027, 6, 18), Some(d(2028, 1, 19)), Some(false));
        let list = deadlines(&c, Step::PtpPositionnement, &p());
        let absence = list
            .iter()
            .find(|x| x.kind == DeadlineKind::AbsenceRequest)
            .unwrap();
        assert_eq!(absence.due, d(2027, 2, 18));
        assert!(
            absence
                .label
                .contains("délai légal : 18 février 2027, 120 jours"),
            "{}",
            absence.label
        );
        let plan = backward_plan(&c.parcours.training, &p());
        let request = plan
            .iter()
            .find(|i| i.action.contains("autorisation d’absence"))
            .unwrap();
        assert_eq!(request.by, absence.due, "the list and the plan agree");
        // The flag the counsellor had to tick is gone: not knowing the rhythm is 120 days too.
        c.parcours.training.part_time = None;
        let due = absence_request_due(&c.parcours.training, &p()).unwrap();
        assert_eq!((due.1, due.2), (d(2027, 2, 18), Notice::LongByDefault));
    }

    /// R6323-11: the dossier is filed once the employer has agreed, so the request leaves early
    /// enough for the employer's 30 days to end before the filing date.
    #[test]
    fn r6323_11_the_request_leaves_before_the_filing_minus_the_answer_delay() {
        let t = training(d(2027, 3, 1), Some(d(2027, 5, 31)), Some(false));
        let (due, legal, notice) = absence_request_due(&t, &p()).unwrap();
        assert_eq!(notice, Notice::Short);
        assert_eq!(legal, d(2026, 12, 31));
        // Filing 90 days before 1 March 2027 = 1 December 2026; minus 30 days = 1 November.
        assert_eq!(due, d(2026, 11, 1));
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
            end: start.map(|s| plus_months(s, 10)),
            part_time: Some(false),
            during_working_time: true,
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

    /// R6323-10-1: a postponement for production lasts 9 months at most from the start written
    /// in the request, even when the counsellor moves the training start afterwards; a
    /// postponement for the headcount thresholds has no such limit.
    #[test]
    fn r6323_10_1_postponement_counts_from_the_start_requested() {
        let mut c = case_with(Some(d(2027, 9, 1)));
        c.parcours.training.requested_start = Some(d(2027, 3, 1));
        c.parcours.employer_answer = Some(EmployerAnswer::Report);
        c.parcours.postponement_ground = Some(PostponementGround::Production);
        let limit = deadlines(&c, Step::PtpReporte, &p())
            .into_iter()
            .find(|x| x.kind == DeadlineKind::PostponementLimit)
            .unwrap();
        assert_eq!(limit.due, d(2027, 12, 1));
        c.parcours.postponement_ground = Some(PostponementGround::Effectif);
        assert!(
            !deadlines(&c, Step::PtpReporte, &p())
                .iter()
                .any(|x| x.kind == DeadlineKind::PostponementLimit)
        );
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
        assert!(vae[0].label.contains("réputée recevable"));
    }

    /// R6323-15: « tout ou partie » — a partial agreement opens the recours like a refusal.
    #[test]
    fn r6323_15_a_partial_agreement_has_its_recours_deadline() {
        let mut c = case_with(None);
        c.parcours.refusal_notified_on = Some(d(2027, 4, 15));
        let list = deadlines(&c, Step::PtpAccordPartiel, &p());
        let recours = list
            .iter()
            .find(|x| x.kind == DeadlineKind::Recours)
            .unwrap();
        assert_eq!(recours.due, d(2027, 6, 15));
    }

    /// R5422-2-2: a refused démission-reconversion project can be contested within 2 months of
    /// its notification.
    #[test]
    fn r5422_2_2_a_refused_demission_has_its_recours_deadline() {
        let mut c = case_with(None);
        c.parcours.demission_refusal_notified_on = Some(d(2027, 1, 31));
        let list = deadlines(&c, Step::DemissionRefusee, &p());
        let recours = list
            .iter()
            .find(|x| x.kind == DeadlineKind::DemissionRecours)
            .unwrap();
        assert_eq!(recours.due, d(2027, 3, 31));
    }

    /// R6323-11-2: intérim and intermittents file within 4 months of their last contract and
    /// start training within 6.
    #[test]
    fn r6323_11_2_precarious_contracts_have_their_own_limits() {
        let mut c = case_with(None);
        c.situation.contract = Some(ContractKind::Interim);
        c.situation.contract_end = Some(d(2027, 1, 31));
        let list = deadlines(&c, Step::PtpPositionnement, &p());
        let due = |k| list.iter().find(|x| x.kind == k).unwrap().due;
        assert_eq!(due(DeadlineKind::PrecaireFiling), d(2027, 5, 31));
        assert_eq!(due(DeadlineKind::PrecaireTrainingStart), d(2027, 7, 31));
    }

    /// R6422-3 and R6422-4 (décret 2023-1275): congé VAE asked 30 days before, answered within
    /// 15 days, silence = agreement; 60 and 30 days before 2024.
    #[test]
    fn r6422_3_and_4_the_vae_leave_deadlines_are_dated() {
        let mut c = case_with(None);
        c.parcours.vae_leave_start = Some(d(2026, 3, 31));
        c.parcours.vae_leave_request_received_on = Some(d(2026, 2, 20));
        let list = deadlines(&c, Step::VaeAccompagnement, &p());
        let due = |k| list.iter().find(|x| x.kind == k).unwrap().due;
        assert_eq!(due(DeadlineKind::VaeLeaveRequest), d(2026, 3, 1));
        assert_eq!(due(DeadlineKind::VaeLeaveAnswer), d(2026, 3, 7));
        c.parcours.vae_leave_start = Some(d(2023, 6, 30));
        let list = deadlines(&c, Step::VaeAccompagnement, &p());
        assert_eq!(
            list.iter()
                .find(|x| x.kind == DeadlineKind::VaeLeaveRequest)
                .unwrap()
                .due,
            d(2023, 5, 1),
            "60 days before 2024"
        );
    }

    #[test]
    fn the_backward_plan_is_in_date_order() {
        let t = training(d(2027, 3, 1), Some(d(2027, 5, 31)), Some(false));
        let plan = backward_plan(&t, &p());
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
