//! Guards (met and unmet), and the property that no sequence of attempts leaves the table.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::case::{Consent, Opco};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

/// A case that meets every guard up to the PTP filing.
fn ready_case() -> CaseData {
    let mut c = CaseData::default();
    c.beneficiary.consents.push(Consent {
        purpose: "CEP".into(),
        given_on: Some(today()),
        withdrawn_on: None,
    });
    c.situation.contract = Some(ContractKind::Cdi);
    c.situation.seniority_months_total = Some(60);
    c.situation.seniority_months_company = Some(30);
    c.situation.job_rome = "H2913".into();
    c.situation.employer.opco = Some(Opco::Opco2i);
    c.project.target_rome = "J1501".into();
    c.project.target_certification = "RNCP35830".into();
    c.parcours.training.start = NaiveDate::from_ymd_opt(2027, 4, 6);
    c.parcours.training.during_working_time = true;
    c.parcours.employer_answer = Some(EmployerAnswer::Accord);
    c.parcours.opco_scheme = Some(OpcoScheme::PeriodeReconversion);
    c.parcours.demission_contract_end = NaiveDate::from_ymd_opt(2027, 3, 31);
    c.parcours.salaried_days_in_window = Some(1_400);
    c.parcours.resigned_on = NaiveDate::from_ymd_opt(2027, 1, 31);
    c.parcours.france_travail_registered_on = NaiveDate::from_ymd_opt(2027, 4, 2);
    c.parcours.demission_recours_filed_on = NaiveDate::from_ymd_opt(2026, 11, 20);
    c
}

fn all_documents() -> Vec<Held> {
    <DocumentKind as Label>::ALL
        .iter()
        .map(|&kind| Held {
            kind,
            validated: false,
        })
        .collect()
}

fn check(from: Step, to: Step, case: &CaseData, docs: &[Held]) -> Vec<String> {
    let params = Parameters::default();
    unmet_conditions(
        from,
        to,
        GuardContext {
            case,
            documents: docs,
            today: today(),
            params: &params,
            reason: None,
        },
    )
}

#[test]
fn a_transition_outside_the_table_is_refused() {
    let unmet = check(
        Step::Accueil,
        Step::PtpDossierDepose,
        &ready_case(),
        &all_documents(),
    );
    assert_eq!(
        unmet,
        ["Passage non prévu de ACCUEIL à PTP_DOSSIER_DEPOSE."]
    );
}

#[test]
fn every_guard_met_and_unmet() {
    let docs = all_documents();
    let ready = ready_case();
    // (from, to, how to break the case, expected message fragment)
    type Break = fn(&mut CaseData);
    let cases: Vec<(Step, Step, Break, &str)> = vec![
        (
            Step::Accueil,
            Step::Accompagnement,
            |c| c.beneficiary.consents.clear(),
            "Consentement RGPD non recueilli",
        ),
        (
            Step::Accompagnement,
            Step::ProjetFormalise,
            |c| c.situation.job_rome.clear(),
            "Code ROME du métier actuel manquant",
        ),
        (
            Step::Accompagnement,
            Step::ProjetFormalise,
            |c| c.project.target_rome.clear(),
            "Code ROME du métier visé manquant",
        ),
        (
            Step::ProjetFormalise,
            Step::PtpPositionnement,
            |c| c.project.target_rome = "H2913".into(),
            "Codes ROME actuel et visé identiques : irrecevable sauf éléments objectifs",
        ),
        (
            Step::ProjetFormalise,
            Step::PtpPositionnement,
            |c| c.situation.contract = Some(ContractKind::DemandeurEmploi),
            "réservé aux salariés",
        ),
        (
            Step::ProjetFormalise,
            Step::PtpPositionnement,
            |c| c.project.target_certification.clear(),
            "Certification visée manquante",
        ),
        (
            Step::PtpPositionnement,
            Step::PtpAutorisationAbsence,
            |c| c.parcours.training.start = None,
            "Date d’entrée en formation manquante",
        ),
        (
            Step::PtpPositionnement,
            Step::PtpAutorisationAbsence,
            |c| c.parcours.training.during_working_time = false,
            "aucune autorisation d’absence",
        ),
        (
            Step::PtpAutorisationAbsence,
            Step::PtpDossierDepose,
            |c| c.parcours.employer_answer = None,
            "Autorisation d’absence de l’employeur non obtenue",
        ),
        (
            Step::PtpAutorisationAbsence,
            Step::PtpDossierDepose,
            |c| c.situation.seniority_months_company = Some(3),
            "il faut 24 mois dont 12",
        ),
        (
            Step::PtpAutorisationAbsence,
            Step::PtpDossierDepose,
            |c| {
                c.situation.contract = Some(ContractKind::Cdd);
                c.situation.contract_end = NaiveDate::from_ymd_opt(2026, 11, 1);
            },
            "avant la fin du contrat",
        ),
        (
            Step::ProjetFormalise,
            Step::DemissionDossier,
            |c| c.situation.contract = Some(ContractKind::Cdd),
            "réservée aux salariés en CDI",
        ),
        (
            Step::ProjetFormalise,
            Step::DemissionDossier,
            |c| c.parcours.salaried_days_in_window = Some(100),
            "100 jours travaillés sur 60 mois, du 31 mars 2022 au 31 mars 2027 ; il en faut 1300",
        ),
        (
            Step::ProjetFormalise,
            Step::DemissionDossier,
            |c| c.parcours.demission_contract_end = None,
            "Date de fin du contrat prévue (fin du préavis) à renseigner",
        ),
        (
            Step::DemissionAttestee,
            Step::DemissionDemissionne,
            |c| c.parcours.resigned_on = None,
            "Date de la démission à renseigner",
        ),
        (
            Step::DemissionDemissionne,
            Step::DemissionInscritFt,
            |c| c.parcours.france_travail_registered_on = None,
            "Date d’inscription à France Travail",
        ),
        (
            Step::DemissionRefusee,
            Step::DemissionRecours,
            |c| c.parcours.demission_recours_filed_on = None,
            "Date du recours gracieux",
        ),
        (
            Step::ProjetFormalise,
            Step::TranscoEligibilite,
            |_| {},
            "remplacé par la période de reconversion",
        ),
        (
            Step::ProjetFormalise,
            Step::OpcoDemande,
            |c| c.situation.employer.opco = None,
            "OPCO de l’employeur non renseigné",
        ),
        (
            Step::ProjetFormalise,
            Step::OpcoDemande,
            |c| c.parcours.opco_scheme = None,
            "Dispositif OPCO non choisi",
        ),
        (
            Step::ProjetFormalise,
            Step::OpcoDemande,
            |c| c.parcours.opco_scheme = Some(OpcoScheme::ProA),
            "Pro-A : remplacée par la période de reconversion",
        ),
        (
            Step::ProjetFormalise,
            Step::OpcoDemande,
            |c| c.parcours.training.start = NaiveDate::from_ymd_opt(2026, 1, 1),
            "avant l’entrée en formation",
        ),
        (
            Step::ProjetFormalise,
            Step::VaeRecevabilite,
            |c| c.project.target_certification.clear(),
            "Certification ou bloc visé manquant",
        ),
        (
            Step::OpcoAccord,
            Step::EnFormation,
            |c| c.parcours.training.start = None,
            "Date d’entrée en formation manquante",
        ),
    ];
    for (from, to, break_it, expected) in cases {
        let met = check(from, to, &ready, &docs);
        if to != Step::TranscoEligibilite {
            assert!(met.is_empty(), "{from:?} → {to:?} should pass: {met:?}");
        }
        let mut broken = ready.clone();
        break_it(&mut broken);
        let unmet = check(from, to, &broken, &docs);
        assert!(
            unmet.iter().any(|m| m.contains(expected)),
            "{from:?} → {to:?}: {unmet:?}"
        );
    }
}

#[test]
fn transitions_collectives_open_until_2025_for_a_fragilised_job() {
    let mut case = ready_case();
    case.situation.flags.metier_fragilise.set = true;
    let params = Parameters::default();
    let at = |y, m, d| GuardContext {
        case: &case,
        documents: &[],
        today: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        params: &params,
        reason: None,
    };
    assert!(
        unmet_conditions(
            Step::ProjetFormalise,
            Step::TranscoEligibilite,
            at(2025, 12, 31)
        )
        .is_empty()
    );
    assert_eq!(
        unmet_conditions(
            Step::ProjetFormalise,
            Step::TranscoEligibilite,
            at(2026, 1, 1)
        )
        .len(),
        1
    );
}

#[test]
fn demission_needs_the_cep_synthesis_and_the_attestation() {
    let case = ready_case();
    let unmet = check(Step::ProjetFormalise, Step::DemissionDossier, &case, &[]);
    assert!(
        unmet.contains(&"Synthèse de l’entretien CEP manquant".to_owned()),
        "{unmet:?}"
    );
    let unmet = check(Step::DemissionDossier, Step::DemissionAttestee, &case, &[]);
    assert_eq!(unmet, ["Attestation du caractère réel et sérieux manquant"]);
}

#[test]
fn missing_documents_block_and_are_named() {
    let ready = ready_case();
    let unmet = check(
        Step::PtpPositionnement,
        Step::PtpAutorisationAbsence,
        &ready,
        &[],
    );
    assert_eq!(
        unmet,
        [
            "Document de positionnement préalable manquant",
            "Devis approuvé manquant"
        ]
    );
    let some = [
        Held {
            kind: DocumentKind::Positionnement,
            validated: false,
        },
        Held {
            kind: DocumentKind::Devis,
            validated: false,
        },
    ];
    assert!(
        check(
            Step::PtpPositionnement,
            Step::PtpAutorisationAbsence,
            &ready,
            &some
        )
        .is_empty()
    );
    let unmet = check(
        Step::PtpAutorisationAbsence,
        Step::PtpDossierDepose,
        &ready,
        &some,
    );
    assert!(unmet.contains(&"RIB manquant".to_owned()), "{unmet:?}");
    assert!(
        unmet.contains(&"Autorisation d’absence de l’employeur manquant".to_owned()),
        "{unmet:?}"
    );
}

#[test]
fn replay_rejects_a_broken_log() {
    let t = |from, to| Transition {
        from,
        to,
        at: String::new(),
        actor: String::new(),
        reason: String::new(),
        documents: vec![],
    };
    assert_eq!(replay(&[]), Ok(Step::Accueil));
    assert_eq!(
        replay(&[t(Step::Accueil, Step::Accompagnement)]),
        Ok(Step::Accompagnement)
    );
    assert_eq!(
        replay(&[t(Step::Accompagnement, Step::ProjetFormalise)])
            .unwrap_err()
            .index,
        0
    );
    assert_eq!(
        replay(&[
            t(Step::Accueil, Step::Accompagnement),
            t(Step::Accompagnement, Step::EnFormation)
        ])
        .unwrap_err()
        .index,
        1
    );
}

proptest! {
    /// Random attempts, with random cases and documents: the current step only ever moves along
    /// the table, and replaying the recorded log gives the same step.
    #[test]
    fn attempts_never_leave_the_table_and_replay_agrees(
        attempts in proptest::collection::vec(0..ALL_STEPS.len(), 0..60),
        drop_docs in proptest::collection::vec(any::<bool>(), 20),
        breaks in proptest::collection::vec(any::<bool>(), 6),
    ) {
        let mut case = ready_case();
        if breaks[0] { case.beneficiary.consents.clear(); }
        if breaks[1] { case.project.target_rome = "H2913".into(); }
        if breaks[2] { case.parcours.employer_answer = None; }
        if breaks[3] { case.situation.seniority_months_company = Some(1); }
        if breaks[4] { case.parcours.training.start = None; }
        if breaks[5] { case.situation.contract = Some(ContractKind::Cdd); }
        let docs: Vec<Held> = all_documents()
            .into_iter()
            .zip(drop_docs.iter().chain(std::iter::repeat(&false)))
            .filter(|(_, drop)| !**drop)
            .map(|(d, _)| d)
            .collect();
        let params = Parameters::default();
        let mut current = Step::Accueil;
        let mut log = Vec::new();
        for i in attempts {
            let to = ALL_STEPS[i];
            let ctx = GuardContext { case: &case, documents: &docs, today: today(), params: &params, reason: None };
            if unmet_conditions(current, to, ctx).is_empty() {
                prop_assert!(current.allows(to), "{current:?} → {to:?} passed outside the table");
                log.push(Transition { from: current, to, at: String::new(), actor: String::new(), reason: String::new(), documents: vec![] });
                current = to;
            }
        }
        prop_assert_eq!(replay(&log), Ok(current));
    }
}

/// Issue 11, rule 1 (L5422-1 II, R5422-2-1; France Travail): the 1 300 days over the 60 months
/// before the end of the contract are checked by the guard, at the planned end of the contract,
/// not today. Reproduction: with 100 days, `DEMISSION_DOSSIER` listed two missing documents
/// and never the condition.
#[test]
fn l5422_1_demission_needs_1300_days_before_the_end_of_the_contract() {
    let mut c = ready_case();
    c.parcours.salaried_days_in_window = Some(100);
    let unmet = check(
        Step::ProjetFormalise,
        Step::DemissionDossier,
        &c,
        &all_documents(),
    );
    assert!(
        unmet
            .iter()
            .any(|m| m.starts_with("100 jours travaillés sur 60 mois")),
        "{unmet:?}"
    );
    // The window is counted back from the planned end of notice (31 March 2027), not today.
    let rules = demission_eligibility(&c, today(), &Parameters::default());
    assert!(
        rules[0]
            .explanation
            .contains("du 31 mars 2022 au 31 mars 2027"),
        "{}",
        rules[0].explanation
    );
    c.parcours.salaried_days_in_window = Some(1_300);
    assert!(
        check(
            Step::ProjetFormalise,
            Step::DemissionDossier,
            &c,
            &all_documents()
        )
        .is_empty()
    );
}

/// Rule 3 (R6323-15, R6323-16): « tout ou partie » — a partial agreement goes to recours; an
/// unanswered recours opens the mediation after its 2 months.
#[test]
fn r6323_15_partial_agreement_recours_and_mediation_without_answer() {
    assert!(Step::PtpAccordPartiel.allows(Step::PtpRecours));
    let mut c = ready_case();
    c.parcours.recours_filed_on = NaiveDate::from_ymd_opt(2026, 9, 1);
    assert!(
        check(Step::PtpRecours, Step::Mediation, &c, &all_documents()).is_empty(),
        "2 months passed on 1 November"
    );
    c.parcours.recours_filed_on = NaiveDate::from_ymd_opt(2026, 10, 15);
    let unmet = check(Step::PtpRecours, Step::Mediation, &c, &all_documents());
    assert!(unmet[0].contains("après le 15 décembre 2026"), "{unmet:?}");
}

/// Rule 3 (R5422-2-2): a refused démission-reconversion project has its own recours.
#[test]
fn r5422_2_2_a_refused_demission_project_can_be_contested() {
    assert!(Step::DemissionRefusee.allows(Step::DemissionRecours));
    assert!(Step::DemissionRecours.allows(Step::DemissionAttestee));
}

/// Rule 7 (R6323-10-1): a postponement is a step; filing after it checks the 9 months from the
/// start written in the request.
#[test]
fn r6323_10_1_postponement_step_and_its_nine_months() {
    let mut c = ready_case();
    c.parcours.employer_answer = Some(EmployerAnswer::Report);
    c.parcours.postponement_ground = Some(PostponementGround::Production);
    c.parcours.training.requested_start = NaiveDate::from_ymd_opt(2027, 1, 4);
    assert!(
        check(
            Step::PtpAutorisationAbsence,
            Step::PtpReporte,
            &c,
            &all_documents()
        )
        .is_empty()
    );
    assert!(
        check(
            Step::PtpReporte,
            Step::PtpDossierDepose,
            &c,
            &all_documents()
        )
        .is_empty()
    );
    c.parcours.training.start = NaiveDate::from_ymd_opt(2027, 10, 5);
    let unmet = check(
        Step::PtpReporte,
        Step::PtpDossierDepose,
        &c,
        &all_documents(),
    );
    assert!(
        unmet
            .iter()
            .any(|m| m.contains("au plus tard le 4 octobre 2027")),
        "{unmet:?}"
    );
}

/// Rule 8 (Transitions Pro practice: « sans autre élément objectif »): same ROME codes block
/// unless the counsellor records the objective elements of the change.
#[test]
fn same_rome_is_overridden_by_a_recorded_justification() {
    let mut c = ready_case();
    c.project.target_rome = c.situation.job_rome.clone();
    assert!(
        !check(
            Step::ProjetFormalise,
            Step::PtpPositionnement,
            &c,
            &all_documents()
        )
        .is_empty()
    );
    c.project.rome_change_justification =
        "Passage de l’atelier au bureau d’études, autre NAF".into();
    assert!(
        check(
            Step::ProjetFormalise,
            Step::PtpPositionnement,
            &c,
            &all_documents()
        )
        .is_empty()
    );
}

/// Rule 9: every in-progress step has a way out, with a reason.
#[test]
fn every_in_progress_step_can_be_withdrawn_with_a_reason() {
    for step in [
        Step::PtpDossierDepose,
        Step::PtpEnInstruction,
        Step::PtpAjourne,
        Step::PtpRecours,
        Step::OpcoDemande,
        Step::DemissionDossier,
        Step::DemissionInscritFt,
        Step::VaeRecevabilite,
    ] {
        assert!(step.allows(Step::RetraitAbandon), "{step:?}");
    }
    let params = Parameters::default();
    let c = ready_case();
    let ctx = |reason| GuardContext {
        case: &c,
        documents: &[],
        today: today(),
        params: &params,
        reason: Some(reason),
    };
    assert!(!unmet_conditions(Step::PtpEnInstruction, Step::RetraitAbandon, ctx("  ")).is_empty());
    assert!(
        unmet_conditions(
            Step::PtpEnInstruction,
            Step::RetraitAbandon,
            ctx("changement de projet")
        )
        .is_empty()
    );
}

/// Rule 10 (CDD, DOMAIN §2.2.1): the training starts at most 6 months after the contract's end
/// (a parameter), enforced at the filing.
#[test]
fn cdd_training_start_within_six_months_is_enforced() {
    let mut c = ready_case();
    c.situation.contract = Some(ContractKind::Cdd);
    c.situation.contract_end = NaiveDate::from_ymd_opt(2026, 12, 31);
    c.parcours.salaried_months_last_60 = Some(30);
    c.parcours.cdd_months_last_12 = Some(6);
    c.parcours.training.start = NaiveDate::from_ymd_opt(2027, 6, 30);
    assert!(
        check(
            Step::PtpAutorisationAbsence,
            Step::PtpDossierDepose,
            &c,
            &all_documents()
        )
        .is_empty()
    );
    c.parcours.training.start = NaiveDate::from_ymd_opt(2027, 7, 1);
    let unmet = check(
        Step::PtpAutorisationAbsence,
        Step::PtpDossierDepose,
        &c,
        &all_documents(),
    );
    assert!(
        unmet
            .iter()
            .any(|m| m.contains("au plus tard le 30 juin 2027")),
        "{unmet:?}"
    );
}
