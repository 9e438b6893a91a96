//! Passerelle's desktop shell: a thin Tauri layer around the domain and storage crates.
//!
//! [`with_commands`] registers the commands on any runtime, so integration tests drive the very
//! same handlers through Tauri's mock runtime; [`run`] adds the real start-up (open the
//! database in the app data directory) and starts the event loop.

mod commands;
pub mod export;
mod state;

use std::path::PathBuf;

use tauri::{Manager, Runtime};

pub use state::Db;

/// Runs a command's body and turns a panic into [`AppError::Internal`]: without it an async
/// command that panics never answers and its screen waits forever. The message names where the
/// bug is, never the data it was working on (a panic message can quote a NIR).
pub(crate) fn shielded<T>(
    body: impl FnOnce() -> Result<T, passerelle_domain::AppError>,
) -> Result<T, passerelle_domain::AppError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or_else(|_| {
        Err(passerelle_domain::AppError::Internal {
            message: state::last_panic_location(),
        })
    })
}

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
        commands::parcours::document_validate,
        commands::parcours::parcours_view,
        commands::parcours::parcours_advance,
        commands::parcours::todo_overview,
        commands::parcours::parameter_list,
        commands::parcours::parameter_set,
        commands::certifications::cert_search,
        commands::certifications::enrolment_list,
        commands::certifications::enrolment_create,
        commands::certifications::bloc_status_set,
        commands::committees::session_list,
        commands::committees::session_create,
        commands::committees::session_update,
        commands::committees::session_detail,
        commands::committees::session_candidates,
        commands::committees::session_add,
        commands::committees::session_remove,
        commands::committees::session_reorder,
        commands::committees::session_decide,
        commands::committees::dossier_export,
        commands::committees::session_pack_export,
        commands::certifications::cert_staff_overview,
        commands::certifications::cert_session_create,
        commands::certifications::cert_session_get,
        commands::certifications::cert_session_register,
        commands::certifications::cert_session_result,
        commands::certifications::certificate_issue,
        commands::certifications::vae_save,
        commands::certifications::cert_export_csv,
    ])
}

/// Starts the desktop app.
pub fn run() {
    state::install_panic_hook();
    with_commands(tauri::Builder::default())
        .plugin(tauri_plugin_notification::init())
        // No script in the page: links are not opened by the plugin, only files from Rust.
        .plugin(
            tauri_plugin_opener::Builder::default()
                .open_js_links_on_click(false)
                .build(),
        )
        .setup(|app| {
            let path = database_path(app.handle())?;
            let db = match Db::open(path.clone()) {
                Ok(db) => db,
                Err(err) => {
                    // No window without a database: say why in French, then stop cleanly.
                    let message = format!(
                        "La base de données « {} » ne peut pas être ouverte : {err}.\n\nRien n’a été modifié. Vérifiez le fichier ou restaurez une sauvegarde, puis relancez Passerelle.",
                        path.display()
                    );
                    log::error!("database not opened: {err}");
                    eprintln!("passerelle : {message}");
                    if std::env::var_os("PASSERELLE_NO_DIALOG").is_none() {
                        let _ = rfd::MessageDialog::new()
                            .set_level(rfd::MessageLevel::Error)
                            .set_title("Passerelle ne peut pas démarrer")
                            .set_description(&message)
                            .set_buttons(rfd::MessageButtons::Ok)
                            .show();
                    }
                    std::process::exit(1);
                }
            };
            notify_due_today(app.handle(), &db);
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

/// At start-up: record employer silences that became agreements, then tell the counsellor what
/// is due today or late, with a desktop notification. A failure here never stops the app.
fn notify_due_today<R: Runtime>(app: &tauri::AppHandle<R>, db: &Db) {
    use tauri_plugin_notification::NotificationExt;
    let today = chrono::Local::now().date_naive();
    let todo = db.with(|conn| {
        passerelle_storage::parcours::apply_tacit_agreements(conn, today, chrono::Utc::now())?;
        passerelle_storage::parcours::todo(conn, today, 0, 60, None)
    });
    let Ok(todo) = todo else { return };
    let (late, due) = (todo.overdue_total, todo.upcoming_total);
    if late + due == 0 {
        return;
    }
    use passerelle_domain::i18n::count_with;
    let body = format!(
        "{} · {}. Voir « À faire ».",
        count_with(due, "échéance aujourd’hui", "échéances aujourd’hui"),
        count_with(late, "échéance en retard", "échéances en retard"),
    );
    if let Err(e) = app
        .notification()
        .builder()
        .title("Passerelle — à faire aujourd’hui")
        .body(body)
        .show()
    {
        log::warn!("desktop notification not shown: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_a_command_becomes_an_internal_error() {
        state::install_panic_hook();
        let result: Result<(), passerelle_domain::AppError> =
            shielded(|| panic!("index 5 of `1234é6789012345`"));
        let _ = std::panic::take_hook();
        match result {
            Err(passerelle_domain::AppError::Internal { message }) => {
                assert!(message.starts_with("panique à src"), "{message}");
                assert!(
                    !message.contains("1234"),
                    "no data in the message: {message}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
