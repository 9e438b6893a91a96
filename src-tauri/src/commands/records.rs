use chrono::{Local, NaiveDate, Utc};
use passerelle_domain::AppError;
use passerelle_domain::case::{
    CaseId, Document, DocumentKind, Interview, MAX_DOCUMENT_BYTES, NewInterview,
};
use passerelle_storage::records;
use tauri::State;

use crate::Db;

#[tauri::command]
pub async fn interview_list(
    db: State<'_, Db>,
    case_id: CaseId,
) -> Result<Vec<Interview>, AppError> {
    db.with(|conn| records::interviews(conn, case_id))
}

#[tauri::command]
pub async fn interview_add(
    db: State<'_, Db>,
    case_id: CaseId,
    interview: NewInterview,
) -> Result<Interview, AppError> {
    let interview = interview.validated(Local::now().date_naive())?;
    db.write(|conn, actor| records::add_interview(conn, actor, case_id, &interview, Utc::now()))
}

#[tauri::command]
pub async fn document_list(db: State<'_, Db>, case_id: CaseId) -> Result<Vec<Document>, AppError> {
    db.with(|conn| records::documents(conn, case_id))
}

#[tauri::command]
pub async fn document_add(
    db: State<'_, Db>,
    case_id: CaseId,
    kind: DocumentKind,
    file_name: String,
    received_on: NaiveDate,
    content: Vec<u8>,
) -> Result<Document, AppError> {
    let file_name = file_name.trim().to_owned();
    if file_name.is_empty() || content.is_empty() {
        return Err(AppError::invalid(
            "file",
            "Fichier : choisissez un fichier non vide.",
        ));
    }
    if content.len() > MAX_DOCUMENT_BYTES {
        return Err(AppError::invalid(
            "file",
            "Fichier : 25 Mo au plus. Numérisez le document en résolution plus basse ou en PDF.",
        ));
    }
    if received_on > Local::now().date_naive() {
        return Err(AppError::invalid(
            "receivedOn",
            "Date de réception : elle est dans le futur.",
        ));
    }
    let dir = db.documents_dir();
    db.write(|conn, actor| {
        records::add_document(
            conn,
            actor,
            case_id,
            kind,
            &file_name,
            &content,
            received_on,
            &dir,
            Utc::now(),
        )
    })
}
