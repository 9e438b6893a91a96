//! « Importer »: spreadsheets of case files (Dossiers) and the France compétences export
//! (Certifications › Catalogue). `cases` is the case import screen, `catalogue` the catalogue's
//! import block; this module holds what both show: the file sent to the shell once, the
//! located errors, and the progress bar of the write.

mod cases;
mod catalogue;

pub use cases::CasesImport;
pub use catalogue::CatalogueImport;

use std::time::Duration;

use leptos::prelude::*;
use passerelle_domain::AppError;
use passerelle_domain::i18n::{count_with, format_count};
use passerelle_domain::import::{
    ImportKind, ImportPhase, ImportProblem, ImportProgress, StagedPreview,
};
use passerelle_domain::validate::bounds;

use crate::api;
use crate::components::common::{chosen_file, read_file};

/// Reads the file chosen in `input_id` and sends it to the shell, which keeps it and answers
/// its preview. The size is checked before a byte is read.
async fn stage_chosen(input_id: &str, kind: ImportKind) -> Result<StagedPreview, AppError> {
    let file = chosen_file(input_id)
        .ok_or_else(|| AppError::invalid("file", "Fichier : choisissez le fichier à importer."))?;
    if file.size() as u64 > bounds::IMPORT_MAX_BYTES {
        return Err(AppError::invalid(
            "file",
            format!(
                "« {} » : fichier trop volumineux ({} Mo au plus) ; scindez-le en plusieurs fichiers.",
                file.name(),
                bounds::IMPORT_MAX_BYTES / (1024 * 1024)
            ),
        ));
    }
    let content = read_file(&file).await?;
    api::imports::stage(kind, file.name(), &content).await
}

/// The file field of an import: choosing a file stages it (`stage`, which reads the field); its
/// error below it, and « Lecture du fichier… » while it is read.
#[component]
fn FileField(
    id: &'static str,
    label: &'static str,
    accept: &'static str,
    error: RwSignal<Option<String>>,
    stage: Action<(), Result<StagedPreview, AppError>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field wide">
            <label for=id>{label}</label>
            <input
                id=id
                type="file"
                accept=accept
                aria-describedby=error_id.clone()
                on:change=move |_| {
                    stage.dispatch(());
                }
            />
            <p class="field-error" id=error_id role="alert">
                {move || error.get()}
            </p>
        </div>
        {move || {
            stage.pending().get().then(|| view! { <p role="status">"Lecture du fichier…"</p> })
        }}
    }
}

/// Errors shown at most (the count says how many more there are).
const PROBLEMS_SHOWN: usize = 200;

/// Every wrong cell, by line and column, as the user finds them in their spreadsheet.
#[component]
fn Problems(id: &'static str, problems: Vec<ImportProblem>) -> impl IntoView {
    let total = problems.len();
    let more = total.saturating_sub(PROBLEMS_SHOWN);
    let several_files = problems.iter().any(|p| p.file != problems[0].file);
    view! {
        <div class="notice-box" id=id>
            <p role="alert">
                <strong>
                    {count_with(total as u64, "erreur", "erreurs")}
                    " : rien ne sera importé tant que le fichier n’est pas corrigé."
                </strong>
                " Corrigez ces cellules dans votre tableur, enregistrez, puis choisissez de nouveau le fichier."
            </p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Erreurs du fichier">
                <table class="cases">
                    <thead>
                        <tr>
                            {several_files.then(|| view! { <th scope="col">"Fichier"</th> })}
                            <th scope="col">"Ligne"</th> <th scope="col">"Colonne"</th>
                            <th scope="col">"Problème"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {problems
                            .into_iter()
                            .take(PROBLEMS_SHOWN)
                            .map(|p| {
                                view! {
                                    <tr>
                                        {several_files.then(|| view! { <td>{p.file.clone()}</td> })}
                                        <td>
                                            {if p.line == 0 {
                                                "—".to_owned()
                                            } else {
                                                format_count(p.line)
                                            }}
                                        </td>
                                        <td>
                                            {if p.column.is_empty() {
                                                "—".to_owned()
                                            } else {
                                                format!("« {} »", p.column)
                                            }}
                                        </td> <td>{p.reason}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            {(more > 0)
                .then(|| {
                    view! {
                        <p>
                            {format!(
                                "… et {} de plus, listées une fois les premières corrigées.",
                                count_with(more as u64, "autre", "autres"),
                            )}
                        </p>
                    }
                })}
        </div>
    }
}

/// What the user should know that does not stop the import (columns skipped, files of the
/// export not used).
#[component]
fn Notices(notices: Vec<String>) -> impl IntoView {
    (!notices.is_empty()).then(|| {
        view! {
            <div class="notice-box info">
                <ul>{notices.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </div>
        }
    })
}

/// The import's progress while `running`: the shell is polled every 200 ms (the write is one
/// transaction in the shell; the window stays responsive meanwhile).
#[component]
fn ProgressBar(id: &'static str, running: Signal<bool>, unit: &'static str) -> impl IntoView {
    let progress = RwSignal::new(ImportProgress::default());
    let poll = Action::new_local(|_: &()| api::imports::progress());
    Effect::new(move || {
        if let Some(Ok(p)) = poll.value().get() {
            progress.set(p);
        }
    });
    let interval = StoredValue::new(None::<IntervalHandle>);
    Effect::new(move || {
        if running.get() {
            if interval.get_value().is_none() {
                let handle = set_interval_with_handle(
                    move || {
                        if !poll.pending().get_untracked() {
                            poll.dispatch(());
                        }
                    },
                    Duration::from_millis(200),
                )
                .ok();
                interval.set_value(handle);
            }
        } else {
            if let Some(handle) = interval.get_value() {
                handle.clear();
            }
            interval.set_value(None);
            progress.set(ImportProgress::default());
        }
    });
    on_cleanup(move || {
        if let Some(handle) = interval.get_value() {
            handle.clear();
        }
    });
    move || {
        running.get().then(|| {
            let p = progress.get();
            let text = match p.phase {
                ImportPhase::Writing if p.total > 0 => format!(
                    "{} sur {} {unit} écrits…",
                    format_count(p.done),
                    format_count(p.total)
                ),
                ImportPhase::Writing => "Écriture…".to_owned(),
                _ => "Vérification de chaque ligne…".to_owned(),
            };
            let determinate = p.phase == ImportPhase::Writing && p.total > 0;
            view! {
                <div class="import-progress" id=id>
                    {if determinate {
                        view! {
                            <progress
                                max=p.total.to_string()
                                value=p.done.to_string()
                                aria-label="Progression de l’import"
                            ></progress>
                        }
                            .into_any()
                    } else {
                        view! { <progress aria-label="Progression de l’import"></progress> }
                            .into_any()
                    }}
                    <p>{text}</p>
                </div>
            }
        })
    }
}
