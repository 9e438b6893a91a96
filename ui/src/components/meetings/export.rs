//! Exporting a committee dossier or a meeting pack: who it is for and, for a pseudonymised
//! export, what the scan of the free texts found — to rewrite in the case, or to confirm.

use leptos::prelude::*;
use passerelle_domain::case::CaseId;
use passerelle_domain::committee::MeetingId;
use passerelle_domain::i18n::{Msg, t};
use passerelle_domain::{AppError, FieldError};

use crate::api;
use crate::api::meetings::Disclosure;
use crate::components::common::{ModalDialog, field_errors, message_for};

/// What is exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportTarget {
    /// A case's dossier, for a meeting or on its own.
    Dossier {
        case_id: CaseId,
        meeting_id: Option<MeetingId>,
    },
    /// A meeting's pack: cover, agenda, every dossier.
    Pack(MeetingId),
}

impl ExportTarget {
    fn title(self, pseudonymised: bool) -> &'static str {
        match (self, pseudonymised) {
            (Self::Dossier { .. }, false) => "Exporter le dossier (PDF)",
            (Self::Dossier { .. }, true) => "Exporter le dossier pseudonymisé (PDF)",
            (Self::Pack(_), false) => "Exporter la séance (PDF)",
            (Self::Pack(_), true) => "Exporter la séance pseudonymisée (PDF)",
        }
    }

    /// What the screen announces once the file is written.
    fn written(self, path: &str) -> String {
        match self {
            Self::Dossier { .. } => format!("Dossier enregistré : {path}"),
            Self::Pack(_) => format!("Séance exportée : {path}"),
        }
    }
}

/// Recipients typed one per line or separated by commas.
pub fn parse_recipients(text: &str) -> Vec<String> {
    text.split(['\n', ','])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What the scan found, from a refusal: its summary, then one line per finding (« Motivation
/// du projet : nom de la personne — « … » »).
fn findings(err: &AppError) -> Option<(String, Vec<String>)> {
    let AppError::Validation { errors } = err else {
        return None;
    };
    let mut found = errors
        .iter()
        .filter(|e| e.field == "findings")
        .map(|e| e.message.clone());
    let summary = found.next()?;
    Some((summary, found.collect()))
}

/// The export dialog. `on_done` receives the sentence to announce, or `None` when the save
/// dialog was cancelled (nothing written).
#[component]
pub fn ExportDialog(
    target: ExportTarget,
    pseudonymised: bool,
    on_cancel: Callback<()>,
    on_done: Callback<Option<String>>,
) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let found = RwSignal::new(None::<(String, Vec<String>)>);
    let confirmed = RwSignal::new(false);
    let export = Action::new_local(move |d: &Disclosure| {
        let d = d.clone();
        async move {
            match target {
                ExportTarget::Dossier {
                    case_id,
                    meeting_id,
                } => api::meetings::export_dossier(case_id, pseudonymised, meeting_id, d).await,
                ExportTarget::Pack(id) => api::meetings::export_pack(id, pseudonymised, d).await,
            }
        }
    });
    Effect::new(move || match export.value().get() {
        Some(Ok(path)) => on_done.run(path.map(|p| target.written(&p))),
        Some(Err(e)) => match findings(&e) {
            Some(f) => {
                errors.set(Vec::new());
                confirmed.set(false);
                found.set(Some(f));
            }
            None => errors.set(field_errors(&e)),
        },
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if export.pending().get_untracked() {
            return;
        }
        let recipients = parse_recipients(&text.get_untracked());
        if pseudonymised && recipients.is_empty() {
            errors.set(vec![FieldError::new(
                "recipients",
                "Destinataires : obligatoire pour un export pseudonymisé. Indiquez à qui le document est remis (ex. « Commission paritaire Transitions Pro »), un par ligne ou séparés par des virgules.",
            )]);
            crate::dom::focus("export-recipients");
            return;
        }
        let reviewed = found.with_untracked(Option::is_some);
        if reviewed && !confirmed.get_untracked() {
            errors.set(vec![FieldError::new(
                "confirm",
                "Cochez « J’ai relu ces passages : j’exporte quand même », ou annulez pour réécrire ces textes dans le dossier.",
            )]);
            crate::dom::focus("export-confirm");
            return;
        }
        errors.set(Vec::new());
        export.dispatch(Disclosure {
            recipients,
            confirmed: reviewed,
        });
    };
    let recipients_error = message_for(errors, "recipients");
    let confirm_error = message_for(errors, "confirm");
    let other_errors = move || {
        errors.with(|e| {
            e.iter()
                .filter(|e| e.field != "recipients" && e.field != "confirm")
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let submit_label = move || {
        if export.pending().get() {
            "Export en cours…"
        } else if found.with(Option::is_some) {
            "Exporter quand même"
        } else {
            "Exporter"
        }
    };
    view! {
        <ModalDialog
            id="export-dialog"
            title=target.title(pseudonymised).to_owned()
            on_cancel=on_cancel
            busy=export.pending()
        >
            <form id="export-form" on:submit=on_submit novalidate=true>
                <p class="help">
                    {if pseudonymised {
                        t(Msg::DossierPseudonymisedNotice)
                    } else {
                        "Version complète, nominative : à ne remettre qu’aux personnes habilitées à la lire."
                    }}
                </p>
                <div class="field">
                    <label for="export-recipients">
                        "Destinataires"{pseudonymised.then_some(" *")}
                    </label>
                    <textarea
                        id="export-recipients"
                        rows="3"
                        autofocus=true
                        prop:value=move || text.get()
                        on:input=move |ev| {
                            text.set(event_target_value(&ev));
                            errors.update(|e| e.retain(|e| e.field != "recipients"));
                        }
                        aria-required=pseudonymised.then_some("true")
                        aria-invalid=move || {
                            if recipients_error().is_some() { "true" } else { "false" }
                        }
                        aria-describedby="export-recipients-help export-recipients-error"
                    ></textarea>
                    <p id="export-recipients-help" class="help small">
                        {if pseudonymised {
                            "Obligatoire : un par ligne, ou séparés par des virgules. Ils figurent sur chaque page et sont enregistrés avec l’export."
                        } else {
                            "Un par ligne, ou séparés par des virgules. Ils figurent sur chaque page et sont enregistrés avec l’export."
                        }}
                    </p>
                    <p id="export-recipients-error" class="field-error" role="alert">
                        {recipients_error}
                    </p>
                </div>
                <div id="export-findings" role="alert">
                    {move || {
                        found
                            .get()
                            .map(|(summary, lines)| {
                                view! {
                                    <div class="notice-box findings">
                                        <p>
                                            <strong>{summary}</strong>
                                        </p>
                                        <ul id="export-findings-list">
                                            {lines
                                                .into_iter()
                                                .map(|l| view! { <li>{l}</li> })
                                                .collect_view()}
                                        </ul>
                                        <p class="help small">
                                            "Ces passages pourraient permettre de reconnaître la personne. Réécrivez-les dans le dossier (Annuler, puis « Modifier »), ou confirmez après relecture."
                                        </p>
                                    </div>
                                }
                            })
                    }}
                </div>
                {move || {
                    found
                        .with(Option::is_some)
                        .then(|| {
                            view! {
                                <div class="field check">
                                    <input
                                        id="export-confirm"
                                        type="checkbox"
                                        prop:checked=move || confirmed.get()
                                        on:change=move |ev| {
                                            confirmed.set(event_target_checked(&ev));
                                            errors.update(|e| e.retain(|e| e.field != "confirm"));
                                        }
                                        aria-describedby="export-confirm-error"
                                    />
                                    <label for="export-confirm">
                                        "J’ai relu ces passages : j’exporte quand même"
                                    </label>
                                </div>
                                <p id="export-confirm-error" class="field-error" role="alert">
                                    {confirm_error}
                                </p>
                            }
                        })
                }}
                <p id="export-error" class="field-error" role="alert">
                    {other_errors}
                </p>
                <div class="actions">
                    <button
                        type="submit"
                        id="export-submit"
                        disabled=move || export.pending().get()
                    >
                        {submit_label}
                    </button>
                    <button
                        type="button"
                        id="export-cancel"
                        class="secondary"
                        disabled=move || export.pending().get()
                        on:click=move |_| on_cancel.run(())
                    >
                        "Annuler"
                    </button>
                </div>
            </form>
        </ModalDialog>
    }
}
