//! The `certificate` table: the certificate (parchemin) of an enrolment, journaled as
//! `certificate` under the enrolment's id.

use chrono::{DateTime, Utc};
use passerelle_domain::certification::Certificate;
use passerelle_domain::ids::EnrolmentId;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::{Value, json};

use crate::codes::opt_date;
use crate::error::StorageError;
use crate::journal::{self, Journaled, Write, sha256_hex, stamp};

pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "certificate",
    row_hashes,
};

fn row_hash(conn: &Connection, id: i64) -> Result<String, StorageError> {
    let text: String = conn.query_row(
        "SELECT number || '|' || issued_on FROM certificate WHERE enrolment_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(sha256_hex(&[&text]))
}

fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    journal::hashes_by_id(conn, "SELECT enrolment_id FROM certificate", row_hash)
}

/// The certificate of an enrolment, if issued.
pub fn get(conn: &Connection, enrolment: EnrolmentId) -> Result<Option<Certificate>, StorageError> {
    Ok(conn
        .prepare_cached("SELECT number, issued_on FROM certificate WHERE enrolment_id = ?1")?
        .query_row([enrolment.0], |r| {
            Ok(Certificate {
                number: r.get(0)?,
                issued_on: opt_date(r.get(1)?).unwrap_or_default(),
            })
        })
        .optional()?)
}

/// Whether `number` is already given to another enrolment of the same certification.
pub(crate) fn number_taken(
    conn: &Connection,
    number: &str,
    certification: &str,
    enrolment: EnrolmentId,
) -> Result<bool, StorageError> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM certificate k JOIN enrolment e ON e.id = k.enrolment_id
         WHERE k.number = ?1 AND e.certification_code = ?2 AND k.enrolment_id <> ?3)",
        params![number, certification, enrolment.0],
        |r| r.get(0),
    )?)
}

/// Creates or replaces an enrolment's certificate with its journal entry, in the caller's
/// transaction.
pub(crate) fn upsert(
    tx: &Connection,
    actor: &str,
    enrolment: EnrolmentId,
    c: &Certificate,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let now = stamp(at);
    let before = get(tx, enrolment)?.map_or(
        Value::Null,
        |k| json!({"number": k.number, "issuedOn": k.issued_on}),
    );
    tx.execute(
        "INSERT INTO certificate (enrolment_id, number, issued_on, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (enrolment_id) DO UPDATE SET number = ?2, issued_on = ?3",
        params![enrolment.0, c.number, c.issued_on.to_string(), now],
    )?;
    let after = json!({"number": c.number, "issuedOn": c.issued_on});
    JOURNALED.append(
        tx,
        Write {
            at: &now,
            actor,
            entity_id: enrolment.0,
            action: if before.is_null() { "create" } else { "update" },
            changes: &journal::diff(&before, &after),
            row_hash: &row_hash(tx, enrolment.0)?,
        },
    )
}
