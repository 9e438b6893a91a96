//! The `vae_follow_up` table: the VAE follow-up of an enrolment (recevabilité, support, the
//! dossier), journaled as `vae` under the enrolment's id.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::certification::VaeFollowUp;
use passerelle_domain::ids::EnrolmentId;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::Value;

use crate::codes::{code, decode, opt_date};
use crate::error::StorageError;
use crate::journal::{self, Journaled, Write, sha256_hex, stamp};

pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "vae",
    row_hashes,
};

fn row_hash(conn: &Connection, id: i64) -> Result<String, StorageError> {
    let text: String = conn.query_row(
        "SELECT coalesce(recevabilite_submitted_on, '') || '|' || coalesce(recevabilite_decided_on, '')
         || '|' || coalesce(recevabilite, '') || '|' || coalesce(support_hours, '') || '|'
         || coalesce(dossier_submitted_on, '') FROM vae_follow_up WHERE enrolment_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(sha256_hex(&[&text]))
}

fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    journal::hashes_by_id(conn, "SELECT enrolment_id FROM vae_follow_up", row_hash)
}

/// The VAE follow-up of an enrolment, if any.
pub fn get(conn: &Connection, enrolment: EnrolmentId) -> Result<Option<VaeFollowUp>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT recevabilite_submitted_on, recevabilite_decided_on, recevabilite, support_hours,
                    dossier_submitted_on FROM vae_follow_up WHERE enrolment_id = ?1",
        )?
        .query_row([enrolment.0], |r| {
            let decision: Option<String> = r.get(2)?;
            Ok(VaeFollowUp {
                recevabilite_submitted_on: opt_date(r.get(0)?),
                recevabilite_decided_on: opt_date(r.get(1)?),
                recevabilite: decision.map(decode).transpose()?,
                support_hours: r.get(3)?,
                dossier_submitted_on: opt_date(r.get(4)?),
            })
        })
        .optional()?)
}

/// Creates or replaces the follow-up with its journal entry, in the caller's transaction.
pub(crate) fn upsert(
    tx: &Connection,
    actor: &str,
    enrolment: EnrolmentId,
    f: &VaeFollowUp,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let before = get(tx, enrolment)?;
    let now = stamp(at);
    let d = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    tx.execute(
        "INSERT INTO vae_follow_up (enrolment_id, recevabilite_submitted_on, recevabilite_decided_on,
             recevabilite, support_hours, dossier_submitted_on, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (enrolment_id) DO UPDATE SET recevabilite_submitted_on = ?2,
             recevabilite_decided_on = ?3, recevabilite = ?4, support_hours = ?5,
             dossier_submitted_on = ?6, updated_at = ?7",
        params![
            enrolment.0,
            d(f.recevabilite_submitted_on),
            d(f.recevabilite_decided_on),
            f.recevabilite.map(code),
            f.support_hours,
            d(f.dossier_submitted_on),
            now
        ],
    )?;
    let as_json = |v: Option<&VaeFollowUp>| {
        v.map_or(Ok(Value::Null), serde_json::to_value)
            .map_err(StorageError::json)
    };
    JOURNALED.append(
        tx,
        Write {
            at: &now,
            actor,
            entity_id: enrolment.0,
            action: if before.is_none() { "create" } else { "update" },
            changes: &journal::diff(&as_json(before.as_ref())?, &as_json(Some(f))?),
            row_hash: &row_hash(tx, enrolment.0)?,
        },
    )
}
