//! Where the database lives when nobody says otherwise.

use std::path::PathBuf;

use passerelle_domain::{APP_IDENTIFIER, DATABASE_ENV_VAR, DATABASE_FILE_NAME};

use crate::error::StorageError;

/// The desktop app's database: `$XDG_DATA_HOME/fr.passerelle.desktop/passerelle.sqlite3` on
/// Linux (`~/.local/share/...` by default), the platform's application-data directory elsewhere.
/// This is the directory Tauri calls `app_data_dir`, so the CLI and the app share one file.
pub fn default_database_path() -> Result<PathBuf, StorageError> {
    let data_dir = dirs::data_dir().ok_or(StorageError::NoDataDir)?;
    Ok(data_dir.join(APP_IDENTIFIER).join(DATABASE_FILE_NAME))
}

/// The database to use: an explicit path first, then `PASSERELLE_DB`, then the default.
pub fn resolve_database_path(explicit: Option<PathBuf>) -> Result<PathBuf, StorageError> {
    if let Some(path) = explicit {
        return Ok(path);
    }
    match std::env::var_os(DATABASE_ENV_VAR) {
        Some(path) if !path.is_empty() => Ok(PathBuf::from(path)),
        _ => default_database_path(),
    }
}
