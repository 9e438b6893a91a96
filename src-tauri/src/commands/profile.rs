use passerelle_domain::AppError;
use passerelle_domain::profile::CounsellorProfile;
use passerelle_storage::profile;
use tauri::State;

use crate::Db;

/// The counsellor profile, or `null` before the first launch's form is filled in.
#[tauri::command]
pub async fn profile_get(db: State<'_, Db>) -> Result<Option<CounsellorProfile>, AppError> {
    crate::shielded(|| db.with(|conn| profile::get(conn)))
}

/// Validates and saves the profile; returns it as stored (trimmed).
#[tauri::command]
pub async fn profile_save(
    db: State<'_, Db>,
    profile: CounsellorProfile,
) -> Result<CounsellorProfile, AppError> {
    crate::shielded(|| {
        let profile = profile.validated()?;
        db.with(|conn| profile::save(conn, &profile))?;
        Ok(profile)
    })
}
