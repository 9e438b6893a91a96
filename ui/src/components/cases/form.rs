//! The case form, for a new case and for editing one: three sections, live validation, and a
//! save that keeps everything typed when it fails.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use passerelle_domain::AppError;
use passerelle_domain::case::{
    AbsenceCause, CaseData, CaseId, Civility, ContractKind, HeadcountBand, Opco, WorkingTime,
};
use passerelle_domain::i18n::parse_euros;
use passerelle_domain::parcours::{
    EmployerAnswer, IntermittentProfile, Modality, OpcoScheme, PostponementGround,
};

use super::fields::{
    CheckField, DateField, FormCtx, FundingEditor, SelectField, TextArea, TextField, code_of,
    enum_options, from_code,
};
use crate::{api, guard};

fn digits_u8(text: &str) -> Option<u8> {
    text.trim().parse().ok()
}

fn digits_u16(text: &str) -> Option<u16> {
    text.trim().parse().ok()
}

/// `id`: the case being edited, or `None` for a new one.
#[component]
pub fn CaseForm(id: Option<CaseId>, initial: CaseData) -> impl IntoView {
    let ctx = FormCtx::new(initial.clone());
    let unsaved = guard::unsaved();
    Effect::new(move || {
        let dirty = ctx.data.with(|d| *d != initial);
        unsaved.0.set(dirty);
    });
    on_cleanup(move || unsaved.0.set(false));

    let territories = LocalResource::new(api::cases::territories);
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

    let notice = RwSignal::new(None::<String>);
    let navigate = use_navigate();
    let save = Action::new_local(move |data: &CaseData| {
        let data = data.clone();
        async move {
            match id {
                Some(id) => api::cases::update(id, data).await,
                None => api::cases::create(data).await,
            }
        }
    });
    Effect::new(move || match save.value().get() {
        Some(Ok(saved)) => {
            unsaved.0.set(false);
            navigate(&format!("/dossiers/{}", saved.case.id), Default::default());
        }
        Some(Err(AppError::Validation { errors })) => {
            ctx.server_errors.set(errors);
            notice.set(Some(
                "Le dossier n’est pas enregistré : corrigez les champs signalés.".into(),
            ));
        }
        Some(Err(other)) => notice.set(Some(format!(
            "Le dossier n’est pas enregistré : {} Vos saisies sont conservées.",
            other.user_message()
        ))),
        None => {}
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        ctx.show_all.set(true);
        let unreadable = !ctx.unreadable_dates.with_untracked(|d| d.is_empty());
        if unreadable || !ctx.report.with_untracked(|r| r.errors.is_empty()) {
            notice.set(Some(
                "Le dossier n’est pas enregistré : corrigez les champs signalés.".into(),
            ));
            focus_first_error();
            return;
        }
        notice.set(None);
        save.dispatch(ctx.data.get_untracked());
    };

    view! {
        <form id="case-form" class="case-form" on:submit=on_submit novalidate=true>
            <fieldset>
                <legend>"Identité"</legend>
                <div class="grid">
                    <SelectField ctx path="beneficiary.civility" label="Civilité"
                        options=Signal::derive(enum_options::<Civility>)
                        get=|d| d.beneficiary.civility.map(code_of).unwrap_or_default()
                        set=|d, v| d.beneficiary.civility = from_code(&v)/>
                    <TextField ctx path="beneficiary.birthName" label="Nom de naissance" required=true
                        get=|d| d.beneficiary.birth_name.clone() set=|d, v| d.beneficiary.birth_name = v/>
                    <TextField ctx path="beneficiary.usageName" label="Nom d’usage"
                        get=|d| d.beneficiary.usage_name.clone() set=|d, v| d.beneficiary.usage_name = v/>
                    <TextField ctx path="beneficiary.firstNames" label="Prénoms" required=true
                        get=|d| d.beneficiary.first_names.clone() set=|d, v| d.beneficiary.first_names = v/>
                    <DateField ctx path="beneficiary.birthDate" label="Date de naissance"
                        get=|d| d.beneficiary.birth_date set=|d, v| d.beneficiary.birth_date = v/>
                    <TextField ctx path="beneficiary.nir" label="NIR (facultatif)" placeholder="1 85 05 57 463 123 45"
                        get=|d| d.beneficiary.nir.clone() set=|d, v| d.beneficiary.nir = v/>
                    <TextField ctx path="beneficiary.email" label="E-mail" kind="email"
                        get=|d| d.beneficiary.email.clone() set=|d, v| d.beneficiary.email = v/>
                    <TextField ctx path="beneficiary.phone" label="Téléphone" kind="tel"
                        get=|d| d.beneficiary.phone.clone() set=|d, v| d.beneficiary.phone = v/>
                    <TextField ctx path="beneficiary.postalCode" label="Code postal"
                        get=|d| d.beneficiary.postal_code.clone() set=|d, v| d.beneficiary.postal_code = v/>
                    <TextField ctx path="beneficiary.commune" label="Commune"
                        get=|d| d.beneficiary.commune.clone() set=|d, v| d.beneficiary.commune = v/>
                    <SelectField ctx path="beneficiary.territory" label="Territoire" required=true
                        options=territory_options
                        get=|d| d.beneficiary.territory.clone() set=|d, v| d.beneficiary.territory = v/>
                    <SelectField ctx path="beneficiary.diplomaLevel" label="Niveau de diplôme"
                        options=levels
                        get=|d| d.beneficiary.diploma_level.map(|n| n.to_string()).unwrap_or_default()
                        set=|d, v| d.beneficiary.diploma_level = digits_u8(&v)/>
                </div>
            </fieldset>
            <fieldset>
                <legend>"Situation professionnelle"</legend>
                <div class="grid">
                    <TextField ctx path="situation.employer.name" label="Employeur (raison sociale)"
                        get=|d| d.situation.employer.name.clone() set=|d, v| d.situation.employer.name = v/>
                    <TextField ctx path="situation.employer.siret" label="SIRET"
                        get=|d| d.situation.employer.siret.clone() set=|d, v| d.situation.employer.siret = v/>
                    <CheckField ctx path="situation.employer.foreignIdentifier" label="Identifiant étranger (non vérifiable)"
                        get=|d| d.situation.employer.foreign_identifier set=|d, v| d.situation.employer.foreign_identifier = v/>
                    <TextField ctx path="situation.employer.idcc" label="IDCC"
                        get=|d| d.situation.employer.idcc.clone() set=|d, v| d.situation.employer.idcc = v/>
                    <TextField ctx path="situation.employer.naf" label="Code NAF"
                        get=|d| d.situation.employer.naf.clone() set=|d, v| d.situation.employer.naf = v/>
                    <SelectField ctx path="situation.employer.headcount" label="Effectif"
                        options=Signal::derive(enum_options::<HeadcountBand>)
                        get=|d| d.situation.employer.headcount.map(code_of).unwrap_or_default()
                        set=|d, v| d.situation.employer.headcount = from_code(&v)/>
                    <SelectField ctx path="situation.employer.opco" label="OPCO"
                        options=Signal::derive(enum_options::<Opco>)
                        get=|d| d.situation.employer.opco.map(code_of).unwrap_or_default()
                        set=|d, v| d.situation.employer.opco = from_code(&v)/>
                    <SelectField ctx path="situation.contract" label="Contrat"
                        options=Signal::derive(enum_options::<ContractKind>)
                        get=|d| d.situation.contract.map(code_of).unwrap_or_default()
                        set=|d, v| d.situation.contract = from_code(&v)/>
                    <DateField ctx path="situation.contractStart" label="Début du contrat"
                        get=|d| d.situation.contract_start set=|d, v| d.situation.contract_start = v/>
                    <DateField ctx path="situation.contractEnd" label="Fin du contrat"
                        get=|d| d.situation.contract_end set=|d, v| d.situation.contract_end = v/>
                    <SelectField ctx path="situation.workingTime" label="Temps de travail"
                        options=Signal::derive(enum_options::<WorkingTime>)
                        get=|d| d.situation.working_time.map(code_of).unwrap_or_default()
                        set=|d, v| d.situation.working_time = from_code(&v)/>
                    <TextField ctx path="situation.jobTitle" label="Poste occupé"
                        get=|d| d.situation.job_title.clone() set=|d, v| d.situation.job_title = v/>
                    <TextField ctx path="situation.jobRome" label="Code ROME actuel" placeholder="H2913"
                        get=|d| d.situation.job_rome.clone() set=|d, v| d.situation.job_rome = v/>
                    <TextField ctx path="situation.seniorityMonthsTotal" label="Ancienneté salariée (mois)" kind="number"
                        get=|d| d.situation.seniority_months_total.map(|n| n.to_string()).unwrap_or_default()
                        set=|d, v| d.situation.seniority_months_total = digits_u16(&v)/>
                    <TextField ctx path="situation.seniorityMonthsCompany" label="Dont dans l’entreprise (mois)" kind="number"
                        get=|d| d.situation.seniority_months_company.map(|n| n.to_string()).unwrap_or_default()
                        set=|d, v| d.situation.seniority_months_company = digits_u16(&v)/>
                </div>
                <div class="flags" role="group" aria-label="Situations ouvrant des droits (aucun détail médical)">
                    <p class="help">"Situations ouvrant des droits — cochez et indiquez le justificatif, sans aucun détail médical."</p>
                    <CheckField ctx path="situation.flags.metierFragilise.set" label="Métier fragilisé"
                        get=|d| d.situation.flags.metier_fragilise.set set=|d, v| d.situation.flags.metier_fragilise.set = v/>
                    <CheckField ctx path="situation.flags.oeth.set" label="Bénéficiaire de l’obligation d’emploi (OETH, RQTH)"
                        get=|d| d.situation.flags.oeth.set set=|d, v| d.situation.flags.oeth.set = v/>
                    <CheckField ctx path="situation.flags.inaptitude.set" label="Inaptitude reconnue ou en cours"
                        get=|d| d.situation.flags.inaptitude.set set=|d, v| d.situation.flags.inaptitude.set = v/>
                    <CheckField ctx path="situation.flags.longAbsence.set" label="Absence pour raison de santé dans les 24 mois avant la demande"
                        get=|d| d.situation.flags.long_absence.set set=|d, v| d.situation.flags.long_absence.set = v/>
                    <SelectField ctx path="situation.flags.longAbsenceCause" label="Exemption d’ancienneté applicable (sans détail médical)"
                        options=Signal::derive(enum_options::<AbsenceCause>)
                        get=|d| d.situation.flags.long_absence_cause.map(code_of).unwrap_or_default()
                        set=|d, v| d.situation.flags.long_absence_cause = from_code(&v)/>
                </div>
            </fieldset>
            <fieldset>
                <legend>"Projet"</legend>
                <div class="grid">
                    <TextField ctx path="project.targetRome" label="Code ROME visé" placeholder="J1501"
                        get=|d| d.project.target_rome.clone() set=|d, v| d.project.target_rome = v/>
                    <TextField ctx path="project.targetCertification" label="Certification visée (RNCP, RS, bloc)" placeholder="RNCP38596"
                        get=|d| d.project.target_certification.clone() set=|d, v| d.project.target_certification = v/>
                    <TextArea ctx path="project.motive" label="Motif de la demande"
                        get=|d| d.project.motive.clone() set=|d, v| d.project.motive = v/>
                    <TextArea ctx path="project.notes" label="Notes"
                        get=|d| d.project.notes.clone() set=|d, v| d.project.notes = v/>
                    <TextArea ctx path="project.employmentProspects" label="Perspectives d’emploi (offres, promesse d’embauche, enquête métier)"
                        get=|d| d.project.employment_prospects.clone() set=|d, v| d.project.employment_prospects = v/>
                    <TextField ctx path="project.mobilityZone" label="Zone de mobilité" placeholder="30 km autour du domicile"
                        get=|d| d.project.mobility_zone.clone() set=|d, v| d.project.mobility_zone = v/>
                    <CheckField ctx path="project.targetInDemand" label="Métier visé porteur ou émergent (liste régionale)"
                        get=|d| d.project.target_in_demand set=|d, v| d.project.target_in_demand = v/>
                    <TextArea ctx path="project.cepOpinion" label="Avis et synthèse du conseiller CEP (pour le comité)"
                        get=|d| d.project.cep_opinion.clone() set=|d, v| d.project.cep_opinion = v/>
                    <TextArea ctx path="project.romeChangeJustification" label="Codes ROME identiques : éléments objectifs du changement de métier"
                        get=|d| d.project.rome_change_justification.clone() set=|d, v| d.project.rome_change_justification = v/>
                </div>
            </fieldset>
            <fieldset>
                <legend>"Formation et étapes du parcours"</legend>
                <div class="grid">
                    <TextField ctx path="parcours.training.title" label="Formation (intitulé)"
                        get=|d| d.parcours.training.title.clone() set=|d, v| d.parcours.training.title = v/>
                    <TextField ctx path="parcours.training.provider" label="Organisme de formation"
                        get=|d| d.parcours.training.provider.clone() set=|d, v| d.parcours.training.provider = v/>
                    <CheckField ctx path="parcours.training.providerQualiopi" label="Organisme certifié Qualiopi"
                        get=|d| d.parcours.training.provider_qualiopi set=|d, v| d.parcours.training.provider_qualiopi = v/>
                    <DateField ctx path="parcours.training.start" label="Entrée en formation"
                        get=|d| d.parcours.training.start set=|d, v| d.parcours.training.start = v/>
                    <DateField ctx path="parcours.training.end" label="Fin de formation"
                        get=|d| d.parcours.training.end set=|d, v| d.parcours.training.end = v/>
                    <TextField ctx path="parcours.training.hours" label="Heures (après positionnement)" kind="number"
                        get=|d| d.parcours.training.hours.map(|n| n.to_string()).unwrap_or_default()
                        set=|d, v| d.parcours.training.hours = v.trim().parse().ok()/>
                    <SelectField ctx path="parcours.training.modality" label="Modalité"
                        options=Signal::derive(enum_options::<Modality>)
                        get=|d| d.parcours.training.modality.map(code_of).unwrap_or_default()
                        set=|d, v| d.parcours.training.modality = from_code(&v)/>
                    <TextField ctx path="parcours.training.costCents" label="Coût pédagogique (€)"
                        get=|d| d.parcours.training.cost_cents.map(|c| format!("{},{:02}", c / 100, c % 100)).unwrap_or_default()
                        set=|d, v| d.parcours.training.cost_cents = parse_euros(&v)/>
                    <CheckField ctx path="parcours.training.duringWorkingTime" label="Sur le temps de travail (autorisation d’absence)"
                        get=|d| d.parcours.training.during_working_time set=|d, v| d.parcours.training.during_working_time = v/>
                    <SelectField ctx path="parcours.training.partTime" label="Rythme de la formation (préavis 120 ou 60 jours)"
                        options=Signal::derive(|| vec![
                            ("temps_plein".to_owned(), "À temps plein (travail suspendu)".to_owned()),
                            ("temps_partiel".to_owned(), "À temps partiel (en parallèle du travail)".to_owned()),
                        ])
                        get=|d| match d.parcours.training.part_time {
                            Some(true) => "temps_partiel".to_owned(),
                            Some(false) => "temps_plein".to_owned(),
                            None => String::new(),
                        }
                        set=|d, v| d.parcours.training.part_time = match v.as_str() {
                            "temps_partiel" => Some(true),
                            "temps_plein" => Some(false),
                            _ => None,
                        }/>
                    <DateField ctx path="parcours.training.requestedStart" label="Début demandé à l’employeur (demande d’absence)"
                        get=|d| d.parcours.training.requested_start set=|d, v| d.parcours.training.requested_start = v/>
                    <DateField ctx path="parcours.absenceRequestReceivedOn" label="Demande d’absence reçue par l’employeur le"
                        get=|d| d.parcours.absence_request_received_on set=|d, v| d.parcours.absence_request_received_on = v/>
                    <SelectField ctx path="parcours.employerAnswer" label="Réponse de l’employeur"
                        options=Signal::derive(enum_options::<EmployerAnswer>)
                        get=|d| d.parcours.employer_answer.map(code_of).unwrap_or_default()
                        set=|d, v| d.parcours.employer_answer = from_code(&v)/>
                    <DateField ctx path="parcours.employerAnswerOn" label="Réponse reçue le"
                        get=|d| d.parcours.employer_answer_on set=|d, v| d.parcours.employer_answer_on = v/>
                    <SelectField ctx path="parcours.postponementGround" label="Motif du report (si l’employeur reporte)"
                        options=Signal::derive(enum_options::<PostponementGround>)
                        get=|d| d.parcours.postponement_ground.map(code_of).unwrap_or_default()
                        set=|d, v| d.parcours.postponement_ground = from_code(&v)/>
                    <SelectField ctx path="parcours.opcoScheme" label="Dispositif OPCO"
                        options=Signal::derive(enum_options::<OpcoScheme>)
                        get=|d| d.parcours.opco_scheme.map(code_of).unwrap_or_default()
                        set=|d, v| d.parcours.opco_scheme = from_code(&v)/>
                    <DateField ctx path="parcours.dossierFiledOn" label="Dossier déposé le"
                        get=|d| d.parcours.dossier_filed_on set=|d, v| d.parcours.dossier_filed_on = v/>
                    <DateField ctx path="parcours.commissionOn" label="Commission du"
                        get=|d| d.parcours.commission_on set=|d, v| d.parcours.commission_on = v/>
                    <DateField ctx path="parcours.refusalNotifiedOn" label="Notification de refus envoyée le"
                        get=|d| d.parcours.refusal_notified_on set=|d, v| d.parcours.refusal_notified_on = v/>
                    <DateField ctx path="parcours.recoursFiledOn" label="Recours gracieux formé le"
                        get=|d| d.parcours.recours_filed_on set=|d, v| d.parcours.recours_filed_on = v/>
                    <DateField ctx path="parcours.demissionContractEnd" label="Démission-reconversion : fin du contrat prévue (fin du préavis)"
                        get=|d| d.parcours.demission_contract_end set=|d, v| d.parcours.demission_contract_end = v/>
                    <DateField ctx path="parcours.demissionAttestedOn" label="Démission-reconversion : attestation du"
                        get=|d| d.parcours.demission_attested_on set=|d, v| d.parcours.demission_attested_on = v/>
                    <DateField ctx path="parcours.demissionRefusalNotifiedOn" label="Démission-reconversion : refus notifié le"
                        get=|d| d.parcours.demission_refusal_notified_on set=|d, v| d.parcours.demission_refusal_notified_on = v/>
                    <DateField ctx path="parcours.demissionRecoursFiledOn" label="Démission-reconversion : recours formé le"
                        get=|d| d.parcours.demission_recours_filed_on set=|d, v| d.parcours.demission_recours_filed_on = v/>
                    <DateField ctx path="parcours.resignedOn" label="Démission donnée le"
                        get=|d| d.parcours.resigned_on set=|d, v| d.parcours.resigned_on = v/>
                    <DateField ctx path="parcours.franceTravailRegisteredOn" label="Inscrit à France Travail le"
                        get=|d| d.parcours.france_travail_registered_on set=|d, v| d.parcours.france_travail_registered_on = v/>
                    <DateField ctx path="parcours.vaeDossierCompleteOn" label="VAE : dossier de recevabilité complet reçu le"
                        get=|d| d.parcours.vae_dossier_complete_on set=|d, v| d.parcours.vae_dossier_complete_on = v/>
                    <DateField ctx path="parcours.vaeLeaveStart" label="Congé VAE : premier jour d’absence"
                        get=|d| d.parcours.vae_leave_start set=|d, v| d.parcours.vae_leave_start = v/>
                    <DateField ctx path="parcours.vaeLeaveRequestReceivedOn" label="Congé VAE : demande reçue par l’employeur le"
                        get=|d| d.parcours.vae_leave_request_received_on set=|d, v| d.parcours.vae_leave_request_received_on = v/>
                </div>
                <FundingEditor ctx/>
                <p class="help">"Éligibilité selon le contrat (laisser vide si sans objet)."</p>
                <div class="grid">
                    <TextField ctx path="parcours.salariedMonthsLast60" label="CDD : mois salariés sur 5 ans" kind="number"
                        get=|d| d.parcours.salaried_months_last_60.map(|n| n.to_string()).unwrap_or_default()
                        set=|d, v| d.parcours.salaried_months_last_60 = v.trim().parse().ok()/>
                    <TextField ctx path="parcours.cddMonthsLast12" label="CDD : mois de CDD sur 12 mois" kind="number"
                        get=|d| d.parcours.cdd_months_last_12.map(|n| n.to_string()).unwrap_or_default()
                        set=|d, v| d.parcours.cdd_months_last_12 = v.trim().parse().ok()/>
                    <TextField ctx path="parcours.interimHoursLast18Months" label="Intérim : heures sur 18 mois" kind="number"
                        get=|d| d.parcours.interim_hours_last_18_months.map(|n| n.to_string()).unwrap_or_default()
                        set=|d, v| d.parcours.interim_hours_last_18_months = v.trim().parse().ok()/>
                    <TextField ctx path="parcours.interimHoursInAgency" label="Intérim : dont heures dans l’agence" kind="number"
                        get=|d| d.parcours.interim_hours_in_agency.map(|n| n.to_string()).unwrap_or_default()
                        set=|d, v| d.parcours.interim_hours_in_agency = v.trim().parse().ok()/>
                    <TextField ctx path="parcours.salariedDaysInWindow" label="Démission : jours travaillés sur 60 mois" kind="number"
                        get=|d| d.parcours.salaried_days_in_window.map(|n| n.to_string()).unwrap_or_default()
                        set=|d, v| d.parcours.salaried_days_in_window = v.trim().parse().ok()/>
                    <CheckField ctx path="parcours.jobChangeAfterDismissal" label="Nouvel emploi après licenciement économique ou pour inaptitude"
                        get=|d| d.parcours.job_change_after_dismissal set=|d, v| d.parcours.job_change_after_dismissal = v/>
                    <TextField ctx path="situation.seniorityOverrideReason" label="Ancienneté saisie à la main : motif (sinon calculée depuis le début du contrat)"
                        get=|d| d.situation.seniority_override_reason.clone() set=|d, v| d.situation.seniority_override_reason = v/>
                    <SelectField ctx path="parcours.intermittent.profile" label="Intermittent : profil"
                        options=Signal::derive(enum_options::<IntermittentProfile>)
                        get=|d| d.parcours.intermittent.profile.map(code_of).unwrap_or_default()
                        set=|d, v| d.parcours.intermittent.profile = from_code(&v)/>
                    <TextField ctx path="parcours.intermittent.daysTotal" label="Intermittent : jours ou cachets sur 2 à 5 ans" kind="number"
                        get=|d| d.parcours.intermittent.days_total.map(|n| n.to_string()).unwrap_or_default()
                        set=|d, v| d.parcours.intermittent.days_total = v.trim().parse().ok()/>
                    <TextField ctx path="parcours.intermittent.daysLast24Months" label="Intermittent : jours sur 24 mois" kind="number"
                        get=|d| d.parcours.intermittent.days_last_24_months.map(|n| n.to_string()).unwrap_or_default()
                        set=|d, v| d.parcours.intermittent.days_last_24_months = v.trim().parse().ok()/>
                    <TextField ctx path="parcours.intermittent.daysLast12Months" label="Intermittent : jours sur 12 mois" kind="number"
                        get=|d| d.parcours.intermittent.days_last_12_months.map(|n| n.to_string()).unwrap_or_default()
                        set=|d, v| d.parcours.intermittent.days_last_12_months = v.trim().parse().ok()/>
                    <CheckField ctx path="parcours.intermittent.verifiedOnDocuments" label="Intermittent : conditions vérifiées sur pièces"
                        get=|d| d.parcours.intermittent.verified_on_documents set=|d, v| d.parcours.intermittent.verified_on_documents = v/>
                </div>
            </fieldset>
            <div class="actions sticky">
                <button type="submit" id="case-save" disabled=move || save.pending().get()>"Enregistrer"</button>
                <span id="case-notice" role="status" class="notice-error">{move || notice.get()}</span>
            </div>
        </form>
    }
}

/// Moves the keyboard focus to the first field showing an error.
fn focus_first_error() {
    request_animation_frame(|| {
        if let Some(el) = document()
            .query_selector("[aria-invalid=\"true\"]")
            .ok()
            .flatten()
        {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}
