//! Matching: the ROME reference, a case's matches and skills, the people who fit a need, the
//! training offer, and the choice that fills a case's project.

use passerelle_domain::AppError;
use passerelle_domain::case::{CaseFile, CaseId};
use passerelle_domain::ipc::{CaseIdArgs, DiscloseArgs, NeedIdArgs, NoArgs, RomeSearchArgs, cmd};
use passerelle_domain::matching::{CaseMatches, CaseSkills, Choice, ChosenMatch, NeedCandidates};
use passerelle_domain::rome::{Appellation, ReferenceInUse};
use passerelle_domain::training::{SessionQuery, SessionRow};

use crate::ipc::call;

/// ROME job titles matching the words typed, best first.
pub async fn rome_search(text: String, limit: u32) -> Result<Vec<Appellation>, AppError> {
    call::<cmd::RomeSearch>(&RomeSearchArgs { text, limit }).await
}

pub async fn rome_in_use() -> Result<ReferenceInUse, AppError> {
    call::<cmd::RomeInUse>(&NoArgs {}).await
}

pub async fn case_matches(id: CaseId) -> Result<CaseMatches, AppError> {
    call::<cmd::CaseMatchesGet>(&CaseIdArgs { id }).await
}

pub async fn case_skills(id: CaseId) -> Result<CaseSkills, AppError> {
    call::<cmd::CaseSkillsGet>(&CaseIdArgs { id }).await
}

pub async fn need_candidates(id: i64) -> Result<NeedCandidates, AppError> {
    call::<cmd::NeedCandidatesGet>(&NeedIdArgs { id }).await
}

/// The person's name for a need (their consent is checked, the disclosure journaled).
pub async fn disclose(need_id: i64, case_id: CaseId) -> Result<String, AppError> {
    call::<cmd::CandidateDisclose>(&DiscloseArgs { need_id, case_id }).await
}

pub async fn training_search(query: SessionQuery) -> Result<Vec<SessionRow>, AppError> {
    call::<cmd::TrainingSearch>(&query).await
}

/// Fills the case's project from a match (and a session): the case as saved.
pub async fn choose(choice: Choice) -> Result<CaseFile, AppError> {
    call::<cmd::MatchChoose>(&choice).await
}

pub async fn chosen(id: CaseId) -> Result<Option<ChosenMatch>, AppError> {
    call::<cmd::MatchChosenGet>(&CaseIdArgs { id }).await
}
