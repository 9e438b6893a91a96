//! Certifications › Sessions d’examen et jurys: exam sessions of the next 60 days (with their
//! candidates), those of the last 60 days (results to record), and a new exam session.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use passerelle_domain::FieldError;
use passerelle_domain::certification::{ExamKind, ExamSessionSummary, NewExamSession};
use passerelle_domain::code::Coded;
use passerelle_domain::i18n::{count_noun, format_date};
use passerelle_domain::validate::parse_date_fr;

use super::HORIZON_DAYS;
use crate::api;
use crate::components::common::{Loaded, field_errors, message_for, option_tags};

fn exam_session_link(s: &ExamSessionSummary) -> impl IntoView + use<> {
    let (id, title) = (s.id, s.title());
    view! {
        <A href=format!("/certifications/sessions/{id}") attr:id=format!("session-link-{id}")>
            {title}
        </A>
    }
}

fn upcoming_rows(list: Vec<ExamSessionSummary>) -> impl IntoView {
    list.into_iter()
        .map(|s| {
            view! {
                <tr>
                    <td class="nowrap">{format_date(s.date)}</td>
                    <td class="nowrap">{exam_session_link(&s)}</td>
                    <td>
                        <span class="mono">{s.certification_code.clone()}</span>
                        " "
                        {s.certification_title.clone()}
                    </td>
                    <td>{s.place.clone()}</td>
                    <td class="num nowrap">{count_noun(u64::from(s.candidates), "candidat")}</td>
                </tr>
            }
        })
        .collect_view()
}

fn recent_rows(list: Vec<ExamSessionSummary>) -> impl IntoView {
    list.into_iter()
        .map(|s| {
            let missing = s.candidates - s.results.min(s.candidates);
            view! {
                <tr>
                    <td class="nowrap">{format_date(s.date)}</td>
                    <td class="nowrap">{exam_session_link(&s)}</td>
                    <td>
                        <span class="mono">{s.certification_code.clone()}</span>
                        " "
                        {s.certification_title.clone()}
                    </td>
                    <td>{s.place.clone()}</td>
                    <td class="num nowrap">
                        {format!(
                            "{} sur {}",
                            s.results,
                            count_noun(u64::from(s.candidates), "candidat"),
                        )}
                    </td>
                    <td>
                        {(missing > 0)
                            .then(|| {
                                view! {
                                    <span class="badge missing">
                                        {format!("{missing} à saisir")}
                                    </span>
                                }
                            })}
                    </td>
                </tr>
            }
        })
        .collect_view()
}

#[component]
pub fn ExamSessions() -> impl IntoView {
    let overview = LocalResource::new(|| api::certifications::staff_overview(HORIZON_DAYS));
    view! {
        <Loaded from=overview let:o>
            <h2 class="section">{format!("Dans les {HORIZON_DAYS} prochains jours")}</h2>
            {if o.upcoming.is_empty() {
                view! { <p class="empty">"Aucun examen ni jury programmé."</p> }.into_any()
            } else {
                view! {
                    <table class="cases" id="sessions-upcoming">
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Session"</th>
                                <th scope="col">"Certification"</th>
                                <th scope="col">"Lieu"</th>
                                <th scope="col" class="num">
                                    "Candidats"
                                </th>
                            </tr>
                        </thead>
                        <tbody>{upcoming_rows(o.upcoming)}</tbody>
                    </table>
                }
                    .into_any()
            }}
            <h2 class="section">{format!("Ces {HORIZON_DAYS} derniers jours")}</h2>
            {if o.recent.is_empty() {
                view! { <p class="empty">"Aucune session passée sur la période."</p> }.into_any()
            } else {
                view! {
                    <table class="cases" id="sessions-recent">
                        <thead>
                            <tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Session"</th>
                                <th scope="col">"Certification"</th>
                                <th scope="col">"Lieu"</th>
                                <th scope="col" class="num">
                                    "Résultats"
                                </th>
                                <th scope="col">
                                    <span class="sr-only">"À saisir"</span>
                                </th>
                            </tr>
                        </thead>
                        <tbody>{recent_rows(o.recent)}</tbody>
                    </table>
                }
                    .into_any()
            }}
        </Loaded>
        <NewExamSessionForm />
    }
}

#[component]
fn NewExamSessionForm() -> impl IntoView {
    let date = RwSignal::new(String::new());
    let kind = RwSignal::new(ExamKind::Jury.code());
    let code = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let create =
        Action::new_local(|s: &NewExamSession| api::certifications::create_exam_session(s.clone()));
    let navigate = use_navigate();
    Effect::new(move || match create.value().get() {
        Some(Ok(s)) => navigate(
            &format!("/certifications/sessions/{}", s.id),
            Default::default(),
        ),
        Some(Err(e)) => errors.set(field_errors(&e)),
        None => {}
    });
    let error_for = move |field: &'static str| message_for(errors, field);
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed = parse_date_fr(&date.get_untracked());
        let Ok(on) = parsed else {
            errors.set(vec![FieldError::new(
                "date",
                format!("Date : {}", parsed.unwrap_err()),
            )]);
            return;
        };
        create.dispatch(NewExamSession {
            date: on,
            place: place.get_untracked(),
            kind: ExamKind::parse_code(&kind.get_untracked()).unwrap_or(ExamKind::Jury),
            certification_code: code.get_untracked(),
        });
    };
    view! {
        <h2 class="section">"Programmer une session"</h2>
        <form id="session-form" class="record-form" on:submit=on_submit novalidate=true>
            <div class="field">
                <label for="session-date">"Date"</label>
                <input
                    id="session-date"
                    type="text"
                    placeholder="jj/mm/aaaa"
                    prop:value=move || date.get()
                    on:input=move |ev| date.set(event_target_value(&ev))
                    aria-invalid=move || error_for("date")().is_some().to_string()
                />
                <p class="field-error" role="alert">
                    {error_for("date")}
                </p>
            </div>
            <div class="field">
                <label for="session-kind">"Nature"</label>
                <select id="session-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                    {option_tags::<ExamKind>(None)}
                </select>
            </div>
            <div class="field">
                <label for="session-cert">"Certification (code)"</label>
                <input
                    id="session-cert"
                    type="text"
                    placeholder="RNCP38596"
                    prop:value=move || code.get()
                    on:input=move |ev| code.set(event_target_value(&ev))
                    aria-invalid=move || error_for("certificationCode")().is_some().to_string()
                />
                <p class="field-error" role="alert">
                    {error_for("certificationCode")}
                </p>
            </div>
            <div class="field">
                <label for="session-place">"Lieu"</label>
                <input
                    id="session-place"
                    type="text"
                    placeholder="Hub AFNOR, Sarrebourg"
                    prop:value=move || place.get()
                    on:input=move |ev| place.set(event_target_value(&ev))
                    aria-invalid=move || error_for("place")().is_some().to_string()
                />
                <p class="field-error" role="alert">
                    {error_for("place")}
                </p>
            </div>
            <div class="actions">
                <button type="submit" id="session-create">
                    "Créer la session"
                </button>
                <span class="notice-error" role="alert">
                    {error_for("")}
                </span>
            </div>
        </form>
    }
}
