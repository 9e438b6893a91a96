//! The `disclosure` table: a person's name given to an employer for a hiring need, journaled
//! like every write of personal data (who gave it, when, for which need).

use chrono::{DateTime, Utc};
use passerelle_domain::case::CaseId;
use rusqlite::{Connection, params};
use serde_json::{Value, json};

use crate::error::StorageError;
use crate::journal::{self, Journaled, Write, sha256_hex, stamp};

pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "disclosure",
    row_hashes,
};

fn row_hash(case_id: i64, need_id: i64, at: &str, by: &str) -> String {
    sha256_hex(&[&case_id.to_string(), &need_id.to_string(), at, by])
}

/// Records a disclosure with its journal entry, in the caller's transaction.
pub(crate) fn insert(
    tx: &Connection,
    actor: &str,
    case_id: CaseId,
    need_id: i64,
    at: DateTime<Utc>,
) -> Result<i64, StorageError> {
    let now = stamp(at);
    tx.execute(
        "INSERT INTO disclosure (case_id, need_id, disclosed_at, disclosed_by)
         VALUES (?1, ?2, ?3, ?4)",
        params![case_id.0, need_id, now, actor],
    )?;
    let id = tx.last_insert_rowid();
    let after = json!({"caseId": case_id, "needId": need_id});
    JOURNALED.append(
        tx,
        Write {
            at: &now,
            actor,
            entity_id: id,
            action: "create",
            changes: &journal::diff(&Value::Null, &after),
            row_hash: &row_hash(case_id.0, need_id, &now, actor),
        },
    )?;
    Ok(id)
}

fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    let mut stmt =
        conn.prepare("SELECT id, case_id, need_id, disclosed_at, disclosed_by FROM disclosure")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            row_hash(
                r.get(1)?,
                r.get(2)?,
                &r.get::<_, String>(3)?,
                &r.get::<_, String>(4)?,
            ),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
