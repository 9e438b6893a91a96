//! Integration: the `passerelle` binary on a temporary database.

use crate::common;

use std::process::Command;

fn passerelle() -> Command {
    let mut cmd = common::cli();
    cmd.env_remove(passerelle_domain::DATABASE_ENV_VAR);
    cmd
}

#[test]
fn info_json_reports_the_database_it_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    let out = passerelle()
        .args(["info", "--json", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["databasePath"], db.display().to_string());
    assert_eq!(
        info["schemaVersion"],
        passerelle_storage::migrations::LATEST_VERSION
    );
    assert_eq!(info["caseCount"], 0);
    assert!(db.exists());
}

#[test]
fn the_environment_variable_chooses_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite3");
    let out = passerelle()
        .env(passerelle_domain::DATABASE_ENV_VAR, &db)
        .arg("info")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!("Base de données : {}", db.display())),
        "{text}"
    );
    assert!(text.contains("Dossiers actifs : 0"));
}

#[test]
fn the_default_database_is_the_desktop_apps() {
    let data = tempfile::tempdir().unwrap();
    let out = passerelle()
        .env("XDG_DATA_HOME", data.path())
        .args(["info", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let expected = data
        .path()
        .join("fr.passerelle.desktop")
        .join("passerelle.sqlite3");
    assert_eq!(info["databasePath"], expected.display().to_string());
}

#[test]
fn an_unusable_database_fails_with_a_message_and_a_non_zero_exit() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_db = dir.path().join("notes.txt");
    std::fs::write(
        &not_a_db,
        "ceci n’est pas une base SQLite, mais un texte assez long",
    )
    .unwrap();
    let out = passerelle()
        .args(["info", "--db"])
        .arg(&not_a_db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("passerelle : base de données «")
            && err.contains("n’est pas une base Passerelle"),
        "{err}"
    );
}
