//! The `parcours_transition` table: the log of a case's steps. The case's journal entry for a
//! transition is written by `case_file::set_step`; this log is what the timeline reads.

use passerelle_domain::case::CaseId;
use passerelle_domain::parcours::Transition;
use rusqlite::{Connection, params};

use crate::codes::decode;
use crate::error::StorageError;

/// Appends a transition to the log, in the caller's transaction.
pub(crate) fn insert(
    tx: &Connection,
    case_id: CaseId,
    transition: &Transition,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO parcours_transition (case_id, from_step, to_step, at, actor, reason, documents)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            case_id.0,
            transition.from.code(),
            transition.to.code(),
            transition.at,
            transition.actor,
            transition.reason,
            serde_json::to_string(&transition.documents).map_err(StorageError::json)?,
        ],
    )?;
    Ok(())
}

/// Blanks the reasons typed for a case's transitions (a purge: they may name people); the
/// steps and their dates stay.
pub(crate) fn blank_reasons(tx: &Connection, case_id: CaseId) -> Result<(), StorageError> {
    tx.execute(
        "UPDATE parcours_transition SET reason = '' WHERE case_id = ?1",
        [case_id.0],
    )?;
    Ok(())
}

/// The recorded transitions of a case, oldest first.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<Transition>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_step, to_step, at, actor, reason, documents FROM parcours_transition
         WHERE case_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([case_id.0], |r| {
        let documents: String = r.get(5)?;
        Ok(Transition {
            from: decode(r.get(0)?)?,
            to: decode(r.get(1)?)?,
            at: r.get(2)?,
            actor: r.get(3)?,
            reason: r.get(4)?,
            documents: serde_json::from_str(&documents).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    5,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
