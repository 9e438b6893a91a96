//! Sessions, results, certificates and the VAE follow-up, against a real database file.

use crate::common::{at, case, temp_db};
use chrono::NaiveDate;
use passerelle_domain::AppError;
use passerelle_domain::certification::{
    Bloc, BlocStatus, CandidateStatus, Certificate, Certification, ExamKind, ExamOutcome,
    NewExamSession, Recevabilite, Route, VaeFollowUp, VaeStage,
};
use passerelle_domain::ids::{CaseId, EnrolmentId, ExamSessionId};
use passerelle_storage::certification::{enrolments, exams, staff, vae};
use passerelle_storage::{Connection, StorageError, cases, catalogue, integrity, journal};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 3, 20);

fn today() -> NaiveDate {
    d(TODAY.0, TODAY.1, TODAY.2)
}

/// A three-bloc certification and a case of each territory, both enrolled.
fn setup() -> (tempfile::TempDir, Connection, EnrolmentId, EnrolmentId) {
    let (dir, mut conn) = temp_db();
    let tx = conn.transaction().unwrap();
    let cert = Certification {
        code: "RNCP38596".into(),
        title: "Juriste d’entreprise".into(),
        level: Some(7),
        active: true,
        ..Certification::default()
    };
    catalogue::upsert(&tx, &cert, at(1)).unwrap();
    for i in 1..=3 {
        let bloc = Bloc {
            code: format!("RNCP38596BC0{i}"),
            title: format!("Bloc {i}"),
        };
        catalogue::upsert_bloc(&tx, "RNCP38596", &bloc).unwrap();
    }
    tx.commit().unwrap();
    let a = cases::create(&mut conn, "Test", &case("Collin", "Aurélie", "metz"), at(1)).unwrap();
    let b = cases::create(
        &mut conn,
        "Test",
        &case("Weber", "Paul", "moselle-sud"),
        at(1),
    )
    .unwrap();
    let ea = enrolments::enrol(
        &mut conn,
        "Test",
        a.id,
        "RNCP38596",
        Route::Formation,
        None,
        at(2),
    )
    .unwrap();
    let eb = enrolments::enrol(
        &mut conn,
        "Test",
        b.id,
        "RNCP38596",
        Route::Vae,
        None,
        at(2),
    )
    .unwrap();
    (dir, conn, ea.id, eb.id)
}

fn jury(conn: &mut Connection, on: NaiveDate, kind: ExamKind) -> ExamSessionId {
    let s = NewExamSession {
        date: on,
        place: "Hub AFNOR, Sarrebourg".into(),
        kind,
        certification_code: "RNCP38596".into(),
    };
    exams::create(conn, "Jury", &s.validate(d(2026, 1, 1)).unwrap(), at(3))
        .unwrap()
        .id
}

fn message(err: StorageError) -> String {
    AppError::from(err).to_string()
}

fn statuses(conn: &Connection, enrolment: EnrolmentId) -> Vec<(String, BlocStatus)> {
    let case_id = CaseId(
        conn.query_row(
            "SELECT case_id FROM enrolment WHERE id = ?1",
            [enrolment.0],
            |r| r.get(0),
        )
        .unwrap(),
    );
    enrolments::for_case(conn, case_id)
        .unwrap()
        .into_iter()
        .find(|e| e.id == enrolment)
        .unwrap()
        .blocs
        .into_iter()
        .map(|b| (b.code, b.status))
        .collect()
}

#[test]
fn a_partial_validation_is_journaled_and_leaves_the_other_blocs_to_acquire() {
    let (_dir, mut conn, enrolment, _) = setup();
    let session = jury(&mut conn, d(2026, 3, 12), ExamKind::Jury);
    exams::register(&mut conn, "Staff", session, enrolment, at(4)).unwrap();
    exams::record_result(
        &mut conn,
        "Staff",
        session,
        enrolment,
        ExamOutcome::ValidationPartielle,
        &["rncp38596bc01".into(), "RNCP38596BC03".into()],
        today(),
        at(20),
    )
    .unwrap();
    assert_eq!(
        statuses(&conn, enrolment),
        [
            ("RNCP38596BC01".into(), BlocStatus::Acquis),
            ("RNCP38596BC02".into(), BlocStatus::NonValide),
            ("RNCP38596BC03".into(), BlocStatus::Acquis),
        ]
    );
    let case_id = enrolments::for_case(&conn, CaseId(1)).unwrap()[0].case_id;
    let e = &enrolments::for_case(&conn, case_id).unwrap()[0];
    assert_eq!(e.blocs[0].acquired_on, Some(d(2026, 3, 12)));
    assert_eq!(e.blocs[0].evidence, "Jury du 12 mars 2026");
    let (_, _, remaining) = e.summary();
    assert_eq!(
        remaining
            .iter()
            .map(|b| b.code.as_str())
            .collect::<Vec<_>>(),
        ["RNCP38596BC02"]
    );
    assert_eq!(e.exams.len(), 1);
    assert_eq!(e.exams[0].outcome, Some(ExamOutcome::ValidationPartielle));

    // Journaled: the result and the blocs, and the whole journal still verifies.
    let result_entries = journal::entries_for(&conn, "session_candidate", 1).unwrap();
    assert_eq!(result_entries.len(), 2, "registration, then result");
    let bloc_entries = journal::entries_for(&conn, "enrolment", enrolment).unwrap();
    let last = bloc_entries.last().unwrap();
    assert_eq!(last.actor, "Staff");
    assert_eq!(last.changes.len(), 3);
    assert!(integrity::verify(&conn).unwrap().is_ok());

    // The session page shows the result.
    let detail = exams::detail(&conn, session).unwrap();
    assert_eq!(detail.session.results, 1);
    assert_eq!(detail.candidates[0].name, "COLLIN Aurélie");
    assert_eq!(
        detail.candidates[0]
            .result
            .as_ref()
            .unwrap()
            .validated_blocs,
        ["RNCP38596BC01", "RNCP38596BC03"]
    );

    // A result is recorded once.
    let again = exams::record_result(
        &mut conn,
        "Staff",
        session,
        enrolment,
        ExamOutcome::Refus,
        &[],
        today(),
        at(21),
    )
    .unwrap_err();
    assert!(message(again).contains("déjà enregistré"));
}

#[test]
fn registering_twice_is_refused_with_a_clear_message() {
    let (_dir, mut conn, enrolment, _) = setup();
    let session = jury(&mut conn, d(2026, 4, 2), ExamKind::Jury);
    exams::register(&mut conn, "Staff", session, enrolment, at(4)).unwrap();
    let err = exams::register(&mut conn, "Staff", session, enrolment, at(5)).unwrap_err();
    let err = AppError::from(err);
    assert!(matches!(err, AppError::Validation { .. }));
    assert_eq!(
        err.to_string(),
        "Inscription à la session : ce candidat est déjà inscrit à la session « Jury du 2 avril 2026 »."
    );
    assert_eq!(exams::detail(&conn, session).unwrap().candidates.len(), 1);
    // Not eligible any more, and a future session cannot judge yet.
    assert!(exams::detail(&conn, session).unwrap().eligible.len() == 1);
    let early = exams::record_result(
        &mut conn,
        "Staff",
        session,
        enrolment,
        ExamOutcome::Refus,
        &[],
        today(),
        at(6),
    )
    .unwrap_err();
    assert!(message(early).contains("n’a pas encore eu lieu"));
    assert!(integrity::verify(&conn).unwrap().is_ok());
}

#[test]
fn a_result_edited_behind_the_apps_back_breaks_the_journal() {
    let (_dir, mut conn, enrolment, _) = setup();
    let session = jury(&mut conn, d(2026, 3, 12), ExamKind::Jury);
    exams::register(&mut conn, "Staff", session, enrolment, at(4)).unwrap();
    exams::record_result(
        &mut conn,
        "Staff",
        session,
        enrolment,
        ExamOutcome::Refus,
        &[],
        today(),
        at(20),
    )
    .unwrap();
    assert!(integrity::verify(&conn).unwrap().is_ok());
    conn.execute(
        "UPDATE session_candidate SET outcome = 'validation_totale'",
        [],
    )
    .unwrap();
    let broken = integrity::verify(&conn).unwrap().unwrap_err();
    assert_eq!(broken.entity, "session_candidate");
}

#[test]
fn a_certificate_follows_a_validation_totale() {
    let (_dir, mut conn, enrolment, _) = setup();
    let session = jury(&mut conn, d(2026, 3, 12), ExamKind::Jury);
    exams::register(&mut conn, "Staff", session, enrolment, at(4)).unwrap();
    let cert = Certificate {
        number: "JE-2026-0042".into(),
        issued_on: d(2026, 3, 18),
    };
    let refused = exams::issue_certificate(&mut conn, "Staff", enrolment, &cert, today(), at(19))
        .unwrap_err();
    assert!(message(refused).contains("blocs non acquis"));
    exams::record_result(
        &mut conn,
        "Staff",
        session,
        enrolment,
        ExamOutcome::ValidationTotale,
        &[],
        today(),
        at(19),
    )
    .unwrap();
    exams::issue_certificate(&mut conn, "Staff", enrolment, &cert, today(), at(19)).unwrap();
    let e = &enrolments::for_case(&conn, CaseId(1)).unwrap()[0];
    assert_eq!(e.certificate.as_ref().unwrap().number, "JE-2026-0042");
    assert!(integrity::verify(&conn).unwrap().is_ok());
    // Registered again after a validation totale: refused.
    let next = jury(&mut conn, d(2026, 6, 1), ExamKind::Jury);
    let err = exams::register(&mut conn, "Staff", next, enrolment, at(20)).unwrap_err();
    assert!(message(err).contains("déjà acquis"));
}

#[test]
fn the_vae_route_goes_to_a_vae_jury_after_a_favourable_recevabilite() {
    let (_dir, mut conn, formation, vae) = setup();
    let session = jury(&mut conn, d(2026, 3, 12), ExamKind::JuryVae);
    let err = exams::register(&mut conn, "Staff", session, formation, at(4)).unwrap_err();
    assert!(message(err).contains("que des candidats en VAE"));
    let err = exams::register(&mut conn, "Staff", session, vae, at(4)).unwrap_err();
    assert!(message(err).contains("recevabilité favorable"));
    assert!(exams::detail(&conn, session).unwrap().eligible.is_empty());

    let mut f = VaeFollowUp {
        recevabilite_submitted_on: Some(d(2025, 12, 10)),
        ..VaeFollowUp::default()
    };
    vae::save(&mut conn, "Staff", vae, &f, today(), at(4)).unwrap();
    let e = enrolments::for_case(&conn, passerelle_domain::case::CaseId(2))
        .unwrap()
        .remove(0);
    let view = e.vae.unwrap();
    assert_eq!(view.stage, VaeStage::RecevabiliteDeposee);
    assert_eq!(view.recevabilite_due, Some(d(2026, 2, 10)));
    assert!(view.late(today()), "undecided two months after submission");

    // A decision before the submission is refused field by field.
    f.recevabilite_decided_on = Some(d(2025, 12, 1));
    f.recevabilite = Some(Recevabilite::Favorable);
    let err = vae::save(&mut conn, "Staff", vae, &f, today(), at(5)).unwrap_err();
    match AppError::from(err) {
        AppError::Validation { errors } => assert_eq!(errors[0].field, "recevabiliteDecidedOn"),
        other => panic!("{other:?}"),
    }
    f.recevabilite_decided_on = Some(d(2026, 1, 20));
    f.support_hours = Some(24.0);
    vae::save(&mut conn, "Staff", vae, &f, today(), at(5)).unwrap();
    let err = vae::save(&mut conn, "Staff", formation, &f, today(), at(5)).unwrap_err();
    assert!(message(err).contains("pas en VAE"));

    exams::register(&mut conn, "Staff", session, vae, at(6)).unwrap();
    let e = enrolments::for_case(&conn, passerelle_domain::case::CaseId(2))
        .unwrap()
        .remove(0);
    assert_eq!(e.vae.unwrap().stage, VaeStage::JuryPlanifie);
    assert_eq!(journal::entries_for(&conn, "vae", vae).unwrap().len(), 2);
    assert!(integrity::verify(&conn).unwrap().is_ok());
}

#[test]
fn the_staff_view_counts_candidates_and_success_rates() {
    let (_dir, mut conn, formation, vae) = setup();
    let past = jury(&mut conn, d(2026, 3, 12), ExamKind::Jury);
    let soon = jury(&mut conn, d(2026, 4, 10), ExamKind::Jury);
    let _far = jury(&mut conn, d(2026, 8, 10), ExamKind::Jury);
    for e in [formation, vae] {
        exams::register(&mut conn, "Staff", past, e, at(4)).unwrap();
    }
    exams::record_result(
        &mut conn,
        "Staff",
        past,
        formation,
        ExamOutcome::ValidationTotale,
        &[],
        today(),
        at(19),
    )
    .unwrap();
    exams::record_result(
        &mut conn,
        "Staff",
        past,
        vae,
        ExamOutcome::ValidationPartielle,
        &["RNCP38596BC02".into()],
        today(),
        at(19),
    )
    .unwrap();
    exams::register(&mut conn, "Staff", soon, vae, at(20)).unwrap();

    assert_progress_consistent(&conn);
    let o = staff::overview(&conn, today(), 60).unwrap();
    assert_eq!(o.upcoming.len(), 1, "August is beyond 60 days");
    assert_eq!((o.upcoming[0].id, o.upcoming[0].candidates), (soon, 1));
    assert_eq!(o.recent.len(), 1);
    assert_eq!((o.recent[0].candidates, o.recent[0].results), (2, 2));
    let counts = &o.by_certification[0];
    assert_eq!(counts.get(CandidateStatus::Certifie), 1);
    assert_eq!(counts.get(CandidateStatus::InscritSession), 1);
    let by_cert = &o.rates_by_certification[0];
    assert_eq!((by_cert.results(), by_cert.rate()), (2, Some(0.5)));
    let labels: Vec<_> = o
        .rates_by_territory
        .iter()
        .map(|r| (r.label.as_str(), r.rate()))
        .collect();
    assert_eq!(labels, [("Metz", Some(1.0)), ("Moselle Sud", Some(0.0))]);

    let rows = staff::candidate_rows(&conn).unwrap();
    assert_eq!(rows.len(), 2);
    let weber = rows.iter().find(|r| r.birth_name == "Weber").unwrap();
    assert_eq!(weber.acquired, ["RNCP38596BC02"]);
    assert_eq!(weber.remaining, ["RNCP38596BC01", "RNCP38596BC03"]);
    assert_eq!(
        weber.last_session,
        Some((ExamKind::Jury, d(2026, 4, 10), None))
    );
    let (csv, n) = staff::candidates_csv(&conn).unwrap();
    assert_eq!(n, 2);
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with("\u{FEFF}Référence;Nom;"));
    assert!(text.contains("Collin;Aurélie;Metz;RNCP38596;Juriste d’entreprise;Formation;certifié"));
}

/// The derived `enrolment_progress` rows agree with the blocs, sessions and cases they sum up.
fn assert_progress_consistent(conn: &Connection) {
    let wrong: i64 = conn
        .query_row(
            "SELECT count(*) FROM enrolment e JOIN case_file c ON c.id = e.case_id
             LEFT JOIN enrolment_progress p ON p.enrolment_id = e.id
             WHERE p.enrolment_id IS NULL
                OR p.blocs <> (SELECT count(*) FROM enrolment_bloc b WHERE b.enrolment_id = e.id)
                OR p.acquired <> (SELECT count(*) FROM enrolment_bloc b WHERE b.enrolment_id = e.id AND b.status = 'acquis')
                OR p.pending <> (SELECT count(*) FROM session_candidate s WHERE s.enrolment_id = e.id AND s.outcome IS NULL)
                OR p.totales <> (SELECT count(*) FROM session_candidate s WHERE s.enrolment_id = e.id AND s.outcome = 'validation_totale')
                OR p.partielles <> (SELECT count(*) FROM session_candidate s WHERE s.enrolment_id = e.id AND s.outcome = 'validation_partielle')
                OR p.refus <> (SELECT count(*) FROM session_candidate s WHERE s.enrolment_id = e.id AND s.outcome = 'refus')
                OR p.territory <> coalesce(c.territory, '') OR p.archived <> (c.archived_at IS NOT NULL)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(wrong, 0, "enrolment_progress out of step");
}

#[test]
fn the_staff_views_summary_follows_every_write() {
    let (_dir, mut conn, formation, vae) = setup();
    assert_progress_consistent(&conn);
    let past = jury(&mut conn, d(2026, 3, 12), ExamKind::Jury);
    for e in [formation, vae] {
        exams::register(&mut conn, "Staff", past, e, at(4)).unwrap();
    }
    assert_progress_consistent(&conn);
    exams::record_result(
        &mut conn,
        "Staff",
        past,
        formation,
        ExamOutcome::ValidationPartielle,
        &["RNCP38596BC01".into()],
        today(),
        at(19),
    )
    .unwrap();
    exams::record_result(
        &mut conn,
        "Staff",
        past,
        vae,
        ExamOutcome::Refus,
        &[],
        today(),
        at(19),
    )
    .unwrap();
    enrolments::set_bloc_status(
        &mut conn,
        "Staff",
        formation,
        "RNCP38596BC02",
        BlocStatus::Acquis,
        Some(d(2026, 3, 15)),
        "",
        at(19),
    )
    .unwrap();
    assert_progress_consistent(&conn);
    // The Metz candidate moves to Moselle Sud, then the other case is archived.
    let mut moved = cases::get(&conn, passerelle_domain::case::CaseId(1))
        .unwrap()
        .unwrap();
    moved.data.beneficiary.territory = "moselle-sud".into();
    cases::update(
        &mut conn,
        "Test",
        passerelle_domain::case::CaseId(1),
        &moved.data,
        at(20),
    )
    .unwrap();
    cases::set_archived(
        &mut conn,
        "Test",
        passerelle_domain::case::CaseId(2),
        true,
        at(20),
    )
    .unwrap();
    assert_progress_consistent(&conn);
    let o = staff::overview(&conn, today(), 60).unwrap();
    let territories: Vec<_> = o
        .rates_by_territory
        .iter()
        .map(|r| (r.label.as_str(), r.results()))
        .collect();
    assert_eq!(territories, [("Moselle Sud", 1)]);
    assert_eq!(o.by_certification[0].total(), 1);
    assert_eq!(
        o.by_certification[0].get(CandidateStatus::ValidePartiellement),
        1
    );
}
