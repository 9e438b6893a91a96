//! Checking that the database is what the app wrote: the journal's hash chain, every journaled
//! row against its last entry, and every kept document file against its hash.
//!
//! [`JOURNALED`] is the registry of journaled tables: a new journaled table adds its
//! `JOURNALED` descriptor here, and nothing else changes.

use std::path::Path;

use rusqlite::Connection;

use crate::documents::{self, Unreadable};
use crate::error::StorageError;
use crate::journal::{self, Broken, Chain, Journaled, Verification};
use crate::tables::{
    case_file, certificate, disclosure, document, enrolment, exam_candidate, exam_session, export,
    interview, meeting, parameter, profile, territory, vae,
};

/// Every journaled table.
pub(crate) const JOURNALED: &[&Journaled] = &[
    &case_file::JOURNALED,
    &profile::JOURNALED,
    &interview::JOURNALED,
    &document::JOURNALED,
    &disclosure::JOURNALED,
    &territory::JOURNALED,
    &parameter::JOURNALED,
    &enrolment::JOURNALED,
    &meeting::JOURNALED,
    &exam_session::JOURNALED,
    &exam_candidate::JOURNALED,
    &vae::JOURNALED,
    &certificate::JOURNALED,
    &export::JOURNALED,
];

/// Recomputes the journal's chain (authenticated: forging it needs the key), then checks that
/// every journaled row still hashes to what its last entry recorded, that no row was written
/// without an entry, and that the parcours log matches the journal. Returns the number
/// of entries, or the first inconsistency.
pub fn verify(conn: &Connection) -> Result<Verification, StorageError> {
    let (count, last) = match journal::verify_chain(conn, Chain::Keyed)? {
        Ok(chain) => chain,
        Err(broken) => return Ok(Err(broken)),
    };
    for table in JOURNALED {
        let entity = table.entity;
        let mut mismatches: Vec<(i64, i64)> = Vec::new();
        for (entity_id, hash) in (table.row_hashes)(conn)? {
            match last.get(&(entity.to_owned(), entity_id)) {
                Some((_, recorded)) if *recorded == hash => {}
                Some((entry_id, _)) => mismatches.push((*entry_id, entity_id)),
                None => {
                    return Ok(Err(Broken {
                        entry_id: 0,
                        entity: entity.to_owned(),
                        entity_id,
                        reason: "ligne absente du journal (écrite hors de l’application)".into(),
                    }));
                }
            }
        }
        if let Some((entry_id, entity_id)) = mismatches.into_iter().min() {
            return Ok(Err(Broken {
                entry_id,
                entity: entity.to_owned(),
                entity_id,
                reason: "la ligne a été modifiée hors de l’application depuis cette entrée".into(),
            }));
        }
    }
    if let Err(broken) = verify_transitions(conn)? {
        return Ok(Err(broken));
    }
    Ok(Ok(count))
}

/// Checks an anchor noted outside the database (the journal head printed in a committee PDF,
/// or by `journal verify`): entry `id` must still exist and its hash start with `hash`. Cutting
/// the last entries together with their rows keeps the chain valid; it does not keep an entry
/// someone has a copy of.
pub fn verify_anchor(
    conn: &Connection,
    id: i64,
    hash: &str,
) -> Result<Result<(), Broken>, StorageError> {
    use rusqlite::OptionalExtension;
    let stored: Option<String> = conn
        .query_row("SELECT hash FROM journal WHERE id = ?1", [id], |r| r.get(0))
        .optional()?;
    let broken = |reason: &str| Broken {
        entry_id: id,
        entity: "journal".into(),
        entity_id: id,
        reason: reason.to_owned(),
    };
    Ok(match stored {
        None => Err(broken(
            "cette entrée, relevée auparavant, n’existe plus : le journal a été tronqué",
        )),
        Some(h) if !h.starts_with(&hash.to_ascii_lowercase()) => {
            Err(broken("cette entrée, relevée auparavant, a changé"))
        }
        Some(_) => Ok(()),
    })
}

/// Opens and re-hashes every kept document file: a file changed, replaced or removed behind
/// the app's back is named with the document's last journal entry. Returns the number of files
/// checked.
pub fn verify_files(conn: &Connection, documents_dir: &Path) -> Result<Verification, StorageError> {
    let mut checked = 0;
    for (id, sha, entry) in document::kept_files(conn)? {
        let broken = |reason: &str| Broken {
            entry_id: entry.unwrap_or(0),
            entity: document::JOURNALED.entity.into(),
            entity_id: id,
            reason: reason.to_owned(),
        };
        match documents::read(conn, documents_dir, &sha)? {
            Ok(_) => checked += 1,
            Err(Unreadable::Missing) => {
                return Ok(Err(broken("le fichier du document est introuvable")));
            }
            Err(Unreadable::Altered) => {
                return Ok(Err(broken("le fichier du document a été modifié")));
            }
        }
    }
    Ok(Ok(checked))
}

/// Checks the parcours log against the journal: every recorded transition of a case (what a
/// committee's timeline shows) must match, in order, the status changes journaled for it.
/// Returns the first case whose log was edited, added to or cut.
fn verify_transitions(conn: &Connection) -> Result<Result<(), Broken>, StorageError> {
    let mut logged: std::collections::HashMap<i64, Vec<(String, String, String, String)>> =
        std::collections::HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT case_id, from_step, to_step, at, actor FROM parcours_transition ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        logged
            .entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
    }
    let mut journaled: std::collections::HashMap<i64, Vec<(String, String, String, String)>> =
        std::collections::HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT j.entity_id, json_extract(c.value, '$.before'), json_extract(c.value, '$.after'),
                j.at, j.actor
         FROM journal j, json_each(j.changes) c
         WHERE j.entity = ?1 AND json_extract(c.value, '$.field') = 'status'
         ORDER BY j.id",
    )?;
    let mut rows = stmt.query([case_file::JOURNALED.entity])?;
    while let Some(r) = rows.next()? {
        journaled
            .entry(r.get(0)?)
            .or_default()
            .push((r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
    }
    // A purged case's journal values are redacted: its log cannot be compared, only its chain.
    let purged: std::collections::HashSet<i64> = conn
        .prepare("SELECT id FROM case_file WHERE purged_at IS NOT NULL")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut cases: Vec<i64> = logged.keys().chain(journaled.keys()).copied().collect();
    cases.sort_unstable();
    cases.dedup();
    for case in cases.into_iter().filter(|c| !purged.contains(c)) {
        if logged.get(&case) != journaled.get(&case) {
            return Ok(Err(Broken {
                entry_id: 0,
                entity: "parcours_transition".into(),
                entity_id: case,
                reason: "l’historique des étapes ne correspond plus au journal (étape modifiée, ajoutée ou supprimée hors de l’application)".into(),
            }));
        }
    }
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_journaled_entity_is_registered_once() {
        let mut names: Vec<_> = JOURNALED.iter().map(|t| t.entity).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before, "an entity is registered twice");
        // Every entity name the journal may hold (migrations included) has a descriptor.
        for entity in [
            "case_file",
            "counsellor_profile",
            "interview",
            "document",
            "territory",
            "parameter",
            "enrolment",
            "committee_session",
            "cert_session",
            "session_candidate",
            "vae",
            "certificate",
            "export_record",
        ] {
            assert!(names.contains(&entity), "{entity} is not registered");
        }
    }
}
