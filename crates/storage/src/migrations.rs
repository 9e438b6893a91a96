//! Numbered SQL migrations, applied in order by rusqlite_migration (state in `user_version`).

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations, SchemaVersion};

use crate::StorageError;

// A separate const: `Migrations::from_slice(&[..])` inline does not compile (M has a destructor).
const MIGRATION_SLICE: &[M<'static>] = &[
    M::up(include_str!("../migrations/0001_init.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0002_interviews_documents.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0003_parcours.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0004_certifications.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0005_enrolments.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0006_committees.sql")).foreign_key_check(),
    M::up(include_str!("../migrations/0007_cert_sessions.sql")).foreign_key_check(),
];

const MIGRATIONS: Migrations<'static> = Migrations::from_slice(MIGRATION_SLICE);

/// The schema version this build expects (the number of migrations).
pub const LATEST_VERSION: u32 = MIGRATION_SLICE.len() as u32;

/// Brings the database to the latest schema, each migration in its own transaction.
pub(crate) fn migrate(conn: &mut Connection) -> Result<(), StorageError> {
    MIGRATIONS.to_latest(conn)?;
    Ok(())
}

/// The schema version of an open database (0 for an empty one).
pub fn schema_version(conn: &Connection) -> Result<u32, StorageError> {
    Ok(match MIGRATIONS.current_version(conn)? {
        SchemaVersion::NoneSet => 0,
        SchemaVersion::Inside(n) | SchemaVersion::Outside(n) => n.get() as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        MIGRATIONS.validate().unwrap();
    }
}
