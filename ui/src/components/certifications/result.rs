//! The result of one candidate at an exam session: outcome, and for a validation partielle the
//! blocs validated.

use leptos::prelude::*;
use passerelle_domain::certification::{BlocStatus, ExamCandidate, ExamOutcome};
use passerelle_domain::code::Coded;
use passerelle_domain::ids::ExamSessionId;
use passerelle_domain::ipc::ExamSessionResultArgs;

use crate::api;
use crate::components::common::{first_message, option_tags};

/// The result of one candidate: outcome, and for a validation partielle the blocs validated.
#[component]
pub fn ResultForm(
    exam_session_id: ExamSessionId,
    candidate: ExamCandidate,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let id = candidate.enrolment_id;
    let outcome = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<String>);
    let save = Action::new_local(|args: &ExamSessionResultArgs| {
        api::certifications::record_result(args.clone())
    });
    Effect::new(move || match save.value().get() {
        Some(Ok(())) => reload.update(|n| *n += 1),
        Some(Err(e)) => error.set(first_message(&e)),
        None => {}
    });
    let open: Vec<(String, String)> = candidate
        .blocs
        .iter()
        .filter(|b| b.status != BlocStatus::Acquis)
        .map(|b| (b.code.clone(), b.title.clone()))
        .collect();
    let partial = move || outcome.get() == ExamOutcome::ValidationPartielle.code();
    let on_save = move |_| {
        let Ok(o) = ExamOutcome::parse_code(&outcome.get_untracked()) else {
            error.set(Some(
                "Résultat : choisissez validation totale, partielle ou refus.".into(),
            ));
            return;
        };
        save.dispatch(ExamSessionResultArgs {
            exam_session_id,
            enrolment_id: id,
            outcome: o,
            blocs: chosen.get_untracked(),
        });
    };
    view! {
        <div class="result-form">
            <label class="sr-only" for=format!("result-{id}-outcome")>
                {format!("Résultat de {}", candidate.name)}
            </label>
            <select
                id=format!("result-{id}-outcome")
                on:change=move |ev| outcome.set(event_target_value(&ev))
            >
                <option value="">"— Résultat —"</option>
                {option_tags::<ExamOutcome>(None)}
            </select>
            <Show when=partial>
                <fieldset class="bloc-choice">
                    <legend>"Blocs validés"</legend>
                    {open
                        .clone()
                        .into_iter()
                        .map(|(code, title)| {
                            let cb = format!("result-{id}-bloc-{code}");
                            let c2 = code.clone();
                            view! {
                                <div class="field check">
                                    <input
                                        type="checkbox"
                                        id=cb.clone()
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen
                                                .update(|v| {
                                                    v.retain(|x| x != &c2);
                                                    if on {
                                                        v.push(c2.clone());
                                                    }
                                                });
                                        }
                                    />
                                    <label for=cb>
                                        <span class="mono">{code}</span>
                                        " "
                                        {title}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </Show>
            <button type="button" class="secondary" id=format!("result-{id}-save") on:click=on_save>
                "Enregistrer le résultat"
            </button>
            <p class="field-error" role="alert" id=format!("result-{id}-error")>
                {move || error.get()}
            </p>
        </div>
    }
}
