//! Integration: protection at rest on real files — no plaintext on disk, an authenticated and
//! append-only journal, backups that verify and restore.

use std::path::Path;

use crate::common::{at, case};
use chrono::NaiveDate;
use passerelle_domain::case::DocumentKind;
use passerelle_domain::parcours::Step;
use passerelle_storage::keys::{self, KdfParams};
use passerelle_storage::{Secret, backup, cases, integrity, journal, parcours, protect, records};

const PASS: &str = "le merle chante sur le toit de Sarrebourg";
const NAME: &str = "Quintanilla";
const NIR: &str = "185025746312353";
const NOTE: &str = "reconversion confidentielle après inaptitude";
const DOCUMENT: &[u8] = b"Attestation RQTH de Mme Quintanilla";

/// A protected database holding one identifiable case, with a document, past a few steps.
fn protected_case(dir: &Path) -> (std::path::PathBuf, passerelle_storage::Connection) {
    let db = dir.join("passerelle.sqlite3");
    let (mut conn, _) = protect::open_or_create(&db, PASS, KdfParams::TEST).unwrap();
    let mut data = case(NAME, "Inès", "metz");
    data.beneficiary.nir = NIR.into();
    data.project.notes = NOTE.into();
    data.beneficiary
        .consents
        .push(passerelle_domain::case::Consent {
            purpose: "CEP".into(),
            given_on: NaiveDate::from_ymd_opt(2026, 3, 1),
            withdrawn_on: None,
        });
    let id = cases::create(&mut conn, "Agent", &data, at(1)).unwrap().id;
    records::add_document(
        &mut conn,
        "Agent",
        id,
        DocumentKind::Cv,
        "rqth.pdf",
        DOCUMENT,
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        &passerelle_storage::files::documents_dir(&db),
        at(2),
    )
    .unwrap();
    parcours::advance(
        &mut conn,
        "Agent",
        id,
        Step::Accompagnement,
        "",
        NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
        at(3),
    )
    .unwrap();
    (db, conn)
}

/// Every file under `dir`, with its bytes.
fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn the_database_its_wal_documents_and_backups_hold_no_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let (db, conn) = protected_case(dir.path());
    // While the connection is open the WAL holds the latest pages: checked too.
    let archive = dir.path().join("sauvegardes/passerelle.zip");
    std::fs::create_dir_all(archive.parent().unwrap()).unwrap();
    let key = keys::unlock(&db, Secret::Passphrase(PASS)).unwrap();
    backup::create(&conn, &db, &key, &archive).unwrap();
    let all = files_under(dir.path());
    assert!(
        all.iter().any(|(p, _)| p.ends_with("-wal")),
        "the WAL is checked"
    );
    assert!(all.iter().any(|(p, _)| p.contains("/documents/")));
    for (path, bytes) in &all {
        for needle in [
            NAME.as_bytes(),
            NIR.as_bytes(),
            NOTE.as_bytes(),
            b"Attestation RQTH",
        ] {
            assert!(
                !contains(bytes, needle),
                "{path} holds « {} » in clear",
                String::from_utf8_lossy(needle)
            );
        }
    }
}

#[test]
fn a_forged_chain_a_cut_journal_and_an_edited_step_are_detected() {
    let dir = tempfile::tempdir().unwrap();
    let (db, conn) = protected_case(dir.path());
    assert!(integrity::verify(&conn).unwrap().is_ok());
    let (head_id, head_hash) = journal::head(&conn).unwrap().unwrap();

    // The journal is append-only.
    let err = conn
        .execute("UPDATE journal SET actor = 'Quelqu’un' WHERE id = 1", [])
        .unwrap_err();
    assert!(
        err.to_string().contains("le journal ne se modifie pas"),
        "{err}"
    );
    assert!(
        conn.execute("DELETE FROM journal WHERE id = 1", [])
            .is_err()
    );

    // Someone with write access rewrites a case and recomputes the whole chain the way an
    // unkeyed chain would be (SHA-256): the first forged entry is named.
    drop(conn);
    {
        let conn =
            passerelle_storage::open(&db, &keys::unlock(&db, Secret::Passphrase(PASS)).unwrap())
                .unwrap();
        conn.execute_batch("DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;")
            .unwrap();
        conn.execute(
            "UPDATE journal SET changes = replace(changes, 'Agent', 'Autre') WHERE id = 1",
            [],
        )
        .unwrap();
        // Recompute every hash with plain SHA-256 (what a forger without the key can do).
        type Stored = (i64, String, String, String, i64, String, String, String);
        let rows: Vec<Stored> = conn
            .prepare("SELECT id, at, actor, entity, entity_id, action, changes, row_hash FROM journal ORDER BY id")
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut prev = "0".repeat(64);
        for (id, at, actor, entity, entity_id, action, changes, row_hash) in rows {
            use sha2::{Digest, Sha256};
            let mut h = Sha256::new();
            for part in [
                &prev,
                &at,
                &actor,
                &entity,
                &entity_id.to_string(),
                &action,
                &changes,
                &row_hash,
            ] {
                h.update(part.as_bytes());
                h.update([0x1f]);
            }
            let hash: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
            conn.execute(
                "UPDATE journal SET prev_hash = ?1, hash = ?2 WHERE id = ?3",
                rusqlite::params![prev, hash, id],
            )
            .unwrap();
            prev = hash;
        }
        let broken = integrity::verify(&conn).unwrap().unwrap_err();
        assert_eq!(broken.entry_id, 1, "{broken:?}");
        assert!(broken.reason.contains("modifié"), "{broken:?}");
    }

    // A journal cut at its end, with the rows it described: the chain still holds, the
    // anchor copied earlier (a committee PDF's footer) does not.
    let dir = tempfile::tempdir().unwrap();
    let (db, conn) = protected_case(dir.path());
    let (head_id2, head_hash2) = journal::head(&conn).unwrap().unwrap();
    assert!(
        integrity::verify_anchor(&conn, head_id2, &head_hash2[..16])
            .unwrap()
            .is_ok()
    );
    drop(conn);
    let conn = passerelle_storage::open(&db, &keys::unlock(&db, Secret::Passphrase(PASS)).unwrap())
        .unwrap();
    conn.execute_batch(
        "DROP TRIGGER journal_no_delete;
         DELETE FROM journal WHERE id = (SELECT max(id) FROM journal);
         DELETE FROM parcours_transition;
         UPDATE case_file SET status = 'ACCUEIL';",
    )
    .unwrap();
    let cut = integrity::verify_anchor(&conn, head_id2, &head_hash2[..16])
        .unwrap()
        .unwrap_err();
    assert!(cut.reason.contains("tronqué"), "{cut:?}");
    let _ = (head_id, head_hash);

    // An edited step in the parcours log (what committees see as the timeline) is named.
    let dir = tempfile::tempdir().unwrap();
    let (_, conn) = protected_case(dir.path());
    conn.execute(
        "UPDATE parcours_transition SET at = '2020-01-01T00:00:00Z'",
        [],
    )
    .unwrap();
    let broken = integrity::verify(&conn).unwrap().unwrap_err();
    assert_eq!(broken.entity, "parcours_transition");
    assert!(
        broken.reason.contains("historique des étapes"),
        "{broken:?}"
    );
}

#[test]
fn a_backup_restores_identically_elsewhere_and_a_damaged_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (db, conn) = protected_case(dir.path());
    let key = keys::unlock(&db, Secret::Passphrase(PASS)).unwrap();
    let archive = dir.path().join("passerelle-sauvegarde.zip");
    let written = backup::create(&conn, &db, &key, &archive).unwrap();
    let before = integrity::verify(&conn).unwrap().unwrap();
    assert_eq!(written.cases, 1);
    assert_eq!(written.documents, 1);

    // Verified without restoring; a wrong passphrase is refused in French.
    let checked = backup::verify(&archive, Secret::Passphrase(PASS)).unwrap();
    assert_eq!(checked.journal_entries, written.journal_entries);
    let wrong = backup::verify(
        &archive,
        Secret::Passphrase("une autre phrase bien trop fausse"),
    )
    .unwrap_err();
    assert!(
        wrong.to_string().contains("Phrase de passe incorrecte"),
        "{wrong}"
    );

    // Restored into another data directory: same journal verification, same cases, and the
    // document opens.
    let other = tempfile::tempdir().unwrap();
    let restored_db = other
        .path()
        .join("fr.passerelle.desktop/passerelle.sqlite3");
    let (summary, _) = backup::restore(&archive, Secret::Passphrase(PASS), &restored_db).unwrap();
    assert_eq!(summary.cases, 1);
    let (restored, _) = protect::open_protected(&restored_db, Secret::Passphrase(PASS)).unwrap();
    assert_eq!(integrity::verify(&restored).unwrap().unwrap(), before);
    assert_eq!(
        integrity::verify_files(
            &restored,
            &passerelle_storage::files::documents_dir(&restored_db)
        )
        .unwrap()
        .unwrap(),
        1
    );
    assert_eq!(
        passerelle_storage::status::count_active_case_files(&restored).unwrap(),
        passerelle_storage::status::count_active_case_files(&conn).unwrap()
    );

    // Truncated, or one byte changed: refused, nothing restored.
    let bytes = std::fs::read(&archive).unwrap();
    let truncated = dir.path().join("tronquee.zip");
    std::fs::write(&truncated, &bytes[..bytes.len() * 2 / 3]).unwrap();
    assert!(backup::verify(&truncated, Secret::Passphrase(PASS)).is_err());
    let altered = dir.path().join("alteree.zip");
    let mut changed = bytes;
    // A byte inside the database copy (the first entry's data, past its local header).
    changed[4096] ^= 0x40;
    std::fs::write(&altered, &changed).unwrap();
    // Depending on where the byte falls, the archive's own CRC or the manifest catches it.
    let err = backup::verify(&altered, Secret::Passphrase(PASS)).unwrap_err();
    assert!(
        ["ne correspond pas au manifeste", "altér", "illisible"]
            .iter()
            .any(|why| err.to_string().contains(why)),
        "{err}"
    );
    let third = tempfile::tempdir().unwrap();
    let target = third.path().join("passerelle.sqlite3");
    assert!(backup::restore(&altered, Secret::Passphrase(PASS), &target).is_err());
    assert!(!target.exists(), "nothing restored from a damaged archive");
}

#[test]
fn rotation_keeps_the_newest_backups() {
    let dir = tempfile::tempdir().unwrap();
    for day in 1..=5 {
        std::fs::write(
            dir.path()
                .join(format!("passerelle-sauvegarde-2026-03-0{day}-090000.zip")),
            b"x",
        )
        .unwrap();
    }
    std::fs::write(dir.path().join("autre.zip"), b"x").unwrap();
    assert_eq!(backup::rotate(dir.path(), 3).unwrap(), 2);
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "autre.zip",
            "passerelle-sauvegarde-2026-03-03-090000.zip",
            "passerelle-sauvegarde-2026-03-04-090000.zip",
            "passerelle-sauvegarde-2026-03-05-090000.zip"
        ]
    );
}
