use std::process::Command;

use chrono::{TimeZone, Utc};
use fantoccini::Locator;
use passerelle_domain::case::{CaseData, Civility};
use passerelle_domain::parcours::{Funder, FundingLine, Step};
use passerelle_storage::parcours::CaseHistory;
use passerelle_tests::{AppSession, exports_dir};

/// Two PTP dossiers filed with Transitions Pro, ready for a commission.
fn seed(
    db_path: &std::path::Path,
) -> (
    passerelle_domain::ids::CaseId,
    passerelle_domain::ids::CaseId,
) {
    let mut conn = passerelle_tests::open_db(db_path);
    let case = |name: &str, first: &str, amount: i64| {
        let mut c = CaseData::default();
        c.beneficiary.civility = Some(Civility::Madame);
        c.beneficiary.birth_name = name.into();
        c.beneficiary.first_names = first.into();
        c.beneficiary.email = format!("{}@exemple.fr", first.to_lowercase());
        c.beneficiary.phone = "0612345678".into();
        c.beneficiary.territory = "moselle-sud".into();
        c.situation.job_rome = "H2913".into();
        c.project.target_rome = "J1501".into();
        // Nothing the scan of free texts would flag: the pseudonymised pack goes out as is.
        c.project.motive = "Veut devenir aide-soignante.".into();
        c.parcours.funding = vec![FundingLine {
            funder: Funder::TransitionsPro,
            amount_cents: amount,
            covers: "Frais pédagogiques et rémunération".into(),
        }];
        let t0 = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
        CaseHistory {
            data: c,
            created: t0,
            steps: [
                Step::Accompagnement,
                Step::ProjetFormalise,
                Step::PtpPositionnement,
                Step::PtpDossierDepose,
            ]
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, t0 + chrono::Duration::days(7 * (i as i64 + 1))))
            .collect(),
            documents: vec![],
        }
    };
    let ids = passerelle_storage::parcours::import_histories(
        &mut conn,
        "e2e",
        &[
            case("Thiébaut", "Noémie", 1_250_000),
            case("Ancel", "Maëlle", 980_000),
        ],
    )
    .unwrap();
    (ids[0], ids[1])
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// A commission session prepared in the window: created (after a refused empty form), two
/// dossiers put on the agenda and reordered, the pseudonymised pack exported, a refusal
/// recorded (refused first without motifs) that moves the parcours, and a dossier exported
/// from the case page.
#[tokio::test(flavor = "multi_thread")]
async fn a_commission_meeting_is_prepared_exported_and_decided() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    let (noemie, maelle) = seed(&db);
    let exports = exports_dir(data_home.path());

    let app = AppSession::start_in(data_home).await;
    app.wait_for("#case-search").await;
    app.wait_for_link("Comités").await.click().await.unwrap();
    app.wait_for("#session-new").await;

    // An empty form is refused field by field.
    app.click("#session-create").await;
    app.wait_for_text("#session-kind-msg", "Instance").await;
    app.wait_for_text("#session-place-msg", "Lieu").await;
    app.choose("#session-kind", "commission_paritaire").await;
    app.wait_for("#session-date")
        .await
        .send_keys("12/12/2026")
        .await
        .unwrap();
    app.wait_for("#session-place")
        .await
        .send_keys("Transitions Pro Grand Est, Metz")
        .await
        .unwrap();
    app.wait_for("#session-members")
        .await
        .send_keys("Mme A. Martin (collège employeurs)")
        .await
        .unwrap();
    app.click("#session-create").await;
    app.wait_for_text("#session-title", "12 décembre 2026")
        .await;

    // Rescheduled to another place: the session is edited in place.
    app.click("#session-edit-open").await;
    let place = app.wait_for("#session-edit #session-place").await;
    place.clear().await.unwrap();
    place
        .send_keys("Transitions Pro Grand Est, Nancy")
        .await
        .unwrap();
    app.click("#session-edit #session-create").await;
    app.wait_for_text("#screen-session .screen-head", "Nancy")
        .await;

    // Both filed dossiers are offered; add them, then put the second first.
    for id in [noemie, maelle] {
        app.choose("#agenda-candidate", &id.to_string()).await;
        app.click("#agenda-add-button").await;
        app.wait_for(&format!("#agenda-{id}")).await;
    }
    let first = app.wait_for("#agenda tbody tr").await.text().await.unwrap();
    assert!(first.contains("THIÉBAUT"), "{first}");
    app.client
        .find(Locator::Css(&format!(
            "#agenda-{noemie} button[aria-label^='Descendre']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.wait_for_text("#agenda tbody tr:first-child", "ANCEL")
        .await;
    app.screenshot("comites-seance").await;

    // The pseudonymised pack: cover, agenda, both dossiers, no name; for whom it is, asked
    // in the export dialog, is required and printed.
    app.click("#pack-export-pseudo").await;
    app.click("#export-submit").await;
    app.wait_for_text("#export-recipients-error", "Destinataires : obligatoire")
        .await;
    app.wait_for("#export-recipients")
        .await
        .send_keys("Secrétariat de la commission")
        .await
        .unwrap();
    app.screenshot("comites-export-dialogue").await;
    app.click("#export-submit").await;
    let notice = app
        .wait_for_text("#session-notice", "Séance exportée")
        .await;
    assert!(
        notice.contains("seance-2026-12-12-pseudonymisee.pdf"),
        "{notice}"
    );
    let text = pdf_text(&exports.join("seance-2026-12-12-pseudonymisee.pdf"));
    assert!(text.contains("Ordre du jour"), "{text}");
    assert!(text.contains("Secrétariat de la commission"), "{text}");
    assert!(
        text.contains("12 500,00") || text.contains("12\u{202F}500,00"),
        "{text}"
    );
    for personal in [
        "Thiébaut",
        "THIÉBAUT",
        "Noémie",
        "Ancel",
        "ANCEL",
        "Maëlle",
        "exemple.fr",
    ] {
        assert!(
            !text.contains(personal),
            "« {personal} » in the pseudonymised pack"
        );
    }

    // A refusal needs its motifs; once recorded, the parcours has moved.
    app.wait_for(&format!("#outcome-open-{noemie}"))
        .await
        .click()
        .await
        .unwrap();
    app.choose("#outcome-kind", "decision:refus").await;
    app.click("#outcome-save").await;
    app.wait_for_text("#outcome-motifs-msg", "Motifs").await;
    app.wait_for("#outcome-motifs")
        .await
        .send_keys("Perspectives d’emploi insuffisamment étayées")
        .await
        .unwrap();
    app.click("#outcome-save").await;
    app.wait_for_text(&format!("#agenda-{noemie} td.outcome"), "Refus")
        .await;
    let conn = passerelle_tests::open_db(&db);
    assert_eq!(
        passerelle_storage::parcours::current_step(&conn, noemie).unwrap(),
        Step::PtpRefus
    );

    // The case page exports the full dossier.
    app.wait_for_link("THIÉBAUT Noémie")
        .await
        .click()
        .await
        .unwrap();
    app.click("#case-export").await;
    // Recipients are optional for the full dossier.
    app.click("#export-submit").await;
    let notice = app
        .wait_for_text("#export-notice", "Dossier enregistré")
        .await;
    assert!(notice.contains(".pdf"), "{notice}");
    let written: Vec<_> = std::fs::read_dir(&exports)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("dossier-"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    let text = pdf_text(&exports.join(&written[0]));
    assert!(
        text.contains("Noémie THIÉBAUT") || text.contains("THIÉBAUT"),
        "{text}"
    );
    assert!(
        text.contains("Refus"),
        "the recorded decision is in the dossier"
    );
    app.finish().await;
}

/// A pseudonymised dossier whose motive names the person: the export is stopped and the
/// finding shown in the dialog; cancelled (the focus goes back), then confirmed after review,
/// it is written, with its recipients printed.
#[tokio::test(flavor = "multi_thread")]
async fn a_pseudonymised_dossier_naming_the_person_is_exported_once_reviewed() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    {
        let mut conn = passerelle_tests::open_db(&db);
        let mut c = CaseData::default();
        c.beneficiary.civility = Some(Civility::Madame);
        c.beneficiary.birth_name = "Quintanilla".into();
        c.beneficiary.first_names = "Inès".into();
        c.beneficiary.territory = "moselle-sud".into();
        c.project.target_rome = "J1501".into();
        c.project.motive = "Après dix ans en entrepôt, Mme Quintanilla veut soigner.".into();
        passerelle_storage::cases::create(&mut conn, "e2e", &c, Utc::now()).unwrap();
    }
    let exports = exports_dir(data_home.path());
    // Named after the dossier's pseudonym, drawn for each export.
    let pdfs = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&exports)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with("-pseudonymise.pdf"))
            .collect()
    };

    let app = AppSession::start_in(data_home).await;
    app.wait_for_link("QUINTANILLA Inès")
        .await
        .click()
        .await
        .unwrap();
    let open = app.wait_for("#case-export-pseudo").await;
    open.click().await.unwrap();
    app.wait_for("#export-recipients")
        .await
        .send_keys("Comité territorial Moselle-Sud, Transitions Pro Grand Est")
        .await
        .unwrap();
    app.click("#export-submit").await;
    let found = app.wait_for_text("#export-findings", "1 élément").await;
    assert!(
        found.contains("Motivation du projet : nom de la personne")
            && found.contains("Mme Quintanilla veut"),
        "{found}"
    );
    assert!(pdfs().is_empty(), "nothing written before the review");
    app.screenshot("export-pseudonymise-relecture").await;

    // Cancelled: the dialog closes, the focus is back on its button.
    app.click("#export-cancel").await;
    let start = std::time::Instant::now();
    loop {
        let focused = app.client.active_element().await.unwrap();
        if focused.attr("id").await.ok().flatten().as_deref() == Some("case-export-pseudo") {
            break;
        }
        assert!(
            start.elapsed() < passerelle_tests::UI_TIMEOUT,
            "focus not returned"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    // Again, and confirmed after review: « Exporter quand même » needs the box ticked.
    open.click().await.unwrap();
    app.wait_for("#export-recipients")
        .await
        .send_keys("Comité territorial Moselle-Sud")
        .await
        .unwrap();
    app.click("#export-submit").await;
    app.wait_for_text("#export-submit", "Exporter quand même")
        .await;
    app.click("#export-submit").await;
    app.wait_for_text("#export-confirm-error", "J’ai relu ces passages")
        .await;
    app.click("#export-confirm").await;
    app.click("#export-submit").await;
    let notice = app
        .wait_for_text("#export-notice", "Dossier enregistré")
        .await;
    let written = pdfs();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(
        notice.contains(&written[0].display().to_string()),
        "{notice}"
    );
    let text = pdf_text(&written[0]);
    assert!(text.contains("Comité territorial Moselle-Sud"), "{text}");
    app.finish().await;
}
