//! Entretiens tab: what happened with the beneficiary.

use leptos::prelude::*;
use passerelle_domain::case::{CaseId, InterviewKind, NewInterview};
use passerelle_domain::code::Coded;
use passerelle_domain::i18n::{Label, format_date};
use passerelle_domain::validate::parse_date_fr;
use passerelle_domain::{AppError, FieldError};

use crate::api;
use crate::components::common::{Loaded, message_for, option_tags};

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
            kind: InterviewKind::parse_code(&kind.get_untracked()).ok(),
            duration_minutes: minutes.get_untracked().trim().parse().ok(),
            summary: summary.get_untracked(),
        });
    };
    let err = move |field: &'static str| message_for(errors, field);
    view! {
        <form id="interview-form" class="record-form" on:submit=on_submit novalidate=true>
            <div class="field">
                <label for="interview-date">"Date"</label>
                <input
                    id="interview-date"
                    type="text"
                    placeholder="jj/mm/aaaa"
                    prop:value=move || held_on.get()
                    on:input=move |ev| held_on.set(event_target_value(&ev))
                />
                <p class="field-error" role="alert">
                    {err("heldOn")}
                </p>
            </div>
            <div class="field">
                <label for="interview-kind">"Type"</label>
                <select id="interview-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {option_tags::<InterviewKind>(None)}
                </select>
                <p class="field-error" role="alert">
                    {err("kind")}
                </p>
            </div>
            <div class="field">
                <label for="interview-minutes">"Durée (minutes)"</label>
                <input
                    id="interview-minutes"
                    type="number"
                    min="1"
                    max="600"
                    prop:value=move || minutes.get()
                    on:input=move |ev| minutes.set(event_target_value(&ev))
                />
                <p class="field-error" role="alert">
                    {err("durationMinutes")}
                </p>
            </div>
            <div class="field wide">
                <label for="interview-summary">"Synthèse"</label>
                <textarea
                    id="interview-summary"
                    rows="2"
                    prop:value=move || summary.get()
                    on:input=move |ev| summary.set(event_target_value(&ev))
                ></textarea>
                <p class="field-error" role="alert">
                    {err("summary")}
                </p>
            </div>
            <div class="actions">
                <button type="submit" id="interview-add" disabled=move || add.pending().get()>
                    "Ajouter l’entretien"
                </button>
            </div>
        </form>
        <Loaded from=list let:items>
            {if items.is_empty() {
                view! { <p class="empty">"Aucun entretien enregistré."</p> }.into_any()
            } else {
                view! {
                    <table class="cases" id="interview-list">
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Type"</th>
                                <th scope="col">"Durée"</th>
                                <th scope="col">"Synthèse"</th>
                                <th scope="col">"Conseiller"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {items
                                .into_iter()
                                .map(|i| {
                                    view! {
                                        <tr>
                                            <td>{format_date(i.held_on)}</td>
                                            <td>{i.kind.label()}</td>
                                            <td>{format!("{} min", i.duration_minutes)}</td>
                                            <td class="prose">{i.summary}</td>
                                            <td>{i.counsellor}</td>
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

/// Today as a form shows it (jj/mm/aaaa).
pub(super) fn format_today() -> String {
    crate::today().format("%d/%m/%Y").to_string()
}
