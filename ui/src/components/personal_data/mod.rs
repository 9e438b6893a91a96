//! Personal data: Paramètres › Données personnelles (the « À purger » list, the record of
//! processing activities) and the purge confirmation the case page shares for erasure requests.

mod dialog;
mod section;

pub use dialog::{PurgeDialog, PurgeRequest};
pub use section::PersonalData;
