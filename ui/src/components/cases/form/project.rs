//! The case form's Projet section.

use leptos::prelude::*;
use passerelle_domain::case::{CaseData, CaseId};

use crate::components::common::{CheckField, FormCtx, TextArea, TextField};
use crate::components::matching::SkillsEditor;

/// A radius typed in kilometres: digits only (a number too large for the field stays too large,
/// so that the domain's rule refuses it with its own message).
fn radius_km(text: &str) -> Option<u16> {
    text.trim()
        .parse::<u32>()
        .ok()
        .map(|n| u16::try_from(n).unwrap_or(u16::MAX))
}

/// `case_id`: the case edited (its competences come from the shell), `None` for a new one.
#[component]
pub fn ProjectSection(ctx: FormCtx<CaseData>, case_id: Option<CaseId>) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Projet"</legend>
            <div class="grid">
                <TextField
                    ctx
                    path="project.targetRome"
                    label="Code ROME visé"
                    placeholder="J1501"
                    get=|d| d.project.target_rome.clone()
                    set=|d, v| d.project.target_rome = v
                />
                <TextField
                    ctx
                    path="project.targetCertification"
                    label="Certification visée (RNCP, RS, bloc)"
                    placeholder="RNCP38596"
                    get=|d| d.project.target_certification.clone()
                    set=|d, v| d.project.target_certification = v
                />
                <TextArea
                    ctx
                    path="project.motive"
                    label="Motif de la demande"
                    get=|d| d.project.motive.clone()
                    set=|d, v| d.project.motive = v
                />
                <TextArea
                    ctx
                    path="project.notes"
                    label="Notes"
                    get=|d| d.project.notes.clone()
                    set=|d, v| d.project.notes = v
                />
                <TextArea
                    ctx
                    path="project.employmentProspects"
                    label="Perspectives d’emploi (offres, promesse d’embauche, enquête métier)"
                    get=|d| d.project.employment_prospects.clone()
                    set=|d, v| d.project.employment_prospects = v
                />
                <TextField
                    ctx
                    path="project.mobilityZone"
                    label="Zone de mobilité"
                    placeholder="30 km autour du domicile"
                    get=|d| d.project.mobility_zone.clone()
                    set=|d, v| d.project.mobility_zone = v
                />
                <TextField
                    ctx
                    path="project.mobilityRadiusKm"
                    label="Rayon de mobilité (km)"
                    kind="number"
                    placeholder="30"
                    get=|d| d.project.mobility_radius_km.map(|n| n.to_string()).unwrap_or_default()
                    set=|d, v| d.project.mobility_radius_km = radius_km(&v)
                />
                <CheckField
                    ctx
                    path="project.targetInDemand"
                    label="Métier visé porteur ou émergent (liste régionale)"
                    get=|d| d.project.target_in_demand
                    set=|d, v| d.project.target_in_demand = v
                />
                <TextArea
                    ctx
                    path="project.cepOpinion"
                    label="Avis et synthèse du conseiller CEP (pour le comité)"
                    get=|d| d.project.cep_opinion.clone()
                    set=|d, v| d.project.cep_opinion = v
                />
                <TextArea
                    ctx
                    path="project.romeChangeJustification"
                    label="Codes ROME identiques : éléments objectifs du changement de métier"
                    get=|d| d.project.rome_change_justification.clone()
                    set=|d, v| d.project.rome_change_justification = v
                />
                <SkillsEditor ctx case_id />
            </div>
        </fieldset>
    }
}
