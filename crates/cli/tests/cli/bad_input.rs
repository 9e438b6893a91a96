//! Issue 10: the bad-input catalogue. Every input a user could type, import or run by mistake —
//! form fields (through `case add --json`), command-line arguments, both imports, and database
//! faults — gets a French message and a non-zero exit where it is refused, never a panic (exit
//! 101), and leaves the database exactly as it was, with `journal verify` passing.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use sha2::{Digest, Sha256};

fn passerelle(db: &Path) -> Command {
    let mut cmd = common::cli();
    cmd.env_remove(passerelle_domain::DATABASE_ENV_VAR)
        .arg("--db")
        .arg(db);
    cmd
}

fn run(db: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = passerelle(db)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // A refused command may exit before reading its input: a broken pipe here is expected.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every row of every table, hashed: « the database is unchanged » means this is unchanged.
fn digest(db: &Path) -> String {
    let conn = common::open(db);
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name NOT LIKE '%_search%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut hash = Sha256::new();
    for table in tables {
        hash.update(table.as_bytes());
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                let value: rusqlite::types::Value = row.get(i).unwrap();
                hash.update(format!("{value:?}|").as_bytes());
            }
        }
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// English that must never reach a user (messages of SQLite, I/O, serde, clap, panics).
const ENGLISH: &[&str] = &[
    "error:",
    "not found",
    "invalid value",
    "is locked",
    "panicked",
    "expected",
    "unexpected",
    "stream did not",
    "No such file",
    "Permission denied",
    "Usage:",
    "failed",
    "unknown",
    "database",
];

/// What one entry of the catalogue must show.
#[derive(Clone, Copy, PartialEq)]
enum Expect {
    /// Refused: non-zero exit, and this French text in the message.
    Refused(&'static str),
    /// Accepted (a bound is applied): exit 0.
    Accepted,
}

struct Entry {
    what: &'static str,
    args: Vec<String>,
    stdin: Vec<u8>,
    expect: Expect,
}

fn entry(what: &'static str, args: &[&str], expect: Expect) -> Entry {
    Entry {
        what,
        args: args.iter().map(|s| (*s).to_owned()).collect(),
        stdin: Vec::new(),
        expect,
    }
}

/// A case as JSON with one field changed (`path` is `section.field`).
fn case_json(path: &str, value: serde_json::Value) -> Vec<u8> {
    let mut case = serde_json::json!({
        "beneficiary": {"birthName": "Dupré", "firstNames": "Françoise", "territory": "metz"},
        "situation": {},
        "project": {},
        "parcours": {"training": {}}
    });
    let mut target = &mut case;
    let parts: Vec<&str> = path.split('.').collect();
    for p in &parts[..parts.len() - 1] {
        target = target
            .as_object_mut()
            .unwrap()
            .entry(*p)
            .or_insert_with(|| serde_json::json!({}));
    }
    target[parts[parts.len() - 1]] = value;
    serde_json::to_vec(&case).unwrap()
}

fn form(what: &'static str, path: &str, value: serde_json::Value, message: &'static str) -> Entry {
    Entry {
        what,
        args: ["case", "add", "--json", "-"].map(String::from).to_vec(),
        stdin: case_json(path, value),
        expect: Expect::Refused(message),
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            zip.start_file(*name, options).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap();
    }
    buf.into_inner()
}

fn catalogue(dir: &Path, empty_session: &str) -> Vec<Entry> {
    use serde_json::json;
    let f = |name: &str, bytes: &[u8]| write(dir, name, bytes);
    let huge_cell = format!(
        "nom;prenom;territoire\n{};Paul;metz\n",
        "A".repeat(1_000_000)
    );
    let utf16: Vec<u8> = "nom;prenom;territoire\r\nKlein;Paul;metz\r\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let stray = [
        "nom;prenom;territoire\nDupré;Françoise;metz\n".as_bytes(),
        b"Klein;J\xe9r\xf4me;metz\n",
    ]
    .concat();
    let sparse = dir.join("enorme.csv");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(250 * 1024 * 1024)
        .unwrap();
    let bomb = zip_of(&[(
        "export_fiches_CSV_Standard_2026_01_01.csv",
        &vec![b'0'; 210 * 1024 * 1024],
    )]);
    let args = |a: &[&str]| a.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let pdf = dir.join("x.pdf").display().to_string();
    let mut all = vec![
        // Form fields, through the same validation as the window's form.
        form("NIR with an accent", "beneficiary.nir", json!("1 85 0é 57 463 123 45"), "NIR : caractère « é » en position 5"),
        form("NIR too short", "beneficiary.nir", json!("1850557463"), "NIR : 10 caractères au lieu de 15"),
        form("5 MB surname", "beneficiary.birthName", json!("A".repeat(5_000_000)), "Nom de naissance : 100 caractères au plus"),
        form("NUL in a surname", "beneficiary.birthName", json!("DUP\u{0}RÉ"), "caractère invisible non permis"),
        form("birth in year 0000", "beneficiary.birthDate", json!("0000-01-01"), "Date de naissance"),
        form("birth in the future", "beneficiary.birthDate", json!("2999-01-01"), "dans le futur"),
        form("training in year 26", "parcours.training.start", json!("0026-09-01"), "l’année 26 est hors des limites"),
        Entry {
            what: "contract ends before it starts",
            args: ["case", "add", "--json", "-"].map(String::from).to_vec(),
            stdin: br#"{"beneficiary": {"birthName": "Dupre", "firstNames": "Francoise", "territory": "metz"},
                        "situation": {"contractStart": "2026-05-01", "contractEnd": "2026-04-01"}}"#.to_vec(),
            expect: Expect::Refused("Contrat : la date de fin est antérieure"),
        },
        form("incomplete e-mail", "beneficiary.email", json!("agnes@"), "E-mail « agnes@ »"),
        form("short phone", "beneficiary.phone", json!("12345"), "Téléphone"),
        form("letters in a postal code", "beneficiary.postalCode", json!("ABCDE"), "Code postal"),
        form("SIRET with a wrong key", "situation.employer.siret", json!("73282932000075"), "SIRET"),
        form("ROME code that does not exist", "situation.jobRome", json!("Z9999"), "Code ROME"),
        form("certification code of no known form", "project.targetCertification", json!("XYZ"), "Code de certification"),
        form("diploma level 9", "beneficiary.diplomaLevel", json!(9), "Niveau de diplôme"),
        form("negative funding line", "parcours.funding", json!([{"funder": "cpf", "amountCents": -100}]), "Plan de financement, ligne 1"),
        form("funding line of 10^15 cents", "parcours.funding", json!([{"funder": "cpf", "amountCents": 1_000_000_000_000_000i64}]), "10 000 000,00 € au plus"),
        form("100 000 training hours", "parcours.training.hours", json!(100_000), "10 000 heures au plus"),
        form("negative cost", "parcours.training.costCents", json!(-5), "Coût pédagogique"),
        form("unknown territory", "beneficiary.territory", json!("lune"), "Territoire « lune » inconnu"),
        form("seniority of 65 535 months", "situation.seniorityMonthsTotal", json!(65_535), "720 mois au plus"),
        form("21 funding lines", "parcours.funding", json!(vec![json!({"funder": "cpf", "amountCents": 100}); 21]), "20 lignes au plus"),
        form("bell character in notes", "project.notes", json!("appel\u{7}"), "Notes : caractère invisible"),
        form("number where a date is expected", "beneficiary.birthDate", json!(12), "champ « beneficiary.birthDate »"),
        form("seniority beyond u16", "situation.seniorityMonthsTotal", json!(70_000), "champ « situation.seniorityMonthsTotal »"),
        Entry {
            what: "JSON that does not parse",
            args: args(&["case", "add", "--json", "-"]),
            stdin: b"{\"beneficiary\": {".to_vec(),
            expect: Expect::Refused("JSON incomplet"),
        },
        // Command-line arguments.
        entry("accented NIR checked", &["check", "nir", "1234é6789012345"], Expect::Refused("NIR : caractère « é » en position 5")),
        entry("999 999 999 days ahead", &["deadlines", "--days", "999999999"], Expect::Accepted),
        entry("negative day count", &["deadlines", "--days", "-5"], Expect::Refused("option ou argument inattendu « -5 »")),
        entry("day count in words", &["deadlines", "--days", "trente"], Expect::Refused("--days <JOURS> : un nombre entier positif ou nul")),
        entry("parcours of a missing case", &["parcours", "show", "999999"], Expect::Refused("Dossier 999999 introuvable")),
        entry("dossier PDF of a missing case", &["dossier", "pdf", "999999", "-o", &pdf], Expect::Refused("Dossier 999999 introuvable")),
        entry("unknown step", &["parcours", "advance", "1", "--to", "NULLE_PART"], Expect::Refused("« NULLE_PART » inconnu")),
        entry("letters as a case number", &["case", "show", "abc"], Expect::Refused("un numéro entier positif")),
        entry("31 February", &["meeting", "create", "--kind", "commission", "--date", "31/02/2026", "--place", "Metz"], Expect::Refused("ce jour n’existe pas")),
        entry("two-digit year", &["meeting", "create", "--kind", "commission", "--date", "01/09/26", "--place", "Metz"], Expect::Refused("n’a que deux chiffres")),
        entry("unknown committee outcome", &["meeting", "decide", "1", "1", "--outcome", "peutetre"], Expect::Refused("issue « peutetre » inconnue")),
        entry("acquired bloc without a date", &["cert", "bloc", "1", "RNCP1BC01", "--status", "acquis"], Expect::Refused("Date d’acquisition : obligatoire")),
        entry("exam session without a place", &["cert", "exam", "add", "--date", "01/01/2026", "--certification", "RNCP38596", "--place", " "], Expect::Refused("Lieu : champ obligatoire")),
        entry("pack of an empty agenda", &["meeting", "pack", empty_session, "-o", &pdf], Expect::Refused("Ordre du jour vide")),
        Entry {
            what: "identifiers on stdin that are not UTF-8",
            args: args(&["check", "siret", "-"]),
            stdin: b"7328293200\xff0074\n".to_vec(),
            expect: Expect::Refused("entrée standard:1 : texte qui n’est pas en UTF-8"),
        },
        entry("territory with no letter", &["territory", "add", "!!!"], Expect::Refused("Nom du territoire")),
        entry("unknown command", &["dossiers"], Expect::Refused("commande inconnue « dossiers »")),
        entry("unknown option", &["info", "--verbeux"], Expect::Refused("option ou argument inattendu « --verbeux »")),
        entry("amount that does not read", &["meeting", "decide", "1", "1", "--outcome", "accord", "--amount", "beaucoup"], Expect::Refused("--amount : montant illisible")),
        // Case CSV import.
        entry("1 MB CSV cell", &["import", "cases", &f("grand.csv", huge_cell.as_bytes())], Expect::Refused("colonne « nom » : Nom de naissance : 100 caractères au plus")),
        entry("UTF-16 CSV without BOM", &["import", "cases", &f("utf16.csv", &utf16)], Expect::Refused("UTF-16 sans marque")),
        entry("UTF-8 CSV with a stray byte", &["import", "cases", &f("melange.csv", &stray)], Expect::Refused(":3 : octet 0xE9 invalide en UTF-8")),
        entry("CSV without a required column", &["import", "cases", &f("incomplet.csv", b"nom;territoire\nKlein;metz\n")], Expect::Refused("colonne « prenoms » : colonne obligatoire absente")),
        entry("CSV that does not exist", &["import", "cases", "/nonexistent/dossiers.csv"], Expect::Refused("fichier introuvable")),
        entry("a directory given as CSV", &["import", "cases", &dir.display().to_string()], Expect::Refused("c’est un dossier")),
        entry("empty CSV", &["import", "cases", &f("vide.csv", b"")], Expect::Refused("en-tête illisible ou absent")),
        entry("250 MB CSV", &["import", "cases", &sparse.display().to_string()], Expect::Refused("fichier trop volumineux (250 Mo ; 200 Mo au plus)")),
        // France compétences import.
        entry("damaged ZIP", &["cert", "import", &f("casse.zip", b"PK\x03\x04 ceci n'est plus un zip")], Expect::Refused("archive ZIP endommagée")),
        entry("ZIP entry that expands to 210 MB", &["cert", "import", &f("bombe.zip", &bomb)], Expect::Refused("fichier trop volumineux")),
        entry("CSV of another origin", &["cert", "import", &f("autre.csv", b"Numero_Fiche;Couleur\nRNCP1;bleu\n")], Expect::Refused("fichier non reconnu")),
        entry("level NIV9", &["cert", "import", &f("standard.csv", b"Numero_Fiche;Intitule;Nomenclature_Europe_Niveau\nRNCP1;Titre;NIV9\n")], Expect::Refused("niveau « NIV9 »")),
        entry("blocs of an unknown fiche", &["cert", "import", &f("blocs.csv", b"Numero_Fiche;Bloc_Competences_Code;Bloc_Competences_Libelle\nRNCP99999;RNCP99999BC01;Bloc\n")], Expect::Refused("fiche(s) inconnue(s) (RNCP99999)")),
    ];
    all.retain(|e| !e.args.is_empty());
    all
}

#[test]
fn every_bad_input_gets_a_french_message_and_leaves_the_database_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let setup = |args: &[&str]| {
        let out = run(&db, args, b"");
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    };
    setup(&["demo", "--cases", "20"]);
    // Employer silences become agreements when `deadlines` runs: let them, before the digest.
    setup(&["deadlines"]);
    let created = setup(&[
        "meeting",
        "create",
        "--kind",
        "commission",
        "--date",
        "01/12/2027",
        "--place",
        "Metz",
    ]);
    let empty_session = created
        .split_whitespace()
        .nth(1)
        .unwrap()
        .trim_end_matches(':')
        .to_owned();
    let before = digest(&db);
    let entries = catalogue(dir.path(), &empty_session);
    assert!(entries.len() >= 40, "{} inputs", entries.len());
    let mut refused = 0;
    for e in &entries {
        let args: Vec<&str> = e.args.iter().map(String::as_str).collect();
        let out = run(&db, &args, &e.stdin);
        // `check` answers on stdout; everything else on stderr.
        let err = text(&out.stderr) + &text(&out.stdout);
        assert_ne!(out.status.code(), Some(101), "{}: panicked: {err}", e.what);
        match e.expect {
            Expect::Refused(message) => {
                refused += 1;
                assert!(!out.status.success(), "{}: accepted", e.what);
                assert!(
                    err.contains(message),
                    "{}: « {message} » not in: {err}",
                    e.what
                );
                for english in ENGLISH {
                    assert!(
                        !err.contains(english),
                        "{}: English « {english} » in: {err}",
                        e.what
                    );
                }
            }
            Expect::Accepted => assert!(out.status.success(), "{}: {err}", e.what),
        }
        assert_eq!(digest(&db), before, "{}: the database changed", e.what);
    }
    let out = run(&db, &["journal", "verify"], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    eprintln!(
        "bad-input catalogue: {} inputs, {refused} refused with a French message, none panicked, database unchanged",
        entries.len()
    );
}

/// Database faults: a directory, a text file, a newer schema. Each refused in French.
#[test]
fn unusable_databases_are_refused_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let text_file = dir.path().join("notes.txt");
    std::fs::write(
        &text_file,
        "ceci n’est pas une base de données, mais un texte assez long",
    )
    .unwrap();
    let newer = dir.path().join("newer.sqlite3");
    {
        let conn = common::open(&newer);
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    let cases: [(&str, PathBuf, &str); 4] = [
        (
            "a directory",
            dir.path().to_path_buf(),
            "est un dossier, pas un fichier",
        ),
        ("a text file", text_file, "n’est pas une base Passerelle"),
        (
            "a newer schema",
            newer,
            "version plus récente de Passerelle",
        ),
        (
            "a path under a file",
            dir.path().join("notes.txt/x.sqlite3"),
            "base de données «",
        ),
    ];
    for (what, path, message) in cases {
        let out = run(&path, &["info"], b"");
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains(message), "{what}: « {message} » not in {err}");
        assert!(!err.contains("panicked"), "{what}: {err}");
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| text(&o.stdout).trim() == "0")
}

/// A read-only file system and a full disk, on a small tmpfs (needs root to mount; CI runs as
/// root). The database stays readable and verifiable afterwards.
#[test]
fn a_full_disk_and_a_read_only_disk_are_reported_and_lose_nothing() {
    if !is_root() {
        eprintln!("skipped: mounting a tmpfs needs root");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mnt = dir.path().join("petit-disque");
    std::fs::create_dir(&mnt).unwrap();
    let mount = |opts: &str| {
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", opts, "tmpfs"])
            .arg(&mnt)
            .status()
            .unwrap();
        assert!(status.success(), "mount {opts}");
    };
    mount("size=4m");
    let umount = || {
        let _ = Command::new("umount").arg(&mnt).status();
    };
    let db = mnt.join("p.sqlite3");
    let out = run(&db, &["demo", "--cases", "10"], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Fill the disk: a demo of 2 000 cases does not fit in what remains of 4 MB.
    let out = run(&db, &["demo", "--cases", "2000"], b"");
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("le disque est plein"), "{err}");
    let out = run(&db, &["journal", "verify"], b"");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = run(&db, &["info", "--json"], b"");
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["caseCount"], 10, "the failed demo wrote nothing");
    // Read-only: remount, then try to write.
    let status = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&mnt)
        .status()
        .unwrap();
    assert!(status.success());
    let out = run(&db, &["territory", "add", "Pays de Bitche"], b"");
    let err = text(&out.stderr);
    umount();
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("lecture seule"), "{err}");
}
