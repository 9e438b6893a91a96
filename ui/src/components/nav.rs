use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::i18n::{Msg, t};

/// The screens of the app, in the order of a counsellor's day.
const ENTRIES: [(&str, Msg, &str); 5] = [
    ("/", Msg::NavCases, "nav-cases"),
    ("/a-faire", Msg::NavTodo, "nav-todo"),
    ("/comites", Msg::NavCommittees, "nav-committees"),
    (
        "/certifications",
        Msg::NavCertifications,
        "nav-certifications",
    ),
    ("/parametres", Msg::NavSettings, "nav-settings"),
];

/// The main navigation: a vertical list of links (`aria-current` marks the open screen).
#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="nav" aria-label=t(Msg::NavLabel)>
            <div class="brand">
                <span class="brand-name">{t(Msg::AppName)}</span>
                <span class="brand-tagline">{t(Msg::AppTagline)}</span>
            </div>
            <ul>
                {ENTRIES
                    .into_iter()
                    .map(|(href, label, id)| view! {
                        <li><A href=href exact=true attr:id=id>{t(label)}</A></li>
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
