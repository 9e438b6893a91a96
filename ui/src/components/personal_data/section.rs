//! Paramètres › Données personnelles: the « À purger » list (what the dated retention rules
//! make due today) with its purges, and the export of the record of processing activities.

use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::i18n::format_date;
use passerelle_domain::retention::{PurgeScope, RetentionItem, RetentionKind};

use super::dialog::{PurgeDialog, PurgeRequest};
use crate::api;
use crate::components::common::{Loaded, RunButton, RunOutcome, first_message};

/// The motif an expired retention's purge starts with.
const EXPIRED: &str = "Durée de conservation écoulée";

#[component]
pub fn PersonalData() -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        api::retention::list()
    });
    let purging = RwSignal::new(None::<PurgeRequest>);
    let notice = RwSignal::new(None::<String>);
    // The purged row (and its button) goes once the list is back: the focus goes to the list's
    // title then.
    let refocus = RwSignal::new(false);
    Effect::new(move || {
        if let Some(Ok(_)) = list.get()
            && refocus.get_untracked()
        {
            refocus.set(false);
            request_animation_frame(|| {
                crate::dom::focus("retention-title");
            });
        }
    });
    let on_done = Callback::new(move |message: String| {
        notice.set(Some(message));
        refocus.set(true);
        purging.set(None);
        reload.update(|n| *n += 1);
    });
    let on_cancel = Callback::new(move |()| purging.set(None));
    view! {
        <section id="personal-data" class="form wide-form" aria-labelledby="personal-data-title">
            <h2 id="personal-data-title">"Données personnelles"</h2>
            <p class="help">
                "Les durées de conservation sont des valeurs réglementaires datées (ci-dessous). Passerelle liste chaque jour ce qui arrive à échéance ; rien n’est supprimé sans votre confirmation."
            </p>
            <h3 class="subsection" id="retention-title" tabindex="-1">
                "À purger"
            </h3>
            <Loaded from=list let:items>
                <RetentionTable items purging />
            </Loaded>
            <p id="retention-notice" role="status" class="notice-ok">
                {move || notice.get()}
            </p>
            {move || {
                purging
                    .get()
                    .map(|request| {
                        view! {
                            <PurgeDialog request on_cancel on_done return_to="retention-title" />
                        }
                    })
            }}
            <RegistreExport />
        </section>
    }
}

#[component]
fn RetentionTable(
    items: Vec<RetentionItem>,
    purging: RwSignal<Option<PurgeRequest>>,
) -> impl IntoView {
    if items.is_empty() {
        return view! {
            <p class="empty" id="retention-empty">
                "Rien à purger aujourd’hui."
            </p>
        }
        .into_any();
    }
    let rows = items
        .into_iter()
        .map(|item| {
            let id = item.case_id;
            let case_cell = format!("retention-{id}-case");
            let action = match item.kind {
                RetentionKind::Inactive => view! {
                    <A href=format!("/dossiers/{id}") attr:id=format!("retention-open-{id}")>
                        "Ouvrir le dossier"
                    </A>
                }
                .into_any(),
                kind => {
                    let scope = if kind == RetentionKind::Case {
                        PurgeScope::Case
                    } else {
                        PurgeScope::Documents
                    };
                    let request = PurgeRequest {
                        case_id: id,
                        reference: item.reference.clone(),
                        name: item.name.clone(),
                        scope,
                        erasure: false,
                        reason: EXPIRED.to_owned(),
                    };
                    view! {
                        <button
                            type="button"
                            class="link"
                            id=format!("retention-purge-{id}")
                            aria-haspopup="dialog"
                            aria-describedby=case_cell.clone()
                            on:click=move |_| purging.set(Some(request.clone()))
                        >
                            {if scope == PurgeScope::Case {
                                "Purger le dossier…"
                            } else {
                                "Supprimer les pièces…"
                            }}
                        </button>
                    }
                    .into_any()
                }
            };
            let name = if item.name.trim().is_empty() {
                "(sans nom)".to_owned()
            } else {
                item.name
            };
            view! {
                <tr id=format!("retention-{id}")>
                    <td id=case_cell>
                        <A href=format!("/dossiers/{id}")>{name}</A>
                        " "
                        <span class="mono muted">{item.reference}</span>
                    </td>
                    <td>{item.reason}</td>
                    <td class="nowrap">{format_date(item.due_on)}</td>
                    <td class="row-actions">{action}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="cases dense" id="retention-list">
            <thead>
                <tr>
                    <th scope="col">"Dossier"</th>
                    <th scope="col">"Motif"</th>
                    <th scope="col">"Échéance"</th>
                    <th scope="col">"Action"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// « Exporter le registre des traitements (PDF) » and the path written.
#[component]
fn RegistreExport() -> impl IntoView {
    let result = RwSignal::new(None::<(String, bool)>);
    let export = Action::new_local(|(): &()| api::retention::export_registre());
    Effect::new(move || match export.value().get() {
        Some(Ok(Some(path))) => result.set(Some((format!("Registre enregistré : {path}"), false))),
        // Cancelled: nothing was written, nothing to say.
        Some(Ok(None)) => result.set(None),
        Some(Err(e)) => result.set(first_message(&e).map(|m| (m, true))),
        None => {}
    });
    view! {
        <h3 class="subsection">"Registre des traitements"</h3>
        <p class="help">
            "La description du traitement pour le registre de votre structure (RGPD, art. 30) : finalités, données, destinataires, durées de conservation en vigueur, mesures de sécurité. Votre délégué à la protection des données la complète et la signe."
        </p>
        <div class="actions">
            <RunButton
                id="registre-export"
                label="Exporter le registre des traitements (PDF)"
                busy="Export en cours…"
                pending=export.pending()
                on_run=Callback::new(move |()| {
                    result.set(None);
                    export.dispatch(());
                })
            />
        </div>
        <RunOutcome id="registre-notice" result />
    }
}
