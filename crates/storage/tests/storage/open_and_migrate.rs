//! Integration: the storage layer on a real database file.

use crate::common;

use passerelle_domain::profile::CounsellorProfile;
use passerelle_storage::{cases, migrations, open, profile, status};

#[test]
fn a_new_file_is_created_and_migrated_to_the_latest_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passerelle.sqlite3");
    let conn = open(&path, &common::key()).unwrap();
    assert!(path.exists());
    assert_eq!(
        migrations::schema_version(&conn).unwrap(),
        migrations::LATEST_VERSION
    );
    assert_eq!(status::count_active_case_files(&conn).unwrap(), 0);
}

#[test]
fn data_survives_closing_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    {
        let mut conn = open(&path, &common::key()).unwrap();
        let p = CounsellorProfile {
            display_name: "Françoise Dupré".into(),
            structure: "CIBC 54".into(),
        };
        profile::save(&mut conn, &p).unwrap();
        cases::create(
            &mut conn,
            "F. Dupré",
            &common::case("Muller", "Agnès", "metz"),
            common::at(1),
        )
        .unwrap();
        let archived = cases::create(
            &mut conn,
            "F. Dupré",
            &common::case("Klein", "Paul", "metz"),
            common::at(2),
        )
        .unwrap();
        cases::set_archived(&mut conn, "F. Dupré", archived.id, true, common::at(3)).unwrap();
    }
    let conn = open(&path, &common::key()).unwrap();
    assert_eq!(status::count_active_case_files(&conn).unwrap(), 1);
    assert_eq!(status::count_archived_case_files(&conn).unwrap(), 1);
    assert_eq!(
        profile::get(&conn).unwrap().unwrap().display_name,
        "Françoise Dupré"
    );
}

#[test]
fn reopening_an_up_to_date_database_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    drop(open(&path, &common::key()).unwrap());
    let conn = open(&path, &common::key()).unwrap();
    assert_eq!(
        migrations::schema_version(&conn).unwrap(),
        migrations::LATEST_VERSION
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.sqlite3");
    {
        let conn = open(&path, &common::key()).unwrap();
        conn.pragma_update(None, "user_version", migrations::LATEST_VERSION + 1)
            .unwrap();
    }
    let err = open(&path, &common::key()).unwrap_err();
    assert!(
        err.to_string()
            .contains("version plus récente de Passerelle"),
        "{err}"
    );
}

#[test]
fn the_schema_rejects_a_blank_profile_even_if_validation_is_skipped() {
    let (_dir, mut conn) = common::temp_db();
    let blank = CounsellorProfile {
        display_name: "  ".into(),
        structure: "CIBC".into(),
    };
    assert!(profile::save(&mut conn, &blank).is_err());
    assert!(profile::get(&conn).unwrap().is_none());
}
