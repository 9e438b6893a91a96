//! The `app_setting` table: this installation's settings that are not case data (idle lock,
//! backups). Not journaled: they hold no personal data and change nothing the committee reads.

use passerelle_domain::security::{IDLE_LOCK_DEFAULT_MINUTES, clamp_idle_minutes};
use rusqlite::{Connection, OptionalExtension, params};

use crate::error::StorageError;

/// The settings, with their defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Minutes without activity before the window locks (0: never).
    pub idle_lock_minutes: u32,
    /// Where backups go (automatic ones included); none until the user picks one.
    pub backup_dir: Option<String>,
    /// How many backups to keep in that directory.
    pub backup_keep: u32,
    pub last_backup_at: Option<String>,
    pub last_backup_path: Option<String>,
    /// A demonstration database (fictional people): the window and every PDF page say so.
    pub demo: bool,
}

/// Backups kept by default.
pub const BACKUP_KEEP_DEFAULT: u32 = 7;

fn get(conn: &Connection, key: &str) -> Result<Option<String>, StorageError> {
    Ok(conn
        .prepare_cached("SELECT value FROM app_setting WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set(conn: &Connection, key: &str, value: Option<&str>) -> Result<(), StorageError> {
    match value {
        Some(value) => conn.execute(
            "INSERT INTO app_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = ?2",
            params![key, value],
        )?,
        None => conn.execute("DELETE FROM app_setting WHERE key = ?1", [key])?,
    };
    Ok(())
}

/// Records where and when the last backup was written (a backup saved through a dialog).
pub fn set_last_backup(conn: &Connection, at: &str, path: &str) -> Result<(), StorageError> {
    set(conn, "last_backup_at", Some(at))?;
    set(conn, "last_backup_path", Some(path))
}

/// The settings as stored (defaults where none).
pub fn load(conn: &Connection) -> Result<Settings, StorageError> {
    let number = |key: &str, default: u32| -> Result<u32, StorageError> {
        Ok(get(conn, key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    };
    Ok(Settings {
        idle_lock_minutes: clamp_idle_minutes(number(
            "idle_lock_minutes",
            IDLE_LOCK_DEFAULT_MINUTES,
        )?),
        backup_dir: get(conn, "backup_dir")?,
        backup_keep: number("backup_keep", BACKUP_KEEP_DEFAULT)?.clamp(1, 100),
        last_backup_at: get(conn, "last_backup_at")?,
        last_backup_path: get(conn, "last_backup_path")?,
        demo: get(conn, "demo")?.as_deref() == Some("1"),
    })
}

/// Marks the database as a demonstration one, for good: the demo data generator calls it, so
/// a database that ever received fictional people keeps saying so.
pub fn mark_demo(conn: &Connection) -> Result<(), StorageError> {
    set(conn, "demo", Some("1"))
}

/// Saves what the user sets (idle time, backup directory and rotation), bounded.
pub fn save(
    conn: &Connection,
    idle_lock_minutes: u32,
    backup_dir: Option<&str>,
    backup_keep: u32,
) -> Result<Settings, StorageError> {
    let dir = backup_dir.map(str::trim).filter(|d| !d.is_empty());
    if let Some(dir) = dir
        && !std::path::Path::new(dir).is_absolute()
    {
        return Err(StorageError::rule(
            "backupDir",
            "Dossier des sauvegardes : indiquez un chemin complet (ex. /media/cle-usb/sauvegardes).",
        ));
    }
    set(
        conn,
        "idle_lock_minutes",
        Some(&clamp_idle_minutes(idle_lock_minutes).to_string()),
    )?;
    set(conn, "backup_dir", dir)?;
    set(
        conn,
        "backup_keep",
        Some(&backup_keep.clamp(1, 100).to_string()),
    )?;
    load(conn)
}
