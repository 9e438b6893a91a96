//! Issue 17, item 3: every screen passes an axe-core audit (WCAG 2.1 A and AA rules) in the
//! real window, with 0 serious or critical violation. The screens are reached as a user
//! reaches them (navigation, the first row of each list, each tab of a case), on demo data.

use passerelle_tests::{AppSession, Unlock, Violation};

/// Audits the page as it is and records what it found under `screen`.
async fn audit(app: &AppSession, screen: &str, found: &mut Vec<(String, Violation)>) {
    let violations = app.audit().await;
    eprintln!("axe-core: {screen}: {} violation(s)", violations.len());
    for v in violations {
        found.push((screen.to_owned(), v));
    }
}

fn report(found: &[(String, Violation)]) -> String {
    let mut out = String::new();
    for (screen, v) in found {
        out.push_str(&format!(
            "{screen}: {} [{}] {} ×{} — {}\n",
            v.id,
            v.impact,
            v.help,
            v.count,
            v.targets.join(" | ")
        ));
    }
    out
}

/// The app on 40 demo cases (their committees, establishments and needs): every screen has
/// something to show.
async fn on_demo_data() -> AppSession {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    passerelle_tests::seed_demo(&db, 40);
    AppSession::start_in(data_home).await
}

/// Walks every screen of the app on demo data as a user reaches them — the case list, a new
/// case, the import with a file previewed, a case's 8 tabs, the 7 other screens of the
/// navigation, a committee sitting, an establishment, the needs census, the first-run assistant
/// and the lock screen — and calls `at(name, slug)` on each once its data has had time to come.
async fn every_screen(app: &AppSession, mut at: impl AsyncFnMut(&str, &str)) {
    let settle = || tokio::time::sleep(std::time::Duration::from_millis(400));
    app.wait_for("#screen-cases table").await;
    settle().await;
    at("Dossiers", "cases").await;

    press(app, "#case-new").await;
    app.wait_for("#case-form").await;
    settle().await;
    at("Nouveau dossier", "case-new").await;

    // Importer, with a file previewed: its lines, its columns to map, an error located.
    press(app, "#nav-cases").await;
    press(app, "#case-import").await;
    let sheet = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    std::fs::write(
        sheet.path(),
        "Nom;Prénom;Territoire;Matricule\nDupré;Françoise;metz;A12\nKlein;;metz;A13\n",
    )
    .unwrap();
    app.wait_for("#import-file")
        .await
        .send_keys(sheet.path().to_str().unwrap())
        .await
        .unwrap();
    app.wait_for("#import-errors").await;
    settle().await;
    at("Importer des dossiers", "import").await;

    press(app, "#nav-cases").await;
    press(app, "#screen-cases table tbody a").await;
    app.wait_for("#screen-case").await;
    for (tab, name) in [
        ("tab-identity", "Dossier › Identité"),
        ("tab-situation", "Dossier › Situation"),
        ("tab-project", "Dossier › Projet"),
        ("tab-matches", "Dossier › Rapprochements"),
        ("tab-parcours", "Dossier › Parcours"),
        ("tab-interviews", "Dossier › Entretiens"),
        ("tab-documents", "Dossier › Documents"),
        ("tab-history", "Dossier › Historique"),
    ] {
        press(app, &format!("#{tab}")).await;
        settle().await;
        at(name, tab).await;
    }

    for (nav, screen, name) in [
        ("#nav-todo", "#screen-todo", "À faire"),
        ("#nav-committees", "#screen-committees", "Comités"),
        (
            "#nav-certifications",
            "#screen-certifications",
            "Certifications",
        ),
        ("#nav-trainings", "#screen-trainings", "Formations"),
        ("#nav-territories", "#screen-territories", "Territoires"),
        ("#nav-settings", "#screen-settings", "Paramètres"),
        ("#nav-help", "#screen-help", "Aide"),
    ] {
        press(app, nav).await;
        app.wait_for(screen).await;
        settle().await;
        at(name, &screen[8..]).await;
    }

    for (nav, link, screen, name) in [
        (
            "#nav-committees",
            "#screen-committees a[href^='/comites/']",
            "#screen-session",
            "Comité (séance)",
        ),
        (
            "#nav-territories",
            "#screen-territories a[href^='/territoires/etablissements/']:not([href$='/nouveau'])",
            "#screen-establishment",
            "Établissement",
        ),
        (
            "#nav-territories",
            "a[href='/territoires/besoins']",
            "#screen-needs",
            "Recensement des besoins",
        ),
    ] {
        press(app, nav).await;
        press(app, link).await;
        app.wait_for(screen).await;
        settle().await;
        at(name, &screen[8..]).await;
    }

    // The first-run assistant (the demo database has no counsellor profile: the banner leads
    // there).
    press(app, "#profile-banner a").await;
    app.wait_for("#screen-welcome").await;
    settle().await;
    at("Bienvenue", "welcome").await;

    // The lock screen (Ctrl+L).
    app.wait_for("body")
        .await
        .send_keys("\u{E009}l")
        .await
        .unwrap();
    app.wait_for("#lock-screen").await;
    settle().await;
    at("Verrouillage", "lock").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_screen_has_no_serious_or_critical_axe_violation() {
    let app = on_demo_data().await;
    let mut found = Vec::new();
    every_screen(&app, async |name, _| audit(&app, name, &mut found).await).await;
    app.finish().await;

    // The first launch: setting up the passphrase.
    let app = AppSession::start_with(
        tempfile::tempdir().unwrap(),
        Unlock::Interactive { idle_seconds: 0 },
    )
    .await;
    app.wait_for("#setup-form").await;
    audit(&app, "Première ouverture", &mut found).await;
    app.finish().await;

    let all = report(&found);
    eprintln!("axe-core, every violation:\n{all}");
    let blocking: Vec<(String, Violation)> = found
        .iter()
        .filter(|(_, v)| v.blocking())
        .cloned()
        .collect();
    assert!(
        blocking.is_empty(),
        "{} serious or critical violation(s):\n{}",
        blocking.len(),
        report(&blocking)
    );
}

/// What sticks out sideways on the screen as it is now: the page or the main area scrolling
/// horizontally, and the elements (outside the boxes that scroll on purpose, wide tables) that
/// pass the main area's right edge. Empty when the screen reflows.
async fn overflow(app: &AppSession) -> Vec<String> {
    let found = app
        .client
        .execute(
            r#"
            const out = [];
            const page = document.scrollingElement;
            if (page.scrollWidth > page.clientWidth + 1) {
              out.push(`page: ${page.scrollWidth} > ${page.clientWidth}`);
            }
            const main = document.querySelector('.screen');
            if (main && main.scrollWidth > main.clientWidth + 1) {
              out.push(`main: ${main.scrollWidth} > ${main.clientWidth}`);
              const edge = main.getBoundingClientRect().right + 1;
              for (const el of main.querySelectorAll('*')) {
                const box = el.getBoundingClientRect();
                if (box.width > 0 && box.right > edge && !el.closest('.table-scroll')) {
                  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                    + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : '');
                  out.push(`${name} ends at ${Math.round(box.right)}`);
                  if (out.length > 8) break;
                }
              }
            }
            return out;
            "#,
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

/// Activates the first element matched by `css` once it is there, from the page's script. The
/// lists load after their screen: an earlier audit that looked only once silently skipped the
/// establishment (23 screens instead of 24). In the zoomed page, WebDriver's pointer clicks
/// missed their target (« Nouveau dossier » did not open); these tests are about what the
/// screens are, not the pointer.
async fn press(app: &AppSession, css: &str) {
    let element = app.wait_for(css).await;
    app.client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click()",
            vec![serde_json::to_value(&element).unwrap()],
        )
        .await
        .unwrap();
}

/// WCAG 1.4.4 and 1.4.10 as the issue puts them: at 200 % zoom in a 1280 × 720 window (640 × 360
/// CSS pixels), every screen reflows — nothing but a wide table's own box scrolls sideways.
/// The zoom is the window's own (Ctrl + = five times, 20 % a step), as a counsellor sets it.
#[tokio::test(flavor = "multi_thread")]
async fn every_screen_reflows_at_200_percent_zoom_in_a_1280_by_720_window() {
    let app = on_demo_data().await;
    app.client.set_window_size(1280, 720).await.unwrap();
    app.wait_for("#screen-cases table").await;
    for _ in 0..5 {
        app.wait_for("body")
            .await
            .send_keys("\u{E009}=")
            .await
            .unwrap();
    }
    let start = std::time::Instant::now();
    loop {
        let width = app
            .client
            .execute("return window.innerWidth", vec![])
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        if (600.0..=660.0).contains(&width) {
            break;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "the window is {width} CSS pixels wide, not 640: the zoom did not reach 200 %"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }

    let mut found: Vec<(String, Vec<String>)> = Vec::new();
    let check = async |name: &str, shot: &str| {
        app.screenshot(&format!("zoom200-{shot}")).await;
        let out = overflow(&app).await;
        eprintln!(
            "200 %: {name}: {}",
            if out.is_empty() {
                "reflows"
            } else {
                "overflows"
            }
        );
        if !out.is_empty() {
            found.push((name.to_owned(), out));
        }
    };

    every_screen(&app, check).await;
    app.finish().await;

    assert!(
        found.is_empty(),
        "{} screen(s) scroll sideways at 200 %:\n{}",
        found.len(),
        found
            .iter()
            .map(|(screen, out)| format!("{screen}: {}", out.join("; ")))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
