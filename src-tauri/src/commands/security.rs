//! Protection at rest: first-launch set-up, unlocking and locking, the passphrase, the
//! recovery kit, the lock and backup settings, and backups.

use chrono::Utc;
use passerelle_domain::AppError;
use passerelle_domain::ipc::{BackupDone, RecoveryKey, RecoveryKit, cmd};
use passerelle_pdf::{Generation, RecoveryKitView};
use passerelle_storage::{Secret, backup, keys, profile, setting};
use tauri::{AppHandle, Runtime, State};

use super::{Args, Reply};
use crate::Db;
use crate::export::{self, Export};

#[tauri::command]
pub async fn security_status(
    db: State<'_, Db>,
    args: Args<cmd::SecurityStatusGet>,
) -> Reply<cmd::SecurityStatusGet> {
    let _ = args;
    crate::shielded(|| db.status())
}

/// First launch (or a database from before encryption): protects it and unlocks. The
/// recovery key is answered once and never stored in clear.
#[tauri::command]
pub async fn security_setup<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::SecuritySetup>,
) -> Reply<cmd::SecuritySetup> {
    crate::shielded(|| {
        let recovery_key = db.setup(&args.passphrase)?;
        crate::after_unlock(&app, &db);
        Ok(RecoveryKey { recovery_key })
    })
}

/// « Découvrir avec des données de démonstration » (first launch): the separate demonstration
/// database, created the first time, opened unlocked.
#[tauri::command]
pub async fn demo_open<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::DemoOpen>,
) -> Reply<cmd::DemoOpen> {
    let _ = args;
    crate::shielded(|| {
        db.open_demo(chrono::Local::now().date_naive())?;
        crate::after_unlock(&app, &db);
        db.status()
    })
}

/// « Quitter la démonstration »: back to the user's own database, locked or to set up.
#[tauri::command]
pub async fn demo_close(db: State<'_, Db>, args: Args<cmd::DemoClose>) -> Reply<cmd::DemoClose> {
    let _ = args;
    crate::shielded(|| {
        db.close_demo();
        db.status()
    })
}

#[tauri::command]
pub async fn security_unlock<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::SecurityUnlock>,
) -> Reply<cmd::SecurityUnlock> {
    crate::shielded(|| {
        db.unlock(Secret::Passphrase(&args.passphrase))?;
        crate::after_unlock(&app, &db);
        db.status()
    })
}

#[tauri::command]
pub async fn security_recover<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::SecurityRecover>,
) -> Reply<cmd::SecurityRecover> {
    crate::shielded(|| {
        db.recover(&args.recovery_key, &args.new_passphrase)?;
        crate::after_unlock(&app, &db);
        db.status()
    })
}

/// Locks now (Ctrl+L, the idle delay): the connection and the key are dropped.
#[tauri::command]
pub async fn security_lock(
    db: State<'_, Db>,
    args: Args<cmd::SecurityLock>,
) -> Reply<cmd::SecurityLock> {
    let _ = args;
    crate::shielded(|| {
        db.lock();
        db.status()
    })
}

/// A new passphrase, the current one checked first.
#[tauri::command]
pub async fn passphrase_change(
    db: State<'_, Db>,
    args: Args<cmd::PassphraseChange>,
) -> Reply<cmd::PassphraseChange> {
    crate::shielded(|| {
        let key = keys::unlock(&db.path(), Secret::Passphrase(&args.current)).map_err(|e| {
            match AppError::from(e) {
                AppError::Validation { .. } => AppError::invalid(
                    "current",
                    "Phrase de passe actuelle incorrecte : rien n’a été modifié.",
                ),
                other => other,
            }
        })?;
        keys::change_passphrase(&db.path(), &key, &args.new).map_err(|e| match AppError::from(e) {
            AppError::Validation { errors } => AppError::Validation {
                errors: errors
                    .into_iter()
                    .map(|mut e| {
                        e.field = "new".into();
                        e
                    })
                    .collect(),
            },
            other => other,
        })
    })
}

/// Writes the kit of a recovery key (save dialog, then the viewer).
fn save_kit<R: Runtime>(
    app: &AppHandle<R>,
    db: &Db,
    recovery_key: &str,
) -> Result<Option<String>, AppError> {
    let owner = db
        .with(|conn| profile::get(conn))?
        .map(|p| format!("{} — {}", p.display_name, p.structure))
        .unwrap_or_default();
    let pdf = passerelle_pdf::recovery_kit_pdf(
        &RecoveryKitView {
            recovery_key: recovery_key.to_owned(),
            database_path: db.path().display().to_string(),
            owner,
        },
        &Generation::from_env_or(Utc::now(), env!("CARGO_PKG_VERSION")),
    );
    let saved = export::save(
        app,
        &Export {
            suggested_name: "kit-de-secours-passerelle.pdf",
            kind_label: "Document PDF",
            extension: "pdf",
            bytes: &pdf,
            open_after: true,
        },
    )?;
    Ok(saved.map(|p| p.display().to_string()))
}

/// The kit of the recovery key shown at set-up; the key must open this database.
#[tauri::command]
pub async fn recovery_kit_export<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::RecoveryKitExport>,
) -> Reply<cmd::RecoveryKitExport> {
    crate::shielded(|| {
        keys::unlock(&db.path(), Secret::RecoveryKey(&args.recovery_key))?;
        save_kit(&app, &db, &args.recovery_key)
    })
}

/// A new recovery key and its printable kit (save dialog); the old kit stops working.
#[tauri::command]
pub async fn recovery_kit_regenerate<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::RecoveryKitRegenerate>,
) -> Reply<cmd::RecoveryKitRegenerate> {
    crate::shielded(|| {
        keys::unlock(&db.path(), Secret::Passphrase(&args.passphrase)).map_err(|e| {
            match AppError::from(e) {
                AppError::Validation { .. } => AppError::invalid(
                    "passphrase",
                    "Phrase de passe incorrecte : le kit de secours n’a pas été remplacé.",
                ),
                other => other,
            }
        })?;
        let recovery_key = db.with_key(|_, key, path| keys::regenerate_recovery(path, key))?;
        let kit_path = save_kit(&app, &db, &recovery_key)?;
        Ok(RecoveryKit {
            recovery_key,
            kit_path,
        })
    })
}

#[tauri::command]
pub async fn security_settings_save(
    db: State<'_, Db>,
    args: Args<cmd::SecuritySettingsSave>,
) -> Reply<cmd::SecuritySettingsSave> {
    crate::shielded(|| {
        db.with(|conn| {
            setting::save(
                conn,
                args.idle_lock_minutes,
                args.backup_dir.as_deref(),
                args.backup_keep,
            )
        })?;
        db.status()
    })
}

/// A backup now: into the backup directory if set (with rotation), else where the user
/// chooses in a save dialog. `None`: the dialog was cancelled.
#[tauri::command]
pub async fn backup_now<R: Runtime>(
    app: AppHandle<R>,
    db: State<'_, Db>,
    args: Args<cmd::BackupNow>,
) -> Reply<cmd::BackupNow> {
    let _ = args;
    crate::shielded(|| {
        let automatic = db.with_key(|conn, key, path| backup::automatic(conn, path, key))?;
        let summary = match automatic {
            Some(summary) => summary,
            None => {
                // No directory set: write to a temporary file, then let the user place it.
                let dir = tempfile::tempdir().map_err(|e| AppError::Storage {
                    message: e.to_string(),
                })?;
                let tmp = dir.path().join(backup::archive_name());
                let summary =
                    db.with_key(|conn, key, path| backup::create(conn, path, key, &tmp))?;
                let bytes = std::fs::read(&tmp).map_err(|e| AppError::Storage {
                    message: e.to_string(),
                })?;
                let Some(saved) = export::save(
                    &app,
                    &Export {
                        suggested_name: &backup::archive_name(),
                        kind_label: "Sauvegarde Passerelle",
                        extension: "zip",
                        bytes: &bytes,
                        open_after: false,
                    },
                )?
                else {
                    return Ok(None);
                };
                let path = saved.display().to_string();
                db.with(|conn| setting::set_last_backup(conn, &summary.created_at, &path))?;
                backup::Summary {
                    path: saved,
                    ..summary
                }
            }
        };
        Ok(Some(BackupDone {
            path: summary.path.display().to_string(),
            created_at: summary.created_at,
            cases: summary.cases,
            documents: summary.documents,
            bytes: summary.bytes,
        }))
    })
}
