//! Establishments: written all or nothing (an import of the Sirene stock) or one at a time by
//! hand, read by territory; an establishment's page gathers its contacts, its employees' case
//! files, its diagnostics and its hiring needs.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::establishment::{Establishment, EstablishmentInput};
use passerelle_domain::ipc::{EstablishmentCase, EstablishmentDetail};
use rusqlite::Connection;

use crate::error::StorageError;
use crate::tables::{diagnostic, establishment, hiring_need};

pub use crate::tables::establishment::{cases, contacts, get, list};

/// What a write of establishments did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Saved {
    pub inserted: u64,
    pub updated: u64,
}

/// Inserts or updates `rows` in one transaction: all of them, or none.
pub fn save_all(conn: &mut Connection, rows: &[Establishment]) -> Result<Saved, StorageError> {
    let tx = conn.transaction()?;
    let mut saved = Saved::default();
    for row in rows {
        if establishment::upsert(&tx, row)? {
            saved.inserted += 1;
        } else {
            saved.updated += 1;
        }
    }
    tx.commit()?;
    Ok(saved)
}

/// Creates or corrects an establishment by hand, its contacts replaced by the ones given;
/// checked by the domain first. Its page as it now stands.
pub fn save_manual(
    conn: &mut Connection,
    input: &EstablishmentInput,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<EstablishmentDetail, StorageError> {
    let now = &crate::journal::stamp(at);
    let (row, contacts) = input.validated(today, now)?;
    let tx = conn.transaction()?;
    if input.create && establishment::get(&tx, &row.siret)?.is_some() {
        return Err(StorageError::rule(
            "siret",
            format!(
                "SIRET {} : cet établissement existe déjà ; ouvrez sa fiche pour le modifier.",
                row.siret
            ),
        ));
    }
    establishment::upsert(&tx, &row)?;
    establishment::replace_contacts(&tx, &row.siret, &contacts)?;
    tx.commit()?;
    detail(conn, &row.siret)?.ok_or_else(|| StorageError::NotFound {
        entity: "Établissement",
        id: row.siret.clone(),
    })
}

/// An establishment's page, or `None` for a SIRET not known.
pub fn detail(conn: &Connection, siret: &str) -> Result<Option<EstablishmentDetail>, StorageError> {
    let Some(establishment) = establishment::get(conn, siret)? else {
        return Ok(None);
    };
    let siret = establishment.siret.clone();
    let cases = establishment::cases(conn, &siret)?
        .into_iter()
        .map(
            |(id, reference, name, archived, diagnostic_line)| EstablishmentCase {
                id,
                reference,
                name,
                archived,
                diagnostic_line,
            },
        )
        .collect();
    Ok(Some(EstablishmentDetail {
        contacts: establishment::contacts(conn, &siret)?,
        cases,
        diagnostics: diagnostic::for_establishment(conn, &siret)?,
        needs: hiring_need::list(conn, "", "", &siret, "", u32::MAX)?
            .into_iter()
            .map(|(need, _, _)| need)
            .collect(),
        establishment,
    }))
}

/// The establishment a diagnostic or a need is about: it must be known (imported from Sirene
/// or entered by hand) before anything is recorded about it.
pub(crate) fn required(conn: &Connection, siret: &str) -> Result<Establishment, StorageError> {
    establishment::get(conn, siret)?.ok_or_else(|| {
        StorageError::rule(
            "siret",
            format!(
                "SIRET {siret} : établissement inconnu ; importez-le du stock Sirene ou saisissez-le (Établissements › Nouvel établissement) d’abord."
            ),
        )
    })
}
