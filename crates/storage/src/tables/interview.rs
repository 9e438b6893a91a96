//! The `interview` table: a case's CEP interviews, journaled.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::{CaseId, Interview, InterviewKind};
use passerelle_domain::ids::InterviewId;
use rusqlite::{Connection, params};
use serde_json::{Value, json};

use crate::codes::{code, decode, parse_date};
use crate::error::StorageError;
use crate::journal::{self, Journaled, Write, sha256_hex, stamp};

pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "interview",
    row_hashes,
};

fn row_hash(case_id: i64, held_on: &str, kind: &str, minutes: u16, summary: &str) -> String {
    sha256_hex(&[
        &case_id.to_string(),
        held_on,
        kind,
        &minutes.to_string(),
        summary,
    ])
}

/// A validated interview to insert (the use case checked the case exists).
pub(crate) struct NewRow<'a> {
    pub held_on: NaiveDate,
    pub kind: InterviewKind,
    pub minutes: u16,
    pub summary: &'a str,
}

/// Inserts an interview with its journal entry, in the caller's transaction.
pub(crate) fn insert(
    tx: &Connection,
    actor: &str,
    case_id: CaseId,
    row: &NewRow<'_>,
    at: DateTime<Utc>,
) -> Result<Interview, StorageError> {
    let now = stamp(at);
    let held = row.held_on.to_string();
    let kind = code(row.kind);
    tx.execute(
        "INSERT INTO interview (case_id, held_on, kind, duration_minutes, summary, counsellor, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![case_id.0, held, kind, row.minutes, row.summary, actor, now],
    )?;
    let id = InterviewId(tx.last_insert_rowid());
    let after = json!({"caseId": case_id, "heldOn": held, "kind": kind,
                       "durationMinutes": row.minutes, "summary": row.summary});
    JOURNALED.append(
        tx,
        Write {
            at: &now,
            actor,
            entity_id: id.0,
            action: "create",
            changes: &journal::diff(&Value::Null, &after),
            row_hash: &row_hash(case_id.0, &held, &kind, row.minutes, row.summary),
        },
    )?;
    Ok(Interview {
        id,
        case_id,
        held_on: row.held_on,
        kind: row.kind,
        duration_minutes: row.minutes,
        summary: row.summary.to_owned(),
        counsellor: actor.to_owned(),
    })
}

/// Deletes a case's interviews (a purge); returns their ids, whose journal entries the caller
/// redacts.
pub(crate) fn delete_for_case(tx: &Connection, case_id: CaseId) -> Result<Vec<i64>, StorageError> {
    let ids: Vec<i64> = tx
        .prepare("SELECT id FROM interview WHERE case_id = ?1")?
        .query_map([case_id.0], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    tx.execute("DELETE FROM interview WHERE case_id = ?1", [case_id.0])?;
    Ok(ids)
}

/// A case's interviews, most recent first.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<Interview>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, held_on, kind, duration_minutes, summary, counsellor FROM interview
         WHERE case_id = ?1 ORDER BY held_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([case_id.0], |r| {
        Ok(Interview {
            id: InterviewId(r.get(0)?),
            case_id,
            held_on: parse_date(r.get(1)?)?,
            kind: decode::<InterviewKind>(r.get(2)?)?,
            duration_minutes: r.get(3)?,
            summary: r.get(4)?,
            counsellor: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    let mut stmt = conn
        .prepare("SELECT id, case_id, held_on, kind, duration_minutes, summary FROM interview")?;
    let rows = stmt.query_map([], |r| {
        let (case_id, held, kind, minutes, summary): (i64, String, String, u16, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        Ok((
            r.get(0)?,
            row_hash(case_id, &held, &kind, minutes, &summary),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
