//! The counsellor profile (a single row), journaled like every other write.

use chrono::Utc;
use passerelle_domain::profile::CounsellorProfile;
use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

use crate::error::StorageError;
use crate::journal::{self, Journaled, Write, sha256_hex, stamp};

pub(crate) const JOURNALED: Journaled = Journaled {
    entity: "counsellor_profile",
    row_hashes,
};

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

/// Checks (see [`CounsellorProfile::validated`]) and creates or replaces the profile; returns
/// it as stored (trimmed).
pub fn save(
    conn: &mut Connection,
    profile: &CounsellorProfile,
) -> Result<CounsellorProfile, StorageError> {
    let profile = &profile.clone().validated()?;
    let now = stamp(Utc::now());
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
    JOURNALED.append(
        &tx,
        Write {
            at: &now,
            actor: &profile.display_name,
            entity_id: 1,
            action: if before.is_some() { "update" } else { "create" },
            changes: &changes,
            row_hash: &row_hash(profile),
        },
    )?;
    tx.commit()?;
    Ok(profile.clone())
}

fn row_hashes(conn: &Connection) -> Result<Vec<(i64, String)>, StorageError> {
    Ok(get(conn)?.map(|p| (1, row_hash(&p))).into_iter().collect())
}
