//! The rows derived from a case (`case_deadline`, `case_missing_document`): rewritten whole by
//! the `derived` use case whenever their sources change, read by the À faire overview. Not journaled:
//! they are recomputed, never typed.

use passerelle_domain::case::{CaseId, DocumentKind};
use passerelle_domain::parcours::{Deadline, Step};
use rusqlite::{Connection, params};

use crate::codes::code;
use crate::error::StorageError;

/// Removes a case's derived rows (archived or missing case).
pub(crate) fn clear(tx: &Connection, case_id: CaseId) -> Result<(), StorageError> {
    tx.execute("DELETE FROM case_deadline WHERE case_id = ?1", [case_id.0])?;
    tx.execute(
        "DELETE FROM case_missing_document WHERE case_id = ?1",
        [case_id.0],
    )?;
    Ok(())
}

/// Replaces a case's derived rows: its deadlines, and the documents missing for `target`.
pub(crate) fn replace(
    tx: &Connection,
    case_id: CaseId,
    deadlines: &[Deadline],
    missing: Option<(Step, &[DocumentKind])>,
) -> Result<(), StorageError> {
    clear(tx, case_id)?;
    // The case's counsellor and territory ride along: the À faire of one of them reads these
    // rows alone.
    let mut insert = tx.prepare_cached(
        "INSERT OR REPLACE INTO case_deadline (case_id, kind, due, label, done, counsellor, territory)
         SELECT ?1, ?2, ?3, ?4, ?5, c.counsellor, coalesce(c.territory, '')
         FROM case_file c WHERE c.id = ?1",
    )?;
    for d in deadlines {
        insert.execute(params![
            case_id.0,
            code(d.kind),
            d.due.to_string(),
            d.label,
            d.done
        ])?;
    }
    if let Some((target, kinds)) = missing {
        let mut insert = tx.prepare_cached(
            "INSERT OR REPLACE INTO case_missing_document (case_id, step, kind, counsellor, territory)
             SELECT ?1, ?2, ?3, c.counsellor, coalesce(c.territory, '')
             FROM case_file c WHERE c.id = ?1",
        )?;
        for &kind in kinds {
            insert.execute(params![case_id.0, target.code(), code(kind)])?;
        }
    }
    Ok(())
}

/// The cases whose employer-answer deadline passed before `today` unanswered (tacit agreement).
pub(crate) fn unanswered_employer(
    conn: &Connection,
    today: &str,
) -> Result<Vec<(CaseId, String)>, StorageError> {
    Ok(conn
        .prepare(
            "SELECT case_id, due FROM case_deadline
             WHERE kind = 'employer_answer' AND done = 0 AND due < ?1",
        )?
        .query_map([today], |r| Ok((CaseId(r.get(0)?), r.get(1)?)))?
        .collect::<Result<_, _>>()?)
}
