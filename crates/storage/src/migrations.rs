//! Numbered SQL migrations, applied in order by rusqlite_migration (state in `user_version`).

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations, SchemaVersion};

use crate::error::StorageError;

/// Lists the migration files once: as the migrations run, and as (name, text) for the pins.
macro_rules! migrations {
    ($($file:literal),* $(,)?) => {
        /// Each shipped file's name and text, for [`tests::shipped_migrations_are_pinned`].
        #[cfg(test)]
        const FILES: &[(&str, &str)] =
            &[$(($file, include_str!(concat!("../migrations/", $file)))),*];
        // A separate const: `Migrations::from_slice(&[..])` inline does not compile (M has a
        // destructor).
        const MIGRATION_SLICE: &[M<'static>] =
            &[$(M::up(include_str!(concat!("../migrations/", $file))).foreign_key_check()),*];
    };
}

migrations![
    "0001_init.sql",
    "0002_interviews_documents.sql",
    "0003_parcours.sql",
    "0004_certifications.sql",
    "0005_enrolments.sql",
    "0006_committees.sql",
    "0007_cert_sessions.sql",
    "0008_protection.sql",
    "0009_redaction.sql",
    "0010_retention.sql",
    "0011_todo_filters.sql",
    "0012_establishments.sql",
    "0013_case_establishment.sql",
    "0014_territory.sql",
    "0015_matching.sql",
    "0016_demo_mark.sql",
    "0017_import_mapping.sql",
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

    /// A migration that shipped is never edited: a database already migrated would keep the old
    /// schema under the same version. Change the schema with a new file; add its pin here.
    #[test]
    fn shipped_migrations_are_pinned() {
        const PINS: &[(&str, &str)] = &[
            (
                "0001_init.sql",
                "630cad3cb9e32ae40e5230783c8c0ed916bbc1dcb5ff856fd3cb2fab7d96c198",
            ),
            (
                "0002_interviews_documents.sql",
                "8964390b67981b44998d1267a0b62229084b46ff45bce957771b8d2f95c7d82c",
            ),
            (
                "0003_parcours.sql",
                "c9b7bf251d07c782101cefa36d905b0006c54fb7d4d9c4ebc9bf747c23fc80a2",
            ),
            (
                "0004_certifications.sql",
                "64ad9bce471a7eba451377528be7fc412c52dfeaa809362751a69b8dbdd93207",
            ),
            (
                "0005_enrolments.sql",
                "5b82ed2a04914fb8dca0da93a205a05c6123673a7e9d1bb16374dc7b7852c46c",
            ),
            (
                "0006_committees.sql",
                "f89f8cde31b64a56ab517b3029c613a025d4f0aa9d3a955e8e476b53e5e5fd2b",
            ),
            (
                "0007_cert_sessions.sql",
                "e01c5a7fbf30e79b1efd93d25afc65b71292c7d711aa119b708e9756578db884",
            ),
            (
                "0008_protection.sql",
                "04bebef12958a6c8b5fa0cfb9ccddee552fa9cbbfced3f3cbe6201a255c2951d",
            ),
            (
                "0009_redaction.sql",
                "f341ac5766dabdc8caf30862420bb5d64e3419433f19923ed14b18232779c2a8",
            ),
            (
                "0010_retention.sql",
                "7252d1414faafbcec799098ac7fb14c1a3cdc5290f79e8747d5a4930788c901f",
            ),
            (
                "0011_todo_filters.sql",
                "da0678f6f43424a5cf0f77df04ff71d9e4751b0192fc9f09efdb9f47d009657a",
            ),
            (
                "0012_establishments.sql",
                "a4ace40cd7db103027cd23837a2b4decbdcf011e3ddfa115cb0f8217b2c62e18",
            ),
            (
                "0013_case_establishment.sql",
                "ddb39a4a906c2974559cac053ee825bb2e7d969c95cea442434a6d5030b4243f",
            ),
            (
                "0014_territory.sql",
                "82b9c3cad946ade379957bab0d7d14d20243b3d321f15b4f8a7ac6641edc1bb5",
            ),
            (
                "0015_matching.sql",
                "ffd8764397cf700d5c2c551ab8db003963e36eab510d8345095c3fb9f10f5770",
            ),
            (
                "0016_demo_mark.sql",
                "92a2c08412180ab60a94068032d9859832ce0f51e44b8de69a4750979c7ded2f",
            ),
            (
                "0017_import_mapping.sql",
                "8eca14656caabc2f5dbfcba1fa31c7f40f369cadb5fbe6c8020695113e124ea5",
            ),
        ];
        use sha2::{Digest, Sha256};
        assert_eq!(FILES.len(), PINS.len(), "a new migration needs its pin");
        for ((name, text), (pinned_name, pinned)) in FILES.iter().zip(PINS) {
            assert_eq!(name, pinned_name);
            let actual: String = Sha256::digest(text.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(&actual, pinned, "{name} was edited after it shipped");
        }
    }
}
