//! Comités: committee meetings (séances), their agenda (add, order, remove), the meeting pack
//! export and the outcome of each dossier; the export dialog the case page shares.
//!
//! `list` is the `/comites` screen, `form` creates or changes a meeting, `screen` is one meeting
//! (`/comites/:id`), `agenda` its dossiers (`add`: the ones it could take), `outcome` the
//! decision or opinion on one of them, `export` the export dialog (recipients, what the scan of
//! the free texts found).

mod add;
mod agenda;
mod export;
mod form;
mod list;
mod outcome;
mod screen;

pub use export::{ExportDialog, ExportTarget};
pub use list::Meetings;
pub use screen::MeetingScreen;
