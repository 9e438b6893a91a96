use passerelle_domain::AppError;
use passerelle_domain::ipc::AppStatus;
use passerelle_storage::{migrations, status};
use tauri::State;

use crate::Db;

/// What the status line shows.
#[tauri::command]
pub async fn app_status(db: State<'_, Db>) -> Result<AppStatus, AppError> {
    crate::shielded(|| {
        let (schema_version, case_count) = db.with(|conn| {
            Ok((
                migrations::schema_version(conn)?,
                status::count_active_case_files(conn)?,
            ))
        })?;
        Ok(AppStatus {
            app_version: env!("CARGO_PKG_VERSION").to_owned(),
            database_path: db.path().display().to_string(),
            schema_version,
            case_count,
        })
    })
}
