//! The app's Tauri commands, one module per domain area. Each handler is typed by its
//! declaration in `passerelle_domain::ipc` (its name, [`Args`] and [`Reply`]), calls the storage
//! layer — where every rule is — and maps errors to [`AppError`]: nothing else.

pub mod case;
pub mod certification;
pub mod committee;
pub mod import;
pub mod matching;
pub mod parcours;
pub mod privacy;
pub mod profile;
pub mod records;
pub mod security;
pub mod status;
pub mod territory;

use passerelle_domain::AppError;
use passerelle_domain::ipc::Command;

/// The argument of command `C` (one `args` object on the wire).
pub type Args<C> = <C as Command>::Args;

/// What the handler of command `C` answers.
pub type Reply<C> = Result<<C as Command>::Response, AppError>;
