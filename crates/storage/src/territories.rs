//! Territories (reference data the user can extend; additions are journaled).

use chrono::{DateTime, SecondsFormat, Utc};
use passerelle_domain::ipc::Territory;
use passerelle_domain::text::fold_for_sort;
use rusqlite::{Connection, params};
use serde_json::{Value, json};

use crate::StorageError;
use crate::journal::{self, Record, sha256_hex};

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

/// `Pays de Sarrebourg` → `pays-de-sarrebourg`.
pub fn code_for(label: &str) -> String {
    let folded = fold_for_sort(label).to_lowercase();
    let mut code = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            code.push(c);
        } else if !code.ends_with('-') && !code.is_empty() {
            code.push('-');
        }
    }
    code.trim_end_matches('-').to_owned()
}

fn row_hash(code: &str, label: &str) -> String {
    sha256_hex(&[code, label])
}

/// Adds a territory from its label (the caller checks the label is not blank). A label whose
/// code exists already is refused.
pub fn add(
    conn: &mut Connection,
    actor: &str,
    label: &str,
    at: DateTime<Utc>,
) -> Result<Territory, StorageError> {
    let label = label.trim();
    let code = code_for(label);
    let tx = conn.transaction()?;
    let inserted = tx.execute(
        "INSERT INTO territory (code, label) VALUES (?1, ?2) ON CONFLICT (code) DO NOTHING",
        params![code, label],
    )?;
    if inserted == 0 {
        return Err(StorageError::Duplicate(format!(
            "territoire « {label} » ({code})"
        )));
    }
    let id = tx.last_insert_rowid();
    let now = at.to_rfc3339_opts(SecondsFormat::Secs, true);
    journal::append(
        &tx,
        &Record {
            at: &now,
            actor,
            entity: "territory",
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
pub(crate) fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    let mut stmt = conn.prepare("SELECT rowid, code, label FROM territory WHERE builtin = 0")?;
    let rows = stmt.query_map([], |r| {
        let (code, label): (String, String) = (r.get(1)?, r.get(2)?);
        Ok((r.get(0)?, row_hash(&code, &label)))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
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
