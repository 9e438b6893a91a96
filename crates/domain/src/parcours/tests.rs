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
            "Codes ROME actuel et visé identiques : dossier irrecevable",
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
            let ctx = GuardContext { case: &case, documents: &docs, today: today(), params: &params };
            if unmet_conditions(current, to, ctx).is_empty() {
                prop_assert!(current.allows(to), "{current:?} → {to:?} passed outside the table");
                log.push(Transition { from: current, to, at: String::new(), actor: String::new(), reason: String::new(), documents: vec![] });
                current = to;
            }
        }
        prop_assert_eq!(replay(&log), Ok(current));
    }
}
