//! `passerelle establishment import|list|show`: the establishments a territory follows, from
//! the INSEE Sirene stock.

use std::path::PathBuf;

use chrono::Utc;
use passerelle_domain::establishment::headcount_label;
use passerelle_domain::i18n::format_count;
use passerelle_storage::establishments;

pub fn import(db: Option<PathBuf>, files: &[PathBuf], dry_run: bool) -> anyhow::Result<()> {
    let mut inputs = Vec::new();
    for file in files {
        inputs.extend(passerelle_import::source::read_path(file)?);
    }
    let (_, mut conn) = crate::open_db(db)?;
    let summary = passerelle_import::sirene::import(&mut conn, &inputs, dry_run, Utc::now())?;
    for n in &summary.notices {
        eprintln!("note : {n}");
    }
    let saved = summary.saved;
    if dry_run {
        println!(
            "Vérification réussie : {} établissements à importer (--dry-run : rien n’a été écrit).",
            format_count(saved.inserted)
        );
    } else {
        println!(
            "{} établissements importés : {} nouveaux, {} mis à jour.",
            format_count(saved.inserted + saved.updated),
            format_count(saved.inserted),
            format_count(saved.updated)
        );
    }
    Ok(())
}

pub fn list(db: Option<PathBuf>, territory: &str, limit: u32, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let (rows, total) = establishments::list(&conn, territory.trim(), limit)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    for e in &rows {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            e.siret,
            if e.name.is_empty() {
                "(sans enseigne)"
            } else {
                &e.name
            },
            e.naf,
            e.commune_name,
            headcount_label(&e.headcount_band).unwrap_or("effectif inconnu")
        );
    }
    println!(
        "{} établissement(s) sur {}.",
        format_count(rows.len() as u64),
        format_count(total)
    );
    Ok(())
}

pub fn show(db: Option<PathBuf>, siret: &str, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let Some(e) = establishments::get(&conn, siret)? else {
        anyhow::bail!(
            "aucun établissement de SIRET « {} » : importez le stock Sirene (`passerelle establishment import`)",
            passerelle_domain::validate::excerpt(siret)
        );
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&e)?);
        return Ok(());
    }
    println!("SIRET : {}", e.siret);
    println!(
        "Enseigne : {}",
        if e.name.is_empty() { "—" } else { &e.name }
    );
    println!("Activité (NAF) : {}", e.naf);
    println!(
        "Effectif : {}",
        headcount_label(&e.headcount_band).unwrap_or("inconnu")
    );
    println!("Commune : {} ({})", e.commune_name, e.commune);
    println!("EPCI : {} ({})", e.epci_name, e.epci);
    println!(
        "Territoire : {}",
        if e.territory.is_empty() {
            "hors des territoires suivis"
        } else {
            &e.territory
        }
    );
    let cases = establishments::cases(&conn, &e.siret)?;
    println!(
        "Dossiers de ses salariés : {}",
        format_count(cases.len() as u64)
    );
    for (id, reference, name, archived) in cases {
        println!(
            "  {:>6}  {reference}  {name}{}",
            id.0,
            if archived { " (archivé)" } else { "" }
        );
    }
    Ok(())
}
