//! Establishments: written all or nothing (an import of the Sirene stock), read by territory.

use passerelle_domain::establishment::Establishment;
use rusqlite::Connection;

use crate::error::StorageError;
use crate::tables::establishment;

pub use crate::tables::establishment::{cases, get, list};

/// What a write of establishments did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Saved {
    pub inserted: u64,
    pub updated: u64,
}

/// Inserts or updates `rows` in one transaction: all of them, or none.
pub fn save_all(conn: &mut Connection, rows: &[Establishment]) -> Result<Saved, StorageError> {
    let tx = conn.transaction()?;
    let mut saved = Saved::default();
    for row in rows {
        if establishment::upsert(&tx, row)? {
            saved.inserted += 1;
        } else {
            saved.updated += 1;
        }
    }
    tx.commit()?;
    Ok(saved)
}
