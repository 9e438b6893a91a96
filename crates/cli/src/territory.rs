//! `passerelle territory list|add`.

use std::path::PathBuf;

use anyhow::bail;
use chrono::Utc;
use passerelle_storage::profile;
use passerelle_storage::territory as territories;

pub fn list(db: Option<PathBuf>, json: bool) -> anyhow::Result<()> {
    let (_, conn) = crate::open_db(db)?;
    let all = territories::list(&conn)?;
    if json {
        println!("{}", serde_json::to_string_pretty(&all)?);
    } else {
        for t in all {
            println!("{}\t{}", t.code, t.label);
        }
    }
    Ok(())
}

pub fn add(db: Option<PathBuf>, label: &str) -> anyhow::Result<()> {
    if territories::code_for(label).is_empty() {
        bail!("Nom du territoire vide : saisissez un nom, ex. « Pays de Sarrebourg ».");
    }
    let (_, mut conn) = crate::open_db(db)?;
    let actor = profile::actor(&conn)?;
    let added = territories::add(&mut conn, &actor, label, Utc::now())?;
    println!("{}\t{}", added.code, added.label);
    Ok(())
}
