//! The steps a case can move to next, each with what blocks it, and why the last move failed.

use leptos::prelude::*;
use passerelle_domain::AppError;
use passerelle_domain::i18n::Label;
use passerelle_domain::parcours::{NextStep, ParcoursView, Step};

#[component]
pub fn NextSteps(
    next: Vec<NextStep>,
    reason: RwSignal<String>,
    blocked: RwSignal<Option<(String, Vec<String>)>>,
    advance: Action<Step, Result<ParcoursView, AppError>>,
) -> impl IntoView {
    if next.is_empty() {
        return view! { <p class="muted">"Parcours clos."</p> }.into_any();
    }
    view! {
        <h2 class="section">"Étapes suivantes"</h2>
        <div class="field">
            <label for="parcours-reason">"Motif ou commentaire (facultatif)"</label>
            <input
                id="parcours-reason"
                type="text"
                prop:value=move || reason.get()
                on:input=move |ev| reason.set(event_target_value(&ev))
            />
        </div>
        <ul class="next-steps">
            {next
                .iter()
                .map(|n| {
                    let step = n.step;
                    let is_blocked = !n.unmet.is_empty();
                    view! {
                        <li>
                            <button
                                type="button"
                                id=format!("advance-{}", step.code())
                                class:blocked=is_blocked
                                aria-disabled=is_blocked.then_some("true")
                                disabled=move || advance.pending().get()
                                on:click=move |_| {
                                    advance.dispatch(step);
                                }
                            >
                                {step.label()}
                            </button>
                            {is_blocked
                                .then(|| {
                                    view! {
                                        <ul
                                            class="unmet"
                                            aria-label=format!(
                                                "Conditions manquantes pour « {} »",
                                                step.label(),
                                            )
                                        >
                                            {n
                                                .unmet
                                                .iter()
                                                .map(|u| view! { <li>{u.clone()}</li> })
                                                .collect_view()}
                                        </ul>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <div id="parcours-blocked" role="alert">
            {move || {
                blocked
                    .get()
                    .map(|(label, unmet)| {
                        view! {
                            <div class="notice-box">
                                <p>
                                    <strong>
                                        {if label.is_empty() {
                                            "Passage impossible".to_owned()
                                        } else {
                                            format!("Passage à « {label} » impossible :")
                                        }}
                                    </strong>
                                </p>
                                <ul>
                                    {unmet
                                        .into_iter()
                                        .map(|u| view! { <li>{u}</li> })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })
            }}
        </div>
    }
    .into_any()
}
