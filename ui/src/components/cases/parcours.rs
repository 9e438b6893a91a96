//! Parcours tab: where the case stands, where it can go (and why not), its checklist,
//! deadlines, eligibility and backward plan.

use leptos::prelude::*;
use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::i18n::{Label, format_date};
use passerelle_domain::parcours::{DocStatus, Outcome, ParcoursView, Step, Urgency};

use super::journal::when;
use crate::api;

fn urgency_class(u: Urgency) -> &'static str {
    match u {
        Urgency::Overdue => "deadline overdue",
        Urgency::Soon => "deadline soon",
        Urgency::Upcoming => "deadline upcoming",
        Urgency::Done => "deadline done",
    }
}

fn urgency_text(u: Urgency) -> &'static str {
    match u {
        Urgency::Overdue => "en retard",
        Urgency::Soon => "dans moins de 8 jours",
        Urgency::Upcoming => "à venir",
        Urgency::Done => "fait",
    }
}

fn doc_status(s: DocStatus) -> (&'static str, &'static str) {
    match s {
        DocStatus::Manquant => ("manquant", "badge missing"),
        DocStatus::Recu => ("reçu", "badge received"),
        DocStatus::Valide => ("validé", "badge valid"),
        DocStatus::NonApplicable => ("non applicable", "badge na"),
    }
}

fn outcome(o: Outcome) -> (&'static str, &'static str) {
    match o {
        Outcome::Met => ("remplie", "badge valid"),
        Outcome::Exempt => ("non exigée", "badge received"),
        Outcome::Unmet => ("non remplie", "badge missing"),
        Outcome::Unknown => ("à compléter", "badge na"),
    }
}

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
    move || match view.get() {
        None => view! { <p class="muted">"Chargement…"</p> }.into_any(),
        Some(Err(e)) => view! { <p class="notice-error">{e.user_message()}</p> }.into_any(),
        Some(Ok(v)) => render(v, reason, blocked, advance).into_any(),
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
                <ol class="timeline" id="parcours-timeline">
                    <li class="past"><span class="step-name">{Step::Accueil.label()}</span></li>
                    {v.history.iter().map(|t| view! {
                        <li class="past">
                            <span class="step-name">{t.to.label()}</span>
                            <span class="muted">{when(&t.at)}" · "{t.actor.clone()}</span>
                            {(!t.reason.is_empty()).then(|| view! { <span class="muted">{format!("Motif : {}", t.reason)}</span> })}
                        </li>
                    }).collect_view()}
                </ol>
            </div>
            <div class="parcours-main">
                <p class="current-step">"Étape actuelle : "<strong id="parcours-current" data-code=current.code()>{current.label()}</strong></p>
                {(!v.notes.is_empty()).then(|| view! {
                    <div class="notice-box info" id="parcours-notes" role="note">
                        <ul>{v.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                    </div>
                })}
                {if v.next.is_empty() {
                    view! { <p class="muted">"Parcours clos."</p> }.into_any()
                } else {
                    view! {
                        <h2 class="section">"Étapes suivantes"</h2>
                        <div class="field">
                            <label for="parcours-reason">"Motif ou commentaire (facultatif)"</label>
                            <input id="parcours-reason" type="text" prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev))/>
                        </div>
                        <ul class="next-steps">
                            {v.next.iter().map(|n| {
                                let step = n.step;
                                let is_blocked = !n.unmet.is_empty();
                                view! {
                                    <li>
                                        <button type="button" id=format!("advance-{}", step.code())
                                            class:blocked=is_blocked
                                            aria-disabled=is_blocked.then_some("true")
                                            disabled=move || advance.pending().get()
                                            on:click=move |_| { advance.dispatch(step); }>
                                            {step.label()}
                                        </button>
                                        {is_blocked.then(|| view! {
                                            <ul class="unmet" aria-label=format!("Conditions manquantes pour « {} »", step.label())>
                                                {n.unmet.iter().map(|u| view! { <li>{u.clone()}</li> }).collect_view()}
                                            </ul>
                                        })}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <div id="parcours-blocked" role="alert">
                            {move || blocked.get().map(|(label, unmet)| view! {
                                <div class="notice-box">
                                    <p><strong>{if label.is_empty() { "Passage impossible".to_owned() } else { format!("Passage à « {label} » impossible :") }}</strong></p>
                                    <ul>{unmet.into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}</ul>
                                </div>
                            })}
                        </div>
                    }.into_any()
                }}
                {v.checklist_step.map(|target| view! {
                    <h2 class="section">{format!("Pièces pour « {} »", target.label())}</h2>
                    <table class="cases" id="parcours-checklist">
                        <tbody>{v.checklist.iter().map(|i| {
                            let (text, class) = doc_status(i.status);
                            view! {
                                <tr>
                                    <td>{i.kind.label()}{(!i.required).then_some(" (le cas échéant)")}</td>
                                    <td><span class=class>{text}</span></td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                    <p class="help">"Joignez les pièces dans l’onglet Documents ; validez-les une fois vérifiées."</p>
                })}
                <h2 class="section">"Échéances"</h2>
                {if v.deadlines.is_empty() {
                    view! { <p class="muted">"Aucune échéance à cette étape."</p> }.into_any()
                } else {
                    view! {
                        <ul class="deadlines" id="parcours-deadlines">
                            {v.deadlines.iter().map(|d| {
                                let u = d.urgency(today);
                                view! {
                                    <li class=urgency_class(u)>
                                        <span class="due">{format_date(d.due)}</span>
                                        <span>{d.label.clone()}</span>
                                        <span class="badge">{urgency_text(u)}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <h2 class="section">{format!("Éligibilité au projet de transition professionnelle, au {}", format_date(v.eligibility_at))}</h2>
                <table class="cases" id="parcours-eligibility">
                    <tbody>{v.eligibility.iter().map(|r| {
                        let (text, class) = outcome(r.outcome);
                        view! {
                            <tr>
                                <td>{r.rule.clone()}</td>
                                <td><span class=class>{text}</span></td>
                                <td>{r.explanation.clone()}</td>
                            </tr>
                        }
                    }).collect_view()}</tbody>
                </table>
                {v.demission_at.map(|at| view! {
                    <h2 class="section">{format!("Démission-reconversion, à la fin du contrat prévue ({})", format_date(at))}</h2>
                    <table class="cases" id="parcours-demission">
                        <tbody>{v.demission_eligibility.iter().map(|r| {
                            let (text, class) = outcome(r.outcome);
                            view! {
                                <tr>
                                    <td>{r.rule.clone()}</td>
                                    <td><span class=class>{text}</span></td>
                                    <td>{r.explanation.clone()}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                })}
                {(!v.plan.is_empty()).then(|| view! {
                    <h2 class="section">"Rétroplanning depuis l’entrée en formation"</h2>
                    <ul class="deadlines" id="parcours-plan">
                        {v.plan.iter().map(|p| view! {
                            <li class=if p.by < today { "deadline done" } else { "deadline upcoming" }>
                                <span class="due">{format_date(p.by)}</span>
                                <span>{p.action.clone()}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
            </div>
        </div>
    }
}
