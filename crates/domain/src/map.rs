//! The map of the Grand Est EPCIs, drawn offline: contours projected once and rounded (by
//! `passerelle-import`'s `build-map`, from the IGN Admin Express contours) into an asset of SVG
//! paths, so that the app needs neither a tile server nor a map library.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The region's EPCIs as SVG paths in one coordinate system (`view_box`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RegionMap {
    /// The SVG `viewBox` the paths are drawn in (« 0 0 1000 830 »).
    pub view_box: String,
    /// The attribution the licence asks for, shown under the map.
    pub attribution: String,
    pub epcis: Vec<EpciShape>,
}

/// One EPCI's contour.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EpciShape {
    /// The EPCI's SIREN (« 200068146 »).
    pub siren: String,
    pub name: String,
    /// SVG path data: one closed sub-path (`M … Z`) per ring.
    pub path: String,
    /// Where a label or a marker sits (inside the contour, in `view_box` units).
    pub label_x: f32,
    pub label_y: f32,
}

/// The asset `build-map` made (committed; the app never reads the GeoJSON source).
const GRAND_EST_JSON: &str = include_str!("../../../assets/geo/epci_grand_est.json");

/// The Grand Est EPCIs (parsed once). The asset ships with the app and is checked by the tests
/// below, so a parse failure is a build defect, not a user's problem.
pub fn grand_est() -> &'static RegionMap {
    static MAP: OnceLock<RegionMap> = OnceLock::new();
    MAP.get_or_init(|| {
        serde_json::from_str(GRAND_EST_JSON).expect("assets/geo/epci_grand_est.json")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::reference_fields;

    #[test]
    fn the_map_has_every_grand_est_epci_as_closed_paths() {
        let map = grand_est();
        assert_eq!(map.epcis.len(), 150);
        assert!(map.view_box.starts_with("0 0 1000 "), "{}", map.view_box);
        assert!(map.attribution.contains("IGN") && map.attribution.contains("Licence Ouverte"));
        for epci in &map.epcis {
            assert!(
                epci.path.starts_with('M') && epci.path.ends_with('Z'),
                "{}",
                epci.siren
            );
            assert!(!epci.name.is_empty(), "{}", epci.siren);
        }
    }

    #[test]
    fn the_territories_epcis_are_on_the_map() {
        let territories = include_str!("../../../assets/reference/territoires.csv");
        let map = grand_est();
        for line in territories.lines().skip(1) {
            for siren in reference_fields(line)[2].split(';') {
                let siren = siren.trim();
                assert!(map.epcis.iter().any(|e| e.siren == siren), "{siren}");
            }
        }
    }
}
