//! Registers one more candidate at an exam session.

use leptos::prelude::*;
use passerelle_domain::certification::EligibleEnrolment;
use passerelle_domain::i18n::Label;
use passerelle_domain::ids::{EnrolmentId, ExamSessionId};

use crate::api;
use crate::components::common::first_message;

/// Registers one more candidate (enrolments of the certification not registered yet).
#[component]
pub fn Register(
    exam_session_id: ExamSessionId,
    eligible: Vec<EligibleEnrolment>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let register = Action::new_local(move |e: &EnrolmentId| {
        api::certifications::register(exam_session_id, *e)
    });
    Effect::new(move || match register.value().get() {
        Some(Ok(())) => reload.update(|n| *n += 1),
        Some(Err(e)) => error.set(first_message(&e)),
        None => {}
    });
    if eligible.is_empty() {
        return view! { <p class="muted">"Aucun autre candidat de cette certification ne peut être inscrit."</p> }.into_any();
    }
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen.get_untracked().parse::<EnrolmentId>() {
            Ok(e) => {
                register.dispatch(e);
            }
            Err(_) => error.set(Some("Candidat : choisissez-le dans la liste.".into())),
        }
    };
    view! {
        <form id="register-form" class="record-form" on:submit=on_submit novalidate=true>
            <div class="field wide">
                <label for="register-enrolment">"Inscrire un candidat"</label>
                <select
                    id="register-enrolment"
                    on:change=move |ev| chosen.set(event_target_value(&ev))
                >
                    <option value="">"— Candidat —"</option>
                    {eligible
                        .into_iter()
                        .map(|e| {
                            view! {
                                <option value=e
                                    .enrolment_id
                                    .to_string()>
                                    {format!("{} ({}, {})", e.name, e.reference, e.route.label())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="actions">
                <button type="submit" id="register-add">
                    "Inscrire à la session"
                </button>
                <span class="notice-error" role="alert">
                    {move || error.get()}
                </span>
            </div>
        </form>
    }
    .into_any()
}
