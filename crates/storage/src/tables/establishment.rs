//! The `establishment` table and its contacts: companies' sites by SIRET (see migrations 0012
//! and 0014). Not journaled (a copy of a public register, re-imported whole; the contacts are
//! replaced whole by the establishment's page).

use passerelle_domain::establishment::{Contact, Establishment};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::StorageError;

const COLUMNS: &str = "siret, name, naf, headcount_band, commune, commune_name, epci, epci_name,
                       territory, source, updated_at, idcc, opco, notes";

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
        idcc: r.get(11)?,
        opco: r.get(12)?,
        notes: r.get(13)?,
    })
}

/// Inserts or updates one establishment (in the caller's transaction); `true` if it was new.
/// A registry row (`source` = sirene) updates the registry's columns only: the IDCC, OPCO and
/// notes people entered survive a re-import.
pub(crate) fn upsert(tx: &Connection, e: &Establishment) -> Result<bool, StorageError> {
    let existed = tx
        .prepare_cached("SELECT 1 FROM establishment WHERE siret = ?1")?
        .exists([&e.siret])?;
    let people_columns = if e.source == "manual" {
        ", idcc = excluded.idcc, opco = excluded.opco, notes = excluded.notes"
    } else {
        ""
    };
    tx.prepare_cached(&format!(
        "INSERT INTO establishment ({COLUMNS})
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
         ON CONFLICT (siret) DO UPDATE SET
             name = excluded.name, naf = excluded.naf, headcount_band = excluded.headcount_band,
             commune = excluded.commune, commune_name = excluded.commune_name,
             epci = excluded.epci, epci_name = excluded.epci_name,
             territory = excluded.territory, source = excluded.source,
             updated_at = excluded.updated_at{people_columns}"
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
        e.updated_at,
        e.idcc,
        e.opco,
        e.notes
    ])?;
    Ok(!existed)
}

/// The establishment's contacts, in the order entered.
pub fn contacts(conn: &Connection, siret: &str) -> Result<Vec<Contact>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT name, role, email, phone, consent_on FROM establishment_contact
             WHERE siret = ?1 ORDER BY position",
        )?
        .query_map([siret], |r| {
            Ok(Contact {
                name: r.get(0)?,
                role: r.get(1)?,
                email: r.get(2)?,
                phone: r.get(3)?,
                consent_on: crate::codes::opt_date(r.get(4)?),
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// Replaces the establishment's contacts (in the caller's transaction).
pub(crate) fn replace_contacts(
    tx: &Connection,
    siret: &str,
    contacts: &[Contact],
) -> Result<(), StorageError> {
    tx.prepare_cached("DELETE FROM establishment_contact WHERE siret = ?1")?
        .execute([siret])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO establishment_contact (siret, position, name, role, email, phone, consent_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, c) in contacts.iter().enumerate() {
        let consent_on = c.consent_on.map(|d| d.to_string());
        insert.execute(params![
            siret, i as i64, c.name, c.role, c.email, c.phone, consent_on
        ])?;
    }
    Ok(())
}

pub fn get(conn: &Connection, siret: &str) -> Result<Option<Establishment>, StorageError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM establishment WHERE siret = ?1"
        ))?
        .query_row([siret.trim()], from_row)
        .optional()?)
}

/// A case file of the establishment's employees: id, reference, « NOM Prénoms », archived,
/// and the diagnostic line the person comes from.
pub type EmployeeCase = (
    passerelle_domain::case::CaseId,
    String,
    String,
    bool,
    Option<i64>,
);

/// The cases whose employer is this establishment (by SIRET), active first, then by name.
pub fn cases(conn: &Connection, siret: &str) -> Result<Vec<EmployeeCase>, StorageError> {
    Ok(conn
        .prepare_cached(
            "SELECT c.id, c.reference,
                    coalesce(nullif(c.data ->> '$.beneficiary.usageName', ''),
                             c.data ->> '$.beneficiary.birthName', ''),
                    coalesce(c.data ->> '$.beneficiary.firstNames', ''),
                    c.archived_at IS NOT NULL, l.line_id
             FROM case_file c LEFT JOIN case_diagnostic_line l ON l.case_id = c.id
             WHERE c.employer_siret = ?1 AND c.purged_at IS NULL
             ORDER BY c.archived_at IS NOT NULL, c.sort_name, c.id",
        )?
        .query_map([siret.trim()], |r| {
            // Upper-cased here: SQLite's upper() leaves accented letters alone (« LEFèVRE »).
            let surname: String = r.get(2)?;
            let first_names: String = r.get(3)?;
            Ok((
                passerelle_domain::case::CaseId(r.get(0)?),
                r.get(1)?,
                format!("{} {first_names}", surname.to_uppercase()),
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<Result<_, _>>()?)
}

/// A territory's (or an EPCI's) establishments, by name, at most `limit`, and how many there
/// are in all. Empty `territory` and `epci`: every establishment. `query` keeps those whose
/// name contains it, whose SIRET starts with it or whose NAF code is it.
pub fn list(
    conn: &Connection,
    territory: &str,
    epci: &str,
    query: &str,
    limit: u32,
) -> Result<(Vec<Establishment>, u64), StorageError> {
    let place = match (territory.is_empty(), epci.is_empty()) {
        (_, false) => "epci = ?2",
        (false, true) => "territory = ?1",
        (true, true) => "?1 = ?1 AND ?2 = ?2",
    };
    let query = query.trim();
    let filter = if query.is_empty() {
        format!("{place} AND ?3 = ''")
    } else {
        format!(
            "{place} AND (name LIKE '%' || ?3 || '%' OR siret LIKE ?3 || '%'
                          OR naf = ?3 OR replace(naf, '.', '') = ?3)"
        )
    };
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM establishment WHERE {filter}"),
        params![territory, epci, query],
        |r| r.get(0),
    )?;
    let rows = conn
        .prepare(&format!(
            "SELECT {COLUMNS} FROM establishment WHERE {filter} ORDER BY name, siret LIMIT ?4"
        ))?
        .query_map(params![territory, epci, query, limit], from_row)?
        .collect::<Result<_, _>>()?;
    Ok((rows, total as u64))
}
