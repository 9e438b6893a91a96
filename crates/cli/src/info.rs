//! `passerelle info`: where the database is and what it holds.

use std::path::PathBuf;

use passerelle_domain::i18n::format_count;
use passerelle_storage::{migrations, status};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Info {
    database_path: String,
    schema_version: u32,
    case_count: u64,
    archived_case_count: u64,
}

pub fn run(db: Option<PathBuf>, json: bool) -> anyhow::Result<()> {
    let (path, conn) = crate::open_db(db)?;
    let info = Info {
        database_path: path.display().to_string(),
        schema_version: migrations::schema_version(&conn)?,
        case_count: status::count_active_case_files(&conn)?,
        archived_case_count: status::count_archived_case_files(&conn)?,
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&info)?);
    } else {
        println!("Base de données : {}", info.database_path);
        println!("Version du schéma : {}", info.schema_version);
        println!("Dossiers actifs : {}", format_count(info.case_count));
        println!(
            "Dossiers archivés : {}",
            format_count(info.archived_case_count)
        );
    }
    Ok(())
}
