//! The case file (dossier individuel): who the beneficiary is, their situation and their project.
//!
//! Text fields are `String`s where empty means "not given": the forms edit them directly and the
//! validators normalise them. Enumerations serialise as stable snake_case codes; their French
//! labels come from the catalogue ([`crate::i18n::Label`]).

mod model;
mod query;
mod records;
mod validation;

pub use model::*;
pub use query::*;
pub use records::*;
pub use validation::Report;
