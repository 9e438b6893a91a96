//! The state every command shares: one connection to the database.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use passerelle_domain::AppError;
use passerelle_storage::{Connection, StorageError};

/// The app's single writer connection. Commands hold the lock only for the duration of one
/// short transaction, never across an `.await`.
pub struct Db {
    conn: Mutex<Connection>,
    path: PathBuf,
}

impl Db {
    /// Opens and migrates the database file (see [`passerelle_storage::open`]).
    pub fn open(path: PathBuf) -> Result<Self, StorageError> {
        let conn = passerelle_storage::open(&path)?;
        Ok(Self {
            conn: Mutex::new(conn),
            path,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Where case documents are kept (see [`passerelle_storage::files::documents_dir`]).
    pub fn documents_dir(&self) -> PathBuf {
        passerelle_storage::files::documents_dir(&self.path)
    }

    /// Locks the connection. A poisoned lock means a command panicked mid-call; SQLite rolled
    /// its transaction back, so the connection itself is still sound and is handed out again.
    pub fn conn(&self) -> MutexGuard<'_, Connection> {
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
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

    /// Runs `f` with the connection, mapping storage errors to the IPC error.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StorageError>,
    ) -> Result<T, AppError> {
        f(&mut self.conn()).map_err(AppError::from)
    }
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
