//! `passerelle init`, `passerelle unlock --recovery` and `passerelle backup …`: protecting a
//! database, recovering a forgotten passphrase, and backups.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use passerelle_domain::i18n::format_count;
use passerelle_storage::protect::{self, State};
use passerelle_storage::{Secret, backup, keys, paths};
use zeroize::Zeroizing;

use crate::unlock::{passphrase, show_recovery_key};

/// Environment variable naming a file that holds the recovery key (scripts, tests).
pub const RECOVERY_FILE_ENV: &str = "PASSERELLE_RECOVERY_FILE";

/// `init`: creates a new protected database, or protects (encrypts in place) a database from
/// before encryption; prints the recovery key once.
pub fn init(db: Option<PathBuf>) -> anyhow::Result<()> {
    let path = paths::resolve_database_path(db)?;
    let context = || format!("base de données « {} »", path.display());
    match protect::state(&path) {
        State::Missing => {
            let pass = passphrase("Phrase de passe de la nouvelle base : ", true)?;
            let (_, _, recovery) = protect::init(&path, &pass).with_context(context)?;
            println!("Base protégée créée : {}", path.display());
            show_recovery_key(&recovery);
        }
        State::Plain => {
            let pass = passphrase("Phrase de passe qui protégera la base : ", true)?;
            let mut last = "";
            let (_, _, recovery) = protect::protect_existing(&path, &pass, &mut |p| {
                if p.step != last {
                    eprintln!("{} ({}/{})…", p.step, p.done, p.total);
                    last = p.step;
                }
            })
            .with_context(context)?;
            println!(
                "Base chiffrée : {} (documents et journal compris ; l’ancien fichier en clair a été effacé).",
                path.display()
            );
            show_recovery_key(&recovery);
        }
        State::Protected => bail!(
            "la base « {} » est déjà protégée : rien n’a été modifié",
            path.display()
        ),
    }
    Ok(())
}

fn recovery_key() -> anyhow::Result<Zeroizing<String>> {
    if let Some(file) = std::env::var_os(RECOVERY_FILE_ENV).filter(|f| !f.is_empty()) {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("{RECOVERY_FILE_ENV} « {} »", Path::new(&file).display()))?;
        return Ok(Zeroizing::new(text.trim().to_owned()));
    }
    Ok(Zeroizing::new(
        rpassword::prompt_password("Clé de secours : ").with_context(|| {
            format!("aucun terminal : indiquez la clé de secours avec {RECOVERY_FILE_ENV}")
        })?,
    ))
}

/// `unlock --recovery`: sets a new passphrase from the recovery key (the old one stops working).
pub fn reset_passphrase(db: Option<PathBuf>) -> anyhow::Result<()> {
    let path = paths::resolve_database_path(db)?;
    let recovery = recovery_key()?;
    // Checked before asking for the new passphrase.
    keys::unlock(&path, Secret::RecoveryKey(&recovery))
        .with_context(|| format!("base de données « {} »", path.display()))?;
    let new = passphrase("Nouvelle phrase de passe : ", true)?;
    keys::reset_passphrase(&path, &recovery, &new)?;
    println!(
        "Nouvelle phrase de passe enregistrée ; l’ancienne ne fonctionne plus. La clé de secours reste valable."
    );
    Ok(())
}

fn print_summary(summary: &backup::Summary) {
    println!(
        "{} dossiers, {} documents, {} entrées de journal ; {} octets.",
        format_count(summary.cases),
        format_count(summary.documents),
        format_count(summary.journal_entries),
        format_count(summary.bytes)
    );
    if let Some((id, hash)) = &summary.journal_head {
        println!(
            "Tête du journal : entrée n° {id}, empreinte {}",
            &hash[..16.min(hash.len())]
        );
    }
}

/// `backup create [-o FILE]`: an encrypted archive of the database and its documents.
pub fn backup_create(db: Option<PathBuf>, output: Option<PathBuf>) -> anyhow::Result<()> {
    let (path, conn, key) = crate::unlock::unlock_db(db)?;
    let output = match output {
        Some(file) => file,
        None => match passerelle_storage::setting::load(&conn)?.backup_dir {
            Some(dir) => PathBuf::from(dir).join(backup::archive_name()),
            None => PathBuf::from(backup::archive_name()),
        },
    };
    let summary = backup::create(&conn, &path, &key, &output)?;
    println!("Sauvegarde écrite : {}", summary.path.display());
    print_summary(&summary);
    Ok(())
}

/// `backup verify FILE`: checks an archive without restoring it.
pub fn backup_verify(file: &Path) -> anyhow::Result<()> {
    let pass = passphrase("Phrase de passe de la sauvegarde : ", false)?;
    let summary = backup::verify(file, Secret::Passphrase(&pass))?;
    println!(
        "Sauvegarde intègre du {} : {}",
        summary.created_at,
        file.display()
    );
    print_summary(&summary);
    Ok(())
}

/// `backup restore FILE`: verifies, then restores over the database (the replaced files are
/// kept aside).
pub fn backup_restore(db: Option<PathBuf>, file: &Path) -> anyhow::Result<()> {
    let path = paths::resolve_database_path(db)?;
    let pass = passphrase("Phrase de passe de la sauvegarde : ", false)?;
    let (summary, _) = backup::restore(file, Secret::Passphrase(&pass), &path)?;
    println!(
        "Sauvegarde du {} restaurée dans {} (les fichiers remplacés sont gardés à côté, suffixés « avant-restauration »).",
        summary.created_at,
        path.display()
    );
    print_summary(&summary);
    Ok(())
}
