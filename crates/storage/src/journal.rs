//! The tamper-evident journal: one entry per write, hash-chained, written in the writer's
//! transaction (see the `journal` table in migration 0001).
//!
//! This module knows entries and the chain, nothing of the tables: each journaled table
//! declares itself with a [`Journaled`] (its entity name and how to hash its rows), and
//! the integrity module holds the list of them and checks every row against its last entry.

use std::collections::HashMap;

use passerelle_domain::journal::{FieldChange, JournalEntry};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::StorageError;

/// `prev_hash` of the first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Hex SHA-256 of the parts, each followed by a unit separator so that boundaries count.
pub(crate) fn sha256_hex(parts: &[&str]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0x1f]);
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `(id, row hash)` of every row `ids_sql` selects, hashed by `row_hash` — what `verify`
/// compares with the journal for entities whose hash spans several rows or a query.
pub(crate) fn hashes_by_id(
    conn: &Connection,
    ids_sql: &str,
    row_hash: impl Fn(&Connection, i64) -> Result<String, StorageError>,
) -> Result<Vec<(i64, String)>, StorageError> {
    let ids: Vec<i64> = conn
        .prepare(ids_sql)?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter()
        .map(|id| Ok((id, row_hash(conn, id)?)))
        .collect()
}

/// The timestamp written in entries and rows: UTC, to the second.
pub(crate) fn stamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `(row id, row hash)` of every row of a table, as it is now.
pub(crate) type RowHashes = fn(&Connection) -> Result<Vec<(i64, String)>, StorageError>;

/// A table whose every write is journaled: the entity name its entries carry, and the hash of
/// each of its rows as they are now (what `verify` compares with the last entry of each row).
pub(crate) struct Journaled {
    pub entity: &'static str,
    pub row_hashes: RowHashes,
}

/// One write to journal, for [`Journaled::append`].
pub(crate) struct Write<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub entity_id: i64,
    pub action: &'a str,
    pub changes: &'a [Change],
    pub row_hash: &'a str,
}

impl Journaled {
    /// Appends the entry of a write to this table; call inside the write's transaction.
    pub(crate) fn append(&self, tx: &Connection, w: Write<'_>) -> Result<(), StorageError> {
        append(
            tx,
            &Record {
                at: w.at,
                actor: w.actor,
                entity: self.entity,
                entity_id: w.entity_id,
                action: w.action,
                changes: w.changes,
                row_hash: w.row_hash,
            },
        )
    }
}

/// A field's value before and after, as JSON (what is stored).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub before: Value,
    pub after: Value,
}

/// What one write did, to be journaled.
struct Record<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub entity: &'a str,
    pub entity_id: i64,
    pub action: &'a str,
    pub changes: &'a [Change],
    pub row_hash: &'a str,
}

/// How an entry's hash is computed. Entries are authenticated with HMAC-SHA256 under a key
/// derived from the data key (`Keyed`), so recomputing the chain needs the key; databases from
/// before encryption used plain SHA-256 (`Legacy`), read once when they are migrated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chain {
    Keyed,
    Legacy,
}

/// What an entry's MAC covers of its changes: their SHA-256 — kept by a tombstone when the
/// values are redacted (see migration 0009), so the chain still verifies.
pub(crate) fn changes_digest(changes_json: &str) -> String {
    if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(changes_json)
        && let Some(sha) = map
            .get("redacted")
            .and_then(|r| r.get("sha256"))
            .and_then(Value::as_str)
    {
        return sha.to_owned();
    }
    Sha256::digest(changes_json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether stored changes are a redaction's tombstone.
pub(crate) fn is_redacted(changes_json: &str) -> bool {
    changes_json.starts_with("{\"redacted\"")
}

/// The text an entry's hash covers: every field, each followed by a unit separator.
fn entry_message(prev: &str, r: &Record<'_>, changes_json: &str) -> String {
    let mut message = String::new();
    for part in [
        prev,
        r.at,
        r.actor,
        r.entity,
        &r.entity_id.to_string(),
        r.action,
        changes_json,
        r.row_hash,
    ] {
        message.push_str(part);
        message.push('\u{1f}');
    }
    message
}

fn entry_hash(
    conn: &Connection,
    chain: Chain,
    prev: &str,
    r: &Record<'_>,
    changes_json: &str,
) -> Result<String, StorageError> {
    match chain {
        Chain::Keyed => {
            let message = entry_message(prev, r, &changes_digest(changes_json));
            crate::sealing::mac(conn, &message, &entry_message(prev, r, changes_json))
        }
        Chain::Legacy => Ok(
            Sha256::digest(entry_message(prev, r, changes_json).as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        ),
    }
}

/// Appends an entry; call inside the transaction that made the change.
fn append(tx: &Connection, r: &Record<'_>) -> Result<(), StorageError> {
    let prev: String = tx
        .query_row(
            "SELECT hash FROM journal ORDER BY id DESC LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?
        .unwrap_or_else(|| GENESIS.to_owned());
    let changes_json = serde_json::to_string(r.changes).map_err(StorageError::json)?;
    let hash = entry_hash(tx, Chain::Keyed, &prev, r, &changes_json)?;
    tx.execute(
        "INSERT INTO journal (at, actor, entity, entity_id, action, changes, row_hash, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![r.at, r.actor, r.entity, r.entity_id, r.action, changes_json, r.row_hash, prev, hash],
    )?;
    Ok(())
}

/// Field-level differences between two JSON documents, by dotted path (`a.b.c`). Arrays are
/// compared whole.
pub fn diff(before: &Value, after: &Value) -> Vec<Change> {
    let (mut old, mut new) = (Vec::new(), Vec::new());
    flatten("", before, &mut old);
    flatten("", after, &mut new);
    let old: HashMap<String, Value> = old.into_iter().collect();
    let mut changes = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (field, after) in &new {
        seen.insert(field.clone());
        let before = old.get(field).cloned().unwrap_or(Value::Null);
        if !same(&before, after) {
            changes.push(Change {
                field: field.clone(),
                before,
                after: after.clone(),
            });
        }
    }
    for (field, before) in old {
        if !seen.contains(&field) && !same(&before, &Value::Null) {
            changes.push(Change {
                field,
                before,
                after: Value::Null,
            });
        }
    }
    changes
}

/// Empty strings and nulls are the same "nothing".
fn same(a: &Value, b: &Value) -> bool {
    let empty = |v: &Value| {
        v.is_null()
            || v.as_str() == Some("")
            || v == &Value::Bool(false)
            || v.as_array().is_some_and(Vec::is_empty)
    };
    a == b || (empty(a) && empty(b))
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&path, v, out);
            }
        }
        other => out.push((prefix.to_owned(), other.clone())),
    }
}

fn display(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(true) => Some("oui".into()),
        Value::Bool(false) => Some("non".into()),
        Value::Array(a) if a.is_empty() => None,
        other => Some(other.to_string()),
    }
}

/// The journal of one entity, oldest first.
pub fn entries_for(
    conn: &Connection,
    entity: &str,
    entity_id: impl Into<i64>,
) -> Result<Vec<JournalEntry>, StorageError> {
    let entity_id: i64 = entity_id.into();
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, actor, action, changes FROM journal
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY id",
    )?;
    let rows = stmt.query_map(params![entity, entity_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    let mut entries = Vec::new();
    for row in rows {
        let (id, at, actor, action, changes) = row?;
        if is_redacted(&changes) {
            // The values are gone; say when and why.
            let tombstone: Value = serde_json::from_str(&changes).map_err(StorageError::json)?;
            let redacted = &tombstone["redacted"];
            entries.push(JournalEntry {
                id,
                at,
                actor,
                action,
                changes: vec![FieldChange {
                    field: "redacted".into(),
                    before: None,
                    after: Some(format!(
                        "valeurs expurgées le {} ({})",
                        redacted["at"].as_str().unwrap_or_default(),
                        redacted["reason"].as_str().unwrap_or_default()
                    )),
                }],
            });
            continue;
        }
        let changes: Vec<Change> = serde_json::from_str(&changes).map_err(StorageError::json)?;
        entries.push(JournalEntry {
            id,
            at,
            actor,
            action,
            changes: changes
                .iter()
                .map(|c| FieldChange {
                    field: c.field.clone(),
                    before: display(&c.before),
                    after: display(&c.after),
                })
                .collect(),
        });
    }
    Ok(entries)
}

/// The first inconsistency a verification found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    /// The journal entry that no longer matches (its id; 0 for a row never journaled).
    pub entry_id: i64,
    pub entity: String,
    pub entity_id: i64,
    pub reason: String,
}

/// Result of a verification: entries checked, or the first broken one.
pub type Verification = Result<u64, Broken>;

/// What the chain says of every journaled row: its last entry and the row hash it recorded.
pub(crate) type LastEntries = HashMap<(String, i64), (i64, String)>;

/// The chain's head: the last entry's id and hash (printed by `journal verify` and in the
/// footer of committee PDFs, so that a copy of it outside the database reveals a truncation).
pub fn head(conn: &Connection) -> Result<Option<(i64, String)>, StorageError> {
    Ok(conn
        .query_row(
            "SELECT id, hash FROM journal ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The head as a document reads it: the last entry that changed the data. The records of
/// exports are left out, so that exporting the same dossier twice prints the same footer (and
/// the same bytes); the entry named is still a link of the chain, which `--anchor` checks.
pub fn content_head(conn: &Connection) -> Result<Option<(i64, String)>, StorageError> {
    Ok(conn
        .query_row(
            "SELECT id, hash FROM journal WHERE entity <> 'export_record' ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Recomputes the hash chain, entry by entry; returns the number of entries and, per row, its
/// last entry — or the first entry whose link or content no longer matches.
pub(crate) fn verify_chain(
    conn: &Connection,
    chain: Chain,
) -> Result<Result<(u64, LastEntries), Broken>, StorageError> {
    let mut stmt = conn.prepare(
        "SELECT id, at, actor, entity, entity_id, action, changes, row_hash, prev_hash, hash
         FROM journal ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let mut prev = GENESIS.to_owned();
    let mut count = 0u64;
    let mut last = LastEntries::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let entity: String = row.get(3)?;
        let entity_id: i64 = row.get(4)?;
        let changes: String = row.get(6)?;
        let row_hash: String = row.get(7)?;
        let prev_hash: String = row.get(8)?;
        let hash: String = row.get(9)?;
        let broken = |reason: &str| Broken {
            entry_id: id,
            entity: entity.clone(),
            entity_id,
            reason: reason.to_owned(),
        };
        if prev_hash != prev {
            return Ok(Err(broken(
                "le chaînage avec l’entrée précédente est rompu (entrée supprimée ou insérée)",
            )));
        }
        let (at, actor, action): (String, String, String) = (row.get(1)?, row.get(2)?, row.get(5)?);
        let record = Record {
            at: &at,
            actor: &actor,
            entity: &entity,
            entity_id,
            action: &action,
            changes: &[],
            row_hash: &row_hash,
        };
        if entry_hash(conn, chain, &prev_hash, &record, &changes)? != hash {
            return Ok(Err(broken("le contenu de l’entrée a été modifié")));
        }
        last.insert((entity.clone(), entity_id), (id, row_hash));
        prev = hash;
        count += 1;
    }
    Ok(Ok((count, last)))
}

/// Replaces the values of the entries `ids` by a tombstone keeping their SHA-256 (a purge);
/// the chain still verifies. Returns how many were redacted (already redacted ones are left).
pub(crate) fn redact(
    tx: &Connection,
    ids: &[i64],
    at: &str,
    reason: &str,
) -> Result<u64, StorageError> {
    let mut read = tx.prepare_cached("SELECT changes FROM journal WHERE id = ?1")?;
    let mut write = tx.prepare_cached("UPDATE journal SET changes = ?1 WHERE id = ?2")?;
    let mut count = 0;
    for &id in ids {
        let changes: String = read.query_row([id], |r| r.get(0))?;
        if is_redacted(&changes) {
            continue;
        }
        let tombstone = serde_json::json!({"redacted": {
            "at": at, "reason": reason, "sha256": changes_digest(&changes)
        }});
        write.execute(params![tombstone.to_string(), id])?;
        count += 1;
    }
    Ok(count)
}

/// The entries of these rows of one entity (what a purge redacts).
pub(crate) fn entry_ids(
    conn: &Connection,
    entity: &str,
    entity_ids: &[i64],
) -> Result<Vec<i64>, StorageError> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM journal WHERE entity = ?1 AND entity_id = ?2")?;
    let mut out = Vec::new();
    for id in entity_ids {
        let rows = stmt.query_map(params![entity, id], |r| r.get::<_, i64>(0))?;
        for row in rows {
            out.push(row?);
        }
    }
    Ok(out)
}

/// How many entries were redacted, and when the last redaction was.
pub fn redactions(conn: &Connection) -> Result<(u64, Option<String>), StorageError> {
    Ok(conn.query_row(
        "SELECT count(*), max(json_extract(changes, '$.redacted.at')) FROM journal
         WHERE json_extract(changes, '$.redacted') IS NOT NULL",
        [],
        |r| Ok((r.get::<_, i64>(0)? as u64, r.get(1)?)),
    )?)
}

/// Recomputes every entry's hash under the journal key, in order (a database migrated from
/// before encryption; its chain was verified first). The caller's transaction lifts the
/// append-only triggers around it.
pub(crate) fn rechain(tx: &Connection) -> Result<u64, StorageError> {
    /// id, at, actor, entity, entity id, action, changes, row hash.
    type Stored = (i64, String, String, String, i64, String, String, String);
    let rows: Vec<Stored> = tx
        .prepare(
            "SELECT id, at, actor, entity, entity_id, action, changes, row_hash FROM journal
             ORDER BY id",
        )?
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut prev = GENESIS.to_owned();
    let mut update = tx.prepare("UPDATE journal SET prev_hash = ?1, hash = ?2 WHERE id = ?3")?;
    for (id, at, actor, entity, entity_id, action, changes, row_hash) in &rows {
        let record = Record {
            at,
            actor,
            entity,
            entity_id: *entity_id,
            action,
            changes: &[],
            row_hash,
        };
        let hash = entry_hash(tx, Chain::Keyed, &prev, &record, changes)?;
        update.execute(params![prev, hash, id])?;
        prev = hash;
    }
    Ok(rows.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_reports_changed_added_and_removed_fields() {
        let before = json!({"a": {"b": "x", "c": "", "d": 1}, "e": [1]});
        let after = json!({"a": {"b": "y", "c": null, "f": true}, "e": [1]});
        let mut changes = diff(&before, &after);
        changes.sort_by(|a, b| a.field.cmp(&b.field));
        let fields: Vec<_> = changes.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["a.b", "a.d", "a.f"]);
    }
}
