//! Historique: the case's journal, newest first, personal values masked.

use chrono::{DateTime, Local};
use leptos::prelude::*;
use passerelle_domain::case::CaseId;
use passerelle_domain::i18n::{field_label, format_date};

use crate::api;
use crate::components::common::Loaded;

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

/// A journaled value for people (see `passerelle_domain::journal::readable_value`).
fn readable(field: &str, value: Option<String>) -> String {
    value.map_or_else(
        || "(vide)".into(),
        |v| passerelle_domain::journal::readable_value(field, &v),
    )
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
    view! {
        <Loaded from=entries let:list>
            <table class="journal" id="case-journal">
                <caption class="muted">
                    "Chaque modification, signée et horodatée. Les données personnelles sont masquées."
                </caption>
                <thead>
                    <tr>
                        <th scope="col">"Date"</th>
                        <th scope="col">"Auteur"</th>
                        <th scope="col">"Action"</th>
                        <th scope="col">"Modifications"</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .into_iter()
                        .rev()
                        .map(|e| {
                            view! {
                                <tr>
                                    <td>{when(&e.at)}</td>
                                    <td>{e.actor}</td>
                                    <td>{action(&e.action)}</td>
                                    <td>
                                        <ul class="changes">
                                            {e
                                                .changes
                                                .into_iter()
                                                .map(|c| {
                                                    view! {
                                                        <li>
                                                            <span class="field-name">
                                                                {field_label(&c.field).to_owned()}
                                                            </span>
                                                            " : "
                                                            {c
                                                                .before
                                                                .map(|b| {
                                                                    view! {
                                                                        <del>{readable(&c.field, Some(b))}</del>
                                                                        " → "
                                                                    }
                                                                })}
                                                            <ins>{readable(&c.field, c.after)}</ins>
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </Loaded>
    }
}
