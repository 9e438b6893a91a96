//! Files the app writes besides the database: the data directory, kept documents, exports.
//!
//! Everything goes through here so that the same guarantees hold everywhere: on Unix the data
//! directory is 0700 and every file in it 0600 (case files hold NIRs and health-related
//! statuses); a file appears under its final name only once complete (a unique temporary file
//! in the same directory, fsynced, renamed, then the directory fsynced so the rename survives a
//! power cut).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::StorageError;

/// Creates `dir` (and its parents) if needed; a directory created here is private to the user.
pub fn create_private_dir(dir: &Path) -> Result<(), StorageError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .map_err(|e| StorageError::io("Dossier", dir, e))
}

/// Makes an existing file readable and writable by its owner only (databases created by an
/// earlier version were 0644).
pub fn make_private(path: &Path) -> Result<(), StorageError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = fs::metadata(path)
            && meta.permissions().mode() & 0o077 != 0
        {
            fs::set_permissions(path, fs::Permissions::from_mode(0o600))
                .map_err(|e| StorageError::io("Fichier", path, e))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Creates an empty file readable by its owner only, unless it exists.
pub(crate) fn create_private_file(path: &Path) -> Result<(), StorageError> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
        .open(path)
        .map(drop)
        .map_err(|e| StorageError::io("Fichier", path, e))
}

/// Writes `bytes` to `path` whole or not at all: a uniquely named temporary file in the same
/// directory (never a predictable name another process could prepare), fsynced, renamed over
/// `path`, then the directory fsynced. The file is private to the user.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    write_atomic_with(path, |file| {
        file.write_all(bytes)
            .map_err(|e| StorageError::io("Fichier", path, e))
    })
}

/// [`write_atomic`] for a content written piece by piece (an archive): `fill` writes into the
/// temporary file; if it fails, nothing appears under `path`.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut fs::File) -> Result<(), StorageError>,
) -> Result<(), StorageError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let err = |e| StorageError::io("Fichier", path, e);
    // tempfile creates the file 0600 with O_EXCL under a random name.
    let mut tmp = tempfile::Builder::new()
        .prefix(".passerelle-")
        .suffix(".part")
        .tempfile_in(&dir)
        .map_err(err)?;
    fill(tmp.as_file_mut())?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    sync_dir(&dir)
}

/// Makes a rename or creation in `dir` durable (a no-op where directories cannot be opened).
pub fn sync_dir(dir: &Path) -> Result<(), StorageError> {
    #[cfg(unix)]
    {
        fs::File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| StorageError::io("Dossier", dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Where a database keeps its documents: `documents/` beside the file.
pub fn documents_dir(database: &Path) -> PathBuf {
    database
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("documents")
}

/// The path of a kept document.
pub fn document_path(documents_dir: &Path, sha256: &str) -> PathBuf {
    documents_dir.join(sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn atomic_writes_replace_whole_files_and_leave_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("dossier.pdf");
        write_atomic(&path, b"first").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no .part file left");
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn writing_into_a_missing_directory_says_so_in_french() {
        let err = write_atomic(Path::new("/nonexistent-dir/x.pdf"), b"x").unwrap_err();
        assert!(err.to_string().contains("introuvable"), "{err}");
    }
}
