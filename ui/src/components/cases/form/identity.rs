//! The case form's Identité section.

use leptos::prelude::*;
use passerelle_domain::case::{CaseData, Civility};
use passerelle_domain::code::Coded;

use crate::components::common::{DateField, FormCtx, SelectField, TextField, labelled_codes};

fn digits_u8(text: &str) -> Option<u8> {
    text.trim().parse().ok()
}

#[component]
pub fn IdentitySection(ctx: FormCtx<CaseData>) -> impl IntoView {
    let territories = LocalResource::new(crate::api::cases::territories);
    let territory_options = Signal::derive(move || {
        territories
            .get()
            .and_then(Result::ok)
            .map(|list| list.into_iter().map(|t| (t.code, t.label)).collect())
            .unwrap_or_default()
    });
    let levels = Signal::derive(|| {
        (1..=8u8)
            .map(|n| (n.to_string(), format!("Niveau {n}")))
            .collect::<Vec<_>>()
    });
    view! {
        <fieldset>
            <legend>"Identité"</legend>
            <div class="grid">
                <SelectField
                    ctx
                    path="beneficiary.civility"
                    label="Civilité"
                    options=Signal::derive(labelled_codes::<Civility>)
                    get=|d| d.beneficiary.civility.map(Coded::code).unwrap_or_default()
                    set=|d, v| d.beneficiary.civility = Coded::parse_code(&v).ok()
                />
                <TextField
                    ctx
                    path="beneficiary.birthName"
                    label="Nom de naissance"
                    required=true
                    get=|d| d.beneficiary.birth_name.clone()
                    set=|d, v| d.beneficiary.birth_name = v
                />
                <TextField
                    ctx
                    path="beneficiary.usageName"
                    label="Nom d’usage"
                    get=|d| d.beneficiary.usage_name.clone()
                    set=|d, v| d.beneficiary.usage_name = v
                />
                <TextField
                    ctx
                    path="beneficiary.firstNames"
                    label="Prénoms"
                    required=true
                    get=|d| d.beneficiary.first_names.clone()
                    set=|d, v| d.beneficiary.first_names = v
                />
                <DateField
                    ctx
                    path="beneficiary.birthDate"
                    label="Date de naissance"
                    get=|d| d.beneficiary.birth_date
                    set=|d, v| d.beneficiary.birth_date = v
                />
                <TextField
                    ctx
                    path="beneficiary.nir"
                    label="NIR (facultatif)"
                    placeholder="1 85 05 57 463 123 45"
                    get=|d| d.beneficiary.nir.clone()
                    set=|d, v| d.beneficiary.nir = v
                />
                <TextField
                    ctx
                    path="beneficiary.email"
                    label="E-mail"
                    kind="email"
                    get=|d| d.beneficiary.email.clone()
                    set=|d, v| d.beneficiary.email = v
                />
                <TextField
                    ctx
                    path="beneficiary.phone"
                    label="Téléphone"
                    kind="tel"
                    get=|d| d.beneficiary.phone.clone()
                    set=|d, v| d.beneficiary.phone = v
                />
                <TextField
                    ctx
                    path="beneficiary.postalCode"
                    label="Code postal"
                    get=|d| d.beneficiary.postal_code.clone()
                    set=|d, v| d.beneficiary.postal_code = v
                />
                <TextField
                    ctx
                    path="beneficiary.commune"
                    label="Commune"
                    get=|d| d.beneficiary.commune.clone()
                    set=|d, v| d.beneficiary.commune = v
                />
                <SelectField
                    ctx
                    path="beneficiary.territory"
                    label="Territoire"
                    required=true
                    options=territory_options
                    get=|d| d.beneficiary.territory.clone()
                    set=|d, v| d.beneficiary.territory = v
                />
                <SelectField
                    ctx
                    path="beneficiary.diplomaLevel"
                    label="Niveau de diplôme"
                    options=levels
                    get=|d| d.beneficiary.diploma_level.map(|n| n.to_string()).unwrap_or_default()
                    set=|d, v| d.beneficiary.diploma_level = digits_u8(&v)
                />
            </div>
        </fieldset>
    }
}
