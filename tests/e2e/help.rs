//! Issue 17, items 4 and 5: the Aide screen (F1) explains the parcours from the domain's own
//! labels and the deadlines with the values in force, says where the data and the log are, and
//! « Copier un rapport d'erreur » gathers a report with no one's name in it.

use passerelle_tests::AppSession;

/// WebDriver's code for the F1 key.
const F1: &str = "\u{E031}";

#[tokio::test(flavor = "multi_thread")]
async fn f1_opens_the_help_and_the_error_report_names_nobody() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    let mut conn = passerelle_tests::open_db(&db);
    let mut data = passerelle_domain::case::CaseData::default();
    data.beneficiary.birth_name = "Quennehen".into();
    data.beneficiary.first_names = "Ysaline".into();
    data.beneficiary.territory = "metz".into();
    data.beneficiary.nir = "206127511100564".into();
    passerelle_storage::cases::create(&mut conn, "e2e", &data, chrono::Utc::now()).unwrap();
    drop(conn);

    let app = AppSession::start_in(data_home).await;
    app.wait_for_text("#screen-cases", "QUENNEHEN").await;
    app.wait_for("body").await.send_keys(F1).await.unwrap();
    app.wait_for_text("#screen-help h1", "Aide").await;
    let current = app
        .wait_for("#nav-help")
        .await
        .attr("aria-current")
        .await
        .unwrap();
    assert_eq!(current.as_deref(), Some("page"));

    // The parcours, from the state machine's labels and transitions.
    let step = app
        .wait_for("#screen-help dt[data-step='PTP_DOSSIER_DEPOSE'] + dd")
        .await
        .text()
        .await
        .unwrap();
    assert!(step.starts_with("ensuite : "), "{step}");
    assert!(step.contains("PTP : en instruction"), "{step}");
    // The deadlines, with the figures in force.
    let rules = app
        .wait_for_text(".help-deadlines", "Demande d’autorisation d’absence")
        .await;
    assert!(rules.contains("120 jours avant le début"), "{rules}");
    assert!(rules.contains("R6323-10"), "{rules}");
    // Where things are.
    let log_file = app.wait_for_text("#help-log-file", "passerelle.log").await;
    assert!(log_file.contains("logs"), "{log_file}");
    app.wait_for_text(
        "#help-version",
        &format!("Passerelle {}", env!("CARGO_PKG_VERSION")),
    )
    .await;
    app.wait_for_text(
        "#screen-help",
        "France Travail – ROME 4.60, Licence Ouverte",
    )
    .await;
    app.screenshot("help").await;

    app.click_centered("#help-report-copy", "help-report").await;
    app.wait_for_text("#help-report-notice", "copi").await;
    let report = app
        .wait_for("#help-report-text")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(report.contains("Version : "), "{report}");
    assert!(report.contains("Base : ouverte, schéma"), "{report}");
    assert!(report.contains("données déverrouillées"), "{report}");
    for secret in ["Quennehen", "QUENNEHEN", "Ysaline", "206127511100564"] {
        assert!(
            !report.contains(secret),
            "« {secret} » in the report:\n{report}"
        );
    }
    let log = std::fs::read_to_string(passerelle_storage::log_file::file_for(&app.database_path()))
        .unwrap();
    assert!(
        !log.contains("Quennehen") && !log.contains("QUENNEHEN"),
        "{log}"
    );
    app.finish().await;
}
