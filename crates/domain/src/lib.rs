//! Passerelle's domain: the types, the rules and the IPC contract.
//!
//! This crate is pure — no I/O, no Tauri, no SQLite, no Leptos — so that the same code compiles
//! to wasm32 for the UI and natively for the shell, the storage layer and the CLI. A rule written
//! here (a validation, a deadline formula) is therefore enforced identically as the user types
//! and when the backend writes.

pub mod access;
pub mod calendar;
pub mod case;
pub mod certification;
pub mod code;
pub mod committee;
pub mod dashboard;
pub mod diagnostic;
pub mod error;
pub mod establishment;
pub mod i18n;
pub mod ids;
pub mod import;
pub mod ipc;
pub mod journal;
pub mod map;
pub mod matching;
pub mod need;
pub mod params;
pub mod parcours;
pub mod place;
pub mod profile;
pub mod registre;
pub mod retention;
pub mod rome;
pub mod security;
pub mod territory;
pub mod text;
pub mod trade_label;
pub mod training;
pub mod validate;

pub use error::{AppError, FieldError};

/// Identifier of the desktop application; it also names the data directory on every platform.
pub const APP_IDENTIFIER: &str = "fr.passerelle.desktop";

/// File name of the SQLite database inside the data directory.
pub const DATABASE_FILE_NAME: &str = "passerelle.sqlite3";

/// Environment variable that points the app and the CLI at another database file.
pub const DATABASE_ENV_VAR: &str = "PASSERELLE_DB";
