//! The *parcours sans couture*: the state machine over steps with its guards, the document
//! checklists, the deadlines and the eligibility rules. Pure: callers pass the case, the
//! documents it holds, the date and the parameters.

mod checklist;
mod deadlines;
mod eligibility;
mod facts;
mod guide;
mod step;
mod todo;
mod view;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use checklist::{ChecklistItem, DocStatus, Held, checklist, missing};
pub use deadlines::{
    Deadline, DeadlineKind, Notice, PlanItem, Urgency, absence_notice, absence_request_due,
    absence_request_legal_due, backward_plan, deadlines, employer_answer_due, filing_due,
};
pub use eligibility::{
    RuleOutcome, RuleResult, demission_eligibility, demission_reference, ptp_eligibility,
    seniority_exemption, uses_seniority_exemption, whole_months,
};
pub use facts::{
    EmployerAnswer, Funder, FundingLine, IntermittentFacts, IntermittentProfile, Modality,
    OpcoScheme, ParcoursFacts, PostponementGround, Training,
};
pub use guide::{BRANCHES, Branch, DeadlineRule, deadline_rules};
pub use step::{ALL_STEPS, Step};
pub use todo::{DueItem, IdleItem, MissingItem, TodoFilter, TodoOverview, checklist_target};
pub use view::{NextStep, ParcoursView, build_view};

use crate::case::{CaseData, ContractKind, DocumentKind};
use crate::i18n::{Label, format_date};
use crate::params::{Parameters, key};

/// Everything a guard may look at.
#[derive(Debug, Clone, Copy)]
pub struct GuardContext<'a> {
    pub case: &'a CaseData,
    pub documents: &'a [Held],
    pub today: NaiveDate,
    pub params: &'a Parameters,
    /// The reason given for the move, when one is being made (`None` when the screen only
    /// lists what would stop each next step).
    pub reason: Option<&'a str>,
}

/// A recorded transition (the parcours log; the journal records it too).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transition {
    pub from: Step,
    pub to: Step,
    pub at: String,
    pub actor: String,
    pub reason: String,
    /// Documents held at the time (what the guard saw).
    pub documents: Vec<DocumentKind>,
}

/// The last day Transitions collectives accepted new dossiers.
fn transco_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or(NaiveDate::MIN)
}

fn is_employee(case: &CaseData) -> bool {
    matches!(
        case.situation.contract,
        Some(
            ContractKind::Cdi
                | ContractKind::Cdd
                | ContractKind::Interim
                | ContractKind::Intermittent
        )
    )
}

/// The conditions, in French, that stop `from → to`; empty when the transition may go.
pub fn unmet_conditions(from: Step, to: Step, ctx: GuardContext<'_>) -> Vec<String> {
    if !from.allows(to) {
        return vec![format!(
            "Passage non prévu de {} à {}.",
            from.code(),
            to.code()
        )];
    }
    let case = ctx.case;
    let f = &case.parcours;
    let mut unmet = Vec::new();
    let mut need = |cond: bool, message: &str| {
        if !cond {
            unmet.push(message.to_owned());
        }
    };
    match to {
        Step::Accompagnement => need(
            case.beneficiary
                .consents
                .iter()
                .any(|c| c.given_on.is_some() && c.withdrawn_on.is_none()),
            "Consentement RGPD non recueilli (onglet Identité)",
        ),
        Step::ProjetFormalise => {
            need(
                !case.situation.job_rome.is_empty(),
                "Code ROME du métier actuel manquant",
            );
            need(
                !case.project.target_rome.is_empty(),
                "Code ROME du métier visé manquant",
            );
        }
        Step::PtpPositionnement => {
            need(
                is_employee(case),
                "Le projet de transition professionnelle est réservé aux salariés",
            );
            need(
                case.situation.job_rome.is_empty()
                    || case.situation.job_rome != case.project.target_rome
                    || !case.project.rome_change_justification.trim().is_empty(),
                "Codes ROME actuel et visé identiques : irrecevable sauf éléments objectifs du changement de métier (à renseigner au Projet)",
            );
            need(
                !case.project.target_certification.is_empty(),
                "Certification visée manquante (RNCP, RS ou bloc)",
            );
        }
        Step::PtpAutorisationAbsence => {
            need(
                f.training.start.is_some(),
                "Date d’entrée en formation manquante",
            );
            need(
                f.training.during_working_time,
                "La formation n’a pas lieu sur le temps de travail : aucune autorisation d’absence n’est nécessaire",
            );
        }
        Step::PtpReporte => need(
            f.employer_answer == Some(EmployerAnswer::Report),
            "Réponse de l’employeur « report » à enregistrer (formation et étapes du parcours)",
        ),
        Step::PtpDossierDepose => {
            need(
                f.training.start.is_some(),
                "Date d’entrée en formation manquante",
            );
            if f.training.during_working_time {
                // After a postponement the absence is authorised for the postponed date.
                let postponed =
                    from == Step::PtpReporte && f.employer_answer == Some(EmployerAnswer::Report);
                need(
                    postponed
                        || matches!(
                            f.employer_answer,
                            Some(EmployerAnswer::Accord | EmployerAnswer::AccordTacite)
                        ),
                    "Autorisation d’absence de l’employeur non obtenue",
                );
            }
            if f.employer_answer == Some(EmployerAnswer::Report)
                && f.postponement_ground != Some(PostponementGround::Effectif)
                && let (Some(start), Some(asked)) = (
                    f.training.start,
                    f.training.requested_start.or(f.training.start),
                )
            {
                let limit = deadlines::plus_months(
                    asked,
                    ctx.params.count(key::POSTPONEMENT_MAX_MONTHS, asked),
                );
                need(
                    start <= limit,
                    &format!(
                        "Report au-delà de 9 mois après le début demandé (R6323-10-1) : l’entrée en formation doit avoir lieu au plus tard le {}",
                        format_date(limit)
                    ),
                );
            }
            let contract = case.situation.contract;
            if let (Some(ContractKind::Cdd), Some(end)) = (contract, case.situation.contract_end) {
                need(
                    ctx.today <= end,
                    "CDD : le dossier doit être déposé avant la fin du contrat",
                );
                let latest = deadlines::plus_months(
                    end,
                    ctx.params.count(key::CDD_TRAINING_START_MONTHS, end),
                );
                if let Some(start) = f.training.start {
                    need(
                        start <= latest,
                        &format!(
                            "CDD : l’entrée en formation doit intervenir au plus tard le {} (6 mois après la fin du contrat)",
                            format_date(latest)
                        ),
                    );
                }
            }
            if let (Some(ContractKind::Interim | ContractKind::Intermittent), Some(end)) =
                (contract, case.situation.contract_end)
            {
                let filing = deadlines::plus_months(
                    end,
                    ctx.params
                        .count(key::PTP_PRECAIRE_FILING_AFTER_END_MONTHS, end),
                );
                need(
                    ctx.today <= filing,
                    &format!(
                        "Dossier à déposer au plus tard le {} (4 mois après le dernier contrat, R6323-11-2)",
                        format_date(filing)
                    ),
                );
                let latest = deadlines::plus_months(
                    end,
                    ctx.params
                        .count(key::PTP_PRECAIRE_TRAINING_START_MONTHS, end),
                );
                if let Some(start) = f.training.start {
                    need(
                        start <= latest,
                        &format!(
                            "Entrée en formation au plus tard le {} (6 mois après le dernier contrat, R6323-11-2)",
                            format_date(latest)
                        ),
                    );
                }
            }
            let at = f.training.start.unwrap_or(ctx.today);
            for rule in ptp_eligibility(case, at, ctx.params) {
                match rule.outcome {
                    RuleOutcome::Unmet => unmet.push(rule.explanation),
                    RuleOutcome::Unknown => {
                        unmet.push(format!("{} : {}", rule.rule, rule.explanation));
                    }
                    RuleOutcome::Met | RuleOutcome::Exempt => {}
                }
            }
        }
        Step::DemissionDossier => {
            need(
                case.situation.contract == Some(ContractKind::Cdi),
                "La démission-reconversion est réservée aux salariés en CDI",
            );
            // Resigning without the condition means no unemployment benefit, and cannot be
            // undone: an unknown figure blocks as an unmet one does.
            if case.situation.contract == Some(ContractKind::Cdi) {
                for rule in demission_eligibility(case, ctx.today, ctx.params) {
                    if matches!(rule.outcome, RuleOutcome::Unmet | RuleOutcome::Unknown) {
                        unmet.push(rule.explanation);
                    }
                }
            }
        }
        Step::DemissionDemissionne => need(
            f.resigned_on.is_some(),
            "Date de la démission à renseigner (formation et étapes du parcours)",
        ),
        Step::DemissionInscritFt => need(
            f.france_travail_registered_on.is_some(),
            "Date d’inscription à France Travail à renseigner",
        ),
        Step::DemissionRecours => need(
            f.demission_recours_filed_on.is_some(),
            "Date du recours gracieux à renseigner",
        ),
        Step::Mediation if from == Step::PtpRecours => {
            // An unanswered recours opens the mediation once its answer delay has passed.
            match f.recours_filed_on {
                None => need(false, "Date du recours à renseigner"),
                Some(filed) => {
                    let due = deadlines::plus_months(
                        filed,
                        ctx.params.count(key::RECOURS_ANSWER_MONTHS, filed),
                    );
                    need(
                        ctx.today > due,
                        &format!(
                            "Recours sans réponse : la médiation est possible après le {} (2 mois sans réponse)",
                            format_date(due)
                        ),
                    );
                }
            }
        }
        Step::RetraitAbandon => {
            if let Some(reason) = ctx.reason {
                need(
                    !reason.trim().is_empty(),
                    "Motif du retrait ou de l’abandon à indiquer (retrait par la personne, changement de projet, sans nouvelles…)",
                );
            }
        }
        Step::TranscoEligibilite => {
            need(
                ctx.today <= transco_end(),
                "Transitions collectives : dispositif remplacé par la période de reconversion depuis le 1er janvier 2026",
            );
            need(
                case.situation.flags.metier_fragilise.set,
                "Métier fragilisé non établi (accord GEPP ou décision de l’employeur)",
            );
        }
        Step::OpcoDemande => {
            need(
                case.situation.employer.opco.is_some(),
                "OPCO de l’employeur non renseigné",
            );
            let reform = transco_end();
            match f.opco_scheme {
                None => need(
                    false,
                    "Dispositif OPCO non choisi (plan de développement, Pro-A, période de reconversion, FNE)",
                ),
                Some(OpcoScheme::ProA) => need(
                    ctx.today <= reform,
                    "Pro-A : remplacée par la période de reconversion pour les demandes déposées depuis le 1er janvier 2026",
                ),
                Some(OpcoScheme::PeriodeReconversion) => need(
                    ctx.today > reform,
                    "Période de reconversion : ouverte aux demandes à partir du 1er janvier 2026 (Pro-A avant)",
                ),
                Some(OpcoScheme::PlanDeveloppement | OpcoScheme::FneFormation) => {}
            }
            need(
                f.training.start.is_some_and(|s| s > ctx.today),
                "La demande à l’OPCO se dépose avant l’entrée en formation : renseignez une date d’entrée à venir",
            );
        }
        Step::VaeRecevabilite => {
            need(
                !case.project.target_certification.is_empty(),
                "Certification ou bloc visé manquant",
            );
        }
        Step::EnFormation if from == Step::PtpAccord || from == Step::PtpAccordPartiel => {
            need(
                f.training.start.is_some(),
                "Date d’entrée en formation manquante",
            );
            if let (Some(ContractKind::Cdd), Some(end), Some(start)) = (
                case.situation.contract,
                case.situation.contract_end,
                f.training.start,
            ) {
                let latest = deadlines::plus_months(
                    end,
                    ctx.params.count(key::CDD_TRAINING_START_MONTHS, end),
                );
                need(
                    start <= latest,
                    &format!(
                        "CDD : l’entrée en formation doit intervenir au plus tard le {} (6 mois après la fin du contrat)",
                        format_date(latest)
                    ),
                );
            }
        }
        Step::EnFormation => need(
            f.training.start.is_some(),
            "Date d’entrée en formation manquante",
        ),
        _ => {}
    }
    let items = checklist(to, case, ctx.documents);
    for kind in missing(&items) {
        unmet.push(format!("{} manquant", kind.label()));
    }
    unmet
}

/// Why a recorded log cannot be replayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayError {
    pub index: usize,
    pub message: String,
}

/// Rebuilds the current step from the log: every transition must start where the previous one
/// ended and be allowed by the table.
pub fn replay(log: &[Transition]) -> Result<Step, ReplayError> {
    let mut current = Step::Accueil;
    for (index, t) in log.iter().enumerate() {
        if t.from != current {
            return Err(ReplayError {
                index,
                message: format!("part de {} au lieu de {}", t.from.code(), current.code()),
            });
        }
        if !t.from.allows(t.to) {
            return Err(ReplayError {
                index,
                message: format!("{} → {} non prévu", t.from.code(), t.to.code()),
            });
        }
        current = t.to;
    }
    Ok(current)
}

#[cfg(test)]
mod tests;
