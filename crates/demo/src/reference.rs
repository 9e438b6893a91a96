//! Reference data the generator draws from: Grand Est communes and territories.

use std::collections::HashMap;

use passerelle_domain::text::reference_fields as fields;

const COMMUNES: &str = include_str!("../../../assets/reference/communes_grand_est.csv");
const TERRITORIES: &str = include_str!("../../../assets/reference/territoires.csv");

pub struct Commune {
    pub insee: &'static str,
    pub name: &'static str,
    pub postal_code: &'static str,
}

/// Communes of each seed territory (by the EPCIs of `territoires.csv`).
pub fn communes_by_territory() -> Vec<(&'static str, Vec<Commune>)> {
    let mut by_epci: HashMap<&str, Vec<Commune>> = HashMap::new();
    for line in COMMUNES.lines().skip(1) {
        let f = fields(line);
        let postal = f[3].split(' ').next().unwrap_or_default();
        by_epci.entry(f[5]).or_default().push(Commune {
            insee: f[0],
            name: f[1],
            postal_code: postal,
        });
    }
    TERRITORIES
        .lines()
        .skip(1)
        .map(|line| {
            let f = fields(line);
            let communes = f[2]
                .split(';')
                .flat_map(|siren| by_epci.remove(siren).unwrap_or_default());
            (f[0], communes.collect())
        })
        .collect()
}
