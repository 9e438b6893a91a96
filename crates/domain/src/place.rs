//! Where a commune lies: its EPCI and the followed territory (from the reference data shipped
//! in `assets/`: the 5 115 Grand Est communes of the COG and the seed territories' EPCIs). The
//! Sirene import, manual entry of an establishment and the territory dashboard read the same
//! table. The window does not carry the table (350 KB of its code): it asks the shell
//! ([`CommunePlace`], `commune_place`), and the shell checks the communes it is sent.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::text::reference_fields as fields;

const COMMUNES: &str = include_str!("../../../assets/reference/communes_grand_est.csv");
const TERRITORIES: &str = include_str!("../../../assets/reference/territoires.csv");
/// Each commune's centroid in Lambert-93 hectometres (`build-centroids`).
const CENTROIDS: &str = include_str!("../../../assets/reference/commune_centroids.csv");

/// A commune's name, its EPCI (SIREN, name) and the followed territory (empty: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub name: &'static str,
    pub epci: &'static str,
    pub epci_name: &'static str,
    pub territory: &'static str,
}

impl Place {
    /// No place: a commune outside the reference, or not looked up.
    pub const UNKNOWN: Place = Place {
        name: "",
        epci: "",
        epci_name: "",
        territory: "",
    };
}

/// A Grand Est commune and where it lies, as the window receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CommunePlace {
    pub insee: String,
    pub name: String,
    pub epci: String,
    pub epci_name: String,
    /// The followed territory (empty: none).
    pub territory: String,
}

/// A followed territory of the reference: its code, label and EPCIs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceTerritory {
    pub code: &'static str,
    pub label: &'static str,
    pub epcis: Vec<&'static str>,
}

struct Index {
    communes: HashMap<&'static str, Place>,
    epci_names: HashMap<&'static str, &'static str>,
    territories: Vec<ReferenceTerritory>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let territories: Vec<ReferenceTerritory> = TERRITORIES
            .lines()
            .skip(1)
            .filter_map(|line| {
                let f = fields(line);
                Some(ReferenceTerritory {
                    code: f.first()?,
                    label: f.get(1)?,
                    epcis: f.get(2)?.split(';').map(str::trim).collect(),
                })
            })
            .collect();
        let territory_of = |epci: &str| {
            territories
                .iter()
                .find(|t| t.epcis.contains(&epci))
                .map_or("", |t| t.code)
        };
        let mut epci_names = HashMap::new();
        let communes = COMMUNES
            .lines()
            .skip(1)
            .filter_map(|line| {
                let f = fields(line);
                let (insee, name, epci, epci_name) = (f.first()?, f.get(1)?, f.get(5)?, f.get(6)?);
                epci_names.insert(*epci, *epci_name);
                Some((
                    *insee,
                    Place {
                        name,
                        epci,
                        epci_name,
                        territory: territory_of(epci),
                    },
                ))
            })
            .collect();
        Index {
            communes,
            epci_names,
            territories,
        }
    })
}

/// The place of a Grand Est commune by its INSEE code (`None`: not in Grand Est, or unknown).
pub fn of_commune(insee: &str) -> Option<Place> {
    index().communes.get(insee.trim()).copied()
}

/// [`of_commune`], owned, for the window.
pub fn commune_place(insee: &str) -> Option<CommunePlace> {
    of_commune(insee).map(|p| CommunePlace {
        insee: insee.trim().to_owned(),
        name: p.name.to_owned(),
        epci: p.epci.to_owned(),
        epci_name: p.epci_name.to_owned(),
        territory: p.territory.to_owned(),
    })
}

/// Whether `code` has the shape of an INSEE commune code (five characters: digits, or 2A / 2B
/// for Corsica), without looking it up: what the window can check before asking.
pub fn is_insee_shaped(code: &str) -> bool {
    let code = code.trim();
    code.len() == 5
        && (code.bytes().all(|b| b.is_ascii_digit())
            || ((code.starts_with("2A") || code.starts_with("2B"))
                && code[2..].bytes().all(|b| b.is_ascii_digit())))
}

/// The error on `field` for a commune code the Grand Est reference does not know (the shell
/// says it; the window shows it once the shell has looked the code up).
pub fn unknown_commune(field: &str, code: &str) -> crate::FieldError {
    crate::FieldError::new(
        field,
        format!(
            "Commune : « {} » n’est pas le code INSEE d’une commune du Grand Est (5 chiffres, ex. 57630 pour Sarrebourg ; ce n’est pas le code postal).",
            crate::validate::excerpt(code)
        ),
    )
}

/// The name of a Grand Est EPCI by its SIREN.
pub fn epci_name(siren: &str) -> Option<&'static str> {
    index().epci_names.get(siren.trim()).copied()
}

/// The followed territory an EPCI belongs to (empty: none).
pub fn territory_of_epci(siren: &str) -> &'static str {
    index()
        .territories
        .iter()
        .find(|t| t.epcis.contains(&siren.trim()))
        .map_or("", |t| t.code)
}

fn centroids() -> &'static HashMap<&'static str, (i32, i32)> {
    static CENTRES: OnceLock<HashMap<&'static str, (i32, i32)>> = OnceLock::new();
    CENTRES.get_or_init(|| {
        CENTROIDS
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut f = line.split(',');
                let insee = f.next()?;
                let x = f.next()?.trim().parse().ok()?;
                let y = f.next()?.trim().parse().ok()?;
                Some((insee, (x, y)))
            })
            .collect()
    })
}

/// The straight-line distance between two Grand Est communes' centroids, in kilometres (Lambert-93
/// is conformal: over the region its scale error stays under 0.1 %). `None`: a commune unknown.
pub fn distance_km(a: &str, b: &str) -> Option<f64> {
    let (xa, ya) = *centroids().get(a.trim())?;
    let (xb, yb) = *centroids().get(b.trim())?;
    let (dx, dy) = (f64::from(xa - xb), f64::from(ya - yb));
    Some((dx * dx + dy * dy).sqrt() / 10.0)
}

/// The INSEE code of the Grand Est commune a case names by postal code and name (accents, case
/// and « Saint »/« St » hyphens ignored); the name alone when the postal code is missing or
/// shared.
pub fn insee_of(postal_code: &str, name: &str) -> Option<&'static str> {
    static BY_NAME: OnceLock<HashMap<String, Vec<(&'static str, &'static str)>>> = OnceLock::new();
    let index = BY_NAME.get_or_init(|| {
        let mut map: HashMap<String, Vec<(&'static str, &'static str)>> = HashMap::new();
        for line in COMMUNES.lines().skip(1) {
            let f = fields(line);
            if let (Some(insee), Some(name), Some(postal)) = (f.first(), f.get(1), f.get(3)) {
                map.entry(folded_name(name))
                    .or_default()
                    .push((insee, postal));
            }
        }
        map
    });
    let candidates = index.get(&folded_name(name))?;
    let postal = postal_code.trim();
    candidates
        .iter()
        .find(|(_, codes)| {
            !postal.is_empty() && codes.split([' ', ';']).any(|c| c.trim() == postal)
        })
        .or_else(|| (candidates.len() == 1).then(|| &candidates[0]))
        .map(|(insee, _)| *insee)
}

fn folded_name(name: &str) -> String {
    crate::text::fold_for_sort(name)
        .replace(['-', '\'', '’'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The followed territories of the reference, in the file's order.
pub fn territories() -> &'static [ReferenceTerritory] {
    &index().territories
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_gets_a_commune_owned_and_checks_only_its_shape() {
        let place = commune_place(" 57630 ").unwrap();
        assert_eq!(place.insee, "57630");
        assert_eq!(place.name, "Sarrebourg");
        assert_eq!(commune_place("75056"), None, "Paris is not in Grand Est");
        assert!(is_insee_shaped("57630") && is_insee_shaped("2A004"));
        for wrong in ["5763", "576300", "57 63", "2C004", "Metz", ""] {
            assert!(!is_insee_shaped(wrong), "{wrong}");
        }
    }

    #[test]
    fn communes_are_placed_in_their_epci_and_territory() {
        let sarrebourg = of_commune("57630").unwrap();
        assert_eq!(sarrebourg.name, "Sarrebourg");
        assert_eq!(sarrebourg.epci, "200068146");
        assert_eq!(sarrebourg.territory, "moselle-sud");
        assert_eq!(epci_name("200068146"), Some("CC Sarrebourg Moselle Sud"));
        assert_eq!(territory_of_epci("200039865"), "metz");
        assert!(of_commune("75056").is_none(), "Paris is not in Grand Est");
        assert_eq!(territories().len(), 5);
    }

    #[test]
    fn distances_are_straight_lines_between_centroids() {
        // Charleville-Mézières – Sedan: about 18 km as the crow flies.
        let d = distance_km("08105", "08409").unwrap();
        assert!((15.0..21.0).contains(&d), "{d}");
        assert_eq!(distance_km("08105", "08105"), Some(0.0));
        assert_eq!(distance_km("08105", "75056"), None);
        // Metz – Nancy: about 50 km.
        let d = distance_km("57463", "54395").unwrap();
        assert!((45.0..56.0).contains(&d), "{d}");
    }

    #[test]
    fn a_case_commune_is_found_by_postal_code_and_name() {
        assert_eq!(insee_of("08000", "Charleville-Mézières"), Some("08105"));
        assert_eq!(insee_of("", "charleville mezieres"), Some("08105"));
        assert_eq!(insee_of("57000", "METZ"), Some("57463"));
        assert_eq!(insee_of("75001", "Paris"), None);
    }
}
