//! The case form's step facts: the dates and answers each parcours step records.

use leptos::prelude::*;
use passerelle_domain::case::CaseData;
use passerelle_domain::code::Coded;
use passerelle_domain::parcours::{EmployerAnswer, OpcoScheme, PostponementGround};

use crate::components::common::{DateField, FormCtx, SelectField, labelled_codes};

/// The dates and answers each step records (absence request, employer, OPCO, commission,
/// recours, démission-reconversion, France Travail, VAE).
#[component]
pub fn StepFields(ctx: FormCtx<CaseData>) -> impl IntoView {
    view! {
        <DateField
            ctx
            path="parcours.training.requestedStart"
            label="Début demandé à l’employeur (demande d’absence)"
            get=|d| d.parcours.training.requested_start
            set=|d, v| d.parcours.training.requested_start = v
        />
        <DateField
            ctx
            path="parcours.absenceRequestReceivedOn"
            label="Demande d’absence reçue par l’employeur le"
            get=|d| d.parcours.absence_request_received_on
            set=|d, v| d.parcours.absence_request_received_on = v
        />
        <SelectField
            ctx
            path="parcours.employerAnswer"
            label="Réponse de l’employeur"
            options=Signal::derive(labelled_codes::<EmployerAnswer>)
            get=|d| d.parcours.employer_answer.map(Coded::code).unwrap_or_default()
            set=|d, v| d.parcours.employer_answer = Coded::parse_code(&v).ok()
        />
        <DateField
            ctx
            path="parcours.employerAnswerOn"
            label="Réponse reçue le"
            get=|d| d.parcours.employer_answer_on
            set=|d, v| d.parcours.employer_answer_on = v
        />
        <SelectField
            ctx
            path="parcours.postponementGround"
            label="Motif du report (si l’employeur reporte)"
            options=Signal::derive(labelled_codes::<PostponementGround>)
            get=|d| d.parcours.postponement_ground.map(Coded::code).unwrap_or_default()
            set=|d, v| d.parcours.postponement_ground = Coded::parse_code(&v).ok()
        />
        <SelectField
            ctx
            path="parcours.opcoScheme"
            label="Dispositif OPCO"
            options=Signal::derive(labelled_codes::<OpcoScheme>)
            get=|d| d.parcours.opco_scheme.map(Coded::code).unwrap_or_default()
            set=|d, v| d.parcours.opco_scheme = Coded::parse_code(&v).ok()
        />
        <DateField
            ctx
            path="parcours.dossierFiledOn"
            label="Dossier déposé le"
            get=|d| d.parcours.dossier_filed_on
            set=|d, v| d.parcours.dossier_filed_on = v
        />
        <DateField
            ctx
            path="parcours.commissionOn"
            label="Commission du"
            get=|d| d.parcours.commission_on
            set=|d, v| d.parcours.commission_on = v
        />
        <DateField
            ctx
            path="parcours.refusalNotifiedOn"
            label="Notification de refus envoyée le"
            get=|d| d.parcours.refusal_notified_on
            set=|d, v| d.parcours.refusal_notified_on = v
        />
        <DateField
            ctx
            path="parcours.recoursFiledOn"
            label="Recours gracieux formé le"
            get=|d| d.parcours.recours_filed_on
            set=|d, v| d.parcours.recours_filed_on = v
        />
        <DateField
            ctx
            path="parcours.demissionContractEnd"
            label="Démission-reconversion : fin du contrat prévue (fin du préavis)"
            get=|d| d.parcours.demission_contract_end
            set=|d, v| d.parcours.demission_contract_end = v
        />
        <DateField
            ctx
            path="parcours.demissionAttestedOn"
            label="Démission-reconversion : attestation du"
            get=|d| d.parcours.demission_attested_on
            set=|d, v| d.parcours.demission_attested_on = v
        />
        <DateField
            ctx
            path="parcours.demissionRefusalNotifiedOn"
            label="Démission-reconversion : refus notifié le"
            get=|d| d.parcours.demission_refusal_notified_on
            set=|d, v| d.parcours.demission_refusal_notified_on = v
        />
        <DateField
            ctx
            path="parcours.demissionRecoursFiledOn"
            label="Démission-reconversion : recours formé le"
            get=|d| d.parcours.demission_recours_filed_on
            set=|d, v| d.parcours.demission_recours_filed_on = v
        />
        <DateField
            ctx
            path="parcours.resignedOn"
            label="Démission donnée le"
            get=|d| d.parcours.resigned_on
            set=|d, v| d.parcours.resigned_on = v
        />
        <DateField
            ctx
            path="parcours.franceTravailRegisteredOn"
            label="Inscrit à France Travail le"
            get=|d| d.parcours.france_travail_registered_on
            set=|d, v| d.parcours.france_travail_registered_on = v
        />
        <DateField
            ctx
            path="parcours.vaeDossierCompleteOn"
            label="VAE : dossier de recevabilité complet reçu le"
            get=|d| d.parcours.vae_dossier_complete_on
            set=|d, v| d.parcours.vae_dossier_complete_on = v
        />
        <DateField
            ctx
            path="parcours.vaeLeaveStart"
            label="Congé VAE : premier jour d’absence"
            get=|d| d.parcours.vae_leave_start
            set=|d, v| d.parcours.vae_leave_start = v
        />
        <DateField
            ctx
            path="parcours.vaeLeaveRequestReceivedOn"
            label="Congé VAE : demande reçue par l’employeur le"
            get=|d| d.parcours.vae_leave_request_received_on
            set=|d, v| d.parcours.vae_leave_request_received_on = v
        />
    }
}
