//! The counsellor profile (a single row).

use chrono::{SecondsFormat, Utc};
use passerelle_domain::profile::CounsellorProfile;
use rusqlite::{Connection, OptionalExtension, params};

use crate::StorageError;

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

/// Creates or replaces the profile. The caller validates it first (see
/// [`CounsellorProfile::validated`]); the table's CHECK constraints are the last line.
pub fn save(conn: &Connection, profile: &CounsellorProfile) -> Result<(), StorageError> {
    let now = Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
    conn.execute(
        "INSERT INTO counsellor_profile (id, display_name, structure, updated_at)
         VALUES (1, ?1, ?2, ?3)
         ON CONFLICT (id) DO UPDATE SET display_name = ?1, structure = ?2, updated_at = ?3",
        params![profile.display_name, profile.structure, now],
    )?;
    Ok(())
}
