//! Interviews and documents of a case file, journaled like the case itself.

use std::path::Path;

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use passerelle_domain::case::{
    CaseId, Document, DocumentKind, Interview, InterviewKind, NewInterview,
};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::StorageError;
use crate::codes::{code, decode};
use crate::journal::{self, Record, sha256_hex};

fn date(text: String) -> rusqlite::Result<NaiveDate> {
    text.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn ensure_case(conn: &Connection, case_id: CaseId) -> Result<(), StorageError> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM case_file WHERE id = ?1)",
        [case_id],
        |r| r.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(StorageError::NotFound {
            entity: "Dossier",
            id: case_id.to_string(),
        })
    }
}

fn interview_hash(
    case_id: CaseId,
    held_on: &str,
    kind: &str,
    minutes: u16,
    summary: &str,
) -> String {
    sha256_hex(&[
        &case_id.to_string(),
        held_on,
        kind,
        &minutes.to_string(),
        summary,
    ])
}

/// Records a validated interview (see `NewInterview::validated`).
pub fn add_interview(
    conn: &mut Connection,
    actor: &str,
    case_id: CaseId,
    interview: &NewInterview,
    at: DateTime<Utc>,
) -> Result<Interview, StorageError> {
    let (Some(held_on), Some(kind), Some(minutes)) = (
        interview.held_on,
        interview.kind,
        interview.duration_minutes,
    ) else {
        return Err(StorageError::Json("interview not validated".into()));
    };
    let now = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let tx = conn.transaction()?;
    ensure_case(&tx, case_id)?;
    let held = held_on.to_string();
    tx.execute(
        "INSERT INTO interview (case_id, held_on, kind, duration_minutes, summary, counsellor, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![case_id, held, code(kind), minutes, interview.summary, actor, now],
    )?;
    let id = tx.last_insert_rowid();
    let after = json!({"caseId": case_id, "heldOn": held, "kind": code(kind),
                       "durationMinutes": minutes, "summary": interview.summary});
    journal::append(
        &tx,
        &Record {
            at: &now,
            actor,
            entity: "interview",
            entity_id: id,
            action: "create",
            changes: &journal::diff(&Value::Null, &after),
            row_hash: &interview_hash(case_id, &held, &code(kind), minutes, &interview.summary),
        },
    )?;
    tx.commit()?;
    Ok(Interview {
        id,
        case_id,
        held_on,
        kind,
        duration_minutes: minutes,
        summary: interview.summary.clone(),
        counsellor: actor.to_owned(),
    })
}

/// A case's interviews, most recent first.
pub fn interviews(conn: &Connection, case_id: CaseId) -> Result<Vec<Interview>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, held_on, kind, duration_minutes, summary, counsellor FROM interview
         WHERE case_id = ?1 ORDER BY held_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok(Interview {
            id: r.get(0)?,
            case_id,
            held_on: date(r.get(1)?)?,
            kind: decode::<InterviewKind>(r.get(2)?)?,
            duration_minutes: r.get(3)?,
            summary: r.get(4)?,
            counsellor: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn document_hash(
    case_id: CaseId,
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

pub use crate::files::document_path;

/// Keeps a copy of the content as `documents/<sha256>` (see [`crate::files::store_document`]);
/// returns the hash. For bulk loading, where the file is shared by many rows.
pub fn store_content(documents_dir: &Path, content: &[u8]) -> Result<String, StorageError> {
    Ok(crate::files::store_document(documents_dir, content)?.sha256)
}

/// A document already stored by [`store_content`], to record.
#[derive(Debug, Clone)]
pub struct StoredDocument {
    pub kind: DocumentKind,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: u64,
    pub received_on: NaiveDate,
}

/// Records a stored document and journals it, in the caller's transaction.
pub(crate) fn insert_document(
    tx: &Transaction<'_>,
    actor: &str,
    case_id: CaseId,
    doc: &StoredDocument,
    at: DateTime<Utc>,
) -> Result<Document, StorageError> {
    let now = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let received = doc.received_on.to_string();
    let kind_code = code(doc.kind);
    tx.execute(
        "INSERT INTO document (case_id, kind, file_name, sha256, size_bytes, received_on, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            case_id,
            kind_code,
            doc.file_name,
            doc.sha256,
            doc.size_bytes as i64,
            received,
            now
        ],
    )?;
    let id = tx.last_insert_rowid();
    let after = json!({"caseId": case_id, "kind": kind_code, "fileName": doc.file_name,
                       "sha256": doc.sha256, "receivedOn": received});
    journal::append(
        tx,
        &Record {
            at: &now,
            actor,
            entity: "document",
            entity_id: id,
            action: "create",
            changes: &journal::diff(&Value::Null, &after),
            row_hash: &document_hash(
                case_id,
                &kind_code,
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

/// Keeps a copy of the file and records it (one transaction with its journal entry and the
/// case's refreshed checklist).
#[allow(clippy::too_many_arguments)]
pub fn add_document(
    conn: &mut Connection,
    actor: &str,
    case_id: CaseId,
    kind: DocumentKind,
    file_name: &str,
    content: &[u8],
    received_on: NaiveDate,
    documents_dir: &Path,
    at: DateTime<Utc>,
) -> Result<Document, StorageError> {
    passerelle_domain::case::check_document(
        file_name,
        content.len() as u64,
        received_on,
        crate::today_for(at),
    )?;
    ensure_case(conn, case_id)?;
    let stored = crate::files::store_document(documents_dir, content)?;
    let doc = StoredDocument {
        kind,
        file_name: file_name.trim().to_owned(),
        sha256: stored.sha256.clone(),
        size_bytes: content.len() as u64,
        received_on,
    };
    let recorded = (|| {
        let tx = conn.transaction()?;
        let document = insert_document(&tx, actor, case_id, &doc, at)?;
        crate::parcours::refresh_derived(&tx, case_id)?;
        tx.commit()?;
        Ok(document)
    })();
    if recorded.is_err() {
        // Nothing refers to a file written for a transaction that failed.
        stored.discard();
    }
    recorded
}

/// A case's documents, most recently received first.
pub fn documents(conn: &Connection, case_id: CaseId) -> Result<Vec<Document>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, file_name, sha256, size_bytes, received_on, added_at, validated_at
         FROM document WHERE case_id = ?1 ORDER BY received_on DESC, id DESC",
    )?;
    let rows = stmt.query_map([case_id], |r| {
        Ok(Document {
            id: r.get(0)?,
            case_id,
            kind: decode::<DocumentKind>(r.get(1)?)?,
            file_name: r.get(2)?,
            sha256: r.get(3)?,
            size_bytes: r.get::<_, i64>(4)? as u64,
            received_on: date(r.get(5)?)?,
            added_at: r.get(6)?,
            validated_at: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Current row hashes, for `journal::verify`.
pub(crate) fn interview_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    let mut stmt = conn
        .prepare("SELECT id, case_id, held_on, kind, duration_minutes, summary FROM interview")?;
    let rows = stmt.query_map([], |r| {
        let (case_id, held, kind, minutes, summary): (i64, String, String, u16, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        Ok((
            r.get(0)?,
            interview_hash(case_id, &held, &kind, minutes, &summary),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub(crate) fn document_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    let mut stmt = conn.prepare(
        "SELECT id, case_id, kind, file_name, sha256, received_on, validated_at FROM document",
    )?;
    let rows = stmt.query_map([], |r| {
        let (case_id, kind, name, sha, received): (i64, String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        Ok((
            r.get(0)?,
            document_hash(
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

/// Document kinds the case holds, with their validation, for the parcours checklists.
pub fn held(
    conn: &Connection,
    case_id: CaseId,
) -> Result<Vec<passerelle_domain::parcours::Held>, StorageError> {
    let mut stmt = conn
        .prepare_cached("SELECT kind, validated_at IS NOT NULL FROM document WHERE case_id = ?1")?;
    let rows = stmt.query_map([case_id], |r| {
        Ok(passerelle_domain::parcours::Held {
            kind: decode(r.get(0)?)?,
            validated: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Marks a received document as checked (« validé ») or not; journaled.
pub fn set_document_validated(
    conn: &mut Connection,
    actor: &str,
    document_id: i64,
    validated: bool,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let now = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    let tx = conn.transaction()?;
    let row: Option<(CaseId, String, String, String, String, Option<String>)> = tx
        .query_row(
            "SELECT case_id, kind, file_name, sha256, received_on, validated_at FROM document WHERE id = ?1",
            [document_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    let Some((case_id, kind, name, sha, received, before)) = row else {
        return Err(StorageError::NotFound {
            entity: "Document",
            id: document_id.to_string(),
        });
    };
    let after = validated.then(|| now.clone());
    tx.execute(
        "UPDATE document SET validated_at = ?1 WHERE id = ?2",
        params![after, document_id],
    )?;
    journal::append(
        &tx,
        &Record {
            at: &now,
            actor,
            entity: "document",
            entity_id: document_id,
            action: "update",
            changes: &[journal::Change {
                field: "validatedAt".into(),
                before: before.map_or(Value::Null, Value::String),
                after: after.clone().map_or(Value::Null, Value::String),
            }],
            row_hash: &document_hash(case_id, &kind, &name, &sha, &received, after.as_deref()),
        },
    )?;
    crate::parcours::refresh_derived(&tx, case_id)?;
    tx.commit()?;
    Ok(())
}

/// Re-hashes every kept document file: a file changed or removed behind the app's back is
/// named with the document's last journal entry. Returns the number of files checked.
pub fn verify_files(
    conn: &Connection,
    documents_dir: &Path,
) -> Result<Result<u64, crate::journal::Broken>, StorageError> {
    let mut stmt = conn.prepare(
        "SELECT d.id, d.sha256, (SELECT max(j.id) FROM journal j
                                 WHERE j.entity = 'document' AND j.entity_id = d.id)
         FROM document d ORDER BY d.id",
    )?;
    let rows: Vec<(i64, String, Option<i64>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut checked = 0;
    let mut seen = std::collections::HashSet::new();
    for (id, sha, entry) in rows {
        let broken = |reason: &str| crate::journal::Broken {
            entry_id: entry.unwrap_or(0),
            entity: "document".into(),
            entity_id: id,
            reason: reason.to_owned(),
        };
        if !seen.insert(sha.clone()) {
            continue;
        }
        let Ok(content) = std::fs::read(document_path(documents_dir, &sha)) else {
            return Ok(Err(broken("le fichier du document est introuvable")));
        };
        let actual: String = Sha256::digest(&content)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if actual != sha {
            return Ok(Err(broken("le fichier du document a été modifié")));
        }
        checked += 1;
    }
    Ok(Ok(checked))
}
