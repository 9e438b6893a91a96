//! Comités: committee sessions, their agenda (add, order, remove), the session pack export and
//! the outcome of each dossier.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use passerelle_domain::AppError;
use passerelle_domain::FieldError;
use passerelle_domain::case::CaseId;
use passerelle_domain::committee::{
    CommitteeKind, Decision, NewSession, Opinion, Outcome, OutcomeInput, Session, SessionDetail,
    SessionDossier, SessionId,
};
use passerelle_domain::i18n::{Label, Msg, format_date, format_euros, parse_euros, t};
use passerelle_domain::validate::parse_date_fr;
use passerelle_domain::validate::rome_label;

use crate::api;

fn field_errors(err: &AppError) -> Vec<FieldError> {
    match err {
        AppError::Validation { errors } => errors.clone(),
        other => vec![FieldError::new("", other.user_message())],
    }
}

fn message_for(
    errors: RwSignal<Vec<FieldError>>,
    field: &'static str,
) -> impl Fn() -> Option<String> {
    move || {
        errors.with(|e| {
            e.iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    }
}

/// The serde code of an enumeration value (`accord_partiel`).
fn serde_code<T: serde::Serialize>(value: T) -> String {
    serde_wasm_bindgen::to_value(&value)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn outcome_label(o: Outcome) -> &'static str {
    match o {
        Outcome::Decision(d) => d.label(),
        Outcome::Opinion(o) => o.label(),
    }
}

/// `/comites`: the sessions, and a new one.
#[component]
pub fn Committees() -> impl IntoView {
    crate::app::set_title(Msg::CommitteesTitle);
    let sessions = LocalResource::new(api::committees::list);
    view! {
        <section id="screen-committees" aria-labelledby="screen-committees-title">
            <h1 id="screen-committees-title">{t(Msg::CommitteesTitle)}</h1>
            <p class="help">"Préparez les séances de la commission paritaire Transitions Pro et du comité des transitions individuelles : ordre du jour, dossiers PDF (complets ou pseudonymisés), décisions et avis."</p>
            {move || match sessions.get() {
                None => view! { <p class="muted">"Chargement…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice-error">{e.user_message()}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="empty">{t(Msg::CommitteesEmpty)}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <table class="cases" id="session-list">
                        <thead><tr>
                            <th scope="col">"Date"</th><th scope="col">"Instance"</th><th scope="col">"Lieu"</th>
                            <th scope="col" class="num">"Dossiers"</th><th scope="col" class="num">"Traités"</th>
                        </tr></thead>
                        <tbody>{list.into_iter().map(|s| view! {
                            <tr>
                                <td class="nowrap"><A href=format!("/comites/{}", s.id)>{format_date(s.held_on)}</A></td>
                                <td>{s.kind.label()}</td>
                                <td>{s.place}</td>
                                <td class="num">{s.dossier_count}</td>
                                <td class="num">{s.decided_count}</td>
                            </tr>
                        }).collect_view()}</tbody>
                    </table>
                }.into_any(),
            }}
            <SessionForm/>
        </section>
    }
}

/// Creates a session, or (`editing`) changes one; a changed session bumps `reload`.
#[component]
fn SessionForm(
    #[prop(optional)] editing: Option<Session>,
    #[prop(optional)] reload: Option<RwSignal<u32>>,
) -> impl IntoView {
    let initial_kind = editing
        .as_ref()
        .map(|s| serde_code(s.kind))
        .unwrap_or_default();
    let kind = RwSignal::new(initial_kind.clone());
    let date = RwSignal::new(
        editing
            .as_ref()
            .map(|s| s.held_on.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
    );
    let place = RwSignal::new(
        editing
            .as_ref()
            .map(|s| s.place.clone())
            .unwrap_or_default(),
    );
    let members = RwSignal::new(
        editing
            .as_ref()
            .map(|s| s.members.join("\n"))
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let navigate = use_navigate();
    let editing_id = editing.as_ref().map(|s| s.id);
    let create = Action::new_local(move |new: &NewSession| {
        let new = new.clone();
        async move {
            match editing_id {
                Some(id) => api::committees::update(id, new).await,
                None => api::committees::create(new).await,
            }
        }
    });
    Effect::new(move || match create.value().get() {
        Some(Ok(session)) => match reload {
            Some(reload) if editing_id.is_some() => reload.update(|n| *n += 1),
            _ => navigate(&format!("/comites/{}", session.id), Default::default()),
        },
        Some(Err(e)) => errors.set(field_errors(&e)),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = date.get_untracked();
        let held_on = parse_date_fr(&text).ok();
        if !text.trim().is_empty() && held_on.is_none() {
            errors.set(vec![FieldError::new(
                "heldOn",
                "Date de la séance : date illisible, écrivez-la jj/mm/aaaa (ex. 12/03/2026).",
            )]);
            return;
        }
        let new = NewSession {
            kind: match kind.get_untracked().as_str() {
                "commission_paritaire" => Some(CommitteeKind::CommissionParitaire),
                "comite_local" => Some(CommitteeKind::ComiteLocal),
                _ => None,
            },
            held_on,
            place: place.get_untracked(),
            members: members.get_untracked().lines().map(str::to_owned).collect(),
        };
        // The same checks as the shell's, before the round trip; the shell checks again.
        let found = new.check(chrono::Local::now().date_naive());
        if found.is_empty() {
            errors.set(Vec::new());
            create.dispatch(new);
        } else {
            errors.set(found);
        }
    };
    let msg = move |f: &'static str| message_for(errors, f);
    view! {
        <form id=if editing_id.is_some() { "session-edit" } else { "session-new" } class="card" on:submit=on_submit novalidate>
            <h2 class="section">{if editing_id.is_some() { "Modifier la séance" } else { "Nouvelle séance" }}</h2>
            <div class="grid">
                <div class="field">
                    <label for="session-kind">"Instance *"</label>
                    <select id="session-kind" aria-describedby="session-kind-msg"
                        on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        <option value="commission_paritaire" selected=initial_kind == "commission_paritaire">{CommitteeKind::CommissionParitaire.label()}</option>
                        <option value="comite_local" selected=initial_kind == "comite_local">{CommitteeKind::ComiteLocal.label()}</option>
                    </select>
                    <p id="session-kind-msg" class="field-error" role="alert">{msg("kind")}</p>
                </div>
                <div class="field">
                    <label for="session-date">"Date de la séance *"</label>
                    <input id="session-date" type="text" placeholder="jj/mm/aaaa" aria-describedby="session-date-msg"
                        prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
                    <p id="session-date-msg" class="field-error" role="alert">{msg("heldOn")}</p>
                </div>
                <div class="field">
                    <label for="session-place">"Lieu *"</label>
                    <input id="session-place" type="text" placeholder="Transitions Pro Grand Est, Metz" aria-describedby="session-place-msg"
                        prop:value=move || place.get() on:input=move |ev| place.set(event_target_value(&ev))/>
                    <p id="session-place-msg" class="field-error" role="alert">{msg("place")}</p>
                </div>
                <div class="field">
                    <label for="session-members">"Membres (un par ligne)"</label>
                    <textarea id="session-members" rows="3" aria-describedby="session-members-msg"
                        prop:value=move || members.get() on:input=move |ev| members.set(event_target_value(&ev))></textarea>
                    <p id="session-members-msg" class="field-error" role="alert">{msg("members")}</p>
                </div>
            </div>
            <p class="notice-error" role="alert">{msg("")}</p>
            <div class="actions">
                <button type="submit" id="session-create" disabled=move || create.pending().get()>
                    {if editing_id.is_some() { "Enregistrer" } else { "Créer la séance" }}
                </button>
            </div>
        </form>
    }
}

fn session_id() -> impl Fn() -> Option<SessionId> + Copy {
    let params = use_params_map();
    move || params.read().get("id").and_then(|s| s.parse().ok())
}

/// `/comites/:id`: one session's agenda, exports and outcomes.
#[component]
pub fn SessionScreen() -> impl IntoView {
    crate::app::set_title(Msg::CommitteesTitle);
    let id = session_id();
    let detail = RwSignal::new(None::<Result<SessionDetail, AppError>>);
    let reload = RwSignal::new(0u32);
    let loaded = LocalResource::new(move || {
        reload.get();
        let id = id();
        async move {
            match id {
                Some(id) => api::committees::detail(id).await,
                None => Err(AppError::NotFound {
                    entity: "Séance".into(),
                    id: String::new(),
                }),
            }
        }
    });
    Effect::new(move || {
        if let Some(r) = loaded.get() {
            detail.set(Some(r));
        }
    });
    view! {
        <section id="screen-session" aria-labelledby="session-title">
            <p><A href="/comites">"← Toutes les séances"</A></p>
            {move || match detail.get() {
                None => view! { <p class="muted">"Chargement…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice-error">{e.user_message()}</p> }.into_any(),
                Some(Ok(d)) => view! { <Session detail=d on_change=detail reload/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Session(
    detail: SessionDetail,
    on_change: RwSignal<Option<Result<SessionDetail, AppError>>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let s = detail.session.clone();
    let session_for_form = s.clone();
    let editing = RwSignal::new(false);
    let id = s.id;
    let kind = s.kind;
    let order: Vec<CaseId> = detail.dossiers.iter().map(|d| d.case_id).collect();
    let notice = RwSignal::new(None::<(bool, String)>);
    // Every agenda change returns the new agenda: show it.
    let apply = move |result: Result<SessionDetail, AppError>| match result {
        Ok(d) => {
            notice.set(None);
            on_change.set(Some(Ok(d)));
        }
        Err(e) => notice.set(Some((false, e.user_message()))),
    };
    let reorder =
        Action::new_local(move |order: &Vec<CaseId>| api::committees::reorder(id, order.clone()));
    Effect::new(move || {
        if let Some(r) = reorder.value().get() {
            apply(r);
        }
    });
    let remove = Action::new_local(move |case_id: &CaseId| api::committees::remove(id, *case_id));
    Effect::new(move || {
        if let Some(r) = remove.value().get() {
            apply(r);
        }
    });
    let export = Action::new_local(move |pseudo: &bool| api::committees::export_pack(id, *pseudo));
    Effect::new(move || match export.value().get() {
        Some(Ok(Some(path))) => notice.set(Some((true, format!("Séance exportée : {path}")))),
        Some(Ok(None)) => notice.set(None),
        Some(Err(e)) => notice.set(Some((false, e.user_message()))),
        None => {}
    });
    let selected = RwSignal::new(None::<SessionDossier>);
    let count = detail.dossiers.len();
    let rows = detail
        .dossiers
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, d)| {
            let up = (i > 0).then(|| {
                let mut o = order.clone();
                o.swap(i, i - 1);
                o
            });
            let down = (i + 1 < count).then(|| {
                let mut o = order.clone();
                o.swap(i, i + 1);
                o
            });
            let case_id = d.case_id;
            let decided = d.outcome.is_some();
            let for_form = d.clone();
            let target = if d.target_rome.is_empty() {
                "—".to_owned()
            } else {
                format!("{} {}", d.target_rome, rome_label(&d.target_rome).unwrap_or_default())
            };
            view! {
                <tr id=format!("agenda-{case_id}")>
                    <td class="num">{d.position}</td>
                    <td><A href=format!("/dossiers/{case_id}")>{d.display_name.clone()}</A>
                        <br/><span class="mono muted">{d.reference.clone()}</span></td>
                    <td class="mono">{d.pseudonym.clone()}</td>
                    <td>{d.step.label()}</td>
                    <td>{target}</td>
                    <td class="num">{format_euros(d.amount_requested_cents)}</td>
                    <td class="outcome">{d.outcome.map(outcome_label).unwrap_or("—")}
                        {d.amount_granted_cents.map(|c| format!(" ({})", format_euros(c)))}</td>
                    <td class="row-actions">
                        <button type="button" class="link" aria-label=format!("Monter le dossier {}", d.position)
                            disabled=up.is_none()
                            on:click=move |_| if let Some(o) = up.clone() { reorder.dispatch(o); }>"↑"</button>
                        <button type="button" class="link" aria-label=format!("Descendre le dossier {}", d.position)
                            disabled=down.is_none()
                            on:click=move |_| if let Some(o) = down.clone() { reorder.dispatch(o); }>"↓"</button>
                        <button type="button" class="link" id=format!("outcome-open-{case_id}")
                            disabled=decided
                            on:click=move |_| selected.set(Some(for_form.clone()))>
                            {if kind == CommitteeKind::ComiteLocal { "Avis…" } else { "Décision…" }}
                        </button>
                        <button type="button" class="link" disabled=decided
                            on:click=move |_| {
                                if window().confirm_with_message("Retirer ce dossier de l’ordre du jour ?").unwrap_or(false) {
                                    remove.dispatch(case_id);
                                }
                            }>"Retirer"</button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let total: i64 = detail
        .dossiers
        .iter()
        .map(|d| d.amount_requested_cents)
        .sum();
    view! {
        <div class="screen-head">
            <div>
                <h1 id="session-title">{format!("{} — {}", kind.label(), format_date(s.held_on))}</h1>
                <p class="muted">{s.place.clone()}
                    {(!s.members.is_empty()).then(|| format!(" · membres : {}", s.members.join(", ")))}</p>
            </div>
            <div class="actions">
                <button type="button" id="session-edit-open" class="secondary"
                    aria-expanded=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)>"Modifier"</button>
                <button type="button" id="pack-export" disabled=move || export.pending().get() || count == 0
                    on:click=move |_| { export.dispatch(false); }>"Exporter la séance (PDF)"</button>
                <button type="button" id="pack-export-pseudo" class="secondary" disabled=move || export.pending().get() || count == 0
                    on:click=move |_| { export.dispatch(true); }>"PDF pseudonymisé"</button>
            </div>
        </div>
        {move || editing.get().then(|| view! { <SessionForm editing=session_for_form.clone() reload/> })}
        <p id="session-notice" role="status"
            class=move || match notice.get() { Some((true, _)) => "notice-ok", Some((false, _)) => "notice-error", None => "" }>
            {move || export.pending().get().then_some("Export du PDF…")}
            {move || notice.get().map(|(_, m)| m)}
        </p>
        <h2 class="section">{t(Msg::PackAgenda)}</h2>
        {if count == 0 {
            view! { <p class="empty" id="agenda-empty">"Aucun dossier à l’ordre du jour."</p> }.into_any()
        } else {
            view! {
                <table class="cases" id="agenda">
                    <thead><tr>
                        <th scope="col" class="num">"N°"</th><th scope="col">"Bénéficiaire"</th><th scope="col">"Pseudonyme"</th>
                        <th scope="col">"Étape"</th><th scope="col">"Métier visé"</th><th scope="col" class="num">"Demandé"</th>
                        <th scope="col">"Issue"</th><th scope="col"><span class="sr-only">"Actions"</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                    <tfoot><tr><th scope="row" colspan="5">"Total demandé"</th><td class="num strong">{format_euros(total)}</td><td colspan="2"></td></tr></tfoot>
                </table>
            }.into_any()
        }}
        {move || selected.get().map(|d| view! { <OutcomeForm session=id kind dossier=d selected on_change reload/> })}
        <AddDossier session=id on_change/>
    }
}

#[component]
fn AddDossier(
    session: SessionId,
    on_change: RwSignal<Option<Result<SessionDetail, AppError>>>,
) -> impl IntoView {
    let candidates = LocalResource::new(move || api::committees::candidates(session));
    let chosen = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = Action::new_local(move |case_id: &CaseId| api::committees::add(session, *case_id));
    Effect::new(move || match add.value().get() {
        Some(Ok(d)) => {
            error.set(None);
            on_change.set(Some(Ok(d)));
        }
        Some(Err(e)) => error.set(Some(e.user_message())),
        None => {}
    });
    view! {
        <div class="card" id="agenda-add">
            <h2 class="section">"Ajouter un dossier"</h2>
            {move || match candidates.get() {
                None => view! { <p class="muted">"Chargement…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice-error">{e.user_message()}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! {
                    <p class="empty">"Aucun dossier à une étape que cette instance examine."</p>
                }.into_any(),
                Some(Ok(list)) => view! {
                    <div class="inline-form">
                        <div class="field">
                            <label for="agenda-candidate">"Dossier"</label>
                            <select id="agenda-candidate" on:change=move |ev| chosen.set(event_target_value(&ev))>
                                <option value="">"—"</option>
                                {list.into_iter().map(|c| view! {
                                    <option value=c.id.to_string()>{format!("{} — {} ({})", c.display_name, c.reference, c.target)}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="button" id="agenda-add-button" disabled=move || add.pending().get()
                            on:click=move |_| {
                                match chosen.get().parse::<CaseId>() {
                                    Ok(id) => { add.dispatch(id); }
                                    Err(_) => error.set(Some("Dossier : choisissez un dossier dans la liste.".into())),
                                }
                            }>"Ajouter à l’ordre du jour"</button>
                    </div>
                }.into_any(),
            }}
            <p class="notice-error" role="alert">{move || error.get()}</p>
        </div>
    }
}

#[component]
fn OutcomeForm(
    session: SessionId,
    kind: CommitteeKind,
    dossier: SessionDossier,
    selected: RwSignal<Option<SessionDossier>>,
    on_change: RwSignal<Option<Result<SessionDetail, AppError>>>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let case_id = dossier.case_id;
    let outcome = RwSignal::new(String::new());
    let motifs = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let decide = Action::new_local(move |input: &OutcomeInput| {
        api::committees::decide(session, case_id, input.clone())
    });
    Effect::new(move || match decide.value().get() {
        Some(Ok(d)) => {
            selected.set(None);
            on_change.set(Some(Ok(d)));
            reload.update(|n| *n += 1);
        }
        Some(Err(AppError::Blocked { unmet, .. })) => errors.set(vec![FieldError::new(
            "outcome",
            format!("Le parcours ne peut pas avancer : {}", unmet.join(" ; ")),
        )]),
        Some(Err(e)) => errors.set(field_errors(&e)),
        None => {}
    });
    let options: Vec<(String, &'static str)> = match kind {
        CommitteeKind::CommissionParitaire => Decision::ALL
            .iter()
            .map(|d| (format!("decision:{}", serde_code(*d)), d.label()))
            .collect(),
        CommitteeKind::ComiteLocal => Opinion::ALL
            .iter()
            .map(|o| (format!("opinion:{}", serde_code(*o)), o.label()))
            .collect(),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = outcome.get_untracked();
        let parsed = match chosen.split_once(':') {
            Some(("decision", code)) => Decision::ALL
                .iter()
                .find(|d| serde_code(**d) == code)
                .map(|d| Outcome::Decision(*d)),
            Some(("opinion", code)) => Opinion::ALL
                .iter()
                .find(|o| serde_code(**o) == code)
                .map(|o| Outcome::Opinion(*o)),
            _ => None,
        };
        let Some(parsed) = parsed else {
            errors.set(vec![FieldError::new(
                "outcome",
                "Issue : choisissez la décision ou l’avis de l’instance.",
            )]);
            return;
        };
        let text = amount.get_untracked();
        let amount_granted_cents = if text.trim().is_empty() {
            None
        } else {
            match parse_euros(&text) {
                Some(c) => Some(c),
                None => {
                    errors.set(vec![FieldError::new(
                        "amountGranted",
                        "Montant accordé : montant illisible, écrivez-le en euros (ex. 12 500,00).",
                    )]);
                    return;
                }
            }
        };
        let input = OutcomeInput {
            outcome: parsed,
            motifs: motifs.get_untracked(),
            amount_granted_cents,
        };
        let found = input.check(kind, dossier.amount_requested_cents);
        if found.is_empty() {
            errors.set(Vec::new());
            decide.dispatch(input);
        } else {
            errors.set(found);
        }
    };
    let msg = move |f: &'static str| message_for(errors, f);
    let title = format!(
        "{} — dossier n° {} ({})",
        if kind == CommitteeKind::ComiteLocal {
            "Avis du comité"
        } else {
            "Décision de la commission"
        },
        dossier.position,
        dossier.display_name
    );
    view! {
        <form id="outcome-form" class="card" on:submit=on_submit novalidate>
            <h2 class="section">{title}</h2>
            <p class="help">{format!("Montant demandé : {}. Une décision fait avancer le parcours (et ouvre le délai de recours en cas de refus).",
                format_euros(dossier.amount_requested_cents))}</p>
            <div class="grid">
                <div class="field">
                    <label for="outcome-kind">"Issue *"</label>
                    <select id="outcome-kind" aria-describedby="outcome-kind-msg" on:change=move |ev| outcome.set(event_target_value(&ev))>
                        <option value="">"—"</option>
                        {options.into_iter().map(|(code, label)| view! { <option value=code>{label}</option> }).collect_view()}
                    </select>
                    <p id="outcome-kind-msg" class="field-error" role="alert">{msg("outcome")}</p>
                </div>
                {(kind == CommitteeKind::CommissionParitaire).then(|| view! {
                    <div class="field">
                        <label for="outcome-amount">"Montant accordé (€)"</label>
                        <input id="outcome-amount" type="text" inputmode="decimal" aria-describedby="outcome-amount-msg"
                            prop:value=move || amount.get() on:input=move |ev| amount.set(event_target_value(&ev))/>
                        <p id="outcome-amount-msg" class="field-error" role="alert">{msg("amountGranted")}</p>
                    </div>
                })}
                <div class="field wide">
                    <label for="outcome-motifs">"Motifs"</label>
                    <textarea id="outcome-motifs" rows="3" aria-describedby="outcome-motifs-msg"
                        prop:value=move || motifs.get() on:input=move |ev| motifs.set(event_target_value(&ev))></textarea>
                    <p id="outcome-motifs-msg" class="field-error" role="alert">{msg("motifs")}</p>
                </div>
            </div>
            <p class="notice-error" role="alert">{msg("")}</p>
            <div class="actions">
                <button type="submit" id="outcome-save" disabled=move || decide.pending().get()>"Enregistrer l’issue"</button>
                <button type="button" class="secondary" on:click=move |_| selected.set(None)>"Annuler"</button>
            </div>
        </form>
    }
}
