//! `passerelle journal verify`: the hash chain, every journaled row, and every kept file.

use std::path::PathBuf;

use passerelle_storage::integrity;

fn report(broken: &passerelle_storage::journal::Broken) {
    let row = match broken.entity.as_str() {
        "case_file" => format!("dossier {}", broken.entity_id),
        "counsellor_profile" => "profil du conseiller".to_owned(),
        "document" => format!("document {}", broken.entity_id),
        other => format!("{other} {}", broken.entity_id),
    };
    if broken.entry_id == 0 {
        eprintln!("Journal rompu : {row} : {}.", broken.reason);
    } else {
        eprintln!(
            "Journal rompu à l’entrée n° {} ({row}) : {}.",
            broken.entry_id, broken.reason
        );
    }
}

pub fn verify(db: Option<PathBuf>) -> anyhow::Result<()> {
    let (path, conn) = crate::open_db(db)?;
    let entries = match integrity::verify(&conn)? {
        Ok(count) => count,
        Err(broken) => {
            report(&broken);
            return Err(crate::Reported.into());
        }
    };
    let documents_dir = passerelle_storage::files::documents_dir(&path);
    match integrity::verify_files(&conn, &documents_dir)? {
        Ok(files) => {
            println!(
                "Journal intègre : {entries} entrées vérifiées, chaque ligne conforme à sa dernière entrée ; {files} fichiers de documents intacts."
            );
            Ok(())
        }
        Err(broken) => {
            report(&broken);
            Err(crate::Reported.into())
        }
    }
}
