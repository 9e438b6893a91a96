//! Interviews and documents as the app records them: the case must exist, a document's file is
//! kept before its row is written (and removed again if the write fails), and the case's
//! checklist is refreshed in the same transaction.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::{CaseId, Document, DocumentKind, Interview, NewInterview};
use passerelle_domain::ids::DocumentId;
use rusqlite::Connection;

use crate::derived;
use crate::documents;
use crate::error::StorageError;
use crate::tables::{case_file, document, interview};

pub use crate::tables::document::{StoredDocument, held};

/// A case's interviews, most recent first.
pub use crate::tables::interview::for_case as interviews;

/// A case's documents, most recently received first.
pub use crate::tables::document::for_case as documents;

fn ensure_case(conn: &Connection, case_id: CaseId) -> Result<(), StorageError> {
    if case_file::exists(conn, case_id)? {
        Ok(())
    } else {
        Err(case_file::not_found(case_id))
    }
}

/// Records a validated interview (see `NewInterview::validated`).
pub fn add_interview(
    conn: &mut Connection,
    actor: &str,
    case_id: CaseId,
    new: &NewInterview,
    at: DateTime<Utc>,
) -> Result<Interview, StorageError> {
    // The same check as the form's, whoever calls.
    let new = new.clone().validated(crate::today_for(at))?;
    let (Some(held_on), Some(kind), Some(minutes)) = (new.held_on, new.kind, new.duration_minutes)
    else {
        return Err(StorageError::Internal("entretien validé incomplet".into()));
    };
    let tx = conn.transaction()?;
    ensure_case(&tx, case_id)?;
    let row = interview::NewRow {
        held_on,
        kind,
        minutes,
        summary: &new.summary,
    };
    let interview = interview::insert(&tx, actor, case_id, &row, at)?;
    tx.commit()?;
    Ok(interview)
}

/// Keeps a sealed copy of the file as `documents/<sha256>` and returns its hash, for bulk
/// loading where one file is shared by many rows (see
/// [`import_histories`](crate::parcours::import_histories)).
pub fn store_content(
    conn: &Connection,
    documents_dir: &Path,
    content: &[u8],
) -> Result<String, StorageError> {
    Ok(documents::store(conn, documents_dir, content)?.sha256)
}

/// Checks a document (name, size, date), keeps a copy of its file and records it, with its
/// journal entry and the case's refreshed checklist, in one transaction.
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
    let stored = documents::store(conn, documents_dir, content)?;
    let doc = StoredDocument {
        kind,
        file_name: file_name.trim().to_owned(),
        sha256: stored.sha256.clone(),
        size_bytes: content.len() as u64,
        received_on,
    };
    let recorded = (|| {
        let tx = conn.transaction()?;
        let document = document::insert(&tx, actor, case_id, &doc, at)?;
        derived::refresh(&tx, case_id)?;
        tx.commit()?;
        Ok(document)
    })();
    if recorded.is_err() {
        // Nothing refers to a file written for a transaction that failed.
        stored.discard();
    }
    recorded
}

/// Marks a received document as checked (« validé ») or not; journaled, checklist refreshed.
pub fn set_document_validated(
    conn: &mut Connection,
    actor: &str,
    id: DocumentId,
    validated: bool,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let tx = conn.transaction()?;
    let case_id = document::set_validated(&tx, actor, id, validated, at)?;
    derived::refresh(&tx, case_id)?;
    tx.commit()?;
    Ok(())
}
