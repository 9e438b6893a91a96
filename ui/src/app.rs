//! The application frame: the protection gate (set-up, lock screen), navigation, the screens'
//! routes, shortcuts, locking and the status line.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use passerelle_domain::i18n::{Msg, t};
use passerelle_domain::security::LockState;

use crate::api;
use crate::components::cases::{CaseList, CasePage, EditCase, NewCase};
use crate::components::certifications::{Certifications, ExamSessionPage};
use crate::components::help::Help;
use crate::components::imports::CasesImport;
use crate::components::matching::Trainings;
use crate::components::meetings::{MeetingScreen, Meetings};
use crate::components::security::{LockScreen, SetupScreen};
use crate::components::territory::{
    EditEstablishment, EstablishmentPage, NeedsCensus, NewEstablishment, Territories,
};
use crate::components::welcome::Welcome;
use crate::components::{
    nav::Nav, profile_banner::ProfileBanner, settings::Settings, status_line::StatusLine,
    todo::Todo,
};
use crate::dom::focus;
use crate::guard;
use crate::session::{self, Gate, Session};

#[component]
pub fn App() -> impl IntoView {
    guard::provide();
    let session = session::provide();
    let failure = RwSignal::new(None::<String>);
    let check = move || {
        failure.set(None);
        leptos::task::spawn_local(async move {
            match api::security::status().await {
                Ok(s) => match s.state {
                    LockState::Setup => session.gate.set(Gate::Setup { migrate: false }),
                    LockState::Migrate => session.gate.set(Gate::Setup { migrate: true }),
                    LockState::Locked => session.gate.set(Gate::Locked),
                    LockState::Unlocked => session.unlocked(s.idle_lock_seconds),
                },
                Err(e) => failure.set(Some(e.user_message())),
            }
        });
    };
    check();
    // The app is mounted the first time the data is open, then kept (hidden while locked) so
    // that nothing typed is lost and it comes back where it was.
    let opened = Memo::new(move |before: Option<&bool>| {
        before.copied().unwrap_or(false) || session.gate.get() == Gate::Unlocked
    });
    view! {
        <Router>
            <Locking />
            {move || opened.get().then(|| view! { <Frame /> })}
            {move || match session.gate.get() {
                Gate::Checking => {
                    view! { <Checking failure=failure retry=Callback::new(move |()| check()) /> }
                        .into_any()
                }
                Gate::Setup { migrate } => view! { <SetupScreen migrate=migrate /> }.into_any(),
                Gate::Locked => view! { <LockScreen resumed=opened.get_untracked() /> }.into_any(),
                Gate::Unlocked => ().into_any(),
            }}
        </Router>
    }
}

/// Navigation, the screens and the status line; hidden and inert while locked.
#[component]
fn Frame() -> impl IntoView {
    let session = session::session();
    let hidden = move || session.gate.get() != Gate::Unlocked;
    view! {
        <Shortcuts />
        <div
            class="frame"
            class:locked=hidden
            inert=hidden
            aria-hidden=move || hidden().then_some("true")
        >
            <Nav />
            <main id="main" class="screen" tabindex="-1">
                <DemoBanner />
                <ProfileBanner />
                <Routes fallback=|| view! { <p>"Page introuvable."</p> }>
                    <Route path=path!("/") view=CaseList />
                    <Route path=path!("/dossiers/nouveau") view=NewCase />
                    <Route path=path!("/dossiers/importer") view=CasesImport />
                    <Route path=path!("/dossiers/:id") view=CasePage />
                    <Route path=path!("/dossiers/:id/modifier") view=EditCase />
                    <Route path=path!("/a-faire") view=Todo />
                    <Route path=path!("/comites") view=Meetings />
                    <Route path=path!("/comites/:id") view=MeetingScreen />
                    <Route path=path!("/certifications") view=Certifications />
                    <Route path=path!("/certifications/sessions/:id") view=ExamSessionPage />
                    <Route path=path!("/formations") view=Trainings />
                    <Route path=path!("/territoires") view=Territories />
                    <Route path=path!("/territoires/besoins") view=NeedsCensus />
                    <Route
                        path=path!("/territoires/etablissements/nouveau")
                        view=NewEstablishment
                    />
                    <Route
                        path=path!("/territoires/etablissements/:siret")
                        view=EstablishmentPage
                    />
                    <Route
                        path=path!("/territoires/etablissements/:siret/modifier")
                        view=EditEstablishment
                    />
                    <Route path=path!("/parametres") view=Settings />
                    <Route path=path!("/parametres/securite") view=Settings />
                    <Route path=path!("/aide") view=Help />
                    <Route path=path!("/bienvenue") view=Welcome />
                </Routes>
            </main>
            <StatusLine />
        </div>
    }
}

/// « DÉMONSTRATION » at the top of every screen of a demonstration database; when the first-run
/// screen opened it, the way back to one's own database.
#[component]
fn DemoBanner() -> impl IntoView {
    let session = session::session();
    let status = LocalResource::new(move || {
        session.unlocks.track();
        api::status::app_status()
    });
    let leave = move |_| {
        leptos::task::spawn_local(async move {
            if api::security::demo_close().await.is_ok() {
                // A fresh window: nothing of the demonstration stays in memory.
                let _ = window().location().reload();
            }
        });
    };
    move || {
        status
            .get()
            .and_then(Result::ok)
            .filter(|s| s.demo)
            .map(|s| {
                view! {
                    <div id="demo-banner" class="demo-banner" role="note">
                        <strong>{t(Msg::DemoBanner)}</strong>
                        " — personnes, entreprises et décisions inventées."
                        {s
                            .demo_opened_in_app
                            .then(|| {
                                view! {
                                    <button type="button" id="demo-leave" on:click=leave>
                                        "Quitter la démonstration"
                                    </button>
                                }
                            })}
                    </div>
                }
            })
    }
}

/// While the shell says where things stand (or why it cannot).
#[component]
fn Checking(failure: RwSignal<Option<String>>, retry: Callback<()>) -> impl IntoView {
    view! {
        <main id="gate-checking" class="gate" aria-labelledby="gate-checking-title">
            <div class="gate-panel">
                <p class="gate-brand">"Passerelle"</p>
                {move || match failure.get() {
                    None => {
                        view! {
                            <h1 id="gate-checking-title" class="sr-only">
                                "Ouverture"
                            </h1>
                            <p role="status">"Ouverture…"</p>
                        }
                            .into_any()
                    }
                    Some(message) => {
                        view! {
                            <h1 id="gate-checking-title">"Passerelle ne peut pas démarrer"</h1>
                            <p class="notice-error" role="alert">
                                {message}
                            </p>
                            <div class="actions">
                                <button
                                    type="button"
                                    id="gate-retry"
                                    on:click=move |_| retry.run(())
                                >
                                    "Réessayer"
                                </button>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </div>
        </main>
    }
}

/// Locks now: the lock screen at once, then the shell drops the key.
fn lock(session: Session) {
    if !session.is_unlocked() {
        return;
    }
    session.lock_screen();
    leptos::task::spawn_local(async {
        // Already shown locked; a refusal here changes nothing on screen.
        let _ = api::security::lock().await;
    });
}

/// Ctrl+L locks; so does the idle delay (`idle_seconds` without a key, a click, a wheel turn
/// or a mouse or touch move; 0: never).
#[component]
fn Locking() -> impl IntoView {
    let session = session::session();
    let last_activity = StoredValue::new(js_sys::Date::now());
    let mut handles: Vec<WindowListenerHandle> =
        ["keydown", "mousedown", "mousemove", "wheel", "touchstart"]
            .into_iter()
            .map(|name| {
                window_event_listener_untyped(name, move |_| {
                    last_activity.set_value(js_sys::Date::now());
                })
            })
            .collect();
    handles.push(window_event_listener(leptos::ev::keydown, move |ev| {
        let ctrl = (ev.ctrl_key() || ev.meta_key()) && !ev.alt_key() && !ev.shift_key();
        if ctrl && ev.key().eq_ignore_ascii_case("l") && session.is_unlocked() {
            ev.prevent_default();
            lock(session);
        }
    }));
    // Unlocked again: the delay starts over.
    Effect::new(move || {
        if session.gate.get() == Gate::Unlocked {
            last_activity.set_value(js_sys::Date::now());
        }
    });
    let interval = set_interval_with_handle(
        move || {
            let seconds = session.idle_seconds.get_untracked();
            let idle_ms = js_sys::Date::now() - last_activity.get_value();
            if seconds > 0 && session.is_unlocked() && idle_ms >= f64::from(seconds) * 1000.0 {
                lock(session);
            }
        },
        Duration::from_millis(500),
    )
    .ok();
    on_cleanup(move || {
        for handle in handles {
            handle.remove();
        }
        if let Some(interval) = interval {
            interval.clear();
        }
    });
}

/// Ctrl+N: new case file. Ctrl+F: search the case list (from any screen). F1: Aide. Not while
/// locked. (The Aide screen lists them: keep its `SHORTCUTS` in step.)
#[component]
fn Shortcuts() -> impl IntoView {
    let navigate = use_navigate();
    let unsaved = guard::unsaved();
    let session = session::session();
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "F1" && session.is_unlocked() {
            ev.prevent_default();
            if unsaved.may_leave() {
                navigate("/aide", Default::default());
            }
            return;
        }
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || !session.is_unlocked() {
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
