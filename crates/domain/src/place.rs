//! Where a commune lies: its EPCI and the followed territory (from the reference data shipped
//! in `assets/`: the 5 115 Grand Est communes of the COG and the seed territories' EPCIs). The
//! Sirene import, manual entry of an establishment and the territory dashboard read the same
//! table.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::text::reference_fields as fields;

const COMMUNES: &str = include_str!("../../../assets/reference/communes_grand_est.csv");
const TERRITORIES: &str = include_str!("../../../assets/reference/territoires.csv");

/// A commune's name, its EPCI (SIREN, name) and the followed territory (empty: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub name: &'static str,
    pub epci: &'static str,
    pub epci_name: &'static str,
    pub territory: &'static str,
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

/// The followed territories of the reference, in the file's order.
pub fn territories() -> &'static [ReferenceTerritory] {
    &index().territories
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
