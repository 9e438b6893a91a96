//! Projet tab › Certifications: enrolments, the status of each bloc, what remains.

use leptos::prelude::*;
use leptos_router::components::A;
use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::certification::{BlocStatus, EnrolledBloc, ExamOutcome, Route, evidence};
use passerelle_domain::code::Coded;
use passerelle_domain::i18n::{Label, format_date};
use passerelle_domain::ids::EnrolmentId;
use passerelle_domain::ipc::BlocStatusArgs;
use passerelle_domain::validate::parse_date_fr;

use super::certificate::CertificateForm;
use super::vae::VaeForm;
use crate::api;
use crate::components::common::{Loaded, first_message, option_tags};

#[component]
pub fn Enrolments(case_id: CaseId, target: String) -> impl IntoView {
    let reload = RwSignal::new(0u32);
    let list = LocalResource::new(move || {
        reload.track();
        api::certifications::enrolments(case_id)
    });
    let code = RwSignal::new(target);
    let route = RwSignal::new(Route::Formation.code());
    let message = RwSignal::new(None::<String>);
    let enrol = Action::new_local(move |(c, r): &(String, String)| {
        let route = Route::parse_code(r).unwrap_or(Route::Formation);
        api::certifications::enrol(case_id, c.clone(), route)
    });
    let set_bloc =
        Action::new_local(|args: &BlocStatusArgs| api::certifications::set_bloc(args.clone()));
    // One effect per action: each reacts to its own result only.
    let settle = move |done: Option<Result<(), AppError>>| match done {
        Some(Ok(())) => {
            message.set(None);
            reload.update(|n| *n += 1);
        }
        Some(Err(e)) => message.set(first_message(&e)),
        None => {}
    };
    Effect::new(move || settle(enrol.value().get().map(|r| r.map(|_| ()))));
    Effect::new(move || settle(set_bloc.value().get()));
    let on_enrol = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        enrol.dispatch((code.get_untracked(), route.get_untracked()));
    };
    view! {
        <h2 class="section">"Certifications"</h2>
        <Loaded from=list let:items>
            {if items.is_empty() {
                view! { <p class="empty">"Aucune inscription à une certification."</p> }.into_any()
            } else {
                items
                    .into_iter()
                    .map(|e| {
                        let (acquired, _, remaining) = e.summary();
                        let complete = (!e.blocs.is_empty() && acquired.len() == e.blocs.len())
                            || e
                                .exams
                                .iter()
                                .any(|s| s.outcome == Some(ExamOutcome::ValidationTotale));
                        let remaining: Vec<String> = remaining
                            .iter()
                            .map(|b| format!("{} {}", b.code, b.title))
                            .collect();
                        let id = e.id;
                        let exams = e.exams.clone();
                        let vae = e.vae.clone();
                        let certificate = e.certificate.clone();
                        view! {
                            <div class="enrolment" id=format!("enrolment-{id}")>
                                <p>
                                    <strong>{e.certification_code.clone()}</strong>
                                    " — "
                                    {e.certification_title.clone()}
                                    " · "
                                    {e.route.label()}
                                </p>
                                <table class="cases">
                                    <tbody>
                                        {e
                                            .blocs
                                            .into_iter()
                                            .map(|b| bloc_row(id, b, set_bloc))
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <p class="remaining" id=format!("enrolment-{id}-remaining")>
                                    {if remaining.is_empty() {
                                        "Tous les blocs sont acquis.".to_owned()
                                    } else {
                                        format!("Restant à acquérir : {}", remaining.join(" ; "))
                                    }}
                                </p>
                                {(!exams.is_empty())
                                    .then(|| {
                                        view! {
                                            <ul
                                                class="plain sessions"
                                                id=format!("enrolment-{id}-sessions")
                                            >
                                                {exams
                                                    .into_iter()
                                                    .map(|s| {
                                                        view! {
                                                            <li>
                                                                <A href=format!(
                                                                    "/certifications/sessions/{}",
                                                                    s.exam_session_id,
                                                                )>{evidence(s.kind, s.date)}</A>
                                                                {format!(
                                                                    " — {} : {}",
                                                                    s.place,
                                                                    s.outcome.map_or("résultat à venir", |o| o.label()),
                                                                )}
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        }
                                    })}
                                {vae.map(|v| view! { <VaeForm enrolment_id=id view=v reload /> })}
                                {complete
                                    .then(|| {
                                        view! {
                                            <CertificateForm
                                                enrolment_id=id
                                                issued=certificate
                                                reload
                                            />
                                        }
                                    })}
                            </div>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </Loaded>
        <form id="enrol-form" class="record-form" on:submit=on_enrol novalidate=true>
            <div class="field">
                <label for="enrol-code">"Certification (code)"</label>
                <input
                    id="enrol-code"
                    type="text"
                    placeholder="RNCP38596"
                    prop:value=move || code.get()
                    on:input=move |ev| code.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for="enrol-route">"Voie"</label>
                <select id="enrol-route" on:change=move |ev| route.set(event_target_value(&ev))>
                    {option_tags::<Route>(None)}
                </select>
            </div>
            <div class="actions">
                <button type="submit" id="enrol-add">
                    "Inscrire"
                </button>
                <span id="enrol-message" class="notice-error" role="alert">
                    {move || message.get()}
                </span>
            </div>
        </form>
    }
}

fn bloc_row(
    enrolment_id: EnrolmentId,
    b: EnrolledBloc,
    set_bloc: Action<BlocStatusArgs, Result<(), AppError>>,
) -> impl IntoView {
    let status = RwSignal::new(b.status.code());
    let on = RwSignal::new(
        b.acquired_on
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
    );
    let id = format!("bloc-{}", b.code);
    let code = b.code.clone();
    let save = move |_| {
        let status =
            BlocStatus::parse_code(&status.get_untracked()).unwrap_or(BlocStatus::AAcquerir);
        let acquired_on = parse_date_fr(&on.get_untracked()).ok();
        set_bloc.dispatch(BlocStatusArgs {
            enrolment_id,
            bloc: code.clone(),
            status,
            acquired_on,
            evidence: String::new(),
        });
    };
    view! {
        <tr>
            <td class="mono">{b.code.clone()}</td>
            <td>{b.title.clone()}</td>
            <td>
                <label class="sr-only" for=format!("{id}-status")>
                    {format!("Statut du bloc {}", b.code)}
                </label>
                <select
                    id=format!("{id}-status")
                    on:change=move |ev| status.set(event_target_value(&ev))
                >
                    {option_tags(Some(b.status))}
                </select>
            </td>
            <td>
                <label class="sr-only" for=format!("{id}-on")>
                    {format!("Date d’acquisition du bloc {}", b.code)}
                </label>
                <input
                    id=format!("{id}-on")
                    type="text"
                    placeholder="jj/mm/aaaa"
                    size="10"
                    prop:value=move || on.get()
                    on:input=move |ev| on.set(event_target_value(&ev))
                />
            </td>
            <td>{b.acquired_on.map(format_date).unwrap_or_default()}</td>
            <td>
                <button type="button" id=format!("{id}-save") class="secondary" on:click=save>
                    "Enregistrer"
                </button>
            </td>
        </tr>
    }
}
