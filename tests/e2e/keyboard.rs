//! Issue 17, item 3: a counsellor's whole loop with the keyboard only — create a case, fill it,
//! advance its parcours, export its dossier, find it again. No click: every action is a key
//! sent to the focused element, and the focus is moved with Tab as a person would.

use passerelle_tests::AppSession;

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const CTRL: &str = "\u{E009}";
const ARROW_RIGHT: &str = "\u{E014}";

/// Sends keys to whatever has the focus.
async fn keys(app: &AppSession, text: &str) {
    app.client
        .active_element()
        .await
        .expect("a focused element")
        .send_keys(text)
        .await
        .unwrap();
}

/// The focused element's id and text.
async fn focused(app: &AppSession) -> (String, String) {
    let element = app.client.active_element().await.unwrap();
    let id = element.attr("id").await.ok().flatten().unwrap_or_default();
    let text = element.text().await.unwrap_or_default();
    (id, text)
}

/// Presses Tab until the focused element matches (its id, or its text for a link), as a
/// keyboard user does; fails if it is not reachable within 250 presses.
async fn tab_to(app: &AppSession, wanted: &str) {
    for _ in 0..250 {
        let (id, text) = focused(app).await;
        if id == wanted || text.trim() == wanted {
            return;
        }
        keys(app, TAB).await;
    }
    app.screenshot("keyboard-unreachable").await;
    panic!("« {wanted} » cannot be reached with Tab");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_case_is_created_advanced_exported_and_found_again_without_a_mouse() {
    let app = AppSession::start().await;
    app.wait_for("#case-search").await;

    // Ctrl+N: the new case form.
    keys(&app, &format!("{CTRL}n")).await;
    app.wait_for("#case-form").await;
    tab_to(&app, "beneficiary-birthName").await;
    keys(&app, "Keller").await;
    tab_to(&app, "beneficiary-firstNames").await;
    keys(&app, "Anaïs").await;
    tab_to(&app, "beneficiary-territory").await;
    // A select takes the first letters of an option, as in any desktop list.
    keys(&app, "Metz").await;
    let territory = app
        .wait_for("#beneficiary-territory")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(territory.as_deref(), Some("metz"));
    tab_to(&app, "case-save").await;
    keys(&app, ENTER).await;
    app.wait_for_text("#case-title", "KELLER Anaïs").await;

    // The consent the CEP needs (Identité, open after the save): typed, Enter submits.
    tab_to(&app, "consent-purpose").await;
    keys(&app, "Accompagnement CEP et conservation du dossier").await;
    tab_to(&app, "consent-date").await;
    keys(&app, &chrono::Local::now().format("%d/%m/%Y").to_string()).await;
    keys(&app, ENTER).await;
    app.wait_for_text("#consent-list", "Accompagnement CEP")
        .await;

    // The parcours, one step on. The tabs are one stop for Tab; the arrows move between them
    // (and open them), as in any tab list.
    tab_to(&app, "tab-identity").await;
    for _ in 0..8 {
        if focused(&app).await.0 == "tab-parcours" {
            break;
        }
        keys(&app, ARROW_RIGHT).await;
    }
    assert_eq!(focused(&app).await.0, "tab-parcours");
    app.wait_for_text("#parcours-current", "Accueil").await;
    tab_to(&app, "advance-ACCOMPAGNEMENT").await;
    keys(&app, ENTER).await;
    app.wait_for_text("#parcours-current", "Accompagnement")
        .await;

    // The dossier as PDF: the dialog opens on its first field, Enter on « Exporter ».
    tab_to(&app, "case-export").await;
    keys(&app, ENTER).await;
    app.wait_for("#export-dialog").await;
    tab_to(&app, "export-submit").await;
    keys(&app, ENTER).await;
    app.wait_for_text("#export-notice", "Dossier enregistré")
        .await;
    let exports = passerelle_tests::exports_dir(app.data_home.path());
    let written = std::fs::read_dir(&exports)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".pdf"))
        .count();
    assert_eq!(written, 1);

    // Found again: Ctrl+F from the case page, a few letters, Tab to the row's link, Enter.
    keys(&app, &format!("{CTRL}f")).await;
    app.wait_for("#screen-cases").await;
    let start = std::time::Instant::now();
    while focused(&app).await.0 != "case-search" {
        assert!(
            start.elapsed() < passerelle_tests::UI_TIMEOUT,
            "Ctrl+F did not focus the search"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    keys(&app, "kell").await;
    app.wait_for_link("KELLER Anaïs").await;
    tab_to(&app, "KELLER Anaïs").await;
    keys(&app, ENTER).await;
    app.wait_for_text("#case-title", "KELLER Anaïs").await;
    app.finish().await;
}
