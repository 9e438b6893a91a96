//! The case form's Formation et étapes du parcours section: the training, the dates of each
//! step, the funding plan, then what eligibility reads by contract (in `eligibility`).

use leptos::prelude::*;
use passerelle_domain::case::CaseData;
use passerelle_domain::code::Coded;
use passerelle_domain::i18n::parse_euros;
use passerelle_domain::parcours::Modality;

use super::eligibility::EligibilityFields;
use super::steps::StepFields;
use crate::components::cases::funding::FundingEditor;
use crate::components::common::{
    CheckField, DateField, FormCtx, SelectField, TextField, labelled_codes,
};

#[component]
pub fn ParcoursSection(ctx: FormCtx<CaseData>) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Formation et étapes du parcours"</legend>
            <div class="grid">
                <TrainingFields ctx />
                <StepFields ctx />
            </div>
            <FundingEditor ctx />
            <p class="help">"Éligibilité selon le contrat (laisser vide si sans objet)."</p>
            <div class="grid">
                <EligibilityFields ctx />
            </div>
        </fieldset>
    }
}

/// The training: what, who, when, how long, how much.
#[component]
pub fn TrainingFields(ctx: FormCtx<CaseData>) -> impl IntoView {
    view! {
        <TextField
            ctx
            path="parcours.training.title"
            label="Formation (intitulé)"
            get=|d| d.parcours.training.title.clone()
            set=|d, v| d.parcours.training.title = v
        />
        <TextField
            ctx
            path="parcours.training.provider"
            label="Organisme de formation"
            get=|d| d.parcours.training.provider.clone()
            set=|d, v| d.parcours.training.provider = v
        />
        <CheckField
            ctx
            path="parcours.training.providerQualiopi"
            label="Organisme certifié Qualiopi"
            get=|d| d.parcours.training.provider_qualiopi
            set=|d, v| d.parcours.training.provider_qualiopi = v
        />
        <DateField
            ctx
            path="parcours.training.start"
            label="Entrée en formation"
            get=|d| d.parcours.training.start
            set=|d, v| d.parcours.training.start = v
        />
        <DateField
            ctx
            path="parcours.training.end"
            label="Fin de formation"
            get=|d| d.parcours.training.end
            set=|d, v| d.parcours.training.end = v
        />
        <TextField
            ctx
            path="parcours.training.hours"
            label="Heures (après positionnement)"
            kind="number"
            get=|d| d.parcours.training.hours.map(|n| n.to_string()).unwrap_or_default()
            set=|d, v| d.parcours.training.hours = v.trim().parse().ok()
        />
        <SelectField
            ctx
            path="parcours.training.modality"
            label="Modalité"
            options=Signal::derive(labelled_codes::<Modality>)
            get=|d| d.parcours.training.modality.map(Coded::code).unwrap_or_default()
            set=|d, v| d.parcours.training.modality = Coded::parse_code(&v).ok()
        />
        <TextField
            ctx
            path="parcours.training.costCents"
            label="Coût pédagogique (€)"
            get=|d| {
                d.parcours
                    .training
                    .cost_cents
                    .map(|c| format!("{},{:02}", c / 100, c % 100))
                    .unwrap_or_default()
            }
            set=|d, v| d.parcours.training.cost_cents = parse_euros(&v)
        />
        <CheckField
            ctx
            path="parcours.training.duringWorkingTime"
            label="Sur le temps de travail (autorisation d’absence)"
            get=|d| d.parcours.training.during_working_time
            set=|d, v| d.parcours.training.during_working_time = v
        />
        <SelectField
            ctx
            path="parcours.training.partTime"
            label="Rythme de la formation (préavis 120 ou 60 jours)"
            options=Signal::derive(|| {
                vec![
                    ("temps_plein".to_owned(), "À temps plein (travail suspendu)".to_owned()),
                    (
                        "temps_partiel".to_owned(),
                        "À temps partiel (en parallèle du travail)".to_owned(),
                    ),
                ]
            })
            get=|d| match d.parcours.training.part_time {
                Some(true) => "temps_partiel".to_owned(),
                Some(false) => "temps_plein".to_owned(),
                None => String::new(),
            }
            set=|d, v| {
                d.parcours.training.part_time = match v.as_str() {
                    "temps_partiel" => Some(true),
                    "temps_plein" => Some(false),
                    _ => None,
                };
            }
        />
    }
}
