//! The status line.

use passerelle_domain::ipc::{AppStatus, cmd};
use passerelle_storage::{migrations, status};
use tauri::State;

use super::{Args, Reply};
use crate::Db;

/// Where the data is and how much of it there is.
#[tauri::command]
pub async fn app_status(
    db: State<'_, Db>,
    args: Args<cmd::AppStatusGet>,
) -> Reply<cmd::AppStatusGet> {
    let _ = args;
    crate::shielded(|| {
        let (schema_version, case_count, last_backup_at) = db.with(|conn| {
            Ok((
                migrations::schema_version(conn)?,
                status::count_active_case_files(conn)?,
                passerelle_storage::setting::load(conn)?.last_backup_at,
            ))
        })?;
        Ok(AppStatus {
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            database_path: db.path().display().to_string(),
            schema_version,
            case_count,
            last_backup_at,
        })
    })
}
