//! The À faire view's shapes: what is due, what is missing, what sleeps.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::deadlines::DeadlineKind;
use super::step::Step;
use crate::case::{CaseData, CaseId, DocumentKind};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DueItem {
    pub case_id: CaseId,
    pub reference: String,
    pub name: String,
    pub kind: DeadlineKind,
    pub label: String,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingItem {
    pub case_id: CaseId,
    pub reference: String,
    pub name: String,
    /// The step the documents are needed for.
    pub step: Step,
    pub kinds: Vec<DocumentKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdleItem {
    pub case_id: CaseId,
    pub reference: String,
    pub name: String,
    pub step: Step,
    pub updated_at: String,
}

/// Whose À faire: one counsellor's cases, one territory's, both, or all (empty = any).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TodoFilter {
    /// As the case files record it (« Suivi par »).
    pub counsellor: String,
    /// A territory's code.
    pub territory: String,
}

/// The counsellor's day: overdue and upcoming deadlines, missing documents, idle cases.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TodoOverview {
    pub today: Option<NaiveDate>,
    pub overdue: Vec<DueItem>,
    pub upcoming: Vec<DueItem>,
    pub missing: Vec<MissingItem>,
    pub idle: Vec<IdleItem>,
    /// Counts before the lists were cut (a list shows at most 200 lines).
    pub overdue_total: u64,
    pub upcoming_total: u64,
    pub missing_total: u64,
    pub idle_total: u64,
}

/// The step whose checklist the case is working towards, when the path is clear.
pub fn checklist_target(step: Step, case: &CaseData) -> Option<Step> {
    match step {
        Step::PtpPositionnement if case.parcours.training.during_working_time => {
            Some(Step::PtpAutorisationAbsence)
        }
        Step::PtpPositionnement | Step::PtpAutorisationAbsence => Some(Step::PtpDossierDepose),
        Step::PtpRefusEmployeur => Some(Step::PtpAutorisationAbsence),
        Step::DemissionDossier => Some(Step::DemissionAttestee),
        Step::EnFormation => Some(Step::FormationTerminee),
        _ => None,
    }
}
