//! What the Parcours tab and `passerelle parcours show` display for one case, built here from
//! the case, its step, its log and its documents, so the app and the CLI show the same thing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::checklist::{ChecklistItem, Held, checklist};
use super::deadlines::{Deadline, PlanItem, backward_plan, deadlines};
use super::eligibility::{RuleResult, demission_eligibility, demission_reference, ptp_eligibility};
use super::facts::EmployerAnswer;
use super::step::Step;
use super::todo::checklist_target;
use super::{GuardContext, Transition, unmet_conditions};
use crate::case::{CaseData, CaseId, ContractKind};
use crate::params::Parameters;

/// A step the case could move to, and what stops it (empty: it may go).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NextStep {
    pub step: Step,
    pub unmet: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ParcoursView {
    pub case_id: CaseId,
    pub current: Step,
    pub history: Vec<Transition>,
    pub next: Vec<NextStep>,
    /// The checklist of the step the case works towards, if the path is clear.
    pub checklist_step: Option<Step>,
    pub checklist: Vec<ChecklistItem>,
    pub deadlines: Vec<Deadline>,
    /// PTP rules, evaluated at `eligibility_at`: the training start, or today.
    pub eligibility: Vec<RuleResult>,
    pub eligibility_at: NaiveDate,
    /// Démission-reconversion rules, evaluated at `demission_at`: the planned end of the
    /// contract, or today. Empty when the person is not on a CDI.
    #[serde(default)]
    pub demission_eligibility: Vec<RuleResult>,
    #[serde(default)]
    pub demission_at: Option<NaiveDate>,
    /// Backward plan from the training start, when there is one.
    pub plan: Vec<PlanItem>,
    /// What the counsellor should know at this step (the lawful grounds of an employer's
    /// refusal, what a postponement allows…), in French.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The guidance shown at a step.
fn notes(step: Step, case: &CaseData) -> Vec<String> {
    let f = &case.parcours;
    match step {
        Step::PtpRefusEmployeur => vec![
            "Motifs légaux de refus (R6323-10 IV) : demande remise hors délai (120 ou 60 jours), demande incomplète (date, intitulé et durée de la formation, organisme, intitulé et date de l’examen), ou condition d’ancienneté non remplie. Tout autre motif ne fonde pas un refus.".into(),
            "Le refus doit être écrit et motivé ; sans réponse dans les 30 jours, l’autorisation est acquise.".into(),
        ],
        Step::PtpAutorisationAbsence | Step::PtpReporte
            if f.employer_answer == Some(EmployerAnswer::Report) =>
        {
            vec!["Report possible (R6323-10-1) : 9 mois au plus après le début demandé si l’absence nuirait à la production (après avis du CSE) ; ou tant que trop de salariés sont absents à ce titre (2 % dès 100 salariés, un seul en dessous). Le report est motivé.".into()]
        }
        Step::PtpRecours => vec![
            "Sans réponse 2 mois après le recours, la médiatrice de France compétences peut être saisie (dans l’année de la réclamation écrite).".into(),
        ],
        Step::DemissionRefusee => vec![
            "Recours gracieux possible dans les 2 mois qui suivent la notification du refus (R5422-2-2), examiné par l’instance paritaire de recours de Transitions Pro.".into(),
        ],
        Step::DemissionAttestee | Step::DemissionDemissionne => vec![
            "Après l’attestation : démissionner, puis s’inscrire à France Travail dans les 6 mois ; France Travail contrôle ensuite la mise en œuvre du projet.".into(),
        ],
        _ => Vec::new(),
    }
}

/// Everything the Parcours tab shows for one case, evaluated on `today`.
pub fn build_view(
    case_id: CaseId,
    case: &CaseData,
    current: Step,
    history: Vec<Transition>,
    held: &[Held],
    today: NaiveDate,
    params: &Parameters,
) -> ParcoursView {
    let ctx = GuardContext {
        case,
        documents: held,
        today,
        params,
        reason: None,
    };
    let next = current
        .next_steps()
        .iter()
        .map(|&step| NextStep {
            step,
            unmet: unmet_conditions(current, step, ctx),
        })
        .collect();
    let checklist_step = checklist_target(current, case);
    let training = &case.parcours.training;
    let eligibility_at = training.start.unwrap_or(today);
    let on_cdi = case.situation.contract == Some(ContractKind::Cdi);
    ParcoursView {
        case_id,
        current,
        history,
        next,
        checklist_step,
        checklist: checklist_step
            .map(|s| checklist(s, case, held))
            .unwrap_or_default(),
        deadlines: deadlines(case, current, params),
        eligibility: ptp_eligibility(case, eligibility_at, params),
        eligibility_at,
        demission_eligibility: if on_cdi {
            demission_eligibility(case, today, params)
        } else {
            Vec::new()
        },
        demission_at: on_cdi.then(|| demission_reference(case, today)),
        plan: backward_plan(training, params),
        notes: notes(current, case),
    }
}
