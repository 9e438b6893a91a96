//! The `export_record` table: what left the app for a committee — a dossier or a meeting pack,
//! full or pseudonymised, for whom, with the SHA-256 of its content. Journaled.

use chrono::{DateTime, Utc};
use passerelle_domain::case::CaseId;
use passerelle_domain::committee::MeetingId;
use rusqlite::{Connection, params};
use serde_json::{Value, json};

use crate::error::StorageError;
use crate::journal::{self, Journaled, Write, sha256_hex, stamp};

pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "export_record",
    row_hashes,
};

fn row_hash(
    kind: &str,
    case: Option<i64>,
    meeting: Option<i64>,
    pseudonymised: bool,
    recipients: &str,
    content: &str,
) -> String {
    sha256_hex(&[
        kind,
        &case.map(|c| c.to_string()).unwrap_or_default(),
        &meeting.map(|m| m.to_string()).unwrap_or_default(),
        if pseudonymised { "1" } else { "0" },
        recipients,
        content,
    ])
}

fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, case_id, meeting_id, pseudonymised, recipients, content_hash FROM export_record",
    )?;
    let rows = stmt.query_map([], |r| {
        let (kind, case, meeting, pseudonymised, recipients, content): (
            String,
            Option<i64>,
            Option<i64>,
            bool,
            String,
            String,
        ) = (
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        );
        Ok((
            r.get(0)?,
            row_hash(&kind, case, meeting, pseudonymised, &recipients, &content),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// An export to record.
pub(crate) struct ExportRow<'a> {
    /// `dossier` or `pack`.
    pub kind: &'static str,
    pub case_id: Option<CaseId>,
    pub meeting_id: Option<MeetingId>,
    pub pseudonymised: bool,
    pub recipients: &'a [String],
    pub content_hash: &'a str,
}

pub(crate) fn insert(
    tx: &Connection,
    actor: &str,
    row: &ExportRow<'_>,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let now = stamp(at);
    let recipients = row.recipients.join(" ; ");
    let (case, meeting) = (row.case_id.map(|c| c.0), row.meeting_id.map(|m| m.0));
    tx.execute(
        "INSERT INTO export_record (at, actor, kind, case_id, meeting_id, pseudonymised, recipients, content_hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![now, actor, row.kind, case, meeting, row.pseudonymised, recipients, row.content_hash],
    )?;
    let id = tx.last_insert_rowid();
    let after = json!({"kind": row.kind, "caseId": case, "meetingId": meeting,
                       "pseudonymised": row.pseudonymised, "recipients": recipients,
                       "contentHash": row.content_hash});
    JOURNALED.append(
        tx,
        Write {
            at: &now,
            actor,
            entity_id: id,
            action: "create",
            changes: &journal::diff(&Value::Null, &after),
            row_hash: &row_hash(
                row.kind,
                case,
                meeting,
                row.pseudonymised,
                &recipients,
                row.content_hash,
            ),
        },
    )
}

/// The exports of a case (an access request lists them), oldest first: when, what, for whom.
pub(crate) fn for_case(
    conn: &Connection,
    case_id: CaseId,
) -> Result<Vec<(String, String, bool, String)>, StorageError> {
    Ok(conn
        .prepare(
            "SELECT at, kind, pseudonymised, recipients FROM export_record
             WHERE case_id = ?1 OR meeting_id IN (SELECT session_id FROM session_dossier WHERE case_id = ?1)
             ORDER BY id",
        )?
        .query_map([case_id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?)
}
