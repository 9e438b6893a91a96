//! The territory side (Territoires): a territory's or an EPCI's dashboard with its map, the
//! establishments it follows and their pages (diagnostics, hiring needs, employees' case files),
//! and the census of hiring needs. (Paramètres › Territoires, the list cases are attached to,
//! is `components::territories`.)

mod activity;
mod census;
mod charts;
mod diagnostic_form;
mod diagnostics;
mod establishment_form;
mod establishment_page;
mod establishments;
mod export;
mod figures;
mod map;
mod need_form;
mod needs;
mod screen;
mod trades;

pub use census::NeedsCensus;
pub use establishment_form::{EditEstablishment, NewEstablishment};
pub use establishment_page::EstablishmentPage;
pub use map::EpciCountMap;
pub use screen::Territories;

use leptos::prelude::*;
use passerelle_domain::diagnostic::Outlook;

/// The Territoires screen of a scope: a territory, or one of its EPCIs.
pub fn scope_href(territory: &str, epci: &str) -> String {
    match (territory.is_empty(), epci.is_empty()) {
        (true, _) => "/territoires".to_owned(),
        (false, true) => format!("/territoires?territoire={territory}"),
        (false, false) => format!("/territoires?territoire={territory}&epci={epci}"),
    }
}

/// An establishment's page.
pub fn establishment_href(siret: &str) -> String {
    format!("/territoires/etablissements/{siret}")
}

/// « en péril » (red), « en mutation » (amber), « stable », « en devenir » (green): text and
/// border carry the meaning as much as the colour.
pub fn outlook_badge(outlook: Outlook) -> impl IntoView {
    view! { <span class=format!("badge outlook {}", outlook.code())>{outlook.label()}</span> }
}

/// `<option>` tags of the outlooks, `selected` marking one.
pub fn outlook_options(selected: Outlook) -> impl IntoView {
    Outlook::ALL
        .into_iter()
        .map(|o| {
            view! {
                <option value=o.code() selected=o == selected>
                    {o.label()}
                </option>
            }
        })
        .collect_view()
}

/// The label of a ROME code (empty when the reference does not know it).
pub fn rome_label(code: &str) -> &'static str {
    passerelle_domain::validate::rome_label(code).unwrap_or_default()
}

/// A number typed in a field: digits only, else 0 (which the domain's rules then refuse with
/// their own message).
pub fn number(text: &str) -> u32 {
    text.trim().parse().unwrap_or(0)
}
