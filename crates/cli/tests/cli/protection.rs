//! Integration: protection at rest from the command line — a new protected database, a wrong
//! passphrase, the recovery key, the migration of a database from before encryption (also
//! killed halfway), and backups restored elsewhere.

use crate::common;

use crate::common::{ok, run, text};

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The recovery key printed on stderr (8 groups of 4).
fn recovery_key_in(stderr: &str) -> String {
    stderr
        .lines()
        .map(str::trim)
        .find(|l| l.len() == 39 && l.matches('-').count() == 7)
        .unwrap_or_else(|| panic!("no recovery key in {stderr}"))
        .to_owned()
}

fn sha256(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(std::fs::read(path).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn init_then_a_wrong_passphrase_then_the_recovery_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    let out = run(&db, &["init"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let recovery = recovery_key_in(&text(&out.stderr));
    assert!(db.exists());
    assert!(passerelle_storage::keys::key_file_path(&db).exists());
    // Twice: refused, nothing touched.
    let again = run(&db, &["init"]);
    assert!(!again.status.success());
    assert!(text(&again.stderr).contains("déjà protégée"));

    // A wrong passphrase: French message, exit 1, the files unchanged.
    let wrong = dir.path().join("mauvaise");
    std::fs::write(&wrong, "une phrase de passe qui n’est pas la bonne\n").unwrap();
    let before = (
        sha256(&db),
        sha256(&passerelle_storage::keys::key_file_path(&db)),
    );
    let out = common::cli()
        .env("PASSERELLE_PASSPHRASE_FILE", &wrong)
        .arg("--db")
        .arg(&db)
        .arg("info")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Phrase de passe incorrecte"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        before,
        (
            sha256(&db),
            sha256(&passerelle_storage::keys::key_file_path(&db))
        )
    );

    // The recovery key sets a new passphrase: the new one works, the old one no longer does.
    let recovery_file = dir.path().join("secours");
    std::fs::write(&recovery_file, &recovery).unwrap();
    let new = dir.path().join("nouvelle");
    std::fs::write(&new, "une toute nouvelle phrase pour la base de Metz\n").unwrap();
    let out = common::cli()
        .env("PASSERELLE_PASSPHRASE_FILE", &new)
        .env("PASSERELLE_RECOVERY_FILE", &recovery_file)
        .arg("--db")
        .arg(&db)
        .args(["unlock", "--recovery"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let info = common::cli()
        .env("PASSERELLE_PASSPHRASE_FILE", &new)
        .arg("--db")
        .arg(&db)
        .arg("info")
        .output()
        .unwrap();
    assert!(info.status.success(), "{}", text(&info.stderr));
    assert!(
        !run(&db, &["info"]).status.success(),
        "the old passphrase still works"
    );
}

/// A database as the version before encryption left it: plain file, SHA-256 journal,
/// documents in clear; 300 demo cases.
fn legacy_database(dir: &Path) -> PathBuf {
    let db = dir.join("passerelle.sqlite3");
    let documents = passerelle_storage::files::documents_dir(&db);
    let conn = passerelle_storage::protect::legacy_database_for_tests(&db, |conn| {
        let today = chrono::Local::now().date_naive();
        passerelle_demo::seed(conn, &documents, 300, 2026, today).map(drop)
    })
    .unwrap();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    db
}

/// Cases, documents and journal entries of a protected database (through the app's own
/// opening), and whether `journal verify` passes.
fn contents(db: &Path) -> (i64, i64, i64) {
    let conn = common::open(db);
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (
        count("SELECT count(*) FROM case_file"),
        count("SELECT count(*) FROM document"),
        count("SELECT count(*) FROM journal"),
    )
}

fn legacy_contents(db: &Path) -> (i64, i64, i64) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap();
    (
        count("SELECT count(*) FROM case_file"),
        count("SELECT count(*) FROM document"),
        count("SELECT count(*) FROM journal"),
    )
}

#[test]
fn a_plain_database_of_300_cases_is_encrypted_in_place_losing_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = legacy_database(dir.path());
    let before = legacy_contents(&db);
    assert_eq!(before.0, 300);
    assert!(passerelle_storage::is_plain_database(&db));
    // Not opened as it is: it must be protected first.
    let refused = run(&db, &["info"]);
    assert!(
        text(&refused.stderr).contains("pas encore chiffrée"),
        "{}",
        text(&refused.stderr)
    );

    let started = std::time::Instant::now();
    let out = run(&db, &["init"]);
    eprintln!("init of 300 plain cases: {:?}", started.elapsed());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Base chiffrée"));
    recovery_key_in(&text(&out.stderr));
    assert!(!passerelle_storage::is_plain_database(&db));
    assert_eq!(
        contents(&db),
        before,
        "every case, document and journal entry"
    );
    let verify = ok(&db, &["journal", "verify"]);
    assert!(verify.contains("Journal intègre"), "{verify}");
    // No plain copy left, no plaintext in any file.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("en-clair") || n.contains("chiffrement")),
        "{names:?}"
    );
    let conn = common::open(&db);
    let surname: String = conn
        .query_row(
            "SELECT json_extract(data, '$.beneficiary.birthName') FROM case_file WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    for entry in walk(dir.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(
            !bytes
                .windows(surname.len())
                .any(|w| w == surname.as_bytes()),
            "{} holds « {surname} » in clear",
            entry.display()
        );
        assert!(
            !bytes
                .windows(24)
                .any(|w| w == b"Document de d\xc3\xa9monstrat"),
            "{} holds a document in clear",
            entry.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

#[test]
fn an_encryption_killed_at_any_point_loses_nothing_when_taken_up_again() {
    let original = tempfile::tempdir().unwrap();
    let db = legacy_database(original.path());
    let before = legacy_contents(&db);
    // Kill `passerelle init` after increasing delays: before it starts, while it exports,
    // while it seals the documents, around the swap.
    for delay_ms in [5u64, 60, 150, 300, 600, 1_000, 1_600] {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(original.path(), dir.path());
        let db = dir.path().join("passerelle.sqlite3");
        let mut child = common::cli()
            .arg("--db")
            .arg(&db)
            .arg("init")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        let _ = child.wait();
        eprintln!("killed after {delay_ms} ms (already finished: {finished})");
        // Take it up again the way a user would: any command (it finishes an encryption that
        // was under way), or `init` when nothing had started.
        let info = run(&db, &["info"]);
        if !info.status.success() {
            assert!(
                text(&info.stderr).contains("pas encore chiffrée"),
                "after {delay_ms} ms: {}",
                text(&info.stderr)
            );
            ok(&db, &["init"]);
        }
        assert_eq!(contents(&db), before, "after {delay_ms} ms");
        let verify = ok(&db, &["journal", "verify"]);
        assert!(
            verify.contains("Journal intègre"),
            "after {delay_ms} ms: {verify}"
        );
        assert!(!passerelle_storage::is_plain_database(&db));
    }
}

#[test]
fn a_backup_restores_elsewhere_identically_and_a_damaged_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    ok(&db, &["demo", "--cases", "40"]);
    let archive = dir.path().join("sauvegarde.zip");
    let out = ok(&db, &["backup", "create", "-o", archive.to_str().unwrap()]);
    assert!(out.contains("Sauvegarde écrite"), "{out}");
    let verify = ok(&db, &["backup", "verify", archive.to_str().unwrap()]);
    assert!(verify.contains("Sauvegarde intègre"), "{verify}");

    let other = tempfile::tempdir().unwrap();
    let restored = other.path().join("restauree.sqlite3");
    let out = ok(&restored, &["backup", "restore", archive.to_str().unwrap()]);
    assert!(out.contains("restaurée"), "{out}");
    let journal_lines = |db: &Path| -> String {
        ok(db, &["journal", "verify"])
            .lines()
            .next()
            .unwrap()
            .to_owned()
    };
    assert_eq!(journal_lines(&db), journal_lines(&restored));
    assert_eq!(contents(&db), contents(&restored));
    let info = ok(&db, &["info"]);
    assert!(info.contains("Dernière sauvegarde : 20"), "{info}");

    // One byte changed in the middle, or the end cut: refused.
    let mut bytes = std::fs::read(&archive).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    let altered = dir.path().join("alteree.zip");
    std::fs::write(&altered, &bytes).unwrap();
    let out = run(&db, &["backup", "verify", altered.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("Fichier de sauvegarde") && text(&out.stderr).contains("refusé"),
        "{}",
        text(&out.stderr)
    );
    let cut = dir.path().join("tronquee.zip");
    std::fs::write(&cut, &std::fs::read(&archive).unwrap()[..middle]).unwrap();
    assert!(
        !run(&db, &["backup", "verify", cut.to_str().unwrap()])
            .status
            .success()
    );
}

#[test]
fn the_journal_head_detects_a_cut_journal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.sqlite3");
    ok(&db, &["demo", "--cases", "5"]);
    let out = ok(&db, &["journal", "verify"]);
    let head = out
        .lines()
        .find_map(|l| l.strip_prefix("Tête du journal : n° "))
        .unwrap();
    let (id, rest) = head.split_once(" · ").unwrap();
    let hash = &rest[..16];
    let anchor = format!("{id}:{hash}");
    ok(&db, &["journal", "verify", "--anchor", &anchor]);
    // The last entries deleted with the rows they described: the chain alone still verifies,
    // the anchor does not.
    {
        let conn = common::open(&db);
        conn.execute_batch(
            "DROP TRIGGER journal_no_delete;
             DELETE FROM journal WHERE id > (SELECT max(id) - 1 FROM journal);",
        )
        .unwrap();
    }
    let out = run(&db, &["journal", "verify", "--anchor", &anchor]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("tronqué"),
        "{}",
        text(&out.stderr)
    );
}
