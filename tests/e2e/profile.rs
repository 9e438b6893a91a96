use passerelle_tests::AppSession;

const ENTER: &str = "\u{E007}";

/// A refused save keeps what was typed and says what to fix; a good one is stored in SQLite.
#[tokio::test(flavor = "multi_thread")]
async fn profile_form_validates_keeps_input_and_saves_to_the_database() {
    let app = AppSession::start().await;
    app.wait_for("#status-schema").await;
    app.click("#nav-settings").await;

    // Only the structure: the name is missing. Submit with the keyboard.
    let structure = app.wait_for("#profile-structure").await;
    structure
        .send_keys("Maison de l’emploi de Sarrebourg")
        .await
        .unwrap();
    structure.send_keys(ENTER).await.unwrap();
    let error = app
        .wait_for_text("#profile-name-error", "Nom et prénom")
        .await;
    assert!(error.contains("obligatoire"), "{error}");
    let name = app.wait_for("#profile-name").await;
    assert_eq!(
        name.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    assert_eq!(
        structure.prop("value").await.unwrap().as_deref(),
        Some("Maison de l’emploi de Sarrebourg"),
        "the refused save lost the input"
    );

    name.send_keys("Françoise Dupré").await.unwrap();
    app.click("#profile-save").await;
    app.wait_for_text("#profile-notice", "Profil enregistré")
        .await;
    assert_eq!(
        name.attr("aria-invalid").await.unwrap().as_deref(),
        Some("false")
    );

    app.screenshot("settings-profile-saved").await;
    let db_path = app.database_path();
    let _data_home = app.finish().await;

    let conn = passerelle_tests::open_db(&db_path);
    let saved = passerelle_storage::profile::get(&conn)
        .unwrap()
        .expect("profile stored");
    assert_eq!(saved.display_name, "Françoise Dupré");
    assert_eq!(saved.structure, "Maison de l’emploi de Sarrebourg");
}

/// Paramètres › Territoires: a new territory is added once, then offered in the case form.
#[tokio::test(flavor = "multi_thread")]
async fn a_territory_added_in_settings_is_offered_in_the_case_form() {
    let app = AppSession::start().await;
    app.click("#nav-settings").await;
    let label = app.wait_for("#territory-label").await;
    label.send_keys("Pays de Sarrebourg").await.unwrap();
    label.send_keys(ENTER).await.unwrap();
    app.wait_for_text(
        "#territory-message",
        "Territoire « Pays de Sarrebourg » ajouté",
    )
    .await;
    app.wait_for_text("#territory-list", "pays-de-sarrebourg")
        .await;
    label.send_keys("pays de sarrebourg").await.unwrap();
    app.click("#territory-add").await;
    app.wait_for_text("#territory-message", "existe déjà").await;
    app.screenshot("settings").await;

    // A dated regulatory value, in force from its date.
    app.choose("#parameter-key", "employer_answer_days").await;
    app.wait_for("#parameter-value")
        .await
        .send_keys("45")
        .await
        .unwrap();
    app.wait_for("#parameter-from")
        .await
        .send_keys("01/01/2026")
        .await
        .unwrap();
    app.click("#parameter-save").await;
    app.wait_for_text("#parameter-message", "Valeur enregistrée")
        .await;
    let table = app.wait_for_text("#parameter-list", "Saisie").await;
    assert!(table.contains("1er janvier 2026"), "{table}");

    app.click("#nav-cases").await;
    app.click("#case-new").await;
    app.wait_for("#beneficiary-territory option[value='pays-de-sarrebourg']")
        .await;
    app.finish().await;
}
