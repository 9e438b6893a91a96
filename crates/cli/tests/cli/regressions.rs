//! Regression tests named after their issue: each reproduction an issue quoted, as it was
//! tried, now passing.

use crate::common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::Utc;

fn passerelle(db: &Path) -> Command {
    let mut cmd = common::cli();
    cmd.env_remove(passerelle_domain::DATABASE_ENV_VAR)
        .env("SOURCE_DATE_EPOCH", "1798761600")
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

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?} exited {:?}: {}",
        out.status.code(),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Issue 10: `passerelle check nir 1234é6789012345` exited 101 (« byte index 5 is not a char
/// boundary »).
#[test]
fn r10_an_accented_nir_is_reported_not_panicked_on() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        &dir.path().join("p.sqlite3"),
        &["check", "nir", "1234é6789012345"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("invalide — NIR : caractère « é » en position 5"),
        "{}",
        text(&out.stdout)
    );
}

/// Issue 10: a case whose training starts on 0026-09-01, stored by an earlier version, made
/// `parcours show`, `eligibility` and `dossier pdf` panic for good (« parameter
/// ptp_seniority_months has no value »). They now answer, with the earliest parameter values.
#[test]
fn r10_a_case_dated_year_26_no_longer_breaks_its_views() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let mut child = passerelle(&db)
        .args(["case", "add", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            br#"{"beneficiary": {"birthName": "Hebert", "firstNames": "Eric", "territory": "metz"},
                "situation": {"contract": "cdi", "seniorityMonthsTotal": 30, "seniorityMonthsCompany": 20}}"#,
        )
        .unwrap();
    assert!(child.wait_with_output().unwrap().status.success());
    // What the earlier version let through: `case add` with "start": "0026-09-01".
    {
        let conn = common::open(&db);
        conn.execute(
            "UPDATE case_file SET data = json_set(data, '$.parcours.training.start', '0026-09-01')",
            [],
        )
        .unwrap();
    }
    ok(&db, &["parcours", "show", "1"]);
    let rules = ok(&db, &["eligibility", "1", "--json"]);
    assert!(rules.contains("\"at\": \"0026-09-01\""), "{rules}");
    let pdf = dir.path().join("d.pdf");
    ok(&db, &["dossier", "pdf", "1", "-o", pdf.to_str().unwrap()]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // And today the same date is refused where it is typed.
    let mut child = passerelle(&db)
        .args(["case", "add", "--json", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            br#"{"beneficiary": {"birthName": "Hebert", "firstNames": "Eric", "territory": "metz"},
                "parcours": {"training": {"start": "0026-09-01"}}}"#,
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("Début de la formation : l’année 26 est hors des limites"));
}

/// Issue 10: a VAE recevabilité dated 2023 (before the parameter's first value, 2024) made
/// the enrolment views panic.
#[test]
fn r10_a_vae_filed_in_2023_is_shown_with_its_deadline() {
    use passerelle_domain::certification::{Recevabilite, Route, VaeFollowUp};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    ok(&db, &["demo", "--cases", "3"]);
    let mut conn = common::open(&db);
    let enrolment = passerelle_storage::certification::enrolments::enrol(
        &mut conn,
        "Agent",
        passerelle_domain::ids::CaseId(1),
        "CLEA",
        Route::Vae,
        None,
        Utc::now(),
    )
    .unwrap();
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
    passerelle_storage::certification::vae::save(
        &mut conn,
        "Agent",
        enrolment.id,
        &VaeFollowUp {
            recevabilite_submitted_on: Some(d(2023, 5, 2)),
            recevabilite_decided_on: Some(d(2023, 6, 20)),
            recevabilite: Some(Recevabilite::Favorable),
            ..VaeFollowUp::default()
        },
        d(2026, 11, 30),
        Utc::now(),
    )
    .unwrap();
    drop(conn);
    let status = ok(&db, &["cert", "status", "1", "--json"]);
    assert!(status.contains("CLEA"), "{status}");
    let conn = common::open(&db);
    let enrolments = passerelle_storage::certification::enrolments::for_case(
        &conn,
        passerelle_domain::ids::CaseId(1),
    )
    .unwrap();
    let vae = enrolments
        .iter()
        .find_map(|e| e.vae.clone())
        .expect("the VAE view");
    assert_eq!(
        vae.recevabilite_due,
        Some(d(2023, 7, 2)),
        "2 months, the earliest value"
    );
}

/// Issue 10: `passerelle deadlines --days 999999999` panicked in date arithmetic.
#[test]
fn r10_a_huge_day_count_is_clamped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    ok(&db, &["demo", "--cases", "5"]);
    let out = run(&db, &["deadlines", "--days", "999999999"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("dans les 3660 jours"),
        "{}",
        text(&out.stderr)
    );
}

/// Issue 10: the France compétences export, as downloaded (a ZIP of ten CSV files), was not
/// read, and once unzipped its Formacode file stopped the whole import.
#[test]
fn r10_the_france_competences_zip_imports_as_downloaded() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let files: [(&str, &str); 10] = [
        (
            "export_fiches_CSV_Standard_2026_02_01.csv",
            "\"Id_Fiche\";\"Numero_Fiche\";\"Intitule\";\"Abrege_Libelle\";\"Abrege_Intitule\";\"Nomenclature_Europe_Niveau\";\"Nomenclature_Europe_Intitule\";\"Accessible_Nouvelle_Caledonie\";\"Accessible_Polynesie_Francaise\";\"Date_dernier_jo\";\"Date_Decision\";\"Date_Fin_Enregistrement\";\"Date_Effet\";\"Type_Enregistrement\";\"Validation_Partielle\";\"Actif\"\r\n\"23237\";\"RS6117\";\"CQP Tourier\";;;;;\"Non\";\"Non\";;\"29/09/2022\";\"29/09/2025\";;\"Enregistrement sur demande\";\"Non\";\"ACTIVE\"\r\n\"99\";\"RNCP181\";\"Comptabilité\";;;\"REPRISE\";\"Sans niveau\";\"Non\";\"Non\";;;;\"01/02/2020\";\"Enregistrement de droit\";;\"ACTIVE\"\r\n",
        ),
        (
            "export_fiches_CSV_Blocs_De_Compétences_2026_02_01.csv",
            "\"Numero_Fiche\";\"Bloc_Competences_Code\";\"Bloc_Competences_Libelle\"\r\n\"RNCP181\";\"RNCP181BC01\";\"Tenir la comptabilité\"\r\n",
        ),
        (
            "export_fiches_CSV_Rome_2026_02_01.csv",
            "\"Numero_Fiche\";\"Codes_Rome_Code\";\"Codes_Rome_Libelle\"\r\n\"RNCP181\";\"M1203\";\"Comptabilité\"\r\n\"RNCP181\";\"M12\";\"Comptabilité (domaine)\"\r\n",
        ),
        (
            "export_fiches_CSV_Certificateurs_2026_02_01.csv",
            "\"Numero_Fiche\";\"Siret_Certificateur\";\"Nom_Certificateur\"\r\n\"RS6117\";\"\t11004301500012\";\"MINISTERE DU TRAVAIL\"\r\n",
        ),
        (
            "export_fiches_CSV_Partenaires_2026_02_01.csv",
            "\"Numero_Fiche\";\"Nom_Partenaire\";\"Siret_Partenaire\";\"Habilitation_Partenaire\"\r\n\"RS6117\";\"ALYRA\";\"\t82815245400033\";\"HABILITATION_ORGA_FORM\"\r\n",
        ),
        (
            "export_fiches_CSV_Formacode_2026_02_01.csv",
            "\"Numero_Fiche\";\"Formacode_Code\";\"Formacode_Libelle\"\r\n\"RNCP181\";\"32663\";\"Comptabilité\"\r\n",
        ),
        (
            "export_fiches_CSV_Nsf_2026_02_01.csv",
            "\"Numero_Fiche\";\"Nsf_Code\";\"Nsf_Intitule\"\r\n\"RNCP181\";\"314t\";\"314t : Etablissement des documents comptables ; gestion\"\r\n",
        ),
        (
            "export_fiches_CSV_VoixdAccès_2026_02_01.csv",
            "\"Numero_Fiche\";\"Si_Jury\"\r\n\"RNCP181\";\"Par expérience\"\r\n",
        ),
        (
            "export_fiches_CSV_CCN_2026_02_01.csv",
            "\"Numero_Fiche\";\"Ccn_1_Numero\";\"Ccn_1_Libelle\";\"Ccn_2_Numero\";\"Ccn_2_Libelle\";\"Ccn_3_Numero\";\"Ccn_3_Libelle\"\r\n\"RNCP181\";\"3246\";\"Animation socioculturelle\";;;;\r\n",
        ),
        (
            "export_fiches_CSV_Ancienne_Nouvelle_Certification_2026_02_01.csv",
            "\"Numero_Fiche\";\"Ancienne_Certification\";\"Nouvelle_Certification\"\r\n\"RNCP181\";;\"RNCP5881\"\r\n",
        ),
    ];
    let zip_path = dir.path().join("export-fiches-csv-2026-02-02.zip");
    {
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        for (name, body) in files {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(body.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }
    let out = run(&db, &["cert", "import", zip_path.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        err.matches("non utilisé par Passerelle : ignoré").count(),
        6,
        "{err}"
    );
    assert!(err.contains("1 code(s) de domaine ROME"), "{err}");
    assert!(text(&out.stdout).starts_with("2 fiches, 1 blocs, 1 codes ROME importés"));
    // Unzipped, every file given: the same import, the same notices.
    let unzipped: Vec<String> = files
        .iter()
        .map(|(name, body)| {
            let p = dir.path().join(name);
            std::fs::write(&p, body).unwrap();
            p.display().to_string()
        })
        .collect();
    let mut args = vec!["cert", "import", "--dry-run"];
    args.extend(unzipped.iter().map(String::as_str));
    let out = run(&db, &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed = ok(&db, &["cert", "list", "--search", "comptabilite"]);
    assert!(
        listed.contains("RNCP181\tComptabilité\t\t1 blocs"),
        "{listed}"
    );
}

/// Issue 10: English reached the user: « Dossier 999999 not found » (`dossier pdf`), « stream
/// did not contain valid UTF-8 » (`check … -`).
#[test]
fn r10_messages_that_were_english_are_french() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    drop(common::open(&db));
    let pdf = dir.path().join("x.pdf");
    let out = run(
        &db,
        &["dossier", "pdf", "999999", "-o", pdf.to_str().unwrap()],
    );
    assert_eq!(
        text(&out.stderr).trim(),
        "passerelle : Dossier 999999 introuvable"
    );
    let mut child = passerelle(&db)
        .args(["check", "siret", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"\xff\xfe\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        text(&out.stderr).trim(),
        "passerelle : entrée standard:1 : texte qui n’est pas en UTF-8 : convertissez-le avant de le vérifier"
    );
}

fn add_case(db: &Path, json: &str) {
    let out = common::run_with_stdin(db, &["case", "add", "--json", "-"], json);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// Walks a case through the steps, each of which must pass.
fn advance_through(db: &Path, id: &str, steps: &[&str]) {
    for step in steps {
        ok(
            db,
            &["parcours", "advance", id, "--to", step, "--reason", "test"],
        );
    }
}

/// Issue 11, rule 1: `eligibility --json` and `parcours advance` refuse a démission-reconversion
/// with 100 days of activity, with the reason in French (L5422-1, France Travail: 1 300 days
/// over the 60 months before the end of the contract).
#[test]
fn r11_a_demission_with_100_days_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let today = chrono::Local::now().date_naive();
    add_case(
        &db,
        &format!(
            r#"{{"beneficiary": {{"birthName": "Weber", "firstNames": "Lucas", "territory": "metz",
                 "consents": [{{"purpose": "CEP", "givenOn": "{today}"}}]}},
                "situation": {{"contract": "cdi", "jobRome": "H2913"}},
                "project": {{"targetRome": "J1501"}},
                "parcours": {{"salariedDaysInWindow": 100, "demissionContractEnd": "2027-06-30"}}}}"#
        ),
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&db, &["eligibility", "1", "--json"])).unwrap();
    let rule = &json["demission"]["rules"][0];
    assert_eq!(rule["outcome"], "unmet");
    assert!(
        rule["explanation"].as_str().unwrap().starts_with(
            "100 jours travaillés sur 60 mois, du 30 juin 2022 au 30 juin 2027 ; il en faut 1300"
        ),
        "{rule}"
    );
    advance_through(&db, "1", &["ACCOMPAGNEMENT", "PROJET_FORMALISE"]);
    let out = run(
        &db,
        &["parcours", "advance", "1", "--to", "DEMISSION_DOSSIER"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("Passage à l’étape DEMISSION_DOSSIER refusé"),
        "{err}"
    );
    assert!(err.contains("100 jours travaillés sur 60 mois"), "{err}");
}

/// Issue 11, rule 2 (R6323-10 I): the 120-day deadline appears for a 7-month full-time
/// training whose flag was never ticked — there is no flag any more, the notice follows the
/// dates (or the safe 120 days when the rhythm is unknown).
#[test]
fn r11_a_seven_month_training_gets_the_120_day_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let today = chrono::Local::now().date_naive();
    add_case(
        &db,
        &format!(
            r#"{{"beneficiary": {{"birthName": "Weber", "firstNames": "Lucas", "territory": "metz",
                 "consents": [{{"purpose": "CEP", "givenOn": "{today}"}}]}},
                "situation": {{"contract": "cdi", "jobRome": "H2913", "seniorityMonthsTotal": 60, "seniorityMonthsCompany": 30}},
                "project": {{"targetRome": "J1501", "targetCertification": "RNCP35830"}},
                "parcours": {{"training": {{"start": "2027-06-18", "end": "2028-01-19", "partTime": false, "duringWorkingTime": true}}}}}}"#
        ),
    );
    advance_through(
        &db,
        "1",
        &["ACCOMPAGNEMENT", "PROJET_FORMALISE", "PTP_POSITIONNEMENT"],
    );
    let view: serde_json::Value =
        serde_json::from_str(&ok(&db, &["parcours", "show", "1", "--json"])).unwrap();
    let absence = view["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["kind"] == "absence_request")
        .unwrap();
    assert_eq!(absence["due"], "2027-02-18");
    assert!(
        absence["label"]
            .as_str()
            .unwrap()
            .contains("délai légal : 18 février 2027, 120 jours"),
        "{absence}"
    );
    let plan_request = view["plan"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| {
            i["action"]
                .as_str()
                .unwrap()
                .contains("autorisation d’absence")
        })
        .unwrap();
    assert_eq!(
        plan_request["by"], "2027-02-18",
        "the plan and the list agree"
    );
}

/// Issue 11, rule 3 (R6323-15: « tout ou partie »): a partial agreement can go to recours.
#[test]
fn r11_a_partial_agreement_can_go_to_recours() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    ok(&db, &["demo", "--cases", "400"]);
    // A demo case the commission granted in part, if the demo has one; else one in
    // instruction, decided here.
    let conn = common::open(&db);
    let partial: Option<i64> = conn
        .query_row(
            "SELECT id FROM case_file WHERE status = 'PTP_ACCORD_PARTIEL' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .ok();
    let id = match partial {
        Some(id) => id,
        None => {
            let id: i64 = conn
                .query_row(
                    "SELECT id FROM case_file WHERE status = 'PTP_EN_INSTRUCTION' ORDER BY id LIMIT 1",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            advance_through(&db, &id.to_string(), &["PTP_ACCORD_PARTIEL"]);
            id
        }
    };
    drop(conn);
    let id = id.to_string();
    let view: serde_json::Value =
        serde_json::from_str(&ok(&db, &["parcours", "show", &id, "--json"])).unwrap();
    assert!(
        view["next"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["step"] == "PTP_RECOURS" && n["unmet"].as_array().unwrap().is_empty()),
        "{}",
        view["next"]
    );
    advance_through(&db, &id, &["PTP_RECOURS"]);
}
