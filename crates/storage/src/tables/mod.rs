//! One module per table (or per table and its child rows): reading, writing and hashing rows.
//! A table module depends only on the journal, the column codecs and the error type — never on
//! another table or a use case — and declares its journal entity once (`JOURNALED`), which
//! the integrity module registers.

pub mod case_file;
pub mod catalogue;
pub(crate) mod certificate;
pub(crate) mod derived_rows;
pub mod diagnostic;
pub(crate) mod disclosure;
pub(crate) mod document;
pub(crate) mod enrolment;
pub mod establishment;
pub(crate) mod exam_candidate;
pub(crate) mod exam_session;
pub(crate) mod export;
pub mod hiring_need;
pub mod import_mapping;
pub(crate) mod interview;
pub(crate) mod meeting;
pub(crate) mod parameter;
pub mod profile;
pub mod setting;
pub mod status;
pub mod territory;
pub mod trade_label;
pub(crate) mod transition;
pub(crate) mod vae;
