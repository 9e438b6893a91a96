//! Territories (reference data the user can extend).

use passerelle_domain::ipc::Territory;
use rusqlite::{Connection, params};

use crate::StorageError;

/// All territories, built-in ones first, then by label.
pub fn list(conn: &Connection) -> Result<Vec<Territory>, StorageError> {
    let mut stmt =
        conn.prepare_cached("SELECT code, label FROM territory ORDER BY builtin DESC, label")?;
    let rows = stmt.query_map([], |r| {
        Ok(Territory {
            code: r.get(0)?,
            label: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Adds a territory (or renames an existing one).
pub fn upsert(conn: &Connection, territory: &Territory) -> Result<(), StorageError> {
    conn.execute(
        "INSERT INTO territory (code, label) VALUES (?1, ?2)
         ON CONFLICT (code) DO UPDATE SET label = ?2",
        params![territory.code, territory.label],
    )?;
    Ok(())
}
