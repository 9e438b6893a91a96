//! Hiring needs (the Metz coordination cell's census): what an establishment wants to recruit,
//! for which trade, how many, on which contract and from when — and whether it would take
//! someone in reconversion or train them at work (AFEST).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{AppError, FieldError};
use crate::validate::bounds;

/// Declares a closed list of codes with their French labels, once.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal, $label:literal;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$(Self::$variant),*];

            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),* }
            }

            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),* }
            }

            /// The value of a code or of a label (as a spreadsheet writes it), any case.
            pub fn parse(text: &str) -> Option<Self> {
                let folded = crate::text::fold_for_sort(text.trim()).to_lowercase();
                Self::ALL.iter().copied().find(|v| {
                    v.code() == folded
                        || crate::text::fold_for_sort(v.label()).to_lowercase() == folded
                })
            }
        }
    };
}

vocabulary! {
    /// The contract offered.
    Contract {
        Cdi = "cdi", "CDI";
        Cdd = "cdd", "CDD";
        Interim = "interim", "Intérim";
        Apprentissage = "apprentissage", "Apprentissage";
        Professionnalisation = "professionnalisation", "Contrat de professionnalisation";
        Saisonnier = "saisonnier", "Saisonnier";
    }
}

vocabulary! {
    /// Where the need stands.
    NeedStatus {
        Ouvert = "ouvert", "Ouvert";
        Pourvu = "pourvu", "Pourvu";
        Abandonne = "abandonne", "Abandonné";
    }
}

vocabulary! {
    /// How the need was learnt.
    NeedSource {
        Recensement = "recensement", "Recensement";
        Visite = "visite", "Visite d’entreprise";
        Offre = "offre", "Offre d’emploi";
    }
}

/// One need of one establishment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HiringNeed {
    /// 0 for a need not yet saved.
    #[serde(default)]
    pub id: i64,
    pub siret: String,
    pub rome: String,
    #[serde(default)]
    pub appellation: String,
    pub posts: u32,
    pub contract: Contract,
    pub wished_start: Option<NaiveDate>,
    pub reconversion_open: bool,
    pub afest: bool,
    pub status: NeedStatus,
    pub source: NeedSource,
    /// The census campaign it was collected in (« Recensement Metz 2026 »), optional.
    #[serde(default)]
    pub campaign: String,
    #[serde(default)]
    pub notes: String,
    /// When it was recorded (read only).
    #[serde(default)]
    pub recorded_on: Option<NaiveDate>,
}

/// The most posts one need may count.
pub const POSTS_MAX: u32 = 10_000;

impl HiringNeed {
    /// The need with its codes normalised, or every problem found, each on its field.
    pub fn validated(mut self, today: NaiveDate) -> Result<Self, AppError> {
        let mut errors = Vec::new();
        let mut err = |field: &str, message: String| errors.push(FieldError::new(field, message));
        match crate::validate::validate_siret(&self.siret) {
            Ok(checked) => self.siret = checked.value,
            Err(m) => err("siret", m),
        }
        match crate::validate::validate_rome(&self.rome) {
            Ok(code) => self.rome = code,
            Err(m) => err("rome", m),
        }
        self.appellation = self.appellation.trim().to_owned();
        if let Err(m) = bounds::check_line("Appellation", &self.appellation, bounds::LINE_MAX) {
            err("appellation", m);
        }
        if self.posts == 0 || self.posts > POSTS_MAX {
            err("posts", format!("Nombre de postes : de 1 à {POSTS_MAX}."));
        }
        if let Some(start) = self.wished_start
            && let Err(m) =
                bounds::check_date("Démarrage souhaité", start, bounds::DateRange::Event, today)
        {
            err("wishedStart", m);
        }
        self.campaign = self.campaign.trim().to_owned();
        if let Err(m) = bounds::check_line("Campagne", &self.campaign, bounds::NAME_MAX) {
            err("campaign", m);
        }
        if let Err(m) = bounds::check_text("Notes", &self.notes, bounds::TEXT_MAX) {
            err("notes", m);
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(AppError::Validation { errors })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need() -> HiringNeed {
        HiringNeed {
            id: 0,
            siret: "73282932000074".into(),
            rome: "i1604".into(),
            appellation: "Mécanicien poids lourds".into(),
            posts: 3,
            contract: Contract::Cdi,
            wished_start: NaiveDate::from_ymd_opt(2027, 2, 1),
            reconversion_open: true,
            afest: true,
            status: NeedStatus::Ouvert,
            source: NeedSource::Recensement,
            campaign: "Recensement Metz 2026".into(),
            notes: String::new(),
            recorded_on: None,
        }
    }

    #[test]
    fn vocabularies_read_codes_and_labels_as_spreadsheets_write_them() {
        assert_eq!(Contract::parse("CDI"), Some(Contract::Cdi));
        assert_eq!(Contract::parse("intérim"), Some(Contract::Interim));
        assert_eq!(NeedStatus::parse("Abandonné"), Some(NeedStatus::Abandonne));
        assert_eq!(NeedSource::parse("offre"), Some(NeedSource::Offre));
        assert_eq!(Contract::parse("stage"), None);
        assert_eq!(
            serde_json::to_value(NeedStatus::Abandonne).unwrap(),
            "abandonne"
        );
    }

    #[test]
    fn a_need_without_posts_or_with_a_wrong_rome_is_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        assert_eq!(need().validated(today).unwrap().rome, "I1604");
        let mut bad = need();
        bad.posts = 0;
        bad.rome = "I160".into();
        let Err(AppError::Validation { errors }) = bad.validated(today) else {
            panic!("refused expected");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["rome", "posts"]);
    }
}
