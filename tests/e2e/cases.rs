use fantoccini::Locator;
use passerelle_tests::AppSession;

const BAD_NIR: &str = "2 06 12 75 111 005 65";
const GOOD_NIR: &str = "2 06 12 75 111 005 64";

/// The walk-through: a wrong NIR key is explained at the field, fixed and saved; the
/// case is found by three letters of the surname typed without accents; the employer is
/// changed and the change shows in Historique.
#[tokio::test(flavor = "multi_thread")]
async fn create_with_a_wrong_nir_fix_find_edit_and_see_the_history() {
    let app = AppSession::start().await;
    app.wait_for("#status-schema").await;

    // Ctrl+N opens a new case form from the list.
    app.wait_for("#case-search").await;
    app.wait_for("body")
        .await
        .send_keys("\u{E009}n")
        .await
        .unwrap();
    app.wait_for("#case-form").await;

    app.wait_for("#beneficiary-birthName")
        .await
        .send_keys("Hébert")
        .await
        .unwrap();
    app.wait_for("#beneficiary-firstNames")
        .await
        .send_keys("Élise")
        .await
        .unwrap();
    app.choose("#beneficiary-territory", "moselle-sud").await;
    let nir = app.wait_for("#beneficiary-nir").await;
    nir.send_keys(BAD_NIR).await.unwrap();
    let birth = app.wait_for("#beneficiary-birthDate").await;
    birth.send_keys("31/02/1990").await.unwrap();
    app.wait_for("#situation-employer-name")
        .await
        .send_keys("Acier de l’Est")
        .await
        .unwrap();
    app.wait_for_text("#beneficiary-birthDate-msg", "format attendu jj/mm/aaaa")
        .await;
    // Leaving the field shows the message, before any save.
    let message = app
        .wait_for_text("#beneficiary-nir-msg", "clé attendue : 64")
        .await;
    assert!(message.starts_with("NIR : la clé 65"), "{message}");
    app.screenshot("case-form-nir-error").await;

    // Saving is refused, says why, and keeps every input.
    app.click("#case-save").await;
    app.wait_for_text("#case-notice", "corrigez les champs signalés")
        .await;
    assert_eq!(nir.prop("value").await.unwrap().as_deref(), Some(BAD_NIR));
    let name = app
        .wait_for("#beneficiary-birthName")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(name.as_deref(), Some("Hébert"));

    assert_eq!(
        birth.prop("value").await.unwrap().as_deref(),
        Some("31/02/1990")
    );

    nir.clear().await.unwrap();
    nir.send_keys(GOOD_NIR).await.unwrap();
    birth.clear().await.unwrap();
    birth.send_keys("28/02/1990").await.unwrap();
    // The form has taken both corrections before saving (a loaded machine lags).
    app.wait_for_no_text("#beneficiary-birthDate-msg").await;
    app.wait_for_no_text("#beneficiary-nir-msg").await;
    app.click("#case-save").await;
    app.wait_for_text("#case-title", "HÉBERT Élise").await;
    // A case's page is under Dossiers: the navigation says so.
    assert_eq!(
        app.wait_for("#nav-cases")
            .await
            .attr("aria-current")
            .await
            .unwrap()
            .as_deref(),
        Some("page")
    );
    let reference = app.wait_for("#case-reference").await.text().await.unwrap();
    app.screenshot("case-identity").await;
    assert!(reference.starts_with("D-"), "{reference}");

    // Find it from the list: three letters, no accent.
    app.click("#nav-cases").await;
    let search = app.wait_for("#case-search").await;
    search.send_keys("heb").await.unwrap();
    app.wait_for_text("#case-count", "1–1 sur 1 dossier").await;
    app.wait_for_link("HÉBERT Élise")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("#case-title", "HÉBERT Élise").await;

    // Change the employer.
    app.click("#case-edit").await;
    let employer = app.wait_for("#situation-employer-name").await;
    assert_eq!(
        employer.prop("value").await.unwrap().as_deref(),
        Some("Acier de l’Est")
    );
    employer.clear().await.unwrap();
    employer.send_keys("Fonderie de la Sarre").await.unwrap();
    app.click("#case-save").await;
    app.wait_for_text("#case-title", "HÉBERT Élise").await;

    // Historique shows who changed what; the NIR stays masked.
    app.click("#tab-history").await;
    let history = app
        .wait_for_text("#case-journal", "Fonderie de la Sarre")
        .await;
    assert!(
        history.contains("Employeur : Acier de l’Est → Fonderie de la Sarre"),
        "{history}"
    );
    assert!(
        history.contains("Modification") && history.contains("Création"),
        "{history}"
    );
    assert!(
        !history.contains("206127511100564"),
        "NIR shown in the journal"
    );
    app.screenshot("case-history").await;

    let db_path = app.database_path();
    let _data_home = app.finish().await;
    let conn = passerelle_tests::open_db(&db_path);
    assert_eq!(passerelle_storage::integrity::verify(&conn).unwrap(), Ok(2));
}

/// Leaving a form with unsaved changes asks first; dismissing the question keeps the input.
#[tokio::test(flavor = "multi_thread")]
async fn leaving_unsaved_changes_asks_and_cancel_keeps_the_input() {
    let app = AppSession::start().await;
    app.click("#case-new").await;
    let name = app.wait_for("#beneficiary-birthName").await;
    name.send_keys("Muller").await.unwrap();
    app.click("#nav-committees").await;
    let question = app.wait_for_alert().await;
    assert!(
        question.contains("modifications ne sont pas enregistrées"),
        "{question}"
    );
    app.client.dismiss_alert().await.unwrap();
    assert!(
        app.client
            .find(Locator::Css("#screen-committees"))
            .await
            .is_err()
    );
    assert_eq!(name.prop("value").await.unwrap().as_deref(), Some("Muller"));

    app.click("#nav-committees").await;
    app.wait_for_alert().await;
    app.client.accept_alert().await.unwrap();
    app.wait_for("#screen-committees").await;
    app.finish().await;
}

/// Entretiens and Documents: an interview is recorded (after a refused, explained attempt);
/// a file is attached, kept by the app under its SHA-256, and journaled.
#[tokio::test(flavor = "multi_thread")]
async fn interviews_and_documents_are_recorded_and_kept() {
    let data_home = tempfile::tempdir().unwrap();
    let db_path = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    let mut conn = passerelle_tests::open_db(&db_path);
    let mut data = passerelle_domain::case::CaseData::default();
    data.beneficiary.birth_name = "Lefèvre".into();
    data.beneficiary.first_names = "Anaïs".into();
    data.beneficiary.territory = "metz".into();
    passerelle_storage::cases::create(&mut conn, "e2e", &data, chrono::Utc::now()).unwrap();
    drop(conn);
    let attachment = data_home.path().join("synthèse CEP.pdf");
    std::fs::write(&attachment, b"%PDF-1.4 synthese de test").unwrap();

    let app = AppSession::start_in(data_home).await;
    app.wait_for("#case-search").await;
    app.wait_for_link("LEFÈVRE Anaïs")
        .await
        .click()
        .await
        .unwrap();

    // Identité: record a consent, then its withdrawal.
    app.click("#consent-add").await;
    app.wait_for_text(
        "#consent-list",
        "Accompagnement CEP et conservation du dossier",
    )
    .await;
    app.click("#consent-list button").await;
    app.wait_for_alert().await;
    app.client.accept_alert().await.unwrap();
    let today = passerelle_domain::i18n::format_date(chrono::Local::now().date_naive());
    let start = std::time::Instant::now();
    loop {
        let text = app
            .wait_for("#consent-list")
            .await
            .text()
            .await
            .unwrap_or_default();
        if text.matches(&today).count() == 2 {
            break;
        }
        assert!(
            start.elapsed() < passerelle_tests::UI_TIMEOUT,
            "withdrawal not shown: {text}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    app.screenshot("consents").await;

    app.click("#tab-interviews").await;

    app.click("#interview-add").await;
    app.wait_for_text("#interview-form", "Type d’entretien : choisissez")
        .await;
    app.choose("#interview-kind", "visio").await;
    app.wait_for("#interview-summary")
        .await
        .send_keys("Projet d’aide-soignante confirmé.")
        .await
        .unwrap();
    app.click("#interview-add").await;
    let list = app
        .wait_for_text("#interview-list", "Projet d’aide-soignante confirmé.")
        .await;
    assert!(
        list.contains("Visioconférence") && list.contains("60 min"),
        "{list}"
    );

    app.click("#tab-documents").await;
    app.choose("#document-kind", "synthese_cep").await;
    app.wait_for("#document-file")
        .await
        .send_keys(attachment.to_str().unwrap())
        .await
        .unwrap();
    app.click("#document-add").await;
    let docs = app
        .wait_for_text("#document-list", "synthèse CEP.pdf")
        .await;
    assert!(docs.contains("Synthèse de l’entretien CEP"), "{docs}");
    app.screenshot("case-documents").await;

    let data_home = app.finish().await;
    let conn = passerelle_tests::open_db(&db_path);
    let docs =
        passerelle_storage::records::documents(&conn, passerelle_domain::ids::CaseId(1)).unwrap();
    let kept = data_home
        .path()
        .join("fr.passerelle.desktop/documents")
        .join(&docs[0].sha256);
    // Kept sealed: the plaintext is nowhere on disk, and the file opens and hashes back.
    let sealed = std::fs::read(kept).unwrap();
    assert!(sealed.starts_with(b"PSLDOC1\n"), "{sealed:?}");
    assert!(
        !sealed
            .windows(b"synthese de test".len())
            .any(|w| w == b"synthese de test"),
        "the document is kept in clear"
    );
    let documents_dir = data_home.path().join("fr.passerelle.desktop/documents");
    assert_eq!(
        passerelle_storage::integrity::verify_files(&conn, &documents_dir).unwrap(),
        Ok(1)
    );
    // Create, two consent updates, the interview, the document.
    assert_eq!(passerelle_storage::integrity::verify(&conn).unwrap(), Ok(5));
}

/// Issue 10: on an AZERTY keyboard an unshifted 0 types « é ». Typing « 1 85 0é 57 463 123 45 »
/// in the NIR field made the validator panic inside the page: no message, and « Enregistrer »
/// dead for good with everything typed lost. Now the field says what is wrong, and once
/// corrected the case saves.
#[tokio::test(flavor = "multi_thread")]
async fn r10_an_accented_digit_in_the_nir_is_explained_then_corrected_and_saved() {
    let app = AppSession::start().await;
    app.wait_for("#case-search").await;
    app.wait_for("body")
        .await
        .send_keys("\u{E009}n")
        .await
        .unwrap();
    app.wait_for("#case-form").await;
    app.wait_for("#beneficiary-birthName")
        .await
        .send_keys("Weber")
        .await
        .unwrap();
    app.wait_for("#beneficiary-firstNames")
        .await
        .send_keys("Lucas")
        .await
        .unwrap();
    app.choose("#beneficiary-territory", "metz").await;
    let nir = app.wait_for("#beneficiary-nir").await;
    nir.send_keys("1 85 0é 57 463 123 45").await.unwrap();
    // Leave the field: the message appears at once.
    app.click("#beneficiary-usageName").await;
    let message = app
        .wait_for_text("#beneficiary-nir-msg", "caractère « é » en position 5")
        .await;
    assert!(message.starts_with("NIR : "), "{message}");
    app.screenshot("case-form-nir-accent").await;
    // The form is alive: saving is refused with the reason, and keeps the input.
    app.click("#case-save").await;
    app.wait_for_text("#case-notice", "corrigez les champs signalés")
        .await;
    // Corrected (the key of 1 85 05 57 463 123 is 04), the case saves.
    nir.clear().await.unwrap();
    nir.send_keys("1 85 05 57 463 123 04").await.unwrap();
    app.wait_for_no_text("#beneficiary-nir-msg").await;
    app.click("#case-save").await;
    app.wait_for_text("#case-title", "WEBER Lucas").await;
    app.finish().await;
}
