//! The `passerelle` command line, as a library so that benchmarks and tests reach the same code
//! the binary runs. Each subcommand is a module with a `run` function; `main.rs` only parses.

pub mod cases;
pub mod cert;
pub mod check;
pub mod clap_fr;
pub mod committee;
pub mod demo;
pub mod diagnostics;
pub mod establishments;
pub mod exams;
pub mod import;
pub mod info;
pub mod journal;
pub mod matching;
pub mod needs;
pub mod parcours;
pub mod privacy;
pub mod rome;
pub mod security;
pub mod territory;
pub mod unlock;

use std::path::PathBuf;

use passerelle_storage::Connection;

/// Opens the database the user asked for (or the desktop app's), unlocked with the passphrase
/// (see [`unlock`]).
pub fn open_db(db: Option<PathBuf>) -> anyhow::Result<(PathBuf, Connection)> {
    let (path, conn, _) = unlock::unlock_db(db)?;
    Ok((path, conn))
}

/// The one way the command line reports a failure, on stderr and in French: field errors one
/// per line, blocked steps with their reasons, import errors as `file:line : colonne « … » :
/// reason`, everything else as one line with its context (« base de données « … » : … »).
pub fn report(err: &anyhow::Error) {
    use passerelle_domain::AppError;
    use passerelle_import::ImportError;
    use passerelle_storage::StorageError;
    if err.is::<Reported>() {
        return;
    }
    let app = if let Some(e) = err.downcast_ref::<AppError>() {
        Some(e.clone())
    } else if let Some(e) = err.downcast_ref::<StorageError>() {
        match e {
            StorageError::Invalid(errors) => Some(AppError::Validation {
                errors: errors.clone(),
            }),
            StorageError::Blocked { step, unmet } => Some(AppError::Blocked {
                step: step.clone(),
                unmet: unmet.clone(),
            }),
            _ => None,
        }
    } else {
        None
    };
    match (app, err.downcast_ref::<ImportError>()) {
        (Some(AppError::Validation { errors }), _) => {
            for e in errors {
                eprintln!("erreur : {}", e.message);
            }
            eprintln!("Rien n’a été enregistré.");
        }
        (Some(AppError::Blocked { step, unmet }), _) => {
            eprintln!("Passage à l’étape {step} refusé :");
            for u in unmet {
                eprintln!("  - {u}");
            }
        }
        (Some(other), _) => eprintln!("passerelle : {}", other.user_message()),
        (None, Some(ImportError::Refused { errors, notices })) => {
            for n in notices {
                eprintln!("note : {n}");
            }
            for e in errors {
                eprintln!("{e}");
            }
            eprintln!(
                "{} : rien n’a été importé. Corrigez puis relancez l’import.",
                passerelle_domain::i18n::count_with(errors.len() as u64, "erreur", "erreurs")
            );
        }
        (None, Some(ImportError::Storage(e))) => eprintln!("passerelle : {e}"),
        (None, None) => {
            if let Some(e) = err.downcast_ref::<passerelle_import::LineError>() {
                eprintln!("passerelle : {e}");
            } else {
                // French typography: a space before the colon between a context and its cause.
                let chain: Vec<String> = err.chain().map(ToString::to_string).collect();
                eprintln!("passerelle : {}", chain.join(" : "));
            }
        }
    }
}

/// What the log file may say about a failure: its kind, the fields or the number of errors,
/// never a message (those quote the user's values and the lines of the file imported).
pub fn log_summary(err: &anyhow::Error) -> String {
    use passerelle_domain::AppError;
    use passerelle_import::ImportError;
    use passerelle_storage::StorageError;
    if let Some(e) = err.downcast_ref::<AppError>() {
        return e.log_summary();
    }
    if let Some(e) = err.downcast_ref::<StorageError>() {
        return match e {
            StorageError::Invalid(errors) => AppError::Validation {
                errors: errors.clone(),
            }
            .log_summary(),
            StorageError::Blocked { step, unmet } => AppError::Blocked {
                step: step.clone(),
                unmet: unmet.clone(),
            }
            .log_summary(),
            _ => "stockage".to_owned(),
        };
    }
    match err.downcast_ref::<ImportError>() {
        Some(ImportError::Refused { errors, .. }) => {
            format!("import refusé ({} erreur(s), rien d’importé)", errors.len())
        }
        Some(ImportError::Storage(_)) => "import : stockage".to_owned(),
        None if err.is::<Reported>() => "refusé (raisons affichées à l’écran)".to_owned(),
        None => "échec (raison affichée à l’écran)".to_owned(),
    }
}

/// A JSON file (`-`: standard input) read as `T`, with a French reason naming the field and
/// its place when it does not read (serde's own messages are English). `shape` says what the
/// top level should be (« un objet { "siret": …, "lines": […] } »).
pub fn json_file<T: serde::de::DeserializeOwned>(
    path: &std::path::Path,
    shape: &str,
) -> anyhow::Result<T> {
    let bytes = passerelle_import::source::read_bytes(path)?;
    let de = &mut serde_json::Deserializer::from_slice(&bytes);
    serde_path_to_error::deserialize::<_, T>(de).map_err(|err| {
        let field = err.path().to_string();
        let inner = err.inner();
        let at = format!("ligne {}, colonne {}", inner.line(), inner.column());
        use serde_json::error::Category;
        let reason = match inner.classify() {
            Category::Syntax => format!("JSON mal formé ({at}) : virgule, guillemet ou accolade à vérifier"),
            Category::Eof => "JSON incomplet : le fichier s’arrête avant la fin de l’objet".to_owned(),
            Category::Io => "lecture du JSON impossible".to_owned(),
            Category::Data if field == "." => format!("JSON ({at}) : {shape} est attendu"),
            Category::Data => format!(
                "champ « {field} » ({at}) : valeur du mauvais type, hors limites ou code inconnu (date aaaa-mm-jj, nombre, texte ou code attendu)"
            ),
        };
        anyhow::Error::new(passerelle_import::LineError {
            file: path.display().to_string(),
            line: 0,
            column: String::new(),
            reason,
        })
    })
}

/// Today, in the user's time zone (ages, "in the future" checks).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// An error already explained to the user on stderr: exit non-zero without repeating it.
#[derive(Debug)]
pub struct Reported;

impl std::fmt::Display for Reported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("erreurs signalées ci-dessus")
    }
}

impl std::error::Error for Reported {}
