//! The one error type that crosses the IPC boundary.
//!
//! The shell serialises it, the UI deserialises it and matches on the variant: the shape is part
//! of the contract (`{"kind": "...", "detail": {...}}`), tested on both sides.

use serde::{Deserialize, Serialize};

use crate::i18n::{self, Msg};

/// A problem with one field of a form or an import line, worded for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// Machine name of the field (`"displayName"`), so the UI can attach the message to it.
    pub field: String,
    /// French message naming the field and saying how to fix it.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Every failure a command can report to the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", content = "detail", rename_all = "camelCase")]
pub enum AppError {
    /// The input breaks one or more rules; nothing was written.
    #[error("{}", format_field_errors(.errors))]
    Validation { errors: Vec<FieldError> },
    /// The entity asked for does not exist (or was archived).
    #[error("{entity} {id} introuvable")]
    NotFound { entity: String, id: String },
    /// The parcours cannot move to `step`: the conditions not met, in French.
    #[error("Passage à l’étape {step} impossible : {}", .unmet.join(" ; "))]
    Blocked { step: String, unmet: Vec<String> },
    /// The database could not be read or written; nothing was changed.
    #[error("{}", i18n::t(Msg::ErrorStorage))]
    Storage { message: String },
    /// The UI and the shell disagree on a message: a programming error, never the user's.
    #[error("{}", i18n::t(Msg::ErrorIpc))]
    Ipc { message: String },
    /// Another program (an import, a script, a second window) holds the database for longer
    /// than the wait allows; nothing was written and the form keeps what was typed.
    #[error("{}", i18n::t(Msg::ErrorBusy))]
    Busy,
    /// A bug caught before it could take the screen down (a panic inside a command).
    #[error("{}", i18n::t(Msg::ErrorInternal))]
    Internal { message: String },
    /// The data is locked: the passphrase must be entered (or set, at first launch) first.
    #[error("{}", i18n::t(Msg::ErrorLocked))]
    Locked,
}

impl AppError {
    /// A validation error on a single field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            errors: vec![FieldError::new(field, message)],
        }
    }

    /// The message to show to the user, in French.
    pub fn user_message(&self) -> String {
        match self {
            Self::Storage { message } | Self::Ipc { message } => {
                format!("{} ({message})", self)
            }
            Self::Internal { message } => {
                format!("Erreur interne : {message} — vos saisies sont conservées.")
            }
            _ => self.to_string(),
        }
    }

    /// What a log line may say about this error: its kind and the machine names around it
    /// (fields, entity, step code), never a message — those quote what the user typed (« le NIR
    /// 1 85 … est invalide ») or a serde error quoting the input.
    pub fn log_summary(&self) -> String {
        match self {
            Self::Validation { errors } => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                format!("validation ({})", fields.join(", "))
            }
            Self::NotFound { entity, .. } => format!("introuvable ({entity})"),
            Self::Blocked { step, unmet } => {
                format!("étape {step} refusée ({} condition(s))", unmet.len())
            }
            // SQLite's own messages name the failure (« disk I/O error »), not the data.
            Self::Storage { message } => format!("stockage ({message})"),
            Self::Ipc { .. } => "message IPC illisible".to_owned(),
            Self::Busy => "base occupée".to_owned(),
            Self::Internal { message } => format!("erreur interne ({message})"),
            Self::Locked => "verrouillée".to_owned(),
        }
    }
}

fn format_field_errors(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join(" ; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn validation_error_has_a_stable_json_shape() {
        let err = AppError::invalid("displayName", "Le nom est obligatoire.");
        assert_eq!(
            serde_json::to_value(&err).unwrap(),
            json!({"kind": "validation", "detail": {"errors": [
                {"field": "displayName", "message": "Le nom est obligatoire."}
            ]}})
        );
    }

    #[test]
    fn log_summary_names_fields_never_values() {
        let err = AppError::Validation {
            errors: vec![
                FieldError::new("nir", "Le NIR « 1 85 05 78 006 084 36 » est invalide."),
                FieldError::new("email", "« jeanne@exemple.fr » n’est pas une adresse."),
            ],
        };
        assert_eq!(err.log_summary(), "validation (nir, email)");
        let ipc = AppError::Ipc {
            message: "invalid type: string \"Jeanne Martin\"".into(),
        };
        assert!(!ipc.log_summary().contains("Jeanne"));
    }

    #[test]
    fn every_variant_round_trips_through_json() {
        let all = [
            AppError::invalid("a", "b"),
            AppError::NotFound {
                entity: "Dossier".into(),
                id: "42".into(),
            },
            AppError::Storage {
                message: "disk I/O error".into(),
            },
            AppError::Ipc {
                message: "missing field".into(),
            },
            AppError::Blocked {
                step: "PTP_DOSSIER_DEPOSE".into(),
                unmet: vec!["RIB manquant".into()],
            },
            AppError::Busy,
            AppError::Locked,
            AppError::Internal {
                message: "index out of bounds".into(),
            },
        ];
        for err in all {
            let text = serde_json::to_string(&err).unwrap();
            assert_eq!(serde_json::from_str::<AppError>(&text).unwrap(), err);
        }
    }

    #[test]
    fn user_messages_are_french() {
        let err = AppError::NotFound {
            entity: "Dossier".into(),
            id: "42".into(),
        };
        assert_eq!(err.user_message(), "Dossier 42 introuvable");
        let storage = AppError::Storage {
            message: "disk full".into(),
        };
        assert!(storage.user_message().starts_with("La base de données"));
        assert!(AppError::Busy.user_message().contains("occupée"));
        let internal = AppError::Internal {
            message: "x".into(),
        };
        assert_eq!(
            internal.user_message(),
            "Erreur interne : x — vos saisies sont conservées."
        );
        assert_eq!(
            serde_json::to_value(AppError::Busy).unwrap(),
            serde_json::json!({"kind": "busy"})
        );
    }
}
