//! Protection at rest, as people meet it: the first launch asks for a passphrase and hands
//! over the recovery key; the window locks by itself, hides every datum, and unlocks where it
//! was.

use std::time::{Duration, Instant};

use fantoccini::Locator;
use passerelle_domain::i18n::format_date;
use passerelle_tests::{AppSession, PASSPHRASE, Unlock};
use serde_json::Value;

const ENTER: &str = "\u{E007}";
const CTRL_L: &str = "\u{E009}l";

/// A screenshot once the page has painted what the test just saw (WebKit can otherwise hand
/// back the previous frame).
async fn shot(app: &AppSession, name: &str) {
    app.next_frames().await;
    tokio::time::sleep(Duration::from_millis(150)).await;
    app.screenshot(name).await;
}

/// The page's visible text (what a person looking at the window could read).
async fn visible_text(app: &AppSession) -> String {
    match app
        .client
        .execute("return document.body.innerText;", vec![])
        .await
        .unwrap()
    {
        Value::String(text) => text,
        other => panic!("innerText: {other}"),
    }
}

/// Whether the app's frame carries `inert` (WebDriver reads it as a property: "false", not
/// absent, once removed).
async fn frame_inert(app: &AppSession) -> bool {
    app.client
        .execute(
            "return document.querySelector('.frame').hasAttribute('inert');",
            vec![],
        )
        .await
        .unwrap()
        == Value::Bool(true)
}

async fn is_disabled(app: &AppSession, css: &str) -> bool {
    app.wait_for(css)
        .await
        .attr("disabled")
        .await
        .unwrap()
        .is_some()
}

/// Clicks a button once its form has enabled it (it waits for what was just typed).
async fn click_when_enabled(app: &AppSession, css: &str) {
    let start = Instant::now();
    while is_disabled(app, css).await {
        assert!(
            start.elapsed() < passerelle_tests::UI_TIMEOUT,
            "{css} never enabled"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Centred first: WebKitWebDriver does not scroll an element whose edge shows already, and
    // refuses the click when its centre is under the status line.
    app.client
        .execute(
            &format!("document.querySelector('{css}').scrollIntoView({{block: 'center'}});"),
            vec![],
        )
        .await
        .unwrap();
    app.wait_for(css).await.click().await.unwrap();
}

/// Calls a command from the page, as the UI would: `{"ok": …}` or `{"err": …}`.
async fn invoke(app: &AppSession, command: &str) -> Value {
    let script = format!(
        "const done = arguments[arguments.length - 1];
         window.__TAURI__.core.invoke('{command}', {{args: {{}}}})
           .then(v => done({{ok: v}}), e => done({{err: e}}));"
    );
    app.client.execute_async(&script, vec![]).await.unwrap()
}

/// First launch: a weak passphrase is refused with the French advice; a good one creates the
/// encrypted database and its key file; the recovery key is shown once, in 8 groups of 4, its
/// kit printable, and the app opens only once the user says it is noted. Then Paramètres ›
/// Sécurité reports the protection, a backup is written, and a forgotten passphrase is
/// replaced with the recovery key.
#[tokio::test(flavor = "multi_thread")]
async fn first_launch_sets_the_passphrase_hands_over_the_recovery_key_and_opens_the_app() {
    let app = AppSession::start_with(
        tempfile::tempdir().unwrap(),
        Unlock::Interactive { idle_seconds: 0 },
    )
    .await;
    app.wait_for_text("#setup-screen h1", "Protéger les données")
        .await;
    assert!(
        !app.database_path().exists(),
        "a database was created before the passphrase was chosen"
    );
    assert_eq!(app.focused_id().await, "setup-passphrase");

    // Too weak: the advice says why, the button stays disabled, Enter does nothing.
    let passphrase = app.wait_for("#setup-passphrase").await;
    let confirm = app.wait_for("#setup-confirm").await;
    passphrase.send_keys("motdepasse2024").await.unwrap();
    confirm.send_keys("motdepasse2024").await.unwrap();
    let advice = app
        .wait_for_text("#setup-strength-text", "Force : faible")
        .await;
    assert!(advice.contains("Trop facile à deviner"), "{advice}");
    assert!(is_disabled(&app, "#setup-submit").await);
    confirm.send_keys(ENTER).await.unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        app.client
            .find(Locator::Css("#recovery-key"))
            .await
            .is_err()
    );
    shot(&app, "protection-setup-weak").await;

    // A sentence: accepted once confirmed.
    passphrase.clear().await.unwrap();
    passphrase.send_keys(PASSPHRASE).await.unwrap();
    app.wait_for_text("#setup-strength-text", "Force : solide")
        .await;
    confirm.clear().await.unwrap();
    confirm.send_keys("le merle").await.unwrap();
    assert!(is_disabled(&app, "#setup-submit").await);
    confirm.clear().await.unwrap();
    confirm.send_keys(PASSPHRASE).await.unwrap();
    app.wait_for_text("#setup-strength-text", "Force : solide")
        .await;
    shot(&app, "protection-setup").await;
    click_when_enabled(&app, "#setup-submit").await;

    // The recovery key, once: 8 groups of 4 characters.
    let key = app.wait_for("#recovery-key").await.text().await.unwrap();
    let groups: Vec<&str> = key.split('-').collect();
    assert_eq!(groups.len(), 8, "{key}");
    assert!(
        groups
            .iter()
            .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric())),
        "{key}"
    );
    shot(&app, "protection-recovery-key").await;
    assert!(is_disabled(&app, "#recovery-continue").await);

    // The printable kit (written without a dialog in tests).
    app.click("#recovery-print").await;
    app.wait_for_text("#recovery-print-message", "kit-de-secours-passerelle.pdf")
        .await;
    let kit =
        passerelle_tests::exports_dir(app.data_home.path()).join("kit-de-secours-passerelle.pdf");
    assert!(std::fs::read(&kit).unwrap().starts_with(b"%PDF"));

    app.click("#recovery-noted").await;
    assert!(!is_disabled(&app, "#recovery-continue").await);
    click_when_enabled(&app, "#recovery-continue").await;

    // The app works on the new database, encrypted, with its key file beside it; it opens on
    // the first-run assistant, with no case and no demonstration banner.
    app.wait_for("#screen-welcome").await;
    app.wait_for_text("#status-cases", "0 dossier").await;
    assert!(app.client.find(Locator::Css("#demo-banner")).await.is_err());
    let db_text = app
        .wait_for("#status-db")
        .await
        .prop("textContent")
        .await
        .unwrap()
        .unwrap();
    let db_path = app.database_path();
    assert_eq!(db_text, format!("Base : {}", db_path.display()));
    app.wait_for_text("#status-backup", "Aucune sauvegarde")
        .await;
    shot(&app, "protection-first-screen").await;
    let header = std::fs::read(&db_path).unwrap();
    assert!(
        !header.starts_with(b"SQLite format 3"),
        "the database is not encrypted"
    );
    let keys = passerelle_storage::keys::key_file_path(&db_path);
    assert!(keys.exists(), "{} is missing", keys.display());
    assert_eq!(
        keys.file_name().unwrap().to_str(),
        Some("passerelle.sqlite3.keys")
    );

    // The status line's warning leads to Paramètres › Sécurité: what protects the data, and
    // a backup now.
    app.click("#status-backup a").await;
    app.wait_for_focus("security-title").await;
    assert!(
        app.client
            .current_url()
            .await
            .unwrap()
            .path()
            .ends_with("/parametres/securite")
    );
    let summary = app
        .wait_for_text("#security-summary", "Base et documents chiffrés")
        .await;
    let today = format_date(chrono::Local::now().date_naive());
    // The end-to-end tests create key files with the cheap test parameters, and say so.
    assert!(
        summary.contains("phrase de passe Argon2id 1 Mio, 1 passe"),
        "{summary}"
    );
    assert!(
        summary.contains(&format!("Kit de secours émis le {today}")),
        "{summary}"
    );
    assert!(
        summary.contains("Trousseau du système : non utilisé"),
        "{summary}"
    );
    app.wait_for_text("#security-kdf-weak", "Protection affaiblie")
        .await;
    app.wait_for_text("#security-last-backup", "Aucune sauvegarde")
        .await;
    app.click("#security-backup-now").await;
    let written = app
        .wait_for_text("#security-backup-result", "Sauvegarde écrite le")
        .await;
    assert!(written.contains("passerelle-sauvegarde-"), "{written}");
    app.wait_for_text("#status-backup", &format!("Dernière sauvegarde : {today}"))
        .await;
    app.client
        .execute(
            "document.getElementById('security').scrollIntoView();
             document.getElementById('main').scrollBy(0, -12);",
            vec![],
        )
        .await
        .unwrap();
    shot(&app, "protection-settings").await;

    // A forgotten passphrase: the recovery key (typed loosely) sets a new one and unlocks.
    app.wait_for("body").await.send_keys(CTRL_L).await.unwrap();
    app.wait_for("#lock-screen").await;
    app.click("#unlock-forgot").await;
    let loose = key.to_lowercase().replace('-', " ");
    app.wait_for("#recover-key")
        .await
        .send_keys(&loose)
        .await
        .unwrap();
    const NEW: &str = "Une autre phrase pour le test de 2026 !";
    app.wait_for("#recover-new")
        .await
        .send_keys(NEW)
        .await
        .unwrap();
    app.wait_for("#recover-confirm")
        .await
        .send_keys(NEW)
        .await
        .unwrap();
    shot(&app, "protection-recover").await;
    click_when_enabled(&app, "#recover-submit").await;
    app.wait_for_text("#security-summary", "Base et documents chiffrés")
        .await;
    assert!(app.client.find(Locator::Css("#lock-screen")).await.is_err());

    let _data_home = app.finish().await;
    assert!(
        passerelle_storage::keys::unlock(&db_path, passerelle_storage::Secret::Passphrase(NEW))
            .is_ok(),
        "the new passphrase does not open the database"
    );
    assert!(
        passerelle_storage::keys::unlock(
            &db_path,
            passerelle_storage::Secret::Passphrase(PASSPHRASE)
        )
        .is_err(),
        "the old passphrase still opens the database"
    );
}

/// Idle for a few seconds, the window locks: the lock screen takes the focus, nothing of the
/// data is left in the page or the title, and the shell refuses data commands. A wrong
/// passphrase is explained in French and kept; the right one brings the screen back as it
/// was, with what was typed. Ctrl+L locks again.
#[tokio::test(flavor = "multi_thread")]
async fn the_window_locks_when_idle_hides_the_data_and_unlocks_where_it_was() {
    let data_home = tempfile::tempdir().unwrap();
    let db_path = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    let mut conn = passerelle_tests::open_db(&db_path);
    let mut data = passerelle_domain::case::CaseData::default();
    data.beneficiary.birth_name = "Vandenberghe".into();
    data.beneficiary.first_names = "Rosalie".into();
    data.beneficiary.territory = "metz".into();
    passerelle_storage::cases::create(&mut conn, "e2e", &data, chrono::Utc::now()).unwrap();
    // The last backup, ten days ago: the status line warns.
    let ten_days_ago = (chrono::Utc::now() - chrono::Duration::days(10)).to_rfc3339();
    passerelle_storage::setting::set_last_backup(&conn, &ten_days_ago, "/media/cle/vieille.zip")
        .unwrap();
    drop(conn);

    let app = AppSession::start_with(data_home, Unlock::Interactive { idle_seconds: 4 }).await;

    // A protected database: the app opens locked, the passphrase field focused.
    app.wait_for("#lock-screen").await;
    let field = app.wait_for("#unlock-passphrase").await;
    app.wait_for_focus("unlock-passphrase").await;
    field.send_keys(PASSPHRASE).await.unwrap();
    field.send_keys(ENTER).await.unwrap();

    // The list, searched (what is typed must survive the lock).
    let search = app.wait_for("#case-search").await;
    let warning = app.wait_for("#status-backup").await;
    assert_eq!(
        warning.text().await.unwrap(),
        "⚠ Aucune sauvegarde depuis 10 jours"
    );
    assert_eq!(
        warning.attr("data-state").await.unwrap().as_deref(),
        Some("warning")
    );
    search.send_keys("vanden").await.unwrap();
    app.wait_for_text("#screen-cases table.cases", "Rosalie")
        .await;
    shot(&app, "protection-before-lock").await;
    let idle_from = Instant::now();

    // Left alone, the window locks.
    app.wait_for("#lock-screen").await;
    let idle = idle_from.elapsed();
    assert!(idle >= Duration::from_secs(3), "locked after {idle:?}");
    let text = visible_text(&app).await;
    assert!(text.contains("Passerelle est verrouillée"), "{text}");
    for secret in ["Rosalie", "VANDENBERGHE", "Vandenberghe", "vanden"] {
        assert!(
            !text.contains(secret),
            "{secret} is visible while locked: {text}"
        );
    }
    let title = app.client.title().await.unwrap();
    assert!(!title.contains("Rosalie"), "{title}");
    assert!(!search.is_displayed().await.unwrap());
    assert!(
        frame_inert(&app).await,
        "the app under the lock screen is not inert"
    );
    let frame = app.wait_for(".frame").await;
    assert_eq!(
        frame.attr("aria-hidden").await.unwrap().as_deref(),
        Some("true")
    );
    // The shell holds no key: data commands are refused.
    let refused = invoke(&app, "counsellor_list").await;
    assert_eq!(refused["err"]["kind"], "locked", "{refused}");
    shot(&app, "protection-lock").await;

    // A wrong passphrase: the French message at the field, the input kept.
    let field = app.wait_for("#unlock-passphrase").await;
    field.send_keys("pas la bonne phrase").await.unwrap();
    field.send_keys(ENTER).await.unwrap();
    app.wait_for_text("#unlock-error", "Phrase de passe incorrecte")
        .await;
    assert_eq!(
        field.prop("value").await.unwrap().as_deref(),
        Some("pas la bonne phrase")
    );
    assert_eq!(
        field.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    shot(&app, "protection-lock-error").await;

    // The right one: the list is back, still searched.
    field.clear().await.unwrap();
    field.send_keys(PASSPHRASE).await.unwrap();
    field.send_keys(ENTER).await.unwrap();
    app.wait_for_text("#screen-cases table.cases", "Rosalie")
        .await;
    assert!(search.is_displayed().await.unwrap());
    assert_eq!(
        search.prop("value").await.unwrap().as_deref(),
        Some("vanden")
    );
    assert!(app.client.find(Locator::Css("#lock-screen")).await.is_err());
    assert!(!frame_inert(&app).await);

    // Ctrl+L locks at once.
    app.wait_for("body").await.send_keys(CTRL_L).await.unwrap();
    app.wait_for("#lock-screen").await;
    assert!(!visible_text(&app).await.contains("Rosalie"));
    let start = Instant::now();
    loop {
        let status = invoke(&app, "app_status").await;
        if status["err"]["kind"] == "locked" {
            break;
        }
        assert!(
            start.elapsed() < passerelle_tests::UI_TIMEOUT,
            "still unlocked: {status}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    app.finish().await;
}

/// A database from before encryption: the set-up screen says it will be encrypted with its
/// documents, is busy meanwhile, then hands over the recovery key; the app opens on the same
/// case files, now encrypted.
#[tokio::test(flavor = "multi_thread")]
async fn a_database_from_before_encryption_is_encrypted_in_place_losing_nothing() {
    let data_home = tempfile::tempdir().unwrap();
    let db_path = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    let documents = passerelle_storage::files::documents_dir(&db_path);
    let conn = passerelle_storage::protect::legacy_database_for_tests(&db_path, |conn| {
        let today = chrono::Local::now().date_naive();
        passerelle_demo::seed(conn, &documents, 40, 2026, today).map(drop)
    })
    .unwrap();
    let active = passerelle_storage::status::count_active_case_files(&conn).unwrap();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    drop(conn);
    assert!(passerelle_storage::is_plain_database(&db_path));

    let app = AppSession::start_with(data_home, Unlock::Interactive { idle_seconds: 0 }).await;
    app.wait_for_text("#setup-screen h1", "Chiffrer la base existante")
        .await;
    app.wait_for_text(
        "#setup-screen",
        "Votre base existante va être chiffrée, ainsi que ses documents ; cela peut prendre quelques minutes",
    )
    .await;
    app.wait_for("#setup-passphrase")
        .await
        .send_keys(PASSPHRASE)
        .await
        .unwrap();
    let confirm = app.wait_for("#setup-confirm").await;
    confirm.send_keys(PASSPHRASE).await.unwrap();
    shot(&app, "protection-migrate").await;
    confirm.send_keys(ENTER).await.unwrap();
    shot(&app, "protection-migrate-busy").await;

    app.wait_for("#recovery-key").await;
    app.click("#recovery-noted").await;
    click_when_enabled(&app, "#recovery-continue").await;
    let cases = app.wait_for("#status-cases").await;
    assert_eq!(
        cases.attr("data-value").await.unwrap(),
        Some(active.to_string())
    );
    let schema = app.wait_for("#status-schema").await;
    assert_eq!(
        schema.attr("data-value").await.unwrap(),
        Some(passerelle_storage::migrations::LATEST_VERSION.to_string())
    );
    let _data_home = app.finish().await;
    assert!(!passerelle_storage::is_plain_database(&db_path));
    assert!(
        !std::fs::read(&db_path)
            .unwrap()
            .starts_with(b"SQLite format 3")
    );
    assert!(passerelle_storage::keys::key_file_path(&db_path).exists());
}

/// Paramètres › Sécurité: a wrong current passphrase is refused at its field; the change is
/// made; a new recovery kit asks the passphrase, says the old one stops working, shows the new
/// key once with its kit; the idle delay and the backup directory are checked and saved, and
/// « Sauvegarder maintenant » then writes into that directory.
#[tokio::test(flavor = "multi_thread")]
async fn security_settings_change_the_passphrase_renew_the_kit_and_back_up() {
    let app = AppSession::start().await;
    app.wait_for("#status-schema").await;
    app.click("#nav-settings").await;

    // The passphrase: the current one is checked first.
    const NEW: &str = "Trois mots de plus pour la nouvelle phrase 2026";
    let current = app.wait_for("#security-current").await;
    current.send_keys("pas la bonne phrase").await.unwrap();
    app.wait_for("#security-new")
        .await
        .send_keys(NEW)
        .await
        .unwrap();
    app.wait_for("#security-confirm")
        .await
        .send_keys(NEW)
        .await
        .unwrap();
    click_when_enabled(&app, "#security-change-submit").await;
    app.wait_for_text(
        "#security-current-error",
        "Phrase de passe actuelle incorrecte",
    )
    .await;
    current.clear().await.unwrap();
    current.send_keys(PASSPHRASE).await.unwrap();
    click_when_enabled(&app, "#security-change-submit").await;
    app.wait_for_text("#security-change-message", "Phrase de passe changée")
        .await;
    assert_eq!(current.prop("value").await.unwrap().as_deref(), Some(""));

    // A new kit: the old one stops working, and the page says so before.
    app.wait_for_text(
        "#security-kit-form",
        "l’ancien cessera aussitôt de fonctionner",
    )
    .await;
    let kit_passphrase = app.wait_for("#security-kit-passphrase").await;
    kit_passphrase.send_keys(PASSPHRASE).await.unwrap();
    kit_passphrase.send_keys(ENTER).await.unwrap();
    app.wait_for_text(
        "#security-kit-passphrase-error",
        "Phrase de passe incorrecte",
    )
    .await;
    kit_passphrase.clear().await.unwrap();
    kit_passphrase.send_keys(NEW).await.unwrap();
    kit_passphrase.send_keys(ENTER).await.unwrap();
    let key = app
        .wait_for("#security-kit-key")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(key.split('-').count(), 8, "{key}");
    app.wait_for_text(
        "#security-kit-print-message",
        "kit-de-secours-passerelle.pdf",
    )
    .await;
    app.client
        .execute(
            "document.getElementById('security-kit').scrollIntoView();",
            vec![],
        )
        .await
        .unwrap();
    shot(&app, "protection-settings-new-kit").await;
    assert!(is_disabled(&app, "#security-kit-continue").await);
    app.click("#security-kit-noted").await;
    click_when_enabled(&app, "#security-kit-continue").await;
    app.wait_for_text("#security-kit-message", "Nouveau kit de secours en place")
        .await;
    assert!(
        app.client
            .find(Locator::Css("#security-kit-key"))
            .await
            .is_err(),
        "the key is still shown"
    );

    // Idle delay and backups: checked, then saved.
    let idle = app.wait_for("#security-idle").await;
    idle.clear().await.unwrap();
    idle.send_keys("300").await.unwrap();
    let dir = app.wait_for("#security-backup-dir").await;
    dir.send_keys("sauvegardes").await.unwrap();
    app.click("#security-save").await;
    app.wait_for_text("#security-idle-error", "de 0 à 240")
        .await;
    idle.clear().await.unwrap();
    idle.send_keys("15").await.unwrap();
    app.click("#security-save").await;
    app.wait_for_text("#security-backup-dir-error", "chemin complet")
        .await;
    let backups = app.data_home.path().join("sauvegardes");
    dir.clear().await.unwrap();
    dir.send_keys(backups.to_str().unwrap()).await.unwrap();
    app.click("#security-save").await;
    app.wait_for_text("#security-save-message", "Réglages enregistrés")
        .await;
    app.wait_for_text("#security-idle-summary", "après 15 minutes d’inactivité")
        .await;
    app.click("#security-backup-now").await;
    app.wait_for_text("#security-backup-result", backups.to_str().unwrap())
        .await;
    let written = std::fs::read_dir(&backups).unwrap().count();
    assert_eq!(written, 1);
    app.finish().await;
}
