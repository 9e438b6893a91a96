//! The training offer: what providers publish (LHEO feeds of the Carif-Oref, the Mon Compte
//! Formation catalogue) as formations, their actions (a place, a modality, hours, a price, a
//! provider) and the actions' sessions (dates, recruitment). Imported, never typed: the
//! counsellor searches it and picks a session for a case's project.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Label;

/// How the teaching is delivered (LHEO `modalites-enseignement`: 0, 1, 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Teaching {
    Presentiel,
    Mixte,
    Distance,
}

impl Teaching {
    pub fn from_lheo(code: &str) -> Option<Self> {
        Some(match code.trim() {
            "0" => Self::Presentiel,
            "1" => Self::Mixte,
            "2" => Self::Distance,
            _ => return None,
        })
    }
}

impl Label for Teaching {
    const ALL: &'static [Self] = &[Self::Presentiel, Self::Mixte, Self::Distance];
    fn label(self) -> &'static str {
        match self {
            Self::Presentiel => "en présentiel",
            Self::Mixte => "mixte (présentiel et à distance)",
            Self::Distance => "à distance",
        }
    }
}

/// FORMACODE V10 pedagogical-modality codes (LHEO `code-modalite-pedagogique`, dictionary
/// `dict-modalites-pedagogiques-formacodes-V10` of the LHEO definition) that matter here.
pub const FORMACODE_CHANTIER_ECOLE: &str = "96127";
/// « Formation en situation de travail »: the AFEST.
pub const FORMACODE_AFEST: &str = "96147";

/// Where a session's recruitment stands (LHEO `etat-recrutement`: 1, 2, 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recruitment {
    Open,
    Closed,
    Suspended,
}

impl Recruitment {
    pub fn from_lheo(code: &str) -> Option<Self> {
        Some(match code.trim() {
            "1" => Self::Open,
            "2" => Self::Closed,
            "3" => Self::Suspended,
            _ => return None,
        })
    }
}

impl Label for Recruitment {
    const ALL: &'static [Self] = &[Self::Open, Self::Closed, Self::Suspended];
    fn label(self) -> &'static str {
        match self {
            Self::Open => "recrutement ouvert",
            Self::Closed => "recrutement fermé",
            Self::Suspended => "recrutement suspendu",
        }
    }
}

/// Where the offer came from; a re-import of the same origin and identifier replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Lheo,
    #[serde(rename = "mcf")]
    MonCompteFormation,
}

impl Label for Origin {
    const ALL: &'static [Self] = &[Self::Lheo, Self::MonCompteFormation];
    fn label(self) -> &'static str {
        match self {
            Self::Lheo => "flux LHEO",
            Self::MonCompteFormation => "catalogue Mon Compte Formation",
        }
    }
}

/// A training provider.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Provider {
    /// 14 digits; may be empty when the feed gives none.
    pub siret: String,
    pub name: String,
}

/// A dated session of an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    /// The feed's identifier (`numero`), unique within the action.
    pub key: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub recruitment: Option<Recruitment>,
}

/// An action: one way a formation is delivered somewhere by someone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    pub key: String,
    pub teaching: Option<Teaching>,
    pub afest: bool,
    pub chantier_ecole: bool,
    pub hours_centre: Option<u32>,
    pub hours_company: Option<u32>,
    pub hours_total: Option<u32>,
    /// Total price, VAT included, in cents.
    pub price_cents: Option<i64>,
    /// INSEE code of the commune where it takes place (empty: unknown, or at a distance).
    pub commune: String,
    /// The place as the feed names it (« Charleville-Mézières »).
    pub place: String,
    pub provider: Provider,
    pub sessions: Vec<Session>,
}

/// A formation, with its actions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Formation {
    pub origin: Origin,
    /// The feed's identifier (`numero` of the formation, or the catalogue's).
    pub key: String,
    pub title: String,
    pub objective: String,
    pub romes: Vec<String>,
    pub formacodes: Vec<String>,
    /// RNCP or RS codes (« RNCP35830 »).
    pub certifications: Vec<String>,
    /// Bloc codes (« RNCP35830BC01 ») the formation prepares, when it says.
    pub blocs: Vec<String>,
    pub actions: Vec<Action>,
}

impl Formation {
    /// Sessions counted over the actions.
    pub fn session_count(&self) -> usize {
        self.actions.iter().map(|a| a.sessions.len()).sum()
    }
}

/// What a search of the offer asks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SessionQuery {
    /// Formations for this ROME code.
    pub rome: Option<String>,
    /// Formations preparing this certification (RNCP/RS code) or one of its blocs.
    pub certification: Option<String>,
    /// Words of the title.
    pub text: String,
    pub teaching: Option<Teaching>,
    pub afest_only: bool,
    /// Sessions starting on or after.
    pub starts_after: Option<NaiveDate>,
    /// Sessions starting on or before.
    pub starts_before: Option<NaiveDate>,
    /// Around this commune (INSEE code), within `radius_km`; sessions at a distance always fit.
    pub near: Option<String>,
    pub radius_km: Option<u32>,
    pub max_hours: Option<u32>,
    /// Closed and suspended recruitment included.
    pub include_closed: bool,
    pub limit: u32,
}

/// One session found, with what a counsellor compares.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionRow {
    pub session_id: i64,
    pub formation_title: String,
    pub romes: Vec<String>,
    pub certifications: Vec<String>,
    pub blocs: Vec<String>,
    pub teaching: Option<Teaching>,
    pub afest: bool,
    pub chantier_ecole: bool,
    pub hours_centre: Option<u32>,
    pub hours_company: Option<u32>,
    pub hours_total: Option<u32>,
    pub price_cents: Option<i64>,
    pub commune: String,
    /// The commune's EPCI (SIREN) and name, empty outside Grand Est: the window groups the
    /// sessions by EPCI on its map without carrying the commune table.
    #[serde(default)]
    pub epci: String,
    #[serde(default)]
    pub epci_name: String,
    pub place: String,
    pub provider: Provider,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub recruitment: Option<Recruitment>,
    /// Straight-line distance from the query's commune, when both are known.
    pub distance_km: Option<f64>,
    /// Why it fits, in French (« prépare RNCP35830 », « 23 km à vol d’oiseau »).
    pub reasons: Vec<String>,
}

/// What an import of the offer did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainingImportSummary {
    pub formations: u64,
    pub actions: u64,
    pub sessions: u64,
    /// Formations of an earlier import replaced by this one.
    pub replaced: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lheo_codes_map_to_the_stored_codes() {
        use crate::code::Coded;
        assert_eq!(Teaching::from_lheo("2"), Some(Teaching::Distance));
        assert_eq!(Teaching::from_lheo("7"), None);
        assert_eq!(Teaching::codes(), ["presentiel", "mixte", "distance"]);
        assert_eq!(Recruitment::from_lheo(" 1 "), Some(Recruitment::Open));
        assert_eq!(Recruitment::codes(), ["open", "closed", "suspended"]);
        // The codes the migration's CHECK constraints allow.
        assert_eq!(Origin::codes(), ["lheo", "mcf"]);
    }
}
