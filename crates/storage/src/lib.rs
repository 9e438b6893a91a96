//! Passerelle's storage layer over SQLite (rusqlite, bundled).
//!
//! Every connection is made by [`open`]: it is the one place that sets the durability pragmas,
//! runs the migrations and, later, will apply the encryption key. Repository functions take a
//! `&Connection` (or a transaction) and hold no state, so tests run them on temporary files.
//! The layers are drawn in `docs/ARCHITECTURE.md`.

// Layers, bottom up: a module uses only modules of a lower layer (`tests/layers.rs` checks it).
// 0: the error type. 1: the journal, column codecs, files, paths, migrations. 2: one module per
// table (`tables`), each unaware of the others. 3 and up: use cases that compose tables —
// derived rows, cases, records, parcours, certification, committees — and the integrity check.
mod codes;
mod error;
pub mod files;
pub mod journal;
pub mod migrations;
mod names;
pub mod paths;
mod tables;

mod derived;
pub mod integrity;
pub mod todo;

pub mod cases;
pub mod records;

pub mod parcours;

pub mod certification;
pub mod committee;

pub use tables::{catalogue, profile, status, territory};

use std::path::Path;
use std::time::Duration;

pub use error::StorageError;
pub use rusqlite::Connection;

/// « Today » for a write stamped `at`: the later of `at`'s date and the clock's. Demo data and
/// imported history are written with past stamps; a date valid on the day it happened stays
/// valid, and a real write is checked against the real day.
pub(crate) fn today_for(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    at.date_naive().max(chrono::Local::now().date_naive())
}

/// How long a writer waits for another connection's lock before reporting "busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens (creating it if needed) the database at `path`, sets the connection's pragmas and
/// migrates it to the latest schema.
///
/// This is the only function that opens a connection: keep it that way, so that encryption at
/// rest can be added here once.
pub fn open(path: &Path) -> Result<Connection, StorageError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        files::create_private_dir(dir)?;
    }
    if path.is_dir() {
        return Err(StorageError::io(
            "Base de données",
            path,
            std::io::Error::from(std::io::ErrorKind::IsADirectory),
        ));
    }
    // SQLite gives the WAL and shared-memory files the database file's permissions: create it
    // private first, and tighten files an earlier version left readable by others.
    files::create_private_file(path)?;
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        files::make_private(Path::new(&name))?;
    }
    let mut conn = Connection::open(path)?;
    configure(&mut conn)?;
    migrations::migrate(&mut conn)?;
    Ok(conn)
}

fn configure(conn: &mut Connection) -> Result<(), StorageError> {
    // Every write transaction takes the write lock when it begins. A deferred transaction that
    // reads first and writes later cannot wait for the lock (SQLite would deadlock), so it fails
    // at once with « database is locked » whatever the busy timeout; IMMEDIATE ones wait.
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    // WAL: readers never block the writer, and a crash mid-write leaves the last commit intact.
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StorageError::Pragma(format!(
            "journal_mode is {mode}, not wal"
        )));
    }
    // FULL: a committed change survives a power cut, not only an application crash. Case data is
    // typed by hand, one edit at a time: durability matters more than write throughput.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 32 MiB of page cache (default 2 MiB): searches and lists over 100 000 case files stay in
    // memory instead of going back to the file for every page.
    conn.pragma_update(None, "cache_size", -32_768)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_sets_the_durability_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("nested/dir/p.sqlite3")).unwrap();
        let get = |name: &str| -> i64 {
            conn.pragma_query_value(None, name, |r| r.get::<_, i64>(0))
                .unwrap()
        };
        let mode: String = conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        assert_eq!(get("synchronous"), 2, "synchronous must be FULL");
        assert_eq!(get("foreign_keys"), 1);
        assert_eq!(get("busy_timeout"), 10_000);
    }

    #[cfg(unix)]
    #[test]
    fn the_database_and_its_directory_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let path = data.join("p.sqlite3");
        let conn = open(&path).unwrap();
        conn.execute("CREATE TABLE t (x)", []).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&data.join("p.sqlite3-wal")), 0o600);
        drop(conn);
        // A file left world-readable by an earlier version is tightened at the next open.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        drop(open(&path).unwrap());
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn a_directory_is_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let err = open(dir.path()).unwrap_err();
        assert!(err.to_string().contains("est un dossier"), "{err}");
    }
}
