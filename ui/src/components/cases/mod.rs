//! Dossiers: list, case page, form and journal.

mod certificate;
mod consents;
mod documents;
mod enrolments;
mod facts;
mod form;
mod funding;
mod interviews;
mod journal;
mod list;
mod notice;
mod page;
mod parcours;
mod rights;
mod vae;

pub use list::CaseList;
pub use page::{CasePage, EditCase, NewCase};

use leptos::prelude::*;
use passerelle_domain::AppError;
use passerelle_domain::ipc::Territory;

/// Label of a territory code, once the list has loaded (the code until then).
fn territory_labeller(
    territories: LocalResource<Result<Vec<Territory>, AppError>>,
) -> impl Fn(&str) -> String + Copy + 'static {
    move |code: &str| {
        territories
            .get()
            .and_then(Result::ok)
            .and_then(|list| list.into_iter().find(|t| t.code == code).map(|t| t.label))
            .unwrap_or_else(|| code.to_owned())
    }
}

/// The date part of a stored timestamp, the French way (`12 mars 2026`).
pub fn when_date(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| passerelle_domain::i18n::format_date(t.with_timezone(&chrono::Local).date_naive()))
        .unwrap_or_else(|_| at.to_owned())
}
