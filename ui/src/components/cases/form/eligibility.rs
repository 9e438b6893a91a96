//! The case form's eligibility facts by contract (CDD, intérim, démission, intermittents).

use leptos::prelude::*;
use passerelle_domain::case::CaseData;
use passerelle_domain::code::Coded;
use passerelle_domain::parcours::IntermittentProfile;

use crate::components::common::{CheckField, FormCtx, SelectField, TextField, labelled_codes};

/// Eligibility by contract: leave empty what does not apply.
#[component]
pub fn EligibilityFields(ctx: FormCtx<CaseData>) -> impl IntoView {
    view! {
        <TextField
            ctx
            path="parcours.salariedMonthsLast60"
            label="CDD : mois salariés sur 5 ans"
            kind="number"
            get=|d| {
                d.parcours.salaried_months_last_60.map(|n| n.to_string()).unwrap_or_default()
            }
            set=|d, v| d.parcours.salaried_months_last_60 = v.trim().parse().ok()
        />
        <TextField
            ctx
            path="parcours.cddMonthsLast12"
            label="CDD : mois de CDD sur 12 mois"
            kind="number"
            get=|d| d.parcours.cdd_months_last_12.map(|n| n.to_string()).unwrap_or_default()
            set=|d, v| d.parcours.cdd_months_last_12 = v.trim().parse().ok()
        />
        <TextField
            ctx
            path="parcours.interimHoursLast18Months"
            label="Intérim : heures sur 18 mois"
            kind="number"
            get=|d| {
                d.parcours.interim_hours_last_18_months.map(|n| n.to_string()).unwrap_or_default()
            }
            set=|d, v| d.parcours.interim_hours_last_18_months = v.trim().parse().ok()
        />
        <TextField
            ctx
            path="parcours.interimHoursInAgency"
            label="Intérim : dont heures dans l’agence"
            kind="number"
            get=|d| {
                d.parcours.interim_hours_in_agency.map(|n| n.to_string()).unwrap_or_default()
            }
            set=|d, v| d.parcours.interim_hours_in_agency = v.trim().parse().ok()
        />
        <TextField
            ctx
            path="parcours.salariedDaysInWindow"
            label="Démission : jours travaillés sur 60 mois"
            kind="number"
            get=|d| {
                d.parcours.salaried_days_in_window.map(|n| n.to_string()).unwrap_or_default()
            }
            set=|d, v| d.parcours.salaried_days_in_window = v.trim().parse().ok()
        />
        <CheckField
            ctx
            path="parcours.jobChangeAfterDismissal"
            label="Nouvel emploi après licenciement économique ou pour inaptitude"
            get=|d| d.parcours.job_change_after_dismissal
            set=|d, v| d.parcours.job_change_after_dismissal = v
        />
        <TextField
            ctx
            path="situation.seniorityOverrideReason"
            label="Ancienneté saisie à la main : motif (sinon calculée depuis le début du contrat)"
            get=|d| d.situation.seniority_override_reason.clone()
            set=|d, v| d.situation.seniority_override_reason = v
        />
        <SelectField
            ctx
            path="parcours.intermittent.profile"
            label="Intermittent : profil"
            options=Signal::derive(labelled_codes::<IntermittentProfile>)
            get=|d| d.parcours.intermittent.profile.map(Coded::code).unwrap_or_default()
            set=|d, v| d.parcours.intermittent.profile = Coded::parse_code(&v).ok()
        />
        <TextField
            ctx
            path="parcours.intermittent.daysTotal"
            label="Intermittent : jours ou cachets sur 2 à 5 ans"
            kind="number"
            get=|d| {
                d.parcours.intermittent.days_total.map(|n| n.to_string()).unwrap_or_default()
            }
            set=|d, v| d.parcours.intermittent.days_total = v.trim().parse().ok()
        />
        <TextField
            ctx
            path="parcours.intermittent.daysLast24Months"
            label="Intermittent : jours sur 24 mois"
            kind="number"
            get=|d| {
                d.parcours
                    .intermittent
                    .days_last_24_months
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            }
            set=|d, v| d.parcours.intermittent.days_last_24_months = v.trim().parse().ok()
        />
        <TextField
            ctx
            path="parcours.intermittent.daysLast12Months"
            label="Intermittent : jours sur 12 mois"
            kind="number"
            get=|d| {
                d.parcours
                    .intermittent
                    .days_last_12_months
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            }
            set=|d, v| d.parcours.intermittent.days_last_12_months = v.trim().parse().ok()
        />
        <CheckField
            ctx
            path="parcours.intermittent.verifiedOnDocuments"
            label="Intermittent : conditions vérifiées sur pièces"
            get=|d| d.parcours.intermittent.verified_on_documents
            set=|d, v| d.parcours.intermittent.verified_on_documents = v
        />
    }
}
