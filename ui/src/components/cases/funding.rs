//! The funding plan of a case, as typed: one row per funder, amounts in euros, the total below.

use leptos::prelude::*;
use passerelle_domain::case::CaseData;
use passerelle_domain::code::Coded;
use passerelle_domain::i18n::{format_euros, parse_euros};
use passerelle_domain::parcours::{Funder, FundingLine};

use crate::components::common::{FormCtx, option_tags};

/// The funding plan: one row per funder, amounts in euros, the total below.
#[component]
pub fn FundingEditor(ctx: FormCtx<CaseData>) -> impl IntoView {
    let count = Memo::new(move |_| ctx.data.with(|d| d.parcours.funding.len()));
    let total = move || ctx.data.with(|d| d.parcours.funding_total());
    let add = move |_| {
        ctx.data.update(|d| {
            d.parcours.funding.push(FundingLine {
                funder: Funder::TransitionsPro,
                amount_cents: 0,
                covers: String::new(),
            });
        });
    };
    let row = move |i: usize| {
        let path = format!("parcours.funding.{i}.amountCents");
        let line = ctx
            .data
            .with_untracked(|d| d.parcours.funding.get(i).cloned());
        let Some(line) = line else {
            return ().into_any();
        };
        let message = {
            let path = path.clone();
            move || {
                let visible = ctx.show_all.get() || ctx.touched.with(|t| t.contains(&path));
                visible
                    .then(|| {
                        ctx.report.with(|r| {
                            r.errors
                                .iter()
                                .find(|e| e.field == path)
                                .map(|e| e.message.clone())
                        })
                    })
                    .flatten()
            }
        };
        let amount_text = if line.amount_cents > 0 {
            format_euros(line.amount_cents)
                .replace(['\u{202F}', '€'], "")
                .trim()
                .to_owned()
        } else {
            String::new()
        };
        let funder = line.funder;
        let n = i + 1;
        view! {
            <tr>
                <td>
                    <select
                        id=format!("funding-{i}-funder")
                        aria-label=format!("Financeur, ligne {n}")
                        on:change=move |ev| {
                            let code = event_target_value(&ev);
                            ctx.data
                                .update(|d| {
                                    if let (Some(l), Ok(f)) = (
                                        d.parcours.funding.get_mut(i),
                                        Funder::parse_code(&code),
                                    ) {
                                        l.funder = f;
                                    }
                                });
                        }
                    >
                        {option_tags(Some(funder))}
                    </select>
                </td>
                <td>
                    <input
                        type="text"
                        id=format!("funding-{i}-covers")
                        aria-label=format!("Objet du financement, ligne {n}")
                        placeholder="Frais pédagogiques, rémunération…"
                        value=line.covers
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            ctx.data
                                .update(|d| {
                                    if let Some(l) = d.parcours.funding.get_mut(i) {
                                        l.covers = v;
                                    }
                                });
                        }
                    />
                </td>
                <td>
                    <input
                        type="text"
                        inputmode="decimal"
                        class="num"
                        id=format!("funding-{i}-amount")
                        aria-label=format!("Montant en euros, ligne {n}")
                        value=amount_text
                        aria-describedby=format!("funding-{i}-msg")
                        on:change=move |ev| {
                            let cents = parse_euros(&event_target_value(&ev)).unwrap_or(0);
                            ctx.data
                                .update(|d| {
                                    if let Some(l) = d.parcours.funding.get_mut(i) {
                                        l.amount_cents = cents;
                                    }
                                });
                            ctx.touched
                                .update(|t| {
                                    t.insert(path.clone());
                                });
                        }
                    />
                    <p id=format!("funding-{i}-msg") class="field-error" role="alert">
                        {message}
                    </p>
                </td>
                <td>
                    <button
                        type="button"
                        class="link"
                        aria-label=format!("Supprimer la ligne {n}")
                        on:click=move |_| {
                            ctx.data
                                .update(|d| {
                                    if i < d.parcours.funding.len() {
                                        d.parcours.funding.remove(i);
                                    }
                                });
                        }
                    >
                        "Supprimer"
                    </button>
                </td>
            </tr>
        }
        .into_any()
    };
    view! {
        <div class="funding" id="funding-editor">
            <h3 class="subsection">"Plan de financement"</h3>
            <table class="cases compact">
                <thead>
                    <tr>
                        <th scope="col">"Financeur"</th>
                        <th scope="col">"Objet"</th>
                        <th scope="col" class="num">
                            "Montant (€)"
                        </th>
                        <th scope="col">
                            <span class="sr-only">"Action"</span>
                        </th>
                    </tr>
                </thead>
                <tbody>{move || (0..count.get()).map(row).collect_view()}</tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="2">
                            "Total"
                        </th>
                        <td class="num strong" id="funding-total">
                            {move || format_euros(total())}
                        </td>
                        <td></td>
                    </tr>
                </tfoot>
            </table>
            <button type="button" class="secondary" id="funding-add" on:click=add>
                "Ajouter un financeur"
            </button>
        </div>
    }
}
