//! Integration: `passerelle dossier pdf` and `passerelle meeting …` on a demo database.

use crate::common;

use std::path::Path;
use std::process::Output;

fn run(db: &Path, args: &[&str]) -> Output {
    common::cli()
        .env_remove(passerelle_domain::DATABASE_ENV_VAR)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Cases of the demo at a step the commission examines.
fn filed_cases(db: &Path) -> Vec<i64> {
    let conn = common::open(db);
    let mut stmt = conn
        .prepare("SELECT id FROM case_file WHERE status = 'PTP_DOSSIER_DEPOSE' ORDER BY id LIMIT 3")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_meeting_is_created_filled_exported_and_decided_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db.sqlite3");
    ok(&db, &["demo", "--cases", "200"]);
    let cases = filed_cases(&db);
    assert!(cases.len() >= 2, "the demo has filed PTP dossiers");
    let ids: Vec<String> = cases.iter().map(i64::to_string).collect();

    let out = ok(
        &db,
        &[
            "meeting",
            "create",
            "--kind",
            "commission",
            "--date",
            "12/12/2026",
            "--place",
            "Metz",
            "--member",
            "Mme A. Martin",
        ],
    );
    assert!(out.contains("12 décembre 2026"), "{out}");
    // « Séance N : … » (the demo has its own meetings already).
    let meeting = out
        .trim_start_matches("Séance ")
        .split(' ')
        .next()
        .unwrap()
        .to_owned();
    let meeting = meeting.as_str();
    let mut add = vec!["meeting", "add", meeting];
    add.extend(ids.iter().map(String::as_str));
    ok(&db, &add);

    // A case at another step is refused with the reason.
    let out = run(&db, &["meeting", "add", meeting, "1"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("commission paritaire"));

    // The demo's free texts may hold a health term the review flags (tested on its own in the
    // dossier tests): here it has been read, the export goes on.
    let pack = dir.path().join("seance.pdf");
    ok(
        &db,
        &[
            "meeting",
            "pack",
            meeting,
            "-o",
            pack.to_str().unwrap(),
            "--pseudonymise",
            "--confirm-findings",
        ],
    );
    let first = std::fs::read(&pack).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    ok(
        &db,
        &[
            "meeting",
            "pack",
            meeting,
            "-o",
            pack.to_str().unwrap(),
            "--pseudonymise",
            "--confirm-findings",
        ],
    );
    assert_eq!(
        first,
        std::fs::read(&pack).unwrap(),
        "SOURCE_DATE_EPOCH: same bytes"
    );

    let dossier = dir.path().join("dossier.pdf");
    ok(
        &db,
        &["dossier", "pdf", &ids[0], "-o", dossier.to_str().unwrap()],
    );
    assert!(std::fs::read(&dossier).unwrap().starts_with(b"%PDF-"));

    // A refusal without motifs is refused; with them it moves the parcours.
    let out = run(
        &db,
        &["meeting", "decide", meeting, &ids[0], "--outcome", "refus"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Motifs"));
    ok(
        &db,
        &[
            "meeting",
            "decide",
            meeting,
            &ids[0],
            "--outcome",
            "refus",
            "--motifs",
            "Perspectives d’emploi insuffisantes",
        ],
    );
    ok(
        &db,
        &[
            "meeting",
            "decide",
            meeting,
            &ids[1],
            "--outcome",
            "accord",
            "--amount",
            "12 500,00",
        ],
    );
    let show = ok(&db, &["parcours", "show", &ids[0]]);
    assert!(
        show.contains("PTP_REFUS") || show.contains("Refus"),
        "{show}"
    );
    let show = ok(&db, &["meeting", "show", meeting]);
    assert!(show.contains("Refus") && show.contains("Accord"), "{show}");
    ok(&db, &["journal", "verify"]);
}
