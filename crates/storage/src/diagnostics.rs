//! Company diagnostics: saved whole (the diagnostic and its lines in one transaction), the
//! establishment's latest one marked as the one the dashboard counts; case files linked to
//! the line their person comes from.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::CaseId;
use passerelle_domain::diagnostic::Diagnostic;
use rusqlite::Connection;

use crate::error::StorageError;
use crate::establishments;
use crate::tables::diagnostic::{self, Placed};

pub use crate::tables::diagnostic::for_establishment;

/// The drivers of change to offer: the built-in ones and every one already used, alphabetical
/// (accents ignored).
pub fn drivers(conn: &Connection) -> Result<Vec<String>, StorageError> {
    let mut all: Vec<String> = passerelle_domain::diagnostic::BUILTIN_DRIVERS
        .iter()
        .map(|d| (*d).to_owned())
        .collect();
    for d in diagnostic::drivers(conn)? {
        if !all.contains(&d) {
            all.push(d);
        }
    }
    all.sort_by_key(|d| passerelle_domain::text::fold_for_sort(d));
    Ok(all)
}

/// Creates (`id` 0) or rewrites a diagnostic, checked by the domain first; as saved.
pub fn save(
    conn: &mut Connection,
    input: Diagnostic,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<Diagnostic, StorageError> {
    let now = &crate::journal::stamp(at);
    let d = input.validated(today)?;
    let tx = conn.transaction()?;
    let establishment = establishments::required(&tx, &d.siret)?;
    let id = if d.id == 0 {
        let place = Placed {
            territory: &establishment.territory,
            epci: &establishment.epci,
        };
        diagnostic::insert(&tx, &d, &place, now)?
    } else {
        if diagnostic::siret_of(&tx, d.id)?.as_deref() != Some(d.siret.as_str()) {
            return Err(StorageError::NotFound {
                entity: "Diagnostic",
                id: d.id.to_string(),
            });
        }
        diagnostic::update(&tx, &d, now)?;
        d.id
    };
    diagnostic::refresh_latest(&tx, &d.siret)?;
    tx.commit()?;
    diagnostic::for_establishment(conn, &d.siret)?
        .into_iter()
        .find(|saved| saved.id == id)
        .ok_or(StorageError::NotFound {
            entity: "Diagnostic",
            id: id.to_string(),
        })
}

/// Links a case file to the diagnostic line its person comes from (`None`: unlinks). The
/// person must work in the line's establishment (the case's employer SIRET).
pub fn link(conn: &mut Connection, case: CaseId, line: Option<i64>) -> Result<(), StorageError> {
    let tx = conn.transaction()?;
    let employer: Option<Option<String>> = {
        use rusqlite::OptionalExtension;
        tx.prepare_cached(
            "SELECT employer_siret FROM case_file WHERE id = ?1 AND purged_at IS NULL",
        )?
        .query_row([case.0], |r| r.get(0))
        .optional()?
    };
    let Some(employer) = employer else {
        return Err(StorageError::NotFound {
            entity: "Dossier",
            id: case.0.to_string(),
        });
    };
    if let Some(line) = line {
        let Some(siret) = diagnostic::line_siret(&tx, line)? else {
            return Err(StorageError::NotFound {
                entity: "Ligne de diagnostic",
                id: line.to_string(),
            });
        };
        if employer.as_deref() != Some(siret.as_str()) {
            return Err(StorageError::rule(
                "lineId",
                format!(
                    "Ce dossier n’est pas celui d’un salarié de l’établissement {siret} : vérifiez le SIRET de l’employeur dans le dossier."
                ),
            ));
        }
    }
    diagnostic::link(&tx, case.0, line)?;
    tx.commit()?;
    Ok(())
}
