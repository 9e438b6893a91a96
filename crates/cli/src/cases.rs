//! `passerelle case add|list|show` and `passerelle search`.

use std::path::{Path, PathBuf};

use chrono::Utc;
use passerelle_domain::case::{CaseData, CaseId, CasePage, CaseQuery};
use passerelle_domain::i18n::format_count;
use passerelle_storage::{cases, profile};

/// `case add --json FILE|-`: one case file as JSON (the app's CaseData shape).
pub fn add(db: Option<PathBuf>, input: &Path) -> anyhow::Result<()> {
    let data: CaseData =
        crate::json_file(input, "un objet { \"beneficiary\": …, \"situation\": … }")?;
    let (data, warnings) = data.validated(crate::today())?;
    let (_, mut conn) = crate::open_db(db)?;
    for w in warnings {
        eprintln!("attention : {}", w.message);
    }
    let actor = profile::actor(&conn)?;
    let created = cases::create(&mut conn, &actor, &data, Utc::now())?;
    println!(
        "{}\t{}",
        created.reference,
        created.data.beneficiary.display_name()
    );
    Ok(())
}

fn print_page(page: &CasePage, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(page)?);
        return Ok(());
    }
    for s in &page.items {
        println!(
            "{}\t{}\t{}\t{}\t{}{}",
            s.reference,
            s.display_name,
            s.territory,
            s.employer,
            s.job,
            if s.archived { "\t(archivé)" } else { "" }
        );
    }
    eprintln!(
        "{} dossier(s) sur {}",
        page.items.len(),
        format_count(page.total)
    );
    Ok(())
}

pub fn list(db: Option<PathBuf>, query: &CaseQuery, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    print_page(&cases::list(&conn, query)?, json)
}

pub fn show(db: Option<PathBuf>, id: CaseId, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let Some(file) = cases::get(&conn, id)? else {
        anyhow::bail!("Dossier {id} introuvable.")
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&file)?);
        return Ok(());
    }
    let b = &file.data.beneficiary;
    let s = &file.data.situation;
    let p = &file.data.project;
    println!("{} — {}", file.reference, b.display_name());
    println!("Territoire : {}", b.territory);
    println!("Commune : {} {}", b.postal_code, b.commune);
    println!(
        "Employeur : {} (SIRET {})",
        s.employer.name, s.employer.siret
    );
    println!("Poste : {} ({})", s.job_title, s.job_rome);
    println!(
        "Projet : ROME visé {} ; certification {}",
        p.target_rome, p.target_certification
    );
    println!("Conseiller : {}", file.counsellor);
    println!(
        "Créé le {} ; modifié le {}",
        file.created_at, file.updated_at
    );
    if let Some(at) = &file.archived_at {
        println!("Archivé le {at}");
    }
    Ok(())
}
