//! Checking that the database is what the app wrote: the journal's hash chain, every journaled
//! row against its last entry, and every kept document file against its hash.
//!
//! [`JOURNALED`] is the registry of journaled tables: a new journaled table adds its
//! `JOURNALED` descriptor here, and nothing else changes.

use std::path::Path;

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::error::StorageError;
use crate::files::document_path;
use crate::journal::{self, Broken, Journaled, Verification};
use crate::tables::{
    case_file, certificate, document, enrolment, exam_candidate, exam_session, interview, meeting,
    parameter, profile, territory, vae,
};

/// Every journaled table.
pub(crate) const JOURNALED: &[&Journaled] = &[
    &case_file::JOURNALED,
    &profile::JOURNALED,
    &interview::JOURNALED,
    &document::JOURNALED,
    &territory::JOURNALED,
    &parameter::JOURNALED,
    &enrolment::JOURNALED,
    &meeting::JOURNALED,
    &exam_session::JOURNALED,
    &exam_candidate::JOURNALED,
    &vae::JOURNALED,
    &certificate::JOURNALED,
];

/// Recomputes the journal's chain, then checks that every journaled row still hashes to what
/// its last entry recorded and that no row was written without an entry. Returns the number
/// of entries, or the first inconsistency.
pub fn verify(conn: &Connection) -> Result<Verification, StorageError> {
    let (count, last) = match journal::verify_chain(conn)? {
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
    Ok(Ok(count))
}

/// Re-hashes every kept document file: a file changed or removed behind the app's back is
/// named with the document's last journal entry. Returns the number of files checked.
pub fn verify_files(conn: &Connection, documents_dir: &Path) -> Result<Verification, StorageError> {
    let mut checked = 0;
    for (id, sha, entry) in document::kept_files(conn)? {
        let broken = |reason: &str| Broken {
            entry_id: entry.unwrap_or(0),
            entity: document::JOURNALED.entity.into(),
            entity_id: id,
            reason: reason.to_owned(),
        };
        let Ok(content) = std::fs::read(document_path(documents_dir, &sha)) else {
            return Ok(Err(broken("le fichier du document est introuvable")));
        };
        let actual: String = Sha256::digest(&content)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if actual != sha {
            return Ok(Err(broken("le fichier du document a été modifié")));
        }
        checked += 1;
    }
    Ok(Ok(checked))
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
        ] {
            assert!(names.contains(&entity), "{entity} is not registered");
        }
    }
}
