//! The Mon Compte Formation catalogue, as the Caisse des Dépôts publishes it in open data
//! (`moncompteformation_catalogueformation`, CSV `;`, UTF-8 with or without BOM): one line per
//! formation of a provider, with the certification it prepares, FORMACODE and ROME codes, the
//! mean hours and price, the number of sessions at a distance — but no session dates.
//!
//! Each line becomes one [`Formation`] (origin [`Origin::MonCompteFormation`]) with one
//! [`Action`] holding one undated [`Session`] (no start, no end, no recruitment state): the
//! catalogue says a formation is offered, not when. Headers are matched as
//! [`crate::normalise_header`] folds them; unknown columns (`date_extract`, `nom_region`,
//! `libelle_nsf_1`, `points_forts`…) are ignored. All or nothing, every wrong cell reported by
//! line and column.

use std::collections::HashMap;

use passerelle_domain::training::{Action, Formation, Origin, Provider, Session, Teaching};
use passerelle_domain::validate::{bounds, excerpt};

use crate::csv_file::{Table, headers as csv_headers, records};
use crate::lheo::{
    MAX_ERRORS, formacode, insee, parse_euros, parse_hours, plain_text, rncp, rome, rs, siret,
};
use crate::{ImportError, Input, LineError, Notice, normalise_header, source};

/// A field of the catalogue and the headers that carry it, preferred first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Key,
    Siret,
    ProviderName,
    Title,
    CertificationTitle,
    Objective,
    Rncp,
    Rs,
    Hours,
    Price,
    DistanceSessions,
    ActiveSessions,
    Commune,
    Place,
    Department,
}

const FIELDS: &[(Field, &[&str])] = &[
    (Field::Key, &["numero_formation", "id_formation"]),
    (Field::Siret, &["siret", "siret_of"]),
    (Field::ProviderName, &["nom_of"]),
    (Field::Title, &["intitule_formation"]),
    (Field::CertificationTitle, &["intitule_certification"]),
    (Field::Objective, &["objectif_formation"]),
    (Field::Rncp, &["code_rncp"]),
    (Field::Rs, &["code_rs", "code_inventaire"]),
    (
        Field::Hours,
        &[
            "nombre_heures_total_mean",
            "nombre_heures_total_max",
            "nombre_heures",
        ],
    ),
    (Field::Price, &["frais_ttc_tot_mean", "frais_ttc_tot_max"]),
    (Field::DistanceSessions, &["nb_session_a_distance"]),
    (Field::ActiveSessions, &["nb_session_active"]),
    (
        Field::Commune,
        &["code_commune", "code_insee", "code_insee_commune"],
    ),
    (
        Field::Place,
        &["nom_commune", "commune", "ville", "nom_departement"],
    ),
    (Field::Department, &["code_departement"]),
];

/// Reads the catalogue: one formation per line, or every wrong cell.
pub fn read_mcf(bytes: &[u8], file_name: &str) -> Result<Vec<Formation>, ImportError> {
    read(bytes, file_name).map_err(|(errors, dropped)| ImportError::Refused {
        errors,
        notices: if dropped > 0 {
            vec![Notice {
                file: file_name.to_owned(),
                message: format!(
                    "{dropped} autre(s) erreur(s) non listée(s) : corrigez les premières, puis importez de nouveau"
                ),
            }]
        } else {
            Vec::new()
        },
    })
}

fn read(bytes: &[u8], file: &str) -> Result<Vec<Formation>, (Vec<LineError>, usize)> {
    let whole = |line: u64, reason: String| {
        (
            vec![LineError {
                file: file.to_owned(),
                line,
                column: String::new(),
                reason,
            }],
            0,
        )
    };
    if bytes.len() as u64 > bounds::IMPORT_MAX_BYTES {
        return Err(whole(
            0,
            format!(
                "fichier trop volumineux ({} Mo ; {} Mo au plus)",
                (bytes.len() as u64).div_ceil(1024 * 1024),
                bounds::IMPORT_MAX_BYTES / (1024 * 1024)
            ),
        ));
    }
    let input = Input {
        name: file.to_owned(),
        file_name: file.to_owned(),
        bytes: bytes.to_vec(),
    };
    let text = source::decode(&input).map_err(|e| (vec![e], 0))?;
    let table = Table::new(&text);
    let mut reader = table.reader();
    let header = csv_headers(file, &mut reader).map_err(|e| (vec![e], 0))?;
    let written: Vec<String> = header
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    let normalised: Vec<String> = written.iter().map(|h| normalise_header(h)).collect();
    let find = |name: &str| normalised.iter().position(|h| h == name);
    // Each field: the columns that carry it, in preference order.
    let columns: HashMap<Field, Vec<usize>> = FIELDS
        .iter()
        .map(|(field, names)| (*field, names.iter().filter_map(|n| find(n)).collect()))
        .collect();
    let numbered = |prefix: &str| -> Vec<usize> {
        (1..=5)
            .filter_map(|i| find(&format!("{prefix}_{i}")))
            .collect()
    };
    let formacode_columns = numbered("code_formacode");
    let rome_columns = numbered("code_rome");
    if columns[&Field::Title].is_empty() {
        return Err(whole(
            1,
            "colonne obligatoire absente : intitule_formation. Est-ce bien le catalogue Mon Compte Formation (colonnes numero_formation, siret, nom_of, intitule_formation, code_rncp, code_formacode_1…, nombre_heures_total_mean, frais_ttc_tot_mean, nb_session_a_distance) ?".into(),
        ));
    }

    let mut formations = Vec::new();
    let mut errors: Vec<LineError> = Vec::new();
    let mut dropped = 0usize;
    let mut keys: HashMap<String, u64> = HashMap::new();
    for record in records(file, &table, &mut reader) {
        let (line, row) = match record {
            Ok(r) => r,
            Err(e) => {
                if errors.len() < MAX_ERRORS {
                    errors.push(e);
                } else {
                    dropped += 1;
                }
                continue;
            }
        };
        let mut line_errors: Vec<LineError> = Vec::new();
        let cell = |i: usize| row.get(i).map_or("", str::trim);
        // The first column of a field with a value on this line, and that value.
        let value = |field: Field| -> Option<(usize, &str)> {
            columns[&field]
                .iter()
                .map(|&i| (i, cell(i)))
                .find(|(_, v)| !v.is_empty() && *v != "-1")
        };
        let text = |field: Field| value(field).map_or("", |(_, v)| v);
        let mut fail = |column: usize, reason: String| {
            line_errors.push(LineError {
                file: file.to_owned(),
                line,
                column: written[column].clone(),
                reason,
            });
        };
        let mut check = |field: Field, parse: fn(&str) -> Result<String, String>| {
            value(field).and_then(|(i, v)| parse(v).map_err(|m| fail(i, m)).ok())
        };

        let provider_siret = check(Field::Siret, siret).unwrap_or_default();
        let mut certifications = Vec::new();
        certifications.extend(check(Field::Rncp, rncp));
        certifications.extend(check(Field::Rs, rs));
        let commune = check(Field::Commune, insee).unwrap_or_default();
        let mut codes = |columns: &[usize], parse: fn(&str) -> Result<String, String>| {
            let mut found: Vec<String> = Vec::new();
            for &i in columns {
                let v = cell(i);
                if v.is_empty() || v == "-1" {
                    continue;
                }
                match parse(v) {
                    Ok(code) if !found.contains(&code) => found.push(code),
                    Ok(_) => {}
                    Err(m) => fail(i, m),
                }
            }
            found
        };
        let formacodes = codes(&formacode_columns, formacode);
        let romes = codes(&rome_columns, rome);
        let hours =
            value(Field::Hours).and_then(|(i, v)| parse_hours(v).map_err(|m| fail(i, m)).ok());
        let price =
            value(Field::Price).and_then(|(i, v)| parse_euros(v).map_err(|m| fail(i, m)).ok());
        let mut count = |field: Field| {
            value(field).and_then(|(i, v)| {
                parse_count(v)
                    .ok_or_else(|| {
                        fail(
                            i,
                            format!(
                                "« {} » n’est pas un nombre de sessions (un entier, ex. 3)",
                                excerpt(v)
                            ),
                        );
                    })
                    .ok()
            })
        };
        let distance = count(Field::DistanceSessions);
        let active = count(Field::ActiveSessions);
        let teaching = match (distance, active) {
            (Some(0), _) => Some(Teaching::Presentiel),
            (Some(d), Some(a)) if d >= a => Some(Teaching::Distance),
            (Some(_), _) => Some(Teaching::Mixte),
            (None, _) => None,
        };

        let mut title = plain_text(text(Field::Title)).replace('\n', " ");
        if title.is_empty() {
            title = plain_text(text(Field::CertificationTitle)).replace('\n', " ");
        }
        if title.is_empty() {
            let column = columns[&Field::Title][0];
            fail(
                column,
                "intitulé de la formation vide ; il est obligatoire".into(),
            );
        }
        let key = match value(Field::Key) {
            Some((_, numero)) => numero.to_owned(),
            None => format!(
                "{provider_siret}|{}|{}",
                normalise_header(&title),
                certifications.first().map_or("", String::as_str)
            ),
        };
        let key = match keys.get(&key).copied() {
            None => key,
            Some(first) => {
                // The same formation listed for another department: kept apart.
                let department = text(Field::Department);
                let other = format!("{key}@{department}");
                if department.is_empty() || keys.contains_key(&other) {
                    let column = value(Field::Key).map_or(columns[&Field::Title][0], |(i, _)| i);
                    fail(
                        column,
                        format!(
                            "formation « {} » en double (déjà ligne {first})",
                            excerpt(&key)
                        ),
                    );
                }
                other
            }
        };
        keys.insert(key.clone(), line);

        let place = plain_text(text(Field::Place)).replace('\n', " ");
        let formation = Formation {
            origin: Origin::MonCompteFormation,
            key: key.clone(),
            title,
            objective: plain_text(text(Field::Objective)),
            romes,
            formacodes,
            certifications,
            blocs: Vec::new(),
            actions: vec![Action {
                key,
                teaching,
                afest: false,
                chantier_ecole: false,
                hours_centre: None,
                hours_company: None,
                hours_total: hours,
                price_cents: price,
                commune: if teaching == Some(Teaching::Distance) {
                    String::new()
                } else {
                    commune
                },
                place,
                provider: Provider {
                    siret: provider_siret,
                    name: plain_text(text(Field::ProviderName)).replace('\n', " "),
                },
                // The catalogue has no dates: one session says the formation is offered.
                sessions: vec![Session {
                    key: "catalogue".into(),
                    start: None,
                    end: None,
                    recruitment: None,
                }],
            }],
        };
        if line_errors.is_empty() && errors.is_empty() {
            formations.push(formation);
        }
        for e in line_errors {
            if errors.len() < MAX_ERRORS {
                errors.push(e);
            } else {
                dropped += 1;
            }
        }
    }
    if !errors.is_empty() {
        return Err((errors, dropped));
    }
    if formations.is_empty() {
        return Err(whole(
            0,
            "aucune formation : le fichier n’a que sa ligne d’en-tête".into(),
        ));
    }
    Ok(formations)
}

/// A count of sessions: a whole number (`3`, or `3.0` as some exports write it).
fn parse_count(value: &str) -> Option<u32> {
    let v = value.trim();
    v.strip_suffix(".0").unwrap_or(v).parse().ok()
}
