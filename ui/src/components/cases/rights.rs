//! The person's rights on the Identité tab: access (everything held, as a ZIP) and erasure
//! (the purge dialog, refused with the legal reasons while the data must be kept). Results are
//! announced in the case page's live region.

use leptos::prelude::*;
use passerelle_domain::case::CaseId;
use passerelle_domain::i18n::format_date;
use passerelle_domain::retention::PurgeScope;

use super::notice::CaseNotice;
use crate::api;
use crate::components::personal_data::{PurgeDialog, PurgeRequest};

#[component]
pub fn PersonRights(
    case_id: CaseId,
    reference: String,
    name: String,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let notice = expect_context::<CaseNotice>();
    let export = Action::new_local(move |(): &()| api::retention::export_person(case_id));
    Effect::new(move || match export.value().get() {
        Some(Ok(Some(path))) => notice.ok(format!("Données de la personne enregistrées : {path}")),
        // Cancelled: nothing was written, nothing to say.
        Some(Ok(None)) => notice.message.set(None),
        Some(Err(e)) => notice.error(e.user_message()),
        None => {}
    });
    let erasing = RwSignal::new(None::<PurgeRequest>);
    let request = PurgeRequest {
        case_id,
        reference,
        name,
        scope: PurgeScope::Case,
        erasure: true,
        reason: String::new(),
    };
    let open_erasure = move |_| {
        notice.message.set(None);
        erasing.set(Some(PurgeRequest {
            reason: format!("Demande d’effacement du {}", format_date(crate::today())),
            ..request.clone()
        }));
    };
    let on_cancel = Callback::new(move |()| erasing.set(None));
    let on_done = Callback::new(move |message: String| {
        notice.ok(message);
        // The page is redrawn without the person’s data, and without this button: focus goes
        // to the line saying so.
        notice.refocus.set(Some("case-purged"));
        erasing.set(None);
        reload.update(|n| *n += 1);
    });
    view! {
        <h2 class="section">"Droits de la personne"</h2>
        <p class="help">
            "Accès : tout ce que Passerelle détient sur la personne (synthèse lisible, données complètes, pièces), dans un fichier ZIP. Effacement : Passerelle vérifie d’abord que rien n’oblige à conserver les données."
        </p>
        <div class="actions">
            <button
                type="button"
                id="person-export"
                class="secondary"
                disabled=move || export.pending().get()
                on:click=move |_| {
                    notice.message.set(None);
                    export.dispatch(());
                }
            >
                {move || {
                    if export.pending().get() {
                        "Export en cours…"
                    } else {
                        "Exporter les données de la personne"
                    }
                }}
            </button>
            <button
                type="button"
                id="person-erase"
                class="secondary"
                aria-haspopup="dialog"
                on:click=open_erasure
            >
                "Demande d’effacement…"
            </button>
        </div>
        {move || {
            erasing
                .get()
                .map(|request| {
                    view! { <PurgeDialog request on_cancel on_done return_to="person-erase" /> }
                })
        }}
    }
}
