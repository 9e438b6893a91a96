use passerelle_domain::AppError;

/// What can go wrong below the repository functions.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("cannot create the database directory {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("stored JSON: {0}")]
    Json(String),
    #[error("{0} already exists")]
    Duplicate(String),
    /// A business rule refused the write, worded for the user; nothing was written.
    #[error("{0}")]
    Rule(AppError),
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: String },
    #[error("unexpected connection setting: {0}")]
    Pragma(String),
    /// Input refused, field by field (French messages).
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ; "))]
    Invalid(Vec<passerelle_domain::FieldError>),
    /// A parcours transition the guards refuse.
    #[error("passage à l’étape {step} impossible : {}", .unmet.join(" ; "))]
    Blocked { step: String, unmet: Vec<String> },
    #[error(
        "no platform data directory: set {} to choose the database file",
        passerelle_domain::DATABASE_ENV_VAR
    )]
    NoDataDir,
}

impl StorageError {
    pub(crate) fn json(err: serde_json::Error) -> Self {
        Self::Json(err.to_string())
    }

    /// A rule refusing the write, on one field.
    pub(crate) fn rule(field: &str, message: impl Into<String>) -> Self {
        Self::Rule(AppError::invalid(field, message))
    }
}

impl From<StorageError> for AppError {
    fn from(err: StorageError) -> Self {
        match err {
            StorageError::NotFound { entity, id } => AppError::NotFound {
                entity: entity.to_owned(),
                id,
            },
            StorageError::Rule(err) => err,
            StorageError::Duplicate(what) => AppError::invalid(
                "label",
                format!(
                    "{} existe déjà : choisissez un autre nom.",
                    upper_first(&what)
                ),
            ),
            StorageError::Invalid(errors) => AppError::Validation { errors },
            StorageError::Blocked { step, unmet } => AppError::Blocked { step, unmet },
            other => AppError::Storage {
                message: other.to_string(),
            },
        }
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
