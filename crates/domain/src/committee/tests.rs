use std::collections::HashSet;

use chrono::NaiveDate;

use super::*;
use crate::case::{CaseData, CaseFile, CaseId, Civility, ContractKind};
use crate::params::Parameters;
use crate::parcours::{Funder, FundingLine, ParcoursView, RuleOutcome, RuleResult, Transition};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn sample_case() -> CaseFile {
    let mut data = CaseData::default();
    let b = &mut data.beneficiary;
    b.civility = Some(Civility::Madame);
    b.birth_name = "Hébert".into();
    b.first_names = "Élodie".into();
    b.birth_date = Some(day(1984, 5, 12));
    b.nir = "284055746300464".into();
    b.email = "elodie.hebert@exemple.fr".into();
    b.phone = "06 12 34 56 78".into();
    b.postal_code = "57400".into();
    b.commune = "Sarrebourg".into();
    b.territory = "Moselle Sud".into();
    b.diploma_level = Some(3);
    data.situation.contract = Some(ContractKind::Cdi);
    data.situation.employer.name = "Cristallerie Hébert".into();
    data.situation.job_rome = "H2909".into();
    data.situation.flags.oeth.set = true;
    data.project.target_rome = "J1501".into();
    data.project.motive =
        "Élodie Hébert veut devenir aide-soignante (appeler le 06 12 34 56 78).".into();
    data.parcours.funding = vec![FundingLine {
        funder: Funder::TransitionsPro,
        amount_cents: 1_250_000,
        covers: "Frais pédagogiques".into(),
    }];
    CaseFile {
        id: crate::ids::CaseId(7),
        reference: "PAS-2026-00007".into(),
        counsellor: "Françoise Dupré".into(),
        data,
        created_at: "2026-01-05T09:00:00Z".into(),
        updated_at: "2026-01-05T09:00:00Z".into(),
        archived_at: None,
        purged_at: None,
    }
}

fn sample_view(case_id: CaseId) -> ParcoursView {
    ParcoursView {
        case_id,
        current: Step::PtpEnInstruction,
        history: vec![Transition {
            from: Step::PtpDossierDepose,
            to: Step::PtpEnInstruction,
            at: "2026-03-02T10:00:00Z".into(),
            actor: "Françoise Dupré".into(),
            reason: "Dossier d’Élodie complet".into(),
            documents: vec![],
        }],
        next: vec![],
        checklist_step: None,
        checklist: vec![],
        deadlines: vec![],
        eligibility: vec![RuleResult {
            rule: "Ancienneté (projet de transition professionnelle)".into(),
            outcome: RuleOutcome::Exempt,
            explanation: "Condition d’ancienneté non exigée : bénéficiaire de l’obligation d’emploi (justificatif fourni).".into(),
        }],
        eligibility_at: day(2026, 9, 1),
        demission_eligibility: vec![],
        demission_at: None,
        plan: vec![],
        notes: vec![],
    }
}

fn built(variant: &Variant) -> DossierView {
    let case = sample_case();
    let view = sample_view(case.id);
    let params = Parameters::default();
    let acquired = HashSet::new();
    let input = DossierInput {
        case: &case,
        parcours: &view,
        params: &params,
        certification: None,
        acquired_blocs: &acquired,
        checklist_step: None,
        checklist: &[],
        counsellor: "Françoise Dupré",
        structure: "Maison de l’emploi",
        meeting: None,
        changes_since: Some(ChangesSince {
            meeting_on: day(2026, 2, 1),
            outcome: "Ajourné".into(),
            changes: vec![
                (
                    "2026-02-10T08:00:00Z".into(),
                    crate::journal::FieldChange {
                        field: "beneficiary.phone".into(),
                        before: Some("06 00 00 00 00".into()),
                        after: Some("06 12 34 56 78".into()),
                    },
                ),
                (
                    "2026-02-11T08:00:00Z".into(),
                    crate::journal::FieldChange {
                        field: "parcours.training.hours".into(),
                        before: Some("1400".into()),
                        after: Some("1100".into()),
                    },
                ),
            ],
        }),
        outcome: None,
        at: day(2026, 3, 10),
        recipients: &[],
        show_provider: false,
        matched: None,
    };
    build(&input, variant)
}

#[test]
fn a_pseudonymised_dossier_holds_none_of_the_personal_fields() {
    let view = built(&Variant::Pseudonymised {
        pseudonym: "D-7K3Q9".into(),
    });
    // The findings are for the counsellor who exports (they quote the text to rewrite); the
    // rest of the view is what the committee reads.
    let kinds: Vec<_> = view.findings.iter().map(|f| f.kind).collect();
    assert!(kinds.contains(&disclosure::FindingKind::Name), "{kinds:?}");
    assert!(kinds.contains(&disclosure::FindingKind::Phone), "{kinds:?}");
    let mut committee_part = view.clone();
    committee_part.findings.clear();
    let json = serde_json::to_string(&committee_part)
        .unwrap()
        .to_lowercase();
    for personal in [
        "hébert",
        "hebert",
        "élodie",
        "elodie",
        "284055746300464",
        "06 12 34",
        "57400",
        "sarrebourg",
        "1984",
        "12 mai",
        "obligation d’emploi",
        "é. h.",
        "non exigée",
    ] {
        assert!(!json.contains(personal), "« {personal} » found in {json}");
    }
    assert_eq!(view.identity, "D-7K3Q9");
    assert!(view.beneficiary.iter().any(|r| r.value == "40 à 49 ans"));
    // The current trade by its domain only; the target trade in full (it is the project).
    assert_eq!(view.current_trade.code, "H");
    assert_eq!(view.current_trade.label, "domaine « Industrie »");
    assert_eq!(view.target_trade.code, "J1501");
    assert!(view.notice.is_some());
    let (_, changes) = view.changes_since.unwrap();
    assert_eq!(changes.len(), 1, "the phone change is dropped");
    assert_eq!(changes[0].after, "1100");
}

#[test]
fn a_full_dossier_names_the_person_but_never_the_nir_nor_the_health_detail() {
    let view = built(&Variant::Full);
    let json = serde_json::to_string(&view).unwrap();
    assert!(json.contains("Élodie HÉBERT"));
    assert!(json.contains("12 mai 1984"));
    assert!(!json.contains("284055746300464"));
    assert!(!json.contains("obligation d’emploi"));
    let (_, changes) = view.changes_since.unwrap();
    assert_eq!(changes[0].after, "•••• (masqué)");
    assert_eq!(view.amount_requested_cents, 1_250_000);
    assert_eq!(view.target_trade.code, "J1501");
    assert!(!view.target_trade.label.is_empty());
}

#[test]
fn the_content_hash_follows_the_content() {
    let a = built(&Variant::Full);
    let mut b = a.clone();
    assert_eq!(a.content_hash(), b.content_hash());
    assert_eq!(a.content_hash().len(), 64);
    b.rationale.push('.');
    assert_ne!(a.content_hash(), b.content_hash());
}

#[test]
fn ages_fall_in_bands_at_the_reference_date() {
    assert_eq!(
        age_band(day(2000, 3, 11), day(2026, 3, 10)),
        "moins de 26 ans"
    );
    assert_eq!(age_band(day(2000, 3, 10), day(2026, 3, 10)), "26 à 34 ans");
    assert_eq!(
        age_band(day(1960, 1, 1), day(2026, 3, 10)),
        "55 ans et plus"
    );
    assert_eq!(initials("jean-marc", "Ütz"), "J. Ü.");
}

#[test]
fn decisions_follow_the_transition_table() {
    use Decision::*;
    assert_eq!(
        decision_path(Step::PtpDossierDepose, Accord).unwrap(),
        vec![Step::PtpEnInstruction, Step::PtpAccord]
    );
    assert_eq!(
        decision_path(Step::PtpDossierDepose, Irrecevable).unwrap(),
        vec![Step::PtpIrrecevable]
    );
    assert_eq!(
        decision_path(Step::PtpEnInstruction, Refus).unwrap(),
        vec![Step::PtpRefus]
    );
    assert_eq!(
        decision_path(Step::PtpRecours, Refus).unwrap(),
        vec![Step::PtpRefusDefinitif]
    );
    assert_eq!(
        decision_path(Step::PtpAjourne, AccordPartiel).unwrap(),
        vec![Step::PtpEnInstruction, Step::PtpAccordPartiel]
    );
    let err = decision_path(Step::PtpEnInstruction, Irrecevable).unwrap_err();
    assert!(err.contains("Irrecevable"), "{err}");
    assert!(decision_path(Step::Accueil, Accord).is_err());
}

#[test]
fn committees_accept_dossiers_only_at_their_steps() {
    assert!(CommitteeKind::CommissionParitaire.accepts(Step::PtpDossierDepose));
    assert!(!CommitteeKind::CommissionParitaire.accepts(Step::ProjetFormalise));
    assert!(CommitteeKind::ComiteLocal.accepts(Step::ComiteTransitions));
    assert!(!CommitteeKind::ComiteLocal.accepts(Step::PtpEnInstruction));
}

#[test]
fn outcomes_are_checked_against_the_committee_and_the_amounts() {
    let refus = OutcomeInput {
        outcome: Outcome::Decision(Decision::Refus),
        motifs: String::new(),
        amount_granted_cents: None,
    };
    let errors = refus.check(CommitteeKind::CommissionParitaire, 100_000);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "motifs");
    let partial = OutcomeInput {
        outcome: Outcome::Decision(Decision::AccordPartiel),
        motifs: "Heures réduites".into(),
        amount_granted_cents: Some(100_000),
    };
    assert_eq!(
        partial.check(CommitteeKind::CommissionParitaire, 100_000)[0].field,
        "amountGranted"
    );
    assert!(
        partial
            .check(CommitteeKind::CommissionParitaire, 150_000)
            .is_empty()
    );
    let opinion = OutcomeInput {
        outcome: Outcome::Opinion(Opinion::Favorable),
        motifs: String::new(),
        amount_granted_cents: None,
    };
    assert_eq!(
        opinion.check(CommitteeKind::CommissionParitaire, 0)[0].field,
        "outcome"
    );
    assert!(opinion.check(CommitteeKind::ComiteLocal, 0).is_empty());
    let new = NewMeeting::default();
    let fields: Vec<_> = new
        .check(NaiveDate::from_ymd_opt(2026, 11, 30).unwrap())
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(fields, ["kind", "heldOn", "place"]);
}

#[test]
fn health_related_proofs_are_never_named_in_the_checklist() {
    use crate::case::DocumentKind as K;
    use crate::parcours::{ChecklistItem, DocStatus};
    let case = sample_case();
    let view = sample_view(case.id);
    let params = Parameters::default();
    let acquired = HashSet::new();
    let items = [
        ChecklistItem {
            kind: K::Rib,
            required: true,
            status: DocStatus::Recu,
        },
        ChecklistItem {
            kind: K::JustificatifExemption,
            required: false,
            status: DocStatus::Recu,
        },
        ChecklistItem {
            kind: K::AvisInaptitude,
            required: false,
            status: DocStatus::NonApplicable,
        },
    ];
    let input = DossierInput {
        case: &case,
        parcours: &view,
        params: &params,
        certification: None,
        acquired_blocs: &acquired,
        checklist_step: Some(Step::PtpDossierDepose),
        checklist: &items,
        counsellor: "C",
        structure: "S",
        meeting: None,
        changes_since: None,
        outcome: None,
        at: day(2026, 3, 10),
        recipients: &[],
        show_provider: false,
        matched: None,
    };
    let built = build(&input, &Variant::Full);
    let docs: Vec<&str> = built
        .checklist
        .iter()
        .map(|c| c.document.as_str())
        .collect();
    assert_eq!(
        docs,
        [
            "RIB",
            "Justificatif de situation particulière (détail non communiqué)"
        ]
    );
}

#[test]
fn journal_values_read_as_labels_in_what_changed() {
    let mut view = built(&Variant::Full);
    assert!(view.changes_since.is_some());
    // Through the builder: a step change and a funding change.
    let case = sample_case();
    let parcours = sample_view(case.id);
    let params = Parameters::default();
    let acquired = HashSet::new();
    let change = |field: &str, before: &str, after: &str| {
        (
            "2026-03-12T10:00:00Z".to_owned(),
            crate::journal::FieldChange {
                field: field.into(),
                before: Some(before.into()),
                after: Some(after.into()),
            },
        )
    };
    let input = DossierInput {
        case: &case,
        parcours: &parcours,
        params: &params,
        certification: None,
        acquired_blocs: &acquired,
        checklist_step: None,
        checklist: &[],
        counsellor: "C",
        structure: "S",
        meeting: None,
        changes_since: Some(ChangesSince {
            meeting_on: day(2026, 3, 1),
            outcome: "Ajourné".into(),
            changes: vec![
                change("status", "PTP_AJOURNE", "PTP_EN_INSTRUCTION"),
                change("documents", "[]", r#"["devis","rib"]"#),
                change(
                    "parcours.funding",
                    "[]",
                    r#"[{"funder":"transitions_pro","amountCents":125000,"covers":""}]"#,
                ),
            ],
        }),
        outcome: None,
        at: day(2026, 3, 10),
        recipients: &[],
        show_provider: false,
        matched: None,
    };
    view = build(&input, &Variant::Full);
    let (_, lines) = view.changes_since.unwrap();
    assert_eq!(lines[0].field, "Étape du parcours");
    assert_eq!(lines[0].after, "PTP : en instruction");
    assert_eq!(lines[1].after, "Devis approuvé, RIB");
    assert_eq!(
        lines[2].after,
        "1 financeur — total 1\u{202F}250,00\u{202F}€"
    );
}
