//! Saving a file the user exports (PDF dossiers, CSV): a native save dialog opened from Rust,
//! an atomic write, then the system's viewer. The webview is granted nothing for it.
//!
//! Automation (end-to-end tests, scripted exports): when `PASSERELLE_EXPORT_DIR` is set, the
//! file is written there under its suggested name, with no dialog and no viewer.

use std::path::{Path, PathBuf};

use passerelle_domain::AppError;
use tauri::{AppHandle, Runtime};

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

fn storage_error(path: &Path, err: std::io::Error) -> AppError {
    AppError::Storage {
        message: format!("écriture de {} : {err}", path.display()),
    }
}

/// Writes the whole file or nothing: a temporary file beside it, then a rename.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export");
    let tmp = path.with_file_name(format!(".{name}.part"));
    std::fs::write(&tmp, bytes).map_err(|e| storage_error(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| storage_error(path, e))
}

/// Asks where to save, writes, opens. `Ok(None)`: the user cancelled the dialog.
/// Must run off the main thread (the dialog blocks): call it from an `async` command.
pub fn save<R: Runtime>(
    app: &AppHandle<R>,
    export: &Export<'_>,
) -> Result<Option<PathBuf>, AppError> {
    if let Some(dir) = std::env::var_os(EXPORT_DIR_ENV_VAR).filter(|d| !d.is_empty()) {
        let path = PathBuf::from(dir).join(export.suggested_name);
        write_atomically(&path, export.bytes)?;
        return Ok(Some(path));
    }
    use tauri_plugin_dialog::DialogExt;
    let chosen = app
        .dialog()
        .file()
        .set_title("Enregistrer sous")
        .set_file_name(export.suggested_name)
        .add_filter(export.kind_label, &[export.extension])
        .blocking_save_file();
    let Some(chosen) = chosen else {
        return Ok(None);
    };
    let mut path = chosen.into_path().map_err(|e| AppError::Ipc {
        message: format!("chemin choisi illisible : {e}"),
    })?;
    if path.extension().is_none() {
        path.set_extension(export.extension);
    }
    write_atomically(&path, export.bytes)?;
    if export.open_after {
        use tauri_plugin_opener::OpenerExt;
        if let Err(e) = app.opener().open_path(path.to_string_lossy(), None::<&str>) {
            // The file is saved; not finding a viewer is not a failure of the export.
            log::warn!("no viewer opened the export: {e}");
        }
    }
    Ok(Some(path))
}
