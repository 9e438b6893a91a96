//! Parcours tab: where the case stands, where it can go (and why not), its checklist,
//! deadlines, eligibility and backward plan.

mod facts;
mod next;

use leptos::prelude::*;
use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::i18n::Label;
use passerelle_domain::parcours::{ParcoursView, Step, Transition};

use self::facts::{checklist, deadlines, eligibility, plan};
use self::next::NextSteps;
use super::journal::when;
use crate::api;
use crate::components::common::Loaded;

#[component]
pub fn Parcours(case_id: CaseId, reload_case: RwSignal<u32>) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let view = LocalResource::new(move || {
        reload.track();
        api::parcours::view(case_id)
    });
    let reason = RwSignal::new(String::new());
    let blocked = RwSignal::new(None::<(String, Vec<String>)>);
    let advance = Action::new_local(move |to: &Step| {
        api::parcours::advance(case_id, *to, reason.get_untracked())
    });
    Effect::new(move || match advance.value().get() {
        Some(Ok(_)) => {
            blocked.set(None);
            reason.set(String::new());
            reload.update(|n| *n += 1);
            reload_case.update(|n| *n += 1);
        }
        Some(Err(AppError::Blocked { step, unmet })) => {
            let label = Step::from_code(&step).map_or(step.clone(), |s| s.label().to_owned());
            blocked.set(Some((label, unmet)));
        }
        Some(Err(e)) => blocked.set(Some((String::new(), vec![e.user_message()]))),
        None => {}
    });
    view! {
        <Loaded from=view let:v>
            {render(v, reason, blocked, advance)}
        </Loaded>
    }
}

fn timeline(history: &[Transition]) -> impl IntoView + use<> {
    view! {
        <ol class="timeline" id="parcours-timeline">
            <li class="past">
                <span class="step-name">{Step::Accueil.label()}</span>
            </li>
            {history
                .iter()
                .map(|t| {
                    view! {
                        <li class="past">
                            <span class="step-name">{t.to.label()}</span>
                            <span class="muted">{when(&t.at)}" · "{t.actor.clone()}</span>
                            {(!t.reason.is_empty())
                                .then(|| {
                                    view! {
                                        <span class="muted">{format!("Motif : {}", t.reason)}</span>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

fn render(
    v: ParcoursView,
    reason: RwSignal<String>,
    blocked: RwSignal<Option<(String, Vec<String>)>>,
    advance: Action<Step, Result<ParcoursView, AppError>>,
) -> impl IntoView {
    let today = crate::today();
    let current = v.current;
    view! {
        <div class="parcours">
            <div class="parcours-side">
                <h2 class="section">"Étapes franchies"</h2>
                {timeline(&v.history)}
            </div>
            <div class="parcours-main">
                <p class="current-step">
                    "Étape actuelle : "<strong id="parcours-current" data-code=current.code()>
                        {current.label()}
                    </strong>
                </p>
                {(!v.notes.is_empty())
                    .then(|| {
                        view! {
                            <div class="notice-box info" id="parcours-notes" role="note">
                                <ul>
                                    {v
                                        .notes
                                        .iter()
                                        .map(|n| view! { <li>{n.clone()}</li> })
                                        .collect_view()}
                                </ul>
                            </div>
                        }
                    })}
                <NextSteps next=v.next reason blocked advance />
                {v.checklist_step.map(|target| checklist(target, &v.checklist))}
                {deadlines(&v.deadlines, today)}
                {eligibility(
                    v.eligibility_at,
                    &v.eligibility,
                    v.demission_at,
                    &v.demission_eligibility,
                )}
                {plan(&v.plan, today)}
            </div>
        </div>
    }
}
