//! The journal as the UI shows it: who changed what, when, field by field.

use serde::{Deserialize, Serialize};

use crate::i18n::Label;

/// One field's change, values as display text (`None`: empty or absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JournalEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub changes: Vec<FieldChange>,
}

/// Fields whose values are personal or health-related: masked when the journal is displayed
/// unless the user asks to see them.
pub fn is_personal_field(path: &str) -> bool {
    const PERSONAL: [&str; 6] = [
        "beneficiary.nir",
        "beneficiary.birthDate",
        "beneficiary.email",
        "beneficiary.phone",
        "beneficiary.postalCode",
        "situation.flags.",
    ];
    PERSONAL.iter().any(|p| path.starts_with(p))
}

impl FieldChange {
    /// The same change with personal values replaced by « masqué ».
    pub fn masked(&self) -> Self {
        if !is_personal_field(&self.field) {
            return self.clone();
        }
        let mask = |v: &Option<String>| v.as_ref().map(|_| "•••• (masqué)".to_owned());
        Self {
            field: self.field.clone(),
            before: mask(&self.before),
            after: mask(&self.after),
        }
    }
}

/// A journaled value as people read it (the Historique tab, a committee dossier): step and
/// document codes as their labels, the funding plan as its total; other values as they are.
pub fn readable_value(field: &str, text: &str) -> String {
    match field {
        "status" => crate::parcours::Step::from_code(text)
            .map_or_else(|| text.to_owned(), |s| s.label().to_owned()),
        "documents" => serde_json::from_str::<Vec<crate::case::DocumentKind>>(text).map_or_else(
            |_| text.to_owned(),
            |kinds| {
                kinds
                    .iter()
                    .map(|k| k.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ),
        "parcours.funding" => serde_json::from_str::<Vec<crate::parcours::FundingLine>>(text)
            .map_or_else(
                |_| text.to_owned(),
                |lines| {
                    format!(
                        "{} — total {}",
                        crate::i18n::count_with(lines.len() as u64, "financeur", "financeurs"),
                        crate::i18n::format_euros(
                            lines
                                .iter()
                                .fold(0i64, |t, l| t.saturating_add(l.amount_cents))
                        )
                    )
                },
            ),
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_values_are_masked_others_kept() {
        let nir = FieldChange {
            field: "beneficiary.nir".into(),
            before: None,
            after: Some("206127511100564".into()),
        };
        assert_eq!(nir.masked().after.as_deref(), Some("•••• (masqué)"));
        assert_eq!(nir.masked().before, None);
        let employer = FieldChange {
            field: "situation.employer.name".into(),
            before: Some("Acier SA".into()),
            after: Some("Fonderie".into()),
        };
        assert_eq!(employer.masked(), employer);
        assert!(is_personal_field("situation.flags.oeth.set"));
    }
}
