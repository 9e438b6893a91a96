//! One exam session (exam or jury): its candidates with their blocs, the result of each
//! (validation totale, partielle with the blocs validated, refus), and the registration of more
//! candidates.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use passerelle_domain::certification::{
    BlocStatus, ExamCandidate, ExamOutcome, ExamResult, ExamSessionDetail,
};
use passerelle_domain::i18n::{Label, Msg, count_noun, format_date};
use passerelle_domain::ids::ExamSessionId;

use super::register::Register;
use super::result::ResultForm;
use crate::components::common::Loaded;
use crate::{api, dom};

/// `/certifications/sessions/:id`
#[component]
pub fn ExamSessionPage() -> impl IntoView {
    dom::set_title(Msg::CertificationsTitle);
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<ExamSessionId>().ok())
            .unwrap_or(ExamSessionId(0))
    };
    let reload = RwSignal::new(0u32);
    let detail = LocalResource::new(move || {
        reload.track();
        api::certifications::exam_session(id())
    });
    view! {
        <section id="screen-session" aria-labelledby="session-title">
            <p>
                <A href="/certifications">"← Certifications"</A>
            </p>
            <Loaded from=detail let:d>
                {render(d, reload)}
            </Loaded>
        </section>
    }
}

fn render(d: ExamSessionDetail, reload: RwSignal<u32>) -> impl IntoView {
    let s = d.session.clone();
    let past = s.date <= crate::today();
    let exam_session_id = s.id;
    view! {
        <h1 id="session-title">{s.title()}</h1>
        <dl class="facts session-facts">
            <dt>"Certification"</dt>
            <dd>
                <span class="mono">{s.certification_code.clone()}</span>
                " "
                {s.certification_title.clone()}
            </dd>
            <dt>"Lieu"</dt>
            <dd>{s.place.clone()}</dd>
            <dt>"Candidats"</dt>
            <dd id="session-counts">
                {format!(
                    "{} · {} enregistré{}",
                    count_noun(u64::from(s.candidates), "candidat"),
                    count_noun(u64::from(s.results), "résultat"),
                    if s.results >= 2 { "s" } else { "" },
                )}
            </dd>
        </dl>
        {(!past)
            .then(|| {
                view! {
                    <p class="help">
                        "Les résultats se saisissent à partir du jour de la session."
                    </p>
                }
            })}
        <h2 class="section">"Candidats"</h2>
        {if d.candidates.is_empty() {
            view! { <p class="empty">"Aucun candidat inscrit à cette session."</p> }.into_any()
        } else {
            view! {
                <table class="cases session-candidates" id="session-candidates">
                    <thead>
                        <tr>
                            <th scope="col">"Candidat"</th>
                            <th scope="col">"Territoire"</th>
                            <th scope="col">"Voie"</th>
                            <th scope="col">"Blocs"</th>
                            <th scope="col">"Résultat"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {d
                            .candidates
                            .into_iter()
                            .map(|c| candidate_row(exam_session_id, c, past, reload))
                            .collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}
        <Register exam_session_id eligible=d.eligible reload />
    }
}

fn bloc_list(c: &ExamCandidate) -> impl IntoView + use<> {
    if c.blocs.is_empty() {
        return view! { <span class="muted">"Certification sans blocs"</span> }.into_any();
    }
    view! {
        <ul class="bloc-states">
            {c
                .blocs
                .iter()
                .map(|b| {
                    let class = match b.status {
                        BlocStatus::Acquis => "badge valid",
                        BlocStatus::NonValide => "badge missing",
                        BlocStatus::EnCours => "badge received",
                        BlocStatus::AAcquerir => "badge na",
                    };
                    view! {
                        <li>
                            <span class="mono">{b.code.clone()}</span>
                            " "
                            <span class=class>{b.status.label()}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

fn result_text(r: &ExamResult) -> String {
    if r.validated_blocs.is_empty() {
        r.outcome.label().to_owned()
    } else {
        format!("{} : {}", r.outcome.label(), r.validated_blocs.join(", "))
    }
}

fn candidate_row(
    exam_session_id: ExamSessionId,
    c: ExamCandidate,
    past: bool,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let id = c.enrolment_id;
    let result = match (&c.result, past) {
        (Some(r), _) => {
            let badge = match r.outcome {
                ExamOutcome::ValidationTotale => "badge valid",
                ExamOutcome::ValidationPartielle => "badge received",
                ExamOutcome::Refus => "badge missing",
            };
            view! {
                <span class=badge id=format!("result-{id}")>
                    {result_text(r)}
                </span>
                {c
                    .certificate
                    .as_ref()
                    .map(|k| {
                        view! {
                            <div class="muted">
                                {format!(
                                    "Certificat n° {} du {}",
                                    k.number,
                                    format_date(k.issued_on),
                                )}
                            </div>
                        }
                    })}
            }
            .into_any()
        }
        (None, false) => view! {
            <span class="muted" id=format!("result-{id}")>
                "Session à venir"
            </span>
        }
        .into_any(),
        (None, true) => {
            view! { <ResultForm exam_session_id candidate=c.clone() reload /> }.into_any()
        }
    };
    let blocs = bloc_list(&c);
    let name = c.name.clone();
    view! {
        <tr id=format!("candidate-{id}")>
            <td>
                <A href=format!("/dossiers/{}", c.case_id) attr:id=format!("candidate-{id}-case")>
                    {name}
                </A>
                <div class="mono muted">{c.reference.clone()}</div>
            </td>
            <td>{c.territory.clone()}</td>
            <td>{c.route.label()}</td>
            <td>{blocs}</td>
            <td>{result}</td>
        </tr>
    }
}
