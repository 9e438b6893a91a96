//! Listing and searching case files: the query the list screen and the CLI send, the page back.

use serde::{Deserialize, Serialize};

use super::model::CaseSummary;

/// Largest page the storage layer returns.
pub const MAX_PAGE: u32 = 500;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseSort {
    /// By surname then first names (the default; by relevance when searching).
    #[default]
    Name,
    RecentlyUpdated,
    Reference,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagFilter {
    MetierFragilise,
    Oeth,
    Inaptitude,
    LongAbsence,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct CaseQuery {
    /// Words to search (names, employer, trades, notes); accents and case ignored, each word a
    /// prefix. Empty: no search, just the filters.
    pub text: String,
    pub territory: Option<String>,
    pub status: Option<String>,
    pub flag: Option<FlagFilter>,
    pub counsellor: Option<String>,
    pub include_archived: bool,
    pub sort: CaseSort,
    pub offset: u32,
    pub limit: u32,
}

impl Default for CaseQuery {
    fn default() -> Self {
        Self {
            text: String::new(),
            territory: None,
            status: None,
            flag: None,
            counsellor: None,
            include_archived: false,
            sort: CaseSort::Name,
            offset: 0,
            limit: 50,
        }
    }
}

/// One page of results and the number of matches in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CasePage {
    pub total: u64,
    pub items: Vec<CaseSummary>,
}

/// Words of a search, ready for a full-text engine: letters and digits only, so that no user
/// input is ever read as query syntax.
pub fn search_terms(text: &str) -> Vec<String> {
    // Eight words of at most 64 characters: a pasted page costs no more than a name.
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| w.chars().take(64).collect::<String>().to_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_terms_drop_query_syntax() {
        assert_eq!(
            search_terms("  Dupré, \"NEAR\" o'neil*  "),
            ["dupré", "near", "o", "neil"]
        );
        assert!(search_terms(" -*\"() ").is_empty());
        assert_eq!(search_terms(&"mot ".repeat(1000)).len(), 8);
        assert_eq!(search_terms(&"a".repeat(1_000_000))[0].len(), 64);
    }
}
