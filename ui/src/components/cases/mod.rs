//! Dossiers: list, case page, form and journal.

mod fields;
mod form;
mod journal;
mod list;
mod page;

pub use list::CaseList;
pub use page::{CasePage, EditCase, NewCase};
