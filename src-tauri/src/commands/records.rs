//! A case's interviews and documents.

use chrono::Utc;
use passerelle_domain::AppError;
use passerelle_domain::ipc::{DOCUMENT_META_HEADER, DocumentMeta, RawBodyMeta, cmd};
use passerelle_storage::records;
use tauri::State;

use super::{Args, Reply};
use crate::Db;

#[tauri::command]
pub async fn interview_list(
    db: State<'_, Db>,
    args: Args<cmd::InterviewList>,
) -> Reply<cmd::InterviewList> {
    crate::shielded(|| db.with(|conn| records::interviews(conn, args.case_id)))
}

/// Records an interview (checked by the storage layer).
#[tauri::command]
pub async fn interview_add(
    db: State<'_, Db>,
    args: Args<cmd::InterviewAdd>,
) -> Reply<cmd::InterviewAdd> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            records::add_interview(conn, actor, args.case_id, &args.interview, Utc::now())
        })
    })
}

#[tauri::command]
pub async fn document_list(
    db: State<'_, Db>,
    args: Args<cmd::DocumentList>,
) -> Reply<cmd::DocumentList> {
    crate::shielded(|| db.with(|conn| records::documents(conn, args.case_id)))
}

/// Keeps a document: its bytes are the request's raw body, its description the
/// [`DOCUMENT_META_HEADER`] header (see [`DocumentMeta`]). The storage layer checks it.
#[tauri::command]
pub async fn document_add(
    db: State<'_, Db>,
    request: tauri::ipc::Request<'_>,
) -> Reply<cmd::DocumentAdd> {
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
        let meta: Args<cmd::DocumentAdd> = DocumentMeta::from_header(meta)?;
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

#[tauri::command]
pub async fn document_validate(
    db: State<'_, Db>,
    args: Args<cmd::DocumentValidate>,
) -> Reply<cmd::DocumentValidate> {
    crate::shielded(|| {
        db.write(|conn, actor| {
            records::set_document_validated(
                conn,
                actor,
                args.document_id,
                args.validated,
                Utc::now(),
            )
        })
    })
}
