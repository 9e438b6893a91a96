//! Protecting a database: creating a new protected one (`init`), unlocking one
//! (`open_protected`), and migrating a database from before encryption in place
//! (`protect_existing`).
//!
//! The migration never leaves the data at risk: the plain file stays untouched until an
//! encrypted copy has been written, reopened, checked table by table and its journal verified;
//! a marker file records that the copy is good; only then are the files swapped (two renames)
//! and the plain file overwritten and removed. Interrupted at any point, the next attempt
//! resumes from what is on disk: the plain file again, or the verified copy.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::StorageError;
use crate::journal::{self, Chain};
use crate::keys::{self, DataKey, Secret};
use crate::tables::document;
use crate::{documents, files, integrity};

/// Where a migration stands, and what it is doing now (for a progress bar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// In French: « Copie chiffrée de la base », « Chiffrement des documents »…
    pub step: &'static str,
    pub done: u64,
    pub total: u64,
}

/// What is on disk for a database path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// No database yet: `init` creates one.
    Missing,
    /// A database from before encryption: `protect_existing` migrates it.
    Plain,
    /// A protected database (possibly with a migration to finish, done when it is opened).
    Protected,
}

fn sibling(database: &Path, suffix: &str) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The encrypted copy being written, the marker saying it was verified, and the plain file
/// kept between the two renames.
fn copy_path(database: &Path) -> PathBuf {
    sibling(database, ".chiffrement")
}
fn verified_marker(database: &Path) -> PathBuf {
    sibling(database, ".chiffrement-verifie")
}
fn plain_path(database: &Path) -> PathBuf {
    sibling(database, ".en-clair")
}

/// What is on disk at `database`.
pub fn state(database: &Path) -> State {
    if database.exists() {
        if crate::is_plain_database(database) {
            State::Plain
        } else if std::fs::metadata(database).is_ok_and(|m| m.len() == 0)
            && !keys::is_protected(database)
        {
            State::Missing
        } else {
            State::Protected
        }
    } else if copy_path(database).exists() && verified_marker(database).exists() {
        // Interrupted between the two renames: the verified copy is the database.
        State::Protected
    } else if plain_path(database).exists() {
        State::Plain
    } else {
        State::Missing
    }
}

/// Creates a new protected database from a passphrase; returns its key and the recovery key
/// to show once. Refused when a database is already there.
pub fn init(
    database: &Path,
    passphrase: &str,
) -> Result<(Connection, DataKey, String), StorageError> {
    if state(database) != State::Missing {
        return Err(StorageError::Conflict(format!(
            "une base existe déjà à « {} » : déverrouillez-la, ou choisissez un autre fichier",
            database.display()
        )));
    }
    let (key, recovery) = keys::create(database, passphrase)?;
    let conn = crate::open(database, &key)?;
    Ok((conn, key, recovery))
}

/// Opens the protected database at `database` with `passphrase`, creating it with `kdf` if
/// missing. For scripts, tests, benchmarks and demo data; the app and the command line go
/// through [`init`] and [`open_protected`], which show the recovery key.
pub fn open_or_create(
    database: &Path,
    passphrase: &str,
    kdf: keys::KdfParams,
) -> Result<(Connection, DataKey), StorageError> {
    if state(database) == State::Missing {
        let (key, _) = keys::create_with(database, passphrase, kdf)?;
        let conn = crate::open(database, &key)?;
        return Ok((conn, key));
    }
    open_protected(database, Secret::Passphrase(passphrase))
}

/// Unlocks and opens a protected database, finishing an interrupted migration first.
pub fn open_protected(
    database: &Path,
    secret: Secret<'_>,
) -> Result<(Connection, DataKey), StorageError> {
    if database.is_dir() {
        return Err(StorageError::io(
            "Base de données",
            database,
            std::io::Error::from(std::io::ErrorKind::IsADirectory),
        ));
    }
    if !keys::is_protected(database) {
        return Err(StorageError::Conflict(format!(
            "« {} » n’est pas une base Passerelle protégée : son fichier de clés « {} » est introuvable (restaurez-le depuis une sauvegarde)",
            database.display(),
            keys::key_file_path(database).display()
        )));
    }
    let key = keys::unlock(database, secret)?;
    if state(database) == State::Plain {
        // A migration was started (the key file exists) and interrupted: finish it.
        encrypt_in_place(database, &key, &mut |_| {})?;
    } else {
        finish_swap(database)?;
    }
    let conn = crate::open(database, &key)?;
    Ok((conn, key))
}

/// Protects a database from before encryption: creates its key file from the passphrase (or
/// unlocks the one an interrupted attempt created), then encrypts the database and its
/// documents in place. Returns the open connection, the key and the recovery key to show — a
/// new one when resuming, since the first may never have reached the screen.
pub fn protect_existing(
    database: &Path,
    passphrase: &str,
    progress: &mut dyn FnMut(Progress),
) -> Result<(Connection, DataKey, String), StorageError> {
    let resumed = keys::is_protected(database);
    let (key, recovery) = if resumed {
        (
            keys::unlock(database, Secret::Passphrase(passphrase))?,
            None,
        )
    } else {
        // Check the plain database before anything is written beside it.
        if state(database) != State::Plain {
            return Err(StorageError::Conflict(format!(
                "« {} » n’est pas une base à chiffrer",
                database.display()
            )));
        }
        let (key, recovery) = keys::create(database, passphrase)?;
        (key, Some(recovery))
    };
    encrypt_in_place(database, &key, progress)?;
    let recovery = match recovery {
        Some(recovery) => recovery,
        None => keys::regenerate_recovery(database, &key)?,
    };
    let conn = crate::open(database, &key)?;
    Ok((conn, key, recovery))
}

/// Row counts of every table, to compare copy and original (an FTS table counted by its
/// rows, not by its shadow tables, which the copy rebuilds differently).
fn table_counts(conn: &Connection, schema: &str) -> Result<Vec<(String, i64)>, StorageError> {
    let tables: Vec<(String, String)> = conn
        .prepare(&format!(
            "SELECT name, coalesce(sql, '') FROM {schema}.sqlite_master WHERE type = 'table'
             AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ))?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let virtual_tables: Vec<&str> = tables
        .iter()
        .filter(|(_, sql)| sql.starts_with("CREATE VIRTUAL TABLE"))
        .map(|(name, _)| name.as_str())
        .collect();
    tables
        .iter()
        .filter(|(name, _)| {
            !virtual_tables
                .iter()
                .any(|vt| name.starts_with(&format!("{vt}_")))
        })
        .map(|(name, _)| {
            let n: i64 = conn.query_row(
                &format!("SELECT count(*) FROM {schema}.\"{name}\""),
                [],
                |r| r.get(0),
            )?;
            Ok((name.clone(), n))
        })
        .collect()
}

/// Copies the `main` schema and data into the attached `protected` database: tables, then
/// their rows, then indexes and triggers (so no trigger fires on the copy). SQLCipher's own
/// `sqlcipher_export` does not carry FTS5 tables: they are created and filled through the
/// module, which rebuilds their index; their shadow tables are left to it.
fn export(conn: &Connection) -> Result<(), StorageError> {
    let objects: Vec<(String, String, Option<String>)> = conn
        .prepare(
            "SELECT type, name, sql FROM main.sqlite_master
             WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let virtual_tables: Vec<&str> = objects
        .iter()
        .filter(|(kind, _, sql)| {
            kind == "table"
                && sql
                    .as_deref()
                    .is_some_and(|s| s.starts_with("CREATE VIRTUAL TABLE"))
        })
        .map(|(_, name, _)| name.as_str())
        .collect();
    let is_shadow = |name: &str| {
        virtual_tables.iter().any(|vt| {
            ["_data", "_idx", "_content", "_docsize", "_config"]
                .iter()
                .any(|suffix| name == format!("{vt}{suffix}"))
        })
    };
    let qualify =
        |sql: &str, keyword: &str| sql.replacen(keyword, &format!("{keyword}protected."), 1);
    // Tables first, with their rows.
    for (kind, name, sql) in &objects {
        let Some(sql) = sql else { continue };
        if kind != "table" || is_shadow(name) {
            continue;
        }
        if virtual_tables.contains(&name.as_str()) {
            conn.execute_batch(&qualify(sql, "CREATE VIRTUAL TABLE "))?;
        } else {
            conn.execute_batch(&qualify(sql, "CREATE TABLE "))?;
        }
        // Stored columns only (generated ones are computed again on insert).
        let columns: Vec<String> = conn
            .prepare(&format!("PRAGMA main.table_xinfo(\"{name}\")"))?
            .query_map([], |r| Ok((r.get::<_, String>(1)?, r.get::<_, i64>(6)?)))?
            .filter_map(|c| match c {
                Ok((column, 0)) => Some(Ok(format!("\"{column}\""))),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<_, _>>()?;
        let list = if virtual_tables.contains(&name.as_str()) {
            format!("rowid, {}", columns.join(", "))
        } else {
            columns.join(", ")
        };
        conn.execute_batch(&format!(
            "INSERT INTO protected.\"{name}\" ({list}) SELECT {list} FROM main.\"{name}\";"
        ))?;
    }
    // Then what depends on them.
    for (kind, _, sql) in &objects {
        let Some(sql) = sql else { continue };
        let statement = match kind.as_str() {
            "index" if sql.starts_with("CREATE UNIQUE INDEX ") => {
                qualify(sql, "CREATE UNIQUE INDEX ")
            }
            "index" => qualify(sql, "CREATE INDEX "),
            "trigger" => qualify(sql, "CREATE TRIGGER "),
            "view" => qualify(sql, "CREATE VIEW "),
            _ => continue,
        };
        conn.execute_batch(&statement)?;
    }
    Ok(())
}

fn remove_with_wal(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(sibling(path, suffix));
    }
}

/// Overwrites a file with zeros, syncs, removes it: the plain data does not stay readable in
/// the file's blocks as far as the file system allows (copy-on-write file systems and SSDs may
/// keep old blocks; full-disk encryption covers those).
fn shred(path: &Path) -> Result<(), StorageError> {
    use std::io::Write;
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| StorageError::io("Ancienne base en clair", path, e))?;
    let zeros = vec![0u8; 1 << 16];
    let mut left = meta.len();
    while left > 0 {
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n])
            .map_err(|e| StorageError::io("Ancienne base en clair", path, e))?;
        left -= n as u64;
    }
    file.sync_all()
        .map_err(|e| StorageError::io("Ancienne base en clair", path, e))?;
    drop(file);
    std::fs::remove_file(path).map_err(|e| StorageError::io("Ancienne base en clair", path, e))
}

/// Finishes a migration whose copy was verified: the two renames, then the plain file shredded.
fn finish_swap(database: &Path) -> Result<(), StorageError> {
    let (copy, marker, plain) = (
        copy_path(database),
        verified_marker(database),
        plain_path(database),
    );
    if marker.exists() && copy.exists() {
        if database.exists() {
            std::fs::rename(database, &plain)
                .map_err(|e| StorageError::io("Base de données", database, e))?;
        }
        std::fs::rename(&copy, database)
            .map_err(|e| StorageError::io("Base de données", &copy, e))?;
        if let Some(dir) = database.parent() {
            files::sync_dir(dir)?;
        }
        let _ = std::fs::remove_file(&marker);
    }
    if plain.exists() && !crate::is_plain_database(database) && database.exists() {
        for suffix in ["-wal", "-shm"] {
            shred(&sibling(&plain, suffix))?;
        }
        shred(&plain)?;
    }
    Ok(())
}

/// The migration itself (see the module's comment).
fn encrypt_in_place(
    database: &Path,
    key: &DataKey,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), StorageError> {
    let (copy, marker) = (copy_path(database), verified_marker(database));
    if !(marker.exists() && copy.exists()) && crate::is_plain_database(database) {
        let _ = std::fs::remove_file(&marker);
        remove_with_wal(&copy);
        progress(Progress {
            step: "Vérification du journal de la base en clair",
            done: 0,
            total: 4,
        });
        let plain = crate::open_plain_for_migration(database)?;
        plain.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
        if let Err(broken) = journal::verify_chain(&plain, Chain::Legacy)? {
            return Err(StorageError::Conflict(format!(
                "le journal de la base en clair est rompu à l’entrée {} ({}) : la base n’a pas été chiffrée, rien n’a été modifié",
                broken.entry_id, broken.reason
            )));
        }
        let version: i64 = plain.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let before = table_counts(&plain, "main")?;
        progress(Progress {
            step: "Copie chiffrée de la base",
            done: 1,
            total: 4,
        });
        files::create_private_file(&copy)?;
        let attach = key.sqlcipher_pragma().replace(
            "PRAGMA key = ",
            &format!(
                "ATTACH DATABASE '{}' AS protected KEY ",
                copy.display().to_string().replace('\'', "''")
            ),
        );
        plain.execute_batch(&attach)?;
        export(&plain)?;
        plain.execute_batch(&format!("PRAGMA protected.user_version = {version};"))?;
        let after = table_counts(&plain, "protected")?;
        plain.execute_batch("DETACH DATABASE protected;")?;
        drop(plain);
        if before != after {
            remove_with_wal(&copy);
            return Err(StorageError::Internal(
                "la copie chiffrée ne contient pas les mêmes lignes : rien n’a été modifié".into(),
            ));
        }
        progress(Progress {
            step: "Authentification du journal",
            done: 2,
            total: 4,
        });
        // The journal was chained with plain SHA-256: chain it again under the key, before the
        // append-only triggers of the next migration exist.
        {
            let mut copy_conn = Connection::open(&copy)?;
            copy_conn.execute_batch(&key.sqlcipher_pragma())?;
            crate::sealing::install(&copy_conn, key)?;
            let tx = copy_conn.transaction()?;
            let has_triggers: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = 'journal_no_update')",
                [],
                |r| r.get(0),
            )?;
            if has_triggers {
                return Err(StorageError::Internal(
                    "base en clair d’une version qui protège déjà le journal".into(),
                ));
            }
            journal::rechain(&tx)?;
            tx.commit()?;
        }
        let copy_conn = crate::open(&copy, key)?;
        let check: String = copy_conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(StorageError::Internal(format!(
                "la copie chiffrée est incohérente ({check}) : rien n’a été modifié"
            )));
        }
        progress(Progress {
            step: "Chiffrement des documents",
            done: 3,
            total: 4,
        });
        let dir = files::documents_dir(database);
        let kept = document::kept_files(&copy_conn)?;
        let total = kept.len() as u64;
        for (i, (_, sha, _)) in kept.iter().enumerate() {
            if crate::files::document_path(&dir, sha).exists() {
                documents::seal_in_place(&copy_conn, &dir, sha)?;
            }
            if i % 50 == 0 {
                progress(Progress {
                    step: "Chiffrement des documents",
                    done: i as u64,
                    total,
                });
            }
        }
        if let Err(broken) = integrity::verify(&copy_conn)? {
            return Err(StorageError::Internal(format!(
                "la copie chiffrée ne se vérifie pas ({}) : rien n’a été modifié",
                broken.reason
            )));
        }
        copy_conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")?;
        drop(copy_conn);
        files::write_atomic(&marker, b"ok")?;
    }
    progress(Progress {
        step: "Remplacement de la base en clair",
        done: 4,
        total: 4,
    });
    finish_swap(database)
}

/// A database as the version before encryption wrote it — plain file, journal chained with
/// plain SHA-256, documents in clear, schema 7 — filled by `fill`, for the migration's tests.
/// Nothing else may call it.
#[doc(hidden)]
pub fn legacy_database_for_tests(
    path: &Path,
    fill: impl FnOnce(&mut Connection) -> Result<(), StorageError>,
) -> Result<Connection, StorageError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        files::create_private_dir(dir)?;
    }
    let mut conn = crate::open_plain_for_migration(path)?;
    crate::sealing::install_legacy(&conn)?;
    // Today's code fills it at today's schema (it reads today's columns), then what migrations
    // 0008 to 0017 added is taken away again: the schema is 7's, the rows as written.
    crate::migrations::migrate(&mut conn)?;
    fill(&mut conn)?;
    conn.execute_batch(
        "DROP TABLE import_mapping;
         DROP INDEX case_file_job_rome;
         ALTER TABLE case_file DROP COLUMN job_rome;
         DROP TABLE disclosure;
         DROP TABLE match_choice;
         DROP TABLE training_target;
         DROP TABLE training_session;
         DROP TABLE training_action;
         DROP TABLE training_formation;
         DROP TABLE rome_reference;
         DROP INDEX case_file_territory_status;
         DROP INDEX case_file_employer_status;
         DROP TRIGGER establishment_moved;
         DROP TABLE trade_label;
         DROP TABLE hiring_need;
         DROP TABLE case_diagnostic_line;
         DROP TABLE diagnostic_line;
         DROP TABLE diagnostic;
         DROP TABLE establishment_contact;
         ALTER TABLE case_file DROP COLUMN employer_siret;
         DROP TABLE establishment;
         DROP INDEX case_deadline_open_counsellor;
         DROP INDEX case_deadline_open_territory;
         DROP INDEX case_missing_document_counsellor;
         DROP INDEX case_missing_document_territory;
         DROP INDEX case_file_active_territory_updated;
         ALTER TABLE case_deadline DROP COLUMN counsellor;
         ALTER TABLE case_deadline DROP COLUMN territory;
         ALTER TABLE case_missing_document DROP COLUMN counsellor;
         ALTER TABLE case_missing_document DROP COLUMN territory;
         DROP TRIGGER journal_no_update;
         DROP TRIGGER journal_no_delete;
         DROP TABLE app_setting;
         DROP INDEX case_file_active_counsellor_updated;
         DROP INDEX case_file_retention;
         DROP INDEX case_file_archived;
         DROP TABLE export_record;
         ALTER TABLE case_file DROP COLUMN purged_at;
         PRAGMA user_version = 7;",
    )?;
    Ok(conn)
}
