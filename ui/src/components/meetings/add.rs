//! The dossiers that can still be put on a meeting's agenda.

use leptos::prelude::*;
use passerelle_domain::case::CaseId;
use passerelle_domain::committee::MeetingId;

use super::agenda::Shown;
use crate::api;
use crate::components::common::Loaded;

/// The cases at a step the meeting's committee examines, to put on the agenda.
#[component]
pub fn AddAgendaItem(meeting: MeetingId, on_change: Shown) -> impl IntoView {
    let candidates = LocalResource::new(move || api::meetings::candidates(meeting));
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = Action::new_local(move |case_id: &CaseId| api::meetings::add(meeting, *case_id));
    Effect::new(move || match add.value().get() {
        Some(Ok(d)) => {
            error.set(None);
            on_change.set(Some(Ok(d)));
        }
        Some(Err(e)) => error.set(Some(e.user_message())),
        None => {}
    });
    view! {
        <div class="card" id="agenda-add">
            <h2 class="section">"Ajouter un dossier"</h2>
            <Loaded from=candidates let:list>
                {if list.is_empty() {
                    view! {
                        <p class="empty">
                            "Aucun dossier à une étape que cette instance examine."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <div class="inline-form">
                            <div class="field">
                                <label for="agenda-candidate">"Dossier"</label>
                                <select
                                    id="agenda-candidate"
                                    on:change=move |ev| chosen.set(event_target_value(&ev))
                                >
                                    <option value="">"—"</option>
                                    {list
                                        .into_iter()
                                        .map(|c| {
                                            view! {
                                                <option value=c
                                                    .id
                                                    .to_string()>
                                                    {format!(
                                                        "{} — {} ({})",
                                                        c.display_name,
                                                        c.reference,
                                                        c.target,
                                                    )}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <button
                                type="button"
                                id="agenda-add-button"
                                disabled=move || add.pending().get()
                                on:click=move |_| {
                                    match chosen.get().parse::<CaseId>() {
                                        Ok(id) => {
                                            add.dispatch(id);
                                        }
                                        Err(_) => {
                                            error
                                                .set(
                                                    Some(
                                                        "Dossier : choisissez un dossier dans la liste.".into(),
                                                    ),
                                                );
                                        }
                                    }
                                }
                            >
                                "Ajouter à l’ordre du jour"
                            </button>
                        </div>
                    }
                        .into_any()
                }}
            </Loaded>
            <p class="notice-error" role="alert">
                {move || error.get()}
            </p>
        </div>
    }
}
