//! The VAE follow-up as the app writes it: only on a VAE enrolment, checked by the domain.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::certification::{Route, VaeFollowUp};
use passerelle_domain::ids::EnrolmentId;
use rusqlite::Connection;

use super::enrolments;
use crate::error::StorageError;
use crate::tables::vae;

/// The VAE follow-up of an enrolment, if any.
pub use crate::tables::vae::get;

/// Saves the VAE follow-up of a VAE enrolment, validated against `today`.
pub fn save(
    conn: &mut Connection,
    actor: &str,
    enrolment_id: EnrolmentId,
    f: &VaeFollowUp,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    let e = enrolments::existing(conn, enrolment_id)?;
    if e.route != Route::Vae {
        return Err(StorageError::rule(
            "enrolmentId",
            "Suivi VAE : cette inscription n’est pas en VAE (voie formation ou CléA).",
        ));
    }
    f.validate(today)?;
    let tx = conn.transaction()?;
    vae::upsert(&tx, actor, enrolment_id, f, at)?;
    tx.commit()?;
    Ok(())
}
