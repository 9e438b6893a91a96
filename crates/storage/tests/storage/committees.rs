//! Integration: committee sessions, agenda, outcomes and dossiers on a real database file.

use crate::common::{at, case, temp_db};
use chrono::{NaiveDate, TimeZone, Utc};
use passerelle_domain::committee::{
    CommitteeKind, Decision, NewMeeting, Opinion, Outcome, OutcomeInput, Variant,
};
use passerelle_domain::ids::{CaseId, MeetingId};
use passerelle_domain::parcours::{Funder, FundingLine, Step};
use passerelle_storage::committee::{decisions, dossier, meetings};
use passerelle_storage::parcours::CaseHistory;
use passerelle_storage::{StorageError, cases, integrity, parcours};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A case already at `step` (its past imported as recorded).
fn case_at(conn: &mut passerelle_storage::Connection, name: &str, steps: &[Step]) -> CaseId {
    let mut data = case(name, "Claire", "moselle-sud");
    data.beneficiary.email = format!("{}@exemple.fr", name.to_lowercase());
    data.situation.job_rome = "H2913".into();
    data.project.target_rome = "J1501".into();
    data.parcours.funding = vec![FundingLine {
        funder: Funder::TransitionsPro,
        amount_cents: 1_000_000,
        covers: "Frais pédagogiques".into(),
    }];
    let t0 = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
    let history = CaseHistory {
        data,
        created: t0,
        steps: steps
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, t0 + chrono::Duration::days(i as i64 + 1)))
            .collect(),
        documents: vec![],
    };
    parcours::import_histories(conn, "Agent", &[history]).unwrap()[0]
}

const TO_FILED: [Step; 4] = [
    Step::Accompagnement,
    Step::ProjetFormalise,
    Step::PtpPositionnement,
    Step::PtpDossierDepose,
];

fn commission(conn: &mut passerelle_storage::Connection) -> MeetingId {
    meetings::create(
        conn,
        "Agent",
        &NewMeeting {
            kind: Some(CommitteeKind::CommissionParitaire),
            held_on: Some(d(2026, 3, 20)),
            place: "Metz".into(),
            members: vec!["Mme A. Martin".into(), " ".into()],
        },
        at(15),
    )
    .unwrap()
    .id
}

#[test]
fn a_meeting_takes_only_dossiers_at_its_steps_and_keeps_its_order() {
    let (_dir, mut conn) = temp_db();
    let filed = case_at(&mut conn, "Arnaud", &TO_FILED);
    let other = case_at(&mut conn, "Bertin", &TO_FILED);
    let early = case_at(&mut conn, "Colin", &[Step::Accompagnement]);
    let id = commission(&mut conn);
    assert_eq!(meetings::get(&conn, id).unwrap().members, ["Mme A. Martin"]);

    meetings::add_case(&mut conn, "Agent", id, filed, at(16)).unwrap();
    let detail = meetings::add_case(&mut conn, "Agent", id, other, at(16)).unwrap();
    assert_eq!(detail.dossiers.len(), 2);
    assert_eq!(detail.dossiers[1].amount_requested_cents, 1_000_000);
    let err = meetings::add_case(&mut conn, "Agent", id, early, at(16)).unwrap_err();
    let StorageError::Invalid(errors) = err else {
        panic!("{err:?}")
    };
    assert!(
        errors[0].message.contains("Accompagnement"),
        "{}",
        errors[0].message
    );
    assert!(matches!(
        meetings::add_case(&mut conn, "Agent", id, filed, at(16)),
        Err(StorageError::Invalid(_))
    ));
    let candidates = meetings::candidates(&conn, id).unwrap();
    assert!(
        candidates.is_empty(),
        "both filed cases are on the agenda already"
    );

    let detail = meetings::reorder(&mut conn, "Agent", id, &[other, filed], at(17)).unwrap();
    assert_eq!(detail.dossiers[0].case_id, other);
    assert_eq!(detail.dossiers[0].position, 1);
    assert!(meetings::reorder(&mut conn, "Agent", id, &[other], at(17)).is_err());
    // Pseudonyms are stable within the session, different in another one.
    let p = detail.dossiers[1].pseudonym.clone();
    let again = meetings::detail(&conn, id).unwrap();
    assert_eq!(again.dossiers[1].pseudonym, p);
    let second = commission(&mut conn);
    let detail2 = meetings::add_case(&mut conn, "Agent", second, filed, at(18)).unwrap();
    assert_ne!(detail2.dossiers[0].pseudonym, p);

    // Rescheduled: date, place and members change; the instance not, with dossiers on it.
    let mut moved = NewMeeting {
        kind: Some(CommitteeKind::CommissionParitaire),
        held_on: Some(d(2026, 3, 27)),
        place: "Nancy".into(),
        members: vec!["Mme A. Martin".into(), "M. B. Klein".into()],
    };
    let s = meetings::update(&mut conn, "Agent", id, &moved, at(19)).unwrap();
    assert_eq!(
        (s.held_on, s.place.as_str(), s.members.len()),
        (d(2026, 3, 27), "Nancy", 2)
    );
    moved.kind = Some(CommitteeKind::ComiteLocal);
    let StorageError::Invalid(errors) =
        meetings::update(&mut conn, "Agent", id, &moved, at(19)).unwrap_err()
    else {
        panic!()
    };
    assert_eq!(errors[0].field, "kind");

    let detail = meetings::remove_case(&mut conn, "Agent", id, other, at(19)).unwrap();
    assert_eq!(detail.dossiers.len(), 1);
    assert_eq!(detail.dossiers[0].position, 1);
    assert!(integrity::verify(&conn).unwrap().is_ok());
}

#[test]
fn a_refusal_moves_the_case_and_starts_the_recours_delay() {
    let (_dir, mut conn) = temp_db();
    let id_case = case_at(&mut conn, "Arnaud", &TO_FILED);
    let id = commission(&mut conn);
    meetings::add_case(&mut conn, "Agent", id, id_case, at(16)).unwrap();
    let refus = OutcomeInput {
        outcome: Outcome::Decision(Decision::Refus),
        motifs: "Perspectives d’emploi insuffisamment étayées".into(),
        amount_granted_cents: None,
    };
    let detail = decisions::record_outcome(
        &mut conn,
        "Agent",
        id,
        id_case,
        &refus,
        d(2026, 3, 20),
        at(20),
    )
    .unwrap();
    assert_eq!(
        detail.dossiers[0].outcome,
        Some(Outcome::Decision(Decision::Refus))
    );
    assert_eq!(detail.meeting.decided_count, 1);
    let log = parcours::transitions(&conn, id_case).unwrap();
    let steps: Vec<Step> = log.iter().map(|t| t.to).collect();
    assert!(
        steps.ends_with(&[Step::PtpEnInstruction, Step::PtpRefus]),
        "{steps:?}"
    );
    assert!(
        log.last()
            .unwrap()
            .reason
            .contains("Refus — Commission paritaire")
    );
    let data = cases::get(&conn, id_case).unwrap().unwrap().data;
    assert_eq!(data.parcours.refusal_notified_on, Some(d(2026, 3, 20)));
    assert_eq!(data.parcours.commission_on, Some(d(2026, 3, 20)));
    // The recours gracieux is due two months after the notice.
    let view = parcours::view(&conn, id_case, d(2026, 3, 21)).unwrap();
    assert!(
        view.deadlines.iter().any(|dl| dl.due == d(2026, 5, 20)),
        "{:?}",
        view.deadlines
    );
    // Once recorded, an outcome is not recorded twice; the message sits on the outcome field.
    let err = decisions::record_outcome(
        &mut conn,
        "Agent",
        id,
        id_case,
        &refus,
        d(2026, 3, 20),
        at(21),
    )
    .unwrap_err();
    let StorageError::Invalid(errors) = err else {
        panic!("{err:?}")
    };
    assert_eq!(errors[0].field, "outcome");
    assert!(
        errors[0].message.contains("déjà enregistrée"),
        "{}",
        errors[0].message
    );
    assert!(integrity::verify(&conn).unwrap().is_ok());
}

#[test]
fn an_impossible_decision_writes_nothing() {
    let (_dir, mut conn) = temp_db();
    let id_case = case_at(
        &mut conn,
        "Arnaud",
        &[
            Step::Accompagnement,
            Step::ProjetFormalise,
            Step::PtpPositionnement,
            Step::PtpDossierDepose,
            Step::PtpEnInstruction,
        ],
    );
    let id = commission(&mut conn);
    meetings::add_case(&mut conn, "Agent", id, id_case, at(16)).unwrap();
    let before = parcours::transitions(&conn, id_case).unwrap().len();
    let irrecevable = OutcomeInput {
        outcome: Outcome::Decision(Decision::Irrecevable),
        motifs: "Dossier incomplet".into(),
        amount_granted_cents: None,
    };
    let err = decisions::record_outcome(
        &mut conn,
        "Agent",
        id,
        id_case,
        &irrecevable,
        d(2026, 3, 20),
        at(20),
    )
    .unwrap_err();
    assert!(matches!(err, StorageError::Invalid(_)), "{err:?}");
    // An accord without its amount is refused field by field.
    let accord = OutcomeInput {
        outcome: Outcome::Decision(Decision::Accord),
        motifs: String::new(),
        amount_granted_cents: None,
    };
    let StorageError::Invalid(errors) = decisions::record_outcome(
        &mut conn,
        "Agent",
        id,
        id_case,
        &accord,
        d(2026, 3, 20),
        at(20),
    )
    .unwrap_err() else {
        panic!()
    };
    assert_eq!(errors[0].field, "amountGranted");
    assert_eq!(parcours::transitions(&conn, id_case).unwrap().len(), before);
    assert_eq!(
        cases::get(&conn, id_case)
            .unwrap()
            .unwrap()
            .data
            .parcours
            .commission_on,
        None
    );
    assert_eq!(
        meetings::detail(&conn, id).unwrap().dossiers[0].outcome,
        None
    );
}

#[test]
fn a_dossier_that_comes_back_shows_what_changed_since_its_last_meeting() {
    let (_dir, mut conn) = temp_db();
    let id_case = case_at(&mut conn, "Arnaud", &TO_FILED);
    let first = commission(&mut conn);
    meetings::add_case(&mut conn, "Agent", first, id_case, at(16)).unwrap();
    let ajourne = OutcomeInput {
        outcome: Outcome::Decision(Decision::Ajourne),
        motifs: "Devis à actualiser".into(),
        amount_granted_cents: None,
    };
    decisions::record_outcome(
        &mut conn,
        "Agent",
        first,
        id_case,
        &ajourne,
        d(2026, 3, 20),
        at(20),
    )
    .unwrap();
    let mut data = cases::get(&conn, id_case).unwrap().unwrap().data;
    data.parcours.training.hours = Some(1_100);
    data.beneficiary.phone = "0612345678".into();
    cases::update(&mut conn, "Agent", id_case, &data, at(25)).unwrap();

    let second = commission(&mut conn);
    meetings::add_case(&mut conn, "Agent", second, id_case, at(26)).unwrap();
    let full = dossier::view(&conn, id_case, false, Some(second), &[], d(2026, 3, 27)).unwrap();
    let (heading, changes) = full.changes_since.unwrap();
    assert!(
        heading.contains("20 mars 2026") && heading.contains("Ajourné"),
        "{heading}"
    );
    assert!(
        changes
            .iter()
            .any(|c| c.field == "Heures de formation" && c.after == "1100")
    );
    assert!(
        changes
            .iter()
            .any(|c| c.field == "Téléphone" && c.after == "•••• (masqué)")
    );
    let pseudo = dossier::view(&conn, id_case, true, Some(second), &[], d(2026, 3, 27)).unwrap();
    let (_, changes) = pseudo.changes_since.clone().unwrap();
    assert!(changes.iter().all(|c| c.field != "Téléphone"));
    assert_eq!(
        pseudo.identity,
        meetings::detail(&conn, second).unwrap().dossiers[0].pseudonym
    );
    let json = serde_json::to_string(&pseudo).unwrap();
    assert!(!json.contains("Arnaud") && !json.contains("ARNAUD") && !json.contains("arnaud@"));

    // An opinion from a local committee on a formalised project moves it to the comité step.
    let local_case = case_at(
        &mut conn,
        "Dumas",
        &[Step::Accompagnement, Step::ProjetFormalise],
    );
    let local = meetings::create(
        &mut conn,
        "Agent",
        &NewMeeting {
            kind: Some(CommitteeKind::ComiteLocal),
            held_on: Some(d(2026, 3, 24)),
            place: "Sarrebourg".into(),
            members: vec![],
        },
        at(26),
    )
    .unwrap()
    .id;
    meetings::add_case(&mut conn, "Agent", local, local_case, at(26)).unwrap();
    let favorable = OutcomeInput {
        outcome: Outcome::Opinion(Opinion::Favorable),
        motifs: String::new(),
        amount_granted_cents: None,
    };
    decisions::record_outcome(
        &mut conn,
        "Agent",
        local,
        local_case,
        &favorable,
        d(2026, 3, 24),
        at(27),
    )
    .unwrap();
    assert_eq!(
        parcours::current_step(&conn, local_case).unwrap(),
        Step::ComiteTransitions
    );
    let _ = Variant::Full;
    assert!(integrity::verify(&conn).unwrap().is_ok());
}
