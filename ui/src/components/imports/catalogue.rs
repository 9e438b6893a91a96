//! Certifications › Catalogue › Importer: the France compétences export (the ZIP as downloaded,
//! or its CSV files one by one) checked whole, then added to the catalogue all or nothing.

use leptos::prelude::*;
use passerelle_domain::i18n::{count_with, format_count};
use passerelle_domain::import::{CataloguePreview, ImportDone, ImportKind, StagedPreview};

use super::{FileField, Notices, Problems, ProgressBar, stage_chosen};
use crate::api;
use crate::components::common::first_message;

/// `on_imported` runs once fiches were added (the list below searches again).
#[component]
pub fn CatalogueImport(on_imported: Callback<()>) -> impl IntoView {
    let preview = RwSignal::new(None::<CataloguePreview>);
    let file_error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<ImportDone>);
    let stage = Action::new_local(|_: &()| stage_chosen("catalogue-file", ImportKind::Catalogue));
    Effect::new(move || match stage.value().get() {
        Some(Ok(StagedPreview::Catalogue(p))) => {
            file_error.set(None);
            done.set(None);
            preview.set(Some(p));
        }
        Some(Ok(StagedPreview::Cases(_))) => {
            file_error.set(Some("Ce fichier n’est pas un export du catalogue.".into()));
        }
        Some(Err(e)) => {
            preview.set(None);
            file_error.set(first_message(&e));
        }
        None => {}
    });
    let run = Action::new_local(|_: &()| api::imports::catalogue_run());
    Effect::new(move || match run.value().get() {
        Some(Ok(outcome)) => {
            preview.set(None);
            done.set(Some(outcome));
            on_imported.run(());
        }
        Some(Err(e)) => file_error.set(first_message(&e)),
        None => {}
    });
    let running = Signal::derive(move || run.pending().get());
    view! {
        <details class="catalogue-import" id="catalogue-import">
            <summary>"Importer l’export France compétences"</summary>
            <p class="help">
                "Téléchargez l’export du Répertoire national (RNCP et RS) sur data.gouv.fr, puis choisissez l’archive ZIP telle quelle, ou ses fichiers CSV. Tout est vérifié avant d’écrire ; une seule erreur, et rien n’est importé."
            </p>
            <FileField
                id="catalogue-file"
                label="Export (ZIP ou CSV)"
                accept=".zip,.csv"
                error=file_error
                stage=stage
            />
            {move || {
                preview
                    .get()
                    .map(|p| {
                        let ready = p.errors.is_empty() && p.fiches + p.blocs + p.romes > 0;
                        view! {
                            <div id="catalogue-preview">
                                <p role="status">
                                    {format!(
                                        "« {} » : {} ; {}, {}, {} liés.",
                                        p.file_name,
                                        count_with(p.entries.len() as u64, "fichier", "fichiers"),
                                        count_with(p.fiches, "fiche", "fiches"),
                                        count_with(
                                            p.blocs,
                                            "bloc de compétences",
                                            "blocs de compétences",
                                        ),
                                        count_with(p.romes, "code ROME", "codes ROME"),
                                    )}
                                </p>
                                {(!p.errors.is_empty())
                                    .then(|| {
                                        view! {
                                            <Problems id="catalogue-errors" problems=p.errors />
                                        }
                                    })}
                                <Notices notices=p.notices />
                                <div class="actions">
                                    <button
                                        type="button"
                                        id="catalogue-run"
                                        disabled=move || !ready || run.pending().get()
                                        on:click=move |_| {
                                            run.dispatch(());
                                        }
                                    >
                                        "Importer dans le catalogue"
                                    </button>
                                </div>
                            </div>
                        }
                    })
            }}
            <ProgressBar id="catalogue-progress" running=running unit="fiches" />
            <p id="catalogue-done" class="notice-ok" role="status">
                {move || {
                    done.get()
                        .map(|d| {
                            format!(
                                "{} importée{} ; le catalogue en compte {}.",
                                count_with(d.count, "fiche", "fiches"),
                                if d.count >= 2 { "s" } else { "" },
                                format_count(d.catalogue.unwrap_or_default()),
                            )
                        })
                }}
            </p>
        </details>
    }
}
