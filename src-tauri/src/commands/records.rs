use chrono::{Local, Utc};
use passerelle_domain::AppError;
use passerelle_domain::case::{CaseId, Document, Interview, NewInterview};
use passerelle_domain::ipc::{DOCUMENT_META_HEADER, DocumentMeta};
use passerelle_storage::records;
use tauri::State;

use crate::Db;

#[tauri::command]
pub async fn interview_list(
    db: State<'_, Db>,
    case_id: CaseId,
) -> Result<Vec<Interview>, AppError> {
    crate::shielded(|| db.with(|conn| records::interviews(conn, case_id)))
}

#[tauri::command]
pub async fn interview_add(
    db: State<'_, Db>,
    case_id: CaseId,
    interview: NewInterview,
) -> Result<Interview, AppError> {
    crate::shielded(|| {
        let interview = interview.validated(Local::now().date_naive())?;
        db.write(|conn, actor| records::add_interview(conn, actor, case_id, &interview, Utc::now()))
    })
}

#[tauri::command]
pub async fn document_list(db: State<'_, Db>, case_id: CaseId) -> Result<Vec<Document>, AppError> {
    crate::shielded(|| db.with(|conn| records::documents(conn, case_id)))
}

/// Keeps a document: its bytes are the request's raw body, its description the
/// [`DOCUMENT_META_HEADER`] header (see [`DocumentMeta`]). The storage layer checks it.
#[tauri::command]
pub async fn document_add(
    db: State<'_, Db>,
    request: tauri::ipc::Request<'_>,
) -> Result<Document, AppError> {
    crate::shielded(|| {
        let tauri::ipc::InvokeBody::Raw(content) = request.body() else {
            return Err(AppError::Ipc {
                message: "document_add : le fichier doit arriver en octets bruts".into(),
            });
        };
        let meta = request
            .headers()
            .get(DOCUMENT_META_HEADER)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| AppError::Ipc {
                message: format!("document_add : en-tête {DOCUMENT_META_HEADER} absent"),
            })?;
        let meta = DocumentMeta::from_header(meta)?;
        let dir = db.documents_dir();
        db.write(|conn, actor| {
            records::add_document(
                conn,
                actor,
                meta.case_id,
                meta.kind,
                &meta.file_name,
                content,
                meta.received_on,
                &dir,
                Utc::now(),
            )
        })
    })
}
