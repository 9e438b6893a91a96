//! An establishment's diagnostics, newest first, each with its lines per trade; and the form
//! to make a new one or correct one.

use leptos::prelude::*;
use passerelle_domain::AppError;
use passerelle_domain::diagnostic::Diagnostic;
use passerelle_domain::i18n::{format_count, format_date};
use passerelle_domain::ipc::EstablishmentDetail;

use super::diagnostic_form::{DiagnosticForm, new_diagnostic};
use super::{outlook_badge, rome_label};
use crate::components::common::Loaded;
use crate::dom;

#[component]
pub fn DiagnosticsSection(
    siret: String,
    detail: LocalResource<Result<EstablishmentDetail, AppError>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    // The diagnostic being written (`id` 0: a new one), if any. While it is open, no other
    // can be opened: that would throw the draft away.
    let editing = RwSignal::new(None::<Diagnostic>);
    let drafting = Signal::derive(move || editing.with(Option::is_some));
    let notice = RwSignal::new(None::<String>);
    // The button to give the focus back to once the list is drawn again.
    let refocus = RwSignal::new(None::<String>);
    Effect::new(move || {
        if let Some(Ok(_)) = detail.get()
            && let Some(id) = refocus.get_untracked()
        {
            refocus.set(None);
            request_animation_frame(move || {
                dom::refocus(&id);
            });
        }
    });
    let on_saved = Callback::new(move |saved: Diagnostic| {
        let corrected = editing.with_untracked(|e| e.as_ref().is_some_and(|d| d.id != 0));
        notice.set(Some(format!(
            "Diagnostic du {} enregistré ({}).",
            format_date(saved.date),
            passerelle_domain::i18n::count_with(
                u64::from(saved.at_risk()),
                "salarié exposé",
                "salariés exposés"
            )
        )));
        editing.set(None);
        if corrected {
            refocus.set(Some(format!("diagnostic-{}-edit", saved.id)));
        } else {
            request_animation_frame(|| {
                dom::refocus("diagnostic-new");
            });
        }
        reload.update(|n| *n += 1);
    });
    let on_cancel = Callback::new(move |()| {
        let back = match editing.get_untracked() {
            Some(d) if d.id != 0 => format!("diagnostic-{}-edit", d.id),
            _ => "diagnostic-new".to_owned(),
        };
        editing.set(None);
        request_animation_frame(move || {
            dom::focus(&back);
        });
    });
    let open_new = move |_| {
        notice.set(None);
        editing.set(Some(new_diagnostic(&siret)));
        request_animation_frame(|| {
            dom::focus("diagnostic-date");
        });
    };
    let on_edit = Callback::new(move |d: Diagnostic| {
        notice.set(None);
        editing.set(Some(d));
        request_animation_frame(|| {
            dom::focus("diagnostic-date");
        });
    });
    view! {
        <section aria-labelledby="diagnostics-heading" id="establishment-diagnostics">
            <div class="section-head">
                <h2 class="section" id="diagnostics-heading">
                    "Diagnostics"
                </h2>
                <button type="button" id="diagnostic-new" disabled=drafting on:click=open_new>
                    "Nouveau diagnostic"
                </button>
            </div>
            <p id="diagnostic-saved" role="status" class="notice-ok">
                {move || notice.get()}
            </p>
            {move || {
                editing.get().map(|initial| view! { <DiagnosticForm initial on_saved on_cancel /> })
            }}
            <Loaded from=detail let:d>
                {if d.diagnostics.is_empty() {
                    view! {
                        <p class="empty" id="diagnostic-list">
                            "Aucun diagnostic pour cet établissement."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <div id="diagnostic-list">
                            {d
                                .diagnostics
                                .into_iter()
                                .map(|diag| view! { <DiagnosticCard diag on_edit drafting /> })
                                .collect_view()}
                        </div>
                    }
                        .into_any()
                }}
            </Loaded>
        </section>
    }
}

#[component]
fn DiagnosticCard(
    diag: Diagnostic,
    on_edit: Callback<Diagnostic>,
    /// A diagnostic is being written: finish or cancel it first.
    drafting: Signal<bool>,
) -> impl IntoView {
    let id = diag.id;
    let heading = format!("Diagnostic du {}", format_date(diag.date));
    let drivers = if diag.drivers.is_empty() {
        "—".to_owned()
    } else {
        diag.drivers.join(", ")
    };
    let at_risk = diag.at_risk();
    let edit = diag.clone();
    view! {
        <article
            class="diagnostic"
            id=format!("diagnostic-{id}")
            aria-labelledby=format!("diagnostic-{id}-title")
        >
            <div class="section-head">
                <h3 class="subsection" id=format!("diagnostic-{id}-title")>
                    {heading.clone()}
                </h3>
                <button
                    type="button"
                    class="secondary small"
                    id=format!("diagnostic-{id}-edit")
                    aria-label=format!("Modifier le {}", heading.to_lowercase())
                    disabled=drafting
                    on:click=move |_| on_edit.run(edit.clone())
                >
                    "Modifier"
                </button>
            </div>
            <dl class="facts inline-facts">
                <dt>"Auteur"</dt>
                <dd>{diag.author.clone()}</dd>
                <dt>"Facteurs de changement"</dt>
                <dd>{drivers}</dd>
                <dt>"Horizon"</dt>
                <dd>{format!("{} mois", diag.horizon_months)}</dd>
                <dt>"Étape"</dt>
                <dd>{diag.stage.label()}</dd>
                <dt>"Salariés exposés"</dt>
                <dd>{format_count(u64::from(at_risk))}</dd>
                {(!diag.notes.is_empty())
                    .then(|| {
                        view! {
                            <dt>"Notes"</dt>
                            <dd class="prose">{diag.notes.clone()}</dd>
                        }
                    })}
            </dl>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Lignes du diagnostic">
                <table class="cases compact lines-table" id=format!("diagnostic-{id}-lines")>
                    <thead>
                        <tr>
                            <th scope="col">"Métier (appellation)"</th>
                            <th scope="col" class="num">
                                "Effectif"
                            </th>
                            <th scope="col" class="num">
                                "Exposés"
                            </th>
                            <th scope="col" class="num">
                                "Plus de 55 ans"
                            </th>
                            <th scope="col" class="num">
                                "Horizon"
                            </th>
                            <th scope="col">"Perspective"</th>
                            <th scope="col">"Compétences menacées"</th>
                            <th scope="col">"Compétences à acquérir"</th>
                            <th scope="col" class="num">
                                "Dossiers liés"
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {diag
                            .lines
                            .into_iter()
                            .map(|l| {
                                view! {
                                    <tr>
                                        <td>
                                            <span class="mono">{l.rome.clone()}</span>
                                            " "
                                            {rome_label(&l.rome)}
                                            {(!l.appellation.is_empty())
                                                .then(|| {
                                                    view! {
                                                        <br />
                                                        <span class="muted">{l.appellation.clone()}</span>
                                                    }
                                                })}
                                        </td>
                                        <td class="num">{format_count(u64::from(l.headcount))}</td>
                                        <td class="num">{format_count(u64::from(l.at_risk))}</td>
                                        <td class="num">{format_count(u64::from(l.over_55))}</td>
                                        <td class="num">{format!("{} mois", l.horizon_months)}</td>
                                        <td>{outlook_badge(l.outlook)}</td>
                                        <td>{skill_list(l.skills_at_risk)}</td>
                                        <td>{skill_list(l.skills_needed)}</td>
                                        <td class="num">
                                            {format_count(u64::from(l.linked_cases))}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </article>
    }
}

fn skill_list(skills: Vec<String>) -> impl IntoView {
    if skills.is_empty() {
        return "—".into_any();
    }
    view! {
        <ul class="reasons">{skills.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
    }
    .into_any()
}
