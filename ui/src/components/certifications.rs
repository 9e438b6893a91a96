//! Certifications: the staff's follow-up of sessions and candidates, and the catalogue.

mod catalogue;
mod chart;
mod session;
mod sessions;
mod stats;

use leptos::prelude::*;
use passerelle_domain::i18n::{Msg, t};

pub use session::SessionPage;

/// Horizon of the upcoming (and recent) sessions.
pub const HORIZON_DAYS: u32 = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Sessions,
    Candidates,
    Catalogue,
}

const TABS: [(Tab, &str, &str); 3] = [
    (
        Tab::Sessions,
        "tab-cert-sessions",
        "Sessions d’examen et jurys",
    ),
    (
        Tab::Candidates,
        "tab-cert-candidates",
        "Candidats et résultats",
    ),
    (Tab::Catalogue, "tab-cert-catalogue", "Catalogue"),
];

#[component]
pub fn Certifications() -> impl IntoView {
    crate::app::set_title(Msg::CertificationsTitle);
    let tab = RwSignal::new(Tab::Sessions);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let i = TABS
            .iter()
            .position(|(t, _, _)| *t == tab.get_untracked())
            .unwrap_or(0);
        let next = match ev.key().as_str() {
            "ArrowRight" => (i + 1) % TABS.len(),
            "ArrowLeft" => (i + TABS.len() - 1) % TABS.len(),
            _ => return,
        };
        tab.set(TABS[next].0);
        crate::app::focus(TABS[next].1);
    };
    view! {
        <section id="screen-certifications" aria-labelledby="screen-certifications-title">
            <h1 id="screen-certifications-title">{t(Msg::CertificationsTitle)}</h1>
            <div class="tabs" role="tablist" aria-label="Sections des certifications" on:keydown=on_key>
                {TABS.into_iter().map(|(t, id, label)| view! {
                    <button type="button" role="tab" id=id
                        aria-selected=move || if tab.get() == t { "true" } else { "false" }
                        tabindex=move || if tab.get() == t { "0" } else { "-1" }
                        on:click=move |_| tab.set(t)>{label}</button>
                }).collect_view()}
            </div>
            {move || {
                let current = tab.get();
                let labelled_by = TABS.iter().find(|(t, _, _)| *t == current).map(|x| x.1).unwrap_or_default();
                let panel = match current {
                    Tab::Sessions => view! { <sessions::Sessions/> }.into_any(),
                    Tab::Candidates => view! { <stats::Stats/> }.into_any(),
                    Tab::Catalogue => view! { <catalogue::Catalogue/> }.into_any(),
                };
                view! { <div role="tabpanel" class="panel" aria-labelledby=labelled_by>{panel}</div> }
            }}
        </section>
    }
}
