//! The facts a case page shows, tab by tab (Identité, Situation, Projet…).

use leptos::prelude::*;
use passerelle_domain::case::{CaseData, CaseFile, Flag};
use passerelle_domain::i18n::{Label, field_label, format_date, format_euros};
use passerelle_domain::parcours::FundingLine;
use passerelle_domain::validate::rome_label;

use super::consents::Consents;
use super::documents::Documents;
use super::enrolments::Enrolments;
use super::interviews::Interviews;
use super::journal::Journal;
use super::parcours::Parcours;
use super::rights::PersonRights;
use crate::api;
use crate::components::matching::{CaseMatchesPanel, ChosenMatchBlock, SkillsSummary};

/// The tabs of a case page.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Identity,
    Situation,
    Project,
    Matches,
    Parcours,
    Interviews,
    Documents,
    History,
}

fn row(label: &'static str, value: String) -> impl IntoView {
    let empty = value.trim().is_empty();
    view! {
        <dt>{label}</dt>
        <dd class:muted=empty>{if empty { "—".to_owned() } else { value }}</dd>
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map(format_date).unwrap_or_default()
}

fn label_of<T: Label>(v: Option<T>) -> String {
    v.map(|v| v.label().to_owned()).unwrap_or_default()
}

fn rome(code: &str) -> String {
    match rome_label(code) {
        Some(label) => format!("{code} — {label}"),
        None => code.to_owned(),
    }
}

fn flag(f: &Flag) -> String {
    if !f.set {
        return "non".into();
    }
    match (f.proof.as_str(), f.proof_date) {
        ("", None) => "oui".into(),
        (proof, Some(d)) => format!("oui — {proof} ({})", format_date(d)),
        (proof, None) => format!("oui — {proof}"),
    }
}

fn nir_display(nir: &str) -> String {
    passerelle_domain::validate::validate_nir(nir)
        .map(|c| c.value.formatted())
        .unwrap_or_else(|_| nir.to_owned())
}

/// A personal value hidden until asked for (someone may be looking over the shoulder).
#[component]
fn Sensitive(value: String) -> impl IntoView {
    let shown = RwSignal::new(false);
    if value.is_empty() {
        return view! { <span class="muted">"—"</span> }.into_any();
    }
    view! {
        <span class="mono" id="nir-value">
            {move || {
                if shown.get() {
                    value.clone()
                } else {
                    "•••• •••• ••••".to_owned()
                }
            }}
        </span>
        " "
        <button
            type="button"
            class="link"
            aria-pressed=move || shown.get().to_string()
            on:click=move |_| shown.update(|s| *s = !*s)
        >
            {move || if shown.get() { "Masquer" } else { "Afficher" }}
        </button>
    }
    .into_any()
}

/// What a case's tabs show, one tab at a time. `on_chosen`: a match was chosen in
/// Rapprochements (with the sentence saying what the project now is).
pub fn tab_panels(
    file: CaseFile,
    reload: RwSignal<u32>,
    on_chosen: Callback<String>,
) -> impl Fn(Tab) -> AnyView + Send + 'static {
    let territory_label = super::territory_labeller(LocalResource::new(api::cases::territories));
    let id = file.id;
    let reference = file.reference;
    let purged_on = file
        .purged_at
        .as_deref()
        .map(crate::components::common::date_text);
    let d: CaseData = file.data;
    let full = d.clone();
    let b = d.beneficiary.clone();
    let s = d.situation.clone();
    let p = d.project;
    let funding = d.parcours.funding;
    move |tab| {
        match tab {
        Tab::Identity => view! {
            <dl class="facts">
                {row("Civilité", label_of(b.civility))}
                {row("Nom de naissance", b.birth_name.clone())}
                {row("Nom d’usage", b.usage_name.clone())}
                {row("Prénoms", b.first_names.clone())}
                {row("Date de naissance", date(b.birth_date))} <dt>"NIR"</dt> <dd>
                    <Sensitive value=nir_display(&b.nir) />
                </dd> {row("E-mail", b.email.clone())} {row("Téléphone", b.phone.clone())}
                {row("Adresse", format!("{} {}", b.postal_code, b.commune))}
                {row("Territoire", territory_label(&b.territory))}
                {row(
                    "Niveau de diplôme",
                    b.diploma_level.map(|n| format!("Niveau {n}")).unwrap_or_default(),
                )}
            </dl>
            {match purged_on.clone() {
                Some(on) => {
                    // Nothing of the person is left: no consent to record, nothing to export or erase.
                    view! {
                        <p class="help" id="case-purged" tabindex="-1">
                            {format!(
                                "Données personnelles expurgées le {on} : seuls restent l’étape, le territoire et les montants, pour les statistiques.",
                            )}
                        </p>
                    }
                        .into_any()
                }
                None => {
                    view! {
                        <Consents case_id=id data=full.clone() reload />
                        <PersonRights
                            case_id=id
                            reference=reference.clone()
                            name=b.display_name()
                            reload
                        />
                    }
                        .into_any()
                }
            }}
        }
        .into_any(),
        Tab::Situation => view! {
            <dl class="facts" id="panel-situation">
                {row(field_label("situation.employer.name"), s.employer.name.clone())}
                {row("SIRET", s.employer.siret.clone())}
                {row("IDCC", s.employer.idcc.clone())}
                {row("Code NAF", s.employer.naf.clone())}
                {row("Effectif", label_of(s.employer.headcount))}
                {row("OPCO", label_of(s.employer.opco))}
                {row("Contrat", label_of(s.contract))}
                {row(
                    "Période",
                    match (s.contract_start, s.contract_end) {
                        (Some(a), Some(b)) => format!("du {} au {}", format_date(a), format_date(b)),
                        (Some(a), None) => format!("depuis le {}", format_date(a)),
                        _ => String::new(),
                    },
                )}
                {row("Temps de travail", label_of(s.working_time))}
                {row("Poste occupé", s.job_title.clone())}
                {row("Métier actuel (ROME)", rome(&s.job_rome))}
                {row(
                    "Ancienneté salariée",
                    s.seniority_months_total.map(|m| format!("{m} mois")).unwrap_or_default(),
                )}
                {row(
                    "Dans l’entreprise",
                    s.seniority_months_company.map(|m| format!("{m} mois")).unwrap_or_default(),
                )}
                {row("Métier fragilisé", flag(&s.flags.metier_fragilise))}
                {row("OETH / RQTH", flag(&s.flags.oeth))}
                {row("Inaptitude", flag(&s.flags.inaptitude))}
                {row("Absence ≥ 6 mois", flag(&s.flags.long_absence))}
            </dl>
        }
        .into_any(),
        Tab::Project => view! {
            <dl class="facts">
                {row("Métier visé (ROME)", rome(&p.target_rome))}
                {row("Certification visée", p.target_certification.clone())}
                {row("Motif", p.motive.clone())} {row("Notes", p.notes.clone())}
                {row("Perspectives d’emploi", p.employment_prospects.clone())}
                {row("Zone de mobilité", p.mobility_zone.clone())}
                {row(
                    "Rayon de mobilité",
                    p.mobility_radius_km.map(|km| format!("{km} km")).unwrap_or_default(),
                )}
                {row(
                    "Métier visé porteur",
                    if p.target_in_demand { "oui (liste régionale)".into() } else { String::new() },
                )} {row("Avis du conseiller CEP", p.cep_opinion.clone())}
            </dl>
            <ChosenMatchBlock case_id=id />
            <SkillsSummary case_id=id />
            {funding_table(&funding)}
            <Enrolments case_id=id target=p.target_certification.clone() />
        }
        .into_any(),
        Tab::Matches => view! {
            <CaseMatchesPanel
                case_id=id
                target_certification=p.target_certification.clone()
                on_chosen
            />
        }
        .into_any(),
        Tab::Parcours => view! { <Parcours case_id=id reload_case=reload /> }.into_any(),
        Tab::Interviews => view! { <Interviews case_id=id /> }.into_any(),
        Tab::Documents => view! { <Documents case_id=id /> }.into_any(),
        Tab::History => view! { <Journal id /> }.into_any(),
    }
    }
}

/// The funding plan as the committee will read it.
fn funding_table(lines: &[FundingLine]) -> impl IntoView + use<> {
    if lines.is_empty() {
        return view! {
            <p class="muted" id="funding-empty">
                "Plan de financement non renseigné (formulaire « Modifier »)."
            </p>
        }
        .into_any();
    }
    let total: i64 = lines
        .iter()
        .fold(0i64, |t, l| t.saturating_add(l.amount_cents));
    let rows = lines
        .iter()
        .map(|l| {
            view! {
                <tr>
                    <td>{l.funder.label()}</td>
                    <td>{l.covers.clone()}</td>
                    <td class="num">{format_euros(l.amount_cents)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2 class="section">"Plan de financement"</h2>
        <table class="cases" id="funding-plan">
            <thead>
                <tr>
                    <th scope="col">"Financeur"</th>
                    <th scope="col">"Objet"</th>
                    <th scope="col" class="num">
                        "Montant"
                    </th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
            <tfoot>
                <tr>
                    <th scope="row" colspan="2">
                        "Total"
                    </th>
                    <td class="num strong">{format_euros(total)}</td>
                </tr>
            </tfoot>
        </table>
    }
    .into_any()
}
