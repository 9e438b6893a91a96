//! Integration: matching from the command line on the demo — an Ardennes forge worker whose
//! trade is en péril is matched with a need nearby (reasons, exclusions), a training session
//! around Charleville-Mézières is found and chosen, the project is filled and the committee
//! dossier (pdftotext) shows the match; the ROME reference in use, and an import of a new
//! version from France Travail's file layout.

use std::process::Command;

use crate::common::{ok, run, text};

fn pdftotext(file: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(file)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    text(&out.stdout)
}

#[test]
fn an_ardennes_forge_worker_is_matched_trained_and_presented() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    ok(&db, &["demo", "--cases", "20"]);
    // Demo case 11: an estampeur (H2904) of the Forges de Nouvion, a trade en péril.
    let json = ok(&db, &["match", "case", "11", "--json"]);
    let found: serde_json::Value = serde_json::from_str(&json).unwrap();
    let results = found["matches"]["results"].as_array().unwrap();
    let need = results
        .iter()
        .find(|m| m["rome"] == "H2906" && !m["need"].is_null())
        .unwrap_or_else(|| panic!("no H2906 need: {json}"));
    let need_id = need["need"]["needId"].as_i64().unwrap().to_string();
    let parts = need["parts"].as_array().unwrap();
    assert_eq!(parts.len(), 6);
    let total: u64 = parts.iter().map(|p| p["points"].as_u64().unwrap()).sum();
    assert_eq!(
        total,
        need["score"].as_u64().unwrap(),
        "the parts add up to the score"
    );
    assert!(
        parts[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("Mobilité n°"),
        "{}",
        parts[0]
    );
    let excluded = found["matches"]["excluded"].as_array().unwrap().len() as u64
        + found["matches"]["unrelatedNeeds"].as_u64().unwrap();
    assert!(excluded > 0, "{json}");
    assert_eq!(found["matches"]["versions"]["rome"], "4.60");

    let shown = ok(&db, &["match", "case", "11"]);
    assert!(shown.contains("Exclus parce que…"), "{shown}");
    assert!(shown.contains("km à vol d’oiseau"), "{shown}");

    // Sessions that prepare the target around Charleville-Mézières.
    let sessions = ok(
        &db,
        &[
            "training", "search", "--rome", "H2906", "--near", "08105", "--radius", "40", "--json",
        ],
    );
    let sessions: serde_json::Value = serde_json::from_str(&sessions).unwrap();
    let session = &sessions.as_array().unwrap()[0];
    assert_eq!(session["commune"], "08105", "{session}");
    let session_id = session["sessionId"].as_i64().unwrap().to_string();

    let chosen = ok(
        &db,
        &[
            "match",
            "choose",
            "11",
            "--rome",
            "H2906",
            "--need",
            &need_id,
            "--session",
            &session_id,
        ],
    );
    assert!(chosen.contains("métier visé H2906"), "{chosen}");
    let pdf = dir.path().join("dossier.pdf");
    ok(&db, &["dossier", "pdf", "11", "-o", pdf.to_str().unwrap()]);
    let dossier = pdftotext(&pdf);
    assert!(dossier.contains("Rapprochement retenu"), "{dossier}");
    assert!(dossier.contains("ROME 4.60"), "{dossier}");

    // The need's side: pseudonymised people, no name without consent.
    let people = ok(&db, &["match", "need", &need_id]);
    assert!(people.contains("P-"), "{people}");
    assert!(!people.contains(&*dossier_name(&dossier)), "{people}");
}

/// The full name printed on the dossier's first line (« Mme Prénom NOM »).
fn dossier_name(dossier: &str) -> String {
    dossier
        .lines()
        .find(|l| l.starts_with("Mme ") || l.starts_with("M. "))
        .unwrap_or("Mme Personne INCONNUE")
        .to_owned()
}

#[test]
fn the_reference_in_use_and_an_import_of_a_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let info = ok(&db, &["rome", "info"]);
    assert!(
        info.contains("ROME 4.60 (livré avec l’application) : 1\u{202f}584 fiches"),
        "{info}"
    );

    let rome = dir.path().join("rome_v461");
    std::fs::create_dir(&rome).unwrap();
    let file = |stem: &str, content: &str| {
        std::fs::write(rome.join(format!("unix_{stem}_v461_utf8.csv")), content).unwrap();
    };
    file(
        "referentiel_competence",
        "\"code_ogr\",\"nature\",\"libelle_competence\",\"code_ogr_macro_comp\",\"transition_eco\",\"transition_num\"\n\"1\",\"Compétence\",\"Souder des pièces, en \"\"TIG\"\"\",\"\",\"N\",\"O\"\n",
    );
    file(
        "referentiel_savoir",
        "\"code_ogr_savoir\",\"libelle_savoir\",\"transition_eco\",\"transition_num\"\n\"2\",\"Lecture de plans\",\"\",\"N\"\n",
    );
    file(
        "item",
        "\"code_ogr\",\"libelle\",\"code_rubrique\"\n\"1\",\"Souder\",\"1\"\n",
    );
    file(
        "coherence_item",
        "\"code_rome\",\"code_ogr\",\"coeur_metier\"\n\"H2913\",\"1\",\"Principale\"\n\"H2913\",\"2\",\"\"\n",
    );
    // A rank that is not a number: refused with its file, line and column, nothing written.
    file(
        "rubrique_mobilite",
        "\"code_rome\",\"code_rome_cible\",\"numero_ordre\"\n\"H2913\",\"H2902\",\"deux\"\n",
    );
    let refused = run(&db, &["rome", "import", rome.to_str().unwrap()]);
    assert!(!refused.status.success());
    let err = text(&refused.stderr);
    assert!(
        err.contains("unix_rubrique_mobilite_v461_utf8.csv:2 : colonne « numero_ordre »"),
        "{err}"
    );
    assert!(ok(&db, &["rome", "info"]).contains("ROME 4.60"));

    file(
        "rubrique_mobilite",
        "\"code_rome\",\"code_rome_cible\",\"numero_ordre\"\n\"H2913\",\"H2902\",\"1\"\n",
    );
    let imported = ok(&db, &["rome", "import", rome.to_str().unwrap()]);
    assert!(
        imported.contains("ROME 4.61 importé : 1 fiche, 2 compétences"),
        "{imported}"
    );
    let info = ok(&db, &["rome", "info"]);
    assert!(info.contains("ROME 4.61 (importé le "), "{info}");
}

#[test]
fn a_training_offer_is_imported_again_and_a_broken_feed_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../import/tests/fixtures");
    let feed = fixtures.join("offre-grand-est.lheo.xml");
    let feed = feed.to_str().unwrap();
    let first = ok(&db, &["training", "import", feed]);
    assert!(
        first.contains("6 formations, 10 actions, 14 sessions importées"),
        "{first}"
    );
    let again = ok(&db, &["training", "import", feed]);
    assert!(
        again.contains("(6 formations d’un import précédent remplacées)"),
        "{again}"
    );
    let catalogue = fixtures.join("mcf-catalogue.csv");
    ok(&db, &["training", "import", catalogue.to_str().unwrap()]);

    // A feed cut in the middle: refused with its line, the offer as it was.
    let text = std::fs::read_to_string(fixtures.join("offre-grand-est.lheo.xml")).unwrap();
    let cut = dir.path().join("coupe.xml");
    std::fs::write(&cut, &text[..text.len() / 2]).unwrap();
    let refused = run(&db, &["training", "import", cut.to_str().unwrap()]);
    assert!(!refused.status.success());
    let err = text_of(&refused.stderr);
    assert!(err.contains("rien n’a été importé"), "{err}");
    assert!(
        err.contains("coupe.xml:") && err.contains("XML incomplet"),
        "{err}"
    );
    let all = ok(
        &db,
        &["training", "search", "--closed", "--limit", "500", "--json"],
    );
    let all: serde_json::Value = serde_json::from_str(&all).unwrap();
    let afest = ok(&db, &["training", "search", "--afest", "--json"]);
    let afest: serde_json::Value = serde_json::from_str(&afest).unwrap();
    assert!(!afest.as_array().unwrap().is_empty());
    assert!(afest.as_array().unwrap().iter().all(|s| s["afest"] == true));
    assert!(all.as_array().unwrap().len() >= 14);
}

fn text_of(bytes: &[u8]) -> String {
    text(bytes)
}
