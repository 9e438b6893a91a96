//! Issue 17, item 5: the log file says what happened (commands, failures by kind) and never who
//! it happened to. A case is written with a name, a NIR, an e-mail and a note, its dossier is
//! exported, an import fails on a line quoting another person; then every log file is searched
//! for each of those values.

use std::path::Path;

use crate::common::{ok, run, run_with_stdin, text};

/// Every log file of the database's directory, as one text.
fn logs(db: &Path) -> String {
    let dir = passerelle_storage::log_file::dir_for(db);
    let mut all = String::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        all.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    all
}

#[test]
fn the_log_names_commands_and_failures_never_a_person() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("base.sqlite3");
    let case = r#"{"beneficiary": {"birthName": "Quennehen", "firstNames": "Ysaline",
        "territory": "metz", "nir": "2 06 12 75 111 005 64", "email": "ysaline.q@exemple.fr",
        "phone": "06 12 34 56 78"},
        "project": {"notes": "Souhaite quitter la boulangerie de son oncle"}}"#;
    let out = run_with_stdin(&db, &["case", "add", "--json", "-"], case);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // A refused case: the field errors quote the NIR typed.
    let refused = case.replace("005 64", "005 65");
    assert!(
        !run_with_stdin(&db, &["case", "add", "--json", "-"], &refused)
            .status
            .success()
    );
    let page: serde_json::Value =
        serde_json::from_str(&ok(&db, &["search", "quennehen", "--json"])).unwrap();
    let id = page["items"][0]["id"].as_i64().unwrap().to_string();
    let pdf = dir.path().join("Quennehen.pdf");
    ok(&db, &["dossier", "pdf", &id, "-o", pdf.to_str().unwrap()]);

    let csv = dir.path().join("salariés Hautcoeur.csv");
    std::fs::write(
        &csv,
        "Nom;Prénoms;Territoire;NIR\nHautcoeur;Gwendoline;metz;1 85 05 78 006 084 99\n",
    )
    .unwrap();
    let out = run(&db, &["import", "cases", csv.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("NIR"), "{}", text(&out.stderr));

    let log = logs(&db);
    // What happened is there (so the searches below search something)…
    for expected in [
        "commande « case add » terminée",
        "commande « case add » : validation (",
        "commande « dossier pdf » terminée",
        "commande « import cases » : import refusé (1 erreur(s)",
    ] {
        assert!(
            log.contains(expected),
            "« {expected} » missing from:\n{log}"
        );
    }
    // …and nobody is.
    for secret in [
        "Quennehen",
        "QUENNEHEN",
        "Ysaline",
        "206127511100564",
        "2 06 12 75 111 005",
        "ysaline.q",
        "exemple.fr",
        "06 12 34 56 78",
        "boulangerie",
        "Hautcoeur",
        "Gwendoline",
        "006 084",
    ] {
        assert!(
            !log.contains(secret),
            "« {secret} » found in the log:\n{log}"
        );
    }
}
