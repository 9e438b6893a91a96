//! Integration: retention and erasure — a purge removes a case's personal data, keeps the
//! journal verifiable (and says what it redacted), and leaves the counts alone.

use crate::common::{at, case, temp_db};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use passerelle_domain::case::{Consent, DocumentKind, NewInterview};
use passerelle_domain::retention::{PurgeScope as Scope, RetentionKind};
use passerelle_storage::retention;
use passerelle_storage::{cases, integrity, journal, records, status};

const NAME: &str = "Quintanilla";
const NIR: &str = "185025746312353";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Every value of every table, as text (blobs as their bytes, lossily), lowercased.
fn every_value(conn: &passerelle_storage::Connection) -> String {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut all = String::new();
    for table in tables {
        // Virtual tables are read through their shadow tables.
        let Ok(mut stmt) = conn.prepare(&format!("SELECT * FROM \"{table}\"")) else {
            continue;
        };
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                use rusqlite::types::ValueRef;
                match row.get_ref(i).unwrap() {
                    ValueRef::Text(t) | ValueRef::Blob(t) => {
                        all.push_str(&String::from_utf8_lossy(t).to_lowercase());
                    }
                    ValueRef::Integer(n) => all.push_str(&n.to_string()),
                    ValueRef::Real(f) => all.push_str(&f.to_string()),
                    ValueRef::Null => {}
                }
                all.push('\u{1f}');
            }
        }
    }
    all
}

#[test]
fn a_purged_case_keeps_its_counts_and_a_verifiable_journal_but_nothing_of_the_person() {
    let (dir, mut conn) = temp_db();
    let docs = dir.path().join("documents");
    let mut data = case(NAME, "Inès", "metz");
    data.beneficiary.nir = NIR.into();
    data.project.notes = "Mme Quintanilla, RQTH depuis 2019".into();
    data.beneficiary.consents.push(Consent {
        purpose: "CEP".into(),
        given_on: Some(d(2026, 3, 1)),
        withdrawn_on: None,
    });
    let id = cases::create(&mut conn, "Agent", &data, at(1)).unwrap().id;
    let other = cases::create(&mut conn, "Agent", &case("Weber", "Paul", "metz"), at(1))
        .unwrap()
        .id;
    records::add_interview(
        &mut conn,
        "Agent",
        id,
        &NewInterview {
            held_on: Some(d(2026, 3, 2)),
            kind: Some(passerelle_domain::case::InterviewKind::Individuel),
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
        b"CV de Ines Quintanilla",
        d(2026, 3, 2),
        &docs,
        at(2),
    )
    .unwrap();
    // The same file kept for another case stays when this one is purged.
    records::add_document(
        &mut conn,
        "Agent",
        other,
        DocumentKind::Cv,
        "cv.pdf",
        b"CV de Ines Quintanilla",
        d(2026, 3, 2),
        &docs,
        at(2),
    )
    .unwrap();
    cases::set_archived(&mut conn, "Agent", id, true, at(3)).unwrap();

    // Not due yet: listed nowhere; an erasure request is possible (no funding, closed).
    let today = d(2026, 3, 10);
    assert!(retention::list(&conn, today).unwrap().is_empty());
    // Five years later it is due.
    let later = d(2031, 3, 4);
    let due = retention::list(&conn, later).unwrap();
    assert_eq!(due.len(), 2, "{due:?}");
    let item = due.iter().find(|i| i.case_id == id).unwrap();
    assert_eq!(item.kind, RetentionKind::Case);
    assert!(item.name.contains("QUINTANILLA"));

    let counts = (
        status::count_active_case_files(&conn).unwrap(),
        status::count_archived_case_files(&conn).unwrap(),
    );
    let empty = retention::purge(
        &mut conn,
        "Agent",
        id,
        Scope::Case,
        " ",
        &docs,
        later,
        Utc::now(),
    );
    assert!(empty.unwrap_err().to_string().contains("Motif"));
    let report = retention::purge(
        &mut conn,
        "DPO",
        id,
        Scope::Case,
        "durée de conservation écoulée",
        &docs,
        later,
        Utc.with_ymd_and_hms(2031, 3, 4, 9, 0, 0).unwrap() + Duration::zero(),
    )
    .unwrap();
    assert_eq!(
        (report.interviews, report.documents, report.files),
        (1, 1, 0)
    );
    assert!(report.entries_redacted >= 4, "{report:?}");

    // Counts unchanged; the journal verifies and says what it redacted.
    assert_eq!(
        counts,
        (
            status::count_active_case_files(&conn).unwrap(),
            status::count_archived_case_files(&conn).unwrap()
        )
    );
    assert!(integrity::verify(&conn).unwrap().is_ok());
    assert!(integrity::verify_files(&conn, &docs).unwrap().is_ok());
    let (redacted, when) = journal::redactions(&conn).unwrap();
    assert_eq!(redacted, report.entries_redacted);
    assert!(when.unwrap().starts_with("2031-03-04"));
    let history = cases::history(&conn, id).unwrap();
    assert!(
        history
            .iter()
            .any(|e| e.changes.iter().any(|c| c.field == "purge"))
    );
    assert!(
        history
            .iter()
            .any(|e| e.changes.iter().any(|c| c.field == "redacted"))
    );

    // Nothing of the person in any column of any table (the search index's shadow tables
    // included: its words are stored folded, hence the lowercase, accentless needles).
    let before = every_value(&conn);
    assert!(before.contains("weber"), "the dump reads the other case");
    for needle in ["quintanilla", NIR, "rqth", "ines"] {
        assert!(
            !before.contains(needle),
            "the database still holds « {needle} »"
        );
    }
    // Nor in the files (WAL emptied by the purge's checkpoint).
    let wal = dir.path().join("test.sqlite3-wal");
    assert!(
        std::fs::metadata(&wal).map_or(0, |m| m.len()) == 0,
        "WAL emptied"
    );
    // Never edited nor reopened again.
    let purged = cases::get(&conn, id).unwrap().unwrap();
    assert!(purged.purged_at.is_some());
    let mut edit = purged.data;
    edit.beneficiary.birth_name = "Autre".into();
    assert!(cases::update(&mut conn, "Agent", id, &edit, Utc::now()).is_err());
    assert!(cases::set_archived(&mut conn, "Agent", id, false, Utc::now()).is_err());
    // The purged case stays out of searches, and a second purge is refused.
    assert!(
        retention::purge(
            &mut conn,
            "DPO",
            id,
            Scope::Case,
            "encore",
            &docs,
            later,
            Utc::now()
        )
        .is_err()
    );
}

#[test]
fn an_erasure_request_is_refused_while_the_accompaniment_runs() {
    let (dir, mut conn) = temp_db();
    let id = cases::create(&mut conn, "Agent", &case(NAME, "Inès", "metz"), at(1))
        .unwrap()
        .id;
    let err = retention::purge(
        &mut conn,
        "Agent",
        id,
        Scope::Case,
        "demande d’effacement du 12 mars 2026",
        &dir.path().join("documents"),
        d(2026, 3, 12),
        Utc::now(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("Accompagnement en cours"), "{err}");
    assert_eq!(
        cases::get(&conn, id)
            .unwrap()
            .unwrap()
            .data
            .beneficiary
            .birth_name,
        NAME
    );
}

#[test]
fn files_left_by_a_failed_write_are_swept_once_old() {
    let (dir, mut conn) = temp_db();
    let docs = dir.path().join("documents");
    let id = cases::create(&mut conn, "Agent", &case("Weber", "Paul", "metz"), at(1))
        .unwrap()
        .id;
    records::add_document(
        &mut conn,
        "Agent",
        id,
        DocumentKind::Cv,
        "cv.pdf",
        b"CV de Paul Weber",
        d(2026, 3, 2),
        &docs,
        at(2),
    )
    .unwrap();
    // What a failed transaction leaves: a sealed file no row names.
    let orphan = docs.join("a".repeat(64));
    let recent = docs.join("b".repeat(64));
    std::fs::write(&orphan, b"x").unwrap();
    std::fs::write(&recent, b"x").unwrap();
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&orphan)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    assert_eq!(retention::sweep_orphan_files(&conn, &docs).unwrap(), 1);
    assert!(!orphan.exists());
    assert!(
        recent.exists(),
        "a file being written by another process stays"
    );
    assert!(
        integrity::verify_files(&conn, &docs).unwrap().is_ok(),
        "the kept one stays"
    );
}
