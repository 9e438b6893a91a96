use std::process::Command;

use chrono::{DateTime, TimeZone, Utc};
use fantoccini::Locator;
use passerelle_domain::case::{CaseData, Civility, DocumentKind, InterviewKind, NewInterview};
use passerelle_domain::i18n::format_date;
use passerelle_domain::ids::CaseId;
use passerelle_domain::parcours::{Funder, FundingLine, Step};
use passerelle_storage::parcours::CaseHistory;
use passerelle_tests::{AppSession, exports_dir};

fn person(name: &str, first: &str) -> CaseData {
    let mut c = CaseData::default();
    c.beneficiary.civility = Some(Civility::Madame);
    c.beneficiary.birth_name = name.into();
    c.beneficiary.first_names = first.into();
    c.beneficiary.email = format!("{}@exemple.fr", first.to_lowercase());
    c.beneficiary.territory = "moselle-sud".into();
    c.situation.job_rome = "H2913".into();
    c.project.target_rome = "J1501".into();
    c
}

fn utc(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 9, 0, 0).unwrap()
}

/// Imports `data` at `created`, moved through `steps` a week apart.
fn import(
    conn: &mut passerelle_storage::Connection,
    data: CaseData,
    created: DateTime<Utc>,
    steps: &[Step],
) -> CaseId {
    let history = CaseHistory {
        data,
        created,
        steps: steps
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, created + chrono::Duration::days(7 * (i as i64 + 1))))
            .collect(),
        documents: vec![],
    };
    passerelle_storage::parcours::import_histories(conn, "e2e", &[history]).unwrap()[0]
}

fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// Opens a case from the list, archived ones included, by three letters of its name.
async fn open_case(app: &AppSession, search: &str, link: &str) {
    app.click("#nav-cases").await;
    let archived = app.wait_for("#case-archived").await;
    if !archived.is_selected().await.unwrap() {
        archived.click().await.unwrap();
    }
    let field = app.wait_for("#case-search").await;
    field.clear().await.unwrap();
    field.send_keys(search).await.unwrap();
    app.wait_for_link(link).await.click().await.unwrap();
    app.wait_for_text("#case-title", link).await;
}

/// An erasure request: refused with its legal reasons while the accompaniment and its funding
/// run (the dialog stays open with the motif typed; Escape closes it and gives the focus
/// back), then, on a closed case, the person's data is exported and erased: the case no longer
/// answers to the person's name.
#[tokio::test(flavor = "multi_thread")]
async fn an_erasure_is_refused_with_the_legal_reasons_then_a_closed_case_is_erased() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    let erased_reference = {
        let mut conn = passerelle_tests::open_db(&db);
        let mut funded = person("Thiébaut", "Noémie");
        funded.parcours.funding = vec![FundingLine {
            funder: Funder::TransitionsPro,
            amount_cents: 1_250_000,
            covers: "Frais pédagogiques".into(),
        }];
        import(
            &mut conn,
            funded,
            utc(2026, 1, 5),
            &[
                Step::Accompagnement,
                Step::ProjetFormalise,
                Step::PtpPositionnement,
                Step::PtpDossierDepose,
            ],
        );
        let closed = import(
            &mut conn,
            person("Quintanilla", "Inès"),
            utc(2026, 2, 2),
            &[Step::ClosSansSuite],
        );
        passerelle_storage::records::add_interview(
            &mut conn,
            "e2e",
            closed,
            &NewInterview {
                held_on: Some(chrono::NaiveDate::from_ymd_opt(2026, 2, 3).unwrap()),
                kind: Some(InterviewKind::Individuel),
                duration_minutes: Some(45),
                summary: "Mme Quintanilla renonce à son projet.".into(),
            },
            utc(2026, 2, 3),
        )
        .unwrap();
        passerelle_storage::cases::set_archived(&mut conn, "e2e", closed, true, utc(2026, 2, 20))
            .unwrap()
            .reference
    };
    let exports = exports_dir(data_home.path());
    let today = format_date(chrono::Local::now().date_naive());

    let app = AppSession::start_in(data_home).await;
    app.wait_for("#case-search").await;

    // Refused: the accompaniment and its funding run; the reasons are listed in the dialog.
    open_case(&app, "thie", "THIÉBAUT Noémie").await;
    app.click("#person-erase").await;
    app.wait_for_text("#purge-dialog-title", "Demande d’effacement")
        .await;
    let reason = app.wait_for("#purge-reason").await;
    assert_eq!(
        reason.prop("value").await.unwrap(),
        Some(format!("Demande d’effacement du {today}"))
    );
    let goes = app.wait_for("#purge-goes").await.text().await.unwrap();
    assert!(goes.contains("entretiens"), "{goes}");
    let stays = app.wait_for("#purge-stays").await.text().await.unwrap();
    assert!(
        stays.contains("statistiques") && stays.contains("journal"),
        "{stays}"
    );
    app.screenshot("effacement-dialogue").await;
    app.click("#purge-confirm").await;
    let refused = app
        .wait_for_text(
            "#purge-blocked",
            "L’effacement ne peut pas être fait maintenant :",
        )
        .await;
    assert!(refused.contains("Accompagnement en cours"), "{refused}");
    assert!(refused.contains("Financement en cours"), "{refused}");
    assert_eq!(
        reason.prop("value").await.unwrap(),
        Some(format!("Demande d’effacement du {today}")),
        "the motif typed is kept"
    );
    app.screenshot("effacement-refuse").await;
    reason.send_keys("\u{E00C}").await.unwrap();
    app.wait_for_focus("person-erase").await;
    assert!(
        app.client
            .find(Locator::Css("#purge-dialog"))
            .await
            .is_err(),
        "Escape closes the dialog"
    );

    // Accepted: a closed case without funding. The person's data is exported first (access
    // request), then erased.
    open_case(&app, "quint", "QUINTANILLA Inès").await;
    app.click("#person-export").await;
    let notice = app
        .wait_for_text("#export-notice", "Données de la personne enregistrées")
        .await;
    let zip = exports.join(format!("donnees-{erased_reference}.zip"));
    assert!(notice.contains(&zip.display().to_string()), "{notice}");
    assert!(zip.exists(), "{} missing", zip.display());

    app.click("#person-erase").await;
    app.click("#purge-confirm").await;
    let done = app.wait_for_text("#export-notice", "expurgé").await;
    assert!(
        done.starts_with(&format!(
            "Dossier {erased_reference} expurgé : 1 entretien, 0 pièce, "
        )) && done.contains("entrées du journal expurgées"),
        "{done}"
    );
    app.screenshot("effacement-fait").await;
    // The page is redrawn without the person, and says so where the focus now is; nothing is
    // left to export or erase.
    app.wait_for_focus("case-purged").await;
    let purged = app.wait_for("#case-purged").await.text().await.unwrap();
    assert!(
        purged.starts_with("Données personnelles expurgées le"),
        "{purged}"
    );
    assert!(
        app.client
            .find_all(Locator::Css("#person-erase"))
            .await
            .unwrap()
            .is_empty()
    );
    let title = app.wait_for("#case-title").await.text().await.unwrap();
    assert!(!title.contains("QUINTANILLA"), "{title}");

    // The list no longer finds the person, archived cases included.
    app.click("#nav-cases").await;
    let archived = app.wait_for("#case-archived").await;
    if !archived.is_selected().await.unwrap() {
        archived.click().await.unwrap();
    }
    app.wait_for("#case-search")
        .await
        .send_keys("quint")
        .await
        .unwrap();
    app.wait_for_text("#case-count", "Aucun dossier ne correspond")
        .await;
    app.finish().await;
}

/// Paramètres › Données personnelles: what the retention rules make due (an inactive open
/// case, documents past their retention, a case past its own), each with its action; a purge
/// asks for its motif, is announced and leaves the list; the registre is exported.
#[tokio::test(flavor = "multi_thread")]
async fn the_purge_list_offers_what_is_due_and_a_purge_is_confirmed_and_announced() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    let (inactive, documents, expired, expired_reference) = {
        let mut conn = passerelle_tests::open_db(&db);
        let inactive = import(
            &mut conn,
            person("Muller", "Jeanne"),
            utc(2023, 1, 10),
            &[Step::Accompagnement],
        );
        let documents = import(
            &mut conn,
            person("Lambert", "Julie"),
            utc(2021, 9, 1),
            &[Step::ClosSansSuite],
        );
        let docs_dir = db.parent().unwrap().join("documents");
        passerelle_storage::records::add_document(
            &mut conn,
            "e2e",
            documents,
            DocumentKind::Cv,
            "cv.pdf",
            b"%PDF-1.4 CV de Julie Lambert",
            chrono::NaiveDate::from_ymd_opt(2021, 9, 2).unwrap(),
            &docs_dir,
            utc(2021, 9, 2),
        )
        .unwrap();
        passerelle_storage::cases::set_archived(
            &mut conn,
            "e2e",
            documents,
            true,
            utc(2022, 6, 30),
        )
        .unwrap();
        let expired = import(
            &mut conn,
            person("Weber", "Paula"),
            utc(2018, 9, 3),
            &[Step::ClosSansSuite],
        );
        let reference = passerelle_storage::cases::set_archived(
            &mut conn,
            "e2e",
            expired,
            true,
            utc(2019, 6, 28),
        )
        .unwrap()
        .reference;
        (inactive, documents, expired, reference)
    };
    let exports = exports_dir(data_home.path());

    let app = AppSession::start_in(data_home).await;
    app.wait_for("#case-search").await;
    app.click("#nav-settings").await;
    app.wait_for("#retention-list").await;
    let rows = app
        .client
        .find_all(Locator::Css("#retention-list tbody tr"))
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    // Oldest due first: the case (2024), the inactive one (2025-01), the documents (2025-06).
    let first = app
        .wait_for(&format!("#retention-{expired}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        first.contains("WEBER Paula") && first.contains("28 juin 2024"),
        "{first}"
    );
    app.wait_for_text(&format!("#retention-open-{inactive}"), "Ouvrir le dossier")
        .await;
    app.wait_for_text(
        &format!("#retention-purge-{documents}"),
        "Supprimer les pièces…",
    )
    .await;
    // Once the sections above have loaded (they change the height of the page).
    app.wait_for("#security-summary").await;
    app.wait_for("#parameter-list tbody tr").await;
    app.client
        .execute(
            "document.getElementById('personal-data').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    // Screenshots lag behind the page by a frame or two under Xvfb.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot("donnees-personnelles").await;

    // The purge asks for its motif (prefilled); an empty one is refused in the dialog.
    app.wait_for(&format!("#retention-purge-{expired}"))
        .await
        .click()
        .await
        .unwrap();
    let reason = app.wait_for("#purge-reason").await;
    assert_eq!(
        reason.prop("value").await.unwrap().as_deref(),
        Some("Durée de conservation écoulée")
    );
    app.screenshot("purge-dialogue").await;
    // Select all, then delete: the field's input event fires (WebDriver's clear fires none).
    reason.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
    app.click("#purge-confirm").await;
    app.wait_for_text("#purge-reason-error", "Motif : obligatoire")
        .await;
    reason
        .send_keys("Durée de conservation écoulée (5 ans)")
        .await
        .unwrap();
    app.click("#purge-confirm").await;
    let done = app.wait_for_text("#retention-notice", "expurgé").await;
    assert!(
        done.starts_with(&format!(
            "Dossier {expired_reference} expurgé : 0 entretien, 0 pièce, "
        )),
        "{done}"
    );
    // The purged line leaves the list; the focus goes to the list's title.
    app.wait_for_focus("retention-title").await;
    let start = std::time::Instant::now();
    while app
        .client
        .find(Locator::Css(&format!("#retention-{expired}")))
        .await
        .is_ok()
    {
        assert!(
            start.elapsed() < passerelle_tests::UI_TIMEOUT,
            "still listed"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    // The documents only: their files go, the case stays (and leaves the list).
    app.wait_for(&format!("#retention-purge-{documents}"))
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("#purge-goes", "pièces du dossier").await;
    app.click("#purge-confirm").await;
    app.wait_for_text("#retention-notice", "supprimées : 1 pièce")
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot("purge-annoncee").await;

    // The registre of the processing.
    app.click("#registre-export").await;
    let notice = app
        .wait_for_text("#registre-notice", "Registre enregistré")
        .await;
    let written: Vec<_> = std::fs::read_dir(&exports)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains("registre"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(
        notice.contains(&written[0].display().to_string()),
        "{notice}"
    );
    let text = pdf_text(&written[0]);
    assert!(text.contains("conservation"), "{text}");
    app.finish().await;
}

/// A dialog open when the window locks (Ctrl+L) gives way to the lock screen, whose field stays
/// usable, and comes back after unlocking with what was typed.
#[tokio::test(flavor = "multi_thread")]
async fn a_dialog_open_when_the_window_locks_comes_back_after_unlocking() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    {
        let mut conn = passerelle_tests::open_db(&db);
        import(
            &mut conn,
            person("Vandenberghe", "Rosalie"),
            utc(2026, 2, 2),
            &[Step::Accompagnement],
        );
    }
    let app = AppSession::start_with(
        data_home,
        passerelle_tests::Unlock::Interactive { idle_seconds: 0 },
    )
    .await;
    let unlock = async || {
        let field = app.wait_for("#unlock-passphrase").await;
        app.wait_for_focus("unlock-passphrase").await;
        field.send_keys(passerelle_tests::PASSPHRASE).await.unwrap();
        field.send_keys("\u{E007}").await.unwrap();
    };
    unlock().await;
    app.wait_for_link("VANDENBERGHE Rosalie")
        .await
        .click()
        .await
        .unwrap();
    app.click("#person-erase").await;
    let reason = app.wait_for("#purge-reason").await;
    reason.send_keys(" (courrier reçu)").await.unwrap();
    reason.send_keys("\u{E009}l").await.unwrap();
    app.wait_for("#lock-screen").await;
    assert!(!reason.is_displayed().await.unwrap(), "the dialog shows");
    unlock().await;
    app.wait_for("#case-title").await;
    let start = std::time::Instant::now();
    while !reason.is_displayed().await.unwrap() {
        assert!(
            start.elapsed() < passerelle_tests::UI_TIMEOUT,
            "the dialog did not come back"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let typed = reason.prop("value").await.unwrap().unwrap_or_default();
    assert!(typed.ends_with(" (courrier reçu)"), "{typed}");
    app.click("#purge-cancel").await;
    app.wait_for_focus("person-erase").await;
    app.finish().await;
}
