//! Passphrase fields and the strength meter the set-up, recovery and change forms share.

use leptos::prelude::*;
use passerelle_domain::security::{PASSPHRASE_MIN_CHARS, Strength, check_passphrase};

/// A passphrase input with its label, its error (`{id}-error`, or `error_id`) and a warning
/// when Caps Lock is on. `shown` displays it in clear.
#[component]
pub fn PassphraseField(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: Signal<Option<String>>,
    #[prop(default = "current-password")] autocomplete: &'static str,
    #[prop(optional)] shown: Option<RwSignal<bool>>,
    /// Ids of more text describing the field (the strength meter).
    #[prop(optional)]
    described_by: &'static str,
    #[prop(optional)] error_id: Option<&'static str>,
    #[prop(optional)] disabled: Option<Signal<bool>>,
) -> impl IntoView {
    let error_id = error_id.map_or_else(|| format!("{id}-error"), str::to_owned);
    let caps_id = format!("{id}-caps");
    let caps = RwSignal::new(false);
    let on_key = move |ev: leptos::ev::KeyboardEvent| caps.set(ev.get_modifier_state("CapsLock"));
    let describedby = format!("{error_id} {caps_id} {described_by}")
        .trim()
        .to_owned();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type=move || if shown.is_some_and(|s| s.get()) { "text" } else { "password" }
                autocomplete=autocomplete
                spellcheck="false"
                autocapitalize="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:keydown=on_key
                on:keyup=on_key
                disabled=move || disabled.is_some_and(|d| d.get())
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=describedby
            />
            <p id=caps_id class="field-warning">
                {move || caps.get().then_some("Attention : la touche Verr. Maj. est activée.")}
            </p>
            <p id=error_id class="field-error" role="alert">
                {move || error.get()}
            </p>
        </div>
    }
}

/// How strong the passphrase being typed is: a bar (decoration) and its words, announced
/// politely. Ids: `id` for the whole, `{id}-text` for the words.
#[component]
pub fn StrengthMeter(id: &'static str, value: RwSignal<String>) -> impl IntoView {
    let check = Memo::new(move |_| value.with(|v| (!v.is_empty()).then(|| check_passphrase(v))));
    let level = move || {
        check.with(|c| match c.as_ref().map(|c| c.strength) {
            None => ("empty", "", 0),
            Some(Strength::TooShort) => ("too-short", "trop courte", 10),
            Some(Strength::Weak) => ("weak", "faible", 35),
            Some(Strength::Fair) => ("fair", "correcte", 70),
            Some(Strength::Strong) => ("strong", "solide", 100),
        })
    };
    let advice = move || {
        check.with(|c| match c {
            None => format!(
                "Au moins {PASSPHRASE_MIN_CHARS} caractères ; une phrase de quatre ou cinq mots se retient mieux qu’un mot de passe court."
            ),
            Some(c) if c.advice.is_empty() => "Difficile à deviner : vous pouvez la choisir.".to_owned(),
            Some(c) => c.advice.clone(),
        })
    };
    view! {
        <div class="strength" id=id>
            <div class="strength-track" aria-hidden="true">
                <span
                    class=move || format!("strength-bar {}", level().0)
                    style:width=move || format!("{}%", level().2)
                ></span>
            </div>
            <p id=format!("{id}-text") class="strength-text" aria-live="polite">
                {move || {
                    (level().2 > 0)
                        .then(|| {
                            view! {
                                <span class="strength-level">"Force : " {level().1}</span>
                                " — "
                            }
                        })
                }}
                {advice}
            </p>
        </div>
    }
}

/// Whether a new passphrase and its confirmation may be submitted: strong enough, and equal.
pub fn acceptable(passphrase: &str, confirm: &str) -> bool {
    passphrase == confirm && check_passphrase(passphrase).accepted()
}

/// The message under a confirmation field: shown once what is typed can no longer match (not
/// while it is still the beginning of the passphrase).
pub fn mismatch(passphrase: RwSignal<String>, confirm: RwSignal<String>) -> Signal<Option<String>> {
    Signal::derive(move || {
        let differs = confirm.with(|c| passphrase.with(|p| !p.starts_with(c.as_str())));
        differs.then(|| "Confirmation : les deux saisies diffèrent.".to_owned())
    })
}

/// The « Afficher les phrases de passe » checkbox.
#[component]
pub fn ShowToggle(id: &'static str, shown: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="field check">
            <input
                id=id
                type="checkbox"
                prop:checked=move || shown.get()
                on:change=move |ev| shown.set(event_target_checked(&ev))
            />
            <label for=id>"Afficher en clair"</label>
        </div>
    }
}
