use std::process::Command;

use passerelle_domain::case::{CaseId, CaseQuery};
use passerelle_domain::profile::CounsellorProfile;
use passerelle_tests::{AppSession, exports_dir};

fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

async fn click(app: &AppSession, css: &str) {
    app.click_centered(css, "matching-failure").await;
}

/// The Ardennes scenario of the demo: an estampeur of the Forges de Nouvion (H2904, a trade en
/// péril on the territory) opens Rapprochements, which shows the Boulonnerie de Monthermé's need
/// for H2906 nearby with its reasons; a training session near Charleville-Mézières is chosen;
/// the Projet tab shows the match and the committee dossier (PDF) carries it.
#[tokio::test(flavor = "multi_thread")]
async fn an_ardennes_worker_is_matched_with_a_need_and_a_training_shown_in_the_dossier() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    passerelle_tests::seed_demo(&db, 20);
    let name = {
        let mut conn = passerelle_tests::open_db(&db);
        passerelle_storage::profile::save(
            &mut conn,
            &CounsellorProfile {
                display_name: "Claire Martin".into(),
                structure: "Maison de l’emploi des Ardennes".into(),
            },
        )
        .unwrap();
        let case = passerelle_storage::cases::get(&conn, CaseId(11))
            .unwrap()
            .unwrap();
        assert_eq!(
            case.data.situation.job_rome, "H2904",
            "the demo's scenario moved"
        );
        assert_eq!(case.data.beneficiary.territory, "nord-est-ardennes");
        let page = passerelle_storage::cases::list(
            &conn,
            &CaseQuery {
                limit: 100,
                ..CaseQuery::default()
            },
        )
        .unwrap();
        page.items
            .into_iter()
            .find(|s| s.id == CaseId(11))
            .unwrap()
            .display_name
    };
    let exports = exports_dir(data_home.path());
    let app = AppSession::start_in(data_home).await;
    app.wait_for_link(&name).await.click().await.unwrap();
    click(&app, "#tab-matches").await;
    app.wait_for("#match-list").await;
    // The need of the Boulonnerie, with its reasons.
    let index: u64 = app
        .client
        .execute(
            "const rows = [...document.querySelectorAll('li.match-row')]; \
             return rows.findIndex(r => r.dataset.rome === 'H2906' && r.dataset.need);",
            vec![],
        )
        .await
        .unwrap()
        .as_i64()
        .and_then(|i| u64::try_from(i).ok())
        .expect("a need for H2906 among the matches");
    let row = app.wait_for_text(&format!("#match-{index}"), "H2906").await;
    assert!(row.contains("Boulonnerie"), "{row}");
    let versions = app.wait_for_text("#matches-versions", "ROME 4.60").await;
    assert!(versions.contains("offre de formation"), "{versions}");
    app.wait_for("#matches-excluded").await;
    app.screenshot("rapprochements").await;

    // Sessions preparing the trade; the first one near Charleville-Mézières is chosen.
    click(&app, &format!("#see-trainings-{index}")).await;
    app.wait_for("#match-sessions tr.session-row").await;
    let session_id = app
        .client
        .execute(
            "const rows = [...document.querySelectorAll('#match-sessions tr.session-row')]; \
             const near = rows.find(r => r.textContent.includes('Charleville')) || rows[0]; \
             return near.id.replace('session-', '');",
            vec![],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    app.screenshot("rapprochements-formations").await;
    click(&app, &format!("#choose-session-{session_id}")).await;
    app.wait_for_text("#export-notice", "Projet mis à jour")
        .await;
    let chosen = app.wait_for_text("#chosen-match", "H2906").await;
    assert!(chosen.contains("Boulonnerie"), "{chosen}");
    app.wait_for("#skills-table").await;
    app.screenshot("projet-competences").await;

    // The committee dossier carries the match.
    click(&app, "#case-export").await;
    click(&app, "#export-submit").await;
    app.wait_for_text("#export-notice", "Dossier enregistré")
        .await;
    let written: Vec<_> = std::fs::read_dir(&exports)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".pdf"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    // Table cells wrap: compare with the line breaks as spaces.
    let text = pdf_text(&written[0])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("Rapprochement retenu"), "{text}");
    assert!(text.contains("H2906"), "{text}");
    assert!(text.contains("Compétences clés à acquérir"), "{text}");

    // The training offer browser: sessions preparing the trade around Charleville-Mézières,
    // counted by EPCI on the map.
    click(&app, "#nav-trainings").await;
    let rome = app.wait_for("#training-rome").await;
    rome.send_keys("H2906").await.unwrap();
    let near = app.wait_for("#training-near").await;
    near.send_keys("08105").await.unwrap();
    click(&app, "#training-submit").await;
    app.wait_for_text("#training-count", "session").await;
    let table = app.wait_for_text("#training-sessions", "Charleville").await;
    assert!(table.contains("RNCP36210"), "{table}");
    app.wait_for("#training-map path[data-siren]").await;
    app.screenshot("formations").await;
    app.finish().await;
}
