//! Passerelle's desktop shell: a thin Tauri layer around the domain and storage crates.
//!
//! [`with_commands`] registers the commands on any runtime, so integration tests drive the very
//! same handlers through Tauri's mock runtime; [`run`] adds the real start-up (open the
//! database in the app data directory) and starts the event loop.

mod commands;
mod state;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

pub use state::Db;

/// Registers every command of the app on a builder.
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::status::app_status,
        commands::profile::profile_get,
        commands::profile::profile_save,
        commands::cases::territory_list,
        commands::cases::territory_add,
        commands::cases::counsellor_list,
        commands::cases::case_list,
        commands::cases::case_get,
        commands::cases::case_create,
        commands::cases::case_update,
        commands::cases::case_set_archived,
        commands::cases::case_journal,
        commands::records::interview_list,
        commands::records::interview_add,
        commands::records::document_list,
        commands::records::document_add,
    ])
}

/// Starts the desktop app.
pub fn run() {
    with_commands(tauri::Builder::default())
        .setup(|app| {
            let path = database_path(app.handle())?;
            let db = Db::open(path)?;
            app.manage(db);
            Ok(())
        })
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running Passerelle");
}

/// `PASSERELLE_DB` if set, else `passerelle.sqlite3` in the platform's app data directory
/// (the same file `passerelle info` reports).
fn database_path<R: Runtime>(app: &tauri::AppHandle<R>) -> Result<PathBuf, tauri::Error> {
    match std::env::var_os(passerelle_domain::DATABASE_ENV_VAR) {
        Some(path) if !path.is_empty() => Ok(PathBuf::from(path)),
        _ => Ok(app
            .path()
            .app_data_dir()?
            .join(passerelle_domain::DATABASE_FILE_NAME)),
    }
}
