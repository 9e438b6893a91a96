//! A recovery key shown once (at set-up, or when a new kit replaces the old one): the key in
//! 8 groups of 4, what to do with it, its printable kit, and a checkbox the user must tick
//! before going on.

use leptos::prelude::*;

use crate::api;
use crate::components::common::first_message;

/// The key, large and monospaced: « 7K3Q-9ZD2-… ».
#[component]
fn KeyText(id: String, key: String) -> impl IntoView {
    let groups: Vec<String> = key.split('-').map(str::to_owned).collect();
    let last = groups.len().saturating_sub(1);
    view! {
        <p id=id class="recovery-key">
            {groups
                .into_iter()
                .enumerate()
                .map(|(i, group)| {
                    view! {
                        <span class="group">
                            {group} {(i < last).then(|| view! { <span class="sep">"-"</span> })}
                        </span>
                    }
                })
                .collect_view()}
        </p>
    }
}

/// The key and what to do with it. Ids start with `prefix`: `{prefix}-key`, `{prefix}-print`,
/// `{prefix}-print-message`, `{prefix}-noted`, `{prefix}-continue`. `kit_path`: a kit already
/// written for this key.
#[component]
pub fn RecoveryKeyPanel(
    prefix: &'static str,
    key: String,
    #[prop(default = None)] kit_path: Option<String>,
    done_label: &'static str,
    on_done: Callback<()>,
) -> impl IntoView {
    let noted = RwSignal::new(false);
    let message =
        RwSignal::new(kit_path.map(|p| (format!("Kit de secours enregistré : {p}"), false)));
    let print = Action::new_local(|key: &String| api::security::export_kit(key.clone()));
    Effect::new(move || match print.value().get() {
        Some(Ok(Some(path))) => {
            message.set(Some((format!("Kit de secours enregistré : {path}"), false)));
        }
        Some(Ok(None)) => message.set(None),
        Some(Err(e)) => message.set(first_message(&e).map(|m| (m, true))),
        None => {}
    });
    let print_key = key.clone();
    let id = move |suffix: &str| format!("{prefix}-{suffix}");
    view! {
        <div class="recovery">
            <KeyText id=id("key") key=key />
            <p>
                "Cette clé est le seul moyen de retrouver vos données si vous oubliez votre phrase de passe : sans l’une ni l’autre, personne ne pourra les lire. "
                <strong>"Elle n’est affichée qu’une fois."</strong>
            </p>
            <ul class="advice">
                <li>
                    "Imprimez le kit de secours, puis supprimez le fichier PDF ; ou recopiez la clé à la main."
                </li>
                <li>
                    "Rangez le papier hors de l’ordinateur, sous clé. Ne photographiez pas la clé, ne l’envoyez pas par courriel."
                </li>
                <li>"À la saisie, tirets, espaces et minuscules sont sans importance."</li>
            </ul>
            <div class="actions">
                <button
                    type="button"
                    class="secondary"
                    id=id("print")
                    disabled=move || print.pending().get()
                    on:click=move |_| {
                        print.dispatch(print_key.clone());
                    }
                >
                    "Imprimer le kit de secours…"
                </button>
                <span
                    id=id("print-message")
                    role="status"
                    class=move || {
                        if matches!(message.get(), Some((_, true))) {
                            "notice-error mono-path"
                        } else {
                            "notice-ok mono-path"
                        }
                    }
                >
                    {move || message.get().map(|(m, _)| m)}
                </span>
            </div>
            <div class="field check noted">
                <input
                    id=id("noted")
                    type="checkbox"
                    prop:checked=move || noted.get()
                    on:change=move |ev| noted.set(event_target_checked(&ev))
                />
                <label for=id(
                    "noted",
                )>"J’ai noté la clé de secours et je la range hors de l’ordinateur"</label>
            </div>
            <div class="actions">
                <button
                    type="button"
                    id=id("continue")
                    disabled=move || !noted.get()
                    on:click=move |_| on_done.run(())
                >
                    {done_label}
                </button>
            </div>
        </div>
    }
}
