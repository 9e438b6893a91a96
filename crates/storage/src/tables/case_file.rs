//! The `case_file` table and its full-text index: rows written with their journal entry, read,
//! listed and searched. Validation and the derived rows are the use case's (the `cases` use case above).

use chrono::{DateTime, Utc};
use passerelle_domain::case::{
    CaseData, CaseFile, CaseId, CasePage, CaseQuery, CaseSort, CaseSummary, FlagFilter, MAX_PAGE,
    search_terms,
};
use passerelle_domain::parcours::{Step, Transition};
use passerelle_domain::text::fold_for_sort;
use passerelle_domain::validate::rome_label;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use serde_json::Value;

use crate::error::StorageError;
use crate::journal::{self, Change, Journaled, Write, sha256_hex, stamp};

/// Every write to a case file is journaled under this entity.
pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "case_file",
    row_hashes,
};

fn to_json(data: &CaseData) -> Result<String, StorageError> {
    serde_json::to_string(data).map_err(StorageError::json)
}

/// What the journal's row hash covers: everything the app writes in the row.
fn row_hash(
    reference: &str,
    counsellor: &str,
    status: &str,
    data: &str,
    archived_at: Option<&str>,
) -> String {
    sha256_hex(&[
        reference,
        counsellor,
        status,
        data,
        archived_at.unwrap_or(""),
    ])
}

fn sort_name(data: &CaseData) -> String {
    let b = &data.beneficiary;
    let surname = if b.usage_name.is_empty() {
        &b.birth_name
    } else {
        &b.usage_name
    };
    fold_for_sort(&format!("{surname} {}", b.first_names))
}

/// FTS token of the `state` column.
fn state_token(archived: bool) -> &'static str {
    if archived { "archive" } else { "actif" }
}

/// Rewrites the case's full-text row (names, employer, trades with their ROME labels, notes).
fn index(
    tx: &Connection,
    id: CaseId,
    reference: &str,
    data: &CaseData,
    archived: bool,
) -> Result<(), StorageError> {
    let b = &data.beneficiary;
    let s = &data.situation;
    let p = &data.project;
    let label = |code: &str| rome_label(code).unwrap_or_default();
    let names = format!(
        "{} {} {} {}",
        b.birth_name, b.usage_name, b.first_names, reference
    );
    let trades = format!(
        "{} {} {} {} {} {}",
        s.job_title,
        s.job_rome,
        label(&s.job_rome),
        p.target_rome,
        label(&p.target_rome),
        p.target_certification
    );
    let notes = format!("{} {} {}", p.motive, p.notes, b.commune);
    tx.execute("DELETE FROM case_search WHERE rowid = ?1", [id.0])?;
    tx.execute(
        "INSERT INTO case_search (rowid, names, employer, trades, notes, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            id.0,
            names,
            s.employer.name,
            trades,
            notes,
            state_token(archived)
        ],
    )?;
    Ok(())
}

/// Inserts a case (row, reference, index, journal entry) in the caller's transaction; the use
/// case validated it and writes its derived rows.
pub(crate) fn insert(
    tx: &Connection,
    actor: &str,
    data: &CaseData,
    at: DateTime<Utc>,
) -> Result<CaseFile, StorageError> {
    let now = stamp(at);
    let json = to_json(data)?;
    let status = "ACCUEIL";
    // The reference needs the id: insert with a placeholder unique per transaction, then set it.
    tx.execute(
        "INSERT INTO case_file (reference, counsellor, status, data, sort_name, created_at, updated_at)
         VALUES ('pending:' || (SELECT coalesce(max(id), 0) + 1 FROM case_file), ?1, ?2, ?3, ?4, ?5, ?5)",
        params![actor, status, json, sort_name(data), now],
    )?;
    let id = CaseId(tx.last_insert_rowid());
    let reference = format!("D-{}-{id:06}", &now[..4]);
    tx.execute(
        "UPDATE case_file SET reference = ?1 WHERE id = ?2",
        params![reference, id.0],
    )?;
    index(tx, id, &reference, data, false)?;
    let after = serde_json::to_value(data).map_err(StorageError::json)?;
    JOURNALED.append(
        tx,
        Write {
            at: &now,
            actor,
            entity_id: id.0,
            action: "create",
            changes: &journal::diff(&Value::Null, &after),
            row_hash: &row_hash(&reference, actor, status, &json, None),
        },
    )?;
    Ok(CaseFile {
        id,
        reference,
        counsellor: actor.to_owned(),
        data: data.clone(),
        created_at: now.clone(),
        updated_at: now,
        archived_at: None,
        purged_at: None,
    })
}

/// Replaces a case's data (row, index, journal entry with the fields that changed) in the
/// caller's transaction. Returns the case as stored and the changes (none: nothing written).
pub(crate) fn update(
    tx: &Connection,
    actor: &str,
    current: CaseFile,
    data: &CaseData,
    at: DateTime<Utc>,
) -> Result<(CaseFile, Vec<Change>), StorageError> {
    let before = serde_json::to_value(&current.data).map_err(StorageError::json)?;
    let after = serde_json::to_value(data).map_err(StorageError::json)?;
    let changes = journal::diff(&before, &after);
    if changes.is_empty() {
        return Ok((current, changes));
    }
    let id = current.id;
    let now = stamp(at);
    let json = to_json(data)?;
    let status: String =
        tx.query_row("SELECT status FROM case_file WHERE id = ?1", [id.0], |r| {
            r.get(0)
        })?;
    tx.execute(
        "UPDATE case_file SET data = ?1, sort_name = ?2, updated_at = ?3 WHERE id = ?4",
        params![json, sort_name(data), now, id.0],
    )?;
    index(
        tx,
        id,
        &current.reference,
        data,
        current.archived_at.is_some(),
    )?;
    JOURNALED.append(
        tx,
        Write {
            at: &now,
            actor,
            entity_id: id.0,
            action: "update",
            changes: &changes,
            row_hash: &row_hash(
                &current.reference,
                &current.counsellor,
                &status,
                &json,
                current.archived_at.as_deref(),
            ),
        },
    )?;
    let updated = CaseFile {
        data: data.clone(),
        updated_at: now,
        ..current
    };
    Ok((updated, changes))
}

/// Archives (`archive = true`) or restores a case in the caller's transaction; journaled.
pub(crate) fn set_archived(
    tx: &Connection,
    actor: &str,
    current: CaseFile,
    archive: bool,
    at: DateTime<Utc>,
) -> Result<CaseFile, StorageError> {
    let id = current.id;
    let now = stamp(at);
    let archived_at = archive.then(|| now.clone());
    tx.execute(
        "UPDATE case_file SET archived_at = ?1, updated_at = ?2 WHERE id = ?3",
        params![archived_at, now, id.0],
    )?;
    let (status, json): (String, String) = tx.query_row(
        "SELECT status, data FROM case_file WHERE id = ?1",
        [id.0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    index(tx, id, &current.reference, &current.data, archive)?;
    let changes = vec![Change {
        field: "archivedAt".into(),
        before: current
            .archived_at
            .clone()
            .map_or(Value::Null, Value::String),
        after: archived_at.clone().map_or(Value::Null, Value::String),
    }];
    JOURNALED.append(
        tx,
        Write {
            at: &now,
            actor,
            entity_id: id.0,
            action: if archive { "archive" } else { "restore" },
            changes: &changes,
            row_hash: &row_hash(
                &current.reference,
                &current.counsellor,
                &status,
                &json,
                archived_at.as_deref(),
            ),
        },
    )?;
    Ok(CaseFile {
        archived_at,
        updated_at: now,
        ..current
    })
}

/// Replaces a case's data by `skeleton` (what survives a purge: no personal data), removes it
/// from the search index and journals the purge without the values removed, in the caller's
/// transaction.
pub(crate) fn purge(
    tx: &Connection,
    actor: &str,
    current: &CaseFile,
    skeleton: &CaseData,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let id = current.id;
    let now = stamp(at);
    let json = to_json(skeleton)?;
    tx.execute(
        "UPDATE case_file SET data = ?1, sort_name = '', purged_at = ?2 WHERE id = ?3",
        params![json, now, id.0],
    )?;
    tx.execute("DELETE FROM case_search WHERE rowid = ?1", [id.0])?;
    // The matches chosen hold the person's distance from home and current trade.
    tx.execute("DELETE FROM match_choice WHERE case_id = ?1", [id.0])?;
    let changes = [Change {
        field: "purge".into(),
        before: Value::Null,
        after: Value::String(reason.to_owned()),
    }];
    JOURNALED.append(
        tx,
        Write {
            at: &now,
            actor,
            entity_id: id.0,
            // The journal's actions are fixed by its CHECK: a purge is an update whose one
            // change says so.
            action: "update",
            changes: &changes,
            row_hash: &current_row_hash(tx, id)?,
        },
    )
}

/// What the retention list reads of every case not purged yet: id, reference, archiving date,
/// last change, number of kept documents (one pass over the narrow columns and an index).
pub(crate) type RetentionRow = (CaseId, String, Option<String>, String, u32);

/// Merges the search index's segments into one, dropping the words of deleted rows (after a
/// purge; seconds on 100 000 case files).
pub(crate) fn merge_search_index(tx: &Connection) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO case_search (case_search) VALUES ('optimize')",
        [],
    )?;
    Ok(())
}

pub(crate) fn retention_rows(conn: &Connection) -> Result<Vec<RetentionRow>, StorageError> {
    Ok(conn
        .prepare(
            "SELECT c.id, c.reference, c.archived_at, c.updated_at,
                    (SELECT count(*) FROM document d WHERE d.case_id = c.id)
             FROM case_file c WHERE c.purged_at IS NULL ORDER BY c.id",
        )?
        .query_map([], |r| {
            Ok((
                CaseId(r.get(0)?),
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        })?
        .collect::<Result<_, _>>()?)
}

/// A case's names (birth, usage, first), read from the stored JSON without decoding it all.
pub(crate) fn names(
    conn: &Connection,
    id: CaseId,
) -> Result<(String, String, String), StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(data ->> '$.beneficiary.birthName', ''),
                    coalesce(data ->> '$.beneficiary.usageName', ''),
                    coalesce(data ->> '$.beneficiary.firstNames', '')
             FROM case_file WHERE id = ?1",
        )?
        .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// A case's current step (its `status` column).
pub fn step(conn: &Connection, case_id: CaseId) -> Result<Step, StorageError> {
    let status: Option<String> = conn
        .query_row(
            "SELECT status FROM case_file WHERE id = ?1",
            [case_id.0],
            |r| r.get(0),
        )
        .optional()?;
    let status = status.ok_or_else(|| not_found(case_id))?;
    Step::from_code(&status).ok_or_else(|| StorageError::Json(format!("étape inconnue {status}")))
}

/// Moves a case to `to` and journals it with what the transition carried (its documents and
/// reason), in the caller's transaction; the parcours records the transition row itself.
pub(crate) fn set_step(
    tx: &Connection,
    case_id: CaseId,
    transition: &Transition,
) -> Result<(), StorageError> {
    tx.execute(
        "UPDATE case_file SET status = ?1, updated_at = ?2 WHERE id = ?3",
        params![transition.to.code(), transition.at, case_id.0],
    )?;
    let mut changes = vec![Change {
        field: "status".into(),
        before: Value::String(transition.from.code()),
        after: Value::String(transition.to.code()),
    }];
    if !transition.documents.is_empty() {
        changes.push(Change {
            field: "documents".into(),
            before: Value::Null,
            after: serde_json::to_value(&transition.documents).map_err(StorageError::json)?,
        });
    }
    if !transition.reason.is_empty() {
        changes.push(Change {
            field: "reason".into(),
            before: Value::Null,
            after: Value::String(transition.reason.clone()),
        });
    }
    JOURNALED.append(
        tx,
        Write {
            at: &transition.at,
            actor: &transition.actor,
            entity_id: case_id.0,
            action: "update",
            changes: &changes,
            row_hash: &current_row_hash(tx, case_id)?,
        },
    )
}

/// The ids of the cases not archived (a parameter change refreshes their derived rows).
pub(crate) fn active_ids(conn: &Connection) -> Result<Vec<CaseId>, StorageError> {
    Ok(conn
        .prepare("SELECT id FROM case_file WHERE archived_at IS NULL")?
        .query_map([], |r| r.get(0).map(CaseId))?
        .collect::<Result<_, _>>()?)
}

/// Whether a case exists (archived or not).
pub(crate) fn exists(conn: &Connection, case_id: CaseId) -> Result<bool, StorageError> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM case_file WHERE id = ?1)",
        [case_id.0],
        |r| r.get(0),
    )?)
}

pub(crate) fn not_found(id: CaseId) -> StorageError {
    StorageError::NotFound {
        entity: "Dossier",
        id: id.to_string(),
    }
}

fn case_from_row(row: &Row<'_>) -> rusqlite::Result<(CaseFile, String)> {
    let json: String = row.get(3)?;
    Ok((
        CaseFile {
            id: CaseId(row.get(0)?),
            reference: row.get(1)?,
            counsellor: row.get(2)?,
            data: CaseData::default(),
            created_at: row.get(4)?,
            updated_at: row.get(5)?,
            archived_at: row.get(6)?,
            purged_at: row.get(7)?,
        },
        json,
    ))
}

const CASE_COLUMNS: &str =
    "id, reference, counsellor, data, created_at, updated_at, archived_at, purged_at";

fn get_in(conn: &Connection, id: CaseId) -> Result<Option<CaseFile>, StorageError> {
    let row = conn
        .prepare_cached(&format!(
            "SELECT {CASE_COLUMNS} FROM case_file WHERE id = ?1"
        ))?
        .query_row([id.0], case_from_row)
        .optional()?;
    row.map(|(mut file, json)| {
        file.data = serde_json::from_str(&json).map_err(StorageError::json)?;
        Ok(file)
    })
    .transpose()
}

/// One case file, archived or not.
pub fn get(conn: &Connection, id: CaseId) -> Result<Option<CaseFile>, StorageError> {
    get_in(conn, id)
}

pub(crate) fn summary(file: &CaseFile) -> CaseSummary {
    let d = &file.data;
    let job = match (
        d.situation.job_title.as_str(),
        rome_label(&d.situation.job_rome),
    ) {
        ("", Some(label)) => label.to_owned(),
        (title, _) => title.to_owned(),
    };
    CaseSummary {
        id: file.id,
        reference: file.reference.clone(),
        display_name: d.beneficiary.display_name(),
        territory: d.beneficiary.territory.clone(),
        employer: d.situation.employer.name.clone(),
        job,
        target: rome_label(&d.project.target_rome)
            .unwrap_or_default()
            .to_owned(),
        updated_at: file.updated_at.clone(),
        archived: file.archived_at.is_some(),
    }
}

/// The page for these ids, in their order (one lookup each: skipped rows are never read).
fn page(conn: &Connection, total: i64, ids: Vec<CaseId>) -> Result<CasePage, StorageError> {
    let mut items = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(file) = get_in(conn, id)? {
            items.push(summary(&file));
        }
    }
    Ok(CasePage {
        total: total as u64,
        items,
    })
}

/// The user's words for FTS5: each a quoted prefix, all required.
fn words(terms: &[String]) -> String {
    terms
        .iter()
        .map(|t| format!("\"{t}\"*"))
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// The FTS query: the words in the content columns (or in `columns`), active case files only
/// unless archived ones are asked for.
fn match_expression(terms: &[String], columns: &str, include_archived: bool) -> String {
    let content = format!("{{{columns}}} : ({})", words(terms));
    if include_archived {
        content
    } else {
        format!("{content} AND state : actif")
    }
}

const CONTENT: &str = "names employer trades notes";

/// Ranking: names weigh most, then employer, trades, notes.
const RANK: &str = "bm25(case_search, 10.0, 4.0, 2.0, 1.0, 0.0)";

/// Above this many matches, bm25 costs more than it tells (« mar » matches one case in ten):
/// matches on the name come first, then the others, newest first within each.
const BM25_MAX_MATCHES: i64 = 1_000;

fn fts_count(conn: &Connection, expr: &str) -> Result<i64, StorageError> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM case_search WHERE case_search MATCH ?1")?
        .query_row([expr], |r| r.get(0))?)
}

fn fts_ids(
    conn: &Connection,
    expr: &str,
    order: &str,
    limit: i64,
    offset: i64,
) -> Result<Vec<CaseId>, StorageError> {
    if limit <= 0 {
        return Ok(Vec::new());
    }
    Ok(conn
        .prepare_cached(&format!(
            "SELECT rowid FROM case_search WHERE case_search MATCH ?1 ORDER BY {order} LIMIT ?2 OFFSET ?3"
        ))?
        .query_map(params![expr, limit, offset], |r| r.get(0).map(CaseId))?
        .collect::<Result<_, _>>()?)
}

/// Words only, by relevance: answered by the full-text index alone (no join), then the page's
/// rows are read by id.
fn search_only(
    conn: &Connection,
    query: &CaseQuery,
    terms: &[String],
) -> Result<CasePage, StorageError> {
    let limit = i64::from(query.limit.clamp(1, MAX_PAGE));
    let offset = i64::from(query.offset);
    let all = match_expression(terms, CONTENT, query.include_archived);
    let total = fts_count(conn, &all)?;
    if total <= BM25_MAX_MATCHES {
        let ranked: Vec<(CaseId, f64)> = conn
            .prepare_cached(&format!(
                "SELECT rowid, {RANK} FROM case_search WHERE case_search MATCH ?1
                 ORDER BY {RANK}, rowid LIMIT ?2 OFFSET ?3"
            ))?
            .query_map(params![all, limit, offset], |r| {
                Ok((CaseId(r.get(0)?), r.get(1)?))
            })?
            .collect::<Result<_, _>>()?;
        let mut rows = Vec::with_capacity(ranked.len());
        for (id, rank) in ranked {
            if let Some(file) = get_in(conn, id)? {
                rows.push((rank, sort_name(&file.data), file));
            }
        }
        // Equally relevant matches read best in alphabetical order.
        rows.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
        let items = rows.iter().map(|(_, _, file)| summary(file)).collect();
        return Ok(CasePage {
            total: total as u64,
            items,
        });
    }
    let ids = {
        let names = match_expression(terms, "names", query.include_archived);
        let others = format!("({all}) NOT ({{names}} : ({}))", words(terms));
        let names_total = fts_count(conn, &names)?;
        let mut ids = Vec::new();
        if offset < names_total {
            ids = fts_ids(conn, &names, "rowid DESC", limit, offset)?;
        }
        let rest = limit - ids.len() as i64;
        ids.extend(fts_ids(
            conn,
            &others,
            "rowid DESC",
            rest,
            (offset - names_total).max(0),
        )?);
        ids
    };
    page(conn, total, ids)
}

/// A page of case files matching the query, and the total number of matches.
pub fn list(conn: &Connection, query: &CaseQuery) -> Result<CasePage, StorageError> {
    let terms = search_terms(&query.text);
    let limit = query.limit.clamp(1, MAX_PAGE);
    let has_filters = query.flag.is_some()
        || [&query.territory, &query.status, &query.counsellor]
            .iter()
            .any(|v| v.as_ref().is_some_and(|v| !v.is_empty()));

    if !terms.is_empty() && !has_filters && query.sort == CaseSort::Name {
        return search_only(conn, query, &terms);
    }

    let mut from = String::from("case_file c");
    let mut conditions: Vec<String> = Vec::new();
    let mut args: Vec<SqlValue> = Vec::new();
    if !terms.is_empty() {
        from = "case_search s JOIN case_file c ON c.id = s.rowid".into();
        conditions.push("case_search MATCH ?".into());
        args.push(SqlValue::Text(match_expression(
            &terms,
            CONTENT,
            query.include_archived,
        )));
    }
    if !query.include_archived {
        conditions.push("c.archived_at IS NULL".into());
    }
    for (column, value) in [
        ("c.territory", &query.territory),
        ("c.status", &query.status),
        ("c.counsellor", &query.counsellor),
    ] {
        if let Some(value) = value.as_ref().filter(|v| !v.is_empty()) {
            conditions.push(format!("{column} = ?"));
            args.push(SqlValue::Text(value.clone()));
        }
    }
    if let Some(flag) = query.flag {
        conditions.push(
            match flag {
                FlagFilter::MetierFragilise => "c.flag_fragilise = 1",
                FlagFilter::Oeth => "c.flag_oeth = 1",
                FlagFilter::Inaptitude => "c.flag_inaptitude = 1",
                FlagFilter::LongAbsence => "c.flag_absence = 1",
            }
            .into(),
        );
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let total: i64 = conn
        .prepare_cached(&format!("SELECT count(*) FROM {from} {filter}"))?
        .query_row(params_from_iter(args.iter()), |r| r.get(0))?;

    let order = match (terms.is_empty(), query.sort) {
        (false, CaseSort::Name) => format!("{RANK}, c.sort_name, c.id"),
        (_, CaseSort::Name) => "c.sort_name, c.id".to_owned(),
        (_, CaseSort::RecentlyUpdated) => "c.updated_at DESC, c.id".to_owned(),
        (_, CaseSort::Reference) => "c.id".to_owned(),
    };
    // Ids first (index-only where possible), then the 50 rows: skipped rows are never read.
    let ids: Vec<CaseId> = conn
        .prepare_cached(&format!(
            "SELECT c.id FROM {from} {filter} ORDER BY {order} LIMIT {limit} OFFSET {}",
            query.offset
        ))?
        .query_map(params_from_iter(args.iter()), |r| r.get(0).map(CaseId))?
        .collect::<Result<_, _>>()?;
    page(conn, total, ids)
}

/// Counsellors who follow active case files, for the list's filter.
pub fn counsellors(conn: &Connection) -> Result<Vec<String>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT counsellor FROM case_file WHERE archived_at IS NULL ORDER BY counsellor",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The row hash of one case as it is now (after a write in the same transaction).
pub(crate) fn current_row_hash(conn: &Connection, id: CaseId) -> Result<String, StorageError> {
    Ok(conn.query_row(
        "SELECT reference, counsellor, status, data, archived_at FROM case_file WHERE id = ?1",
        [id.0],
        |r| {
            let (reference, counsellor, status, data): (String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let archived: Option<String> = r.get(4)?;
            Ok(row_hash(
                &reference,
                &counsellor,
                &status,
                &data,
                archived.as_deref(),
            ))
        },
    )?)
}

/// Current row hash of every case file, for `journal::verify`.
pub(crate) fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    let mut stmt =
        conn.prepare("SELECT id, reference, counsellor, status, data, archived_at FROM case_file")?;
    let rows = stmt.query_map([], |r| {
        let (reference, counsellor, status, data): (String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let archived: Option<String> = r.get(5)?;
        Ok((
            r.get(0)?,
            row_hash(&reference, &counsellor, &status, &data, archived.as_deref()),
        ))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
