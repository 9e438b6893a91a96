//! The case form's Situation professionnelle section, with the situations that open rights
//! (no medical detail).

use leptos::prelude::*;
use passerelle_domain::case::{
    AbsenceCause, CaseData, ContractKind, HeadcountBand, Opco, WorkingTime,
};
use passerelle_domain::code::Coded;

use crate::components::common::{
    CheckField, DateField, FormCtx, SelectField, TextField, labelled_codes,
};

fn digits_u16(text: &str) -> Option<u16> {
    text.trim().parse().ok()
}

#[component]
pub fn SituationSection(ctx: FormCtx<CaseData>) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Situation professionnelle"</legend>
            <div class="grid">
                <TextField
                    ctx
                    path="situation.employer.name"
                    label="Employeur (raison sociale)"
                    get=|d| d.situation.employer.name.clone()
                    set=|d, v| d.situation.employer.name = v
                />
                <TextField
                    ctx
                    path="situation.employer.siret"
                    label="SIRET"
                    get=|d| d.situation.employer.siret.clone()
                    set=|d, v| d.situation.employer.siret = v
                />
                <CheckField
                    ctx
                    path="situation.employer.foreignIdentifier"
                    label="Identifiant étranger (non vérifiable)"
                    get=|d| d.situation.employer.foreign_identifier
                    set=|d, v| d.situation.employer.foreign_identifier = v
                />
                <TextField
                    ctx
                    path="situation.employer.idcc"
                    label="IDCC"
                    get=|d| d.situation.employer.idcc.clone()
                    set=|d, v| d.situation.employer.idcc = v
                />
                <TextField
                    ctx
                    path="situation.employer.naf"
                    label="Code NAF"
                    get=|d| d.situation.employer.naf.clone()
                    set=|d, v| d.situation.employer.naf = v
                />
                <SelectField
                    ctx
                    path="situation.employer.headcount"
                    label="Effectif"
                    options=Signal::derive(labelled_codes::<HeadcountBand>)
                    get=|d| d.situation.employer.headcount.map(Coded::code).unwrap_or_default()
                    set=|d, v| d.situation.employer.headcount = Coded::parse_code(&v).ok()
                />
                <SelectField
                    ctx
                    path="situation.employer.opco"
                    label="OPCO"
                    options=Signal::derive(labelled_codes::<Opco>)
                    get=|d| d.situation.employer.opco.map(Coded::code).unwrap_or_default()
                    set=|d, v| d.situation.employer.opco = Coded::parse_code(&v).ok()
                />
                <SelectField
                    ctx
                    path="situation.contract"
                    label="Contrat"
                    options=Signal::derive(labelled_codes::<ContractKind>)
                    get=|d| d.situation.contract.map(Coded::code).unwrap_or_default()
                    set=|d, v| d.situation.contract = Coded::parse_code(&v).ok()
                />
                <DateField
                    ctx
                    path="situation.contractStart"
                    label="Début du contrat"
                    get=|d| d.situation.contract_start
                    set=|d, v| d.situation.contract_start = v
                />
                <DateField
                    ctx
                    path="situation.contractEnd"
                    label="Fin du contrat"
                    get=|d| d.situation.contract_end
                    set=|d, v| d.situation.contract_end = v
                />
                <SelectField
                    ctx
                    path="situation.workingTime"
                    label="Temps de travail"
                    options=Signal::derive(labelled_codes::<WorkingTime>)
                    get=|d| d.situation.working_time.map(Coded::code).unwrap_or_default()
                    set=|d, v| d.situation.working_time = Coded::parse_code(&v).ok()
                />
                <TextField
                    ctx
                    path="situation.jobTitle"
                    label="Poste occupé"
                    get=|d| d.situation.job_title.clone()
                    set=|d, v| d.situation.job_title = v
                />
                <TextField
                    ctx
                    path="situation.jobRome"
                    label="Code ROME actuel"
                    placeholder="H2913"
                    get=|d| d.situation.job_rome.clone()
                    set=|d, v| d.situation.job_rome = v
                />
                <TextField
                    ctx
                    path="situation.seniorityMonthsTotal"
                    label="Ancienneté salariée (mois)"
                    kind="number"
                    get=|d| {
                        d.situation
                            .seniority_months_total
                            .map(|n| n.to_string())
                            .unwrap_or_default()
                    }
                    set=|d, v| d.situation.seniority_months_total = digits_u16(&v)
                />
                <TextField
                    ctx
                    path="situation.seniorityMonthsCompany"
                    label="Dont dans l’entreprise (mois)"
                    kind="number"
                    get=|d| {
                        d.situation
                            .seniority_months_company
                            .map(|n| n.to_string())
                            .unwrap_or_default()
                    }
                    set=|d, v| d.situation.seniority_months_company = digits_u16(&v)
                />
            </div>
            <div
                class="flags"
                role="group"
                aria-label="Situations ouvrant des droits (aucun détail médical)"
            >
                <p class="help">
                    "Situations ouvrant des droits — cochez et indiquez le justificatif, sans aucun détail médical."
                </p>
                <CheckField
                    ctx
                    path="situation.flags.metierFragilise.set"
                    label="Métier fragilisé"
                    get=|d| d.situation.flags.metier_fragilise.set
                    set=|d, v| d.situation.flags.metier_fragilise.set = v
                />
                <CheckField
                    ctx
                    path="situation.flags.oeth.set"
                    label="Bénéficiaire de l’obligation d’emploi (OETH, RQTH)"
                    get=|d| d.situation.flags.oeth.set
                    set=|d, v| d.situation.flags.oeth.set = v
                />
                <CheckField
                    ctx
                    path="situation.flags.inaptitude.set"
                    label="Inaptitude reconnue ou en cours"
                    get=|d| d.situation.flags.inaptitude.set
                    set=|d, v| d.situation.flags.inaptitude.set = v
                />
                <CheckField
                    ctx
                    path="situation.flags.longAbsence.set"
                    label="Absence pour raison de santé dans les 24 mois avant la demande"
                    get=|d| d.situation.flags.long_absence.set
                    set=|d, v| d.situation.flags.long_absence.set = v
                />
                <SelectField
                    ctx
                    path="situation.flags.longAbsenceCause"
                    label="Exemption d’ancienneté applicable (sans détail médical)"
                    options=Signal::derive(labelled_codes::<AbsenceCause>)
                    get=|d| {
                        d.situation.flags.long_absence_cause.map(Coded::code).unwrap_or_default()
                    }
                    set=|d, v| d.situation.flags.long_absence_cause = Coded::parse_code(&v).ok()
                />
            </div>
        </fieldset>
    }
}
