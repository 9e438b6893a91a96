//! Kept document files: sealed with the database's documents key (see `crate::sealing`), named
//! by the SHA-256 of their plaintext, private to the user, complete or absent. The name lets
//! `integrity::verify_files` check a file after opening it, and the same content is kept once.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::error::StorageError;
use crate::files::{create_private_dir, document_path, write_atomic};
use crate::sealing;

/// A document file written by [`store`]: its hash, and whether this call created it (so a
/// transaction that fails afterwards removes it — see [`StoredFile::discard`]).
#[derive(Debug)]
pub struct StoredFile {
    pub sha256: String,
    path: PathBuf,
    created: bool,
}

impl StoredFile {
    /// Removes the file if this call created it: the transaction that was to record it failed,
    /// and a file no row refers to would otherwise stay forever. A file that existed before
    /// (the same content kept for another document) is left alone.
    pub fn discard(self) {
        if self.created {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// SHA-256 (hex) of a content.
pub(crate) fn sha256_hex(content: &[u8]) -> String {
    Sha256::digest(content)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Seals `content` and keeps it as `documents/<sha256 of the plaintext>`.
pub fn store(
    conn: &Connection,
    documents_dir: &Path,
    content: &[u8],
) -> Result<StoredFile, StorageError> {
    let sha256 = sha256_hex(content);
    let path = document_path(documents_dir, &sha256);
    let created = !path.exists();
    if created {
        create_private_dir(documents_dir)?;
        write_atomic(&path, &sealing::seal(conn, content, &sha256)?)?;
    }
    Ok(StoredFile {
        sha256,
        path,
        created,
    })
}

/// Why a kept file cannot be read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unreadable {
    Missing,
    Altered,
}

/// Reads a kept document back: opened, and checked against its name.
pub(crate) fn read(
    conn: &Connection,
    documents_dir: &Path,
    sha256: &str,
) -> Result<Result<Vec<u8>, Unreadable>, StorageError> {
    let Ok(file) = std::fs::read(document_path(documents_dir, sha256)) else {
        return Ok(Err(Unreadable::Missing));
    };
    let content = match sealing::unseal(conn, file, sha256) {
        Ok(content) => content,
        Err(StorageError::Sqlite(_)) => return Ok(Err(Unreadable::Altered)),
        Err(other) => return Err(other),
    };
    Ok(if sha256_hex(&content) == sha256 {
        Ok(content)
    } else {
        Err(Unreadable::Altered)
    })
}

/// Seals a file kept before encryption, in place (atomically); a sealed file is left alone.
/// Returns whether it was sealed now.
pub(crate) fn seal_in_place(
    conn: &Connection,
    documents_dir: &Path,
    sha256: &str,
) -> Result<bool, StorageError> {
    let path = document_path(documents_dir, sha256);
    let file = std::fs::read(&path).map_err(|e| StorageError::io("Document", &path, e))?;
    if file.starts_with(sealing::DOCUMENT_MAGIC) {
        return Ok(false);
    }
    if sha256_hex(&file) != sha256 {
        return Err(StorageError::Damaged {
            what: "Document",
            path: path.display().to_string(),
            reason: "contenu différent de son empreinte : fichier modifié hors de l’application"
                .into(),
        });
    }
    write_atomic(&path, &sealing::seal(conn, &file, sha256)?)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_sealed_private_and_a_failed_record_removes_only_new_files() {
        let dir = tempfile::tempdir().unwrap();
        let conn = crate::open(
            &dir.path().join("p.sqlite3"),
            &crate::keys::DataKey::from_bytes([3; 32]),
        )
        .unwrap();
        let docs = dir.path().join("data/documents");
        let first = store(&conn, &docs, b"scan du contrat de M. Weber").unwrap();
        let path = document_path(&docs, &first.sha256);
        let on_disk = std::fs::read(&path).unwrap();
        assert!(on_disk.starts_with(sealing::DOCUMENT_MAGIC));
        assert!(
            !on_disk.windows(5).any(|w| w == b"Weber"),
            "no plaintext on disk"
        );
        assert_eq!(
            read(&conn, &docs, &first.sha256).unwrap().unwrap(),
            b"scan du contrat de M. Weber"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(&path), 0o600);
            assert_eq!(mode(&docs), 0o700);
        }
        // The same content again: the file exists already, discarding keeps it.
        let again = store(&conn, &docs, b"scan du contrat de M. Weber").unwrap();
        again.discard();
        assert!(path.exists());
        first.discard();
        assert!(!path.exists());
    }

    #[test]
    fn a_file_from_another_database_or_altered_does_not_open() {
        let dir = tempfile::tempdir().unwrap();
        let a = crate::open(
            &dir.path().join("a.sqlite3"),
            &crate::keys::DataKey::from_bytes([1; 32]),
        )
        .unwrap();
        let b = crate::open(
            &dir.path().join("b.sqlite3"),
            &crate::keys::DataKey::from_bytes([2; 32]),
        )
        .unwrap();
        let docs = dir.path().join("documents");
        let stored = store(&a, &docs, b"attestation").unwrap();
        assert_eq!(
            read(&b, &docs, &stored.sha256).unwrap(),
            Err(Unreadable::Altered)
        );
        let path = document_path(&docs, &stored.sha256);
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, bytes).unwrap();
        assert_eq!(
            read(&a, &docs, &stored.sha256).unwrap(),
            Err(Unreadable::Altered)
        );
        std::fs::remove_file(&path).unwrap();
        assert_eq!(
            read(&a, &docs, &stored.sha256).unwrap(),
            Err(Unreadable::Missing)
        );
    }
}
