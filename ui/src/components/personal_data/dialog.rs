//! The purge confirmation, never silent: what goes, what stays, and the motif the journal
//! records. The same dialog serves an expired retention (Paramètres › Données personnelles)
//! and an erasure request (the case page); a refused erasure lists its legal reasons here.

use leptos::prelude::*;
use passerelle_domain::case::CaseId;
use passerelle_domain::i18n::{count_noun, count_with};
use passerelle_domain::retention::{PurgeReport, PurgeScope};
use passerelle_domain::{AppError, FieldError};

use crate::api;
use crate::components::common::{ModalDialog, field_errors, message_for};

/// What the dialog is asked to purge, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgeRequest {
    pub case_id: CaseId,
    pub reference: String,
    pub name: String,
    pub scope: PurgeScope,
    /// An erasure request of the person (not an expired retention).
    pub erasure: bool,
    /// What the Motif field starts with.
    pub reason: String,
}

impl PurgeRequest {
    fn title(&self) -> &'static str {
        match (self.erasure, self.scope) {
            (true, _) => "Demande d’effacement",
            (false, PurgeScope::Case) => "Purger le dossier",
            (false, PurgeScope::Documents) => "Supprimer les pièces du dossier",
        }
    }

    fn confirm_label(&self) -> &'static str {
        match (self.erasure, self.scope) {
            (true, _) => "Effacer les données de la personne",
            (false, PurgeScope::Case) => "Purger le dossier",
            (false, PurgeScope::Documents) => "Supprimer les pièces",
        }
    }
}

/// « Dossier D-2026-000042 expurgé : 3 entretiens, 2 pièces, 14 entrées du journal expurgées. »
pub fn purged_message(reference: &str, scope: PurgeScope, report: &PurgeReport) -> String {
    let entries = count_with(
        report.entries_redacted,
        "entrée du journal expurgée",
        "entrées du journal expurgées",
    );
    let documents = count_noun(u64::from(report.documents), "pièce");
    match scope {
        PurgeScope::Case => format!(
            "Dossier {reference} expurgé : {}, {documents}, {entries}.",
            count_noun(u64::from(report.interviews), "entretien")
        ),
        PurgeScope::Documents => {
            format!("Pièces du dossier {reference} supprimées : {documents}, {entries}.")
        }
    }
}

/// What goes and what stays, by scope.
fn effects(scope: PurgeScope) -> (&'static [&'static str], &'static [&'static str]) {
    match scope {
        PurgeScope::Case => (
            &[
                "l’identité de la personne, ses coordonnées, sa situation et son projet ;",
                "les entretiens et leurs notes ;",
                "les pièces et leurs fichiers ;",
                "les motifs saisis aux étapes du parcours.",
            ],
            &[
                "le dossier sous sa référence, avec son étape, son territoire, son type de contrat, les montants de son financement et ses dates : les comptes et les statistiques restent justes ;",
                "le journal, toujours vérifiable : ses entrées restent chaînées, les valeurs qui concernent la personne y sont expurgées.",
            ],
        ),
        PurgeScope::Documents => (
            &["les pièces du dossier et leurs fichiers."],
            &[
                "le reste du dossier (identité, entretiens, parcours), jusqu’à l’échéance de sa propre conservation ;",
                "le journal, toujours vérifiable : les valeurs de ses entrées qui concernent les pièces y sont expurgées.",
            ],
        ),
    }
}

fn items(lines: &'static [&'static str]) -> impl IntoView {
    lines.iter().map(|l| view! { <li>{*l}</li> }).collect_view()
}

/// The dialog. `on_done` receives the sentence to announce once the purge is written; an error
/// keeps the dialog open with what was typed.
#[component]
pub fn PurgeDialog(
    request: PurgeRequest,
    on_cancel: Callback<()>,
    on_done: Callback<String>,
    /// Where the focus goes on closing if the button that opened the dialog is gone.
    #[prop(optional)]
    return_to: Option<&'static str>,
) -> impl IntoView {
    let reason = RwSignal::new(request.reason.clone());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let unmet = RwSignal::new(Vec::<String>::new());
    let (case_id, scope) = (request.case_id, request.scope);
    let purge = Action::new_local(move |reason: &String| {
        api::retention::purge(case_id, scope, reason.clone())
    });
    let reference = request.reference.clone();
    Effect::new(move || match purge.value().get() {
        Some(Ok(report)) => on_done.run(purged_message(&reference, scope, &report)),
        Some(Err(AppError::Blocked { unmet: reasons, .. })) => {
            errors.set(Vec::new());
            unmet.set(reasons);
        }
        Some(Err(e)) => {
            unmet.set(Vec::new());
            errors.set(field_errors(&e));
        }
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if purge.pending().get_untracked() {
            return;
        }
        unmet.set(Vec::new());
        let text = reason.get_untracked().trim().to_owned();
        if text.is_empty() {
            errors.set(vec![FieldError::new(
                "reason",
                "Motif : obligatoire. Indiquez pourquoi les données sont supprimées ; il est inscrit au journal.",
            )]);
            crate::dom::focus("purge-reason");
            return;
        }
        errors.set(Vec::new());
        purge.dispatch(text);
    };
    let reason_error = message_for(errors, "reason");
    // Everything the shell said that is not about the motif (« déjà expurgé », the database…).
    let other_errors = move || {
        errors.with(|e| {
            e.iter()
                .filter(|e| e.field != "reason")
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let (goes, stays) = effects(scope);
    let confirm_label = request.confirm_label();
    let subject = if request.name.trim().is_empty() {
        request.reference.clone()
    } else {
        format!("{} — {}", request.reference, request.name)
    };
    view! {
        <ModalDialog
            id="purge-dialog"
            title=request.title().to_owned()
            on_cancel=on_cancel
            busy=purge.pending()
            return_to=return_to.unwrap_or("main")
            danger=true
        >
            <form id="purge-form" on:submit=on_submit novalidate=true>
                <p class="dialog-subject" id="purge-subject">
                    {subject}
                </p>
                <div class="purge-effects">
                    <div>
                        <h3 class="subsection">"Ce qui sera supprimé"</h3>
                        <ul id="purge-goes">{items(goes)}</ul>
                    </div>
                    <div>
                        <h3 class="subsection">"Ce qui reste"</h3>
                        <ul id="purge-stays">{items(stays)}</ul>
                    </div>
                </div>
                <p class="help small">
                    "C’est définitif. Les sauvegardes déjà faites contiennent encore ces données jusqu’à ce qu’elles soient remplacées."
                </p>
                <div class="field">
                    <label for="purge-reason">"Motif *"</label>
                    <input
                        id="purge-reason"
                        type="text"
                        autofocus=true
                        prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev))
                        aria-required="true"
                        aria-invalid=move || if reason_error().is_some() { "true" } else { "false" }
                        aria-describedby="purge-reason-help purge-reason-error"
                    />
                    <p id="purge-reason-help" class="help small">
                        "Inscrit au journal avec la suppression."
                    </p>
                    <p id="purge-reason-error" class="field-error" role="alert">
                        {reason_error}
                    </p>
                </div>
                <div id="purge-blocked" role="alert">
                    {move || {
                        let reasons = unmet.get();
                        (!reasons.is_empty())
                            .then(|| {
                                view! {
                                    <div class="notice-box">
                                        <p>
                                            <strong>
                                                "L’effacement ne peut pas être fait maintenant :"
                                            </strong>
                                        </p>
                                        <ul>
                                            {reasons
                                                .into_iter()
                                                .map(|r| view! { <li>{r}</li> })
                                                .collect_view()}
                                        </ul>
                                    </div>
                                }
                            })
                    }}
                </div>
                <p id="purge-error" class="field-error" role="alert">
                    {other_errors}
                </p>
                <div class="actions">
                    <button
                        type="submit"
                        id="purge-confirm"
                        class="danger"
                        disabled=move || purge.pending().get()
                    >
                        {move || {
                            if purge.pending().get() {
                                "Suppression en cours…"
                            } else {
                                confirm_label
                            }
                        }}
                    </button>
                    <button
                        type="button"
                        id="purge-cancel"
                        class="secondary"
                        disabled=move || purge.pending().get()
                        on:click=move |_| on_cancel.run(())
                    >
                        "Annuler"
                    </button>
                </div>
            </form>
        </ModalDialog>
    }
}
