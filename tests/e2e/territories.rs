use std::time::Duration;

use calamine::{Data, Reader, Xlsx, open_workbook};
use fantoccini::elements::Element;
use passerelle_domain::case::CaseData;
use passerelle_domain::establishment::{Contact, EstablishmentInput};
use passerelle_domain::profile::CounsellorProfile;
use passerelle_domain::validate::luhn_check_digit;
use passerelle_tests::AppSession;

/// The EPCI of Sarrebourg (commune 57630), the only one of the Moselle Sud territory.
const SARREBOURG_EPCI: &str = "200068146";

/// A valid SIRET from its first 13 digits.
fn siret(head: &str) -> String {
    format!("{head}{}", luhn_check_digit(head))
}

fn establishment(
    siret: &str,
    name: &str,
    naf: &str,
    band: &str,
    commune: &str,
) -> EstablishmentInput {
    EstablishmentInput {
        create: false,
        siret: siret.into(),
        name: name.into(),
        naf: naf.into(),
        headcount_band: band.into(),
        commune: commune.into(),
        idcc: String::new(),
        opco: String::new(),
        notes: String::new(),
        contacts: Vec::new(),
    }
}

/// Six establishments of the Sarrebourg EPCI and one in Metz, the coordinator's profile (labels
/// are signed with it) and an employee's case of the glassworks. Returns the glassworks' and the
/// plastics maker's SIRETs and the case's id.
fn seed(db: &std::path::Path) -> (String, String, i64) {
    let mut conn = passerelle_tests::open_db(db);
    let today = chrono::Local::now().date_naive();
    let now = chrono::Utc::now();
    passerelle_storage::profile::save(
        &mut conn,
        &CounsellorProfile {
            display_name: "Claire Martin".into(),
            structure: "Territoire d’industrie Moselle Sud".into(),
        },
    )
    .unwrap();
    let glassworks = siret("7328293200007");
    let plastics = siret("5123456780001");
    let mut verrerie = establishment(&glassworks, "Verrerie de la Sarre", "23.13Z", "22", "57630");
    verrerie.idcc = "3248".into();
    verrerie.opco = "OPCO 2i".into();
    verrerie.contacts = vec![Contact {
        name: "Claire Weber".into(),
        role: "DRH".into(),
        email: "c.weber@example.fr".into(),
        phone: "03 87 00 00 00".into(),
        consent_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 2),
    }];
    let others = [
        establishment(
            &plastics,
            "Plasturgie de Sarrebourg",
            "22.29A",
            "21",
            "57630",
        ),
        establishment(
            &siret("4123456780001"),
            "Cristallerie d’Abreschviller",
            "23.13Z",
            "12",
            "57003",
        ),
        establishment(
            &siret("3123456780001"),
            "Menuiserie de Réding",
            "16.23Z",
            "11",
            "57566",
        ),
        establishment(
            &siret("6123456780001"),
            "Transports de la Bièvre",
            "49.41A",
            "12",
            "57630",
        ),
        establishment(
            &siret("8123456780001"),
            "Mécanique de la Sarre rouge",
            "25.62B",
            "03",
            "57566",
        ),
        establishment(
            &siret("9123456780001"),
            "Imprimerie messine",
            "18.12Z",
            "12",
            "57463",
        ),
    ];
    for e in std::iter::once(&verrerie).chain(&others) {
        passerelle_storage::establishments::save_manual(&mut conn, e, today, now).unwrap();
    }
    let mut c = CaseData::default();
    c.beneficiary.birth_name = "Keller".into();
    c.beneficiary.first_names = "Julien".into();
    c.beneficiary.territory = "moselle-sud".into();
    c.situation.employer.name = "Verrerie de la Sarre".into();
    c.situation.employer.siret = glassworks.clone();
    let case = passerelle_storage::cases::create(&mut conn, "e2e", &c, now).unwrap();
    (glassworks, plastics, case.id.0)
}

/// Replaces the text of the field `css` (brought to the middle of the screen first; a page
/// still settling after a reload may refuse the first attempt).
async fn type_into(app: &AppSession, css: &str, text: &str) -> Element {
    let start = std::time::Instant::now();
    loop {
        let field = app.wait_for(css).await;
        app.client
            .execute(
                "arguments[0].scrollIntoView({block: 'center'})",
                vec![serde_json::to_value(&field).unwrap()],
            )
            .await
            .unwrap();
        match field.clear().await {
            Ok(()) => {
                field.send_keys(text).await.unwrap();
                return field;
            }
            Err(e) => assert!(
                start.elapsed() < passerelle_tests::UI_TIMEOUT,
                "{css}: {e:?}"
            ),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Clicks `css`, brought to the middle of the screen first: the sticky save bar of a long form
/// must not be over it. The field being typed in is left first, so that the message it may
/// then show has moved the page before the click, not under it.
async fn click(app: &AppSession, css: &str) {
    app.click_centered(css, "territories-failure").await;
}

/// Waits until the screen's scope is `label` exactly (« Moselle Sud » is also the end of its
/// EPCI's name).
async fn scope_is(app: &AppSession, label: &str) {
    if !scope_within(app, label, passerelle_tests::UI_TIMEOUT).await {
        let text = app.wait_for("#scope-label").await.text().await.unwrap();
        panic!("scope: {text}, never {label}");
    }
}

/// Whether the scope becomes `label` within `wait`.
async fn scope_within(app: &AppSession, label: &str, wait: Duration) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < wait {
        if app.wait_for("#scope-label").await.text().await.unwrap() == label {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    false
}

/// Picks `value` in the select `css`, brought to the middle of the screen first.
async fn choose(app: &AppSession, css: &str, value: &str) {
    let element = app.wait_for(css).await;
    app.client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'})",
            vec![serde_json::to_value(&element).unwrap()],
        )
        .await
        .unwrap();
    app.choose(css, value).await;
}

/// Waits until the export notice names a file, and returns its path.
async fn exported(app: &AppSession, extension: &str) -> std::path::PathBuf {
    let start = std::time::Instant::now();
    loop {
        let text = app
            .wait_for("#dashboard-export-notice")
            .await
            .text()
            .await
            .unwrap_or_default();
        if let Some(path) = text.strip_prefix("Exporté : ")
            && path.ends_with(extension)
        {
            return path.trim().into();
        }
        assert!(
            start.elapsed() < passerelle_tests::UI_TIMEOUT,
            "export notice: {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Issue 15 in the real window: a diagnostic with two lines of employees at risk (a line with
/// more at risk than employed refused at its field, nothing typed lost), a case linked to its
/// line, hiring needs through the quick entry, then the Territoires screen of Moselle Sud — its
/// figures, the EPCI chosen on the map filtering the tables, a trade's label decided — and the
/// XLSX export read back: no count under the threshold (5) shows, suppressed ones read « < 5 ».
#[tokio::test(flavor = "multi_thread")]
async fn a_diagnostic_and_needs_show_on_the_territory_map_and_export_without_small_counts() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    let (glassworks, plastics, case_id) = seed(&db);
    let app = AppSession::start_in(data_home).await;

    // Territoires › Moselle Sud › the glassworks' page.
    click(&app, "#nav-territories").await;
    choose(&app, "#territory-scope", "moselle-sud").await;
    app.wait_for_text("#scope-label", "Moselle Sud").await;
    app.wait_for_text("#establishment-count", "6 établissements")
        .await;
    app.wait_for_link("Verrerie de la Sarre")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("#establishment-title", "Verrerie de la Sarre")
        .await;
    let facts = app
        .wait_for_text("#establishment-facts", "CC Sarrebourg Moselle Sud")
        .await;
    assert!(facts.contains("100 à 199 salariés"), "{facts}");
    app.wait_for_text("#establishment-contacts", "Claire Weber")
        .await;

    // A diagnostic: two trades, the second with more at risk than employed.
    click(&app, "#diagnostic-new").await;
    type_into(
        &app,
        "#diagnostic-author",
        "Agence d’attractivité Moselle Sud",
    )
    .await;
    click(&app, "#diagnostic-drivers input[value='décarbonation']").await;
    type_into(&app, "#diagnostic-driver-new", "four électrique").await;
    click(&app, "#diagnostic-driver-add").await;
    choose(&app, "#diagnostic-stage", "outils").await;
    type_into(&app, "#diagnostic-lines-0-rome", "h2913").await;
    type_into(&app, "#diagnostic-lines-0-appellation", "Soudeur TIG").await;
    type_into(&app, "#diagnostic-lines-0-headcount", "40").await;
    type_into(&app, "#diagnostic-lines-0-atRisk", "12").await;
    type_into(&app, "#diagnostic-lines-0-over55", "9").await;
    choose(&app, "#diagnostic-lines-0-outlook", "peril").await;
    type_into(
        &app,
        "#diagnostic-lines-0-skillsAtRisk",
        // WebDriver's Enter key: a new line in a text area.
        "soudage à l’arc\u{E007}lecture de plans papier",
    )
    .await;
    type_into(&app, "#diagnostic-lines-0-skillsNeeded", "soudage orbital").await;
    click(&app, "#diagnostic-line-add").await;
    // The new line takes the focus (on the next frame): typing starts once it has.
    app.wait_for_focus("diagnostic-lines-1-rome").await;
    type_into(&app, "#diagnostic-lines-1-rome", "H2805").await;
    type_into(&app, "#diagnostic-lines-1-headcount", "20").await;
    let at_risk = type_into(&app, "#diagnostic-lines-1-atRisk", "26").await;
    click(&app, "#diagnostic-save").await;
    app.wait_for_text("#diagnostic-notice", "corrigez les champs signalés")
        .await;
    let message = app
        .wait_for_text("#diagnostic-lines-1-atRisk-msg", "26 salariés exposés")
        .await;
    assert!(message.contains("pour un effectif de 20"), "{message}");
    assert_eq!(
        at_risk.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    // Nothing typed is lost.
    let rome = app.wait_for("#diagnostic-lines-0-rome").await;
    assert_eq!(rome.prop("value").await.unwrap().as_deref(), Some("h2913"));
    let skills = app.wait_for("#diagnostic-lines-0-skillsAtRisk").await;
    assert_eq!(
        skills.prop("value").await.unwrap().as_deref(),
        Some("soudage à l’arc\nlecture de plans papier")
    );
    at_risk.clear().await.unwrap();
    at_risk.send_keys("6").await.unwrap();
    app.wait_for_no_text("#diagnostic-lines-1-atRisk-msg").await;
    click(&app, "#diagnostic-save").await;
    app.wait_for_text("#diagnostic-saved", "18 salariés exposés")
        .await;
    let list = app.wait_for_text("#diagnostic-list", "Soudeur TIG").await;
    for expected in ["H2913", "H2805", "four électrique", "2. Outils", "en péril"] {
        assert!(list.contains(expected), "{expected}: {list}");
    }
    // Saved, the form is gone and the focus is on « Nouveau diagnostic » (a frame later: when
    // frames were slow on CI, it came after the step below had moved it).
    app.wait_for_focus("diagnostic-new").await;

    // The employee's case comes from the welders' line.
    let line = app.wait_for(&format!("#case-{case_id}-line")).await;
    // Chosen, then the user moves on at once, to the hiring needs' form, while the link is
    // saved (one script, so that the move comes before the answer)…
    app.client
        .execute(
            "const line = arguments[0]; line.focus(); line.selectedIndex = 1; \
             line.dispatchEvent(new Event('change', {bubbles: true})); \
             document.getElementById('need-rome').focus();",
            vec![serde_json::to_value(&line).unwrap()],
        )
        .await
        .unwrap();
    app.wait_for_text("#case-link-notice", "relié à la ligne")
        .await;
    // …and the list drawn again once it is saved (the line chosen is then the selected one in
    // the page's markup too) does not take the focus back: CI lost the keystrokes of the ROME
    // code below to the select, once.
    let drawn_again = std::time::Instant::now();
    while app
        .client
        .execute(
            "return arguments[0].options[1].hasAttribute('selected')",
            vec![serde_json::to_value(&line).unwrap()],
        )
        .await
        .unwrap()
        != serde_json::Value::Bool(true)
    {
        assert!(
            drawn_again.elapsed() < passerelle_tests::UI_TIMEOUT,
            "the case list was not drawn again after the link"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    app.next_frames().await;
    assert_eq!(app.focused_id().await, "need-rome", "the focus was taken");

    // A hiring need from the establishment's page: the form stays, cleared but for the campaign.
    type_into(&app, "#need-rome", "I1304").await;
    app.wait_for_text("#need-rome-label", "maintenance industrielle")
        .await;
    type_into(&app, "#need-appellation", "Technicien de maintenance").await;
    type_into(&app, "#need-posts", "6").await;
    type_into(&app, "#need-wishedStart", "01/03/2027").await;
    click(&app, "#need-reconversionOpen").await;
    click(&app, "#need-afest").await;
    type_into(&app, "#need-campaign", "Recensement Moselle Sud 2026").await;
    click(&app, "#need-save").await;
    app.wait_for_text("#need-notice", "Besoin enregistré : 6 postes I1304")
        .await;
    app.wait_for_text("#establishment-needs-table", "I1304")
        .await;
    let rome = app.wait_for("#need-rome").await;
    assert_eq!(rome.prop("value").await.unwrap().as_deref(), Some(""));
    let campaign = app.wait_for("#need-campaign").await;
    assert_eq!(
        campaign.prop("value").await.unwrap().as_deref(),
        Some("Recensement Moselle Sud 2026")
    );
    app.screenshot("territory-scenario-establishment").await;

    // The census quick entry: another establishment's need, typed by its SIRET.
    click(&app, "#nav-territories").await;
    click(&app, "#needs-census").await;
    type_into(&app, "#need-siret", &plastics).await;
    app.wait_for_text("#need-establishment", "Plasturgie de Sarrebourg")
        .await;
    type_into(&app, "#need-rome", "H2909").await;
    type_into(&app, "#need-posts", "2").await;
    type_into(&app, "#need-campaign", "Recensement Moselle Sud 2026").await;
    click(&app, "#need-save").await;
    app.wait_for_text("#need-notice", "Besoin enregistré : 2 postes H2909")
        .await;
    let needs = app
        .wait_for_text("#needs-table", "Plasturgie de Sarrebourg")
        .await;
    assert!(needs.contains("Verrerie de la Sarre"), "{needs}");
    assert_eq!(
        app.wait_for("#need-siret")
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some(plastics.as_str())
    );
    app.screenshot("territory-scenario-census").await;

    // Territoires › Moselle Sud: the figures.
    click(&app, "#nav-territories").await;
    choose(&app, "#territory-scope", "moselle-sud").await;
    app.wait_for_text("#scope-label", "Moselle Sud").await;
    for (id, n) in [
        ("#fig-establishments", "6"),
        ("#fig-diagnosed", "1"),
        ("#fig-with-needs", "2"),
        ("#fig-cases", "1"),
        ("#fig-at-risk", "18"),
        ("#fig-open-posts", "8"),
    ] {
        let text = app.wait_for_text(id, n).await;
        assert_eq!(text, n, "{id}");
    }
    let map = app.wait_for("#epci-map").await;
    assert!(
        app.client
            .find_all(fantoccini::Locator::Css("#epci-map path[data-siren]"))
            .await
            .unwrap()
            .len()
            > 100
    );
    drop(map);
    app.wait_for_text("#map-attribution", "IGN").await;
    app.screenshot("territory-scenario-dashboard").await;

    // The EPCI on the map: the screen is its own.
    let path = app
        .wait_for(&format!("path[data-siren=\"{SARREBOURG_EPCI}\"]"))
        .await;
    let label = path.attr("aria-label").await.unwrap().unwrap_or_default();
    assert_eq!(label, "CC Sarrebourg Moselle Sud : 18 salariés exposés");
    path.click().await.unwrap();
    app.wait_for_text("#scope-label", "CC Sarrebourg Moselle Sud")
        .await;
    app.wait_for("#scope-all").await;
    let trades = app.wait_for_text("#trades-table", "H2913").await;
    for rome in ["H2805", "I1304", "H2909"] {
        assert!(trades.contains(rome), "{rome}: {trades}");
    }
    app.wait_for_text("#epci-table tr.selected", "CC Sarrebourg Moselle Sud")
        .await;
    app.wait_for_text("#establishment-count", "6 établissements")
        .await;
    // By family (the ROME code's first three characters): the welders' H29 has the
    // glassworks' 40 employees, 12 at risk, and the plastics maker's 2 posts (H2909); the
    // H28 line its 20 and 6; the maintenance posts I13 their 6. (The table is in a closed
    // <details>: read from the DOM, not as rendered.)
    app.wait_for("#families-table").await;
    let families = app
        .client
        .execute(
            "return [...document.querySelectorAll('#families-table tbody tr')]
                .map(r => [...r.cells].map(c => c.textContent.trim()))",
            vec![],
        )
        .await
        .unwrap();
    let families: Vec<Vec<String>> = serde_json::from_value(families).unwrap();
    let figures: Vec<(&str, &[String])> = families
        .iter()
        .map(|row| (row[0].get(..3).unwrap_or_default(), &row[1..]))
        .collect();
    assert_eq!(
        figures,
        [
            ("H29", &["40".to_owned(), "12".into(), "2".into()][..]),
            ("H28", &["20".to_owned(), "6".into(), "0".into()][..]),
            ("I13", &["0".to_owned(), "0".into(), "6".into()][..]),
        ],
        "{families:?}"
    );

    // The welders: the coordinator departs from the suggestion, and must say why.
    click(&app, "#trade-H2913-label").await;
    choose(&app, "#trade-label-outlook", "devenir").await;
    click(&app, "#trade-label-save").await;
    app.wait_for_text("#trade-label-comment-msg", "diffère de la suggestion")
        .await;
    type_into(
        &app,
        "#trade-label-comment",
        "Le projet d’électrolyseur recrutera des soudeurs qualifiés.",
    )
    .await;
    click(&app, "#trade-label-save").await;
    app.wait_for_text(
        "#trade-label-notice",
        "Libellé enregistré : H2913 en devenir",
    )
    .await;
    app.wait_for_text("#trade-H2913", "Décidé par Claire Martin")
        .await;
    // The dialog closed and the table drawn again, the focus is back on the trade's button.
    app.wait_for_focus("trade-H2913-label").await;
    app.screenshot("territory-scenario-epci").await;

    // Back to the whole territory, then the EPCI again from the keyboard: Enter on its shape,
    // which keeps the focus once the screen is drawn again.
    click(&app, "#scope-all").await;
    scope_is(&app, "Moselle Sud").await;
    // Under load (CI, two tests at a time), an Enter sent just after the scope changed was
    // once in a few runs lost, the label staying « Moselle Sud »: pressed again, up to three
    // times, until the screen answers (see the closing note of issue 17).
    for attempt in 1..=3 {
        app.wait_for(&format!("path[data-siren=\"{SARREBOURG_EPCI}\"]"))
            .await
            .send_keys("\u{E007}")
            .await
            .unwrap();
        if scope_within(&app, "CC Sarrebourg Moselle Sud", Duration::from_secs(3)).await {
            break;
        }
        assert!(
            attempt < 3,
            "Enter on the EPCI's shape did nothing, 3 times"
        );
    }
    let start = std::time::Instant::now();
    loop {
        let focused = app
            .client
            .execute(
                "return document.activeElement && document.activeElement.getAttribute('data-siren')",
                vec![],
            )
            .await
            .unwrap();
        if focused.as_str() == Some(SARREBOURG_EPCI) {
            break;
        }
        assert!(
            start.elapsed() < passerelle_tests::UI_TIMEOUT,
            "focus: {focused}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The same from the map's table: Enter on the EPCI's button chooses it again (the whole
    // territory), then once more (the EPCI); each time the focus stays on its button.
    let button = format!("#epci-{SARREBOURG_EPCI}");
    for scope in ["Moselle Sud", "CC Sarrebourg Moselle Sud"] {
        app.wait_for(&button)
            .await
            .send_keys("\u{E007}")
            .await
            .unwrap();
        scope_is(&app, scope).await;
        app.wait_for_focus(&button[1..]).await;
    }

    // The XLSX export, read back: no count from 1 to 4, suppressed ones say « < 5 ».
    click(&app, "#dashboard-export-xlsx").await;
    let xlsx = exported(&app, ".xlsx").await;
    let mut book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let mut suppressed = 0;
    let mut counts = 0;
    let mut text = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            match cell.2 {
                Data::Int(n) => {
                    counts += 1;
                    assert!(!(1..=4).contains(n), "{name} {:?}: {n}", (cell.0, cell.1));
                }
                Data::Float(n) => {
                    counts += 1;
                    assert!(
                        !(1.0..5.0).contains(n),
                        "{name} {:?}: {n}",
                        (cell.0, cell.1)
                    );
                }
                Data::String(s) => {
                    if s == "< 5" {
                        suppressed += 1;
                    }
                    text.push_str(s);
                    text.push('\n');
                }
                _ => {}
            }
        }
    }
    assert!(
        counts > 0 && suppressed > 0,
        "{counts} counts, {suppressed} suppressed"
    );
    assert!(text.contains("CC Sarrebourg Moselle Sud"), "{text}");
    assert!(text.contains("H2913"), "{text}");

    // And as CSV files (a ZIP), written beside it.
    click(&app, "#dashboard-export-csv").await;
    let zip = exported(&app, ".zip").await;
    assert!(std::fs::metadata(&zip).unwrap().len() > 100);

    // « Nouvel établissement » with a SIRET already followed is refused at its field, what was
    // typed kept: the glassworks is not overwritten (nor its contact dropped).
    click(&app, "#establishment-new").await;
    type_into(&app, "#establishment-siret", &glassworks).await;
    type_into(&app, "#establishment-name", "Verrerie nouvelle").await;
    type_into(&app, "#establishment-naf", "2313Z").await;
    type_into(&app, "#establishment-commune", "57630").await;
    click(&app, "#establishment-save").await;
    app.wait_for_text("#establishment-siret-msg", "existe déjà")
        .await;
    app.wait_for_text("#establishment-notice", "corrigez les champs signalés")
        .await;
    let siret_field = app.wait_for("#establishment-siret").await;
    assert_eq!(
        siret_field.attr("aria-invalid").await.unwrap().as_deref(),
        Some("true")
    );
    let name = app.wait_for("#establishment-name").await;
    assert_eq!(
        name.prop("value").await.unwrap().as_deref(),
        Some("Verrerie nouvelle")
    );

    // An establishment entered by hand (the same form): a postal code for a commune and a
    // contact without the date they agreed are refused at their fields; corrected, it is placed
    // in its EPCI.    type_into(&app, "#establishment-siret", "1234").await;
    type_into(&app, "#establishment-name", "Fonderie de Sarrebourg").await;
    type_into(&app, "#establishment-naf", "2451Z").await;
    choose(&app, "#establishment-headcountBand", "21").await;
    type_into(&app, "#establishment-commune", "57400").await;
    click(&app, "#establishment-contact-add").await;
    app.wait_for_focus("establishment-contacts-0-name").await;
    type_into(&app, "#establishment-contacts-0-name", "Paul Meyer").await;
    type_into(
        &app,
        "#establishment-contacts-0-role",
        "Responsable de production",
    )
    .await;
    click(&app, "#establishment-save").await;
    app.wait_for_text("#establishment-notice", "corrigez les champs signalés")
        .await;
    app.wait_for_text("#establishment-siret-msg", "SIRET").await;
    app.wait_for_text("#establishment-commune-msg", "code postal")
        .await;
    app.wait_for_text("#establishment-contacts-0-consentOn-msg", "accepté")
        .await;
    let foundry = siret("2123456780001");
    type_into(&app, "#establishment-siret", &foundry).await;
    type_into(&app, "#establishment-commune", "57630").await;
    app.wait_for_text("#establishment-place", "CC Sarrebourg Moselle Sud")
        .await;
    let agreed = (chrono::Local::now().date_naive() - chrono::Days::new(10))
        .format("%d/%m/%Y")
        .to_string();
    type_into(&app, "#establishment-contacts-0-consentOn", &agreed).await;
    app.wait_for_no_text("#establishment-contacts-0-consentOn-msg")
        .await;
    click(&app, "#establishment-save").await;
    app.wait_for_text("#establishment-title", "Fonderie de Sarrebourg")
        .await;
    app.wait_for_text("#establishment-contacts", "Paul Meyer")
        .await;
    // Corrected: the form comes back filled.
    click(&app, "#establishment-edit").await;
    let name = app.wait_for("#establishment-name").await;
    assert_eq!(
        name.prop("value").await.unwrap().as_deref(),
        Some("Fonderie de Sarrebourg")
    );
    type_into(&app, "#establishment-opco", "OPCO 2i").await;
    click(&app, "#establishment-save").await;
    app.wait_for_text("#establishment-facts", "OPCO 2i").await;
    app.wait_for_text("#establishment-contacts", "Paul Meyer")
        .await;
    let dir = app.finish().await;

    // What the window did is in the database.
    let conn =
        passerelle_tests::open_db(&dir.path().join("fr.passerelle.desktop/passerelle.sqlite3"));
    let detail = passerelle_storage::establishments::detail(&conn, &glassworks)
        .unwrap()
        .unwrap();
    assert_eq!(detail.establishment.name, "Verrerie de la Sarre");
    assert_eq!(detail.contacts.len(), 1, "{:?}", detail.contacts);
    assert_eq!(detail.contacts[0].name, "Claire Weber");
    assert_eq!(detail.diagnostics.len(), 1);
    assert_eq!(detail.diagnostics[0].at_risk(), 18);
    assert_eq!(detail.needs.len(), 1);
    assert!(detail.cases[0].diagnostic_line.is_some());
    assert!(
        passerelle_storage::integrity::verify(&conn)
            .unwrap()
            .is_ok()
    );
}

/// Scrolls the screen so that `css` is at its top (`None`: the top of the screen).
async fn scroll_to(app: &AppSession, css: Option<&str>) {
    match css {
        Some(css) => {
            let element = app.wait_for(css).await;
            app.client
                .execute(
                    "arguments[0].scrollIntoView({block: 'start'})",
                    vec![serde_json::to_value(&element).unwrap()],
                )
                .await
                .unwrap();
        }
        None => {
            app.client
                .execute("document.getElementById('main').scrollTo(0, 0)", vec![])
                .await
                .unwrap();
        }
    }
    // Let the page settle before a screenshot.
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// The territory screens over demo data: the Warndt's map coloured by EPCI, its trades with the
/// labels decided, an exposed company's page with its diagnostic (screenshots for the README
/// when PASSERELLE_E2E_SHOTS is set).
#[tokio::test(flavor = "multi_thread")]
async fn the_territory_screens_over_demo_data() {
    let data_home = tempfile::tempdir().unwrap();
    let db = data_home
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    passerelle_tests::seed_demo(&db, 400);
    let mut conn = passerelle_tests::open_db(&db);
    passerelle_storage::profile::save(
        &mut conn,
        &CounsellorProfile {
            display_name: "Claire Martin".into(),
            structure: "Territoire d’industrie du Warndt Naborien".into(),
        },
    )
    .unwrap();
    drop(conn);
    let app = AppSession::start_in(data_home).await;
    click(&app, "#nav-territories").await;
    choose(&app, "#territory-scope", "warndt-naborien").await;
    app.wait_for_text("#scope-label", "Warndt").await;
    app.wait_for("#trades-table").await;
    app.wait_for_text("#trades-table", "Décidé par").await;
    // Several EPCIs of the region are coloured, with a legend of their classes.
    let coloured = app
        .client
        .execute(
            "return [...document.querySelectorAll('#epci-map path')]
                .filter(p => p.getAttribute('fill') !== '#e4e7eb').length",
            vec![],
        )
        .await
        .unwrap();
    assert!(coloured.as_u64().unwrap_or(0) >= 3, "{coloured}");
    let legend = app.wait_for_text("#map-legend", " à ").await;
    assert!(legend.contains("EPCI du territoire"), "{legend}");
    scroll_to(&app, None).await;
    app.screenshot("territoires").await;
    scroll_to(&app, Some("#trades-heading")).await;
    app.screenshot("territoires-metiers").await;
    scroll_to(&app, Some("#outcomes-heading")).await;
    app.screenshot("territoires-dossiers").await;

    app.wait_for_link("Chimie Carling Services")
        .await
        .click()
        .await
        .unwrap();
    app.wait_for_text("#establishment-title", "Chimie Carling Services")
        .await;
    app.wait_for_text("#diagnostic-list", "Diagnostic du").await;
    scroll_to(&app, None).await;
    app.screenshot("etablissement").await;
    scroll_to(&app, Some("#diagnostics-heading")).await;
    app.screenshot("etablissement-diagnostic").await;
    app.finish().await;
}
