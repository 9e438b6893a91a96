//! Passerelle's storage layer over SQLite (rusqlite, bundled).
//!
//! Every connection is made by [`open`]: it is the one place that sets the durability pragmas,
//! runs the migrations and, later, will apply the encryption key. Repository functions take a
//! `&Connection` (or a transaction) and hold no state, so tests run them on temporary files.
//! The layers are drawn in `docs/ARCHITECTURE.md`.

// Layers, bottom up: a module uses only modules of a lower layer (`tests/storage/layers.rs` checks it).
// 0: the error type. 1: the journal, column codecs, files, paths, the log file, migrations. 2: one module per
// table (`tables`), each unaware of the others. 3 and up: use cases that compose tables —
// derived rows, cases, records, parcours, certification, committees — and the integrity check.
mod codes;
mod error;
pub mod files;
pub mod keys;
pub mod log_file;
pub mod migrations;
mod names;
pub mod paths;

mod sealing;

pub mod documents;
pub mod journal;

mod tables;

mod derived;
pub mod integrity;
pub mod todo;

pub mod access;
pub mod backup;
pub mod cases;
pub mod establishments;
pub mod protect;
pub mod records;
pub mod retention;

pub mod calendar;
pub mod dashboard;
pub mod diagnostics;
pub mod matching;
pub mod needs;
pub mod parcours;
pub mod rome;
pub mod training;

pub mod certification;
pub mod committee;

pub use tables::{catalogue, import_mapping, profile, setting, status, territory};

use std::path::Path;
use std::time::Duration;

pub use error::StorageError;
pub use keys::{DataKey, Secret};
pub use rusqlite::Connection;

/// « Today » for a write stamped `at`: the later of `at`'s date and the clock's. Demo data and
/// imported history are written with past stamps; a date valid on the day it happened stays
/// valid, and a real write is checked against the real day.
pub(crate) fn today_for(at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
    at.date_naive().max(chrono::Local::now().date_naive())
}

/// How long a writer waits for another connection's lock before reporting "busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens (creating it if needed) the protected database at `path` with its data key, sets the
/// connection's pragmas, installs the journal's MAC and the document sealing, and migrates it
/// to the latest schema.
///
/// This is the only function that opens a connection to a user's database: the key is applied
/// here, first thing, and nowhere else.
pub fn open(path: &Path, key: &DataKey) -> Result<Connection, StorageError> {
    warm_up_cipher();
    let mut conn = connect(path)?;
    // SQLCipher: the key must be the connection's first statement.
    conn.execute_batch(&key.sqlcipher_pragma())?;
    ensure_readable(&conn, path)?;
    configure(&mut conn)?;
    sealing::install(&conn, key)?;
    migrations::migrate(&mut conn)?;
    Ok(conn)
}

/// Initialises SQLCipher's crypto provider once per process, before any real key is applied:
/// two first keyings racing on separate threads were seen to fail once (« PRAGMA key requires
/// a key of one or more characters ») while OpenSSL set itself up.
fn warm_up_cipher() {
    static READY: std::sync::Once = std::sync::Once::new();
    READY.call_once(|| {
        if let Ok(conn) = Connection::open_in_memory() {
            let _ =
                conn.execute_batch("PRAGMA key = 'amorce'; SELECT count(*) FROM sqlite_master;");
        }
    });
}

/// The file as it is on disk, before any key: creates the private directory and file.
fn connect(path: &Path) -> Result<Connection, StorageError> {
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
    Ok(Connection::open(path)?)
}

/// Whether a file is a plain (unencrypted) SQLite database: its header is in clear.
pub fn is_plain_database(path: &Path) -> bool {
    let mut header = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
        .is_ok_and(|()| &header == b"SQLite format 3\0")
}

/// Reads the schema once: with a wrong key (or a plain file) SQLCipher answers « file is not a
/// database »; say which it is, in French.
fn ensure_readable(conn: &Connection, path: &Path) -> Result<(), StorageError> {
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            Err(if is_plain_database(path) {
                StorageError::NotProtected(path.display().to_string())
            } else {
                StorageError::WrongKey(path.display().to_string())
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// Opens a database from before encryption, to migrate it (see `protect`). Nothing else may
/// open a plain file.
pub(crate) fn open_plain_for_migration(path: &Path) -> Result<Connection, StorageError> {
    let mut conn = Connection::open(path)?;
    configure(&mut conn)?;
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
    // Deleted content is overwritten with zeros where it lay, not left in free pages: a purged
    // person's data must leave the file, not only the tables.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // 32 MiB of page cache (default 2 MiB): searches and lists over 100 000 case files stay in
    // memory instead of going back to the file for every page.
    conn.pragma_update(None, "cache_size", -32_768)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> DataKey {
        DataKey::from_bytes([5; 32])
    }

    #[test]
    fn open_sets_the_durability_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let conn = open(&dir.path().join("nested/dir/p.sqlite3"), &key()).unwrap();
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
        assert_eq!(get("secure_delete"), 1);
        assert_eq!(get("busy_timeout"), 10_000);
    }

    #[cfg(unix)]
    #[test]
    fn the_database_and_its_directory_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let path = data.join("p.sqlite3");
        let conn = open(&path, &key()).unwrap();
        conn.execute("CREATE TABLE t (x)", []).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&data.join("p.sqlite3-wal")), 0o600);
        drop(conn);
        // A file left world-readable by an earlier version is tightened at the next open.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        drop(open(&path, &key()).unwrap());
        assert_eq!(mode(&path), 0o600);
    }

    #[test]
    fn the_file_is_unreadable_without_the_key_and_another_key_is_refused_in_french() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.sqlite3");
        let conn = open(&path, &key()).unwrap();
        conn.execute(
            "INSERT INTO territory (code, label) VALUES ('sarrebourg', 'Pays de Sarrebourg')",
            [],
        )
        .unwrap();
        drop(conn);
        assert!(!is_plain_database(&path));
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            !bytes.windows(10).any(|w| w == b"Sarrebourg"),
            "no plaintext"
        );
        let err = open(&path, &DataKey::from_bytes([6; 32])).unwrap_err();
        assert!(
            err.to_string().contains("ne s’ouvre pas avec cette clé"),
            "{err}"
        );
        // Plain SQLite cannot read it either.
        let plain = Connection::open(&path).unwrap();
        assert!(
            plain
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
                    .get::<_, i64>(0))
                .is_err()
        );
    }

    #[test]
    fn a_directory_is_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let err = open(dir.path(), &key()).unwrap_err();
        assert!(err.to_string().contains("est un dossier"), "{err}");
    }
}
