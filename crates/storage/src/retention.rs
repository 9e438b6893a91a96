//! Retention and erasure: the « À purger » list (what the dated retention rules make due), and
//! the purge itself — the one path for an expired case and for an erasure request. A purge
//! removes a case's personal data (its JSON down to a skeleton, interviews, documents and their
//! files, search entry, typed reasons) and redacts the journal's values for it, keeping the
//! chain verifiable; the case's row, step, territory and dates stay, so counts survive.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::{CaseData, CaseId};
use passerelle_domain::retention::{
    self as rules, PurgeReport, PurgeScope as Scope, RetentionItem, RetentionKind,
};
use rusqlite::Connection;

use crate::error::StorageError;
use crate::files::document_path;
use crate::journal::{self, stamp};
use crate::names::display_name;
use crate::tables::{case_file, document, interview, parameter, transition};

fn date_of(stamp: &str) -> Option<NaiveDate> {
    stamp.get(..10).and_then(|d| d.parse().ok())
}

/// What is due on `today`, oldest first.
pub fn list(conn: &Connection, today: NaiveDate) -> Result<Vec<RetentionItem>, StorageError> {
    let params = parameter::load(conn)?;
    let mut out = Vec::new();
    for (id, reference, archived_at, updated_at, documents) in case_file::retention_rows(conn)? {
        let archived = archived_at.as_deref().and_then(date_of);
        let Some(last) = date_of(&updated_at) else {
            continue;
        };
        let Some((kind, due_on, reason)) = rules::due(archived, last, documents, today, &params)
        else {
            continue;
        };
        let (birth, usage, first) = case_file::names(conn, id)?;
        let name = display_name(&birth, &usage, &first);
        out.push(RetentionItem {
            case_id: id,
            reference,
            name,
            kind,
            since: archived.unwrap_or(last),
            due_on,
            reason,
        });
    }
    out.sort_by_key(|i| (i.due_on, i.case_id));
    Ok(out)
}

/// What survives a purge of the whole case: nothing that names or describes the person; the
/// territory, contract kind and funding amounts stay for statistics.
fn skeleton(data: &CaseData) -> CaseData {
    let mut s = CaseData::default();
    s.beneficiary.territory = data.beneficiary.territory.clone();
    s.situation.contract = data.situation.contract;
    s.parcours.funding = data
        .parcours
        .funding
        .iter()
        .map(|l| passerelle_domain::parcours::FundingLine {
            covers: String::new(),
            ..l.clone()
        })
        .collect();
    s
}

/// Purges a case's personal data (see the module), or only its documents. An erasure asked
/// before the retention ran out is refused while something obliges to keep the data (RGPD
/// art. 17.3), with the reasons. The counsellor confirms before (never silent); `reason` is
/// recorded in the journal.
#[allow(clippy::too_many_arguments)]
pub fn purge(
    conn: &mut Connection,
    actor: &str,
    id: CaseId,
    scope: Scope,
    reason: &str,
    documents_dir: &Path,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<PurgeReport, StorageError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StorageError::rule(
            "reason",
            "Motif : obligatoire (ex. « durée de conservation écoulée », « demande d’effacement du 12 mars 2026 »).",
        ));
    }
    let tx = conn.transaction()?;
    let current = case_file::get(&tx, id)?.ok_or_else(|| case_file::not_found(id))?;
    if tx.query_row(
        "SELECT purged_at IS NOT NULL FROM case_file WHERE id = ?1",
        [id.0],
        |r| r.get::<_, bool>(0),
    )? {
        return Err(StorageError::Conflict(format!(
            "le dossier {} est déjà expurgé",
            current.reference
        )));
    }
    let params = parameter::load(&tx)?;
    let archived = current.archived_at.as_deref().and_then(date_of);
    let last = date_of(&current.updated_at).unwrap_or(today);
    let documents = document::count_for_case(&tx, id)?;
    let due = rules::due(archived, last, documents, today, &params);
    let expired = matches!(
        (scope, due),
        (Scope::Case, Some((RetentionKind::Case, ..)))
            | (
                Scope::Documents,
                Some((RetentionKind::Case | RetentionKind::Documents, ..))
            )
    );
    if !expired {
        let obstacles = rules::erasure_obstacles(
            case_file::step(&tx, id)?,
            &current.data,
            archived,
            today,
            &params,
        );
        if !obstacles.is_empty() {
            return Err(StorageError::Blocked {
                step: "EFFACEMENT".into(),
                unmet: obstacles,
            });
        }
    }
    let now = stamp(at);
    let mut report = PurgeReport::default();
    let mut redact = Vec::new();
    let (document_ids, orphan_files) = document::delete_for_case(&tx, id)?;
    report.documents = document_ids.len() as u32;
    redact.extend(journal::entry_ids(
        &tx,
        document::JOURNALED.entity,
        &document_ids,
    )?);
    if scope == Scope::Case {
        let interview_ids = interview::delete_for_case(&tx, id)?;
        report.interviews = interview_ids.len() as u32;
        redact.extend(journal::entry_ids(
            &tx,
            interview::JOURNALED.entity,
            &interview_ids,
        )?);
        redact.extend(journal::entry_ids(
            &tx,
            case_file::JOURNALED.entity,
            &[id.0],
        )?);
        transition::blank_reasons(&tx, id)?;
        case_file::purge(&tx, actor, &current, &skeleton(&current.data), reason, at)?;
    }
    report.entries_redacted = journal::redact(&tx, &redact, &now, reason)?;
    crate::derived::refresh(&tx, id)?;
    if scope == Scope::Case {
        // A deleted row's words stay in the search index's segments until they are merged.
        case_file::merge_search_index(&tx)?;
    }
    tx.commit()?;
    // Old page images stay in the WAL until a checkpoint: write them back (secure_delete
    // zeroed the freed space) and empty it. Best effort: a reader still open delays it to the
    // next checkpoint, which SQLite runs on its own.
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    // The files go once nothing refers to them any more.
    for sha in orphan_files {
        if std::fs::remove_file(document_path(documents_dir, &sha)).is_ok() {
            report.files += 1;
        }
    }
    report.files += sweep_orphan_files(conn, documents_dir)?;
    Ok(report)
}

/// How old a kept file named by no document must be before it is deleted: a document being
/// added (by this app or another process) has its file written just before its row commits.
const ORPHAN_GRACE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Deletes the document files no document names any more — left by a write whose transaction
/// failed after its file was written — once older than an hour. Returns how many went. Run
/// after a purge and when the app unlocks.
pub fn sweep_orphan_files(conn: &Connection, documents_dir: &Path) -> Result<u32, StorageError> {
    let Ok(entries) = std::fs::read_dir(documents_dir) else {
        return Ok(0);
    };
    let named = document::stored_hashes(conn)?;
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        // Only our own files: 64 lowercase hex digits (temporary `.part` files are not ours
        // to judge).
        let ours = name.len() == 64
            && name
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > ORPHAN_GRACE));
        if ours && old && !named.contains(&name) && std::fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    Ok(removed)
}
