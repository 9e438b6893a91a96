//! `passerelle import cases FILE [--map "EN-TÊTE=COLONNE"]… [--territory CODE] [--dry-run]`:
//! case files from a spreadsheet export (CSV in UTF-8, UTF-16 or Windows-1252, `;` or `,`, or
//! XLSX), through [`passerelle_import::cases`] (documented headers, every bad line reported,
//! all or nothing).

use std::path::{Path, PathBuf};

use chrono::Utc;
use passerelle_domain::i18n::{count_with, format_count};
use passerelle_storage::profile;

pub fn run(
    db: Option<PathBuf>,
    file: &Path,
    map: &[String],
    territory: Option<String>,
    dry_run: bool,
) -> anyhow::Result<()> {
    let mut options = passerelle_import::cases::Options {
        territory,
        ..Default::default()
    };
    for entry in map {
        let (header, field) =
            passerelle_import::cases::map_entry(entry).map_err(|reason| anyhow::anyhow!(reason))?;
        options.map.insert(header, field);
    }
    let inputs = passerelle_import::source::read_path(file)?;
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let summary = passerelle_import::cases::import(
        &mut conn,
        &actor,
        &inputs,
        &options,
        dry_run,
        Utc::now(),
        &mut |_, _| {},
    )?;
    for n in &summary.notices {
        eprintln!("note : {n}");
    }
    let count = count_with(summary.cases as u64, "dossier", "dossiers");
    if dry_run {
        println!(
            "Vérification réussie : {count} {} (--dry-run : rien n’a été écrit).",
            if summary.cases >= 2 {
                "seraient importés"
            } else {
                "serait importé"
            }
        );
    } else {
        println!(
            "{} {}.",
            format_count(summary.cases as u64),
            if summary.cases >= 2 {
                "dossiers importés"
            } else {
                "dossier importé"
            }
        );
    }
    Ok(())
}
