//! The `document` table: what a case holds (the file itself is kept by `crate::files`),
//! journaled, with its validation.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::{CaseId, Document, DocumentKind};
use passerelle_domain::ids::DocumentId;
use passerelle_domain::parcours::Held;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use crate::codes::{code, decode, parse_date};
use crate::error::StorageError;
use crate::journal::{self, Change, Journaled, Write, sha256_hex, stamp};

pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "document",
    row_hashes,
};

fn row_hash(
    case_id: i64,
    kind: &str,
    name: &str,
    sha: &str,
    received: &str,
    validated_at: Option<&str>,
) -> String {
    sha256_hex(&[
        &case_id.to_string(),
        kind,
        name,
        sha,
        received,
        validated_at.unwrap_or(""),
    ])
}

/// A document whose file is already kept (see `crate::files::store_document`), to record.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    pub kind: DocumentKind,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: u64,
    pub received_on: NaiveDate,
}

/// Records a kept document with its journal entry, in the caller's transaction.
pub(crate) fn insert(
    tx: &Connection,
    actor: &str,
    case_id: CaseId,
    doc: &StoredDocument,
    at: DateTime<Utc>,
) -> Result<Document, StorageError> {
    let now = stamp(at);
    let received = doc.received_on.to_string();
    let kind = code(doc.kind);
    tx.execute(
        "INSERT INTO document (case_id, kind, file_name, sha256, size_bytes, received_on, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            case_id.0,
            kind,
            doc.file_name,
            doc.sha256,
            doc.size_bytes as i64,
            received,
            now
        ],
    )?;
    let id = DocumentId(tx.last_insert_rowid());
    let after = json!({"caseId": case_id, "kind": kind, "fileName": doc.file_name,
                       "sha256": doc.sha256, "receivedOn": received});
    JOURNALED.append(
        tx,
        Write {
            at: &now,
            actor,
            entity_id: id.0,
            action: "create",
            changes: &journal::diff(&Value::Null, &after),
            row_hash: &row_hash(
                case_id.0,
                &kind,
                &doc.file_name,
                &doc.sha256,
                &received,
                None,
            ),
        },
    )?;
    Ok(Document {
        id,
        case_id,
        kind: doc.kind,
        file_name: doc.file_name.clone(),
        sha256: doc.sha256.clone(),
        size_bytes: doc.size_bytes,
        received_on: doc.received_on,
        added_at: now,
        validated_at: None,
    })
}

/// Marks a document checked (« validé ») or not, with its journal entry, in the caller's
/// transaction. Returns the document's case.
pub(crate) fn set_validated(
    tx: &Connection,
    actor: &str,
    id: DocumentId,
    validated: bool,
    at: DateTime<Utc>,
) -> Result<CaseId, StorageError> {
    let now = stamp(at);
    let row: Option<(i64, String, String, String, String, Option<String>)> = tx
        .query_row(
            "SELECT case_id, kind, file_name, sha256, received_on, validated_at
             FROM document WHERE id = ?1",
            [id.0],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((case_id, kind, name, sha, received, before)) = row else {
        return Err(StorageError::NotFound {
            entity: "Document",
            id: id.to_string(),
        });
    };
    let after = validated.then(|| now.clone());
    tx.execute(
        "UPDATE document SET validated_at = ?1 WHERE id = ?2",
        params![after, id.0],
    )?;
    JOURNALED.append(
        tx,
        Write {
            at: &now,
            actor,
            entity_id: id.0,
            action: "update",
            changes: &[Change {
                field: "validatedAt".into(),
                before: before.map_or(Value::Null, Value::String),
                after: after.clone().map_or(Value::Null, Value::String),
            }],
            row_hash: &row_hash(case_id, &kind, &name, &sha, &received, after.as_deref()),
        },
    )?;
    Ok(CaseId(case_id))
}

/// Deletes a case's document rows (a purge); returns their ids (whose journal entries the
/// caller redacts) and the files no other document refers to (to remove once committed).
pub(crate) fn delete_for_case(
    tx: &Connection,
    case_id: CaseId,
) -> Result<(Vec<i64>, Vec<String>), StorageError> {
    let rows: Vec<(i64, String)> = tx
        .prepare("SELECT id, sha256 FROM document WHERE case_id = ?1")?
        .query_map([case_id.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    tx.execute("DELETE FROM document WHERE case_id = ?1", [case_id.0])?;
    let mut orphans = Vec::new();
    let mut in_use =
        tx.prepare_cached("SELECT EXISTS (SELECT 1 FROM document WHERE sha256 = ?1)")?;
    for (_, sha) in &rows {
        if !in_use.query_row([sha], |r| r.get::<_, bool>(0))? && !orphans.contains(sha) {
            orphans.push(sha.clone());
        }
    }
    Ok((rows.into_iter().map(|(id, _)| id).collect(), orphans))
}

/// How many documents a case keeps.
pub(crate) fn count_for_case(conn: &Connection, case_id: CaseId) -> Result<u32, StorageError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM document WHERE case_id = ?1",
        [case_id.0],
        |r| r.get(0),
    )?)
}

/// A case's documents, most recently received first.
pub fn for_case(conn: &Connection, case_id: CaseId) -> Result<Vec<Document>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, file_name, sha256, size_bytes, received_on, added_at, validated_at
         FROM document WHERE case_id = ?1 ORDER BY received_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([case_id.0], |r| {
        Ok(Document {
            id: DocumentId(r.get(0)?),
            case_id,
            kind: decode::<DocumentKind>(r.get(1)?)?,
            file_name: r.get(2)?,
            sha256: r.get(3)?,
            size_bytes: r.get::<_, i64>(4)? as u64,
            received_on: parse_date(r.get(5)?)?,
            added_at: r.get(6)?,
            validated_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Document kinds the case holds, with their validation, for the parcours checklists.
pub fn held(conn: &Connection, case_id: CaseId) -> Result<Vec<Held>, StorageError> {
    let mut stmt = conn
        .prepare_cached("SELECT kind, validated_at IS NOT NULL FROM document WHERE case_id = ?1")?;
    let rows = stmt.query_map([case_id.0], |r| {
        Ok(Held {
            kind: decode(r.get(0)?)?,
            validated: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The hash of every kept file (the names of the files the documents directory must keep).
pub(crate) fn stored_hashes(
    conn: &Connection,
) -> Result<std::collections::HashSet<String>, StorageError> {
    Ok(conn
        .prepare("SELECT DISTINCT sha256 FROM document")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Every kept file's hash once, with the document naming it and that document's last journal
/// entry (for the integrity module's file check).
pub(crate) fn kept_files(
    conn: &Connection,
) -> Result<Vec<(i64, String, Option<i64>)>, StorageError> {
    let mut stmt = conn.prepare(
        "SELECT d.id, d.sha256, (SELECT max(j.id) FROM journal j
                                 WHERE j.entity = 'document' AND j.entity_id = d.id)
         FROM document d ORDER BY d.id",
    )?;
    let rows: Vec<(i64, String, Option<i64>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut seen = std::collections::HashSet::new();
    Ok(rows
        .into_iter()
        .filter(|(_, sha, _)| seen.insert(sha.clone()))
        .collect())
}

fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    let mut stmt = conn.prepare(
        "SELECT id, case_id, kind, file_name, sha256, received_on, validated_at FROM document",
    )?;
    let rows = stmt.query_map([], |r| {
        let (case_id, kind, name, sha, received): (i64, String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        Ok((
            r.get(0)?,
            row_hash(
                case_id,
                &kind,
                &name,
                &sha,
                &received,
                r.get::<_, Option<String>>(6)?.as_deref(),
            ),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
