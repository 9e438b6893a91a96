//! `passerelle info`: where the database is and what it holds.

use std::path::PathBuf;

use passerelle_domain::i18n::format_count;
use passerelle_storage::{keys, migrations, setting, status};
use serde::Serialize;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Info {
    database_path: String,
    schema_version: u32,
    case_count: u64,
    archived_case_count: u64,
    /// Argon2id memory (KiB) and passes of the passphrase.
    kdf_memory_kib: u32,
    kdf_iterations: u32,
    recovery_issued_at: String,
    last_backup_at: Option<String>,
}

pub fn run(db: Option<PathBuf>, json: bool) -> anyhow::Result<()> {
    let (path, conn) = crate::open_db(db)?;
    let protection = keys::protection(&path)?;
    let info = Info {
        database_path: path.display().to_string(),
        schema_version: migrations::schema_version(&conn)?,
        case_count: status::count_active_case_files(&conn)?,
        archived_case_count: status::count_archived_case_files(&conn)?,
        kdf_memory_kib: protection.kdf.memory_kib,
        kdf_iterations: protection.kdf.iterations,
        recovery_issued_at: protection.recovery_issued_at,
        last_backup_at: setting::load(&conn)?.last_backup_at,
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
        println!(
            "Protection : base et documents chiffrés (SQLCipher, XChaCha20-Poly1305) ; phrase de passe Argon2id {} Mio, {} passes{}",
            info.kdf_memory_kib / 1024,
            info.kdf_iterations,
            if protection.kdf.is_weak() {
                " — FAIBLE (paramètres de test) : changez la phrase de passe"
            } else {
                ""
            }
        );
        println!("Kit de secours émis le : {}", info.recovery_issued_at);
        println!(
            "Dernière sauvegarde : {}",
            info.last_backup_at.as_deref().unwrap_or("aucune")
        );
    }
    Ok(())
}
