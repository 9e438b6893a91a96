//! Entretiens and Documents tabs: what happened with the beneficiary, and what was received.

use leptos::prelude::*;
use passerelle_domain::case::{CaseId, DocumentKind, InterviewKind, NewInterview, check_document};
use passerelle_domain::i18n::{Label, format_count, format_date};
use passerelle_domain::ipc::DocumentMeta;
use passerelle_domain::validate::parse_date_fr;
use passerelle_domain::{AppError, FieldError};
use wasm_bindgen::JsCast;

use super::fields::{enum_options, from_code};
use crate::api;

fn message_for(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

fn kind_options<T: Label + serde::Serialize>() -> impl IntoView {
    enum_options::<T>()
        .into_iter()
        .map(|(code, label)| view! { <option value=code>{label}</option> })
        .collect_view()
}

#[component]
pub fn Interviews(case_id: CaseId) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        api::cases::interviews(case_id)
    });
    let held_on = RwSignal::new(format_today());
    let kind = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::from("60"));
    let summary = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let add =
        Action::new_local(move |i: &NewInterview| api::cases::add_interview(case_id, i.clone()));
    Effect::new(move || match add.value().get() {
        Some(Ok(_)) => {
            summary.set(String::new());
            errors.set(Vec::new());
            reload.update(|n| *n += 1);
        }
        Some(Err(AppError::Validation { errors: e })) => errors.set(e),
        Some(Err(other)) => errors.set(vec![FieldError::new("summary", other.user_message())]),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let date = parse_date_fr(&held_on.get_untracked());
        if let Err(e) = &date {
            errors.set(vec![FieldError::new(
                "heldOn",
                format!("Date de l’entretien : {e}"),
            )]);
            return;
        }
        add.dispatch(NewInterview {
            held_on: date.ok(),
            kind: from_code::<InterviewKind>(&kind.get_untracked()),
            duration_minutes: minutes.get_untracked().trim().parse().ok(),
            summary: summary.get_untracked(),
        });
    };
    let err = move |field: &'static str| move || errors.with(|e| message_for(e, field));
    view! {
        <form id="interview-form" class="record-form" on:submit=on_submit novalidate=true>
            <div class="field">
                <label for="interview-date">"Date"</label>
                <input id="interview-date" type="text" placeholder="jj/mm/aaaa" prop:value=move || held_on.get()
                    on:input=move |ev| held_on.set(event_target_value(&ev))/>
                <p class="field-error" role="alert">{err("heldOn")}</p>
            </div>
            <div class="field">
                <label for="interview-kind">"Type"</label>
                <select id="interview-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {kind_options::<InterviewKind>()}
                </select>
                <p class="field-error" role="alert">{err("kind")}</p>
            </div>
            <div class="field">
                <label for="interview-minutes">"Durée (minutes)"</label>
                <input id="interview-minutes" type="number" min="1" max="600" prop:value=move || minutes.get()
                    on:input=move |ev| minutes.set(event_target_value(&ev))/>
                <p class="field-error" role="alert">{err("durationMinutes")}</p>
            </div>
            <div class="field wide">
                <label for="interview-summary">"Synthèse"</label>
                <textarea id="interview-summary" rows="2" prop:value=move || summary.get()
                    on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
                <p class="field-error" role="alert">{err("summary")}</p>
            </div>
            <div class="actions"><button type="submit" id="interview-add" disabled=move || add.pending().get()>"Ajouter l’entretien"</button></div>
        </form>
        {move || match list.get() {
            None => view! { <p class="muted">"Chargement…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="notice-error">{e.user_message()}</p> }.into_any(),
            Some(Ok(items)) if items.is_empty() => view! { <p class="empty">"Aucun entretien enregistré."</p> }.into_any(),
            Some(Ok(items)) => view! {
                <table class="cases" id="interview-list">
                    <thead><tr><th scope="col">"Date"</th><th scope="col">"Type"</th><th scope="col">"Durée"</th><th scope="col">"Synthèse"</th><th scope="col">"Conseiller"</th></tr></thead>
                    <tbody>{items.into_iter().map(|i| view! {
                        <tr>
                            <td>{format_date(i.held_on)}</td>
                            <td>{i.kind.label()}</td>
                            <td>{format!("{} min", i.duration_minutes)}</td>
                            <td class="prose">{i.summary}</td>
                            <td>{i.counsellor}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            }.into_any(),
        }}
    }
}

fn format_today() -> String {
    crate::today().format("%d/%m/%Y").to_string()
}

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} Mo", bytes as f64 / 1_048_576.0).replace('.', ",")
    } else {
        format!("{} Ko", format_count(bytes.div_ceil(1024)))
    }
}

/// The file chosen in `<input type=file id=…>`.
fn chosen_file(input_id: &str) -> Option<web_sys::File> {
    document()
        .get_element_by_id(input_id)?
        .dyn_into::<web_sys::HtmlInputElement>()
        .ok()?
        .files()?
        .get(0)
}

/// Reads a file's bytes (only once its size has been checked).
async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, AppError> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| {
            AppError::invalid(
                "file",
                "Fichier : lecture impossible ; vérifiez qu’il est toujours à sa place et réessayez.",
            )
        })?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

#[component]
pub fn Documents(case_id: CaseId) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        api::cases::documents(case_id)
    });
    let kind = RwSignal::new(String::new());
    let received = RwSignal::new(format_today());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let add = Action::new_local(move |(kind, received): &(String, String)| {
        let (kind, received) = (kind.clone(), received.clone());
        async move {
            let mut problems = Vec::new();
            let kind = from_code::<DocumentKind>(&kind);
            if kind.is_none() {
                problems.push(FieldError::new(
                    "kind",
                    "Type de document : choisissez-le dans la liste.",
                ));
            }
            let received = parse_date_fr(&received)
                .map_err(|e| {
                    problems.push(FieldError::new(
                        "receivedOn",
                        format!("Date de réception : {e}"),
                    ));
                })
                .ok();
            let file = chosen_file("document-file");
            match (&file, received) {
                (None, _) => problems.push(FieldError::new(
                    "file",
                    "Fichier : choisissez le fichier à joindre.",
                )),
                // The size is checked before a byte is read: a 2 GB video is refused at once.
                (Some(f), Some(received_on)) => {
                    if let Err(AppError::Validation { errors }) =
                        check_document(&f.name(), f.size() as u64, received_on, crate::today())
                    {
                        problems.extend(errors);
                    }
                }
                _ => {}
            }
            match (kind, received, file) {
                (Some(kind), Some(received_on), Some(file)) if problems.is_empty() => {
                    let content = read_file(&file).await?;
                    let meta = DocumentMeta {
                        case_id,
                        kind,
                        file_name: file.name(),
                        received_on,
                    };
                    api::cases::add_document(meta, &content).await
                }
                _ => Err(AppError::Validation { errors: problems }),
            }
        }
    });
    Effect::new(move || match add.value().get() {
        Some(Ok(_)) => {
            errors.set(Vec::new());
            reload.update(|n| *n += 1);
        }
        Some(Err(AppError::Validation { errors: e })) => errors.set(e),
        Some(Err(other)) => errors.set(vec![FieldError::new("file", other.user_message())]),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        add.dispatch((kind.get_untracked(), received.get_untracked()));
    };
    let validate = Action::new_local(|(id, validated): &(i64, bool)| {
        api::parcours::validate_document(*id, *validated)
    });
    Effect::new(move || {
        if let Some(result) = validate.value().get() {
            match result {
                Ok(()) => reload.update(|n| *n += 1),
                Err(e) => errors.set(vec![FieldError::new("file", e.user_message())]),
            }
        }
    });
    let err = move |field: &'static str| move || errors.with(|e| message_for(e, field));
    view! {
        <form id="document-form" class="record-form" on:submit=on_submit novalidate=true>
            <div class="field">
                <label for="document-kind">"Type de document"</label>
                <select id="document-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {kind_options::<DocumentKind>()}
                </select>
                <p class="field-error" role="alert">{err("kind")}</p>
            </div>
            <div class="field">
                <label for="document-received">"Reçu le"</label>
                <input id="document-received" type="text" placeholder="jj/mm/aaaa" prop:value=move || received.get()
                    on:input=move |ev| received.set(event_target_value(&ev))/>
                <p class="field-error" role="alert">{err("receivedOn")}</p>
            </div>
            <div class="field wide">
                <label for="document-file">"Fichier (25 Mo au plus)"</label>
                <input id="document-file" type="file"/>
                <p class="field-error" role="alert">{err("file")}</p>
            </div>
            <div class="actions"><button type="submit" id="document-add" disabled=move || add.pending().get()>"Joindre le document"</button></div>
        </form>
        {move || match list.get() {
            None => view! { <p class="muted">"Chargement…"</p> }.into_any(),
            Some(Err(e)) => view! { <p class="notice-error">{e.user_message()}</p> }.into_any(),
            Some(Ok(items)) if items.is_empty() => view! { <p class="empty">"Aucun document reçu."</p> }.into_any(),
            Some(Ok(items)) => view! {
                <table class="cases" id="document-list">
                    <thead><tr><th scope="col">"Type"</th><th scope="col">"Fichier"</th><th scope="col">"Reçu le"</th><th scope="col">"Taille"</th><th scope="col">"Empreinte SHA-256"</th><th scope="col">"Vérification"</th></tr></thead>
                    <tbody>{items.into_iter().map(|d| view! {
                        <tr>
                            <td>{d.kind.label()}</td>
                            <td>{d.file_name}</td>
                            <td>{format_date(d.received_on)}</td>
                            <td>{size(d.size_bytes)}</td>
                            <td class="mono" title=d.sha256>{d.sha256[..12].to_owned()}"…"</td>
                            <td>{
                                let (id, validated) = (d.id, d.validated_at.is_some());
                                view! {
                                    <button type="button" class="link" id=format!("document-validate-{id}")
                                        aria-pressed=validated.to_string()
                                        on:click=move |_| { validate.dispatch((id, !validated)); }>
                                        {if validated { "Validé — annuler" } else { "Marquer validé" }}
                                    </button>
                                }
                            }</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            }.into_any(),
        }}
    }
}
