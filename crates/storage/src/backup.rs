//! Backups: one archive holding a consistent copy of the database (SQLite's online backup, so
//! the app may keep working meanwhile), its key file and every kept document — all already
//! encrypted — with a manifest of their sizes and SHA-256, authenticated by an HMAC under a
//! key derived from the data key. Verifying an archive needs the passphrase or the recovery
//! key; restoring verifies first, then swaps the files, keeping the replaced ones aside.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use hmac::{Hmac, Mac};
use rusqlite::Connection;
use rusqlite::backup::Backup;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use crate::error::StorageError;
use crate::journal::stamp;
use crate::keys::{self, DataKey, Purpose, Secret};
use crate::tables::{document, setting};
use crate::{files, integrity, journal, migrations};

const FORMAT: &str = "passerelle-sauvegarde";
const MANIFEST: &str = "manifest.json";
const MANIFEST_MAC: &str = "manifest.mac";
const DATABASE: &str = "passerelle.sqlite3";
const KEY_FILE: &str = "passerelle.sqlite3.keys";
const DOCUMENTS: &str = "documents/";
/// Name of the archives the app writes in the backup directory (rotation keeps the newest).
const PREFIX: &str = "passerelle-sauvegarde-";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Entry {
    name: String,
    size: u64,
    sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Manifest {
    format: String,
    version: u32,
    created_at: String,
    schema_version: u32,
    cases: u64,
    documents: u64,
    journal_entries: u64,
    journal_head: Option<(i64, String)>,
    entries: Vec<Entry>,
}

/// What an archive holds, as written or as verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub path: PathBuf,
    pub created_at: String,
    pub cases: u64,
    pub documents: u64,
    pub journal_entries: u64,
    pub journal_head: Option<(i64, String)>,
    pub bytes: u64,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn manifest_mac(key: &DataKey, manifest: &[u8]) -> String {
    let subkey = key.derive(Purpose::Backup);
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(subkey.as_ref())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(manifest);
    hex(&mac.finalize().into_bytes())
}

fn refused(path: &Path, why: impl Into<String>) -> StorageError {
    StorageError::Damaged {
        what: "Fichier de sauvegarde",
        path: path.display().to_string(),
        reason: why.into(),
    }
}

fn count(conn: &Connection, sql: &str) -> Result<u64, StorageError> {
    Ok(conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
}

/// Writes a backup of the open database `conn` (at `database`, unlocked with `key`) to `out`.
pub fn create(
    conn: &Connection,
    database: &Path,
    key: &DataKey,
    out: &Path,
) -> Result<Summary, StorageError> {
    let staging = tempfile::Builder::new()
        .prefix(".passerelle-sauvegarde-")
        .tempdir_in(
            out.parent()
                .filter(|d| !d.as_os_str().is_empty())
                .unwrap_or(Path::new(".")),
        )
        .map_err(|e| StorageError::io("Sauvegarde", out, e))?;
    // A consistent copy, page by page, while other connections may write; the copy is
    // encrypted under the same key.
    let copy = staging.path().join(DATABASE);
    {
        let mut dst = Connection::open(&copy)?;
        dst.execute_batch(&key.sqlcipher_pragma())?;
        Backup::new(conn, &mut dst)?.run_to_completion(4096, Duration::ZERO, None)?;
    }
    let documents_dir = files::documents_dir(database);
    let kept = document::kept_files(conn)?;
    let created_at = stamp(Utc::now());
    let mut manifest = Manifest {
        format: FORMAT.into(),
        version: 1,
        created_at: created_at.clone(),
        schema_version: migrations::schema_version(conn)?,
        cases: count(conn, "SELECT count(*) FROM case_file")?,
        documents: kept.len() as u64,
        journal_entries: count(conn, "SELECT count(*) FROM journal")?,
        journal_head: journal::head(conn)?,
        entries: Vec::new(),
    };
    let mut sources: Vec<(String, PathBuf)> = vec![
        (DATABASE.into(), copy),
        (KEY_FILE.into(), keys::key_file_path(database)),
    ];
    for (_, sha, _) in &kept {
        sources.push((
            format!("{DOCUMENTS}{sha}"),
            files::document_path(&documents_dir, sha),
        ));
    }
    files::write_atomic_with(out, |file| {
        let io = |e: std::io::Error| StorageError::io("Sauvegarde", out, e);
        let zip_err = |e: zip::result::ZipError| refused(out, e.to_string());
        let mut zip = ZipWriter::new(&mut *file);
        let stored = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .large_file(true);
        for (name, path) in &sources {
            let mut source =
                std::fs::File::open(path).map_err(|e| StorageError::io("Fichier", path, e))?;
            zip.start_file(name.as_str(), stored).map_err(zip_err)?;
            let mut hasher = Sha256::new();
            let mut buf = vec![0u8; 1 << 16];
            let mut size = 0u64;
            loop {
                let n = source.read(&mut buf).map_err(io)?;
                if n == 0 {
                    break;
                }
                hasher.update(&buf[..n]);
                zip.write_all(&buf[..n]).map_err(io)?;
                size += n as u64;
            }
            manifest.entries.push(Entry {
                name: name.clone(),
                size,
                sha256: hex(&hasher.finalize()),
            });
        }
        let text = serde_json::to_vec_pretty(&manifest).map_err(StorageError::json)?;
        zip.start_file(MANIFEST, stored).map_err(zip_err)?;
        zip.write_all(&text).map_err(io)?;
        zip.start_file(MANIFEST_MAC, stored).map_err(zip_err)?;
        zip.write_all(manifest_mac(key, &text).as_bytes())
            .map_err(io)?;
        zip.finish().map_err(zip_err)?;
        Ok(())
    })?;
    let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    setting::set(conn, "last_backup_at", Some(&created_at))?;
    setting::set(conn, "last_backup_path", Some(&out.display().to_string()))?;
    Ok(Summary {
        path: out.to_path_buf(),
        created_at,
        cases: manifest.cases,
        documents: manifest.documents,
        journal_entries: manifest.journal_entries,
        journal_head: manifest.journal_head,
        bytes,
    })
}

fn read_entry(
    archive: &mut ZipArchive<std::fs::File>,
    file: &Path,
    name: &str,
    limit: u64,
) -> Result<Vec<u8>, StorageError> {
    let mut entry = archive.by_name(name).map_err(|_| {
        refused(
            file,
            format!("« {name} » manque : archive tronquée ou d’un autre logiciel"),
        )
    })?;
    if entry.size() > limit {
        return Err(refused(file, format!("« {name} » trop grand")));
    }
    let mut out = Vec::with_capacity(entry.size() as usize);
    entry.read_to_end(&mut out).map_err(|_| {
        refused(
            file,
            format!("« {name} » illisible : archive tronquée ou altérée"),
        )
    })?;
    Ok(out)
}

/// Checks an archive without restoring it: the manifest's MAC (needs the passphrase or the
/// recovery key, the archive's own key file unlocks it), every entry's size and SHA-256, no
/// entry missing or added, then the database copy opened, checked and its journal verified.
/// `extract_to`: also write the files there (a restore). Returns what it holds and its key.
fn check(
    file: &Path,
    secret: Secret<'_>,
    extract_to: Option<&Path>,
) -> Result<(Summary, DataKey), StorageError> {
    let handle = std::fs::File::open(file).map_err(|e| StorageError::io("Sauvegarde", file, e))?;
    let bytes = handle.metadata().map(|m| m.len()).unwrap_or(0);
    let mut archive = ZipArchive::new(handle).map_err(|_| {
        refused(
            file,
            "ce n’est pas une sauvegarde lisible (tronquée, altérée ou d’un autre logiciel)",
        )
    })?;
    let text = read_entry(&mut archive, file, MANIFEST, 64 << 20)?;
    let mac = read_entry(&mut archive, file, MANIFEST_MAC, 128)?;
    let key_file = read_entry(&mut archive, file, KEY_FILE, 1 << 20)?;
    let key = keys::unlock_bytes(&key_file, secret)?;
    if manifest_mac(&key, &text).as_bytes() != mac.as_slice() {
        return Err(refused(file, "le manifeste a été modifié"));
    }
    let manifest: Manifest =
        serde_json::from_slice(&text).map_err(|_| refused(file, "manifeste illisible"))?;
    if manifest.format != FORMAT || manifest.version != 1 {
        return Err(refused(file, "format de sauvegarde inconnu"));
    }
    let expected: std::collections::BTreeSet<&str> = manifest
        .entries
        .iter()
        .map(|e| e.name.as_str())
        .chain([MANIFEST, MANIFEST_MAC])
        .collect();
    let mut present: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for i in 0..archive.len() {
        let unreadable = || refused(file, "table des fichiers illisible");
        let entry = archive.by_index_raw(i).map_err(|_| unreadable())?;
        present.insert(entry.name().map_err(|_| unreadable())?.into_owned());
    }
    if present
        .iter()
        .map(String::as_str)
        .collect::<std::collections::BTreeSet<_>>()
        != expected
    {
        return Err(refused(
            file,
            "fichiers en trop ou manquants par rapport au manifeste",
        ));
    }
    let staging =
        tempfile::tempdir().map_err(|e| StorageError::io("Dossier temporaire", file, e))?;
    let target = extract_to.unwrap_or(staging.path());
    for entry in &manifest.entries {
        let mut zipped = archive
            .by_name(&entry.name)
            .map_err(|_| refused(file, format!("« {} » illisible", entry.name)))?;
        let is_database = entry.name == DATABASE;
        let keep = is_database || extract_to.is_some();
        let path = target.join(&entry.name);
        let mut out = if keep {
            if let Some(dir) = path.parent() {
                files::create_private_dir(dir)?;
            }
            Some(std::fs::File::create(&path).map_err(|e| StorageError::io("Fichier", &path, e))?)
        } else {
            None
        };
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = zipped
                .read(&mut buf)
                .map_err(|_| refused(file, format!("« {} » tronqué ou altéré", entry.name)))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
            size += n as u64;
            if let Some(out) = out.as_mut() {
                out.write_all(&buf[..n])
                    .map_err(|e| StorageError::io("Fichier", &path, e))?;
            }
        }
        if size != entry.size || hex(&hasher.finalize()) != entry.sha256 {
            return Err(refused(
                file,
                format!("« {} » ne correspond pas au manifeste", entry.name),
            ));
        }
        if let Some(out) = out {
            out.sync_all()
                .map_err(|e| StorageError::io("Fichier", &path, e))?;
        }
    }
    // The copy opens with the key, is consistent, and its journal verifies.
    let copy = target.join(DATABASE);
    let conn = crate::open(&copy, &key)?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(refused(file, format!("base incohérente ({check})")));
    }
    if let Err(broken) = integrity::verify(&conn)? {
        return Err(refused(
            file,
            format!(
                "journal rompu à l’entrée {} : {}",
                broken.entry_id, broken.reason
            ),
        ));
    }
    drop(conn);
    Ok((
        Summary {
            path: file.to_path_buf(),
            created_at: manifest.created_at,
            cases: manifest.cases,
            documents: manifest.documents,
            journal_entries: manifest.journal_entries,
            journal_head: manifest.journal_head,
            bytes,
        },
        key,
    ))
}

/// Verifies an archive without restoring anything.
pub fn verify(file: &Path, secret: Secret<'_>) -> Result<Summary, StorageError> {
    check(file, secret, None).map(|(summary, _)| summary)
}

/// Restores an archive over the database at `database`: everything is verified in a staging
/// directory beside it first; then the database, its key file and its documents are swapped
/// in, the replaced ones kept aside as `…avant-restauration-<date>`. Returns the archive's
/// summary and the restored database's key.
pub fn restore(
    file: &Path,
    secret: Secret<'_>,
    database: &Path,
) -> Result<(Summary, DataKey), StorageError> {
    let dir = database
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    files::create_private_dir(dir)?;
    let staging = tempfile::Builder::new()
        .prefix(".passerelle-restauration-")
        .tempdir_in(dir)
        .map_err(|e| StorageError::io("Dossier", dir, e))?;
    let (summary, key) = check(file, secret, Some(staging.path()))?;
    let suffix = format!(".avant-restauration-{}", Utc::now().format("%Y%m%d-%H%M%S"));
    let aside = |path: &Path| {
        let mut name = path.as_os_str().to_owned();
        name.push(&suffix);
        PathBuf::from(name)
    };
    let swaps = [
        (staging.path().join(DATABASE), database.to_path_buf()),
        (staging.path().join(KEY_FILE), keys::key_file_path(database)),
        (
            staging.path().join(DOCUMENTS.trim_end_matches('/')),
            files::documents_dir(database),
        ),
    ];
    for (_, target) in &swaps {
        for extra in ["-wal", "-shm"] {
            let mut name = target.as_os_str().to_owned();
            name.push(extra);
            let path = PathBuf::from(name);
            if path.exists() {
                std::fs::rename(&path, aside(&path))
                    .map_err(|e| StorageError::io("Fichier", &path, e))?;
            }
        }
        if target.exists() {
            std::fs::rename(target, aside(target))
                .map_err(|e| StorageError::io("Fichier", target, e))?;
        }
    }
    for (from, to) in &swaps {
        if from.exists() {
            std::fs::rename(from, to).map_err(|e| StorageError::io("Fichier", to, e))?;
        }
    }
    files::sync_dir(dir)?;
    Ok((summary, key))
}

/// Keeps the `keep` newest archives the app wrote in `dir`, removing older ones.
pub fn rotate(dir: &Path, keep: u32) -> Result<u32, StorageError> {
    let mut archives: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| StorageError::io("Dossier des sauvegardes", dir, e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(".zip"))
        })
        .collect();
    // The names carry the date: sorted, the oldest come first.
    archives.sort();
    let extra = archives.len().saturating_sub(keep.max(1) as usize);
    for old in &archives[..extra] {
        std::fs::remove_file(old).map_err(|e| StorageError::io("Sauvegarde", old, e))?;
    }
    Ok(extra as u32)
}

/// The file name of an archive written now in the backup directory.
pub fn archive_name() -> String {
    format!("{PREFIX}{}.zip", Utc::now().format("%Y-%m-%d-%H%M%S"))
}

/// The automatic backup (on exit, or once a day): into the backup directory the user chose,
/// then rotation. `None` when no directory is set.
pub fn automatic(
    conn: &Connection,
    database: &Path,
    key: &DataKey,
) -> Result<Option<Summary>, StorageError> {
    let settings = setting::load(conn)?;
    let Some(dir) = settings.backup_dir else {
        return Ok(None);
    };
    let dir = PathBuf::from(dir);
    files::create_private_dir(&dir)?;
    let summary = create(conn, database, key, &dir.join(archive_name()))?;
    rotate(&dir, settings.backup_keep)?;
    Ok(Some(summary))
}
