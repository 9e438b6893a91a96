//! `passerelle need add|import|list`: hiring needs of the establishments (the census).

use std::path::{Path, PathBuf};

use chrono::Utc;
use passerelle_domain::i18n::{format_count, format_date};
use passerelle_domain::ipc::NeedListArgs;
use passerelle_domain::need::HiringNeed;
use passerelle_storage::needs;

/// `need add --json FILE|-`: one need (the app's shape).
pub fn add(db: Option<PathBuf>, input: &Path) -> anyhow::Result<()> {
    let n: HiringNeed = crate::json_file(
        input,
        "un objet { \"siret\": …, \"rome\": …, \"posts\": …, \"contract\": …, \"status\": …, \"source\": … }",
    )?;
    let (_, mut conn) = crate::open_db(db)?;
    let saved = needs::save(&mut conn, n, crate::today(), Utc::now())?;
    println!(
        "Besoin n°{} enregistré : {} × {} ({}).",
        saved.id,
        saved.posts,
        saved.rome,
        saved.contract.label()
    );
    Ok(())
}

/// `need import FILE…`: CSV or XLSX spreadsheets, all or nothing.
pub fn import(db: Option<PathBuf>, files: &[PathBuf], dry_run: bool) -> anyhow::Result<()> {
    let mut inputs = Vec::new();
    for file in files {
        let bytes = passerelle_import::source::read_bytes(file)?;
        inputs.push(passerelle_import::Input {
            name: file.display().to_string(),
            file_name: file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            bytes,
        });
    }
    let (_, mut conn) = crate::open_db(db)?;
    let stamp = Utc::now();
    let n = passerelle_import::needs::import(&mut conn, &inputs, dry_run, crate::today(), stamp)?;
    if dry_run {
        println!(
            "Vérification réussie : {} besoins à importer (--dry-run : rien n’a été écrit).",
            format_count(n)
        );
    } else {
        println!("{} besoins importés.", format_count(n));
    }
    Ok(())
}

pub fn list(db: Option<PathBuf>, args: &NeedListArgs, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let rows = needs::list(&conn, args)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    for r in &rows {
        let n = &r.need;
        println!(
            "{}\t{}\t{}\t{} × {}\t{}\t{}\t{}",
            n.id,
            n.siret,
            r.establishment_name,
            n.posts,
            n.rome,
            n.contract.label(),
            n.wished_start
                .map(format_date)
                .unwrap_or_else(|| "—".into()),
            n.status.label()
        );
    }
    println!("{} besoin(s).", format_count(rows.len() as u64));
    Ok(())
}
