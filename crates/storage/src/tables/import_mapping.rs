//! The `import_mapping` table: the headers a user mapped by hand when importing case files,
//! per source (the import crate's `source_key`, the file's header line), so the next file of
//! the same source maps itself. Not journaled: no personal data, nothing a committee reads.

use rusqlite::{Connection, params};

use crate::error::StorageError;

/// The mapping remembered for `source`: (normalised header, field path; `""` = ignored).
pub fn remembered(conn: &Connection, source: &str) -> Result<Vec<(String, String)>, StorageError> {
    let mut stmt = conn.prepare_cached(
        "SELECT header, field FROM import_mapping WHERE source = ?1 ORDER BY header",
    )?;
    let rows = stmt.query_map([source], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Replaces what is remembered for `source` by `mapping`, in one transaction.
pub fn remember(
    conn: &mut Connection,
    source: &str,
    mapping: &[(String, String)],
) -> Result<(), StorageError> {
    let tx = conn.transaction()?;
    tx.execute("DELETE FROM import_mapping WHERE source = ?1", [source])?;
    {
        let mut insert = tx.prepare_cached(
            "INSERT OR REPLACE INTO import_mapping (source, header, field) VALUES (?1, ?2, ?3)",
        )?;
        for (header, field) in mapping {
            insert.execute(params![source, header, field])?;
        }
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_remembers_its_own_mapping_only() {
        let dir = tempfile::tempdir().unwrap();
        let key = crate::DataKey::from_bytes([5; 32]);
        let mut conn = crate::open(&dir.path().join("t.sqlite3"), &key).unwrap();
        let hr = "adresse_mail_pro|nom|prenom";
        remember(
            &mut conn,
            hr,
            &[
                ("adresse_mail_pro".into(), "beneficiary.email".into()),
                ("site".into(), String::new()),
            ],
        )
        .unwrap();
        remember(
            &mut conn,
            "autre",
            &[("mel".into(), "beneficiary.email".into())],
        )
        .unwrap();
        // A new choice replaces the old one whole.
        remember(
            &mut conn,
            hr,
            &[("adresse_mail_pro".into(), "beneficiary.email".into())],
        )
        .unwrap();
        assert_eq!(
            remembered(&conn, hr).unwrap(),
            [(
                "adresse_mail_pro".to_owned(),
                "beneficiary.email".to_owned()
            )]
        );
        assert!(remembered(&conn, "inconnue").unwrap().is_empty());
    }
}
