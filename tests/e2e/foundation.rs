use fantoccini::Locator;
use passerelle_tests::AppSession;

/// The app opens the database of its data directory, and the status line reports it.
#[tokio::test(flavor = "multi_thread")]
async fn status_line_reports_the_real_database_and_navigation_switches_screens() {
    // A database that already holds case files: the app must open this one, not a new one.
    let data_home = tempfile::tempdir().unwrap();
    let db_path = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    let mut conn = passerelle_tests::open_db(&db_path);
    let at = chrono::Utc::now();
    for (surname, archived) in [("Dupré", false), ("Muller", false), ("Klein", true)] {
        let mut data = passerelle_domain::case::CaseData::default();
        data.beneficiary.birth_name = surname.into();
        data.beneficiary.first_names = "Test".into();
        data.beneficiary.territory = "metz".into();
        let file = passerelle_storage::cases::create(&mut conn, "e2e", &data, at).unwrap();
        if archived {
            passerelle_storage::cases::set_archived(&mut conn, "e2e", file.id, true, at).unwrap();
        }
    }
    drop(conn);

    let app = AppSession::start_in(data_home).await;
    let schema = app.wait_for("#status-schema").await;
    // Process start to first screen with its status line (the app ran, loaded the wasm UI,
    // opened and migrated the database, answered the status command).
    eprintln!(
        "e2e: window ready in {:?}, status line shown after {:?}",
        app.started_in,
        app.launched.elapsed()
    );
    assert_eq!(
        schema.attr("data-value").await.unwrap().as_deref(),
        Some(
            passerelle_storage::migrations::LATEST_VERSION
                .to_string()
                .as_str()
        )
    );
    let cases = app.wait_for("#status-cases").await;
    assert_eq!(
        cases.attr("data-value").await.unwrap().as_deref(),
        Some("2")
    );
    assert_eq!(cases.text().await.unwrap(), "2 dossiers");
    app.screenshot("cases-first-screen").await;
    // textContent: WebKitWebDriver reports no visible text for an element that may ellipsize.
    let db_text = app
        .wait_for("#status-db")
        .await
        .prop("textContent")
        .await
        .unwrap();
    assert_eq!(db_text.unwrap(), format!("Base : {}", db_path.display()));

    // The first screen is Dossiers, in French, with the navigation marking it.
    let lang = app
        .client
        .find(Locator::Css("html"))
        .await
        .unwrap()
        .attr("lang")
        .await
        .unwrap();
    assert_eq!(lang.as_deref(), Some("fr"));
    app.wait_for("#screen-cases").await;
    let current = app
        .wait_for("#nav-cases")
        .await
        .attr("aria-current")
        .await
        .unwrap();
    assert_eq!(current.as_deref(), Some("page"));

    // Navigate to Comités and back.
    app.click("#nav-committees").await;
    app.wait_for_text("#screen-committees h1", "Comités").await;
    let current = app
        .wait_for("#nav-committees")
        .await
        .attr("aria-current")
        .await
        .unwrap();
    assert_eq!(current.as_deref(), Some("page"));
    assert!(
        app.client
            .find(Locator::Css("#screen-cases"))
            .await
            .is_err()
    );
    assert_eq!(app.client.title().await.unwrap(), "Comités — Passerelle");

    app.click("#nav-cases").await;
    app.wait_for_text("#screen-cases h1", "Dossiers individuels")
        .await;

    app.screenshot("committees").await;
    app.finish().await;
}
