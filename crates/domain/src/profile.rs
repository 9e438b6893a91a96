//! The counsellor profile: who is at the keyboard, used to sign every journaled change.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::i18n::{Msg, t};

const DISPLAY_NAME_MAX: usize = 100;
const STRUCTURE_MAX: usize = 150;

/// The profile as typed in the form; validated before anything is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CounsellorProfile {
    /// Name as it must appear in the journal, e.g. « Françoise Dupré ».
    pub display_name: String,
    /// Organisation, e.g. « Maison de l’emploi du Grand Nancy ».
    pub structure: String,
}

impl CounsellorProfile {
    /// Trims the fields and checks them; the same call runs in the UI and in the shell.
    pub fn validated(self) -> Result<Self, AppError> {
        let profile = Self {
            display_name: self.display_name.trim().to_owned(),
            structure: self.structure.trim().to_owned(),
        };
        let errors = profile.field_errors();
        if errors.is_empty() {
            Ok(profile)
        } else {
            Err(AppError::Validation { errors })
        }
    }

    /// Every rule the profile breaks, one message per field.
    pub fn field_errors(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let name = self.display_name.trim();
        if name.is_empty() {
            errors.push(FieldError::new("displayName", t(Msg::ProfileNameRequired)));
        } else if name.chars().count() > DISPLAY_NAME_MAX {
            errors.push(FieldError::new("displayName", t(Msg::ProfileNameTooLong)));
        }
        let structure = self.structure.trim();
        if structure.is_empty() {
            errors.push(FieldError::new(
                "structure",
                t(Msg::ProfileStructureRequired),
            ));
        } else if structure.chars().count() > STRUCTURE_MAX {
            errors.push(FieldError::new(
                "structure",
                t(Msg::ProfileStructureTooLong),
            ));
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(name: &str, structure: &str) -> CounsellorProfile {
        CounsellorProfile {
            display_name: name.into(),
            structure: structure.into(),
        }
    }

    #[test]
    fn a_complete_profile_is_trimmed_and_accepted() {
        let p = profile("  Françoise Dupré ", " Maison de l’emploi ")
            .validated()
            .unwrap();
        assert_eq!(p, profile("Françoise Dupré", "Maison de l’emploi"));
    }

    #[test]
    fn blank_fields_are_reported_one_message_per_field() {
        let Err(AppError::Validation { errors }) = profile("   ", "").validated() else {
            panic!("blank profile accepted");
        };
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["displayName", "structure"]);
        assert!(errors[0].message.starts_with("Nom et prénom"));
    }

    #[test]
    fn overlong_fields_are_refused_counting_characters_not_bytes() {
        // 100 accented characters are 200 bytes: still accepted.
        assert!(profile(&"é".repeat(100), "CIBC 54").validated().is_ok());
        let errors = profile(&"é".repeat(101), &"x".repeat(151)).field_errors();
        assert_eq!(errors.len(), 2);
    }
}
