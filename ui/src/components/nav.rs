use leptos::prelude::*;
use leptos_router::hooks::use_location;
use passerelle_domain::i18n::{Msg, t};

use crate::guard;

/// The screens of the app, in the order of a counsellor's day (the territory side last): href,
/// label, id.
fn entries() -> [(&'static str, &'static str, &'static str); 8] {
    [
        ("/", t(Msg::NavCases), "nav-cases"),
        ("/a-faire", t(Msg::NavTodo), "nav-todo"),
        ("/comites", t(Msg::NavCommittees), "nav-committees"),
        (
            "/certifications",
            t(Msg::NavCertifications),
            "nav-certifications",
        ),
        // Not in the message catalogue yet (`Msg::NavTrainings`).
        ("/formations", "Formations", "nav-trainings"),
        ("/territoires", t(Msg::NavTerritories), "nav-territories"),
        ("/parametres", t(Msg::NavSettings), "nav-settings"),
        ("/aide", t(Msg::NavHelp), "nav-help"),
    ]
}

/// The main navigation. `aria-current` marks the open screen (Dossiers also for a case's
/// pages); leaving a form with unsaved changes asks first.
#[component]
pub fn Nav() -> impl IntoView {
    let unsaved = guard::unsaved();
    let location = use_location();
    let current = move |href: &str| {
        let path = location.pathname.get();
        if href == "/" {
            path == "/" || path.starts_with("/dossiers")
        } else {
            path.starts_with(href)
        }
    };
    view! {
        <nav class="nav" aria-label=t(Msg::NavLabel)>
            <div class="brand">
                <span class="brand-name">{t(Msg::AppName)}</span>
                <span class="brand-tagline">{t(Msg::AppTagline)}</span>
            </div>
            <ul>
                {entries()
                    .into_iter()
                    .map(|(href, label, id)| {
                        view! {
                            <li on:click:capture=move |ev| {
                                if !unsaved.may_leave() {
                                    ev.prevent_default();
                                    ev.stop_propagation();
                                }
                            }>
                                // A plain link (the router still takes the click): `<A>`
                                // sets its own `aria-current`, for the exact path only, and
                                // took it off Dossiers on a case's pages.
                                <a
                                    href=href
                                    id=id
                                    aria-current=move || current(href).then_some("page")
                                >
                                    {label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
