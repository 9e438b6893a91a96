use passerelle_domain::AppError;
use passerelle_domain::ipc::{NoArgs, ProfileSaveArgs, cmd};
use passerelle_domain::profile::CounsellorProfile;

use crate::ipc::call;

pub async fn get() -> Result<Option<CounsellorProfile>, AppError> {
    call::<cmd::ProfileGet>(&NoArgs {}).await
}

/// Validates locally first (the same rule as the shell), so a bad form costs no round trip.
pub async fn save(profile: CounsellorProfile) -> Result<CounsellorProfile, AppError> {
    let profile = profile.validated()?;
    call::<cmd::ProfileSave>(&ProfileSaveArgs { profile }).await
}
