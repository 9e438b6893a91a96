//! The application frame: navigation, the screens' routes, shortcuts and the status line.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;

use crate::components::cases::{CaseList, CasePage, EditCase, NewCase};
use crate::components::certifications::{Certifications, ExamSessionPage};
use crate::components::meetings::{MeetingScreen, Meetings};
use crate::components::{
    nav::Nav, profile_banner::ProfileBanner, settings::Settings, status_line::StatusLine,
    todo::Todo,
};
use crate::dom::focus;
use crate::guard;

#[component]
pub fn App() -> impl IntoView {
    guard::provide();
    view! {
        <Router>
            <Shortcuts />
            <div class="frame">
                <Nav />
                <main id="main" class="screen" tabindex="-1">
                    <ProfileBanner />
                    <Routes fallback=|| view! { <p>"Page introuvable."</p> }>
                        <Route path=path!("/") view=CaseList />
                        <Route path=path!("/dossiers/nouveau") view=NewCase />
                        <Route path=path!("/dossiers/:id") view=CasePage />
                        <Route path=path!("/dossiers/:id/modifier") view=EditCase />
                        <Route path=path!("/a-faire") view=Todo />
                        <Route path=path!("/comites") view=Meetings />
                        <Route path=path!("/comites/:id") view=MeetingScreen />
                        <Route path=path!("/certifications") view=Certifications />
                        <Route path=path!("/certifications/sessions/:id") view=ExamSessionPage />
                        <Route path=path!("/parametres") view=Settings />
                    </Routes>
                </main>
                <StatusLine />
            </div>
        </Router>
    }
}

/// Ctrl+N: new case file. Ctrl+F: search the case list (from any screen).
#[component]
fn Shortcuts() -> impl IntoView {
    let navigate = use_navigate();
    let unsaved = guard::unsaved();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        match ev.key().to_lowercase().as_str() {
            "n" => {
                ev.prevent_default();
                if unsaved.may_leave() {
                    navigate("/dossiers/nouveau", Default::default());
                }
            }
            "f" => {
                ev.prevent_default();
                if focus("case-search") {
                    return;
                }
                if unsaved.may_leave() {
                    navigate("/", Default::default());
                    request_animation_frame(|| {
                        focus("case-search");
                    });
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
}
