//! The France compétences export of the certification catalogue, as downloaded: the ZIP
//! `export-fiches-csv-AAAA-MM-JJ.zip`, or the CSV files it holds.
//!
//! The export has ten files (`export_fiches_CSV_<Kind>_AAAA_MM_JJ.csv`, UTF-8 without BOM, `;`,
//! every value quoted). Passerelle reads four — Standard (fiches), Blocs_De_Compétences, Rome,
//! Certificateurs — recognised by their headers; the six others (Formacode, Nsf, Partenaires,
//! VoixdAccès, CCN, Ancienne_Nouvelle_Certification) are skipped with a one-line notice. Quirks of
//! the real files are handled: `REPRISE` as a level (no level), ROME domain codes of three
//! characters (skipped, counted), bare bloc numbers (`01` → `RNCP…BC01`), SIRETs and names with
//! a TAB, several certifiers per fiche, a start date in `Date_Effet` when `Date_Decision` is
//! empty. All the files of one import are written together, or none.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use passerelle_domain::certification::{Bloc, Certification, parse_level};
use passerelle_domain::validate::{
    CertificationCode, bounds, parse_certification_code, parse_date_fr,
};
use passerelle_storage::{Connection, catalogue};

use crate::csv_file::{Table, headers, normalise_header, records};
use crate::{ImportError, Input, LineError, Notice, source};

/// Longest title kept for a fiche or a bloc (real titles stay under 300 characters).
const TITLE_MAX: usize = 1_000;

/// The files of the export Passerelle reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Standard,
    Blocs,
    Rome,
    Certifiers,
}

/// Files of the export Passerelle does not use, by a column only they have.
const UNUSED: &[(&str, &str)] = &[
    ("formacode_code", "les codes Formacode"),
    ("nsf_code", "les codes NSF"),
    ("nom_partenaire", "les organismes partenaires"),
    ("si_jury", "les voies d’accès"),
    ("ccn_1_numero", "les conventions collectives"),
    ("ancienne_certification", "la continuité des certifications"),
    ("nouvelle_certification", "la continuité des certifications"),
];

/// What the files of one import bring, validated.
#[derive(Debug, Default)]
pub struct Parsed {
    pub fiches: Vec<Certification>,
    /// (fiche, bloc)
    pub blocs: Vec<(String, Bloc)>,
    /// (fiche, ROME code)
    pub romes: Vec<(String, String)>,
    /// fiche → certifiers, in file order.
    pub certifiers: BTreeMap<String, Vec<String>>,
    pub errors: Vec<LineError>,
    pub notices: Vec<Notice>,
}

/// What an import wrote (or, on a dry run, would write).
#[derive(Debug, Default)]
pub struct Summary {
    pub fiches: usize,
    pub blocs: usize,
    pub romes: usize,
    /// Fiches in the catalogue afterwards.
    pub catalogue: u64,
    pub notices: Vec<Notice>,
}

fn fiche_code(text: &str) -> Result<String, String> {
    match parse_certification_code(text) {
        Ok(CertificationCode::Rncp(c) | CertificationCode::Rs(c)) => Ok(c),
        Ok(CertificationCode::RncpBloc(c)) => Err(format!("« {c} » est un bloc, pas une fiche")),
        Err(e) => Err(e),
    }
}

/// Source titles double their apostrophes (`conditionnement d''air`).
fn clean_title(text: &str) -> String {
    text.replace("''", "'")
}

/// Parses one file into `out`; writes nothing.
pub fn parse_into(input: &Input, out: &mut Parsed) {
    let file = input.name.as_str();
    let lower = input.file_name.to_lowercase();
    if !lower.ends_with(".csv") && !lower.ends_with(".txt") {
        out.notices.push(Notice {
            file: file.to_owned(),
            message: "fichier ignoré (ni CSV ni archive ZIP)".into(),
        });
        return;
    }
    let text = match source::decode(input) {
        Ok(t) => t,
        Err(e) => {
            out.errors.push(e);
            return;
        }
    };
    let table = Table::new(&text);
    let mut reader = table.reader();
    let headers: Vec<String> = match headers(file, &mut reader) {
        Ok(h) => h.iter().map(normalise_header).collect(),
        Err(e) => {
            out.errors.push(e);
            return;
        }
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let Some(fiche_col) = col("numero_fiche") else {
        out.errors.push(LineError {
            file: file.to_owned(),
            line: 1,
            column: "Numero_Fiche".into(),
            reason: "colonne obligatoire absente : ce fichier ne vient pas de l’export France compétences".into(),
        });
        return;
    };
    let kind = if col("bloc_competences_code").is_some() {
        Kind::Blocs
    } else if col("codes_rome_code").is_some() {
        Kind::Rome
    } else if col("nom_certificateur").is_some() {
        Kind::Certifiers
    } else if col("intitule").is_some() {
        Kind::Standard
    } else if let Some((_, what)) = UNUSED.iter().find(|(c, _)| col(c).is_some()) {
        out.notices.push(Notice {
            file: file.to_owned(),
            message: format!("fichier de l’export sur {what}, non utilisé par Passerelle : ignoré"),
        });
        return;
    } else {
        out.errors.push(LineError {
            file: file.to_owned(),
            line: 1,
            column: String::new(),
            reason: "fichier non reconnu : en-têtes attendus Intitule, Bloc_Competences_Code, Codes_Rome_Code ou Nom_Certificateur".into(),
        });
        return;
    };
    let mut skipped_romes = 0usize;
    for item in records(file, &table, &mut reader) {
        let (line, record) = match item {
            Ok(r) => r,
            Err(e) => {
                out.errors.push(e);
                continue;
            }
        };
        let cell = |name: &str| {
            col(name)
                .and_then(|i| record.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        let mut error = |column: &str, reason: String| {
            out.errors.push(LineError {
                file: file.to_owned(),
                line,
                column: column.to_owned(),
                reason,
            });
        };
        let fiche = match fiche_code(record.get(fiche_col).unwrap_or("").trim()) {
            Ok(code) => code,
            Err(e) => {
                error("Numero_Fiche", e);
                continue;
            }
        };
        match kind {
            Kind::Standard => {
                let title = clean_title(cell("intitule"));
                if title.is_empty() {
                    error("Intitule", "intitulé vide".into());
                    continue;
                }
                if let Err(m) = bounds::check_line("Intitulé", &title, TITLE_MAX) {
                    error("Intitule", m);
                    continue;
                }
                let level_text = cell("nomenclature_europe_niveau");
                let level = parse_level(level_text);
                // REPRISE: « sans niveau », a fiche taken over from the old repertoire.
                if !level_text.is_empty()
                    && level.is_none()
                    && !level_text.eq_ignore_ascii_case("REPRISE")
                {
                    error(
                        "Nomenclature_Europe_Niveau",
                        format!(
                            "niveau « {} » : NIV1 à NIV8 ou REPRISE attendu",
                            passerelle_domain::validate::excerpt(level_text)
                        ),
                    );
                    continue;
                }
                let date = |name: &str, column: &str| match cell(name) {
                    "" => Ok(None),
                    t => parse_date_fr(t)
                        .map(Some)
                        .map_err(|e| (column.to_owned(), e)),
                };
                let dates = (|| {
                    let decided = date("date_decision", "Date_Decision")?;
                    let effective = date("date_effet", "Date_Effet")?;
                    let ends = date("date_fin_enregistrement", "Date_Fin_Enregistrement")?;
                    Ok::<_, (String, String)>((decided.or(effective), ends))
                })();
                let (registered_on, expires_on) = match dates {
                    Ok(d) => d,
                    Err((column, e)) => {
                        error(&column, e);
                        continue;
                    }
                };
                out.fiches.push(Certification {
                    code: fiche,
                    title,
                    level,
                    registered_on,
                    expires_on,
                    // Only ACTIVE is active; a file without the column (typed by hand) is.
                    active: col("actif").is_none() || cell("actif").eq_ignore_ascii_case("ACTIVE"),
                    ..Certification::default()
                });
            }
            Kind::Blocs => {
                let raw = cell("bloc_competences_code").to_ascii_uppercase();
                // A bare bloc number (`01`) belongs to the line's fiche.
                let code =
                    if !raw.is_empty() && raw.len() <= 2 && raw.bytes().all(|b| b.is_ascii_digit())
                    {
                        format!("{fiche}BC{raw:0>2}")
                    } else {
                        raw
                    };
                match parse_certification_code(&code) {
                    Ok(CertificationCode::RncpBloc(c)) if c.starts_with(&format!("{fiche}BC")) => {
                        let title = clean_title(cell("bloc_competences_libelle"));
                        if title.is_empty() {
                            error("Bloc_Competences_Libelle", "libellé du bloc vide".into());
                        } else if let Err(m) = bounds::check_line("Libellé", &title, TITLE_MAX) {
                            error("Bloc_Competences_Libelle", m);
                        } else {
                            out.blocs.push((fiche, Bloc { code: c, title }));
                        }
                    }
                    Ok(_) => error(
                        "Bloc_Competences_Code",
                        format!(
                            "« {} » n’est pas un bloc de la fiche {fiche} ({fiche}BC01, {fiche}BC02…)",
                            passerelle_domain::validate::excerpt(&code)
                        ),
                    ),
                    Err(e) => error("Bloc_Competences_Code", e),
                }
            }
            Kind::Rome => {
                let rome = cell("codes_rome_code").to_ascii_uppercase();
                let b = rome.as_bytes();
                let letter = |c: u8| (b'A'..=b'N').contains(&c);
                if b.len() == 5 && letter(b[0]) && b[1..].iter().all(u8::is_ascii_digit) {
                    out.romes.push((fiche, rome));
                } else if (2..=4).contains(&b.len())
                    && letter(b[0])
                    && b[1..].iter().all(u8::is_ascii_digit)
                {
                    // A ROME domain (`A12`, `K00`) rather than a fiche: not a trade to link.
                    skipped_romes += 1;
                } else {
                    error(
                        "Codes_Rome_Code",
                        format!(
                            "code ROME « {} » : une lettre de A à N et 4 chiffres attendus",
                            passerelle_domain::validate::excerpt(&rome)
                        ),
                    );
                }
            }
            Kind::Certifiers => {
                let name = cell("nom_certificateur");
                if name.is_empty() {
                    continue;
                }
                if let Err(m) = bounds::check_text("Certificateur", name, TITLE_MAX) {
                    error("Nom_Certificateur", m);
                    continue;
                }
                // A TAB sits inside some names; spaces are what the catalogue shows.
                let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
                let list = out.certifiers.entry(fiche).or_default();
                if !list.contains(&name) {
                    list.push(name);
                }
            }
        }
    }
    if skipped_romes > 0 {
        out.notices.push(Notice {
            file: file.to_owned(),
            message: format!(
                "{skipped_romes} code(s) de domaine ROME (3 caractères, ex. K00) ignoré(s) : seules les fiches ROME sont reliées aux certifications"
            ),
        });
    }
}

/// Imports the catalogue files in `inputs` (the ZIP's entries, or CSV files), all or nothing.
/// Blocs, ROME codes and certifiers must name a fiche known now or brought by this import.
pub fn import(
    conn: &mut Connection,
    inputs: &[Input],
    dry_run: bool,
    at: DateTime<Utc>,
) -> Result<Summary, ImportError> {
    let mut parsed = Parsed::default();
    for input in inputs {
        parse_into(input, &mut parsed);
    }
    let new_fiches: HashSet<&str> = parsed.fiches.iter().map(|f| f.code.as_str()).collect();
    let refs = parsed
        .blocs
        .iter()
        .map(|(f, _)| f)
        .chain(parsed.romes.iter().map(|(f, _)| f))
        .chain(parsed.certifiers.keys());
    let mut unknown = BTreeMap::new();
    for fiche in refs {
        if !new_fiches.contains(fiche.as_str()) && !catalogue::exists(conn, fiche)? {
            *unknown.entry(fiche.clone()).or_insert(0usize) += 1;
        }
    }
    if !unknown.is_empty() {
        let listed: Vec<&str> = unknown.keys().take(10).map(String::as_str).collect();
        parsed.errors.push(LineError {
            file: inputs
                .first()
                .map(|i| i.name.clone())
                .unwrap_or_default(),
            line: 0,
            column: String::new(),
            reason: format!(
                "{} fiche(s) inconnue(s) ({}{}) : importez aussi le fichier des fiches (Standard), ou l’archive ZIP entière",
                unknown.len(),
                listed.join(", "),
                if unknown.len() > 10 { "…" } else { "" }
            ),
        });
    }
    if parsed.fiches.is_empty()
        && parsed.blocs.is_empty()
        && parsed.romes.is_empty()
        && parsed.errors.is_empty()
        && parsed.certifiers.is_empty()
    {
        parsed.errors.push(LineError {
            file: inputs.first().map(|i| i.name.clone()).unwrap_or_default(),
            line: 0,
            column: String::new(),
            reason: "aucune fiche, aucun bloc ni code ROME dans ces fichiers".into(),
        });
    }
    if !parsed.errors.is_empty() {
        return Err(ImportError::Refused {
            errors: parsed.errors,
            notices: parsed.notices,
        });
    }
    let mut summary = Summary {
        fiches: parsed.fiches.len(),
        blocs: parsed.blocs.len(),
        romes: parsed.romes.len(),
        catalogue: 0,
        notices: parsed.notices,
    };
    if !dry_run {
        let tx = conn
            .transaction()
            .map_err(passerelle_storage::StorageError::from)?;
        for f in &parsed.fiches {
            catalogue::upsert(&tx, f, at)?;
        }
        for (fiche, bloc) in &parsed.blocs {
            catalogue::upsert_bloc(&tx, fiche, bloc)?;
        }
        for (fiche, rome) in &parsed.romes {
            catalogue::add_rome(&tx, fiche, rome)?;
        }
        for (fiche, names) in &parsed.certifiers {
            catalogue::set_certifier(&tx, fiche, &names.join(" ; "))?;
        }
        tx.commit()
            .map_err(passerelle_storage::StorageError::from)?;
    }
    summary.catalogue = catalogue::count(conn)?;
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, text: &str) -> Input {
        Input::named(name, text)
    }

    /// Header lines and rows as the real export writes them (issue 10 research: a 2024 sample
    /// and the 2026 files): every value quoted, empty ones bare, CRLF, a TAB before SIRETs.
    const STANDARD: &str = "\"Id_Fiche\";\"Numero_Fiche\";\"Intitule\";\"Abrege_Libelle\";\"Abrege_Intitule\";\"Nomenclature_Europe_Niveau\";\"Nomenclature_Europe_Intitule\";\"Accessible_Nouvelle_Caledonie\";\"Accessible_Polynesie_Francaise\";\"Date_dernier_jo\";\"Date_Decision\";\"Date_Fin_Enregistrement\";\"Date_Effet\";\"Type_Enregistrement\";\"Validation_Partielle\";\"Actif\"\r\n\
\"14791\";\"RNCP509\";\"Agent vérificateur d'appareils extincteurs\";\"CAP\";\"Certificat d'aptitude professionnelle\";\"NIV3\";\"Niveau 3\";\"Non\";\"Non\";;;\"31/08/2023\";;\"Enregistrement de droit\";;\"INACTIVE\"\r\n\
\"23237\";\"RS6117\";\"CQP Tourier\";;;;;\"Non\";\"Non\";;\"29/09/2022\";\"29/09/2025\";;\"Enregistrement sur demande\";\"Non\";\"ACTIVE\"\r\n\
\"99\";\"RNCP181\";\"Comptabilité\";;;\"REPRISE\";\"Sans niveau\";\"Non\";\"Non\";;;;\"01/02/2020\";\"Enregistrement de droit\";;\"ACTIVE\"\r\n";

    #[test]
    fn the_real_standard_file_reads_with_reprise_and_date_effet() {
        let mut p = Parsed::default();
        parse_into(
            &input("export_fiches_CSV_Standard_2024_02_22.csv", STANDARD),
            &mut p,
        );
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.fiches.len(), 3);
        assert!(!p.fiches[0].active);
        assert_eq!(p.fiches[0].level, Some(3));
        assert!(p.fiches[1].active);
        assert_eq!(p.fiches[2].level, None, "REPRISE: no level");
        assert_eq!(
            p.fiches[2].registered_on,
            chrono::NaiveDate::from_ymd_opt(2020, 2, 1),
            "Date_Effet when Date_Decision is empty"
        );
    }

    #[test]
    fn unused_files_of_the_export_are_skipped_with_a_notice() {
        let mut p = Parsed::default();
        for (name, text) in [
            (
                "export_fiches_CSV_Formacode_2024_02_22.csv",
                "\"Numero_Fiche\";\"Formacode_Code\";\"Formacode_Libelle\"\r\n\"RNCP509\";\"42872\";\"42872 : Sécurité incendie\"\r\n",
            ),
            (
                "export_fiches_CSV_Nsf_2024_02_22.csv",
                "\"Numero_Fiche\";\"Nsf_Code\";\"Nsf_Intitule\"\r\n\"RNCP181\";\"114b\";\"114b : Modèles mathématiques ; Informatique mathématique\"\r\n",
            ),
            (
                "export_fiches_CSV_Partenaires_2024_02_22.csv",
                "\"Numero_Fiche\";\"Nom_Partenaire\";\"Siret_Partenaire\";\"Habilitation_Partenaire\"\r\n\"RS5000\";\"ALYRA\";\"\t82815245400033\";\"HABILITATION_ORGA_FORM\"\r\n",
            ),
            (
                "export_fiches_CSV_VoixdAccès_2024_02_22.csv",
                "\"Numero_Fiche\";\"Si_Jury\"\r\n\"RNCP509\";\"Par expérience\"\r\n",
            ),
            (
                "export_fiches_CSV_CCN_2024_02_22.csv",
                "\"Numero_Fiche\";\"Ccn_1_Numero\";\"Ccn_1_Libelle\";\"Ccn_2_Numero\";\"Ccn_2_Libelle\";\"Ccn_3_Numero\";\"Ccn_3_Libelle\"\r\n\"RNCP286\";\"3246\";\"Animation socioculturelle\";;;;\r\n",
            ),
            (
                "export_fiches_CSV_Ancienne_Nouvelle_Certification_2024_02_22.csv",
                "\"Numero_Fiche\";\"Ancienne_Certification\";\"Nouvelle_Certification\"\r\n\"RNCP181\";;\"RNCP5881\"\r\n",
            ),
        ] {
            parse_into(&input(name, text), &mut p);
        }
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.notices.len(), 6);
        assert!(p.notices.iter().all(|n| n.message.contains("ignoré")));
    }

    #[test]
    fn rome_domains_bare_blocs_and_several_certifiers() {
        let mut p = Parsed::default();
        parse_into(
            &input(
                "rome.csv",
                "\"Numero_Fiche\";\"Codes_Rome_Code\";\"Codes_Rome_Libelle\"\r\n\"RNCP181\";\"M1203\";\"Comptabilité\"\r\n\"RNCP39951\";\"A12\";\"Espaces naturels et espaces verts\"\r\n\"RNCP181\";\"F1603\";\"Installation et maintenance en froid, conditionnement d''air\"\r\n",
            ),
            &mut p,
        );
        parse_into(
            &input(
                "blocs.csv",
                "\"Numero_Fiche\";\"Bloc_Competences_Code\";\"Bloc_Competences_Libelle\"\r\n\"RNCP509\";\"RNCP509BC05\";\"UG2 : Mathématiques\"\r\n\"RNCP40505\";\"01\";\"Bloc d''un\"\r\n",
            ),
            &mut p,
        );
        parse_into(
            &input(
                "certificateurs.csv",
                "\"Numero_Fiche\";\"Siret_Certificateur\";\"Nom_Certificateur\"\r\n\"RS6117\";\"\t11004301500012\";\"MINISTERE\tDU TRAVAIL\"\r\n\"RS6117\";\"\t11004301500013\";\"I P L \"\"ISEFAC\"\"\"\r\n",
            ),
            &mut p,
        );
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(p.romes.len(), 2);
        assert!(p.notices[0].message.contains("1 code(s) de domaine ROME"));
        assert_eq!(p.blocs[1].1.code, "RNCP40505BC01");
        assert_eq!(p.blocs[1].1.title, "Bloc d'un");
        assert_eq!(
            p.certifiers["RS6117"],
            ["MINISTERE DU TRAVAIL", "I P L \"ISEFAC\""]
        );
    }

    #[test]
    fn an_unknown_file_and_bad_cells_are_located() {
        let mut p = Parsed::default();
        parse_into(
            &input(
                "autre.csv",
                "\"Numero_Fiche\";\"Couleur\"\r\n\"RNCP1\";\"bleu\"\r\n",
            ),
            &mut p,
        );
        parse_into(
            &input(
                "std.csv",
                "Numero_Fiche;Intitule;Nomenclature_Europe_Niveau\r\nRNCP1;Titre;NIV9\r\nXYZ;Titre;\r\n",
            ),
            &mut p,
        );
        let found: Vec<String> = p.errors.iter().map(ToString::to_string).collect();
        assert!(
            found[0].starts_with("autre.csv:1 : fichier non reconnu"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("std.csv:2 : colonne « Nomenclature_Europe_Niveau »"),
            "{found:?}"
        );
        assert!(
            found[2].starts_with("std.csv:3 : colonne « Numero_Fiche »"),
            "{found:?}"
        );
    }
}
