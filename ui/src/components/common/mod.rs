//! Building blocks every screen uses: the loading/error wrapper, tabs, form fields, select
//! options from the domain's enumerations, field error messages, dates and sizes in French.
//! Nothing here knows a screen.

mod choice;
mod errors;
mod fields;
mod form;
mod loaded;
mod moments;
mod tabs;

pub use choice::{labelled_codes, option_tags};
pub use errors::{field_errors, first_message, message_for};
pub use fields::{CheckField, DateField, SelectField, TextArea, TextField};
pub use form::FormCtx;
pub use loaded::Loaded;
pub use moments::{date_text, date_time_text, local_date, size_text};
pub use tabs::{TabEntry, TabPanel, Tabs};
