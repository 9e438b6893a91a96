//! The `establishment` table: companies' sites by SIRET (see migration 0012). Not journaled
//! (a copy of a public register, re-imported whole).

use passerelle_domain::establishment::Establishment;
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::StorageError;

const COLUMNS: &str = "siret, name, naf, headcount_band, commune, commune_name, epci, epci_name,
                       territory, source, updated_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Establishment> {
    Ok(Establishment {
        siret: r.get(0)?,
        name: r.get(1)?,
        naf: r.get(2)?,
        headcount_band: r.get(3)?,
        commune: r.get(4)?,
        commune_name: r.get(5)?,
        epci: r.get(6)?,
        epci_name: r.get(7)?,
        territory: r.get(8)?,
        source: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

/// Inserts or replaces one establishment (in the caller's transaction); `true` if it was new.
pub(crate) fn upsert(tx: &Connection, e: &Establishment) -> Result<bool, StorageError> {
    let existed = tx
        .prepare_cached("SELECT 1 FROM establishment WHERE siret = ?1")?
        .exists([&e.siret])?;
    tx.prepare_cached(&format!(
        "INSERT OR REPLACE INTO establishment ({COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    ))?
    .execute(params![
        e.siret,
        e.name,
        e.naf,
        e.headcount_band,
        e.commune,
        e.commune_name,
        e.epci,
        e.epci_name,
        e.territory,
        e.source,
        e.updated_at
    ])?;
    Ok(!existed)
}

pub fn get(conn: &Connection, siret: &str) -> Result<Option<Establishment>, StorageError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM establishment WHERE siret = ?1"
        ))?
        .query_row([siret.trim()], from_row)
        .optional()?)
}

/// The cases whose employer is this establishment (by SIRET), active first, then by name:
/// id, reference, name as « NOM Prénoms », archived.
pub fn cases(
    conn: &Connection,
    siret: &str,
) -> Result<Vec<(passerelle_domain::case::CaseId, String, String, bool)>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT id, reference,
                    upper(coalesce(nullif(data ->> '$.beneficiary.usageName', ''),
                                   data ->> '$.beneficiary.birthName'))
                    || ' ' || coalesce(data ->> '$.beneficiary.firstNames', ''),
                    archived_at IS NOT NULL
             FROM case_file WHERE employer_siret = ?1 AND purged_at IS NULL
             ORDER BY archived_at IS NOT NULL, sort_name, id",
        )?
        .query_map([siret.trim()], |r| {
            Ok((
                passerelle_domain::case::CaseId(r.get(0)?),
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        })?
        .collect::<Result<_, _>>()?)
}

/// A territory's establishments (all when `territory` is empty), by name, at most `limit`,
/// and how many there are in all.
pub fn list(
    conn: &Connection,
    territory: &str,
    limit: u32,
) -> Result<(Vec<Establishment>, u64), StorageError> {
    let (filter, order) = if territory.is_empty() {
        ("?1 = ''", "name, siret")
    } else {
        ("territory = ?1", "name, siret")
    };
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM establishment WHERE {filter}"),
        [territory],
        |r| r.get(0),
    )?;
    let rows = conn
        .prepare(&format!(
            "SELECT {COLUMNS} FROM establishment WHERE {filter} ORDER BY {order} LIMIT ?2"
        ))?
        .query_map(params![territory, limit], from_row)?
        .collect::<Result<_, _>>()?;
    Ok((rows, total as u64))
}
