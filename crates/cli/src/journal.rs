//! `passerelle journal verify`.

use std::path::PathBuf;

use passerelle_storage::journal;

pub fn verify(db: Option<PathBuf>) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    match journal::verify(&conn)? {
        Ok(count) => {
            println!(
                "Journal intègre : {count} entrées vérifiées, chaque ligne conforme à sa dernière entrée."
            );
            Ok(())
        }
        Err(broken) => {
            let row = match broken.entity.as_str() {
                "case_file" => format!("dossier {}", broken.entity_id),
                "counsellor_profile" => "profil du conseiller".to_owned(),
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
            Err(crate::Reported.into())
        }
    }
}
