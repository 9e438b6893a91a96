use passerelle_tests::AppSession;

const ENTER: &str = "\u{E007}";

/// A refused save keeps what was typed and says what to fix; a good one is stored in SQLite.
#[tokio::test(flavor = "multi_thread")]
async fn profile_form_validates_keeps_input_and_saves_to_the_database() {
    let app = AppSession::start().await;
    app.wait_for("#status-schema").await;
    app.wait_for("#nav-settings").await.click().await.unwrap();

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
    app.wait_for("#profile-save").await.click().await.unwrap();
    app.wait_for_text("#profile-notice", "Profil enregistré")
        .await;
    assert_eq!(
        name.attr("aria-invalid").await.unwrap().as_deref(),
        Some("false")
    );

    app.screenshot("settings-profile-saved").await;
    let db_path = app.database_path();
    let _data_home = app.finish().await;

    let conn = passerelle_storage::open(&db_path).unwrap();
    let saved = passerelle_storage::profile::get(&conn)
        .unwrap()
        .expect("profile stored");
    assert_eq!(saved.display_name, "Françoise Dupré");
    assert_eq!(saved.structure, "Maison de l’emploi de Sarrebourg");
}
