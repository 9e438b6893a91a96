//! The IPC contract: command names and the request/response types of each command.
//!
//! The shell registers handlers under these names and the UI's `api` module calls them; both
//! sides use the same types, so a renamed field breaks the build, not the running app.
//! Argument keys are the Rust parameter names of the commands, in camelCase (Tauri's rule).

use serde::{Deserialize, Serialize};

/// Command names, one constant per `#[tauri::command]`.
pub mod command {
    pub const APP_STATUS: &str = "app_status";
    pub const PROFILE_GET: &str = "profile_get";
    pub const PROFILE_SAVE: &str = "profile_save";

    /// Every command, as declared to tauri-build for the permission system.
    pub const ALL: &[&str] = &[APP_STATUS, PROFILE_GET, PROFILE_SAVE];
}

/// What the status line shows: where the data is and how much of it there is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub app_version: String,
    pub database_path: String,
    pub schema_version: u32,
    pub case_count: u64,
}

/// Arguments of `profile_save`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProfileSaveArgs {
    pub profile: crate::profile::CounsellorProfile,
}

/// Arguments of commands that take none: Tauri still expects an object.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct NoArgs {}
