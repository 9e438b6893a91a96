//! The counsellor profile (a single row), journaled like every other write.

use chrono::{SecondsFormat, Utc};
use passerelle_domain::profile::CounsellorProfile;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use crate::StorageError;
use crate::journal::{self, Record, sha256_hex};

const ENTITY: &str = "counsellor_profile";

/// Who signs changes when no profile has been filled in (the CLI before first launch).
pub const UNKNOWN_ACTOR: &str = "Conseiller non renseigné";

/// The saved profile, if the counsellor has filled it in.
pub fn get(conn: &Connection) -> Result<Option<CounsellorProfile>, StorageError> {
    Ok(conn
        .query_row(
            "SELECT display_name, structure FROM counsellor_profile WHERE id = 1",
            [],
            |r| {
                Ok(CounsellorProfile {
                    display_name: r.get(0)?,
                    structure: r.get(1)?,
                })
            },
        )
        .optional()?)
}

/// The name that signs journal entries.
pub fn actor(conn: &Connection) -> Result<String, StorageError> {
    Ok(get(conn)?.map_or_else(|| UNKNOWN_ACTOR.to_owned(), |p| p.display_name))
}

fn row_hash(p: &CounsellorProfile) -> String {
    sha256_hex(&[&p.display_name, &p.structure])
}

/// Creates or replaces the profile. The caller validates it first (see
/// [`CounsellorProfile::validated`]); the table's CHECK constraints are the last line.
pub fn save(conn: &mut Connection, profile: &CounsellorProfile) -> Result<(), StorageError> {
    let now = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
    let tx = conn.transaction()?;
    let before = get(&tx)?;
    tx.execute(
        "INSERT INTO counsellor_profile (id, display_name, structure, updated_at)
         VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET display_name = ?1, structure = ?2, updated_at = ?3",
        params![profile.display_name, profile.structure, now],
    )?;
    let as_json = |p: Option<&CounsellorProfile>| {
        p.map_or(
            serde_json::Value::Null,
            |p| json!({"displayName": p.display_name, "structure": p.structure}),
        )
    };
    let changes = journal::diff(&as_json(before.as_ref()), &as_json(Some(profile)));
    journal::append(
        &tx,
        &Record {
            at: &now,
            actor: &profile.display_name,
            entity: ENTITY,
            entity_id: 1,
            action: if before.is_some() { "update" } else { "create" },
            changes: &changes,
            row_hash: &row_hash(profile),
        },
    )?;
    tx.commit()?;
    Ok(())
}

/// Current row hash of the profile, for `journal::verify`.
pub(crate) fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    Ok(get(conn)?.map(|p| (1, row_hash(&p))).into_iter().collect())
}
