//! The installed package (issue 17, item 1). `scripts/package-smoke.sh` installs the .deb and
//! runs this test against `/usr/bin/passerelle-app` (`PASSERELLE_APP_BIN`): the release build,
//! its embedded window and reference data, on an empty database. Ignored in the ordinary run,
//! which drives the debug build.

use passerelle_tests::AppSession;

#[tokio::test(flavor = "multi_thread")]
#[ignore = "drives the installed package: scripts/package-smoke.sh"]
async fn the_installed_app_starts_empty_imports_a_case_and_exports_its_dossier() {
    let installed = std::env::var("PASSERELLE_APP_BIN").expect("PASSERELLE_APP_BIN");
    assert!(
        installed.starts_with("/usr/"),
        "run against the installed package, not {installed}"
    );
    let app = AppSession::start().await;
    // An empty database: no case, the list says so.
    app.wait_for_text("#screen-cases", "Aucun dossier").await;
    // The version in Aide is the package's.
    app.click("#nav-help").await;
    app.wait_for_text("#screen-help", env!("CARGO_PKG_VERSION"))
        .await;

    // A case through the import (the file staged, checked, written), then its dossier as PDF
    // (fonts and reference data are in the binary).
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("salaries.csv");
    std::fs::write(
        &sheet,
        "Nom;Prénom;Territoire;Code ROME\nDupré;Françoise;metz;H2913\n",
    )
    .unwrap();
    app.click("#nav-cases").await;
    app.click("#case-import").await;
    app.wait_for("#import-file")
        .await
        .send_keys(sheet.to_str().unwrap())
        .await
        .unwrap();
    app.wait_for_text("#import-summary", "1 prête à importer")
        .await;
    app.click_centered("#import-run", "installed-import").await;
    app.wait_for_text("#import-done", "1 dossier importé").await;
    app.wait_for_link("Voir les dossiers")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_link("DUPRÉ Françoise")
        .await
        .click()
        .await
        .unwrap();
    app.click_centered("#case-export", "installed-export").await;
    app.wait_for("#export-dialog").await;
    app.click_centered("#export-submit", "installed-export-submit")
        .await;
    app.wait_for_text("#export-notice", "Dossier enregistré")
        .await;
    let exports = passerelle_tests::exports_dir(app.data_home.path());
    let pdf = std::fs::read_dir(&exports)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
        .expect("the dossier PDF");
    let bytes = std::fs::read(pdf.path()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"), "{}", pdf.path().display());
    app.screenshot("installed").await;
    app.finish().await;
}
