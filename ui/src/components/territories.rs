use leptos::prelude::*;

use crate::api;
use crate::components::common::first_message;

/// Paramètres › Territoires: the list cases are attached to, which the user can extend.
#[component]
pub fn Territories() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        api::cases::territories()
    });
    let label = RwSignal::new(String::new());
    let message = RwSignal::new(None::<(String, bool)>);
    let add = Action::new_local(|label: &String| api::cases::add_territory(label.clone()));
    Effect::new(move || match add.value().get() {
        Some(Ok(t)) => {
            label.set(String::new());
            message.set(Some((format!("Territoire « {} » ajouté.", t.label), false)));
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => message.set(first_message(&e).map(|m| (m, true))),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch(label.get_untracked());
    };
    view! {
        <section class="form" aria-labelledby="territories-title">
            <h2 id="territories-title">"Territoires"</h2>
            <p class="help">
                "Les dossiers sont rattachés à l’un de ces territoires. Ajoutez-en si votre structure en couvre d’autres."
            </p>
            <ul id="territory-list" class="plain">
                {move || {
                    list.get()
                        .and_then(Result::ok)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|t| {
                            view! { <li>{t.label}" "<span class="muted mono">{t.code}</span></li> }
                        })
                        .collect_view()
                }}
            </ul>
            <form id="territory-form" on:submit=on_submit novalidate=true>
                <div class="field">
                    <label for="territory-label">"Nouveau territoire"</label>
                    <input
                        id="territory-label"
                        type="text"
                        placeholder="Pays de Sarrebourg"
                        prop:value=move || label.get()
                        on:input=move |ev| label.set(event_target_value(&ev))
                        aria-describedby="territory-message"
                    />
                </div>
                <div class="actions">
                    <button type="submit" id="territory-add" disabled=move || add.pending().get()>
                        "Ajouter"
                    </button>
                    <span
                        id="territory-message"
                        role="status"
                        class=move || {
                            if matches!(message.get(), Some((_, true))) {
                                "notice-error"
                            } else {
                                "notice-ok"
                            }
                        }
                    >
                        {move || message.get().map(|(m, _)| m)}
                    </span>
                </div>
            </form>
        </section>
    }
}
