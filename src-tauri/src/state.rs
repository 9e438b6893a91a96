//! The state every command shares: the database, locked or unlocked.
//!
//! Locked, the app holds no connection and no key: every data command answers
//! [`AppError::Locked`] and the UI shows the lock screen. Unlocking opens the one connection
//! with the data key; locking drops both (the key is zeroized).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, RwLock};

use passerelle_domain::AppError;
use passerelle_domain::import::{ImportKind, ImportProgress};
use passerelle_domain::security::{LockState, SecurityStatus};
use passerelle_import::Input;
use passerelle_storage::keys::{self, KdfParams};
use passerelle_storage::protect::{self, State};
use passerelle_storage::{Connection, DataKey, Secret, StorageError, setting};

/// The open database and its key, and a file waiting to be imported into it.
struct Unlocked {
    conn: Connection,
    key: DataKey,
    /// Held only while unlocked: locking, or switching to the demonstration, forgets it with
    /// the connection (it holds people's data).
    staged: Option<Staged>,
}

impl Unlocked {
    fn new(conn: Connection, key: DataKey) -> Self {
        Self {
            conn,
            key,
            staged: None,
        }
    }
}

/// A file sent once by « Importer », kept for its preview, its mapping and its import.
#[derive(Debug)]
pub struct Staged {
    pub kind: ImportKind,
    pub file_name: String,
    pub inputs: Vec<Input>,
}

/// The app's database: at most one connection, opened while unlocked. Commands hold the lock
/// only for the duration of one short transaction, never across an `.await`.
pub struct Db {
    /// The database named at start: the user's own, or the one a script chose.
    home: PathBuf,
    /// The database in use: `home`, or the demonstration database the first-run screen opened.
    path: RwLock<PathBuf>,
    open: Mutex<Option<Unlocked>>,
    /// Where the running import stands: read by the progress bar while the import holds
    /// `open`, so it has its own lock.
    progress: Mutex<ImportProgress>,
}

/// The demonstration database beside `home`: never mixed with the user's data.
pub fn demo_path(home: &Path) -> PathBuf {
    home.parent()
        .unwrap_or(Path::new("."))
        .join("demo")
        .join(passerelle_domain::DATABASE_FILE_NAME)
}

impl Db {
    /// The database at `path`, locked.
    pub fn locked(path: PathBuf) -> Self {
        Self {
            home: path.clone(),
            path: RwLock::new(path),
            open: Mutex::new(None),
            progress: Mutex::default(),
        }
    }

    /// The database at `path` unlocked with `passphrase`, created with `kdf` if missing
    /// (automation: `PASSERELLE_PASSPHRASE_FILE`, tests).
    pub fn open_or_create(
        path: PathBuf,
        passphrase: &str,
        kdf: KdfParams,
    ) -> Result<Self, StorageError> {
        let (conn, key) = protect::open_or_create(&path, passphrase, kdf)?;
        Ok(Self {
            home: path.clone(),
            path: RwLock::new(path),
            open: Mutex::new(Some(Unlocked::new(conn, key))),
            progress: Mutex::default(),
        })
    }

    /// The database in use.
    pub fn path(&self) -> PathBuf {
        self.path
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    fn set_path(&self, path: PathBuf) {
        *self
            .path
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = path;
    }

    /// Whether the demonstration database was opened from the first-run screen (and so can be
    /// left for the user's own).
    pub fn in_demo(&self) -> bool {
        self.path() != self.home
    }

    /// « Découvrir avec des données de démonstration »: the demonstration database beside the
    /// user's, filled with fictional cases the first time, is opened instead; the user's own is
    /// left as it is (not even created).
    pub fn open_demo(&self, today: chrono::NaiveDate) -> Result<(), AppError> {
        let demo = demo_path(&self.home);
        let mut guard = self.guard();
        if protect::state(&demo) == State::Missing {
            passerelle_demo::seed_file(
                &demo,
                passerelle_demo::DEMO_PASSPHRASE,
                KdfParams::for_env(),
                passerelle_demo::DEMO_CASES,
                2026,
                today,
            )?;
        }
        let (conn, key) =
            protect::open_protected(&demo, Secret::Passphrase(passerelle_demo::DEMO_PASSPHRASE))?;
        *guard = Some(Unlocked::new(conn, key));
        self.set_path(demo);
        log::info!("démonstration ouverte");
        Ok(())
    }

    /// Leaves the demonstration for the user's own database, locked (or to set up).
    pub fn close_demo(&self) {
        let mut guard = self.guard();
        *guard = None;
        self.set_path(self.home.clone());
        log::info!("démonstration fermée");
    }

    /// Where case documents are kept (see [`passerelle_storage::files::documents_dir`]).
    pub fn documents_dir(&self) -> PathBuf {
        passerelle_storage::files::documents_dir(&self.path())
    }

    /// A poisoned lock means a command panicked mid-call; SQLite rolled its transaction back,
    /// so the connection itself is still sound and is handed out again.
    fn guard(&self) -> MutexGuard<'_, Option<Unlocked>> {
        self.open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn is_unlocked(&self) -> bool {
        self.guard().is_some()
    }

    /// Runs a write: `f` gets the connection and the actor who signs the journal entries (the
    /// counsellor profile's name).
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut Connection, &str) -> Result<T, StorageError>,
    ) -> Result<T, AppError> {
        self.with(|conn| {
            let actor = passerelle_storage::profile::actor(conn)?;
            f(conn, &actor)
        })
    }

    /// Runs `f` with the connection, mapping storage errors to the IPC error; locked, answers
    /// [`AppError::Locked`].
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StorageError>,
    ) -> Result<T, AppError> {
        let mut guard = self.guard();
        let open = guard.as_mut().ok_or(AppError::Locked)?;
        f(&mut open.conn).map_err(AppError::from)
    }

    /// Keeps `staged` (replacing any file staged before) and runs `f` on it, like [`Db::write`].
    pub fn stage<T>(
        &self,
        staged: Staged,
        f: impl FnOnce(&mut Connection, &Staged) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = self.guard();
        let open = guard.as_mut().ok_or(AppError::Locked)?;
        let staged = open.staged.insert(staged);
        f(&mut open.conn, staged)
    }

    /// Runs `f` on the staged file, with the connection and the actor; `done` in its answer
    /// forgets the file (imported).
    pub fn with_staged<T>(
        &self,
        f: impl FnOnce(&mut Connection, &str, &Staged) -> Result<(T, bool), AppError>,
    ) -> Result<T, AppError> {
        let mut guard = self.guard();
        let open = guard.as_mut().ok_or(AppError::Locked)?;
        let staged = open.staged.as_ref().ok_or_else(|| {
            AppError::invalid(
                "file",
                "Aucun fichier en attente d’import : choisissez d’abord le fichier.",
            )
        })?;
        let actor = passerelle_storage::profile::actor(&open.conn)?;
        let (answer, done) = f(&mut open.conn, &actor, staged)?;
        if done {
            open.staged = None;
        }
        Ok(answer)
    }

    /// Where the running import stands.
    pub fn progress(&self) -> ImportProgress {
        *self
            .progress
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn set_progress(&self, progress: ImportProgress) {
        *self
            .progress
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = progress;
    }

    /// Runs `f` with the connection, the key and the database path (backups, the recovery kit).
    pub fn with_key<T>(
        &self,
        f: impl FnOnce(&mut Connection, &DataKey, &Path) -> Result<T, StorageError>,
    ) -> Result<T, AppError> {
        let mut guard = self.guard();
        let open = guard.as_mut().ok_or(AppError::Locked)?;
        f(&mut open.conn, &open.key, &self.path()).map_err(AppError::from)
    }

    /// First launch (no database) or a database from before encryption: protects it with the
    /// passphrase and unlocks. Returns the recovery key to show once.
    pub fn setup(&self, passphrase: &str) -> Result<String, AppError> {
        let mut guard = self.guard();
        let path = self.path();
        let (conn, key, recovery) = match protect::state(&path) {
            State::Missing => protect::init(&path, passphrase)?,
            State::Plain => protect::protect_existing(&path, passphrase, &mut |p| {
                log::info!("chiffrement : {} ({}/{})", p.step, p.done, p.total);
            })?,
            State::Protected => {
                return Err(AppError::invalid(
                    "passphrase",
                    "Cette base est déjà protégée : déverrouillez-la avec sa phrase de passe.",
                ));
            }
        };
        *guard = Some(Unlocked::new(conn, key));
        Ok(recovery)
    }

    /// Unlocks with the passphrase (or finishes an interrupted encryption, then unlocks). The
    /// passphrase is checked even if the database is open already: the lock screen never
    /// accepts a wrong one.
    pub fn unlock(&self, secret: Secret<'_>) -> Result<(), AppError> {
        let mut guard = self.guard();
        let path = self.path();
        if guard.is_some() {
            keys::unlock(&path, secret)?;
            return Ok(());
        }
        let (conn, key) = protect::open_protected(&path, secret)?;
        // Files left by a document write that failed (best effort: a failure here must not keep
        // the counsellor out).
        let _ = passerelle_storage::retention::sweep_orphan_files(&conn, &self.documents_dir());
        *guard = Some(Unlocked::new(conn, key));
        Ok(())
    }

    /// A forgotten passphrase: the recovery key sets a new one, then unlocks.
    pub fn recover(&self, recovery: &str, new_passphrase: &str) -> Result<(), AppError> {
        keys::reset_passphrase(&self.path(), recovery, new_passphrase)?;
        self.unlock(Secret::Passphrase(new_passphrase))
    }

    /// Drops the connection and the key.
    pub fn lock(&self) {
        *self.guard() = None;
    }

    /// Where the app stands, and its protection settings (known once unlocked).
    pub fn status(&self) -> Result<SecurityStatus, AppError> {
        let path = self.path();
        let state = match protect::state(&path) {
            State::Missing => LockState::Setup,
            State::Plain => LockState::Migrate,
            State::Protected if self.is_unlocked() => LockState::Unlocked,
            State::Protected => LockState::Locked,
        };
        let protection = keys::protection(&path).ok();
        let settings = match state {
            LockState::Unlocked => Some(self.with(|conn| setting::load(conn))?),
            _ => None,
        };
        let idle_lock_minutes = settings.as_ref().map_or(
            passerelle_domain::security::IDLE_LOCK_DEFAULT_MINUTES,
            |s| s.idle_lock_minutes,
        );
        Ok(SecurityStatus {
            state,
            idle_lock_minutes,
            idle_lock_seconds: idle_seconds(idle_lock_minutes),
            kdf_memory_mib: protection.as_ref().map_or(0, |p| p.kdf.memory_kib / 1024),
            kdf_iterations: protection.as_ref().map_or(0, |p| p.kdf.iterations),
            kdf_weak: protection.as_ref().is_some_and(|p| p.kdf.is_weak()),
            recovery_issued_at: protection.map(|p| p.recovery_issued_at),
            backup_dir: settings.as_ref().and_then(|s| s.backup_dir.clone()),
            backup_keep: settings
                .as_ref()
                .map_or(setting::BACKUP_KEEP_DEFAULT, |s| s.backup_keep),
            last_backup_at: settings.as_ref().and_then(|s| s.last_backup_at.clone()),
            last_backup_path: settings.as_ref().and_then(|s| s.last_backup_path.clone()),
            keyring: false,
        })
    }
}

/// The idle delay in seconds: `PASSERELLE_IDLE_LOCK_SECONDS` overrides the setting for
/// automated tests (an end-to-end test cannot wait ten minutes).
fn idle_seconds(minutes: u32) -> u32 {
    std::env::var("PASSERELLE_IDLE_LOCK_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(minutes.saturating_mul(60))
}

thread_local! {
    /// Where the last panic on this thread happened (`src/…:line`), for [`crate::shielded`].
    static LAST_PANIC: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Replaces the default panic report, which prints the panic's message — and a message such as
/// « byte index 5 is not a char boundary; it is inside 'é' of `1234é…` » quotes the user's
/// data — with its location only.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_else(|| "lieu inconnu".to_owned());
        log::error!("panique interceptée à {location}");
        eprintln!("passerelle : panique interceptée à {location}");
        LAST_PANIC.with(|last| *last.borrow_mut() = location);
    }));
}

/// The location recorded by the hook, or a neutral text when no hook ran (tests).
pub fn last_panic_location() -> String {
    LAST_PANIC.with(|last| {
        let last = last.borrow();
        if last.is_empty() {
            "panique dans une commande".to_owned()
        } else {
            format!("panique à {last}")
        }
    })
}
