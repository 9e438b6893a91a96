//! Historique: the case's journal, newest first, personal values masked.

use chrono::{DateTime, Local};
use leptos::prelude::*;
use passerelle_domain::case::{CaseId, DocumentKind};
use passerelle_domain::i18n::Label;
use passerelle_domain::i18n::{field_label, format_date};
use passerelle_domain::parcours::Step;

use crate::api;

pub(super) fn when(at: &str) -> String {
    match DateTime::parse_from_rfc3339(at) {
        Ok(t) => {
            let local = t.with_timezone(&Local);
            format!(
                "{} à {}",
                format_date(local.date_naive()),
                local.format("%H:%M")
            )
        }
        Err(_) => at.to_owned(),
    }
}

/// A journaled value for people: document kinds and steps by their French labels.
fn readable(field: &str, value: Option<String>) -> String {
    let Some(value) = value else {
        return "(vide)".into();
    };
    match field {
        "documents" => serde_json::from_str::<Vec<DocumentKind>>(&value)
            .map(|kinds| {
                kinds
                    .iter()
                    .map(|k| k.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or(value),
        "status" => Step::from_code(&value).map_or(value, |s| s.label().to_owned()),
        _ => value,
    }
}

fn action(a: &str) -> &'static str {
    match a {
        "create" => "Création",
        "update" => "Modification",
        "archive" => "Archivage",
        "restore" => "Restauration",
        _ => "Écriture",
    }
}

#[component]
pub fn Journal(id: CaseId) -> impl IntoView {
    let entries = LocalResource::new(move || api::cases::journal(id));
    move || {
        match entries.get() {
        None => view! { <p class="muted">"Chargement…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="notice-error">{e.user_message()}</p> }.into_any(),
        Some(Ok(list)) => view! {
            <table class="journal" id="case-journal">
                <caption class="muted">"Chaque modification, signée et horodatée. Les données personnelles sont masquées."</caption>
                <thead><tr><th scope="col">"Date"</th><th scope="col">"Auteur"</th><th scope="col">"Action"</th><th scope="col">"Modifications"</th></tr></thead>
                <tbody>
                    {list.into_iter().rev().map(|e| view! {
                        <tr>
                            <td>{when(&e.at)}</td>
                            <td>{e.actor}</td>
                            <td>{action(&e.action)}</td>
                            <td><ul class="changes">
                                {e.changes.into_iter().map(|c| view! {
                                    <li>
                                        <span class="field-name">{field_label(&c.field).to_owned()}</span>" : "
                                        {c.before.map(|b| view! { <del>{readable(&c.field, Some(b))}</del>" → " })}
                                        <ins>{readable(&c.field, c.after)}</ins>
                                    </li>
                                }).collect_view()}
                            </ul></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }.into_any(),
    }
    }
}
