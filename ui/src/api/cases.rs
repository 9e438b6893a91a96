use passerelle_domain::AppError;
use passerelle_domain::case::{
    CaseData, CaseFile, CaseId, CasePage, CaseQuery, Document, Interview, NewInterview,
};
use passerelle_domain::ipc::{
    CaseCreateArgs, CaseIdArgs, CaseListArgs, CaseRecordsArgs, CaseSaved, CaseSetArchivedArgs,
    CaseUpdateArgs, DOCUMENT_META_HEADER, DocumentMeta, InterviewAddArgs, NoArgs, Territory,
    TerritoryAddArgs, command,
};
use passerelle_domain::journal::JournalEntry;

use crate::ipc::invoke;

pub async fn territories() -> Result<Vec<Territory>, AppError> {
    invoke(command::TERRITORY_LIST, &NoArgs {}).await
}

pub async fn list(query: CaseQuery) -> Result<CasePage, AppError> {
    invoke(command::CASE_LIST, &CaseListArgs { query }).await
}

pub async fn get(id: CaseId) -> Result<CaseFile, AppError> {
    invoke(command::CASE_GET, &CaseIdArgs { id }).await
}

/// Validated locally first (same rule as the shell): a form with errors costs no round trip.
pub async fn create(data: CaseData) -> Result<CaseSaved, AppError> {
    let (data, _) = data.validated(crate::today())?;
    invoke(command::CASE_CREATE, &CaseCreateArgs { data }).await
}

pub async fn update(id: CaseId, data: CaseData) -> Result<CaseSaved, AppError> {
    let (data, _) = data.validated(crate::today())?;
    invoke(command::CASE_UPDATE, &CaseUpdateArgs { id, data }).await
}

pub async fn set_archived(id: CaseId, archived: bool) -> Result<CaseFile, AppError> {
    invoke(
        command::CASE_SET_ARCHIVED,
        &CaseSetArchivedArgs { id, archived },
    )
    .await
}

pub async fn journal(id: CaseId) -> Result<Vec<JournalEntry>, AppError> {
    invoke(command::CASE_JOURNAL, &CaseIdArgs { id }).await
}

pub async fn interviews(case_id: CaseId) -> Result<Vec<Interview>, AppError> {
    invoke(command::INTERVIEW_LIST, &CaseRecordsArgs { case_id }).await
}

pub async fn add_interview(
    case_id: CaseId,
    interview: NewInterview,
) -> Result<Interview, AppError> {
    let interview = interview.validated(crate::today())?;
    invoke(
        command::INTERVIEW_ADD,
        &InterviewAddArgs { case_id, interview },
    )
    .await
}

pub async fn documents(case_id: CaseId) -> Result<Vec<Document>, AppError> {
    invoke(command::DOCUMENT_LIST, &CaseRecordsArgs { case_id }).await
}

pub async fn add_document(meta: DocumentMeta, content: &[u8]) -> Result<Document, AppError> {
    crate::ipc::invoke_bytes(
        command::DOCUMENT_ADD,
        content,
        (DOCUMENT_META_HEADER, &meta.to_header()),
    )
    .await
}

pub async fn add_territory(label: String) -> Result<Territory, AppError> {
    invoke(command::TERRITORY_ADD, &TerritoryAddArgs { label }).await
}

pub async fn counsellors() -> Result<Vec<String>, AppError> {
    invoke(command::COUNSELLOR_LIST, &NoArgs {}).await
}
