//! An extract of the INSEE Sirene establishment stock (`StockEtablissement`, CSV with the
//! official column names), kept to what a Grand Est territory follows: active establishments
//! (`etatAdministratifEtablissement` = A) of Grand Est communes, diffusible ones only
//! (`statutDiffusionEtablissement` = O; the others asked not to be published). Each one is
//! placed in its commune's EPCI and territory from the reference data shipped in `assets/`.
//! Re-importable: a SIRET already known is updated. All or nothing.

use chrono::{DateTime, Utc};
use passerelle_domain::establishment::{Establishment, headcount_label, normalise_naf};
use passerelle_domain::place;
use passerelle_domain::validate::validate_siret;
use passerelle_storage::Connection;
use passerelle_storage::establishments::{self, Saved};

use crate::csv_file::{Table, records};
use crate::{ImportError, Input, LineError, Notice, source};

/// The columns read, by their official names.
const SIRET: &str = "siret";
const NAF: &str = "activitePrincipaleEtablissement";
const BAND: &str = "trancheEffectifsEtablissement";
const COMMUNE: &str = "codeCommuneEtablissement";
const STATE: &str = "etatAdministratifEtablissement";
const DIFFUSION: &str = "statutDiffusionEtablissement";
const NAME: &str = "denominationUsuelleEtablissement";
const SIGN: &str = "enseigne1Etablissement";
const REQUIRED: [&str; 6] = [SIRET, NAF, BAND, COMMUNE, STATE, DIFFUSION];

/// What a file held: the establishments kept, and how many rows were skipped and why.
#[derive(Debug, Default)]
pub struct Parsed {
    pub establishments: Vec<Establishment>,
    pub errors: Vec<LineError>,
    pub closed: u64,
    pub not_diffusible: u64,
    pub outside: u64,
}

/// Reads one file of the stock (or an extract of it), writes nothing.
pub fn parse(input: &Input, at: DateTime<Utc>) -> Parsed {
    let mut parsed = Parsed::default();
    let file = input.name.as_str();
    let text = match source::decode(input) {
        Ok(text) => text,
        Err(e) => {
            parsed.errors.push(e);
            return parsed;
        }
    };
    let table = Table::new(&text);
    let mut reader = table.reader();
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_owned())
            .collect(),
        Err(_) => {
            parsed.errors.push(LineError {
                file: file.to_owned(),
                line: 1,
                column: String::new(),
                reason: "en-tête illisible".into(),
            });
            return parsed;
        }
    };
    let index = |name: &str| headers.iter().position(|h| h == name);
    let missing: Vec<&str> = REQUIRED
        .into_iter()
        .filter(|c| index(c).is_none())
        .collect();
    if !missing.is_empty() {
        parsed.errors.push(LineError {
            file: file.to_owned(),
            line: 1,
            column: String::new(),
            reason: format!(
                "colonnes du stock Sirene absentes : {} (le fichier « StockEtablissement » de l’INSEE, ou un extrait avec ses noms de colonnes, est attendu)",
                missing.join(", ")
            ),
        });
        return parsed;
    }
    let col = |name: &str| index(name).unwrap_or_default();
    let (siret_i, naf_i, band_i, commune_i) = (col(SIRET), col(NAF), col(BAND), col(COMMUNE));
    let (state_i, diffusion_i) = (col(STATE), col(DIFFUSION));
    let (name_i, sign_i) = (index(NAME), index(SIGN));
    let updated_at = at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    for record in records(file, &table, &mut reader) {
        let (line, r) = match record {
            Ok(ok) => ok,
            Err(e) => {
                parsed.errors.push(e);
                continue;
            }
        };
        let cell = |i: usize| r.get(i).unwrap_or_default().trim();
        let mut error = |column: &str, reason: String| {
            parsed.errors.push(LineError {
                file: file.to_owned(),
                line,
                column: column.to_owned(),
                reason,
            });
        };
        // Skipped, not wrong: closed, non-diffusible, outside Grand Est.
        if cell(state_i) != "A" {
            parsed.closed += 1;
            continue;
        }
        if cell(diffusion_i) != "O" {
            parsed.not_diffusible += 1;
            continue;
        }
        let Some(place) = place::of_commune(cell(commune_i)) else {
            parsed.outside += 1;
            continue;
        };
        let siret = match validate_siret(cell(siret_i)) {
            Ok(checked) => checked.value,
            Err(reason) => {
                error(SIRET, reason);
                continue;
            }
        };
        let naf = match normalise_naf(cell(naf_i)) {
            Ok(naf) => naf,
            Err(reason) => {
                error(NAF, reason);
                continue;
            }
        };
        let band = match cell(band_i) {
            "" | "NN" => String::new(),
            code if headcount_label(code).is_some() => code.to_owned(),
            other => {
                error(
                    BAND,
                    format!("tranche d’effectif « {other} » inconnue (codes INSEE 00 à 53, ou NN)"),
                );
                continue;
            }
        };
        let name = [name_i, sign_i]
            .into_iter()
            .flatten()
            .map(cell)
            .find(|n| !n.is_empty())
            .unwrap_or_default();
        parsed.establishments.push(Establishment {
            siret,
            name: name.chars().take(200).collect(),
            naf,
            headcount_band: band,
            commune: cell(commune_i).to_owned(),
            commune_name: place.name.to_owned(),
            epci: place.epci.to_owned(),
            epci_name: place.epci_name.to_owned(),
            territory: place.territory.to_owned(),
            idcc: String::new(),
            opco: String::new(),
            notes: String::new(),
            source: "sirene".into(),
            updated_at: updated_at.clone(),
        });
    }
    parsed
}

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub saved: Saved,
    pub notices: Vec<Notice>,
}

/// Imports every input, all or nothing: any wrong line and nothing is written.
pub fn import(
    conn: &mut Connection,
    inputs: &[Input],
    dry_run: bool,
    at: DateTime<Utc>,
) -> Result<Summary, ImportError> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut notices = Vec::new();
    for input in inputs {
        let parsed = parse(input, at);
        rows.extend(parsed.establishments);
        errors.extend(parsed.errors);
        for (n, why) in [
            (parsed.closed, "fermés"),
            (
                parsed.not_diffusible,
                "non diffusibles (à la demande de l’entreprise)",
            ),
            (parsed.outside, "hors Grand Est"),
        ] {
            if n > 0 {
                notices.push(Notice {
                    file: input.name.clone(),
                    message: format!("{} établissement(s) {why} ignoré(s)", n),
                });
            }
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::Refused { errors, notices });
    }
    let saved = if dry_run {
        Saved {
            inserted: rows.len() as u64,
            updated: 0,
        }
    } else {
        establishments::save_all(conn, &rows)?
    };
    Ok(Summary { saved, notices })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "siren,nic,siret,statutDiffusionEtablissement,denominationUsuelleEtablissement,enseigne1Etablissement,trancheEffectifsEtablissement,codeCommuneEtablissement,etatAdministratifEtablissement,activitePrincipaleEtablissement";

    fn input(rows: &[&str]) -> Input {
        Input::named(
            "StockEtablissement.csv",
            format!("{HEADER}\n{}\n", rows.join("\n")),
        )
    }

    #[test]
    fn active_diffusible_grand_est_establishments_are_kept_and_placed() {
        let parsed = parse(
            &input(&[
                // Sarrebourg (57630): CC Sarrebourg Moselle Sud → moselle-sud.
                "732829320,00074,73282932000074,O,Cristallerie,,12,57630,A,23.13Z",
                "732829320,00074,73282932000074,O,Fermée,,12,57630,F,23.13Z",
                "732829320,00074,73282932000074,P,Protégée,,12,57630,A,23.13Z",
                "732829320,00074,73282932000074,O,Paris,,12,75056,A,23.13Z",
            ]),
            Utc::now(),
        );
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(
            (parsed.closed, parsed.not_diffusible, parsed.outside),
            (1, 1, 1)
        );
        let e = &parsed.establishments[0];
        assert_eq!(
            (e.name.as_str(), e.naf.as_str()),
            ("Cristallerie", "23.13Z")
        );
        assert_eq!(e.commune_name, "Sarrebourg");
        assert_eq!(e.territory, "moselle-sud");
        assert_eq!(e.headcount_band, "12");
    }

    #[test]
    fn bad_cells_are_reported_by_line_and_column() {
        let parsed = parse(
            &input(&[
                "732829320,00074,73282932000075,O,X,,12,57630,A,23.13Z",
                "732829320,00074,73282932000074,O,X,,77,57630,A,23.13Z",
                "732829320,00074,73282932000074,O,X,,12,57630,A,2313",
            ]),
            Utc::now(),
        );
        let located: Vec<(u64, &str)> = parsed
            .errors
            .iter()
            .map(|e| (e.line, e.column.as_str()))
            .collect();
        assert_eq!(
            located,
            [(2, SIRET), (3, BAND), (4, NAF)],
            "{:?}",
            parsed.errors
        );
        let missing = parse(
            &Input {
                name: "x.csv".into(),
                file_name: "x.csv".into(),
                bytes: b"siret;nom\n1;2\n".to_vec(),
            },
            Utc::now(),
        );
        assert!(
            missing.errors[0]
                .reason
                .contains("activitePrincipaleEtablissement")
        );
    }
}
