//! The lock screen: opaque, over the whole window (the app underneath is hidden and inert).
//! The passphrase unlocks; « Phrase de passe oubliée ? » sets a new one with the recovery key.

use leptos::prelude::*;
use passerelle_domain::FieldError;

use super::passphrase::{PassphraseField, ShowToggle, StrengthMeter, acceptable, mismatch};
use crate::api;
use crate::components::common::{field_errors, message_for};
use crate::dom;
use crate::session::session;

/// The lock screen. `resumed`: the app was open before (what was typed is kept).
#[component]
pub fn LockScreen(resumed: bool) -> impl IntoView {
    let forgot = RwSignal::new(false);
    view! {
        <main id="lock-screen" class="gate" aria-labelledby="lock-title">
            <div class="gate-panel">
                <p class="gate-brand">"Passerelle"</p>
                {move || {
                    if forgot.get() {
                        view! { <RecoverForm forgot=forgot /> }.into_any()
                    } else {
                        view! { <UnlockForm resumed=resumed forgot=forgot /> }.into_any()
                    }
                }}
            </div>
        </main>
    }
}

#[component]
fn UnlockForm(resumed: bool, forgot: RwSignal<bool>) -> impl IntoView {
    let session = session();
    let passphrase = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let unlock = Action::new_local(|p: &String| api::security::unlock(p.clone()));
    Effect::new(move || match unlock.value().get() {
        Some(Ok(status)) => session.unlocked(status.idle_lock_seconds),
        Some(Err(e)) => {
            // The passphrase's own message (« Phrase de passe incorrecte… »), or the error's.
            let errors = field_errors(&e);
            error.set(
                errors
                    .iter()
                    .find(|f| f.field == "passphrase")
                    .or(errors.first())
                    .map(|f| f.message.clone()),
            );
            dom::focus("unlock-passphrase");
        }
        None => {}
    });
    let busy = unlock.pending();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        if passphrase.with_untracked(String::is_empty) {
            error.set(Some(
                "Phrase de passe : saisissez-la pour déverrouiller.".into(),
            ));
            dom::focus("unlock-passphrase");
            return;
        }
        unlock.dispatch(passphrase.get_untracked());
    };
    request_animation_frame(|| {
        dom::focus("unlock-passphrase");
    });
    view! {
        <h1 id="lock-title">"Passerelle est verrouillée"</h1>
        <p class="help">
            {if resumed {
                "Saisissez votre phrase de passe pour reprendre : ce que vous aviez saisi est conservé."
            } else {
                "Saisissez votre phrase de passe pour ouvrir les dossiers."
            }}
        </p>
        <form id="unlock-form" on:submit=on_submit novalidate=true>
            <PassphraseField
                id="unlock-passphrase"
                label="Phrase de passe"
                value=passphrase
                error=error.into()
                error_id="unlock-error"
            />
            <div class="actions">
                <button type="submit" id="unlock-submit" disabled=move || busy.get()>
                    {move || if busy.get() { "Vérification…" } else { "Déverrouiller" }}
                </button>
                <button
                    type="button"
                    class="link"
                    id="unlock-forgot"
                    on:click=move |_| forgot.set(true)
                >
                    "Phrase de passe oubliée ?"
                </button>
            </div>
        </form>
    }
}

/// A forgotten passphrase: the recovery key of the kit, and a new passphrase.
#[component]
fn RecoverForm(forgot: RwSignal<bool>) -> impl IntoView {
    let session = session();
    let key = RwSignal::new(String::new());
    let passphrase = RwSignal::new(String::new());
    let confirm = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let recover =
        Action::new_local(|(k, p): &(String, String)| api::security::recover(k.clone(), p.clone()));
    Effect::new(move || match recover.value().get() {
        Some(Ok(status)) => session.unlocked(status.idle_lock_seconds),
        Some(Err(e)) => {
            let list = field_errors(&e);
            let first = match list.first().map(|f| f.field.as_str()) {
                Some("passphrase") => "recover-new",
                _ => "recover-key",
            };
            errors.set(list);
            dom::focus(first);
        }
        None => {}
    });
    let busy = recover.pending();
    let ready = move || passphrase.with(|p| confirm.with(|c| acceptable(p, c)));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if ready() && !busy.get_untracked() {
            errors.set(Vec::new());
            recover.dispatch((key.get_untracked(), passphrase.get_untracked()));
        }
    };
    let key_error = Signal::derive(move || {
        message_for(errors, "recoveryKey")().or_else(message_for(errors, ""))
    });
    request_animation_frame(|| {
        dom::focus("recover-key");
    });
    view! {
        <h1 id="lock-title">"Phrase de passe oubliée"</h1>
        <p class="help">
            "Saisissez la clé de secours de votre kit (8 groupes de 4 caractères), puis choisissez une nouvelle phrase de passe. La clé de secours reste valable."
        </p>
        <form id="recover-form" on:submit=on_submit novalidate=true>
            <div class="field">
                <label for="recover-key">"Clé de secours"</label>
                <input
                    id="recover-key"
                    type="text"
                    class="mono"
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="characters"
                    placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
                    prop:value=move || key.get()
                    on:input=move |ev| key.set(event_target_value(&ev))
                    aria-invalid=move || if key_error.get().is_some() { "true" } else { "false" }
                    aria-describedby="recover-key-error"
                />
                <p id="recover-key-error" class="field-error" role="alert">
                    {move || key_error.get()}
                </p>
            </div>
            <PassphraseField
                id="recover-new"
                label="Nouvelle phrase de passe"
                value=passphrase
                error=Signal::derive(message_for(errors, "passphrase"))
                autocomplete="new-password"
                shown=shown
                described_by="recover-strength-text"
            />
            <StrengthMeter id="recover-strength" value=passphrase />
            <PassphraseField
                id="recover-confirm"
                label="Confirmation de la nouvelle phrase de passe"
                value=confirm
                error=mismatch(passphrase, confirm)
                autocomplete="new-password"
                shown=shown
            />
            <ShowToggle id="recover-show" shown=shown />
            <div class="actions">
                <button type="submit" id="recover-submit" disabled=move || !ready() || busy.get()>
                    {move || {
                        if busy.get() { "Vérification…" } else { "Changer et déverrouiller" }
                    }}
                </button>
                <button
                    type="button"
                    class="secondary"
                    id="recover-cancel"
                    on:click=move |_| forgot.set(false)
                >
                    "Retour"
                </button>
            </div>
        </form>
    }
}
