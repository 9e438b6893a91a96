//! One exam or jury session: its candidates with their blocs, the result of each (validation
//! totale, partielle with the blocs validated, refus), and the registration of more candidates.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use passerelle_domain::AppError;
use passerelle_domain::certification::{
    BlocStatus, Outcome, SessionCandidate, SessionDetail, SessionResult,
};
use passerelle_domain::i18n::{Label, Msg, count_noun, format_date};
use passerelle_domain::ipc::CertSessionResultArgs;

use crate::api;
use crate::components::cases::fields::{code_of, enum_options, from_code};

#[component]
pub fn SessionPage() -> impl IntoView {
    crate::app::set_title(Msg::CertificationsTitle);
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let reload = RwSignal::new(0u32);
    let detail = LocalResource::new(move || {
        reload.track();
        api::certifications::session(id())
    });
    view! {
        <section id="screen-session" aria-labelledby="session-title">
            <p><A href="/certifications">"← Certifications"</A></p>
            {move || match detail.get() {
                None => view! { <p class="muted">"Chargement…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice-error">{e.user_message()}</p> }.into_any(),
                Some(Ok(d)) => render(d, reload).into_any(),
            }}
        </section>
    }
}

fn render(d: SessionDetail, reload: RwSignal<u32>) -> impl IntoView {
    let s = d.session.clone();
    let past = s.date <= crate::today();
    let session_id = s.id;
    view! {
        <h1 id="session-title">{s.title()}</h1>
        <dl class="facts session-facts">
            <dt>"Certification"</dt><dd><span class="mono">{s.certification_code.clone()}</span>" "{s.certification_title.clone()}</dd>
            <dt>"Lieu"</dt><dd>{s.place.clone()}</dd>
            <dt>"Candidats"</dt><dd id="session-counts">{format!("{} · {} enregistré{}", count_noun(u64::from(s.candidates), "candidat"),
                count_noun(u64::from(s.results), "résultat"), if s.results >= 2 { "s" } else { "" })}</dd>
        </dl>
        {(!past).then(|| view! { <p class="help">"Les résultats se saisissent à partir du jour de la session."</p> })}
        <h2 class="section">"Candidats"</h2>
        {if d.candidates.is_empty() {
            view! { <p class="empty">"Aucun candidat inscrit à cette session."</p> }.into_any()
        } else {
            view! {
                <table class="cases session-candidates" id="session-candidates">
                    <thead><tr>
                        <th scope="col">"Candidat"</th><th scope="col">"Territoire"</th><th scope="col">"Voie"</th>
                        <th scope="col">"Blocs"</th><th scope="col">"Résultat"</th>
                    </tr></thead>
                    <tbody>{d.candidates.into_iter().map(|c| candidate_row(session_id, c, past, reload)).collect_view()}</tbody>
                </table>
            }.into_any()
        }}
        <Register session_id eligible=d.eligible reload/>
    }
}

fn bloc_list(c: &SessionCandidate) -> impl IntoView + use<> {
    if c.blocs.is_empty() {
        return view! { <span class="muted">"Certification sans blocs"</span> }.into_any();
    }
    view! {
        <ul class="bloc-states">
            {c.blocs.iter().map(|b| {
                let class = match b.status {
                    BlocStatus::Acquis => "badge valid",
                    BlocStatus::NonValide => "badge missing",
                    BlocStatus::EnCours => "badge received",
                    BlocStatus::AAcquerir => "badge na",
                };
                view! { <li><span class="mono">{b.code.clone()}</span>" "<span class=class>{b.status.label()}</span></li> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn result_text(r: &SessionResult) -> String {
    if r.validated_blocs.is_empty() {
        r.outcome.label().to_owned()
    } else {
        format!("{} : {}", r.outcome.label(), r.validated_blocs.join(", "))
    }
}

fn candidate_row(
    session_id: i64,
    c: SessionCandidate,
    past: bool,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let id = c.enrolment_id;
    let result = match (&c.result, past) {
        (Some(r), _) => {
            let badge = match r.outcome {
                Outcome::ValidationTotale => "badge valid",
                Outcome::ValidationPartielle => "badge received",
                Outcome::Refus => "badge missing",
            };
            view! {
                <span class=badge id=format!("result-{id}")>{result_text(r)}</span>
                {c.certificate.as_ref().map(|k| view! { <div class="muted">{format!("Certificat n° {} du {}", k.number, format_date(k.issued_on))}</div> })}
            }
            .into_any()
        }
        (None, false) => {
            view! { <span class="muted" id=format!("result-{id}")>"Session à venir"</span> }
                .into_any()
        }
        (None, true) => view! { <ResultForm session_id candidate=c.clone() reload/> }.into_any(),
    };
    let blocs = bloc_list(&c);
    let name = c.name.clone();
    view! {
        <tr id=format!("candidate-{id}")>
            <td>
                <A href=format!("/dossiers/{}", c.case_id) attr:id=format!("candidate-{id}-case")>{name}</A>
                <div class="mono muted">{c.reference.clone()}</div>
            </td>
            <td>{c.territory.clone()}</td>
            <td>{c.route.label()}</td>
            <td>{blocs}</td>
            <td>{result}</td>
        </tr>
    }
}

/// The result of one candidate: outcome, and for a validation partielle the blocs validated.
#[component]
fn ResultForm(
    session_id: i64,
    candidate: SessionCandidate,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let id = candidate.enrolment_id;
    let outcome = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<String>);
    let save = Action::new_local(|args: &CertSessionResultArgs| {
        api::certifications::record_result(args.clone())
    });
    Effect::new(move || match save.value().get() {
        Some(Ok(())) => reload.update(|n| *n += 1),
        Some(Err(AppError::Validation { errors })) => {
            error.set(errors.first().map(|e| e.message.clone()));
        }
        Some(Err(e)) => error.set(Some(e.user_message())),
        None => {}
    });
    let open: Vec<(String, String)> = candidate
        .blocs
        .iter()
        .filter(|b| b.status != BlocStatus::Acquis)
        .map(|b| (b.code.clone(), b.title.clone()))
        .collect();
    let partial = move || outcome.get() == code_of(Outcome::ValidationPartielle);
    let on_save = move |_| {
        let Some(o) = from_code::<Outcome>(&outcome.get_untracked()) else {
            error.set(Some(
                "Résultat : choisissez validation totale, partielle ou refus.".into(),
            ));
            return;
        };
        save.dispatch(CertSessionResultArgs {
            session_id,
            enrolment_id: id,
            outcome: o,
            blocs: chosen.get_untracked(),
        });
    };
    view! {
        <div class="result-form">
            <label class="sr-only" for=format!("result-{id}-outcome")>{format!("Résultat de {}", candidate.name)}</label>
            <select id=format!("result-{id}-outcome") on:change=move |ev| outcome.set(event_target_value(&ev))>
                <option value="">"— Résultat —"</option>
                {enum_options::<Outcome>().into_iter().map(|(c, l)| view! { <option value=c>{l}</option> }).collect_view()}
            </select>
            <Show when=partial>
                <fieldset class="bloc-choice">
                    <legend>"Blocs validés"</legend>
                    {open.clone().into_iter().map(|(code, title)| {
                        let cb = format!("result-{id}-bloc-{code}");
                        let c2 = code.clone();
                        view! {
                            <div class="field check">
                                <input type="checkbox" id=cb.clone() on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|v| { v.retain(|x| x != &c2); if on { v.push(c2.clone()); } });
                                }/>
                                <label for=cb><span class="mono">{code}</span>" "{title}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            </Show>
            <button type="button" class="secondary" id=format!("result-{id}-save") on:click=on_save>"Enregistrer le résultat"</button>
            <p class="field-error" role="alert" id=format!("result-{id}-error")>{move || error.get()}</p>
        </div>
    }
}

/// Registers one more candidate (enrolments of the certification not registered yet).
#[component]
fn Register(
    session_id: i64,
    eligible: Vec<passerelle_domain::certification::EligibleEnrolment>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let register = Action::new_local(move |e: &i64| api::certifications::register(session_id, *e));
    Effect::new(move || match register.value().get() {
        Some(Ok(())) => reload.update(|n| *n += 1),
        Some(Err(AppError::Validation { errors })) => {
            error.set(errors.first().map(|e| e.message.clone()));
        }
        Some(Err(e)) => error.set(Some(e.user_message())),
        None => {}
    });
    if eligible.is_empty() {
        return view! { <p class="muted">"Aucun autre candidat de cette certification ne peut être inscrit."</p> }.into_any();
    }
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match chosen.get_untracked().parse::<i64>() {
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
                <select id="register-enrolment" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    <option value="">"— Candidat —"</option>
                    {eligible.into_iter().map(|e| view! {
                        <option value=e.enrolment_id.to_string()>{format!("{} ({}, {})", e.name, e.reference, e.route.label())}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="actions">
                <button type="submit" id="register-add">"Inscrire à la session"</button>
                <span class="notice-error" role="alert">{move || error.get()}</span>
            </div>
        </form>
    }
    .into_any()
}
