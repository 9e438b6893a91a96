//! First launch, or a database from before encryption: choose a passphrase (the database, and
//! for a migration its documents, are encrypted), then note the recovery key, shown once.

use leptos::prelude::*;
use passerelle_domain::security::IDLE_LOCK_DEFAULT_MINUTES;

use super::passphrase::{PassphraseField, ShowToggle, StrengthMeter, acceptable, mismatch};
use super::recovery_key::RecoveryKeyPanel;
use crate::api;
use crate::components::common::first_message;
use crate::dom;
use crate::session::session;

/// Where the set-up stands.
#[derive(Clone, PartialEq)]
enum Step {
    Choose,
    /// The recovery key to note.
    Key(String),
}

/// The full-window set-up screen.
#[component]
pub fn SetupScreen(migrate: bool) -> impl IntoView {
    let session = session();
    let step = RwSignal::new(Step::Choose);
    dom::set_title_text(if migrate {
        "Chiffrement de la base"
    } else {
        "Protection des données"
    });
    // The set-up is done: open the app with its idle delay — on the first-run assistant for a
    // new database.
    let navigate = leptos_router::hooks::use_navigate();
    let open_app = move || {
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let idle = api::security::status()
                .await
                .map_or(IDLE_LOCK_DEFAULT_MINUTES * 60, |s| s.idle_lock_seconds);
            session.unlocked(idle);
            if !migrate {
                navigate("/bienvenue", Default::default());
            }
        });
    };
    view! {
        <main id="setup-screen" class="gate" aria-labelledby="setup-title">
            <div class="gate-panel wide">
                <p class="gate-brand">"Passerelle"</p>
                {move || match step.get() {
                    Step::Choose => {
                        view! {
                            <ChooseForm migrate=migrate step=step />
                            {(!migrate).then(|| view! { <DemoChoice /> })}
                        }
                            .into_any()
                    }
                    Step::Key(key) => {
                        let open_app = open_app.clone();
                        request_animation_frame(|| {
                            dom::focus("setup-title");
                        });
                        view! {
                            <h1 id="setup-title" tabindex="-1">
                                "Votre clé de secours"
                            </h1>
                            <RecoveryKeyPanel
                                prefix="recovery"
                                key=key
                                done_label="Continuer"
                                on_done=Callback::new(move |()| open_app())
                            />
                        }
                            .into_any()
                    }
                }}
            </div>
        </main>
    }
}

/// First launch only: the demonstration, in its own database, instead of one's own.
#[component]
fn DemoChoice() -> impl IntoView {
    let session = session();
    let error = RwSignal::new(None::<String>);
    let open = Action::new_local(|_: &()| api::security::demo_open());
    Effect::new(move || match open.value().get() {
        Some(Ok(status)) => session.unlocked(status.idle_lock_seconds),
        Some(Err(e)) => error.set(Some(e.user_message())),
        None => {}
    });
    let busy = open.pending();
    view! {
        <section class="setup-demo" aria-labelledby="setup-demo-title">
            <h2 id="setup-demo-title">"Découvrir Passerelle d’abord"</h2>
            <p>
                "Une base à part, remplie de dossiers fictifs, marquée « DÉMONSTRATION » sur chaque écran et chaque PDF. Vos données n’y sont jamais mêlées : votre propre base sera créée quand vous choisirez votre phrase de passe."
            </p>
            <div class="actions">
                <button
                    type="button"
                    id="setup-demo"
                    class="secondary"
                    disabled=move || busy.get()
                    on:click=move |_| {
                        error.set(None);
                        open.dispatch(());
                    }
                >
                    {move || {
                        if busy.get() {
                            "Préparation de la démonstration…"
                        } else {
                            "Découvrir avec des données de démonstration"
                        }
                    }}
                </button>
            </div>
            <p id="setup-demo-error" class="field-error" role="alert">
                {move || error.get()}
            </p>
        </section>
    }
}

/// The passphrase, its confirmation and its strength; the submit stays disabled until the
/// passphrase is accepted and confirmed.
#[component]
fn ChooseForm(migrate: bool, step: RwSignal<Step>) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let submit = Action::new_local(|p: &String| api::security::setup(p.clone()));
    Effect::new(move || match submit.value().get() {
        Some(Ok(key)) => step.set(Step::Key(key)),
        Some(Err(e)) => {
            error.set(first_message(&e));
            dom::focus("setup-passphrase");
        }
        None => {}
    });
    let busy = submit.pending();
    let ready = move || passphrase.with(|p| confirm.with(|c| acceptable(p, c)));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if ready() && !busy.get_untracked() {
            error.set(None);
            submit.dispatch(passphrase.get_untracked());
        }
    };
    request_animation_frame(|| {
        dom::focus("setup-passphrase");
    });
    let disabled = Signal::derive(move || busy.get());
    view! {
        <h1 id="setup-title">
            {if migrate { "Chiffrer la base existante" } else { "Protéger les données" }}
        </h1>
        {if migrate {
            view! {
                <p class="notice-box info">
                    "Votre base existante va être chiffrée, ainsi que ses documents ; cela peut prendre quelques minutes. Ne fermez pas Passerelle pendant l’opération."
                </p>
            }
                .into_any()
        } else {
            view! {
                <p>
                    "Les dossiers contiennent des données personnelles : Passerelle les chiffre sur ce poste, documents compris."
                </p>
            }
                .into_any()
        }}
        <p class="help">
            "Choisissez une phrase de passe : elle sera demandée à chaque ouverture et après une période d’inactivité. Personne ne peut la retrouver pour vous ; une clé de secours vous sera remise à l’étape suivante."
        </p>
        <form
            id="setup-form"
            on:submit=on_submit
            novalidate=true
            aria-busy=move || if busy.get() { "true" } else { "false" }
        >
            <PassphraseField
                id="setup-passphrase"
                label="Phrase de passe"
                value=passphrase
                error=error.into()
                autocomplete="new-password"
                shown=shown
                described_by="setup-strength-text"
                disabled=disabled
            />
            <StrengthMeter id="setup-strength" value=passphrase />
            <PassphraseField
                id="setup-confirm"
                label="Confirmation de la phrase de passe"
                value=confirm
                error=mismatch(passphrase, confirm)
                autocomplete="new-password"
                shown=shown
                disabled=disabled
            />
            <ShowToggle id="setup-show" shown=shown />
            <div class="actions">
                <button type="submit" id="setup-submit" disabled=move || !ready() || busy.get()>
                    {move || match (busy.get(), migrate) {
                        (true, true) => "Chiffrement en cours…",
                        (true, false) => "Création de la base…",
                        (false, true) => "Chiffrer la base",
                        (false, false) => "Protéger et continuer",
                    }}
                </button>
            </div>
            <div id="setup-progress" role="status">
                {move || {
                    busy.get()
                        .then(|| {
                            view! {
                                <progress aria-label="Progression du chiffrement"></progress>
                                <p>
                                    {if migrate {
                                        "Chiffrement de la base et des documents… Ne fermez pas Passerelle."
                                    } else {
                                        "Création de la base protégée…"
                                    }}
                                </p>
                            }
                        })
                }}
            </div>
        </form>
    }
}
