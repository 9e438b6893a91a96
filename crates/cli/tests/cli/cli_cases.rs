//! Integration: the `passerelle` binary's case-file commands on temporary databases.

use crate::common;
use crate::common::run_with_stdin;

use std::path::Path;
use std::process::{Command, Output};

fn passerelle(db: &Path) -> Command {
    let mut cmd = common::cli();
    cmd.env_remove(passerelle_domain::DATABASE_ENV_VAR)
        .arg("--db")
        .arg(db);
    cmd
}

fn run(db: &Path, args: &[&str]) -> Output {
    passerelle(db).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_reads_arguments_or_stdin_and_fails_on_any_invalid_value() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    let out = run(&db, &["check", "nir", "2 06 12 75 111 005 64"]);
    assert!(out.status.success());
    assert_eq!(text(&out.stdout), "2 06 12 75 111 005 64 : valide\n");

    let out = run_with_stdin(
        &db,
        &["check", "siret", "-"],
        "732 829 320 00074\nMONACOCONFO001\n\n",
    );
    assert!(!out.status.success());
    let lines: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0], "732 829 320 00074 : valide");
    assert!(lines[1].starts_with("MONACOCONFO001 : invalide — SIRET : le caractère « M »"));

    let out = run(&db, &["check", "siren", "--json", "732829320", "732829321"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["valid"], true);
    assert_eq!(json[1]["valid"], false);
    assert!(
        json[1]["reason"]
            .as_str()
            .unwrap()
            .contains("clé de contrôle")
    );
}

#[test]
fn case_add_validates_then_search_finds_it_without_accents() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    let bad = r#"{"beneficiary": {"birthName": "Dupré", "firstNames": "Françoise",
                  "territory": "metz", "nir": "2 06 12 75 111 005 65"}}"#;
    let out = run_with_stdin(&db, &["case", "add", "--json", "-"], bad);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("erreur : NIR : la clé 65"), "{err}");
    assert!(err.contains("Rien n’a été enregistré."));

    let good = bad.replace("005 65", "005 64");
    let out = run_with_stdin(&db, &["case", "add", "--json", "-"], &good);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("DUPRÉ Françoise"));

    let out = run(&db, &["search", "dupre", "--json"]);
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["total"], 1);
    let id = page["items"][0]["id"].as_i64().unwrap();
    let out = run(&db, &["case", "show", &id.to_string(), "--json"]);
    let case: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(case["data"]["beneficiary"]["nir"], "206127511100564");

    let unknown = r#"{"beneficiary": {"birthName": "A", "firstNames": "B", "territory": "lune"}}"#;
    let out = run_with_stdin(&db, &["case", "add", "--json", "-"], unknown);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("Territoire « lune » inconnu"));
}

#[test]
fn demo_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let list = |name: &str| {
        let db = dir.path().join(name);
        assert!(
            run(&db, &["demo", "--cases", "40", "--seed", "9"])
                .status
                .success()
        );
        let out = run(&db, &["case", "list", "--json", "--limit", "40"]);
        let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(page["total"], 40);
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| format!("{} {} {}", i["displayName"], i["employer"], i["job"]))
            .collect::<Vec<_>>()
    };
    assert_eq!(list("a.sqlite3"), list("b.sqlite3"));
}

#[test]
fn import_with_bad_lines_reports_each_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    let csv = dir.path().join("dossiers.csv");
    // Windows-1252, semicolons, as Excel writes it.
    let mut bytes = b"Nom;Pr\xe9noms;Territoire;NIR;Code ROME\r\n".to_vec();
    bytes.extend_from_slice(b"Dupr\xe9;Fran\xe7oise;metz;2 06 12 75 111 005 64;M1607\r\n");
    bytes.extend_from_slice(b"Muller;Agn\xe8s;metz;2 06 12 75 111 005 65;M1607\r\n");
    bytes.extend_from_slice(b"Klein;Paul;metz;;Z9999\r\n");
    std::fs::write(&csv, &bytes).unwrap();

    let out = run(&db, &["import", "cases", csv.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("dossiers.csv:3 : colonne « NIR » : NIR : la clé 65"),
        "{err}"
    );
    assert!(
        err.contains("dossiers.csv:4 : colonne « Code ROME »"),
        "{err}"
    );
    assert!(err.contains("2 erreurs : rien n’a été importé"), "{err}");
    let info: serde_json::Value =
        serde_json::from_slice(&run(&db, &["info", "--json"]).stdout).unwrap();
    assert_eq!(info["caseCount"], 0, "nothing written");

    // Fixed file: dry run writes nothing, the real run writes all.
    let mut fixed = bytes.clone();
    for (from, to) in [(b"005 65", b"005 64"), (b"Z9999\r", b"H2913\r")] {
        let at = fixed.windows(from.len()).position(|w| w == from).unwrap();
        fixed[at..at + from.len()].copy_from_slice(to);
    }
    std::fs::write(&csv, fixed).unwrap();
    let out = run(
        &db,
        &["import", "cases", csv.to_str().unwrap(), "--dry-run"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("3 dossiers seraient importés"));
    let out = run(&db, &["import", "cases", csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&db, &["search", "francoise", "--json"]);
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["items"][0]["displayName"], "DUPRÉ Françoise");
}

#[test]
fn journal_verify_names_the_entry_after_a_row_is_changed_outside_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    assert!(run(&db, &["demo", "--cases", "5"]).status.success());
    let out = run(&db, &["journal", "verify"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("Journal intègre : "));
    assert!(text(&out.stdout).contains("Tête du journal : n° "));

    // The sqlite3 shell cannot even read the file: it is encrypted.
    let out = Command::new("sqlite3")
        .arg(&db)
        .arg("SELECT count(*) FROM case_file;")
        .output()
        .expect("sqlite3 (scripts/bootstrap.sh installs it)");
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("not a database"),
        "{}",
        text(&out.stderr)
    );

    // Someone holding the key, outside the app: one byte of case 3's JSON.
    let conn = common::open(&db);
    let last_entry: i64 = conn
        .query_row(
            "SELECT max(id) FROM journal WHERE entity = 'case_file' AND entity_id = 3",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "UPDATE case_file SET data = replace(data, '\"birthName\":\"', '\"birthName\":\"X') WHERE id = 3",
        [],
    )
    .unwrap();
    drop(conn);
    let out = run(&db, &["journal", "verify"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.starts_with(&format!(
            "Journal rompu à l’entrée n° {last_entry} (dossier 3)"
        )),
        "{err}"
    );
}

#[test]
fn territories_are_listed_and_added_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    let out = run(&db, &["territory", "add", "Pays de Sarrebourg"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "pays-de-sarrebourg\tPays de Sarrebourg\n"
    );
    let out = run(&db, &["territory", "add", "pays de sarrebourg"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("existe déjà"),
        "{}",
        text(&out.stderr)
    );
    let out = run(&db, &["territory", "list"]);
    assert!(
        text(&out.stdout)
            .lines()
            .any(|l| l == "moselle-sud\tMoselle Sud")
    );
    assert_eq!(text(&out.stdout).lines().count(), 6);
}

#[test]
fn parcours_advance_is_refused_with_the_reasons_then_passes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    let case = r#"{"beneficiary": {"birthName": "Hébert", "firstNames": "Élise", "territory": "metz"},
                   "situation": {"contract": "cdi", "jobRome": "H2913",
                                 "seniorityMonthsTotal": 40, "seniorityMonthsCompany": 20},
                   "project": {"targetRome": "H2913", "targetCertification": "RNCP35830"}}"#;
    assert!(
        run_with_stdin(&db, &["case", "add", "--json", "-"], case)
            .status
            .success()
    );

    let out = run(&db, &["parcours", "advance", "1", "--to", "ACCOMPAGNEMENT"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("Consentement RGPD non recueilli"),
        "{}",
        text(&out.stderr)
    );
    let out = run(
        &db,
        &["parcours", "advance", "1", "--to", "PTP_DOSSIER_DEPOSE"],
    );
    assert!(text(&out.stderr).contains("Passage non prévu de ACCUEIL à PTP_DOSSIER_DEPOSE"));
    let out = run(&db, &["parcours", "advance", "1", "--to", "NULLE_PART"]);
    assert!(text(&out.stderr).contains("--to <ETAPE> : « NULLE_PART » inconnu"));

    let out = run(
        &db,
        &[
            "parcours",
            "advance",
            "1",
            "--to",
            "clos_sans_suite",
            "--reason",
            "Injoignable",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "ACCUEIL → CLOS_SANS_SUITE\n");
    let out = run(&db, &["parcours", "show", "1", "--json"]);
    let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(view["current"], "CLOS_SANS_SUITE");
    assert_eq!(view["history"][0]["reason"], "Injoignable");
    assert!(view["next"].as_array().unwrap().is_empty());

    let out = run(&db, &["eligibility", "1", "--at", "01/09/2027", "--json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["at"], "2027-09-01");
    assert_eq!(report["rules"][0]["outcome"], "met");
    assert_eq!(report["rules"][1]["outcome"], "unmet", "same ROME codes");
}

#[test]
fn journal_verify_notices_a_changed_document_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    assert!(run(&db, &["demo", "--cases", "30"]).status.success());
    let out = run(&db, &["journal", "verify"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("fichiers de documents intacts"));
    // Overwrite one kept file.
    let docs = dir.path().join("documents");
    let victim = std::fs::read_dir(&docs)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(&victim, b"falsified").unwrap();
    let out = run(&db, &["journal", "verify"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("le fichier du document a été modifié"),
        "{}",
        text(&out.stderr)
    );
}

/// Issue 17, item 9: an HR department's export (Windows-1252) whose headers « N° de sécurité
/// sociale », « Adresse mail », « Type de contrat » and « Date d'entrée » were all skipped: they
/// are read now, and a header the app cannot guess is mapped with `--map`.
#[test]
fn an_hr_export_with_its_own_headers_is_read_and_mapped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    let csv = dir.path().join("export RH.csv");
    let mut bytes =
        b"Nom;Pr\xe9nom;Territoire;N\xb0 de s\xe9curit\xe9 sociale;Adresse mail;Type de contrat;Date d'entr\xe9e;Poste occup\xe9\r\n"
            .to_vec();
    bytes.extend_from_slice(
        b"Dupr\xe9;Fran\xe7oise;metz;2 06 12 75 111 005 64;f.dupre@exemple.fr;CDI;02/05/2019;Cariste\r\n",
    );
    std::fs::write(&csv, &bytes).unwrap();

    let out = run(
        &db,
        &["import", "cases", csv.to_str().unwrap(), "--dry-run"],
    );
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    let notes = common::text(&out.stderr);
    assert!(
        notes.contains("colonnes ignorées (non reconnues) : Poste occupé"),
        "{notes}"
    );

    let bad = run(
        &db,
        &[
            "import",
            "cases",
            csv.to_str().unwrap(),
            "--map",
            "Poste occupé=fonction",
        ],
    );
    assert!(!bad.status.success());
    assert!(
        common::text(&bad.stderr)
            .contains("colonne « fonction » inconnue ; colonnes possibles : nom_naissance"),
        "{}",
        common::text(&bad.stderr)
    );

    let out = run(
        &db,
        &[
            "import",
            "cases",
            csv.to_str().unwrap(),
            "--map",
            "Poste occupé=poste",
        ],
    );
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    assert!(!common::text(&out.stderr).contains("ignorées"));
    let page: serde_json::Value =
        serde_json::from_str(&common::ok(&db, &["search", "dupre", "--json"])).unwrap();
    let id = page["items"][0]["id"].as_i64().unwrap().to_string();
    let case: serde_json::Value =
        serde_json::from_str(&common::ok(&db, &["case", "show", &id, "--json"])).unwrap();
    let data = &case["data"];
    assert_eq!(data["beneficiary"]["nir"], "206127511100564");
    assert_eq!(data["beneficiary"]["email"], "f.dupre@exemple.fr");
    assert_eq!(data["situation"]["contract"], "cdi");
    assert_eq!(data["situation"]["contractStart"], "2019-05-02");
    assert_eq!(data["situation"]["jobTitle"], "Cariste");
}

/// Issue 17, item 9: the same export as an XLSX workbook, without a « Territoire » column (an
/// HR department has none): refused with the way out, then imported with `--territory`.
#[test]
fn an_hr_workbook_without_territories_is_imported_into_the_territory_given() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    let path = dir.path().join("Salariés concernés.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["Nom", "Prénom", "Adresse mail", "Type de contrat"],
        ["Dupré", "Françoise", "f.dupre@exemple.fr", "CDI"],
        ["Klein", "Paul", "p.klein@exemple.fr", "CDD"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(&path).unwrap();
    let file = path.to_str().unwrap();

    let refused = run(&db, &["import", "cases", file]);
    assert!(!refused.status.success());
    let err = common::text(&refused.stderr);
    assert!(
        err.contains("Salariés concernés.xlsx:1 : colonne « territoire » : colonne obligatoire absente : « Territoire »"),
        "{err}"
    );
    assert!(
        err.contains("choisissez le territoire de toutes les lignes"),
        "{err}"
    );
    let unknown = run(&db, &["import", "cases", file, "--territory", "lune"]);
    assert!(
        common::text(&unknown.stderr).contains("territoire « lune » inconnu"),
        "{}",
        common::text(&unknown.stderr)
    );

    let out = run(&db, &["import", "cases", file, "--territory", "Metz"]);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    assert!(common::text(&out.stdout).contains("2 dossiers importés"));
    let page: serde_json::Value =
        serde_json::from_str(&common::ok(&db, &["search", "klein", "--json"])).unwrap();
    let id = page["items"][0]["id"].as_i64().unwrap().to_string();
    let case: serde_json::Value =
        serde_json::from_str(&common::ok(&db, &["case", "show", &id, "--json"])).unwrap();
    assert_eq!(case["data"]["beneficiary"]["territory"], "metz");
    assert_eq!(case["data"]["situation"]["contract"], "cdd");
}
