//! The outcome of one dossier on the agenda: a decision (commission paritaire) or an opinion
//! (comité des transitions individuelles), its motifs and the amount granted.

use leptos::prelude::*;
use passerelle_domain::code::Coded;
use passerelle_domain::committee::{
    AgendaItem, CommitteeKind, Decision, MeetingId, Opinion, Outcome, OutcomeInput,
};
use passerelle_domain::i18n::{Label, format_euros, parse_euros};
use passerelle_domain::{AppError, FieldError};

use super::agenda::Shown;
use crate::api;
use crate::components::common::{field_errors, message_for};

/// The choices of the outcome select: `decision:accord`, `opinion:favorable`…
fn choices(kind: CommitteeKind) -> Vec<(String, &'static str)> {
    match kind {
        CommitteeKind::CommissionParitaire => Decision::ALL
            .iter()
            .map(|d| (format!("decision:{}", d.code()), d.label()))
            .collect(),
        CommitteeKind::ComiteLocal => Opinion::ALL
            .iter()
            .map(|o| (format!("opinion:{}", o.code()), o.label()))
            .collect(),
    }
}

fn chosen(value: &str) -> Option<Outcome> {
    match value.split_once(':') {
        Some(("decision", code)) => Decision::parse_code(code).ok().map(Outcome::Decision),
        Some(("opinion", code)) => Opinion::parse_code(code).ok().map(Outcome::Opinion),
        _ => None,
    }
}

#[component]
pub fn OutcomeForm(
    meeting: MeetingId,
    kind: CommitteeKind,
    item: AgendaItem,
    selected: RwSignal<Option<AgendaItem>>,
    on_change: Shown,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let case_id = item.case_id;
    let outcome = RwSignal::new(String::new());
    let motifs = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let decide = Action::new_local(move |input: &OutcomeInput| {
        api::meetings::decide(meeting, case_id, input.clone())
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
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(parsed) = chosen(&outcome.get_untracked()) else {
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
        let found = input.check(kind, item.amount_requested_cents);
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
        item.position,
        item.display_name
    );
    view! {
        <form id="outcome-form" class="card" on:submit=on_submit novalidate>
            <h2 class="section">{title}</h2>
            <p class="help">
                {format!(
                    "Montant demandé : {}. Une décision fait avancer le parcours (et ouvre le délai de recours en cas de refus).",
                    format_euros(item.amount_requested_cents),
                )}
            </p>
            <div class="grid">
                <div class="field">
                    <label for="outcome-kind">"Issue *"</label>
                    <select
                        id="outcome-kind"
                        aria-describedby="outcome-kind-msg"
                        on:change=move |ev| outcome.set(event_target_value(&ev))
                    >
                        <option value="">"—"</option>
                        {choices(kind)
                            .into_iter()
                            .map(|(code, label)| view! { <option value=code>{label}</option> })
                            .collect_view()}
                    </select>
                    <p id="outcome-kind-msg" class="field-error" role="alert">
                        {msg("outcome")}
                    </p>
                </div>
                {(kind == CommitteeKind::CommissionParitaire)
                    .then(|| {
                        view! {
                            <div class="field">
                                <label for="outcome-amount">"Montant accordé (€)"</label>
                                <input
                                    id="outcome-amount"
                                    type="text"
                                    inputmode="decimal"
                                    aria-describedby="outcome-amount-msg"
                                    prop:value=move || amount.get()
                                    on:input=move |ev| amount.set(event_target_value(&ev))
                                />
                                <p id="outcome-amount-msg" class="field-error" role="alert">
                                    {msg("amountGranted")}
                                </p>
                            </div>
                        }
                    })}
                <div class="field wide">
                    <label for="outcome-motifs">"Motifs"</label>
                    <textarea
                        id="outcome-motifs"
                        rows="3"
                        aria-describedby="outcome-motifs-msg"
                        prop:value=move || motifs.get()
                        on:input=move |ev| motifs.set(event_target_value(&ev))
                    ></textarea>
                    <p id="outcome-motifs-msg" class="field-error" role="alert">
                        {msg("motifs")}
                    </p>
                </div>
            </div>
            <p class="notice-error" role="alert">
                {msg("")}
            </p>
            <div class="actions">
                <button type="submit" id="outcome-save" disabled=move || decide.pending().get()>
                    "Enregistrer l’issue"
                </button>
                <button type="button" class="secondary" on:click=move |_| selected.set(None)>
                    "Annuler"
                </button>
            </div>
        </form>
    }
}
