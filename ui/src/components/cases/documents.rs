//! Documents tab: what was received, its fingerprint, and whether it was checked.

use leptos::prelude::*;
use passerelle_domain::case::{CaseId, DocumentKind, check_document};
use passerelle_domain::code::Coded;
use passerelle_domain::i18n::{Label, format_count, format_date};
use passerelle_domain::ids::DocumentId;
use passerelle_domain::ipc::DocumentMeta;
use passerelle_domain::validate::parse_date_fr;
use passerelle_domain::{AppError, FieldError};

use super::interviews::format_today;
use crate::api;
use crate::components::common::{Loaded, chosen_file, message_for, option_tags, read_file};

fn size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} Mo", bytes as f64 / 1_048_576.0).replace('.', ",")
    } else {
        format!("{} Ko", format_count(bytes.div_ceil(1024)))
    }
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
            let kind = DocumentKind::parse_code(&kind).ok();
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
    let validate = Action::new_local(|(id, validated): &(DocumentId, bool)| {
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
    let err = move |field: &'static str| message_for(errors, field);
    view! {
        <form id="document-form" class="record-form" on:submit=on_submit novalidate=true>
            <div class="field">
                <label for="document-kind">"Type de document"</label>
                <select id="document-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {option_tags::<DocumentKind>(None)}
                </select>
                <p class="field-error" role="alert">
                    {err("kind")}
                </p>
            </div>
            <div class="field">
                <label for="document-received">"Reçu le"</label>
                <input
                    id="document-received"
                    type="text"
                    placeholder="jj/mm/aaaa"
                    prop:value=move || received.get()
                    on:input=move |ev| received.set(event_target_value(&ev))
                />
                <p class="field-error" role="alert">
                    {err("receivedOn")}
                </p>
            </div>
            <div class="field wide">
                <label for="document-file">"Fichier (25 Mo au plus)"</label>
                <input id="document-file" type="file" />
                <p class="field-error" role="alert">
                    {err("file")}
                </p>
            </div>
            <div class="actions">
                <button type="submit" id="document-add" disabled=move || add.pending().get()>
                    "Joindre le document"
                </button>
            </div>
        </form>
        <Loaded from=list let:items>
            {if items.is_empty() {
                view! { <p class="empty">"Aucun document reçu."</p> }.into_any()
            } else {
                view! {
                    <table class="cases" id="document-list">
                        <thead>
                            <tr>
                                <th scope="col">"Type"</th>
                                <th scope="col">"Fichier"</th>
                                <th scope="col">"Reçu le"</th>
                                <th scope="col">"Taille"</th>
                                <th scope="col">"Empreinte SHA-256"</th>
                                <th scope="col">"Vérification"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {items
                                .into_iter()
                                .map(|d| {
                                    view! {
                                        <tr>
                                            <td>{d.kind.label()}</td>
                                            <td>{d.file_name}</td>
                                            <td>{format_date(d.received_on)}</td>
                                            <td>{size(d.size_bytes)}</td>
                                            <td class="mono" title=d.sha256>
                                                {d.sha256[..12].to_owned()}
                                                "…"
                                            </td>
                                            <td>
                                                {
                                                    let (id, validated) = (d.id, d.validated_at.is_some());
                                                    view! {
                                                        <button
                                                            type="button"
                                                            class="link"
                                                            id=format!("document-validate-{id}")
                                                            aria-pressed=validated.to_string()
                                                            on:click=move |_| {
                                                                validate.dispatch((id, !validated));
                                                            }
                                                        >
                                                            {if validated {
                                                                "Validé — annuler"
                                                            } else {
                                                                "Marquer validé"
                                                            }}
                                                        </button>
                                                    }
                                                }
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            }}
        </Loaded>
    }
}
