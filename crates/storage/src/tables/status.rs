//! Counts and versions for the status line and `passerelle info`.

use rusqlite::Connection;

use crate::error::StorageError;

/// Number of case files that are not archived.
pub fn count_active_case_files(conn: &Connection) -> Result<u64, StorageError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM case_file WHERE archived_at IS NULL",
        [],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}

/// Number of archived case files.
pub fn count_archived_case_files(conn: &Connection) -> Result<u64, StorageError> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM case_file WHERE archived_at IS NOT NULL",
        [],
        |r| r.get(0),
    )?;
    Ok(n as u64)
}
