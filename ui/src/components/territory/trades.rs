//! The trades of the scope: the label decided (or suggested, with its reasons), the people
//! concerned, and the coordinator's decision — confirm the suggestion or change it, saying why.

use leptos::prelude::*;
use passerelle_domain::FieldError;
use passerelle_domain::dashboard::TradeRow;
use passerelle_domain::diagnostic::Outlook;
use passerelle_domain::i18n::{format_count, format_date};
use passerelle_domain::trade_label::{LabelInput, TradeLabel};

use super::{outlook_badge, outlook_options};
use crate::api;
use crate::components::common::{ModalDialog, field_errors, message_for};

/// `territory`: the followed territory labels are decided for ("" : none, the scope is an EPCI
/// outside them). `notice` announces a saved label; `refocus` gets the row's button back once
/// the dashboard is drawn again.
#[component]
pub fn Trades(
    trades: Vec<TradeRow>,
    territory: String,
    reload: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
    refocus: RwSignal<Option<String>>,
) -> impl IntoView {
    let editing = RwSignal::new(None::<TradeRow>);
    let can_label = !territory.is_empty();
    let on_cancel = Callback::new(move |()| editing.set(None));
    let on_saved = Callback::new(move |label: TradeLabel| {
        notice.set(Some(format!(
            "Libellé enregistré : {} {}.",
            label.rome,
            label.outlook.label()
        )));
        refocus.set(Some(format!("#trade-{}-label", label.rome)));
        editing.set(None);
        reload.update(|n| *n += 1);
    });
    let table = if trades.is_empty() {
        view! {
            <p class="empty" id="trades-empty">
                "Aucun métier : ni diagnostic, ni besoin de recrutement, ni libellé sur ce périmètre."
            </p>
        }
        .into_any()
    } else {
        view! {
            <table class="cases trades" id="trades-table">
                <thead>
                    <tr>
                        <th scope="col">"ROME"</th>
                        <th scope="col">"Métier"</th>
                        <th scope="col">"Libellé"</th>
                        <th scope="col" class="num">
                            "Salariés exposés"
                        </th>
                        <th scope="col" class="num">
                            "Postes à pourvoir"
                        </th>
                        <th scope="col">"Pourquoi cette suggestion"</th>
                        <th scope="col">
                            <span class="sr-only">"Action"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {trades
                        .into_iter()
                        .map(|row| trade_row(row, can_label, editing))
                        .collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section aria-labelledby="trades-heading">
            <h2 class="section" id="trades-heading" tabindex="-1">
                "Métiers en péril, en mutation, en devenir"
            </h2>
            <p class="help">
                {if can_label {
                    "Le libellé est suggéré par les diagnostics, les besoins de recrutement et les marques de transition du ROME 4.0 ; confirmez-le ou changez-le (en disant pourquoi). Il est daté et signé de votre nom."
                } else {
                    "Cet EPCI n’appartient à aucun territoire suivi : les libellés s’y lisent, ils se décident pour un territoire."
                }}
            </p>
            <p id="trade-label-notice" role="status" class="notice-ok">
                {move || notice.get()}
            </p>
            {table}
            {move || {
                editing
                    .get()
                    .map(|row| {
                        view! { <LabelDialog row territory=territory.clone() on_cancel on_saved /> }
                    })
            }}
        </section>
    }
}

fn trade_row(row: TradeRow, can_label: bool, editing: RwSignal<Option<TradeRow>>) -> impl IntoView {
    let rome = row.rome.clone();
    let action = if row.decided.is_some() {
        "Changer"
    } else {
        "Confirmer"
    };
    let status = match &row.decided {
        Some(d) => {
            let departed = (d.outlook != row.suggestion.outlook)
                .then(|| format!(" Suggestion : {}.", row.suggestion.outlook.label()));
            view! {
                <p class="signed">
                    {format!("Décidé par {} le {}.", d.signed_by, format_date(d.decided_on))}
                    {departed}
                </p>
                {(!d.comment.is_empty())
                    .then(|| view! { <p class="signed">"« "{d.comment.clone()}" »"</p> })}
            }
            .into_any()
        }
        None => view! { <p class="signed">"Suggéré"</p> }.into_any(),
    };
    let aria = format!(
        "{action} le libellé de {} {}",
        row.rome,
        if row.label.is_empty() { "" } else { &row.label }
    );
    let reasons = row.suggestion.reasons.clone();
    let open = row.clone();
    view! {
        <tr id=format!("trade-{rome}")>
            <td class="mono">{row.rome.clone()}</td>
            <td>{row.label.clone()}</td>
            <td class="outlook-cell">{outlook_badge(row.outlook())} {status}</td>
            <td class="num">{format_count(u64::from(row.evidence.at_risk))}</td>
            <td class="num">{format_count(u64::from(row.evidence.open_posts))}</td>
            <td>
                <ul class="reasons">
                    {reasons.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}
                </ul>
            </td>
            <td class="row-actions">
                <button
                    type="button"
                    class="secondary small"
                    id=format!("trade-{rome}-label")
                    aria-label=aria
                    aria-haspopup="dialog"
                    disabled=!can_label
                    on:click=move |_| editing.set(Some(open.clone()))
                >
                    {action}
                </button>
            </td>
        </tr>
    }
}

/// The decision: an outlook and a comment, required when it departs from the suggestion.
#[component]
fn LabelDialog(
    row: TradeRow,
    territory: String,
    on_cancel: Callback<()>,
    on_saved: Callback<TradeLabel>,
) -> impl IntoView {
    let suggested = row.suggestion.outlook;
    let outlook = RwSignal::new(row.outlook());
    let comment = RwSignal::new(
        row.decided
            .as_ref()
            .map(|d| d.comment.clone())
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let save = Action::new_local(|input: &LabelInput| api::territory::save_label(input.clone()));
    Effect::new(move || match save.value().get() {
        Some(Ok(label)) => on_saved.run(label),
        Some(Err(e)) => errors.set(field_errors(&e)),
        None => {}
    });
    let rome = row.rome.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if save.pending().get_untracked() {
            return;
        }
        let input = LabelInput {
            rome: rome.clone(),
            territory: territory.clone(),
            outlook: outlook.get_untracked(),
            comment: comment.get_untracked(),
        };
        // The shell's rule, before the round trip (it checks again against the evidence).
        match input.validated(suggested) {
            Ok(input) => {
                errors.set(Vec::new());
                save.dispatch(input);
            }
            Err(e) => {
                errors.set(field_errors(&e));
                crate::dom::focus("trade-label-comment");
            }
        }
    };
    let comment_error = message_for(errors, "comment");
    let other_error = move || {
        errors.with(|e| {
            e.iter()
                .filter(|e| e.field != "comment")
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let departs = move || outlook.get() != suggested;
    let title = format!("Libellé du métier {} {}", row.rome, row.label);
    view! {
        <ModalDialog
            id="trade-label-dialog"
            title
            on_cancel
            busy=save.pending()
            return_to="trades-heading"
        >
            <form id="trade-label-form" on:submit=on_submit novalidate=true>
                <p class="help">
                    "Suggestion : " {outlook_badge(suggested)} " — "
                    {row.suggestion.reasons.join(" ; ")}
                </p>
                <div class="field">
                    <label for="trade-label-outlook">"Libellé"</label>
                    <select
                        id="trade-label-outlook"
                        autofocus=true
                        on:change=move |ev| {
                            if let Some(o) = Outlook::from_code(&event_target_value(&ev)) {
                                outlook.set(o);
                            }
                            errors.update(|e| e.retain(|e| e.field != "comment"));
                        }
                    >
                        {outlook_options(row.outlook())}
                    </select>
                </div>
                <div class="field">
                    <label for="trade-label-comment">
                        "Commentaire" {move || departs().then_some(" *")}
                    </label>
                    <textarea
                        id="trade-label-comment"
                        rows="3"
                        prop:value=move || comment.get()
                        on:input=move |ev| {
                            comment.set(event_target_value(&ev));
                            errors.update(|e| e.retain(|e| e.field != "comment"));
                        }
                        aria-required=move || if departs() { "true" } else { "false" }
                        aria-invalid=move || {
                            if comment_error().is_some() { "true" } else { "false" }
                        }
                        aria-describedby="trade-label-comment-help trade-label-comment-msg"
                    ></textarea>
                    <p id="trade-label-comment-help" class="help small">
                        "Obligatoire si vous vous écartez de la suggestion : dites pourquoi en une phrase."
                    </p>
                    <p id="trade-label-comment-msg" class="field-error" role="alert">
                        {comment_error}
                    </p>
                </div>
                <p id="trade-label-error" class="field-error" role="alert">
                    {other_error}
                </p>
                <div class="actions">
                    <button
                        type="submit"
                        id="trade-label-save"
                        disabled=move || save.pending().get()
                    >
                        "Enregistrer"
                    </button>
                    <button
                        type="button"
                        class="secondary"
                        id="trade-label-cancel"
                        disabled=move || save.pending().get()
                        on:click=move |_| on_cancel.run(())
                    >
                        "Annuler"
                    </button>
                </div>
            </form>
        </ModalDialog>
    }
}
