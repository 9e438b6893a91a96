//! Case files and the reference lists of the case form (territories, counsellors).

use chrono::{Local, Utc};
use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::ipc::{CaseSaved, cmd};
use passerelle_storage::{cases, territory};
use tauri::State;

use super::{Args, Reply};
use crate::Db;

fn not_found(id: CaseId) -> AppError {
    AppError::NotFound {
        entity: "Dossier".into(),
        id: id.to_string(),
    }
}

#[tauri::command]
pub async fn territory_list(
    db: State<'_, Db>,
    args: Args<cmd::TerritoryList>,
) -> Reply<cmd::TerritoryList> {
    let _ = args;
    crate::shielded(|| db.with(|conn| territory::list(conn)))
}

/// Adds a territory to the list (reference data, journaled).
#[tauri::command]
pub async fn territory_add(
    db: State<'_, Db>,
    args: Args<cmd::TerritoryAdd>,
) -> Reply<cmd::TerritoryAdd> {
    crate::shielded(|| db.write(|conn, actor| territory::add(conn, actor, &args.label, Utc::now())))
}

/// Counsellors following active case files (the list's « Suivi par » filter).
#[tauri::command]
pub async fn counsellor_list(
    db: State<'_, Db>,
    args: Args<cmd::CounsellorList>,
) -> Reply<cmd::CounsellorList> {
    let _ = args;
    crate::shielded(|| db.with(|conn| cases::counsellors(conn)))
}

#[tauri::command]
pub async fn case_list(db: State<'_, Db>, args: Args<cmd::CaseList>) -> Reply<cmd::CaseList> {
    crate::shielded(|| db.with(|conn| cases::list(conn, &args.query)))
}

#[tauri::command]
pub async fn case_get(db: State<'_, Db>, args: Args<cmd::CaseGet>) -> Reply<cmd::CaseGet> {
    crate::shielded(|| {
        db.with(|conn| cases::get(conn, args.id))?
            .ok_or_else(|| not_found(args.id))
    })
}

/// Normalises the data and collects its warnings; the storage layer checks it again and
/// creates the case, its journal entry and its derived rows in one transaction.
#[tauri::command]
pub async fn case_create(db: State<'_, Db>, args: Args<cmd::CaseCreate>) -> Reply<cmd::CaseCreate> {
    crate::shielded(|| {
        let (data, warnings) = args.data.validated(Local::now().date_naive())?;
        let case = db.write(|conn, actor| cases::create(conn, actor, &data, Utc::now()))?;
        Ok(CaseSaved { case, warnings })
    })
}

#[tauri::command]
pub async fn case_update(db: State<'_, Db>, args: Args<cmd::CaseUpdate>) -> Reply<cmd::CaseUpdate> {
    crate::shielded(|| {
        let (data, warnings) = args.data.validated(Local::now().date_naive())?;
        let (case, _changes) =
            db.write(|conn, actor| cases::update(conn, actor, args.id, &data, Utc::now()))?;
        Ok(CaseSaved { case, warnings })
    })
}

#[tauri::command]
pub async fn case_set_archived(
    db: State<'_, Db>,
    args: Args<cmd::CaseSetArchived>,
) -> Reply<cmd::CaseSetArchived> {
    crate::shielded(|| {
        db.write(|conn, actor| cases::set_archived(conn, actor, args.id, args.archived, Utc::now()))
    })
}

/// The case's history, personal values masked.
#[tauri::command]
pub async fn case_journal(
    db: State<'_, Db>,
    args: Args<cmd::CaseJournal>,
) -> Reply<cmd::CaseJournal> {
    crate::shielded(|| db.with(|conn| cases::history(conn, args.id)))
}
