use passerelle_domain::case::CaseData;
use passerelle_domain::certification::{Bloc, Certification};
use passerelle_tests::AppSession;

/// The « Juriste d’entreprise » certification with `blocs`, and Aurélie Collin's case targeting
/// it, in the app's database; returns the open connection and the case.
fn seed(
    db: &std::path::Path,
    blocs: &[(&str, &str)],
) -> (
    passerelle_storage::Connection,
    passerelle_domain::case::CaseFile,
) {
    let mut conn = passerelle_tests::open_db(db);
    let tx = conn.transaction().unwrap();
    let cert = Certification {
        code: "RNCP38596".into(),
        title: "Juriste d’entreprise".into(),
        level: Some(7),
        active: true,
        ..Certification::default()
    };
    passerelle_storage::catalogue::upsert(&tx, &cert, chrono::Utc::now()).unwrap();
    for (code, title) in blocs {
        let bloc = Bloc {
            code: (*code).into(),
            title: (*title).into(),
        };
        passerelle_storage::catalogue::upsert_bloc(&tx, "RNCP38596", &bloc).unwrap();
    }
    tx.commit().unwrap();
    let mut c = CaseData::default();
    c.beneficiary.birth_name = "Collin".into();
    c.beneficiary.first_names = "Aurélie".into();
    c.beneficiary.territory = "metz".into();
    c.project.target_certification = "RNCP38596".into();
    let case = passerelle_storage::cases::create(&mut conn, "e2e", &c, chrono::Utc::now()).unwrap();
    (conn, case)
}

/// Certification staff record a partial validation at a jury; the case's project shows the
/// remaining blocs.
#[tokio::test(flavor = "multi_thread")]
async fn a_partial_validation_at_a_jury_shows_the_remaining_blocs_in_the_project() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    seed(
        &db,
        &[
            ("RNCP38596BC01", "Conseiller la direction"),
            ("RNCP38596BC02", "Réaliser un diagnostic juridique"),
        ],
    );

    let app = AppSession::start_in(data_home).await;
    // The catalogue, searched without accents.
    app.click("#nav-certifications").await;
    app.click("#tab-cert-catalogue").await;
    app.wait_for("#cert-search")
        .await
        .send_keys("diagnostic jurid")
        .await
        .unwrap();
    app.wait_for_text("#cert-list", "Juriste d’entreprise")
        .await;

    app.click("#nav-cases").await;
    app.wait_for("#case-search").await;
    app.wait_for_link("COLLIN Aurélie")
        .await
        .click()
        .await
        .unwrap();
    app.click("#tab-project").await;
    app.choose("#enrol-route", "vae").await;
    app.click("#enrol-add").await;
    app.wait_for_text("#enrolment-1-remaining", "RNCP38596BC01")
        .await;

    // The jury: bloc 1 acquired on 12/03/2026, bloc 2 not validated.
    app.choose("#bloc-RNCP38596BC01-status", "acquis").await;
    app.wait_for("#bloc-RNCP38596BC01-on")
        .await
        .send_keys("12/03/2026")
        .await
        .unwrap();
    app.click("#bloc-RNCP38596BC01-save").await;
    let remaining = app
        .wait_for_text(
            "#enrolment-1-remaining",
            "Restant à acquérir : RNCP38596BC02",
        )
        .await;
    assert!(!remaining.contains("BC01"), "{remaining}");
    app.choose("#bloc-RNCP38596BC02-status", "non_valide").await;
    app.click("#bloc-RNCP38596BC02-save").await;
    app.wait_for_text("#enrolment-1", "12 mars 2026").await;
    let remaining = app
        .wait_for("#enrolment-1-remaining")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        remaining,
        "Restant à acquérir : RNCP38596BC02 Réaliser un diagnostic juridique"
    );
    app.screenshot("certification-partial").await;
    app.finish().await;
}

/// Staff open Certifications, pick a jury session, record a validation partielle choosing the
/// blocs; the candidate's case then shows the remaining blocs on its Projet tab.
#[tokio::test(flavor = "multi_thread")]
async fn staff_record_a_partial_validation_at_a_jury_session() {
    use passerelle_domain::certification::{ExamKind, NewExamSession, Route};
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    let (mut conn, case) = seed(
        &db,
        &[
            ("RNCP38596BC01", "Conseiller la direction"),
            ("RNCP38596BC02", "Réaliser un diagnostic juridique"),
            ("RNCP38596BC03", "Sécuriser les contrats"),
        ],
    );
    let now = chrono::Utc::now();
    let enrolment = passerelle_storage::certification::enrolments::enrol(
        &mut conn,
        "e2e",
        case.id,
        "RNCP38596",
        Route::Formation,
        None,
        now,
    )
    .unwrap();
    let jury_day = chrono::Local::now().date_naive() - chrono::Days::new(3);
    let session = NewExamSession {
        date: jury_day,
        place: "Hub AFNOR, Sarrebourg".into(),
        kind: ExamKind::Jury,
        certification_code: "RNCP38596".into(),
    };
    let session =
        passerelle_storage::certification::exams::create(&mut conn, "e2e", &session, now).unwrap();
    passerelle_storage::certification::exams::register(
        &mut conn,
        "e2e",
        session.id,
        enrolment.id,
        now,
    )
    .unwrap();
    drop(conn);

    let app = AppSession::start_in(data_home).await;
    app.click("#nav-certifications").await;
    // The jury is among the sessions of the last 60 days, its result still to record.
    app.wait_for_text("#sessions-recent", "1 à saisir").await;
    app.wait_for(&format!("#session-link-{}", session.id))
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("#session-title", "Jury du ").await;
    let e = enrolment.id;
    app.choose(&format!("#result-{e}-outcome"), "validation_partielle")
        .await;
    app.wait_for(&format!("#result-{e}-bloc-RNCP38596BC01"))
        .await
        .click()
        .await
        .unwrap();
    app.wait_for(&format!("#result-{e}-bloc-RNCP38596BC03"))
        .await
        .click()
        .await
        .unwrap();
    app.wait_for(&format!("#result-{e}-save"))
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text(
        &format!("#result-{e}"),
        "Validation partielle : RNCP38596BC01, RNCP38596BC03",
    )
    .await;
    app.wait_for_text("#session-counts", "1 résultat").await;
    app.screenshot("certification-session").await;

    // The candidate's case: the Projet tab shows what remains.
    app.wait_for(&format!("#candidate-{e}-case"))
        .await
        .click()
        .await
        .unwrap();
    app.click("#tab-project").await;
    let remaining = app
        .wait_for_text(&format!("#enrolment-{e}-remaining"), "Restant à acquérir")
        .await;
    assert_eq!(
        remaining,
        "Restant à acquérir : RNCP38596BC02 Réaliser un diagnostic juridique"
    );
    app.wait_for_text(&format!("#enrolment-{e}"), "Validation partielle")
        .await;
    let dir = app.finish().await;
    let conn =
        passerelle_tests::open_db(&dir.path().join("fr.passerelle.desktop/passerelle.sqlite3"));
    assert!(
        passerelle_storage::integrity::verify(&conn)
            .unwrap()
            .is_ok()
    );
}

/// The staff view over demo data: sessions to come, candidates by status, success rates with
/// their chart (screenshots for the README when PASSERELLE_E2E_SHOTS is set).
#[tokio::test(flavor = "multi_thread")]
async fn the_staff_view_shows_sessions_candidates_and_rates() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    passerelle_tests::seed_demo(&db, 400);
    let app = AppSession::start_in(data_home).await;
    app.click("#nav-certifications").await;
    app.wait_for_text("#sessions-upcoming", "candidat").await;
    app.screenshot("certifications-sessions").await;
    app.click("#tab-cert-candidates").await;
    app.wait_for_text("#candidates-by-status", "Ensemble").await;
    app.wait_for("#rates-territory svg[role='img']").await;
    let table = app
        .wait_for_text("#rates-territory-table", "Moselle Sud")
        .await;
    assert!(table.contains('%'), "{table}");
    app.screenshot("certifications-results").await;
    // The CSV export (PASSERELLE_EXPORT_DIR stands in for the save dialog).
    app.click("#cert-export-run").await;
    app.wait_for_text("#cert-export-notice", "candidats exportés dans")
        .await;
    let dir = app.finish().await;
    let exports = passerelle_tests::exports_dir(dir.path());
    let csv = std::fs::read_dir(&exports)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "csv"))
        .expect("a CSV in the exports directory");
    let bytes = std::fs::read(csv).unwrap();
    assert!(bytes.starts_with("\u{FEFF}Référence;Nom;Prénoms;".as_bytes()));
}
