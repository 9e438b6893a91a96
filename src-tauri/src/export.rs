//! Saving a file the user exports (PDF dossiers, CSV): a native save dialog opened from Rust,
//! an atomic write (`passerelle_storage::files::write_atomic`), then the system's viewer. The
//! webview is granted nothing for it.
//!
//! Automation (end-to-end tests, scripted exports): when `PASSERELLE_EXPORT_DIR` is set, the
//! file is written there under its suggested name, with no dialog and no viewer.

use std::path::PathBuf;

use passerelle_domain::AppError;
use passerelle_storage::files::write_atomic;
use tauri::{AppHandle, Manager, Runtime};

/// Environment variable naming a directory where exports are written without a dialog.
pub const EXPORT_DIR_ENV_VAR: &str = "PASSERELLE_EXPORT_DIR";

/// What to export and how to offer it.
pub struct Export<'a> {
    pub suggested_name: &'a str,
    /// Filter label in the dialog (« Document PDF »).
    pub kind_label: &'a str,
    pub extension: &'a str,
    pub bytes: &'a [u8],
    /// Open the file with the system's viewer once written.
    pub open_after: bool,
}

/// Asks where to save, writes, opens. `Ok(None)`: the user cancelled the dialog.
/// Must run off the main thread (the dialog blocks): call it from an `async` command.
pub fn save<R: Runtime>(
    app: &AppHandle<R>,
    export: &Export<'_>,
) -> Result<Option<PathBuf>, AppError> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV_VAR).filter(|d| !d.is_empty()) {
        let path = PathBuf::from(dir).join(export.suggested_name);
        write_atomic(&path, export.bytes)?;
        return Ok(Some(path));
    }
    // GTK dialogs are created on the main thread; the answer comes back over a channel while
    // this command's worker thread waits.
    let (tx, rx) = std::sync::mpsc::channel();
    let mut dialog = rfd::AsyncFileDialog::new()
        .set_title("Enregistrer sous")
        .set_file_name(export.suggested_name)
        .add_filter(export.kind_label, &[export.extension]);
    // Modal over the main window.
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    app.run_on_main_thread(move || {
        let chosen = dialog.save_file();
        std::thread::spawn(move || {
            let path = tauri::async_runtime::block_on(chosen).map(|h| h.path().to_path_buf());
            let _ = tx.send(path);
        });
    })
    .map_err(|e| AppError::Ipc {
        message: format!("boîte d’enregistrement indisponible : {e}"),
    })?;
    let Some(mut path) = rx.recv().ok().flatten() else {
        return Ok(None);
    };
    if path.extension().is_none() {
        path.set_extension(export.extension);
    }
    write_atomic(&path, export.bytes)?;
    if export.open_after {
        use tauri_plugin_opener::OpenerExt;
        if let Err(e) = app.opener().open_path(path.to_string_lossy(), None::<&str>) {
            // The file is saved; not finding a viewer is not a failure of the export.
            log::warn!("no viewer opened the export: {e}");
        }
    }
    Ok(Some(path))
}
