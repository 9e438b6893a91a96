//! The `passerelle` command line, as a library so that benchmarks and tests reach the same code
//! the binary runs. Each subcommand is a module with a `run` function; `main.rs` only parses.

pub mod cases;
pub mod cert;
pub mod cert_sessions;
pub mod check;
pub mod committee;
pub mod demo;
pub mod import;
pub mod info;
pub mod journal;
pub mod parcours;
pub mod territory;

use std::path::PathBuf;

use anyhow::Context;
use passerelle_storage::{Connection, paths};

/// Opens the database the user asked for (or the desktop app's).
pub fn open_db(db: Option<PathBuf>) -> anyhow::Result<(PathBuf, Connection)> {
    let path = paths::resolve_database_path(db)?;
    let conn = passerelle_storage::open(&path)
        .with_context(|| format!("ouverture de la base {}", path.display()))?;
    Ok((path, conn))
}

/// Today, in the user's time zone (ages, "in the future" checks).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// An error already explained to the user on stderr: exit non-zero without repeating it.
#[derive(Debug)]
pub struct Reported;

impl std::fmt::Display for Reported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("erreurs signalées ci-dessus")
    }
}

impl std::error::Error for Reported {}
