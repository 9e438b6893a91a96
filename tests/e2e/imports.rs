//! « Importer » in the window (issue 17): an HR department's Windows-1252 spreadsheet with
//! headers the app does not know, mapped on screen, refused while a cell is wrong, imported all
//! or nothing, its mapping remembered for the next file of the same form; and the France
//! compétences export from Certifications › Catalogue.

use passerelle_domain::ids::CaseId;
use passerelle_tests::AppSession;

/// The HR export as such a department writes it: Windows-1252, `;`, its own headers. « Emploi
/// occupé » is unknown to the import (mapped in the window), « Site » is left out.
fn hr_export(klein_nir: &str) -> Vec<u8> {
    let text = format!(
        "Nom;Prénom;N° de sécurité sociale;Adresse mail;Type de contrat;Date d'entrée;Emploi occupé;Site\r\n\
         Dupré;Françoise;2 06 12 75 111 005 64;f.dupre@example.fr;CDI;02/09/2019;Opératrice de production;Creutzwald\r\n\
         Klein;Paul;{klein_nir};p.klein@example.fr;CDD;01/03/2025;Cariste;Boulay\r\n"
    );
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 text: Windows-1252 byte for byte"))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_hr_spreadsheet_with_unknown_headers_is_mapped_and_imported_in_the_window() {
    let app = AppSession::start().await;
    let dir = tempfile::tempdir().unwrap();
    let wrong = dir.path().join("salaries-concernes.csv");
    // Paul Klein's NIR with a wrong key (48 is right).
    std::fs::write(&wrong, hr_export("1 80 03 57 463 001 99")).unwrap();
    let right = dir.path().join("salaries-concernes-corrige.csv");
    std::fs::write(&right, hr_export("1 80 03 57 463 001 48")).unwrap();

    app.click("#case-import").await;
    app.wait_for("#import-file")
        .await
        .send_keys(wrong.to_str().unwrap())
        .await
        .unwrap();
    app.wait_for_text("#import-summary", "« salaries-concernes.csv » : 2 lignes")
        .await;
    // Decoded from Windows-1252; the four HR headers are recognised.
    let sample = app.wait_for_text("#import-sample", "Françoise").await;
    assert!(sample.contains("Opératrice de production"), "{sample}");
    for known in ["→ NIR", "→ E-mail", "→ Contrat", "→ Début du contrat"] {
        assert!(sample.contains(known), "{known}: {sample}");
    }
    // « Emploi occupé » (7th column) → Poste occupé; the territory for every line.
    app.choose("#import-map-6", "situation.jobTitle").await;
    app.wait_for_text("#import-sample", "→ Poste occupé").await;
    app.choose("#import-territory", "metz").await;
    let errors = app
        .wait_for_text("#import-errors", "« N° de sécurité sociale »")
        .await;
    assert!(errors.contains("1 erreur"), "{errors}");
    assert!(errors.contains("Ligne"), "{errors}");
    let line = app
        .wait_for("#import-errors tbody td")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(line, "3", "the wrong NIR is on line 3");
    assert!(
        !app.wait_for("#import-run")
            .await
            .is_enabled()
            .await
            .unwrap(),
        "nothing can be imported while a cell is wrong"
    );
    app.screenshot("import-errors").await;

    // The corrected file: the choices made stay.
    app.wait_for("#import-file")
        .await
        .send_keys(right.to_str().unwrap())
        .await
        .unwrap();
    app.wait_for_text("#import-summary", "2 prêtes à importer")
        .await;
    app.wait_for_text("#import-sample", "→ Poste occupé").await;
    app.screenshot("import-preview").await;
    app.click_centered("#import-run", "import-run").await;
    app.wait_for_text("#import-done", "2 dossiers importés")
        .await;
    app.wait_for_link("Voir les dossiers")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_link("DUPRÉ Françoise").await;

    // The next export of the same form maps itself.
    app.click("#case-import").await;
    app.wait_for("#import-file")
        .await
        .send_keys(right.to_str().unwrap())
        .await
        .unwrap();
    let mapping = app
        .wait_for_text("#import-mapping", "mémorisée pour cette source")
        .await;
    assert!(mapping.contains("Emploi occupé"), "{mapping}");
    let selected = app
        .wait_for("#import-map-6")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(selected.as_deref(), Some("situation.jobTitle"));

    let db = app.database_path();
    // Kept until the end: dropping the directory would delete the database.
    let _data_home = app.finish().await;
    let conn = passerelle_tests::open_db(&db);
    let klein = passerelle_storage::cases::get(&conn, CaseId(2))
        .unwrap()
        .unwrap();
    let (b, s) = (&klein.data.beneficiary, &klein.data.situation);
    assert_eq!(
        (b.birth_name.as_str(), b.territory.as_str()),
        ("Klein", "metz")
    );
    assert_eq!(b.email, "p.klein@example.fr");
    assert_eq!(s.job_title, "Cariste");
    assert_eq!(
        s.contract_start,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 1)
    );
}

const STANDARD: &str = "Id_Fiche;Numero_Fiche;Intitule;Nomenclature_Europe_Niveau;Date_Decision;Date_Fin_Enregistrement;Actif\n\
1;RNCP35830;Aide-soignant;NIV4;01/09/2021;31/08/2026;ACTIVE\n\
2;RNCP38596;Juriste d’entreprise;NIV7;15/02/2024;15/02/2029;ACTIVE\n";

#[tokio::test(flavor = "multi_thread")]
async fn the_catalogue_export_is_checked_then_imported_from_the_certifications_screen() {
    let app = AppSession::start().await;
    let dir = tempfile::tempdir().unwrap();
    let wrong = dir.path().join("export-Standard.csv");
    std::fs::write(
        &wrong,
        format!("{STANDARD}3;RNCP12;Niveau inconnu;NIV9;;;ACTIVE\n"),
    )
    .unwrap();
    let right = dir.path().join("export-Standard-2.csv");
    std::fs::write(&right, STANDARD).unwrap();

    app.click("#nav-certifications").await;
    app.click("#tab-cert-catalogue").await;
    app.click("#catalogue-import summary").await;
    app.wait_for("#catalogue-file")
        .await
        .send_keys(wrong.to_str().unwrap())
        .await
        .unwrap();
    let errors = app
        .wait_for_text("#catalogue-errors", "« Nomenclature_Europe_Niveau »")
        .await;
    assert!(errors.contains("NIV9"), "{errors}");
    app.wait_for("#catalogue-file")
        .await
        .send_keys(right.to_str().unwrap())
        .await
        .unwrap();
    app.wait_for_text("#catalogue-preview", "2 fiches").await;
    app.click_centered("#catalogue-run", "catalogue-run").await;
    app.wait_for_text("#catalogue-done", "2 fiches importées")
        .await;
    app.wait_for("#cert-search")
        .await
        .send_keys("juriste")
        .await
        .unwrap();
    app.wait_for_text("#cert-list", "RNCP38596").await;
    app.screenshot("catalogue-import").await;
    app.finish().await;
}
