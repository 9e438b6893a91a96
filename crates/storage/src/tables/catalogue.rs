//! The certification catalogue: upsert (re-importable), read, search.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use passerelle_domain::case::search_terms;
use passerelle_domain::certification::{Bloc, Certification};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::error::StorageError;

fn date(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| t.parse().ok())
}

/// Creates or updates a fiche (title, level, dates…), keeping what is not given: blocs and
/// ROME codes are written by their own functions, since exports bring them in other files.
pub fn upsert(
    tx: &Transaction<'_>,
    c: &Certification,
    at: DateTime<Utc>,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO certification (code, title, level, certifier, registered_on, expires_on, active, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (code) DO UPDATE SET title = ?2, level = ?3,
             certifier = CASE WHEN ?4 = '' THEN certifier ELSE ?4 END,
             registered_on = ?5, expires_on = ?6, active = ?7, updated_at = ?8",
        params![
            c.code,
            c.title,
            c.level,
            c.certifier,
            c.registered_on.map(|d| d.to_string()),
            c.expires_on.map(|d| d.to_string()),
            c.active,
            at.to_rfc3339_opts(SecondsFormat::Secs, true)
        ],
    )?;
    reindex(tx, &c.code)
}

/// Adds or renames a bloc of an existing fiche.
pub fn upsert_bloc(
    tx: &Transaction<'_>,
    certification: &str,
    bloc: &Bloc,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO certification_bloc (code, certification_code, position, title)
         VALUES (?1, ?2, (SELECT count(*) + 1 FROM certification_bloc WHERE certification_code = ?2), ?3)
         ON CONFLICT (code) DO UPDATE SET title = ?3",
        params![bloc.code, certification, bloc.title],
    )?;
    reindex(tx, certification)
}

/// Records the certifier of a fiche.
pub fn set_certifier(
    tx: &Transaction<'_>,
    certification: &str,
    certifier: &str,
) -> Result<(), StorageError> {
    tx.execute(
        "UPDATE certification SET certifier = ?1 WHERE code = ?2",
        params![certifier, certification],
    )?;
    Ok(())
}

/// Links a ROME code to a fiche (no duplicates).
pub fn add_rome(tx: &Transaction<'_>, certification: &str, rome: &str) -> Result<(), StorageError> {
    tx.execute(
        "INSERT OR IGNORE INTO certification_rome (certification_code, rome_code) VALUES (?1, ?2)",
        params![certification, rome],
    )?;
    Ok(())
}

fn reindex(tx: &Connection, code: &str) -> Result<(), StorageError> {
    let rowid: i64 = tx.query_row(
        "SELECT rowid FROM certification WHERE code = ?1",
        [code],
        |r| r.get(0),
    )?;
    tx.execute("DELETE FROM certification_search WHERE rowid = ?1", [rowid])?;
    tx.execute(
        "INSERT INTO certification_search (rowid, code, title, blocs)
         SELECT c.rowid, c.code, c.title,
                coalesce((SELECT group_concat(b.title, ' ') FROM certification_bloc b WHERE b.certification_code = c.code), '')
         FROM certification c WHERE c.code = ?1",
        [code],
    )?;
    Ok(())
}

/// Whether a fiche exists.
pub fn exists(conn: &Connection, code: &str) -> Result<bool, StorageError> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM certification WHERE code = ?1)",
        [code],
        |r| r.get(0),
    )?)
}

/// One fiche with its blocs and ROME codes.
pub fn get(conn: &Connection, code: &str) -> Result<Option<Certification>, StorageError> {
    let row = conn
        .query_row(
            "SELECT code, title, level, certifier, registered_on, expires_on, active FROM certification WHERE code = ?1",
            [code],
            |r| {
                Ok(Certification {
                    code: r.get(0)?,
                    title: r.get(1)?,
                    level: r.get(2)?,
                    certifier: r.get(3)?,
                    registered_on: date(r.get(4)?),
                    expires_on: date(r.get(5)?),
                    active: r.get(6)?,
                    rome_codes: Vec::new(),
                    blocs: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut c) = row else { return Ok(None) };
    c.blocs = conn
        .prepare_cached("SELECT code, title FROM certification_bloc WHERE certification_code = ?1 ORDER BY position, code")?
        .query_map([code], |r| Ok(Bloc { code: r.get(0)?, title: r.get(1)? }))?
        .collect::<Result<_, _>>()?;
    c.rome_codes = conn
        .prepare_cached("SELECT rome_code FROM certification_rome WHERE certification_code = ?1 ORDER BY rome_code")?
        .query_map([code], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(Some(c))
}

/// Fiches whose code, title or blocs match every word (prefixes, accents ignored), active
/// first; all fiches by code when `text` is empty.
pub fn search(
    conn: &Connection,
    text: &str,
    limit: u32,
) -> Result<Vec<Certification>, StorageError> {
    let terms = search_terms(text);
    let codes: Vec<String> = if terms.is_empty() {
        conn.prepare_cached("SELECT code FROM certification ORDER BY code LIMIT ?1")?
            .query_map([limit], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    } else {
        let expr = terms
            .iter()
            .map(|t| format!("\"{t}\"*"))
            .collect::<Vec<_>>()
            .join(" AND ");
        conn.prepare_cached(
            "SELECT c.code FROM certification_search s JOIN certification c ON c.rowid = s.rowid
             WHERE certification_search MATCH ?1 ORDER BY c.active DESC, s.rank LIMIT ?2",
        )?
        .query_map(params![expr, limit], |r| r.get(0))?
        .collect::<Result<_, _>>()?
    };
    let mut out = Vec::with_capacity(codes.len());
    for code in codes {
        if let Some(c) = get(conn, &code)? {
            out.push(c);
        }
    }
    Ok(out)
}

/// Number of fiches in the catalogue.
pub fn count(conn: &Connection) -> Result<u64, StorageError> {
    Ok(
        conn.query_row("SELECT count(*) FROM certification", [], |r| {
            r.get::<_, i64>(0)
        })? as u64,
    )
}
