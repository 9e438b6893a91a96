//! Case files as the app writes them: validated (the domain's rules, a known territory), then
//! written with their journal entry and their derived rows (deadlines, missing documents), in
//! one transaction.

use chrono::{DateTime, Utc};
use passerelle_domain::case::{CaseData, CaseFile, CaseId};
use passerelle_domain::journal::JournalEntry;
use passerelle_domain::params::Parameters;
use passerelle_domain::parcours::Step;
use rusqlite::Connection;

use crate::derived;
use crate::error::StorageError;
use crate::journal::Change;
use crate::tables::{case_file, parameter, territory};

pub use crate::tables::case_file::{counsellors, get, list, step};

/// The storage layer's own check before any case write, whoever the caller: the domain's
/// validation (the form and the CLI ran it too) and a territory that exists.
fn ensure_valid(conn: &Connection, data: &CaseData, at: DateTime<Utc>) -> Result<(), StorageError> {
    // `at` may be in the past (demo data and imports of history are backdated): « today » for
    // the date ranges is the later of the two, so a date valid when written stays valid.
    let report = data.clone().check(crate::today_for(at));
    if !report.errors.is_empty() {
        return Err(StorageError::Invalid(report.errors));
    }
    territory::ensure_exists(conn, &data.beneficiary.territory)
}

/// Creates a case file from validated data (see `CaseData::validated`).
pub fn create(
    conn: &mut Connection,
    actor: &str,
    data: &CaseData,
    at: DateTime<Utc>,
) -> Result<CaseFile, StorageError> {
    let tx = conn.transaction()?;
    let file = insert(&tx, actor, data, at)?;
    tx.commit()?;
    Ok(file)
}

/// Creates many validated case files in one transaction: all or nothing (imports, demo data).
pub fn create_many(
    conn: &mut Connection,
    actor: &str,
    cases: &[CaseData],
    at: DateTime<Utc>,
    written: &mut dyn FnMut(usize),
) -> Result<Vec<CaseId>, StorageError> {
    let tx = conn.transaction()?;
    let params = parameter::load(&tx)?;
    let mut ids = Vec::with_capacity(cases.len());
    for data in cases {
        ids.push(insert_with(&tx, actor, data, at, &params)?.id);
        written(ids.len());
    }
    tx.commit()?;
    Ok(ids)
}

/// Checks and inserts one case with its derived rows, in the caller's transaction.
pub(crate) fn insert(
    tx: &Connection,
    actor: &str,
    data: &CaseData,
    at: DateTime<Utc>,
) -> Result<CaseFile, StorageError> {
    insert_with(tx, actor, data, at, &parameter::load(tx)?)
}

/// [`insert`] with the parameters already loaded (bulk writes load them once).
pub(crate) fn insert_with(
    tx: &Connection,
    actor: &str,
    data: &CaseData,
    at: DateTime<Utc>,
    params: &Parameters,
) -> Result<CaseFile, StorageError> {
    ensure_valid(tx, data, at)?;
    let file = case_file::insert(tx, actor, data, at)?;
    derived::write(tx, file.id, data, Step::Accueil, &[], params)?;
    Ok(file)
}

/// Replaces a case's data with validated data; journals the fields that changed. Returns the
/// case as stored and the changes (empty: nothing to save, nothing written).
pub fn update(
    conn: &mut Connection,
    actor: &str,
    id: CaseId,
    data: &CaseData,
    at: DateTime<Utc>,
) -> Result<(CaseFile, Vec<Change>), StorageError> {
    let tx = conn.transaction()?;
    let result = update_in(&tx, actor, id, data, at)?;
    tx.commit()?;
    Ok(result)
}

/// [`update`] inside the caller's transaction.
pub(crate) fn update_in(
    tx: &Connection,
    actor: &str,
    id: CaseId,
    data: &CaseData,
    at: DateTime<Utc>,
) -> Result<(CaseFile, Vec<Change>), StorageError> {
    let current = get(tx, id)?.ok_or_else(|| case_file::not_found(id))?;
    if current.data == *data {
        return Ok((current, Vec::new()));
    }
    refuse_purged(&current)?;
    ensure_valid(tx, data, at)?;
    let (file, changes) = case_file::update(tx, actor, current, data, at)?;
    if !changes.is_empty() {
        derived::refresh(tx, id)?;
    }
    Ok((file, changes))
}

/// A purged case keeps only what statistics need: it is never edited nor reopened again.
fn refuse_purged(case: &CaseFile) -> Result<(), StorageError> {
    match &case.purged_at {
        Some(at) => Err(StorageError::Conflict(format!(
            "le dossier {} a été expurgé le {} : il ne peut plus être modifié ni rouvert",
            case.reference,
            passerelle_domain::i18n::format_stamp_date(at)
        ))),
        None => Ok(()),
    }
}

/// Archives (`archive = true`) or restores a case file. Nothing is deleted.
pub fn set_archived(
    conn: &mut Connection,
    actor: &str,
    id: CaseId,
    archive: bool,
    at: DateTime<Utc>,
) -> Result<CaseFile, StorageError> {
    let tx = conn.transaction()?;
    let current = get(&tx, id)?.ok_or_else(|| case_file::not_found(id))?;
    if current.archived_at.is_some() == archive {
        return Ok(current);
    }
    refuse_purged(&current)?;
    let file = case_file::set_archived(&tx, actor, current, archive, at)?;
    derived::refresh(&tx, id)?;
    tx.commit()?;
    Ok(file)
}

/// A case's journal, oldest first, personal values masked (NIR, health…: see
/// `FieldChange::masked`) — what the Historique tab shows.
pub fn history(conn: &Connection, id: CaseId) -> Result<Vec<JournalEntry>, StorageError> {
    Ok(
        crate::journal::entries_for(conn, case_file::JOURNALED.entity, id)?
            .into_iter()
            .map(|e| JournalEntry {
                changes: e.changes.iter().map(|c| c.masked()).collect(),
                ..e
            })
            .collect(),
    )
}
