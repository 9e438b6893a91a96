//! The application frame: navigation, the screens' routes and the status line.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use passerelle_domain::i18n::{Msg, t};

use crate::components::{
    nav::Nav, placeholder::EmptyScreen, settings::Settings, status_line::StatusLine,
};

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <div class="frame">
                <Nav/>
                <main id="main" class="screen" tabindex="-1">
                    <Routes fallback=|| view! { <p>"Page introuvable."</p> }>
                        <Route path=path!("/") view=|| view! {
                            <EmptyScreen id="screen-cases" title=Msg::CasesTitle empty=Msg::CasesEmpty/>
                        }/>
                        <Route path=path!("/a-faire") view=|| view! {
                            <EmptyScreen id="screen-todo" title=Msg::TodoTitle empty=Msg::TodoEmpty/>
                        }/>
                        <Route path=path!("/comites") view=|| view! {
                            <EmptyScreen id="screen-committees" title=Msg::CommitteesTitle empty=Msg::CommitteesEmpty/>
                        }/>
                        <Route path=path!("/certifications") view=|| view! {
                            <EmptyScreen id="screen-certifications" title=Msg::CertificationsTitle empty=Msg::CertificationsEmpty/>
                        }/>
                        <Route path=path!("/parametres") view=Settings/>
                    </Routes>
                </main>
                <StatusLine/>
            </div>
        </Router>
    }
}

/// Sets the window title to « Écran — Passerelle ».
pub fn set_title(screen: Msg) {
    document().set_title(&format!("{} — {}", t(screen), t(Msg::AppName)));
}
