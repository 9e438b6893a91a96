//! `/territoires/etablissements/:siret`: an establishment — its facts and contacts, its
//! employees' case files (each linkable to the diagnostic line the person comes from), its
//! diagnostics and its hiring needs.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use passerelle_domain::AppError;
use passerelle_domain::case::CaseId;
use passerelle_domain::establishment::headcount_label;
use passerelle_domain::i18n::{count_with, format_date, format_stamp_date};
use passerelle_domain::ipc::{EstablishmentDetail, Territory};

use super::diagnostics::DiagnosticsSection;
use super::need_form::NeedForm;
use super::needs::{NeedTable, rows_of};
use super::{rome_label, scope_href};
use crate::components::common::Loaded;
use crate::{api, dom};

/// Links a case to a diagnostic line (or unlinks it), with the sentence to say once done.
type LinkAction =
    Action<(CaseId, Option<i64>, String), Result<(CaseId, String), (CaseId, AppError)>>;

fn title_of(d: &EstablishmentDetail) -> String {
    if d.establishment.name.is_empty() {
        format!("Établissement {}", d.establishment.siret)
    } else {
        d.establishment.name.clone()
    }
}

#[component]
pub fn EstablishmentPage() -> impl IntoView {
    let params = use_params_map();
    let siret = Memo::new(move |_| params.read().get("siret").unwrap_or_default());
    let reload = RwSignal::new(0u32);
    let detail = LocalResource::new(move || {
        reload.track();
        api::territory::establishment(siret.get())
    });
    let territories = LocalResource::new(api::cases::territories);
    let known = Memo::new(move |_| matches!(detail.get(), Some(Ok(_))));
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
    let campaign = RwSignal::new(String::new());
    let link_notice = RwSignal::new(None::<(String, bool)>);
    // What was said about another establishment's case files is not said here.
    Effect::watch(
        move || siret.get(),
        move |_, _, _| link_notice.set(None),
        false,
    );
    // The link, and what to say once it is made.
    let link = Action::new_local(|(case, line, said): &(CaseId, Option<i64>, String)| {
        let (case, line, said) = (*case, *line, said.clone());
        async move {
            api::territory::link(case, line)
                .await
                .map(|()| (case, said))
                .map_err(|e| (case, e))
        }
    });
    // Done or refused, the list is read again: a refused choice does not stay in its select.
    Effect::new(move || {
        let case = match link.value().get() {
            Some(Ok((case, said))) => {
                link_notice.set(Some((said, false)));
                case
            }
            Some(Err((case, e))) => {
                link_notice.set(Some((
                    format!("Le lien n’est pas enregistré : {}", e.user_message()),
                    true,
                )));
                case
            }
            None => return,
        };
        refocus.set(Some(format!("case-{case}-line")));
        reload.update(|n| *n += 1);
    });
    view! {
        <section id="screen-establishment" aria-labelledby="establishment-title">
            <Loaded from=detail let:d>
                {dom::set_title_text(&title_of(&d))}
                <Head d=d.clone() territories />
                <Cases d link=link notice=link_notice />
            </Loaded>
            {move || {
                known
                    .get()
                    .then(|| {
                        let siret = siret.get();
                        view! {
                            <DiagnosticsSection siret=siret.clone() detail reload />
                            <section aria-labelledby="needs-heading" id="establishment-needs">
                                <h2 class="section" id="needs-heading">
                                    "Besoins de recrutement"
                                </h2>
                                <NeedForm
                                    siret=Some(siret)
                                    campaign
                                    on_saved=Callback::new(move |_| reload.update(|n| *n += 1))
                                />
                                <Loaded from=detail let:d>
                                    <NeedTable
                                        id="establishment-needs-table"
                                        rows=rows_of(d.needs)
                                        with_establishment=false
                                    />
                                </Loaded>
                            </section>
                        }
                    })
            }}
        </section>
    }
}

/// Title, actions, facts and contacts.
#[component]
fn Head(
    d: EstablishmentDetail,
    territories: LocalResource<Result<Vec<Territory>, AppError>>,
) -> impl IntoView {
    let e = d.establishment.clone();
    let territory_code = e.territory.clone();
    let territory_label = move || {
        territories
            .get()
            .and_then(Result::ok)
            .and_then(|list| list.into_iter().find(|t| t.code == territory_code))
            .map(|t| t.label)
            .unwrap_or_else(|| territory_code.clone())
    };
    let headcount = headcount_label(&e.headcount_band).unwrap_or("non renseigné");
    let source = if e.source == "sirene" {
        "répertoire Sirene (INSEE)"
    } else {
        "saisie manuelle"
    };
    let or_dash = |s: &str| {
        if s.is_empty() {
            "—".to_owned()
        } else {
            s.to_owned()
        }
    };
    view! {
        <div class="screen-head">
            <div>
                <h1 id="establishment-title">{title_of(&d)}</h1>
                <p class="muted">
                    <span class="mono" id="establishment-siret">
                        {e.siret.clone()}
                    </span>
                    {format!(" · {} · {}", e.naf, e.commune_name)}
                </p>
            </div>
            <div class="actions">
                <A
                    href=format!("/territoires/etablissements/{}/modifier", e.siret)
                    attr:id="establishment-edit"
                    attr:class="button"
                >
                    "Modifier"
                </A>
            </div>
        </div>
        <div class="establishment-grid">
            <section aria-labelledby="facts-heading">
                <h2 class="section" id="facts-heading">
                    "Fiche"
                </h2>
                <dl class="facts" id="establishment-facts">
                    <dt>"SIRET"</dt>
                    <dd class="mono">{e.siret.clone()}</dd>
                    <dt>"Activité (NAF)"</dt>
                    <dd class="mono">{or_dash(&e.naf)}</dd>
                    <dt>"Effectif"</dt>
                    <dd>{headcount}</dd>
                    <dt>"Commune"</dt>
                    <dd>{format!("{} ({})", e.commune_name, e.commune)}</dd>
                    <dt>"EPCI"</dt>
                    <dd>
                        {if e.epci.is_empty() {
                            "—".into_any()
                        } else {
                            view! {
                                <A href=scope_href(
                                    if e.territory.is_empty() { "" } else { &e.territory },
                                    &e.epci,
                                )>{e.epci_name.clone()}</A>
                            }
                                .into_any()
                        }}
                    </dd>
                    <dt>"Territoire"</dt>
                    <dd>
                        {if e.territory.is_empty() {
                            "aucun territoire suivi".into_any()
                        } else {
                            view! { <A href=scope_href(&e.territory, "")>{territory_label}</A> }
                                .into_any()
                        }}
                    </dd>
                    <dt>"IDCC"</dt>
                    <dd class="mono">{or_dash(&e.idcc)}</dd>
                    <dt>"OPCO"</dt>
                    <dd>{or_dash(&e.opco)}</dd>
                    <dt>"Source"</dt>
                    <dd>
                        {format!("{source}, mise à jour le {}", format_stamp_date(&e.updated_at))}
                    </dd>
                    {(!e.notes.is_empty())
                        .then(|| {
                            view! {
                                <dt>"Notes"</dt>
                                <dd class="prose">{e.notes.clone()}</dd>
                            }
                        })}
                </dl>
            </section>
            <section aria-labelledby="contacts-heading">
                <h2 class="section" id="contacts-heading">
                    "Contacts"
                </h2>
                {if d.contacts.is_empty() {
                    view! { <p class="empty">"Aucun contact enregistré."</p> }.into_any()
                } else {
                    view! {
                        <table class="cases compact" id="establishment-contacts">
                            <thead>
                                <tr>
                                    <th scope="col">"Nom"</th>
                                    <th scope="col">"Fonction"</th>
                                    <th scope="col">"Courriel"</th>
                                    <th scope="col">"Téléphone"</th>
                                    <th scope="col">"Date de l’accord"</th>
                                </tr>
                            </thead>
                            <tbody>
                                {d
                                    .contacts
                                    .into_iter()
                                    .map(|c| {
                                        view! {
                                            <tr>
                                                <td>{c.name}</td>
                                                <td>{c.role}</td>
                                                <td>{c.email}</td>
                                                <td class="nowrap">{c.phone}</td>
                                                <td class="nowrap">
                                                    {c.consent_on.map(format_date).unwrap_or_default()}
                                                </td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }}
            </section>
        </div>
    }
}

/// The case files of the establishment's employees, each linkable to a diagnostic line.
#[component]
fn Cases(
    d: EstablishmentDetail,
    link: LinkAction,
    notice: RwSignal<Option<(String, bool)>>,
) -> impl IntoView {
    // Every line of every diagnostic: (id, « 12 mars 2026 · H2913 Soudeur (12 exposés) »).
    let lines: Vec<(i64, String)> = d
        .diagnostics
        .iter()
        .flat_map(|diag| {
            diag.lines.iter().map(move |l| {
                let what = if l.appellation.is_empty() {
                    rome_label(&l.rome).to_owned()
                } else {
                    l.appellation.clone()
                };
                (
                    l.id,
                    format!(
                        "{} · {} {} ({})",
                        format_date(diag.date),
                        l.rome,
                        what,
                        count_with(u64::from(l.at_risk), "exposé", "exposés")
                    ),
                )
            })
        })
        .collect();
    let body = if d.cases.is_empty() {
        view! {
            <p class="empty">
                "Aucun dossier individuel d’un salarié de cet établissement (le SIRET de l’employeur relie un dossier à son établissement)."
            </p>
        }
        .into_any()
    } else {
        view! {
            <table class="cases compact" id="establishment-cases">
                <thead>
                    <tr>
                        <th scope="col">"Dossier"</th>
                        <th scope="col">"Référence"</th>
                        <th scope="col">"Ligne de diagnostic d’origine"</th>
                    </tr>
                </thead>
                <tbody>
                    {d
                        .cases
                        .into_iter()
                        .map(|c| {
                            let id = c.id;
                            let reference = c.reference.clone();
                            let current = c.diagnostic_line;
                            let options = lines.clone();
                            let no_lines = options.is_empty();
                            let texts = lines.clone();
                            let on_change = move |ev: leptos::ev::Event| {
                                let line = event_target_value(&ev).parse::<i64>().ok();
                                let said = match line
                                    .and_then(|l| texts.iter().find(|(id, _)| *id == l))
                                {
                                    Some((_, text)) => {
                                        format!("Dossier {reference} relié à la ligne {text}.")
                                    }
                                    None => {
                                        format!(
                                            "Dossier {reference} détaché de toute ligne de diagnostic.",
                                        )
                                    }
                                };
                                notice.set(None);
                                link.dispatch((id, line, said));
                            };
                            view! {
                                <tr class:archived=c.archived>
                                    <td>
                                        <A href=format!("/dossiers/{id}")>{c.name}</A>
                                        {c.archived.then_some(" (archivé)")}
                                    </td>
                                    <td class="mono">{c.reference.clone()}</td>
                                    <td>
                                        <select
                                            id=format!("case-{id}-line")
                                            aria-label=format!(
                                                "Ligne de diagnostic d’origine du dossier {}",
                                                c.reference,
                                            )
                                            disabled=no_lines
                                            on:change=on_change
                                        >
                                            <option value="" selected=current.is_none()>
                                                "— aucune —"
                                            </option>
                                            {options
                                                .into_iter()
                                                .map(|(line, text)| {
                                                    view! {
                                                        <option
                                                            value=line.to_string()
                                                            selected=current == Some(line)
                                                        >
                                                            {text}
                                                        </option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="cases-heading">
            <h2 class="section" id="cases-heading">
                "Dossiers des salariés"
            </h2>
            <p
                id="case-link-notice"
                role="status"
                class=move || {
                    if matches!(notice.get(), Some((_, true))) {
                        "notice-error"
                    } else {
                        "notice-ok"
                    }
                }
            >
                {move || notice.get().map(|(m, _)| m)}
            </p>
            {body}
        </section>
    }
}
