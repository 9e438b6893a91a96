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

/// `establishment add --json FILE|-`: an establishment entered by hand (or corrected), with
/// its IDCC, OPCO, notes and contacts.
pub fn add(db: Option<PathBuf>, input: &std::path::Path) -> anyhow::Result<()> {
    let e: passerelle_domain::establishment::EstablishmentInput = crate::json_file(
        input,
        "un objet { \"siret\": …, \"name\": …, \"naf\": …, \"commune\": …, \"contacts\": […] }",
    )?;
    let (_, mut conn) = crate::open_db(db)?;
    let saved = establishments::save_manual(&mut conn, &e, crate::today(), Utc::now())?;
    let e = &saved.establishment;
    println!(
        "{}\t{}\t{}\t{}",
        e.siret,
        e.name,
        e.commune_name,
        if e.territory.is_empty() {
            "hors des territoires suivis"
        } else {
            &e.territory
        }
    );
    Ok(())
}

pub fn list(
    db: Option<PathBuf>,
    territory: &str,
    epci: &str,
    query: &str,
    limit: u32,
    json: bool,
) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let (rows, total) = establishments::list(&conn, territory.trim(), epci.trim(), query, limit)?;
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
    let Some(detail) = establishments::detail(&conn, siret)? else {
        anyhow::bail!(
            "aucun établissement de SIRET « {} » : importez le stock Sirene (`passerelle establishment import`) ou saisissez-le (`passerelle establishment add`)",
            passerelle_domain::validate::excerpt(siret)
        );
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&detail)?);
        return Ok(());
    }
    let e = &detail.establishment;
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
    if !e.idcc.is_empty() {
        println!("IDCC : {}", e.idcc);
    }
    if !e.opco.is_empty() {
        println!("OPCO : {}", e.opco);
    }
    println!(
        "Territoire : {}",
        if e.territory.is_empty() {
            "hors des territoires suivis"
        } else {
            &e.territory
        }
    );
    for c in &detail.contacts {
        println!("Contact : {} ({}) {} {}", c.name, c.role, c.email, c.phone);
    }
    println!(
        "Dossiers de ses salariés : {}",
        format_count(detail.cases.len() as u64)
    );
    for c in &detail.cases {
        println!(
            "  {:>6}  {}  {}{}",
            c.id.0,
            c.reference,
            c.name,
            if c.archived { " (archivé)" } else { "" }
        );
    }
    for d in &detail.diagnostics {
        println!(
            "Diagnostic n°{} du {} ({}) : {} exposés sur {} métier(s)",
            d.id,
            passerelle_domain::i18n::format_date(d.date),
            d.author,
            d.at_risk(),
            d.lines.len()
        );
    }
    let open: u32 = detail
        .needs
        .iter()
        .filter(|n| n.status == passerelle_domain::need::NeedStatus::Ouvert)
        .map(|n| n.posts)
        .sum();
    println!("Postes à pourvoir : {open}");
    Ok(())
}
