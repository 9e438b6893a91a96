//! Passerelle's storage layer over SQLite (rusqlite, bundled).
//!
//! Every connection is made by [`open`]: it is the one place that sets the durability pragmas,
//! runs the migrations and, later, will apply the encryption key. Repository functions take a
//! `&Connection` (or a transaction) and hold no state, so tests run them on temporary files.

pub mod cases;
pub mod catalogue;
pub mod cert_staff;
mod codes;
pub mod committees;
pub mod enrolments;
mod error;
pub mod journal;
pub mod migrations;
pub mod parcours;
pub mod paths;
pub mod profile;
pub mod records;
pub mod sessions;
pub mod status;
pub mod territories;

use std::path::Path;
use std::time::Duration;

pub use error::StorageError;
pub use rusqlite::Connection;

/// How long a writer waits for another connection's lock before reporting "busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens (creating it if needed) the database at `path`, sets the connection's pragmas and
/// migrates it to the latest schema.
///
/// This is the only function that opens a connection: keep it that way, so that encryption at
/// rest can be added here once.
pub fn open(path: &Path) -> Result<Connection, StorageError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| StorageError::CreateDir {
            path: dir.display().to_string(),
            source,
        })?;
    }
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    migrations::migrate(&mut conn)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<(), StorageError> {
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
        assert_eq!(get("busy_timeout"), 5000);
    }
}
