//! The `parameter` table: dated values the user entered over the domain's defaults, journaled.

use chrono::{DateTime, Utc};
use passerelle_domain::params::{ParamValue, Parameters};
use rusqlite::{Connection, params};
use serde_json::Value;

use crate::codes::parse_date;
use crate::error::StorageError;
use crate::journal::{Change, Journaled, Write, sha256_hex, stamp};

pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "parameter",
    row_hashes,
};

fn row_hash(key: &str, from: &str, value: f64) -> String {
    sha256_hex(&[key, from, &value.to_string()])
}

/// The dated values the user entered (the defaults are in the domain).
pub fn load(conn: &Connection) -> Result<Parameters, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, valid_from, value, note FROM parameter ORDER BY key, valid_from",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(ParamValue {
            key: r.get(0)?,
            valid_from: parse_date(r.get(1)?)?,
            value: r.get(2)?,
            note: r.get(3)?,
        })
    })?;
    Ok(Parameters {
        overrides: rows.collect::<Result<_, _>>()?,
    })
}

/// Records a validated value (replacing one with the same key and date) with its journal
/// entry, in the caller's transaction.
pub(crate) fn upsert(
    tx: &Connection,
    actor: &str,
    value: &ParamValue,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let from = value.valid_from.to_string();
    tx.execute(
        "INSERT INTO parameter (key, valid_from, value, note) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (key, valid_from) DO UPDATE SET value = ?3, note = ?4",
        params![value.key, from, value.value, value.note],
    )?;
    let id: i64 = tx.query_row(
        "SELECT id FROM parameter WHERE key = ?1 AND valid_from = ?2",
        params![value.key, from],
        |r| r.get(0),
    )?;
    JOURNALED.append(
        tx,
        Write {
            at: &stamp(at),
            actor,
            entity_id: id,
            action: "update",
            changes: &[Change {
                field: format!("{} au {}", value.key, value.valid_from),
                before: Value::Null,
                after: serde_json::json!(value.value),
            }],
            row_hash: &row_hash(&value.key, &from, value.value),
        },
    )
}

fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    let mut stmt = conn.prepare("SELECT id, key, valid_from, value FROM parameter")?;
    let rows = stmt.query_map([], |r| {
        let (key, from, value): (String, String, f64) = (r.get(1)?, r.get(2)?, r.get(3)?);
        Ok((r.get(0)?, row_hash(&key, &from, value)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
