use fantoccini::Locator;
use passerelle_domain::case::CaseData;
use passerelle_domain::certification::{Bloc, Certification};
use passerelle_tests::AppSession;

/// Certification staff record a partial validation at a jury; the case's project shows the
/// remaining blocs.
#[tokio::test(flavor = "multi_thread")]
async fn a_partial_validation_at_a_jury_shows_the_remaining_blocs_in_the_project() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    let mut conn = passerelle_storage::open(&db).unwrap();
    let tx = conn.transaction().unwrap();
    let cert = Certification {
        code: "RNCP38596".into(),
        title: "Juriste d’entreprise".into(),
        level: Some(7),
        active: true,
        ..Certification::default()
    };
    passerelle_storage::catalogue::upsert(&tx, &cert, chrono::Utc::now()).unwrap();
    for (code, title) in [
        ("RNCP38596BC01", "Conseiller la direction"),
        ("RNCP38596BC02", "Réaliser un diagnostic juridique"),
    ] {
        let bloc = Bloc {
            code: code.into(),
            title: title.into(),
        };
        passerelle_storage::catalogue::upsert_bloc(&tx, "RNCP38596", &bloc).unwrap();
    }
    tx.commit().unwrap();
    let mut c = CaseData::default();
    c.beneficiary.birth_name = "Collin".into();
    c.beneficiary.first_names = "Aurélie".into();
    c.beneficiary.territory = "metz".into();
    c.project.target_certification = "RNCP38596".into();
    passerelle_storage::cases::create(&mut conn, "e2e", &c, chrono::Utc::now()).unwrap();
    drop(conn);

    let app = AppSession::start_in(data_home).await;
    // The catalogue, searched without accents.
    app.wait_for("#nav-certifications")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for("#cert-search")
        .await
        .send_keys("diagnostic jurid")
        .await
        .unwrap();
    app.wait_for_text("#cert-list", "Juriste d’entreprise")
        .await;

    app.wait_for("#nav-cases").await.click().await.unwrap();
    app.wait_for("#case-search").await;
    app.client
        .find(Locator::LinkText("COLLIN Aurélie"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.wait_for("#tab-project").await.click().await.unwrap();
    app.choose("#enrol-route", "vae").await;
    app.wait_for("#enrol-add").await.click().await.unwrap();
    app.wait_for_text("#enrolment-1-remaining", "RNCP38596BC01")
        .await;

    // The jury: bloc 1 acquired on 12/03/2026, bloc 2 not validated.
    app.choose("#bloc-RNCP38596BC01-status", "acquis").await;
    app.wait_for("#bloc-RNCP38596BC01-on")
        .await
        .send_keys("12/03/2026")
        .await
        .unwrap();
    app.wait_for("#bloc-RNCP38596BC01-save")
        .await
        .click()
        .await
        .unwrap();
    let remaining = app
        .wait_for_text(
            "#enrolment-1-remaining",
            "Restant à acquérir : RNCP38596BC02",
        )
        .await;
    assert!(!remaining.contains("BC01"), "{remaining}");
    app.choose("#bloc-RNCP38596BC02-status", "non_valide").await;
    app.wait_for("#bloc-RNCP38596BC02-save")
        .await
        .click()
        .await
        .unwrap();
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
