use passerelle_domain::AppError;
use passerelle_domain::ipc::{NoArgs, ProfileSaveArgs, command};
use passerelle_domain::profile::CounsellorProfile;

use crate::ipc::invoke;

pub async fn get() -> Result<Option<CounsellorProfile>, AppError> {
    invoke(command::PROFILE_GET, &NoArgs {}).await
}

/// Validates locally first (the same rule as the shell), so a bad form costs no round trip.
pub async fn save(profile: CounsellorProfile) -> Result<CounsellorProfile, AppError> {
    let profile = profile.validated()?;
    invoke(command::PROFILE_SAVE, &ProfileSaveArgs { profile }).await
}
