//! Issue 17, item 2: a real first start has no database and no case; the demonstration is only
//! on request, in a database of its own, labelled on every screen, and leaving it comes back to
//! the untouched first start.

use fantoccini::Locator;
use passerelle_tests::{AppSession, Unlock};

#[tokio::test(flavor = "multi_thread")]
async fn the_demonstration_is_separate_labelled_and_left_untouched() {
    let app = AppSession::start_with(
        tempfile::tempdir().unwrap(),
        Unlock::Interactive { idle_seconds: 0 },
    )
    .await;
    app.wait_for("#setup-form").await;
    assert!(
        app.client
            .find(Locator::Css("#screen-cases"))
            .await
            .is_err()
    );
    assert!(!app.database_path().exists());

    app.click_centered("#setup-demo", "first-run-demo").await;
    let banner = app
        .wait_for_text("#demo-banner", "DÉMONSTRATION — données fictives")
        .await;
    assert!(banner.contains("Quitter la démonstration"), "{banner}");
    let cases = app
        .wait_for("#status-cases")
        .await
        .attr("data-value")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(cases, passerelle_demo::DEMO_CASES.to_string());
    let db_text = app
        .wait_for("#status-db")
        .await
        .prop("textContent")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(db_text.contains("/demo/passerelle.sqlite3"), "{db_text}");
    // The user's own database was not created for it.
    assert!(!app.database_path().exists());
    app.screenshot("first-run-demo").await;

    // The banner stays on every screen.
    for (nav, screen) in [
        ("#nav-todo", "#screen-todo"),
        ("#nav-territories", "#screen-territories"),
        ("#nav-help", "#screen-help"),
    ] {
        app.click_centered(nav, "first-run-nav").await;
        app.wait_for(screen).await;
        app.wait_for_text("#demo-banner", "DÉMONSTRATION").await;
    }

    app.click_centered("#demo-leave", "first-run-leave").await;
    app.wait_for("#setup-form").await;
    assert!(app.client.find(Locator::Css("#demo-banner")).await.is_err());
    assert!(!app.database_path().exists());
    app.finish().await;
}
