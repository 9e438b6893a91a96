//! What the Parcours tab and `passerelle parcours show` display for one case.

use serde::{Deserialize, Serialize};

use super::Transition;
use super::checklist::ChecklistItem;
use super::deadlines::{Deadline, PlanItem};
use super::eligibility::RuleResult;
use super::step::Step;
use crate::case::CaseId;

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
    pub eligibility_at: chrono::NaiveDate,
    /// Backward plan from the training start, when there is one.
    pub plan: Vec<PlanItem>,
}
