use passerelle_domain::case::{CaseData, Consent, ContractKind, DocumentKind};
use passerelle_domain::parcours::EmployerAnswer;
use passerelle_tests::AppSession;

/// A case ready for a PTP on working time: eligible, training dated, employer agreed; its
/// documents are there but for the quote, which the counsellor attaches in the window.
fn seed_case(db_path: &std::path::Path) {
    let mut conn = passerelle_tests::open_db(db_path);
    let today = chrono::Local::now().date_naive();
    let mut c = CaseData::default();
    c.beneficiary.birth_name = "Thiébaut".into();
    c.beneficiary.first_names = "Noémie".into();
    c.beneficiary.territory = "moselle-sud".into();
    c.beneficiary.consents.push(Consent {
        purpose: "CEP".into(),
        given_on: Some(today),
        withdrawn_on: None,
    });
    c.situation.contract = Some(ContractKind::Cdi);
    c.situation.seniority_months_total = Some(96);
    c.situation.seniority_months_company = Some(40);
    c.situation.job_rome = "H2913".into();
    c.project.target_rome = "J1501".into();
    c.project.target_certification = "RNCP35830".into();
    c.parcours.training.start = today.checked_add_days(chrono::Days::new(150));
    c.parcours.training.during_working_time = true;
    c.parcours.employer_answer = Some(EmployerAnswer::Accord);
    let id = passerelle_storage::cases::create(&mut conn, "e2e", &c, chrono::Utc::now())
        .unwrap()
        .id;
    let docs = db_path.parent().unwrap().join("documents");
    for kind in [
        DocumentKind::Positionnement,
        DocumentKind::Cv,
        DocumentKind::Diplome,
        DocumentKind::AutorisationAbsence,
        DocumentKind::AttestationEffectif,
        DocumentKind::AttestationNonRupture,
        DocumentKind::Rib,
    ] {
        let content = format!("{kind:?}");
        passerelle_storage::records::add_document(
            &mut conn,
            "e2e",
            id,
            kind,
            "piece.pdf",
            content.as_bytes(),
            today,
            &docs,
            chrono::Utc::now(),
        )
        .unwrap();
    }
}

async fn advance(app: &AppSession, code: &str, expected_label: &str) {
    app.wait_for(&format!("#advance-{code}"))
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("#parcours-current", expected_label).await;
}

/// From the first CEP step to « dossier déposé », meeting a blocked transition, seeing why,
/// attaching the missing document, and passing.
#[tokio::test(flavor = "multi_thread")]
async fn a_case_goes_from_accueil_to_dossier_depose_through_a_blocked_step() {
    let data_home = tempfile::tempdir().unwrap();
    seed_case(
        &data_home
            .path()
            .join("fr.passerelle.desktop/passerelle.sqlite3"),
    );
    let attachment = data_home.path().join("devis signé.pdf");
    std::fs::write(&attachment, b"%PDF-1.4 devis").unwrap();

    let app = AppSession::start_in(data_home).await;
    app.wait_for("#case-search").await;
    app.wait_for_link("THIÉBAUT Noémie")
        .await
        .click()
        .await
        .unwrap();
    app.click("#tab-parcours").await;
    app.wait_for_text("#parcours-current", "Accueil").await;

    advance(&app, "ACCOMPAGNEMENT", "Accompagnement").await;
    advance(&app, "PROJET_FORMALISE", "Projet formalisé").await;
    advance(&app, "PTP_POSITIONNEMENT", "positionnement préalable").await;

    // Blocked: the reasons are listed under the button, and again when it is tried.
    let reasons = app
        .wait_for_text("#parcours-checklist", "Devis approuvé")
        .await;
    assert!(reasons.contains("manquant"), "{reasons}");
    app.click("#advance-PTP_AUTORISATION_ABSENCE").await;
    let blocked = app
        .wait_for_text("#parcours-blocked", "Devis approuvé manquant")
        .await;
    assert!(blocked.contains("impossible"), "{blocked}");
    app.screenshot("parcours-blocked").await;

    // Attach the quote in Documents, come back, pass.
    app.click("#tab-documents").await;
    app.choose("#document-kind", "devis").await;
    app.wait_for("#document-file")
        .await
        .send_keys(attachment.to_str().unwrap())
        .await
        .unwrap();
    app.click("#document-add").await;
    app.wait_for_text("#document-list", "devis signé.pdf").await;
    app.click("#tab-parcours").await;
    advance(&app, "PTP_AUTORISATION_ABSENCE", "autorisation d’absence").await;
    advance(&app, "PTP_DOSSIER_DEPOSE", "dossier déposé").await;
    let timeline = app
        .wait_for("#parcours-timeline")
        .await
        .text()
        .await
        .unwrap();
    for step in ["Accompagnement", "Projet formalisé", "PTP : dossier déposé"] {
        assert!(timeline.contains(step), "{timeline}");
    }
    app.screenshot("parcours-deposited").await;

    // The history shows the step changes.
    app.click("#tab-history").await;
    app.wait_for_text(
        "#case-journal",
        "Étape du parcours : PTP : autorisation d’absence → PTP : dossier déposé",
    )
    .await;
    app.wait_for_text(
        "#case-journal",
        "Pièces au dossier lors du passage : Document de positionnement préalable",
    )
    .await;
    app.finish().await;
}

/// À faire lists the overdue deadlines and missing documents of demo cases.
#[tokio::test(flavor = "multi_thread")]
async fn the_todo_view_lists_overdue_deadlines_and_missing_documents() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    passerelle_tests::seed_demo(&db, 400);
    let exports = passerelle_tests::exports_dir(data_home.path());
    let app = AppSession::start_in(data_home).await;
    app.click("#nav-todo").await;
    let summary = app.wait_for_text("#todo-summary", "échéance").await;
    assert!(summary.contains("dépassée"), "{summary}");
    app.wait_for("#todo-overdue").await;
    app.wait_for_text("#todo-missing", "Pour « ").await;
    app.screenshot("todo").await;

    // The calendar of the deadlines: one event per deadline, by reference, no name.
    let first_name = app
        .wait_for("#todo-overdue tbody tr td:nth-child(2)")
        .await
        .text()
        .await
        .unwrap();
    app.click_centered("#todo-ics", "todo-failure").await;
    let notice = app
        .wait_for_text("#todo-ics-notice", "Calendrier enregistré")
        .await;
    assert!(notice.ends_with(".ics"), "{notice}");
    let ics = std::fs::read_dir(&exports)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "ics"))
        .expect("the calendar file");
    let calendar = std::fs::read_to_string(ics).unwrap();
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"), "{calendar}");
    assert!(calendar.matches("BEGIN:VEVENT").count() > 1, "{calendar}");
    let surname = first_name.split_whitespace().next().unwrap();
    assert!(!calendar.contains(surname), "{surname} in the calendar");

    // One territory's day: the counts are that territory's (checked against the storage).
    let expected = {
        let conn = passerelle_tests::open_db(&db);
        let filter = passerelle_domain::parcours::TodoFilter {
            territory: "metz".into(),
            ..Default::default()
        };
        let today = chrono::Local::now().date_naive();
        passerelle_storage::todo::overview(&conn, today, 30, 60, &filter)
            .unwrap()
            .overdue_total
    };
    app.choose("#todo-territory", "metz").await;
    let shown =
        passerelle_domain::i18n::count_with(expected, "échéance dépassée", "échéances dépassées");
    // (« 25 échéances dépassées » contains « 5 échéances dépassées »: wait for the summary to
    // start with it, not merely to hold it.)
    let mut summary = String::new();
    for _ in 0..100 {
        summary = app
            .wait_for("#todo-summary")
            .await
            .text()
            .await
            .unwrap_or_default();
        if summary.starts_with(&shown) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(summary.starts_with(&shown), "{summary} / {shown}");
    app.finish().await;
}
