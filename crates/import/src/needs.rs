//! Hiring needs from a spreadsheet (the Metz cell's census): CSV or XLSX (first sheet), one
//! need per line, French headers as people write them (« SIRET », « Code ROME », « Postes »,
//! « Contrat », « Démarrage souhaité », « Reconversion », « AFEST », « Statut », « Source »,
//! « Campagne »). All or nothing: one wrong cell and nothing is written, every wrong cell
//! reported with its line and column.

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::AppError;
use passerelle_domain::need::{Contract, HiringNeed, NeedSource, NeedStatus};
use passerelle_domain::validate::parse_date_fr;
use passerelle_storage::{Connection, establishments, needs};

use crate::{ImportError, Input, LineError, normalise_header, sheet};

/// A column: its normalised header names, and the need's field its errors attach to.
struct Column {
    names: &'static [&'static str],
    field: &'static str,
    required: bool,
}

const COLUMNS: &[Column] = &[
    Column {
        names: &["siret"],
        field: "siret",
        required: true,
    },
    Column {
        names: &["rome", "code_rome"],
        field: "rome",
        required: true,
    },
    Column {
        names: &["appellation", "intitule", "intitule_du_poste", "metier"],
        field: "appellation",
        required: false,
    },
    Column {
        names: &["postes", "nombre_de_postes", "nb_postes"],
        field: "posts",
        required: true,
    },
    Column {
        names: &["contrat", "type_de_contrat"],
        field: "contract",
        required: true,
    },
    Column {
        names: &[
            "demarrage",
            "demarrage_souhaite",
            "date_de_demarrage",
            "debut",
        ],
        field: "wishedStart",
        required: false,
    },
    Column {
        names: &["reconversion", "ouvert_a_la_reconversion"],
        field: "reconversionOpen",
        required: false,
    },
    Column {
        names: &["afest"],
        field: "afest",
        required: false,
    },
    Column {
        names: &["statut"],
        field: "status",
        required: false,
    },
    Column {
        names: &["source"],
        field: "source",
        required: false,
    },
    Column {
        names: &["campagne"],
        field: "campaign",
        required: false,
    },
    Column {
        names: &["notes", "commentaire"],
        field: "notes",
        required: false,
    },
];

fn yes_no(text: &str) -> Option<bool> {
    match normalise_header(text).as_str() {
        "" | "non" | "n" | "0" | "false" | "faux" => Some(false),
        "oui" | "o" | "1" | "true" | "vrai" | "x" => Some(true),
        _ => None,
    }
}

/// Reads the needs of one file, writes nothing: the needs, or every wrong cell.
pub fn parse(input: &Input, today: NaiveDate) -> Result<Vec<HiringNeed>, Vec<LineError>> {
    let sheet = sheet::read(input)?;
    let file = input.name.as_str();
    let normalised: Vec<String> = sheet.headers.iter().map(|h| normalise_header(h)).collect();
    let index: Vec<Option<usize>> = COLUMNS
        .iter()
        .map(|c| {
            normalised
                .iter()
                .position(|h| c.names.contains(&h.as_str()))
        })
        .collect();
    let missing: Vec<&str> = COLUMNS
        .iter()
        .zip(&index)
        .filter(|(c, i)| c.required && i.is_none())
        .map(|(c, _)| c.names[0])
        .collect();
    if !missing.is_empty() {
        return Err(vec![LineError {
            file: file.to_owned(),
            line: 1,
            column: String::new(),
            reason: format!(
                "colonnes obligatoires absentes : {} (en-têtes attendus : SIRET, Code ROME, Postes, Contrat ; facultatifs : Appellation, Démarrage souhaité, Reconversion, AFEST, Statut, Source, Campagne, Notes)",
                missing.join(", ")
            ),
        }]);
    }
    // The header as the file writes it, for messages.
    let header_of = |field: &str| {
        COLUMNS
            .iter()
            .zip(&index)
            .find(|(c, _)| c.field == field)
            .and_then(|(_, i)| *i)
            .map_or_else(|| field.to_owned(), |i| sheet.headers[i].clone())
    };
    let mut needs = Vec::new();
    let mut errors = Vec::new();
    for (line, row) in &sheet.rows {
        let cell = |field: &str| -> &str {
            COLUMNS
                .iter()
                .zip(&index)
                .find(|(c, _)| c.field == field)
                .and_then(|(_, i)| *i)
                .and_then(|i| row.get(i))
                .map_or("", |s| s.as_str())
        };
        let mut line_errors = Vec::new();
        let mut fail = |field: &str, reason: String| {
            line_errors.push(LineError {
                file: file.to_owned(),
                line: *line,
                column: header_of(field),
                reason,
            });
        };
        let posts = cell("posts").parse::<u32>().unwrap_or_else(|_| {
            fail(
                "posts",
                format!(
                    "« {} » n’est pas un nombre de postes (un entier, ex. 3)",
                    cell("posts")
                ),
            );
            1
        });
        let contract = Contract::parse(cell("contract")).unwrap_or_else(|| {
            fail(
                "contract",
                format!(
                    "contrat « {} » inconnu ; écrivez l’un de : {}",
                    cell("contract"),
                    Contract::ALL
                        .iter()
                        .map(|c| c.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            Contract::Cdi
        });
        let wished_start = match cell("wishedStart") {
            "" => None,
            text => parse_date_fr(text).map_err(|m| fail("wishedStart", m)).ok(),
        };
        let mut flag = |field: &str| {
            yes_no(cell(field)).unwrap_or_else(|| {
                fail(field, format!("« {} » : écrivez oui ou non", cell(field)));
                false
            })
        };
        let reconversion_open = flag("reconversionOpen");
        let afest = flag("afest");
        let status = match cell("status") {
            "" => NeedStatus::Ouvert,
            text => NeedStatus::parse(text).unwrap_or_else(|| {
                fail(
                    "status",
                    format!("statut « {text} » inconnu ; écrivez ouvert, pourvu ou abandonné"),
                );
                NeedStatus::Ouvert
            }),
        };
        let need_source = match cell("source") {
            "" => NeedSource::Recensement,
            text => NeedSource::parse(text).unwrap_or_else(|| {
                fail(
                    "source",
                    format!("source « {text} » inconnue ; écrivez recensement, visite ou offre"),
                );
                NeedSource::Recensement
            }),
        };
        let need = HiringNeed {
            id: 0,
            siret: cell("siret").to_owned(),
            rome: cell("rome").to_owned(),
            appellation: cell("appellation").to_owned(),
            posts,
            contract,
            wished_start,
            reconversion_open,
            afest,
            status,
            source: need_source,
            campaign: cell("campaign").to_owned(),
            notes: cell("notes").to_owned(),
            recorded_on: None,
        };
        let validated = need.validated(today);
        let located = |field: &str, reason: String| LineError {
            file: file.to_owned(),
            line: *line,
            column: header_of(field),
            reason,
        };
        match validated {
            Ok(need) if line_errors.is_empty() => needs.push(need),
            Ok(_) => {}
            Err(AppError::Validation { errors: fields }) => {
                for f in fields {
                    // A cell already reported (unreadable) is not reported twice.
                    if !line_errors.iter().any(|e| e.column == header_of(&f.field)) {
                        line_errors.push(located(&f.field, f.message));
                    }
                }
            }
            Err(other) => line_errors.push(located("siret", other.user_message())),
        }
        errors.extend(line_errors);
    }
    if errors.is_empty() {
        Ok(needs)
    } else {
        Err(errors)
    }
}

/// Imports every input, all or nothing; the number of needs written (or that would be, with
/// `dry_run`). A SIRET the database does not know is an error of its line.
pub fn import(
    conn: &mut Connection,
    inputs: &[Input],
    dry_run: bool,
    today: NaiveDate,
    at: DateTime<Utc>,
) -> Result<u64, ImportError> {
    let mut all = Vec::new();
    let mut errors = Vec::new();
    for input in inputs {
        match parse(input, today) {
            Ok(needs) => all.extend(needs.into_iter().map(|n| (input.name.clone(), n))),
            Err(e) => errors.extend(e),
        }
    }
    if errors.is_empty() {
        for (i, (file, need)) in all.iter().enumerate() {
            if establishments::get(conn, &need.siret)?.is_none() {
                errors.push(LineError {
                    file: file.clone(),
                    line: 0,
                    column: "siret".into(),
                    reason: format!(
                        "besoin n°{} : SIRET {} inconnu ; importez l’établissement (stock Sirene) ou saisissez-le d’abord",
                        i + 1,
                        need.siret
                    ),
                });
            }
        }
    }
    if !errors.is_empty() {
        return Err(ImportError::Refused {
            errors,
            notices: Vec::new(),
        });
    }
    if dry_run {
        return Ok(all.len() as u64);
    }
    let needs: Vec<HiringNeed> = all.into_iter().map(|(_, n)| n).collect();
    Ok(needs::save_all(conn, &needs, today, at)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
    }

    #[test]
    fn a_census_csv_is_read_with_its_french_headers() {
        let csv = "SIRET;Code ROME;Appellation;Postes;Contrat;Démarrage souhaité;Reconversion;AFEST;Statut;Campagne\n\
                   73282932000074;H2913;Soudeur TIG;3;CDI;01/03/2027;oui;non;;Recensement Metz 2026\n";
        let needs = parse(&Input::named("besoins.csv", csv), today()).unwrap();
        assert_eq!(needs.len(), 1);
        let n = &needs[0];
        assert_eq!(
            (n.posts, n.contract, n.reconversion_open, n.afest),
            (3, Contract::Cdi, true, false)
        );
        assert_eq!(n.wished_start, NaiveDate::from_ymd_opt(2027, 3, 1));
        assert_eq!(n.status, NeedStatus::Ouvert);
    }

    #[test]
    fn wrong_cells_are_reported_by_line_and_column() {
        let csv = "siret;rome;postes;contrat;afest\n\
                   73282932000074;H2913;3;CDI;oui\n\
                   73282932000075;H29;deux;stage;peut-être\n";
        let errors = parse(&Input::named("besoins.csv", csv), today()).unwrap_err();
        let located: Vec<String> = errors
            .iter()
            .map(|e| format!("{}:{}", e.line, e.column))
            .collect();
        assert_eq!(
            located,
            ["3:postes", "3:contrat", "3:afest", "3:siret", "3:rome"]
        );
        assert!(
            errors[1]
                .to_string()
                .starts_with("besoins.csv:3 : colonne « contrat » : contrat « stage » inconnu")
        );
    }

    #[test]
    fn a_missing_required_column_stops_the_file() {
        let errors = parse(&Input::named("b.csv", "siret;postes\n1;2\n"), today()).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].reason.contains("rome"), "{}", errors[0].reason);
    }

    /// A census workbook: a header line, then one need per `posts` value (0 is a mistake), the
    /// first one starting on 1 March 2027 (an Excel date cell).
    fn workbook(posts: &[f64]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["SIRET", "ROME", "Postes", "Contrat", "Démarrage"]
            .iter()
            .enumerate()
        {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2027, 3, 1).unwrap();
        let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        for (i, n) in posts.iter().enumerate() {
            let row = 1 + i as u32;
            sheet.write_string(row, 0, "73282932000074").unwrap();
            sheet.write_string(row, 1, "H2913").unwrap();
            sheet.write_number(row, 2, *n).unwrap();
            sheet
                .write_string(row, 3, if i == 0 { "Intérim" } else { "CDD" })
                .unwrap();
            if i == 0 {
                sheet
                    .write_datetime_with_format(row, 4, &date, &format)
                    .unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn a_census_workbook_is_read_with_its_dates_and_line_numbers() {
        let errors = parse(
            &Input::named("besoins.xlsx", workbook(&[2.0, 0.0])),
            today(),
        )
        .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!((errors[0].line, errors[0].column.as_str()), (3, "Postes"));
        // Without its bad line, the workbook reads.
        let needs = parse(&Input::named("besoins.xlsx", workbook(&[2.0])), today()).unwrap();
        assert_eq!(needs[0].contract, Contract::Interim);
        assert_eq!(needs[0].wished_start, NaiveDate::from_ymd_opt(2027, 3, 1));
    }
}
