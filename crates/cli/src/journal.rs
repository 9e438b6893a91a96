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

/// Reads an anchor « N:EMPREINTE » (the hash may be cut: its first 16 characters suffice).
fn parse_anchor(text: &str) -> anyhow::Result<(i64, String)> {
    let (id, hash) = text
        .trim()
        .trim_start_matches("n°")
        .split_once([':', ' '])
        .ok_or_else(|| {
            anyhow::anyhow!("--anchor : écrivez N:EMPREINTE (ex. 1234:3f9a0c21d4e5b6a7)")
        })?;
    let id: i64 = id.trim().parse().map_err(|_| {
        anyhow::anyhow!("--anchor : « {} » n’est pas un numéro d’entrée", id.trim())
    })?;
    let hash = hash
        .trim()
        .trim_start_matches('·')
        .trim()
        .to_ascii_lowercase();
    if hash.len() < 16 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        anyhow::bail!("--anchor : l’empreinte doit compter au moins 16 chiffres hexadécimaux");
    }
    Ok((id, hash))
}

pub fn verify(db: Option<PathBuf>, anchor: Option<&str>) -> anyhow::Result<()> {
    let anchor = anchor.map(parse_anchor).transpose()?;
    let (path, conn) = crate::open_db(db)?;
    if let Some((id, hash)) = &anchor {
        match integrity::verify_anchor(&conn, *id, hash)? {
            Ok(()) => {}
            Err(broken) => {
                report(&broken);
                return Err(crate::Reported.into());
            }
        }
    }
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
                "Journal intègre : {entries} entrées vérifiées, chaque ligne conforme à sa dernière entrée, l’historique des étapes conforme ; {files} fichiers de documents intacts."
            );
            if let (count @ 1.., Some(last)) = passerelle_storage::journal::redactions(&conn)? {
                let day = passerelle_domain::i18n::format_stamp_date(&last);
                println!(
                    "{count} entrée{s} expurgée{s} le {day} : valeurs effacées, empreintes conservées, la chaîne reste vérifiable.",
                    s = if count > 1 { "s" } else { "" }
                );
            }
            if let Some((id, hash)) = passerelle_storage::journal::head(&conn)? {
                println!(
                    "Tête du journal : n° {id} · {} (relevez-la : elle permet de détecter une troncature)",
                    &hash[..16]
                );
            }
            if let Some((id, _)) = anchor {
                println!("Repère n° {id} retrouvé à l’identique.");
            }
            Ok(())
        }
        Err(broken) => {
            report(&broken);
            Err(crate::Reported.into())
        }
    }
}
