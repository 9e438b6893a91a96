//! The storage layer's one error vocabulary, worded in French: refused (field errors), blocked
//! (a parcours guard), not found, conflict, busy, and what goes wrong below (SQLite, files).
//! Every variant maps onto the IPC's [`AppError`], so the app and the CLI say the same thing.

use passerelle_domain::{AppError, FieldError};
use rusqlite::ErrorCode;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// Input refused, field by field (French messages); nothing was written.
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ; "))]
    Invalid(Vec<FieldError>),
    /// A parcours transition the guards refuse.
    #[error("passage à l’étape {step} impossible : {}", .unmet.join(" ; "))]
    Blocked { step: String, unmet: Vec<String> },
    #[error("{entity} {id} introuvable")]
    NotFound { entity: &'static str, id: String },
    /// The write conflicts with what is stored (a duplicate name…); the message says which.
    #[error("{0}")]
    Conflict(String),
    /// Another connection kept the write lock past the busy timeout; nothing was written.
    #[error(
        "la base de données est occupée par un autre programme ; réessayez dans quelques secondes"
    )]
    Busy,
    #[error("{}", sqlite_message(.0))]
    Sqlite(rusqlite::Error),
    #[error("{}", migration_message(.0))]
    Migration(rusqlite_migration::Error),
    /// A file or directory beside the database (documents, exports) could not be used.
    #[error("{what} « {path} » : {}", io_message(.source))]
    Io {
        what: &'static str,
        path: String,
        source: std::io::Error,
    },
    /// A file the app wrote (a backup, a key file) is damaged, altered or not one of its own.
    #[error("{what} « {path} » refusé : {reason}")]
    Damaged {
        what: &'static str,
        path: String,
        reason: String,
    },
    /// Data stored by the app no longer reads back (edited behind its back).
    #[error("données enregistrées illisibles : {0}")]
    Json(String),
    /// The database file is from before encryption: it must be protected (migrated) first.
    #[error(
        "la base « {0} » n’est pas encore chiffrée : ouvrez Passerelle pour la protéger, ou lancez « passerelle init »"
    )]
    NotProtected(String),
    /// The key does not open the file (another database's passphrase, or a damaged file).
    #[error(
        "la base « {0} » ne s’ouvre pas avec cette clé : phrase de passe d’une autre base, ou fichier endommagé"
    )]
    WrongKey(String),
    /// A broken invariant of the program itself (not the user's input, not the data).
    #[error("erreur interne : {0}")]
    Internal(String),
    #[error("réglage de connexion inattendu : {0}")]
    Pragma(String),
    #[error(
        "aucun dossier de données sur cette plateforme : indiquez le fichier de la base avec {}",
        passerelle_domain::DATABASE_ENV_VAR
    )]
    NoDataDir,
}

impl From<rusqlite::Error> for StorageError {
    fn from(err: rusqlite::Error) -> Self {
        match err.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Busy,
            _ => Self::Sqlite(err),
        }
    }
}

impl From<rusqlite_migration::Error> for StorageError {
    fn from(err: rusqlite_migration::Error) -> Self {
        match err {
            rusqlite_migration::Error::RusqliteError { err, .. } => Self::from(err),
            other => Self::Migration(other),
        }
    }
}

/// A rule of the domain refused the write: its field errors or its unmet conditions.
impl From<AppError> for StorageError {
    fn from(err: AppError) -> Self {
        match err {
            AppError::Validation { errors } => Self::Invalid(errors),
            AppError::Blocked { step, unmet } => Self::Blocked { step, unmet },
            AppError::Busy => Self::Busy,
            other => Self::Conflict(other.user_message()),
        }
    }
}

impl StorageError {
    pub(crate) fn json(err: serde_json::Error) -> Self {
        Self::Json(err.to_string())
    }

    /// A rule refusing the write, on one field.
    pub(crate) fn rule(field: &str, message: impl Into<String>) -> Self {
        Self::Invalid(vec![FieldError::new(field, message)])
    }

    /// An I/O failure on a file or directory the storage layer manages.
    pub(crate) fn io(what: &'static str, path: &std::path::Path, source: std::io::Error) -> Self {
        Self::Io {
            what,
            path: path.display().to_string(),
            source,
        }
    }
}

impl From<StorageError> for AppError {
    fn from(err: StorageError) -> Self {
        match err {
            StorageError::NotFound { entity, id } => AppError::NotFound {
                entity: entity.to_owned(),
                id,
            },
            StorageError::Invalid(errors) => AppError::Validation { errors },
            StorageError::Blocked { step, unmet } => AppError::Blocked { step, unmet },
            StorageError::Busy => AppError::Busy,
            StorageError::Conflict(message) => AppError::invalid("conflict", message),
            StorageError::Internal(message) => AppError::Internal { message },
            other => AppError::Storage {
                message: other.to_string(),
            },
        }
    }
}

/// SQLite's failures as a user can act on them. The English text of SQLite never reaches the
/// user; the code is kept in parentheses for a support request.
fn sqlite_message(err: &rusqlite::Error) -> String {
    let Some(code) = err.sqlite_error_code() else {
        return match err {
            rusqlite::Error::QueryReturnedNoRows => "enregistrement introuvable".to_owned(),
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::InvalidColumnType(..)
            | rusqlite::Error::IntegralValueOutOfRange(..) => {
                "une valeur enregistrée n’a pas le format attendu (base modifiée hors de l’application ?)"
                    .to_owned()
            }
            _ => "erreur interne de la base de données".to_owned(),
        };
    };
    let what = match code {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
            "la base de données est occupée par un autre programme ; réessayez dans quelques secondes"
        }
        ErrorCode::ReadOnly => {
            "la base de données est en lecture seule : vérifiez les droits sur le fichier et son dossier"
        }
        ErrorCode::DiskFull => "le disque est plein : libérez de la place, puis réessayez",
        ErrorCode::CannotOpen => {
            "le fichier de la base ne peut pas être ouvert : vérifiez le chemin et les droits"
        }
        ErrorCode::PermissionDenied => "accès refusé au fichier de la base",
        ErrorCode::NotADatabase => {
            "ce fichier n’est pas une base Passerelle (ou il est chiffré avec une autre clé)"
        }
        ErrorCode::DatabaseCorrupt => {
            "la base de données est endommagée : restaurez une sauvegarde"
        }
        ErrorCode::SystemIoFailure => "erreur de lecture ou d’écriture sur le disque",
        ErrorCode::ConstraintViolation => {
            "la base a refusé une valeur (contrainte d’intégrité) ; rien n’a été écrit"
        }
        ErrorCode::TooBig => "valeur trop grande pour la base",
        ErrorCode::OutOfMemory => "mémoire insuffisante",
        _ => "erreur de la base de données",
    };
    let extended = match err {
        rusqlite::Error::SqliteFailure(e, _) => e.extended_code,
        _ => 0,
    };
    format!("{what} (code SQLite {extended})")
}

fn migration_message(err: &rusqlite_migration::Error) -> String {
    use rusqlite_migration::{Error, MigrationDefinitionError};
    match err {
        Error::MigrationDefinition(MigrationDefinitionError::DatabaseTooFarAhead) => {
            "cette base a été créée par une version plus récente de Passerelle : installez la dernière version".to_owned()
        }
        Error::ForeignKeyCheck(_) => {
            "mise à jour du schéma refusée : des références entre tables sont incohérentes".to_owned()
        }
        _ => "mise à jour du schéma de la base impossible".to_owned(),
    }
}

fn io_message(err: &std::io::Error) -> &'static str {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::NotFound => "introuvable",
        ErrorKind::PermissionDenied => "accès refusé",
        ErrorKind::AlreadyExists => "existe déjà",
        ErrorKind::StorageFull => "le disque est plein",
        ErrorKind::ReadOnlyFilesystem => "le disque est en lecture seule",
        ErrorKind::NotADirectory => "n’est pas un dossier",
        ErrorKind::IsADirectory => "est un dossier, pas un fichier",
        ErrorKind::InvalidData => "contenu illisible",
        _ => "erreur d’entrée-sortie",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_database_is_busy_in_french() {
        let err = StorageError::from(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            Some("database is locked".into()),
        ));
        assert!(matches!(err, StorageError::Busy));
        assert_eq!(AppError::from(err), AppError::Busy);
    }

    #[test]
    fn sqlite_failures_never_show_sqlite_english() {
        for code in [
            rusqlite::ffi::SQLITE_READONLY,
            rusqlite::ffi::SQLITE_FULL,
            rusqlite::ffi::SQLITE_NOTADB,
            rusqlite::ffi::SQLITE_CORRUPT,
            rusqlite::ffi::SQLITE_IOERR,
            rusqlite::ffi::SQLITE_CANTOPEN,
        ] {
            let err = StorageError::from(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                Some("english text".into()),
            ));
            let text = err.to_string();
            assert!(!text.contains("english"), "{text}");
            assert!(text.contains("code SQLite"), "{text}");
        }
    }

    #[test]
    fn domain_refusals_keep_their_fields() {
        let err = StorageError::from(AppError::invalid("place", "Lieu : obligatoire."));
        assert_eq!(
            AppError::from(err),
            AppError::invalid("place", "Lieu : obligatoire.")
        );
    }
}
