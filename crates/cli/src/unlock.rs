//! How the command line gets the passphrase and unlocks the database — never from an argument
//! (it would stay in the shell's history and in `ps`):
//! 1. `PASSERELLE_PASSPHRASE_FILE`: a file holding it (scripts; one trailing newline ignored);
//! 2. `PASSERELLE_PASSPHRASE_FD`: an open file descriptor to read it from (`3<fichier`);
//! 3. otherwise a prompt on the terminal, without echo.
//!
//! A missing database is created protected by that passphrase, and its recovery key printed
//! once on stderr; a database from before encryption must be protected first
//! (`passerelle init`).

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use passerelle_storage::protect::{self, State};
use passerelle_storage::{Connection, DataKey, Secret, paths};
use zeroize::Zeroizing;

/// Environment variable naming a file that holds the passphrase.
pub const PASSPHRASE_FILE_ENV: &str = "PASSERELLE_PASSPHRASE_FILE";
/// Environment variable naming a file descriptor to read the passphrase from.
pub const PASSPHRASE_FD_ENV: &str = "PASSERELLE_PASSPHRASE_FD";

fn first_line(text: &str) -> Zeroizing<String> {
    Zeroizing::new(
        text.strip_suffix('\n')
            .unwrap_or(text)
            .trim_end_matches('\r')
            .to_owned(),
    )
}

/// Reads the passphrase from the file, the descriptor or the terminal (see the module).
/// `confirm`: ask twice on a terminal (a new passphrase).
pub fn passphrase(prompt: &str, confirm: bool) -> anyhow::Result<Zeroizing<String>> {
    if let Some(file) = std::env::var_os(PASSPHRASE_FILE_ENV).filter(|f| !f.is_empty()) {
        let text = Zeroizing::new(std::fs::read_to_string(&file).with_context(|| {
            format!("{PASSPHRASE_FILE_ENV} « {} »", Path::new(&file).display())
        })?);
        return Ok(first_line(&text));
    }
    if let Some(fd) = std::env::var_os(PASSPHRASE_FD_ENV).filter(|f| !f.is_empty()) {
        let fd = fd.to_string_lossy().into_owned();
        // /dev/fd/N reads the descriptor without taking ownership of it.
        let mut text = Zeroizing::new(String::new());
        std::fs::File::open(format!("/dev/fd/{fd}"))
            .and_then(|mut f| f.read_to_string(&mut text))
            .with_context(|| format!("{PASSPHRASE_FD_ENV} = {fd}"))?;
        return Ok(first_line(&text));
    }
    let first = Zeroizing::new(rpassword::prompt_password(prompt).with_context(|| {
        format!(
            "aucun terminal pour demander la phrase de passe : indiquez-la dans un fichier avec {PASSPHRASE_FILE_ENV}"
        )
    })?);
    if confirm {
        let again = Zeroizing::new(rpassword::prompt_password(
            "Confirmez la phrase de passe : ",
        )?);
        if *first != *again {
            bail!("les deux saisies diffèrent : rien n’a été créé");
        }
    }
    Ok(first)
}

/// Prints a recovery key once, with what to do with it.
pub fn show_recovery_key(recovery: &str) {
    eprintln!("Clé de secours (notez-la maintenant, elle ne sera plus affichée) :");
    eprintln!();
    eprintln!("    {recovery}");
    eprintln!();
    eprintln!(
        "Elle seule permet de choisir une nouvelle phrase de passe si vous l’oubliez : rangez-la hors de l’ordinateur."
    );
}

/// The database path, an open connection and its key: unlocked with the passphrase, or
/// created protected by it if missing.
pub fn unlock_db(db: Option<PathBuf>) -> anyhow::Result<(PathBuf, Connection, DataKey)> {
    let path = paths::resolve_database_path(db)?;
    let context = || format!("base de données « {} »", path.display());
    match protect::state(&path) {
        State::Missing => {
            let pass = passphrase("Nouvelle phrase de passe pour la base : ", true)?;
            let (conn, key, recovery) = protect::init(&path, &pass).with_context(context)?;
            eprintln!("Base protégée créée : {}", path.display());
            show_recovery_key(&recovery);
            Ok((path, conn, key))
        }
        State::Plain if !passerelle_storage::keys::is_protected(&path) => Err(
            passerelle_storage::StorageError::NotProtected(path.display().to_string()),
        )
        .with_context(context),
        // An encryption interrupted after its key file was written: finish it, and show a
        // new recovery key (the first one may never have been printed).
        State::Plain => {
            let pass = passphrase("Phrase de passe : ", false)?;
            eprintln!("Chiffrement interrompu de la base : reprise…");
            let (conn, key, recovery) =
                protect::protect_existing(&path, &pass, &mut |_| {}).with_context(context)?;
            show_recovery_key(&recovery);
            Ok((path, conn, key))
        }
        State::Protected => {
            let pass = passphrase("Phrase de passe : ", false)?;
            let (conn, key) =
                protect::open_protected(&path, Secret::Passphrase(&pass)).with_context(context)?;
            Ok((path, conn, key))
        }
    }
}
