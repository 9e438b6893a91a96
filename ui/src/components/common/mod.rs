//! Building blocks every screen uses: the loading/error wrapper, tabs, a modal dialog, form
//! fields, select options from the domain's enumerations, field error messages, dates and sizes
//! in French. Nothing here knows a screen.

mod choice;
mod dialog;
mod errors;
mod fields;
mod files;
mod form;
mod loaded;
mod moments;
mod run;
mod tabs;

pub use choice::{labelled_codes, option_tags};
pub use dialog::ModalDialog;
pub use errors::{field_errors, first_message, message_for};
pub use fields::{CheckField, DateField, SelectField, TextArea, TextField};
pub use files::{chosen_file, read_file};
pub use form::{FormCtx, report_of};
pub use loaded::Loaded;
pub use moments::{date_text, date_time_text, local_date, size_text};
pub use run::{RunButton, RunOutcome};
pub use tabs::{TabEntry, TabPanel, Tabs};
