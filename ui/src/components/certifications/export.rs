//! Certifications › the CSV export of every candidate.

use leptos::prelude::*;

use crate::api;

/// The CSV export of every candidate and their results (saved through the native dialog).
#[component]
pub fn Export() -> impl IntoView {
    let message = RwSignal::new(None::<Result<String, String>>);
    let export = Action::new_local(|_: &()| api::certifications::export_csv());
    Effect::new(move || match export.value().get() {
        Some(Ok(Some(done))) => message.set(Some(Ok(format!(
            "{} exportés dans {}.",
            passerelle_domain::i18n::count_noun(u64::from(done.rows), "candidat"),
            done.path
        )))),
        Some(Ok(None)) => message.set(None),
        Some(Err(e)) => message.set(Some(Err(e.user_message()))),
        None => {}
    });
    view! {
        <h2 class="section">"Export"</h2>
        <p class="help">
            "Un fichier CSV pour le tableur : chaque candidat, ses blocs acquis, en cours et restants, sa dernière session, son résultat et son certificat (séparateur « ; », UTF-8)."
        </p>
        <div class="actions">
            <button
                type="button"
                id="cert-export-run"
                on:click=move |_| {
                    export.dispatch(());
                }
                disabled=move || export.pending().get()
            >
                "Exporter en CSV…"
            </button>
            {move || match message.get() {
                Some(Ok(m)) => {
                    view! {
                        <span class="notice-ok" role="status" id="cert-export-notice">
                            {m}
                        </span>
                    }
                        .into_any()
                }
                Some(Err(m)) => {
                    view! {
                        <span class="notice-error" role="alert" id="cert-export-notice">
                            {m}
                        </span>
                    }
                        .into_any()
                }
                None => ().into_any(),
            }}
        </div>
    }
}
