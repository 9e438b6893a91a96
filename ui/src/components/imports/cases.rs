//! Dossiers › Importer: an HR department's spreadsheet (CSV or XLSX) becomes case files. The
//! file is sent once; the screen shows its first lines, maps the headers the app does not know
//! (remembered for the next file of the same source), lists every wrong cell by line and
//! column, and imports all or nothing with a progress bar.

use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::AppError;
use passerelle_domain::i18n::{Msg, count_with, format_count, t};
use passerelle_domain::import::{
    CasesImportArgs, CasesPreview, ColumnMapping, HeaderMatch, ImportDone, ImportKind,
    StagedPreview,
};

use super::{FileField, Notices, Problems, ProgressBar, stage_chosen};
use crate::components::common::first_message;
use crate::components::filters::TerritoryOptions;
use crate::{api, dom};

/// The choices the user made on the previewed file.
#[derive(Clone, Copy)]
struct Choices {
    mapping: RwSignal<Vec<ColumnMapping>>,
    territory: RwSignal<String>,
    remember: RwSignal<bool>,
}

impl Choices {
    fn args(&self) -> CasesImportArgs {
        let territory = self.territory.get_untracked();
        CasesImportArgs {
            mapping: self.mapping.get_untracked(),
            territory: (!territory.is_empty()).then_some(territory),
            remember: self.remember.get_untracked(),
        }
    }

    /// A new file (often the same one, corrected): the choices made for its headers stay (the
    /// shell applies what is remembered for its source to the others).
    fn carry_to(&self, preview: &CasesPreview) {
        self.mapping.update(|mapping| {
            mapping.retain(|c| preview.headers.iter().any(|h| h.header == c.header));
        });
    }

    fn choose(&self, header: String, field: String) {
        self.mapping.update(|m| {
            m.retain(|c| c.header != header);
            m.push(ColumnMapping { header, field });
        });
    }
}

#[component]
pub fn CasesImport() -> impl IntoView {
    dom::set_title(Msg::CasesImportTitle);
    let territories = LocalResource::new(api::cases::territories);
    let choices = Choices {
        mapping: RwSignal::new(Vec::new()),
        territory: RwSignal::new(String::new()),
        remember: RwSignal::new(true),
    };
    // One territory: it is the one.
    Effect::new(move || {
        if let Some(Ok(list)) = territories.get()
            && let [only] = list.as_slice()
            && choices.territory.get_untracked().is_empty()
        {
            choices.territory.set(only.code.clone());
        }
    });
    let preview = RwSignal::new(None::<CasesPreview>);
    let file_error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<ImportDone>);

    let refresh = Action::new_local(|args: &CasesImportArgs| {
        let args = args.clone();
        async move { api::imports::cases_preview(args).await }
    });
    Effect::new(move || match refresh.value().get() {
        Some(Ok(p)) => {
            // The preview is drawn again: the field the user just changed keeps the focus.
            let focused = document().active_element().map(|e| e.id());
            preview.set(Some(p));
            if let Some(id) = focused.filter(|id| !id.is_empty()) {
                request_animation_frame(move || {
                    dom::focus(&id);
                });
            }
        }
        Some(Err(e)) => file_error.set(first_message(&e)),
        None => {}
    });
    let stage = Action::new_local(|_: &()| stage_chosen("import-file", ImportKind::Cases));
    Effect::new(move || match stage.value().get() {
        Some(Ok(StagedPreview::Cases(p))) => {
            file_error.set(None);
            done.set(None);
            choices.carry_to(&p);
            preview.set(Some(p));
            // The choices already made apply to this file too.
            let args = choices.args();
            if args.territory.is_some() || !args.mapping.is_empty() {
                refresh.dispatch(args);
            }
        }
        Some(Ok(StagedPreview::Catalogue(_))) => {
            file_error.set(Some("Ce fichier n’est pas une liste de dossiers.".into()));
        }
        Some(Err(e)) => {
            preview.set(None);
            file_error.set(first_message(&e));
        }
        None => {}
    });
    let run = Action::new_local(|args: &CasesImportArgs| {
        let args = args.clone();
        async move { api::imports::cases_run(args).await }
    });
    Effect::new(move || match run.value().get() {
        Some(Ok(outcome)) => {
            preview.set(None);
            done.set(Some(outcome));
            if let Some(input) = document().get_element_by_id("import-file") {
                use wasm_bindgen::JsCast;
                if let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() {
                    input.set_value("");
                }
            }
        }
        Some(Err(e)) => {
            file_error.set(first_message(&e));
            refresh.dispatch(choices.args());
        }
        None => {}
    });
    let running = Signal::derive(move || run.pending().get());
    let busy = move || stage.pending().get() || refresh.pending().get() || run.pending().get();

    view! {
        <section id="screen-import" aria-labelledby="screen-import-title">
            <div class="screen-head">
                <h1 id="screen-import-title">{t(Msg::CasesImportTitle)}</h1>
                <A href="/" attr:class="button secondary-link">
                    "Retour aux dossiers"
                </A>
            </div>
            <p class="help">
                "Un fichier CSV (UTF-8 ou Windows-1252, séparé par « ; » ou « , ») ou un classeur XLSX (première feuille) : une ligne par personne, les noms de colonnes sur la première ligne. Rien n’est écrit avant « Importer » ; une seule erreur, et rien n’est importé."
            </p>
            <FileField
                id="import-file"
                label="Fichier à importer"
                accept=".csv,.txt,.xlsx"
                error=file_error
                stage=stage
            />
            {move || {
                preview
                    .get()
                    .map(|p| {
                        view! {
                            <Preview
                                preview=p
                                choices=choices
                                territories=territories
                                on_change=Callback::new(move |()| {
                                    refresh.dispatch(choices.args());
                                })
                                on_run=Callback::new(move |()| {
                                    run.dispatch(choices.args());
                                })
                                busy=Signal::derive(busy)
                            />
                        }
                    })
            }}
            <ProgressBar id="import-progress" running=running unit="dossiers" />
            <p id="import-done" class="notice-ok" role="status">
                {move || {
                    done.get()
                        .map(|d| {
                            view! {
                                {format!(
                                    "{} {}.",
                                    format_count(d.count),
                                    if d.count >= 2 {
                                        "dossiers importés"
                                    } else {
                                        "dossier importé"
                                    },
                                )}
                                " "
                                <A href="/">"Voir les dossiers"</A>
                            }
                        })
                }}
            </p>
        </section>
    }
}

/// What a header's cells become, in words.
fn match_text(matched: HeaderMatch, mapped: bool) -> &'static str {
    match (matched, mapped) {
        (HeaderMatch::Known, _) => "reconnue",
        (HeaderMatch::Remembered, true) => "mémorisée pour cette source",
        (HeaderMatch::Remembered, false) => "ignorée (mémorisé)",
        (HeaderMatch::Chosen, true) => "choisie",
        (HeaderMatch::Chosen, false) | (HeaderMatch::Unknown, _) => "non importée",
    }
}

#[component]
fn Preview(
    preview: CasesPreview,
    choices: Choices,
    territories: LocalResource<Result<Vec<passerelle_domain::ipc::Territory>, AppError>>,
    on_change: Callback<()>,
    on_run: Callback<()>,
    busy: Signal<bool>,
) -> impl IntoView {
    let CasesPreview {
        file_name,
        headers,
        sample,
        rows,
        ready,
        has_territory_column,
        targets,
        errors,
        notices,
    } = preview;
    let label_of = {
        let targets = targets.clone();
        move |field: &Option<String>| {
            field
                .as_ref()
                .and_then(|f| targets.iter().find(|t| &t.field == f))
                .map(|t| t.label.clone())
        }
    };
    let error_count = errors.len();
    let summary = format!(
        "« {file_name} » : {} ; {} {}.",
        count_with(rows, "ligne", "lignes"),
        format_count(ready),
        if ready >= 2 {
            "prêtes à importer"
        } else {
            "prête à importer"
        }
    );
    let can_run = error_count == 0 && ready > 0;
    let mapping_rows = headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let id = format!("import-map-{i}");
            let example = sample
                .iter()
                .filter_map(|r| r.get(i))
                .find(|c| !c.is_empty())
                .cloned()
                .unwrap_or_default();
            let current = h.field.clone().unwrap_or_default();
            let header = h.header.clone();
            let state = match_text(h.matched, h.field.is_some());
            let unmapped = h.field.is_none();
            view! {
                <tr class:unmapped=unmapped>
                    <th scope="row">
                        <label for=id.clone()>{h.header.clone()}</label>
                    </th>
                    <td class="example">{example}</td>
                    <td>
                        <select
                            id=id
                            on:change=move |ev| {
                                choices.choose(header.clone(), event_target_value(&ev));
                                on_change.run(());
                            }
                        >
                            <option value="" selected=current.is_empty()>
                                "— Ne pas importer —"
                            </option>
                            {targets
                                .iter()
                                .map(|t| {
                                    view! {
                                        <option value=t.field.clone() selected=current == t.field>
                                            {t.label.clone()}
                                            {t.required.then_some(" (obligatoire)")}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </td>
                    <td class="help small">{state}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div id="import-preview">
            <p id="import-summary" role="status">
                {summary}
            </p>
            <h2>"Premières lignes"</h2>
            <div
                class="table-scroll"
                tabindex="0"
                role="region"
                aria-label="Premières lignes du fichier"
            >
                <table class="cases" id="import-sample">
                    <thead>
                        <tr>
                            {headers
                                .iter()
                                .map(|h| {
                                    let target = label_of(&h.field);
                                    view! {
                                        <th scope="col">
                                            {h.header.clone()} <br />
                                            <span class="help small">
                                                {target
                                                    .map(|t| format!("→ {t}"))
                                                    .unwrap_or_else(|| "non importée".into())}
                                            </span>
                                        </th>
                                    }
                                })
                                .collect_view()}
                        </tr>
                    </thead>
                    <tbody>
                        {sample
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <tr>
                                        {r
                                            .into_iter()
                                            .map(|c| view! { <td>{c}</td> })
                                            .collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <h2 id="import-mapping-title">"Colonnes"</h2>
            <p class="help">
                "Rattachez chaque colonne que Passerelle ne reconnaît pas à l’information qu’elle contient, ou laissez « Ne pas importer »."
            </p>
            <table class="cases" id="import-mapping" aria-labelledby="import-mapping-title">
                <thead>
                    <tr>
                        <th scope="col">"Colonne du fichier"</th>
                        <th scope="col">"Exemple"</th>
                        <th scope="col">"Dans Passerelle"</th>
                        <th scope="col">"État"</th>
                    </tr>
                </thead>
                <tbody>{mapping_rows}</tbody>
            </table>
            {(!has_territory_column)
                .then(|| {
                    view! {
                        <div class="field">
                            <label for="import-territory">
                                "Territoire des dossiers importés"
                            </label>
                            <select
                                id="import-territory"
                                on:change=move |ev| {
                                    choices.territory.set(event_target_value(&ev));
                                    on_change.run(());
                                }
                            >
                                <option
                                    value=""
                                    selected=move || choices.territory.get().is_empty()
                                >
                                    "— Choisissez —"
                                </option>
                                <TerritoryOptions
                                    territories=territories
                                    selected=choices.territory
                                />
                            </select>
                            <p class="help small">
                                "Le fichier n’a pas de colonne « Territoire » : ce territoire vaut pour toutes ses lignes."
                            </p>
                        </div>
                    }
                })}
            {(error_count > 0).then(|| view! { <Problems id="import-errors" problems=errors /> })}
            <Notices notices=notices />
            <div class="field">
                <label class="check">
                    <input
                        type="checkbox"
                        id="import-remember"
                        prop:checked=move || choices.remember.get()
                        on:change=move |ev| choices.remember.set(event_target_checked(&ev))
                    />
                    " Mémoriser ces correspondances pour les prochains fichiers de même forme"
                </label>
            </div>
            <div class="actions">
                <button
                    type="button"
                    id="import-run"
                    disabled=move || !can_run || busy.get()
                    on:click=move |_| on_run.run(())
                >
                    {format!("Importer {}", count_with(ready, "dossier", "dossiers"))}
                </button>
            </div>
        </div>
    }
}
