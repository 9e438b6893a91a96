//! Integration: personal data over its whole life from the command line — the purge (expired or
//! on request) and what it leaves in the files, the access-request export, the registre, and
//! pseudonymised dossiers that really are.

use crate::common;

use crate::common::{ok, run, text};

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, TimeZone, Utc};
use passerelle_domain::case::{
    CaseData, Civility, Consent, DocumentKind, InterviewKind, NewInterview,
};
use passerelle_domain::ids::CaseId;
use passerelle_domain::parcours::{Funder, FundingLine};
use passerelle_storage::{Connection, cases, files, records, status};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn at(day: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap()
}

fn consent() -> Consent {
    Consent {
        purpose: "Accompagnement CEP et conservation du dossier".into(),
        given_on: Some(d(2026, 3, 1)),
        withdrawn_on: None,
    }
}

fn pdftotext(file: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(file)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    text(&out.stdout)
}

/// The PDF with its streams uncompressed (qpdf), to search its raw bytes.
fn uncompressed(file: &Path) -> Vec<u8> {
    let out = file.with_extension("qdf.pdf");
    let status = Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(file)
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    std::fs::read(out).unwrap()
}

/// `needle` in `haystack` as a UTF-8 word (not inside a longer word: « Thi » is not in
/// « This »), or as the UTF-16BE hex strings PDF metadata uses.
fn bytes_hold(haystack: &[u8], needle: &str) -> bool {
    let utf16: String = needle.encode_utf16().map(|u| format!("{u:04X}")).collect();
    let n = needle.len();
    let word_char = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80);
    let as_word = (0..haystack.len().saturating_sub(n - 1)).any(|i| {
        &haystack[i..i + n] == needle.as_bytes()
            && !word_char(i.checked_sub(1).and_then(|p| haystack.get(p)))
            && !word_char(haystack.get(i + n))
    });
    as_word
        || String::from_utf8_lossy(haystack)
            .to_uppercase()
            .contains(&utf16)
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

const NAME: &str = "Quintanilla";
const NIR: &str = "185025746312353";

/// A closed case with an interview, a document and some history, and a second case.
fn closed_case(db: &Path) -> (Connection, CaseId, CaseId) {
    let mut conn = common::open(db);
    let docs = files::documents_dir(db);
    let mut data = CaseData::default();
    data.beneficiary.birth_name = NAME.into();
    data.beneficiary.first_names = "Inès".into();
    data.beneficiary.territory = "metz".into();
    data.beneficiary.nir = NIR.into();
    data.beneficiary.consents.push(consent());
    data.project.notes = "Mme Quintanilla, RQTH depuis 2019".into();
    let id = cases::create(&mut conn, "Agent", &data, at(1)).unwrap().id;
    let mut other = CaseData::default();
    other.beneficiary.birth_name = "Weber".into();
    other.beneficiary.first_names = "Paul".into();
    other.beneficiary.territory = "metz".into();
    let other = cases::create(&mut conn, "Agent", &other, at(1)).unwrap().id;
    records::add_interview(
        &mut conn,
        "Agent",
        id,
        &NewInterview {
            held_on: Some(d(2026, 3, 2)),
            kind: Some(InterviewKind::Individuel),
            duration_minutes: Some(60),
            summary: "Entretien avec Mme Quintanilla".into(),
        },
        at(2),
    )
    .unwrap();
    records::add_document(
        &mut conn,
        "Agent",
        id,
        DocumentKind::Cv,
        "cv-quintanilla.pdf",
        b"%PDF-1.4 CV de Ines Quintanilla",
        d(2026, 3, 2),
        &docs,
        at(2),
    )
    .unwrap();
    cases::set_archived(&mut conn, "Agent", id, true, at(3)).unwrap();
    (conn, id, other)
}

#[test]
fn an_erasure_request_purges_the_person_from_the_files_and_the_journal_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let (conn, id, other) = closed_case(&db);
    let counts = (
        status::count_active_case_files(&conn).unwrap(),
        status::count_archived_case_files(&conn).unwrap(),
    );
    let docs = files::documents_dir(&db);
    let kept: Vec<PathBuf> = files_under(&docs);
    assert_eq!(kept.len(), 1);
    let indexed = |conn: &Connection| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM case_search WHERE case_search MATCH 'quintanilla'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(indexed(&conn), 1);
    drop(conn);
    let id_arg = id.0.to_string();

    // Not confirmed: refused, nothing changed.
    let out = run(&db, &["purge", &id_arg, "--reason", "demande d’effacement"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--yes"), "{}", text(&out.stderr));

    let done = ok(
        &db,
        &[
            "purge",
            &id_arg,
            "--reason",
            "demande d’effacement du 4 mars 2026",
            "--yes",
        ],
    );
    assert!(
        done.contains("1 entretien(s), 1 pièce(s) (1 fichier(s) supprimé(s))"),
        "{done}"
    );
    let verify = ok(&db, &["journal", "verify"]);
    assert!(verify.contains("Journal intègre"), "{verify}");
    assert!(verify.contains("expurgées le"), "{verify}");
    // A second purge is refused.
    assert!(
        !run(&db, &["purge", &id_arg, "--reason", "encore", "--yes"])
            .status
            .success()
    );

    // The counts survive; the other case is intact.
    let conn = common::open(&db);
    assert_eq!(indexed(&conn), 0, "gone from the search index");
    assert_eq!(
        counts,
        (
            status::count_active_case_files(&conn).unwrap(),
            status::count_archived_case_files(&conn).unwrap()
        )
    );
    assert_eq!(
        cases::get(&conn, other)
            .unwrap()
            .unwrap()
            .data
            .beneficiary
            .birth_name,
        "Weber"
    );
    let purged = cases::get(&conn, id).unwrap().unwrap();
    assert!(purged.data.beneficiary.birth_name.is_empty());
    assert!(purged.data.beneficiary.nir.is_empty());
    // After a checkpoint and a VACUUM: the document's file is gone, and neither the name nor
    // the NIR is in any file (database, WAL, key file, documents).
    conn.execute_batch("VACUUM; PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    drop(conn);
    assert!(
        kept.iter().all(|f| !f.exists()),
        "the document file is deleted"
    );
    for file in files_under(dir.path()) {
        let bytes = std::fs::read(&file).unwrap();
        for needle in [NAME, &NAME.to_lowercase(), NIR, "RQTH"] {
            assert!(
                !bytes_hold(&bytes, needle),
                "« {needle} » in {}",
                file.display()
            );
        }
    }
}

#[test]
fn an_erasure_request_is_refused_with_its_legal_reasons_while_the_accompaniment_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let mut conn = common::open(&db);
    let mut data = CaseData::default();
    data.beneficiary.birth_name = "Ba".into();
    data.beneficiary.first_names = "Awa".into();
    data.beneficiary.territory = "metz".into();
    data.parcours.funding.push(FundingLine {
        funder: Funder::TransitionsPro,
        amount_cents: 1_200_000,
        covers: "frais pédagogiques".into(),
    });
    let id = cases::create(&mut conn, "Agent", &data, at(1)).unwrap().id;
    drop(conn);
    let out = run(
        &db,
        &["purge", &id.0.to_string(), "--reason", "demande", "--yes"],
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("Accompagnement en cours"), "{err}");
    let conn = common::open(&db);
    assert_eq!(
        cases::get(&conn, id)
            .unwrap()
            .unwrap()
            .data
            .beneficiary
            .birth_name,
        "Ba"
    );
}

#[test]
fn the_access_export_of_a_demo_case_holds_every_field_held() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    ok(&db, &["demo", "--cases", "60"]);
    let mut conn = common::open(&db);
    // The demo case with the most documents, given an interview.
    let id: i64 = conn
        .query_row(
            "SELECT case_id FROM document GROUP BY case_id ORDER BY count(*) DESC, case_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let id = CaseId(id);
    records::add_interview(
        &mut conn,
        "Agent",
        id,
        &NewInterview {
            held_on: Some(d(2026, 3, 2)),
            kind: Some(InterviewKind::Individuel),
            duration_minutes: Some(45),
            summary: "Point sur le financement et les pièces".into(),
        },
        at(2),
    )
    .unwrap();
    let case = cases::get(&conn, id).unwrap().unwrap();
    let documents = records::documents(&conn, id).unwrap();
    assert!(!documents.is_empty());
    drop(conn);

    let zip_path = dir.path().join("donnees.zip");
    ok(
        &db,
        &[
            "export",
            "person",
            &id.0.to_string(),
            "-o",
            zip_path.to_str().unwrap(),
        ],
    );
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut out = Vec::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_end(&mut out)
            .unwrap();
        out
    };
    let json: serde_json::Value = serde_json::from_slice(&read("donnees.json")).unwrap();
    // Every field of the case, as stored: the whole record, not a selection.
    assert_eq!(json["case"], serde_json::to_value(&case).unwrap());
    let mut leaves = Vec::new();
    collect_leaves(&serde_json::to_value(&case.data).unwrap(), &mut leaves);
    assert!(
        leaves.len() > 10,
        "a demo case fills its fields: {leaves:?}"
    );
    assert_eq!(json["interviews"].as_array().unwrap().len(), 1);
    assert_eq!(json["documents"].as_array().unwrap().len(), documents.len());
    assert!(!json["history"].as_array().unwrap().is_empty());
    assert!(json["step"].is_string());
    // Each document, opened, with the content its hash names.
    for (n, doc) in documents.iter().enumerate() {
        use sha2::{Digest, Sha256};
        let prefix = format!("pieces/{:02}-", n + 1);
        let name = archive
            .file_names()
            .filter_map(Result::ok)
            .find(|f| f.starts_with(&prefix))
            .unwrap()
            .into_owned();
        let mut bytes = Vec::new();
        archive
            .by_name(&name)
            .unwrap()
            .read_to_end(&mut bytes)
            .unwrap();
        let sha: String = Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(sha, doc.sha256);
    }
    // The readable summary: a valid PDF that shows the fields, the interview and the documents.
    let pdf = dir.path().join("synthese.pdf");
    let mut bytes = Vec::new();
    archive
        .by_name("synthese.pdf")
        .unwrap()
        .read_to_end(&mut bytes)
        .unwrap();
    std::fs::write(&pdf, &bytes).unwrap();
    assert!(
        Command::new("qpdf")
            .arg("--check")
            .arg(&pdf)
            .status()
            .unwrap()
            .success()
    );
    let summary = pdftotext(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let b = &case.data.beneficiary;
    for shown in [
        case.reference.as_str(),
        b.birth_name.as_str(),
        "Point sur le financement et les pièces",
        documents[0].file_name.as_str(),
    ] {
        assert!(
            summary.contains(shown),
            "« {shown} » missing from the summary"
        );
    }
}

fn collect_leaves(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_leaves(v, out)),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_leaves(v, out)),
        serde_json::Value::String(s) if !s.is_empty() => out.push(s.clone()),
        _ => {}
    }
}

#[test]
fn the_registre_prints_the_retention_values_in_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    drop(common::open(&db));
    let pdf = dir.path().join("registre.pdf");
    ok(&db, &["registre", "-o", pdf.to_str().unwrap()]);
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    assert!(
        text(&info.stdout).contains("Pages:           1"),
        "one page"
    );
    let registre = pdftotext(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for shown in [
        "Registre des activités de traitement",
        "5 ans après la fin de l’accompagnement",
        "3 ans après la fin de l’accompagnement",
        "NON CONFIRMÉES",
    ] {
        assert!(registre.contains(shown), "« {shown} » missing: {registre}");
    }
}

/// A person as the pseudonymisation must hide them: short, folded or unusual names, a birth
/// date, an Agefiph funding line.
struct Person {
    birth_name: &'static str,
    first_names: &'static str,
    birth_date: NaiveDate,
}

const PEOPLE: [Person; 5] = [
    Person {
        birth_name: "Ly",
        first_names: "Mai",
        birth_date: NaiveDate::from_ymd_opt(1985, 3, 12).unwrap(),
    },
    Person {
        birth_name: "Ba",
        first_names: "Awa",
        birth_date: NaiveDate::from_ymd_opt(1979, 11, 2).unwrap(),
    },
    Person {
        birth_name: "Ng",
        first_names: "Thi Lan",
        birth_date: NaiveDate::from_ymd_opt(1990, 1, 30).unwrap(),
    },
    Person {
        birth_name: "Şahin",
        first_names: "Elif",
        birth_date: NaiveDate::from_ymd_opt(1985, 3, 12).unwrap(),
    },
    Person {
        birth_name: "Łukaszewicz",
        first_names: "Małgorzata",
        birth_date: NaiveDate::from_ymd_opt(1972, 6, 9).unwrap(),
    },
];

fn pseudonymisable(conn: &mut Connection, p: &Person, motive: &str) -> CaseId {
    let mut data = CaseData::default();
    let b = &mut data.beneficiary;
    b.civility = Some(Civility::Madame);
    b.birth_name = p.birth_name.into();
    b.first_names = p.first_names.into();
    b.birth_date = Some(p.birth_date);
    b.territory = "metz".into();
    b.consents.push(consent());
    data.project.motive = motive.into();
    data.parcours.funding.push(FundingLine {
        funder: Funder::TransitionsPro,
        amount_cents: 1_000_000,
        covers: "frais pédagogiques".into(),
    });
    data.parcours.funding.push(FundingLine {
        funder: Funder::Agefiph,
        amount_cents: 250_000,
        covers: "aménagement du poste de formation".into(),
    });
    cases::create(conn, "Agent", &data, at(1)).unwrap().id
}

/// What must never leave in a pseudonymised dossier of `p`.
fn forbidden(p: &Person) -> Vec<String> {
    let mut out = vec![
        p.birth_name.to_owned(),
        p.birth_name.to_uppercase(),
        passerelle_domain::committee::disclosure::fold_full(p.birth_name),
        "Agefiph".to_owned(),
        "AGEFIPH".to_owned(),
        p.birth_date.format("%d/%m/%Y").to_string(),
        passerelle_domain::i18n::format_date(p.birth_date),
    ];
    out.extend(p.first_names.split(' ').map(str::to_owned));
    out
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_pseudonymised_dossier_carries_nothing_of_the_person_and_blocks_on_free_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let mut conn = common::open(&db);
    let clean: Vec<CaseId> = PEOPLE
        .iter()
        .map(|p| {
            pseudonymisable(
                &mut conn,
                p,
                "Reconversion vers l’aide à domicile, formation en alternance près de Metz.",
            )
        })
        .collect();
    // Free text naming the person (folded, short), a relative, a date and a health word.
    let noisy: Vec<CaseId> = PEOPLE
        .iter()
        .map(|p| {
            let folded = passerelle_domain::committee::disclosure::fold_full(p.birth_name);
            let folded = format!("{}{}", &folded[..1], folded[1..].to_lowercase());
            let motive = format!(
                "Mme {} (née le 12/03/1985) souhaite changer de métier ; son mari Karim l’encourage. Arrêt pour dépression en 2024.",
                folded
            );
            pseudonymisable(&mut conn, p, &motive)
        })
        .collect();
    drop(conn);

    for (p, id) in PEOPLE.iter().zip(&clean) {
        let pdf = dir.path().join(format!("clean-{}.pdf", id.0));
        ok(
            &db,
            &[
                "dossier",
                "pdf",
                &id.0.to_string(),
                "-o",
                pdf.to_str().unwrap(),
                "--pseudonymise",
                "--recipient",
                "Commission paritaire",
            ],
        );
        let text = pdftotext(&pdf);
        let words = words_of(&text);
        let raw = uncompressed(&pdf);
        for needle in forbidden(p) {
            let found = if needle.chars().all(char::is_alphanumeric) {
                words.contains(&needle)
            } else {
                text.contains(&needle)
            };
            assert!(!found, "« {needle} » in the text of {}", pdf.display());
            if needle.chars().count() > 2 {
                assert!(
                    !bytes_hold(&raw, &needle),
                    "« {needle} » in the bytes of {}",
                    pdf.display()
                );
            }
        }
        assert!(text.contains("Autre cofinanceur") || text.contains("autre cofinanceur"));
        assert!(text.contains("destinataire : Commission paritaire"));
    }

    for (p, id) in PEOPLE.iter().zip(&noisy) {
        let pdf = dir.path().join(format!("noisy-{}.pdf", id.0));
        let args = [
            "dossier",
            "pdf",
            &id.0.to_string(),
            "-o",
            pdf.to_str().unwrap(),
            "--pseudonymise",
            "--recipient",
            "Commission paritaire",
        ];
        let out = run(&db, &args);
        assert!(!out.status.success(), "{} is blocked", p.birth_name);
        assert!(!pdf.exists(), "nothing written while blocked");
        let err = text(&out.stderr);
        for kind in [
            "nom de la personne ou d’un proche",
            "date",
            "terme de santé",
            "Motivation du projet",
        ] {
            assert!(err.contains(kind), "« {kind} » not reported: {err}");
        }
        assert!(
            err.contains("Karim"),
            "the relative's name is quoted for the counsellor: {err}"
        );
        // Confirmed after reading: names (the person's and the relative's) are still redacted.
        let mut confirmed = args.to_vec();
        confirmed.push("--confirm-findings");
        ok(&db, &confirmed);
        let words = words_of(&pdftotext(&pdf));
        for needle in forbidden(p).into_iter().take(3).chain(["Karim".to_owned()]) {
            assert!(
                !words.contains(&needle),
                "« {needle} » in the confirmed dossier"
            );
        }
    }
}

#[test]
fn a_withdrawn_consent_blocks_committee_exports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let mut conn = common::open(&db);
    let mut data = CaseData::default();
    data.beneficiary.birth_name = "Weber".into();
    data.beneficiary.first_names = "Paul".into();
    data.beneficiary.territory = "metz".into();
    data.beneficiary.consents.push(Consent {
        purpose: passerelle_domain::case::CONSENT_PURPOSES[1].into(),
        given_on: Some(d(2026, 3, 1)),
        withdrawn_on: Some(d(2026, 3, 20)),
    });
    let id = cases::create(&mut conn, "Agent", &data, at(1)).unwrap().id;
    drop(conn);
    let pdf = dir.path().join("d.pdf");
    let id_arg = id.0.to_string();
    for extra in [None, Some("--pseudonymise")] {
        let mut args = vec!["dossier", "pdf", &id_arg, "-o", pdf.to_str().unwrap()];
        args.extend(extra);
        let out = run(&db, &args);
        assert!(!out.status.success());
        let err = text(&out.stderr);
        assert!(
            err.contains("retiré le 20 mars 2026 son consentement"),
            "{err}"
        );
        assert!(!pdf.exists());
    }
}
