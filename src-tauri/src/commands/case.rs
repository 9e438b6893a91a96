use chrono::{Local, Utc};
use passerelle_domain::AppError;
use passerelle_domain::case::{CaseData, CaseFile, CaseId, CasePage, CaseQuery};
use passerelle_domain::ipc::{CaseSaved, Territory};
use passerelle_domain::journal::JournalEntry;
use passerelle_storage::{StorageError, cases, journal, territories};
use tauri::State;

use crate::Db;

fn not_found(id: CaseId) -> AppError {
    AppError::NotFound {
        entity: "Dossier".into(),
        id: id.to_string(),
    }
}

#[tauri::command]
pub async fn territory_list(db: State<'_, Db>) -> Result<Vec<Territory>, AppError> {
    crate::shielded(|| db.with(|conn| territories::list(conn)))
}

/// Adds a territory to the list (reference data, journaled).
#[tauri::command]
pub async fn territory_add(db: State<'_, Db>, label: String) -> Result<Territory, AppError> {
    crate::shielded(|| db.write(|conn, actor| territories::add(conn, actor, &label, Utc::now())))
}

/// Counsellors following active case files (the list's « Suivi par » filter).
#[tauri::command]
pub async fn counsellor_list(db: State<'_, Db>) -> Result<Vec<String>, AppError> {
    crate::shielded(|| db.with(|conn| cases::counsellors(conn)))
}

#[tauri::command]
pub async fn case_list(db: State<'_, Db>, query: CaseQuery) -> Result<CasePage, AppError> {
    crate::shielded(|| db.with(|conn| cases::list(conn, &query)))
}

#[tauri::command]
pub async fn case_get(db: State<'_, Db>, id: CaseId) -> Result<CaseFile, AppError> {
    crate::shielded(|| {
        db.with(|conn| cases::get(conn, id))?
            .ok_or_else(|| not_found(id))
    })
}

/// Validates (authoritative), then creates the case and its journal entry in one transaction.
#[tauri::command]
pub async fn case_create(db: State<'_, Db>, data: CaseData) -> Result<CaseSaved, AppError> {
    crate::shielded(|| {
        let (data, warnings) = data.validated(Local::now().date_naive())?;
        let case = db.write(|conn, actor| cases::create(conn, actor, &data, Utc::now()))?;
        Ok(CaseSaved { case, warnings })
    })
}

#[tauri::command]
pub async fn case_update(
    db: State<'_, Db>,
    id: CaseId,
    data: CaseData,
) -> Result<CaseSaved, AppError> {
    crate::shielded(|| {
        let (data, warnings) = data.validated(Local::now().date_naive())?;
        let (case, _changes) =
            db.write(|conn, actor| cases::update(conn, actor, id, &data, Utc::now()))?;
        Ok(CaseSaved { case, warnings })
    })
}

#[tauri::command]
pub async fn case_set_archived(
    db: State<'_, Db>,
    id: CaseId,
    archived: bool,
) -> Result<CaseFile, AppError> {
    crate::shielded(|| {
        db.write(|conn, actor| cases::set_archived(conn, actor, id, archived, Utc::now()))
    })
}

/// The case's history, personal values masked (the UI can ask for a case's full record
/// through the case itself).
#[tauri::command]
pub async fn case_journal(db: State<'_, Db>, id: CaseId) -> Result<Vec<JournalEntry>, AppError> {
    crate::shielded(|| {
        let entries = db.with(|conn| -> Result<_, StorageError> {
            journal::entries_for(conn, "case_file", id)
        })?;
        Ok(entries
            .into_iter()
            .map(|e| JournalEntry {
                changes: e.changes.iter().map(|c| c.masked()).collect(),
                ..e
            })
            .collect())
    })
}
