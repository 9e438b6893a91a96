//! Protection at rest: set-up, unlocking and locking, the passphrase, the recovery kit, the
//! lock and backup settings, backups.

use passerelle_domain::AppError;
use passerelle_domain::ipc::{
    BackupDone, NoArgs, PassphraseChangeArgs, RecoveryKey, RecoveryKit, RecoveryKitArgs,
    SecurityRecoverArgs, SecuritySettingsArgs, SecuritySetupArgs, SecurityUnlockArgs, cmd,
};
use passerelle_domain::security::SecurityStatus;

use crate::ipc::call;

pub async fn status() -> Result<SecurityStatus, AppError> {
    call::<cmd::SecurityStatusGet>(&NoArgs {}).await
}

/// First launch or migration: answers the recovery key, to show once.
pub async fn setup(passphrase: String) -> Result<String, AppError> {
    call::<cmd::SecuritySetup>(&SecuritySetupArgs { passphrase })
        .await
        .map(|k| k.recovery_key)
}

pub async fn unlock(passphrase: String) -> Result<SecurityStatus, AppError> {
    call::<cmd::SecurityUnlock>(&SecurityUnlockArgs { passphrase }).await
}

pub async fn recover(
    recovery_key: String,
    new_passphrase: String,
) -> Result<SecurityStatus, AppError> {
    call::<cmd::SecurityRecover>(&SecurityRecoverArgs {
        recovery_key,
        new_passphrase,
    })
    .await
}

pub async fn lock() -> Result<SecurityStatus, AppError> {
    call::<cmd::SecurityLock>(&NoArgs {}).await
}

pub async fn change_passphrase(current: String, new: String) -> Result<(), AppError> {
    call::<cmd::PassphraseChange>(&PassphraseChangeArgs { current, new }).await
}

/// A new recovery key (the old kit stops working) and the path of its kit, if saved.
pub async fn regenerate_kit(passphrase: String) -> Result<RecoveryKit, AppError> {
    call::<cmd::RecoveryKitRegenerate>(&RecoveryKitArgs { passphrase }).await
}

/// The printable kit of the key shown at set-up: the path written, `None` if cancelled.
pub async fn export_kit(recovery_key: String) -> Result<Option<String>, AppError> {
    call::<cmd::RecoveryKitExport>(&RecoveryKey { recovery_key }).await
}

pub async fn save_settings(
    idle_lock_minutes: u32,
    backup_dir: Option<String>,
    backup_keep: u32,
) -> Result<SecurityStatus, AppError> {
    call::<cmd::SecuritySettingsSave>(&SecuritySettingsArgs {
        idle_lock_minutes,
        backup_dir,
        backup_keep,
    })
    .await
}

/// A backup now: `None` if the user cancelled the save dialog.
pub async fn backup_now() -> Result<Option<BackupDone>, AppError> {
    call::<cmd::BackupNow>(&NoArgs {}).await
}

/// « Découvrir avec des données de démonstration »: the separate demonstration database.
pub async fn demo_open() -> Result<SecurityStatus, AppError> {
    call::<cmd::DemoOpen>(&NoArgs {}).await
}

/// « Quitter la démonstration »: back to the user's own database.
pub async fn demo_close() -> Result<SecurityStatus, AppError> {
    call::<cmd::DemoClose>(&NoArgs {}).await
}
