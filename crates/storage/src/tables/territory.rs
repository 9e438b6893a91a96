//! Territories (reference data the user can extend; additions are journaled).

use chrono::{DateTime, Utc};
use passerelle_domain::ipc::Territory;
use rusqlite::{Connection, params};
use serde_json::{Value, json};

use crate::error::StorageError;
use crate::journal::{self, Journaled, Write, sha256_hex, stamp};

/// Territories the user added are journaled (built-in ones come from the migration).
pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "territory",
    row_hashes,
};

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

pub use passerelle_domain::territory::code_for;

fn row_hash(code: &str, label: &str) -> String {
    sha256_hex(&[code, label])
}

/// Adds a territory from its label (checked by the domain). A label whose code exists already
/// is refused.
pub fn add(
    conn: &mut Connection,
    actor: &str,
    label: &str,
    at: DateTime<Utc>,
) -> Result<Territory, StorageError> {
    let (label, code) = passerelle_domain::territory::validated_label(label)?;
    let label = label.as_str();
    let tx = conn.transaction()?;
    let inserted = tx.execute(
        "INSERT INTO territory (code, label) VALUES (?1, ?2) ON CONFLICT (code) DO NOTHING",
        params![code, label],
    )?;
    if inserted == 0 {
        return Err(StorageError::rule(
            "label",
            format!("Le territoire « {label} » ({code}) existe déjà : choisissez un autre nom."),
        ));
    }
    let id = tx.last_insert_rowid();
    JOURNALED.append(
        &tx,
        Write {
            at: &stamp(at),
            actor,
            entity_id: id,
            action: "create",
            changes: &journal::diff(&Value::Null, &json!({"code": code, "label": label})),
            row_hash: &row_hash(&code, label),
        },
    )?;
    tx.commit()?;
    Ok(Territory {
        code,
        label: label.to_owned(),
    })
}

/// Row hashes of the territories the user added (built-in ones come from the migration).
fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    let mut stmt = conn.prepare("SELECT rowid, code, label FROM territory WHERE builtin = 0")?;
    let rows = stmt.query_map([], |r| {
        let (code, label): (String, String) = (r.get(1)?, r.get(2)?);
        Ok((r.get(0)?, row_hash(&code, &label)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Refuses a case attached to a territory that is not in the list (the form offers the list;
/// an import or a script could name anything).
pub(crate) fn ensure_exists(conn: &Connection, code: &str) -> Result<(), StorageError> {
    let exists: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM territory WHERE code = ?1)",
        [code],
        |r| r.get(0),
    )?;
    if exists {
        Ok(())
    } else {
        Err(StorageError::rule(
            "beneficiary.territory",
            format!(
                "Territoire « {} » inconnu : choisissez-le dans la liste (Paramètres › Territoires pour en ajouter un).",
                code.chars().take(40).collect::<String>()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_slugs() {
        assert_eq!(code_for("Pays de Sarrebourg"), "pays-de-sarrebourg");
        assert_eq!(
            code_for("  Val d’Argent — Sainte-Marie  "),
            "val-d-argent-sainte-marie"
        );
    }
}
