//! What the Parcours tab reads from the case: the documents the next step needs, the deadlines,
//! the eligibility rules one by one, and the backward plan from the training start.

use chrono::NaiveDate;
use leptos::prelude::*;
use passerelle_domain::i18n::{Label, format_date};
use passerelle_domain::parcours::{
    ChecklistItem, Deadline, DocStatus, PlanItem, RuleOutcome, RuleResult, Step, Urgency,
};

fn urgency_class(u: Urgency) -> &'static str {
    match u {
        Urgency::Overdue => "deadline overdue",
        Urgency::Soon => "deadline soon",
        Urgency::Upcoming => "deadline upcoming",
        Urgency::Done => "deadline done",
    }
}

fn urgency_text(u: Urgency) -> &'static str {
    match u {
        Urgency::Overdue => "en retard",
        Urgency::Soon => "dans moins de 8 jours",
        Urgency::Upcoming => "à venir",
        Urgency::Done => "fait",
    }
}

fn doc_status_class(s: DocStatus) -> &'static str {
    match s {
        DocStatus::Manquant => "badge missing",
        DocStatus::Recu => "badge received",
        DocStatus::Valide => "badge valid",
        DocStatus::NonApplicable => "badge na",
    }
}

fn outcome(o: RuleOutcome) -> (&'static str, &'static str) {
    match o {
        RuleOutcome::Met => ("remplie", "badge valid"),
        RuleOutcome::Exempt => ("non exigée", "badge received"),
        RuleOutcome::Unmet => ("non remplie", "badge missing"),
        RuleOutcome::Unknown => ("à compléter", "badge na"),
    }
}

pub fn checklist(target: Step, items: &[ChecklistItem]) -> impl IntoView + use<> {
    view! {
        <h2 class="section">{format!("Pièces pour « {} »", target.label())}</h2>
        <table class="cases" id="parcours-checklist">
            <tbody>
                {items
                    .iter()
                    .map(|i| {
                        view! {
                            <tr>
                                <td>
                                    {i.kind.label()}{(!i.required).then_some(" (le cas échéant)")}
                                </td>
                                <td>
                                    <span class=doc_status_class(i.status)>{i.status.label()}</span>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <p class="help">
            "Joignez les pièces dans l’onglet Documents ; validez-les une fois vérifiées."
        </p>
    }
}

pub fn deadlines(list: &[Deadline], today: NaiveDate) -> impl IntoView + use<> {
    let shown = if list.is_empty() {
        view! { <p class="muted">"Aucune échéance à cette étape."</p> }.into_any()
    } else {
        view! {
            <ul class="deadlines" id="parcours-deadlines">
                {list
                    .iter()
                    .map(|d| {
                        let u = d.urgency(today);
                        view! {
                            <li class=urgency_class(u)>
                                <span class="due">{format_date(d.due)}</span>
                                <span>{d.label.clone()}</span>
                                <span class="badge">{urgency_text(u)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h2 class="section">"Échéances"</h2>
        {shown}
    }
}

fn rule_table(id: &'static str, rules: &[RuleResult]) -> impl IntoView + use<> {
    view! {
        <table class="cases" id=id>
            <tbody>
                {rules
                    .iter()
                    .map(|r| {
                        let (text, class) = outcome(r.outcome);
                        view! {
                            <tr>
                                <td>{r.rule.clone()}</td>
                                <td>
                                    <span class=class>{text}</span>
                                </td>
                                <td>{r.explanation.clone()}</td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// PTP eligibility at `at`; démission-reconversion eligibility when the contract's end is known.
pub fn eligibility(
    at: NaiveDate,
    rules: &[RuleResult],
    demission_at: Option<NaiveDate>,
    demission: &[RuleResult],
) -> impl IntoView + use<> {
    view! {
        <h2 class="section">
            {format!(
                "Éligibilité au projet de transition professionnelle, au {}",
                format_date(at),
            )}
        </h2>
        {rule_table("parcours-eligibility", rules)}
        {demission_at
            .map(|end| {
                view! {
                    <h2 class="section">
                        {format!(
                            "Démission-reconversion, à la fin du contrat prévue ({})",
                            format_date(end),
                        )}
                    </h2>
                    {rule_table("parcours-demission", demission)}
                }
            })}
    }
}

pub fn plan(items: &[PlanItem], today: NaiveDate) -> impl IntoView + use<> {
    (!items.is_empty()).then(|| view! {
        <h2 class="section">"Rétroplanning depuis l’entrée en formation"</h2>
        <ul class="deadlines" id="parcours-plan">
            {items
                .iter()
                .map(|p| {
                    view! {
                        <li class=if p.by < today { "deadline done" } else { "deadline upcoming" }>
                            <span class="due">{format_date(p.by)}</span>
                            <span>{p.action.clone()}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    })
}
