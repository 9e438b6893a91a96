//! Integration: the certification catalogue import on France compétences-style exports.

use crate::common;

use std::path::Path;
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    common::cli()
        .env_remove(passerelle_domain::DATABASE_ENV_VAR)
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const STANDARD: &str = "\u{feff}Id_Fiche;Numero_Fiche;Intitule;Nomenclature_Europe_Niveau;Date_Decision;Date_Fin_Enregistrement;Actif\n\
1;RNCP35830;Aide-soignant;NIV4;01/09/2021;31/08/2026;ACTIVE\n\
2;RNCP38596;Juriste d’entreprise;NIV7;15/02/2024;15/02/2029;ACTIVE\n\
3;RS5678;Habilitation électrique;;01/01/2023;31/12/2027;INACTIVE\n";

const BLOCS: &str = "Numero_Fiche;Bloc_Competences_Code;Bloc_Competences_Libelle\n\
RNCP38596;RNCP38596BC01;Conseiller la direction\n\
RNCP38596;RNCP38596BC02;Réaliser un diagnostic juridique\n\
RNCP35830;RNCP35830BC01;Accompagner la personne dans les actes de la vie quotidienne\n";

const ROME: &str =
    "Numero_Fiche;Codes_Rome_Code;Codes_Rome_Libelle\nRNCP35830;J1501;Aide-soignant\n";

#[test]
fn bad_rows_are_reported_and_nothing_is_written_then_the_fixed_files_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    let standard = dir.path().join("export-Standard.csv");
    let blocs = dir.path().join("export-Blocs_De_Compétences.csv");
    let rome = dir.path().join("export-Rome.csv");
    let bad_standard = format!(
        "{STANDARD}4;RNCP12;Sans niveau valide;NIV9;;;ACTIVE\n5;XYZ;Code faux;NIV3;;;ACTIVE\n"
    );
    std::fs::write(&standard, &bad_standard).unwrap();
    std::fs::write(
        &blocs,
        format!("{BLOCS}RNCP38596;RNCP35830BC09;Bloc d’une autre fiche\n"),
    )
    .unwrap();
    std::fs::write(&rome, ROME).unwrap();
    fn args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut a = vec!["cert", "import"];
        a.extend_from_slice(extra);
        a
    }
    let paths = [
        standard.to_str().unwrap(),
        blocs.to_str().unwrap(),
        rome.to_str().unwrap(),
    ];
    let out = run(&db, &args(&paths));
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "export-Standard.csv:5 : colonne « Nomenclature_Europe_Niveau » : niveau « NIV9 »"
        ),
        "{err}"
    );
    assert!(
        err.contains("export-Standard.csv:6 : colonne « Numero_Fiche »"),
        "{err}"
    );
    assert!(err.contains("Blocs_De_Compétences.csv:5 : colonne « Bloc_Competences_Code » : « RNCP35830BC09 » n’est pas un bloc de la fiche RNCP38596"), "{err}");
    assert!(err.contains("rien n’a été importé"), "{err}");
    let listed = text(&run(&db, &["cert", "list"]).stdout);
    assert_eq!(
        listed.lines().count(),
        2,
        "only CléA and CléA numérique: {listed}"
    );

    std::fs::write(&standard, STANDARD).unwrap();
    std::fs::write(&blocs, BLOCS).unwrap();
    let out = run(&db, &args(&paths));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout)
            .contains("3 fiches, 3 blocs, 1 codes ROME importés ; 5 fiches au catalogue"),
        "{}",
        text(&out.stdout)
    );

    // Re-import with a changed title: updated, not duplicated.
    std::fs::write(
        &standard,
        STANDARD.replace("Aide-soignant;NIV4", "Diplôme d’État d’aide-soignant;NIV4"),
    )
    .unwrap();
    assert!(
        run(&db, &args(&[standard.to_str().unwrap()]))
            .status
            .success()
    );
    let out = run(
        &db,
        &["cert", "list", "--json", "--search", "aide soignant"],
    );
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["title"], "Diplôme d’État d’aide-soignant");
    assert_eq!(found[0]["level"], 4);
    assert_eq!(found[0]["romeCodes"][0], "J1501");
    assert_eq!(found[0]["blocs"].as_array().unwrap().len(), 1);
    // Search by a bloc title, accents left out.
    let out = run(&db, &["cert", "list", "--search", "diagnostic juridique"]);
    assert!(
        text(&out.stdout).starts_with("RNCP38596\tJuriste d’entreprise\tniveau 7\t2 blocs"),
        "{}",
        text(&out.stdout)
    );
    let out = run(&db, &["cert", "list", "--search", "clea"]);
    assert!(
        text(&out.stdout).contains("CLEA\tCléA — socle"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn blocs_of_an_unknown_fiche_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    let blocs = dir.path().join("blocs.csv");
    std::fs::write(&blocs, BLOCS).unwrap();
    let out = run(&db, &["cert", "import", blocs.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("fiche(s) inconnue(s) (RNCP35830, RNCP38596)"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_partial_validation_leaves_the_remaining_blocs_and_carries_over() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    let standard = dir.path().join("standard.csv");
    let blocs = dir.path().join("blocs.csv");
    std::fs::write(&standard, STANDARD).unwrap();
    std::fs::write(&blocs, BLOCS).unwrap();
    assert!(
        run(
            &db,
            &[
                "cert",
                "import",
                standard.to_str().unwrap(),
                blocs.to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    let case = dir.path().join("case.json");
    std::fs::write(
        &case,
        r#"{"beneficiary": {"birthName": "Collin", "firstNames": "Aurélie", "territory": "metz"}}"#,
    )
    .unwrap();
    assert!(
        run(&db, &["case", "add", "--json", case.to_str().unwrap()])
            .status
            .success()
    );

    let out = run(&db, &["cert", "enrol", "1", "rncp38596", "--route", "vae"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Inscription 1 : dossier 1 → RNCP38596 (2 blocs)"));
    // The jury validates one bloc of two.
    let out = run(
        &db,
        &["cert", "bloc", "1", "RNCP38596BC01", "--status", "acquis"],
    );
    assert!(!out.status.success(), "an acquired bloc needs its date");
    let out = run(
        &db,
        &[
            "cert",
            "bloc",
            "1",
            "RNCP38596BC01",
            "--status",
            "acquis",
            "--on",
            "12/03/2026",
            "--evidence",
            "Jury VAE",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        run(
            &db,
            &[
                "cert",
                "bloc",
                "1",
                "RNCP38596BC02",
                "--status",
                "non-valide"
            ]
        )
        .status
        .success()
    );
    let out = run(&db, &["cert", "status", "1", "--json"]);
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status[0]["acquired"], serde_json::json!(["RNCP38596BC01"]));
    assert_eq!(status[0]["remaining"], serde_json::json!(["RNCP38596BC02"]));

    // A new enrolment in the same certification starts from what is acquired.
    let out = run(
        &db,
        &[
            "cert",
            "enrol",
            "1",
            "RNCP38596",
            "--route",
            "formation",
            "--blocs",
            "RNCP38596BC01,RNCP38596BC02",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&db, &["cert", "status", "1"]);
    let shown = text(&out.stdout);
    assert!(
        shown.contains("acquis : RNCP38596BC01 Conseiller la direction"),
        "{shown}"
    );
    assert!(
        shown.contains("restant : RNCP38596BC02 Réaliser un diagnostic juridique"),
        "{shown}"
    );

    let out = run(
        &db,
        &[
            "cert",
            "enrol",
            "1",
            "RNCP38596",
            "--blocs",
            "RNCP38596BC09",
        ],
    );
    assert!(
        text(&out.stderr).contains("Bloc RNCP38596BC09 introuvable"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&db, &["journal", "verify"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// A jury from the command line: session, registration (twice refused), partial validation,
/// status of the case, the juries to come, the staff's figures and the CSV export.
#[test]
fn a_jury_session_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("j.sqlite3");
    let standard = dir.path().join("s.csv");
    let blocs = dir.path().join("b.csv");
    std::fs::write(&standard, STANDARD).unwrap();
    std::fs::write(&blocs, BLOCS).unwrap();
    let out = run(
        &db,
        &[
            "cert",
            "import",
            standard.to_str().unwrap(),
            blocs.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let case = dir.path().join("case.json");
    std::fs::write(
        &case,
        r#"{"beneficiary": {"birthName": "Collin", "firstNames": "Aurélie", "territory": "metz"}}"#,
    )
    .unwrap();
    assert!(
        run(&db, &["case", "add", "--json", case.to_str().unwrap()])
            .status
            .success()
    );
    assert!(
        run(&db, &["cert", "enrol", "1", "RNCP38596"])
            .status
            .success()
    );

    let yesterday = (chrono::Local::now().date_naive() - chrono::Days::new(1))
        .format("%d/%m/%Y")
        .to_string();
    let out = run(
        &db,
        &[
            "cert",
            "exam",
            "add",
            "--date",
            &yesterday,
            "--kind",
            "jury",
            "--certification",
            "rncp38596",
            "--place",
            "Metz",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Session 1 : Jury du "));
    assert!(run(&db, &["cert", "register", "1", "1"]).status.success());
    let twice = run(&db, &["cert", "register", "1", "1"]);
    assert!(!twice.status.success());
    assert!(
        text(&twice.stderr).contains("déjà inscrit"),
        "{}",
        text(&twice.stderr)
    );
    let out = run(
        &db,
        &[
            "cert",
            "result",
            "1",
            "1",
            "--outcome",
            "partielle",
            "--blocs",
            "RNCP38596BC01",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));

    let status = run(&db, &["cert", "status", "1", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(v[0]["acquired"], serde_json::json!(["RNCP38596BC01"]));
    assert_eq!(v[0]["remaining"], serde_json::json!(["RNCP38596BC02"]));

    // The session is past: not among the juries to come.
    let juries = run(&db, &["cert", "juries", "--json"]);
    assert_eq!(text(&juries.stdout).trim(), "[]");
    let list = run(&db, &["cert", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert!(v.as_array().unwrap().len() >= 3);

    let csv = dir.path().join("candidats.csv");
    let stats = run(&db, &["cert", "stats", "--csv", csv.to_str().unwrap()]);
    assert!(stats.status.success(), "{}", text(&stats.stderr));
    assert!(text(&stats.stdout).contains("Metz\t0\u{a0}%\t0 sur 1 (partielles 1, refus 0)"));
    let bytes = std::fs::read(&csv).unwrap();
    let csv_text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(
        csv_text.contains(";RNCP38596BC01;;RNCP38596BC02;Jury;"),
        "{csv_text}"
    );
    assert!(run(&db, &["journal", "verify"]).status.success());
}
