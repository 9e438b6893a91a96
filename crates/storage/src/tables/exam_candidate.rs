//! The `session_candidate` table: an enrolment registered at an exam session, and its result
//! once judged. Journaled as `session_candidate`.

use chrono::{DateTime, Utc};
use passerelle_domain::certification::{ExamOutcome, ExamResult};
use passerelle_domain::ids::{CaseId, EnrolmentId, ExamSessionId};
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use crate::codes::{code, decode};
use crate::error::StorageError;
use crate::journal::{self, Change, Journaled, Write, sha256_hex, stamp};
use crate::names::NAME_COLUMNS;

pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "session_candidate",
    row_hashes,
};

fn row_hash(conn: &Connection, id: i64) -> Result<String, StorageError> {
    let text: String = conn.query_row(
        "SELECT session_id || '|' || enrolment_id || '|' || coalesce(outcome, '')
         || '|' || validated_blocs FROM session_candidate WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(sha256_hex(&[&text]))
}

fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    journal::hashes_by_id(conn, "SELECT id FROM session_candidate", row_hash)
}

fn append(
    tx: &Connection,
    actor: &str,
    id: i64,
    action: &str,
    changes: &[Change],
    now: &str,
) -> Result<(), StorageError> {
    JOURNALED.append(
        tx,
        Write {
            at: now,
            actor,
            entity_id: id,
            action,
            changes,
            row_hash: &row_hash(tx, id)?,
        },
    )
}

/// Registers an enrolment at a session, with its result when already known (imported
/// history). Returns `false`, writing nothing, when it is registered there already.
pub(crate) fn insert(
    tx: &Connection,
    actor: &str,
    session: ExamSessionId,
    enrolment: EnrolmentId,
    result: Option<&ExamResult>,
    at: DateTime<Utc>,
) -> Result<bool, StorageError> {
    let now = stamp(at);
    let (outcome, blocs) = match result {
        Some(r) => (
            Some(code(r.outcome)),
            serde_json::to_string(&r.validated_blocs).map_err(StorageError::json)?,
        ),
        None => (None, "[]".to_owned()),
    };
    let inserted = tx.execute(
        "INSERT INTO session_candidate (session_id, enrolment_id, registered_at, outcome, validated_blocs, result_at)
         VALUES (?1, ?2, ?3, ?4, ?5, CASE WHEN ?4 IS NULL THEN NULL ELSE ?3 END)
         ON CONFLICT (session_id, enrolment_id) DO NOTHING",
        params![session.0, enrolment.0, now, outcome, blocs],
    )?;
    if inserted == 0 {
        return Ok(false);
    }
    let id = tx.last_insert_rowid();
    let mut after = json!({"session": session, "enrolment": enrolment});
    if let Some(outcome) = outcome {
        after["outcome"] = Value::String(outcome);
    }
    append(
        tx,
        actor,
        id,
        "create",
        &journal::diff(&Value::Null, &after),
        &now,
    )?;
    Ok(true)
}

/// A registration's row id and recorded outcome, if the enrolment is registered.
pub(crate) fn registration(
    conn: &Connection,
    session: ExamSessionId,
    enrolment: EnrolmentId,
) -> Result<Option<(i64, Option<String>)>, StorageError> {
    Ok(conn
        .query_row(
            "SELECT id, outcome FROM session_candidate WHERE session_id = ?1 AND enrolment_id = ?2",
            params![session.0, enrolment.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Records a registration's result (`row`: from [`registration`]) with its journal entry.
pub(crate) fn set_result(
    tx: &Connection,
    actor: &str,
    row: i64,
    outcome: ExamOutcome,
    validated_blocs: &[String],
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let now = stamp(at);
    let blocs_json = serde_json::to_string(validated_blocs).map_err(StorageError::json)?;
    tx.execute(
        "UPDATE session_candidate SET outcome = ?1, validated_blocs = ?2, result_at = ?3 WHERE id = ?4",
        params![code(outcome), blocs_json, now, row],
    )?;
    let mut changes = vec![Change {
        field: "outcome".into(),
        before: Value::Null,
        after: Value::String(code(outcome)),
    }];
    if !validated_blocs.is_empty() {
        changes.push(Change {
            field: "validatedBlocs".into(),
            before: Value::Null,
            after: json!(validated_blocs),
        });
    }
    append(tx, actor, row, "update", &changes, &now)
}

/// A candidate's result at a session, once recorded.
pub(crate) fn result(
    conn: &Connection,
    session: ExamSessionId,
    enrolment: EnrolmentId,
) -> Result<Option<ExamResult>, StorageError> {
    let row: Option<(Option<String>, String)> = conn
        .prepare_cached(
            "SELECT outcome, validated_blocs FROM session_candidate
             WHERE session_id = ?1 AND enrolment_id = ?2",
        )?
        .query_row(params![session.0, enrolment.0], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((Some(outcome), blocs)) = row else {
        return Ok(None);
    };
    Ok(Some(ExamResult {
        outcome: decode(outcome)?,
        validated_blocs: serde_json::from_str(&blocs).map_err(StorageError::json)?,
    }))
}

/// A registered candidate as the session page lists it (before its blocs are read).
pub(crate) struct Registered {
    pub enrolment_id: EnrolmentId,
    pub case_id: CaseId,
    pub reference: String,
    pub birth_name: String,
    pub usage_name: String,
    pub first_names: String,
    pub territory: String,
}

/// The candidates registered at a session.
pub(crate) fn registered(
    conn: &Connection,
    session: ExamSessionId,
) -> Result<Vec<Registered>, StorageError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT sc.enrolment_id, e.case_id, {NAME_COLUMNS}, coalesce(t.label, c.territory, '')
             FROM session_candidate sc JOIN enrolment e ON e.id = sc.enrolment_id
             JOIN case_file c ON c.id = e.case_id LEFT JOIN territory t ON t.code = c.territory
             WHERE sc.session_id = ?1"
        ))?
        .query_map([session.0], |r| {
            Ok(Registered {
                enrolment_id: EnrolmentId(r.get(0)?),
                case_id: CaseId(r.get(1)?),
                reference: r.get(2)?,
                birth_name: r.get(3)?,
                usage_name: r.get(4)?,
                first_names: r.get(5)?,
                territory: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}
