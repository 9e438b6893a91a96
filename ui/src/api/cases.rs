use passerelle_domain::AppError;
use passerelle_domain::case::{
    CaseData, CaseFile, CaseId, CasePage, CaseQuery, Document, Interview, NewInterview,
};
use passerelle_domain::ipc::{
    CaseCreateArgs, CaseIdArgs, CaseListArgs, CaseRecordsArgs, CaseSaved, CaseSetArchivedArgs,
    CaseUpdateArgs, DOCUMENT_META_HEADER, DocumentMeta, InterviewAddArgs, NoArgs, RawBodyMeta,
    Territory, TerritoryAddArgs, cmd,
};
use passerelle_domain::journal::JournalEntry;

use crate::ipc::{call, invoke_bytes};

pub async fn territories() -> Result<Vec<Territory>, AppError> {
    call::<cmd::TerritoryList>(&NoArgs {}).await
}

pub async fn add_territory(label: String) -> Result<Territory, AppError> {
    call::<cmd::TerritoryAdd>(&TerritoryAddArgs { label }).await
}

pub async fn counsellors() -> Result<Vec<String>, AppError> {
    call::<cmd::CounsellorList>(&NoArgs {}).await
}

pub async fn list(query: CaseQuery) -> Result<CasePage, AppError> {
    call::<cmd::CaseList>(&CaseListArgs { query }).await
}

pub async fn get(id: CaseId) -> Result<CaseFile, AppError> {
    call::<cmd::CaseGet>(&CaseIdArgs { id }).await
}

/// Validated locally first (same rule as the shell): a form with errors costs no round trip.
pub async fn create(data: CaseData) -> Result<CaseSaved, AppError> {
    let (data, _) = data.validated(crate::today())?;
    call::<cmd::CaseCreate>(&CaseCreateArgs { data }).await
}

pub async fn update(id: CaseId, data: CaseData) -> Result<CaseSaved, AppError> {
    let (data, _) = data.validated(crate::today())?;
    call::<cmd::CaseUpdate>(&CaseUpdateArgs { id, data }).await
}

pub async fn set_archived(id: CaseId, archived: bool) -> Result<CaseFile, AppError> {
    call::<cmd::CaseSetArchived>(&CaseSetArchivedArgs { id, archived }).await
}

pub async fn journal(id: CaseId) -> Result<Vec<JournalEntry>, AppError> {
    call::<cmd::CaseJournal>(&CaseIdArgs { id }).await
}

pub async fn interviews(case_id: CaseId) -> Result<Vec<Interview>, AppError> {
    call::<cmd::InterviewList>(&CaseRecordsArgs { case_id }).await
}

pub async fn add_interview(
    case_id: CaseId,
    interview: NewInterview,
) -> Result<Interview, AppError> {
    let interview = interview.validated(crate::today())?;
    call::<cmd::InterviewAdd>(&InterviewAddArgs { case_id, interview }).await
}

pub async fn documents(case_id: CaseId) -> Result<Vec<Document>, AppError> {
    call::<cmd::DocumentList>(&CaseRecordsArgs { case_id }).await
}

/// The one command without an `args` object: the bytes are the body, `meta` the header.
pub async fn add_document(meta: DocumentMeta, content: &[u8]) -> Result<Document, AppError> {
    invoke_bytes::<cmd::DocumentAdd>(content, (DOCUMENT_META_HEADER, &meta.to_header())).await
}
