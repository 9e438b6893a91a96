//! Case files from a spreadsheet (CSV or XLSX): the columns the importer knows, one case per
//! line, every bad cell reported by line and column, all or nothing.
//!
//! The first line names the columns ([`COLUMNS`]; case, accents, spaces and hyphens ignored);
//! the user maps the headers it does not know (`--map`, the window's mapping step, remembered
//! per source), and the others are listed and skipped. Each line goes through the same
//! validation as the form, and the whole file is written in one transaction, or nothing is.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use passerelle_domain::case::{CaseData, Civility, ContractKind, Opco, WorkingTime};
use passerelle_domain::code::Coded;
use passerelle_domain::i18n::field_label;
use passerelle_domain::import::{ColumnTarget, HeaderMatch, HeaderPreview, PREVIEW_ROWS};
use passerelle_domain::ipc::Territory;
use passerelle_domain::text::fold_for_sort;
use passerelle_storage::{Connection, cases, territory};

use crate::csv_file::normalise_header;
use crate::{ImportError, Input, LineError, Notice, sheet};

/// A column the importer understands: accepted header spellings and the case field it fills.
pub struct Column {
    pub headers: &'static [&'static str],
    pub field: &'static str,
    pub required: bool,
}

/// The documented headers (normalised: lower case, no accents, `_` for spaces and hyphens).
pub const COLUMNS: &[Column] = &[
    Column {
        headers: &["nom_naissance", "nom_de_naissance", "nom"],
        field: "beneficiary.birthName",
        required: true,
    },
    Column {
        headers: &["prenoms", "prenom"],
        field: "beneficiary.firstNames",
        required: true,
    },
    Column {
        headers: &["territoire"],
        field: "beneficiary.territory",
        required: true,
    },
    Column {
        headers: &["nom_usage", "nom_d_usage"],
        field: "beneficiary.usageName",
        required: false,
    },
    Column {
        headers: &["civilite"],
        field: "beneficiary.civility",
        required: false,
    },
    Column {
        headers: &["date_naissance", "date_de_naissance", "ne_le"],
        field: "beneficiary.birthDate",
        required: false,
    },
    Column {
        headers: &[
            "nir",
            "numero_securite_sociale",
            "numero_de_securite_sociale",
            // « N° de sécurité sociale » (the ° and the space are two separators).
            "n__de_securite_sociale",
            "n_de_securite_sociale",
            "no_de_securite_sociale",
            "n_securite_sociale",
            "securite_sociale",
            "no_ss",
        ],
        field: "beneficiary.nir",
        required: false,
    },
    Column {
        headers: &[
            "email",
            "courriel",
            "e_mail",
            "mail",
            "adresse_mail",
            "adresse_email",
            "adresse_e_mail",
            "adresse_electronique",
        ],
        field: "beneficiary.email",
        required: false,
    },
    Column {
        headers: &["telephone", "tel"],
        field: "beneficiary.phone",
        required: false,
    },
    Column {
        headers: &["code_postal", "cp"],
        field: "beneficiary.postalCode",
        required: false,
    },
    Column {
        headers: &["commune", "ville"],
        field: "beneficiary.commune",
        required: false,
    },
    Column {
        headers: &["niveau_diplome", "niveau"],
        field: "beneficiary.diplomaLevel",
        required: false,
    },
    Column {
        headers: &["employeur", "raison_sociale", "entreprise"],
        field: "situation.employer.name",
        required: false,
    },
    Column {
        headers: &["siret"],
        field: "situation.employer.siret",
        required: false,
    },
    Column {
        headers: &["idcc"],
        field: "situation.employer.idcc",
        required: false,
    },
    Column {
        headers: &["naf", "code_naf", "ape", "code_ape"],
        field: "situation.employer.naf",
        required: false,
    },
    Column {
        headers: &["opco"],
        field: "situation.employer.opco",
        required: false,
    },
    Column {
        headers: &[
            "contrat",
            "type_contrat",
            "type_de_contrat",
            "nature_du_contrat",
        ],
        field: "situation.contract",
        required: false,
    },
    Column {
        headers: &[
            "debut_contrat",
            "date_debut_contrat",
            "date_d_entree",
            "date_entree",
            "date_d_embauche",
            "date_embauche",
        ],
        field: "situation.contractStart",
        required: false,
    },
    Column {
        headers: &["fin_contrat", "date_fin_contrat"],
        field: "situation.contractEnd",
        required: false,
    },
    Column {
        headers: &["temps_travail", "temps_de_travail"],
        field: "situation.workingTime",
        required: false,
    },
    Column {
        headers: &["poste", "intitule_poste", "metier"],
        field: "situation.jobTitle",
        required: false,
    },
    Column {
        headers: &["code_rome", "rome"],
        field: "situation.jobRome",
        required: false,
    },
    Column {
        headers: &["code_rome_vise", "rome_vise"],
        field: "project.targetRome",
        required: false,
    },
    Column {
        headers: &["certification_visee", "certification"],
        field: "project.targetCertification",
        required: false,
    },
    Column {
        headers: &["motif"],
        field: "project.motive",
        required: false,
    },
    Column {
        headers: &["notes", "commentaire"],
        field: "project.notes",
        required: false,
    },
];

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    passerelle_domain::validate::parse_date_fr(text)
}

/// A value typed as its French label or its stored code.
fn parse_label<T: Coded>(text: &str, what: &str) -> Result<T, String> {
    T::from_text(text, |v: T| v.code()).ok_or_else(|| {
        let all: Vec<_> = T::ALL.iter().map(|v| v.label()).collect();
        format!(
            "{what} « {} » inconnu ; valeurs possibles : {}",
            passerelle_domain::validate::excerpt(text),
            all.join(", ")
        )
    })
}

/// Puts one cell into the case; `Err` is the reason the value is refused.
fn set_field(
    c: &mut CaseData,
    field: &str,
    value: &str,
    territories: &[Territory],
) -> Result<(), String> {
    let shown = passerelle_domain::validate::excerpt(value);
    let b = &mut c.beneficiary;
    let s = &mut c.situation;
    let p = &mut c.project;
    match field {
        "beneficiary.birthName" => b.birth_name = value.into(),
        "beneficiary.firstNames" => b.first_names = value.into(),
        "beneficiary.usageName" => b.usage_name = value.into(),
        "beneficiary.civility" => {
            b.civility = Some(match fold_for_sort(value).as_str() {
                "MME" | "MADAME" | "MME." => Civility::Madame,
                "M" | "M." | "MONSIEUR" | "MR" => Civility::Monsieur,
                _ => {
                    return Err(format!(
                        "civilité « {shown} » : Madame, Mme, Monsieur ou M."
                    ));
                }
            });
        }
        "beneficiary.territory" => b.territory = territory_code(value, territories)?,
        "beneficiary.birthDate" => b.birth_date = Some(parse_date(value)?),
        "beneficiary.nir" => b.nir = value.into(),
        "beneficiary.email" => b.email = value.into(),
        "beneficiary.phone" => b.phone = value.into(),
        "beneficiary.postalCode" => b.postal_code = value.into(),
        "beneficiary.commune" => b.commune = value.into(),
        "beneficiary.diplomaLevel" => {
            b.diploma_level = Some(value.parse().map_err(|_| {
                format!("niveau de diplôme « {shown} » : un chiffre de 1 à 8 attendu")
            })?);
        }
        "situation.employer.name" => s.employer.name = value.into(),
        "situation.employer.siret" => s.employer.siret = value.into(),
        "situation.employer.idcc" => s.employer.idcc = value.into(),
        "situation.employer.naf" => s.employer.naf = value.into(),
        "situation.employer.opco" => {
            s.employer.opco = Some(parse_label::<Opco>(value, "OPCO")?);
        }
        "situation.contract" => {
            s.contract = Some(parse_label::<ContractKind>(value, "contrat")?);
        }
        "situation.contractStart" => s.contract_start = Some(parse_date(value)?),
        "situation.contractEnd" => s.contract_end = Some(parse_date(value)?),
        "situation.workingTime" => {
            s.working_time = Some(parse_label::<WorkingTime>(value, "temps de travail")?);
        }
        "situation.jobTitle" => s.job_title = value.into(),
        "situation.jobRome" => s.job_rome = value.into(),
        "project.targetRome" => p.target_rome = value.into(),
        "project.targetCertification" => p.target_certification = value.into(),
        "project.motive" => p.motive = value.into(),
        "project.notes" => p.notes = value.into(),
        other => return Err(format!("colonne non gérée ({other})")),
    }
    Ok(())
}

/// What a parse found: the valid cases, every error, and what was skipped.
#[derive(Debug, Default)]
pub struct Parsed {
    pub cases: Vec<CaseData>,
    pub errors: Vec<LineError>,
    pub notices: Vec<Notice>,
    /// The file's headers, each with the column it fills and how it was found.
    pub headers: Vec<HeaderPreview>,
    /// The first lines of data, as read.
    pub sample: Vec<Vec<String>>,
    /// Lines of data (blank lines left out).
    pub rows: u64,
}

/// Headers the user maps to a column by hand (`--map "Adresse mail=email"`, the import's
/// mapping step): normalised header → the column's field (`""`: ignore that column).
pub type ColumnMap = HashMap<String, &'static str>;

/// What the user decides for a file besides its cells.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Their own header mapping, chosen for this file (it takes precedence over everything).
    pub map: ColumnMap,
    /// The mapping remembered from an earlier file of the same source (see [`source_key`]).
    pub remembered: ColumnMap,
    /// The territory (code or label) of the lines that name none: an HR export has no such
    /// column.
    pub territory: Option<String>,
}

/// The field a mapping names: a column's field path (`beneficiary.email`) or one of its
/// accepted headers (`email`); `""` is « ignore ».
pub fn field_of(text: &str) -> Option<&'static str> {
    if text.trim().is_empty() {
        return Some("");
    }
    let wanted = normalise_header(text);
    COLUMNS
        .iter()
        .find(|c| c.field.eq_ignore_ascii_case(text.trim()) || c.headers.contains(&wanted.as_str()))
        .map(|c| c.field)
}

/// Reads `HEADER=COLUMN` (the column named by one of its accepted headers, or by its field
/// path such as `beneficiary.email`) into a [`ColumnMap`] entry; `Err` says what is accepted.
pub fn map_entry(text: &str) -> Result<(String, &'static str), String> {
    let Some((header, target)) = text.split_once('=') else {
        return Err(format!(
            "« {} » : écrivez EN-TÊTE=COLONNE (ex. « Adresse mail=email »)",
            passerelle_domain::validate::excerpt(text)
        ));
    };
    match (normalise_header(header).as_str(), field_of(target)) {
        ("", _) => Err("--map : l’en-tête avant « = » est vide".to_owned()),
        (_, Some("")) => Err("--map : la colonne après « = » est vide".to_owned()),
        (header, Some(field)) => Ok((header.to_owned(), field)),
        (_, None) => Err(format!(
            "--map : colonne « {} » inconnue ; colonnes possibles : {}",
            passerelle_domain::validate::excerpt(target.trim()),
            COLUMNS
                .iter()
                .map(|c| c.headers[0])
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The columns a header can be mapped to, with their French names (the mapping step's list).
pub fn targets() -> Vec<ColumnTarget> {
    COLUMNS
        .iter()
        .map(|c| ColumnTarget {
            field: c.field.to_owned(),
            label: field_label(c.field).to_owned(),
            required: c.required,
        })
        .collect()
}

/// What recognises a source: its header line, normalised and sorted. The next export of the
/// same HR department has the same columns, whatever its file name or its date.
pub fn source_key(headers: &[String]) -> String {
    let mut names: Vec<String> = headers
        .iter()
        .map(|h| normalise_header(h))
        .filter(|h| !h.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names.join("|")
}

/// The header line of a file (for [`source_key`]), or why it cannot be read.
pub fn headers_of(input: &Input) -> Result<Vec<String>, Vec<LineError>> {
    sheet::read(input).map(|s| s.headers)
}

/// Parses and validates a whole file; writes nothing.
pub fn parse(input: &Input, territories: &[Territory], today: NaiveDate) -> Parsed {
    parse_with(input, territories, today, &Options::default())
}

/// [`parse`], with the user's choices: their mapping first, then the remembered one, then the
/// known headers; the default territory for lines without one.
pub fn parse_with(
    input: &Input,
    territories: &[Territory],
    today: NaiveDate,
    options: &Options,
) -> Parsed {
    let mut parsed = Parsed::default();
    let sheet = match sheet::read(input) {
        Ok(sheet) => sheet,
        Err(errors) => {
            parsed.errors = errors;
            return parsed;
        }
    };
    let file = input.name.as_str();
    let error = |line: u64, column: &str, reason: String| LineError {
        file: file.to_owned(),
        line,
        column: column.to_owned(),
        reason,
    };
    // Column index → (field, header as written).
    let mut columns: Vec<Option<(&'static str, String)>> = Vec::new();
    let mut by_field: HashMap<&'static str, String> = HashMap::new();
    let mut ignored = Vec::new();
    for h in &sheet.headers {
        let norm = normalise_header(h);
        let (field, matched) = if let Some(f) = options.map.get(&norm) {
            (Some(*f).filter(|f| !f.is_empty()), HeaderMatch::Chosen)
        } else if let Some(f) = options.remembered.get(&norm) {
            (Some(*f).filter(|f| !f.is_empty()), HeaderMatch::Remembered)
        } else {
            match COLUMNS.iter().find(|c| c.headers.contains(&norm.as_str())) {
                Some(c) => (Some(c.field), HeaderMatch::Known),
                None => (None, HeaderMatch::Unknown),
            }
        };
        parsed.headers.push(HeaderPreview {
            header: h.clone(),
            field: field.map(str::to_owned),
            matched,
        });
        match field {
            Some(field) => {
                if let Some(first) = by_field.get(field) {
                    // Two columns for one field: the second would silently overwrite the first.
                    parsed.errors.push(error(
                        1,
                        h,
                        format!(
                            "cette colonne et « {first} » remplissent toutes deux « {} » ; \
                             faites ignorer l’une des deux",
                            field_label(field)
                        ),
                    ));
                }
                by_field.insert(field, h.clone());
                columns.push(Some((field, h.clone())));
            }
            None => {
                if !h.is_empty() && matched == HeaderMatch::Unknown {
                    ignored.push(h.clone());
                }
                columns.push(None);
            }
        }
    }
    if !ignored.is_empty() {
        parsed.notices.push(Notice {
            file: file.to_owned(),
            message: format!("colonnes ignorées (non reconnues) : {}", ignored.join(", ")),
        });
    }
    let default_territory = match options.territory.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => match territory_code(text, territories) {
            Ok(code) => Some(code),
            Err(reason) => {
                parsed.errors.push(error(0, "", reason));
                None
            }
        },
    };
    for c in COLUMNS.iter().filter(|c| c.required) {
        let supplied = c.field == "beneficiary.territory" && options.territory.is_some();
        if !by_field.contains_key(c.field) && !supplied {
            parsed.errors.push(error(
                1,
                c.headers[0],
                format!(
                    "colonne obligatoire absente : « {} » (en-têtes acceptés : {}){}",
                    field_label(c.field),
                    c.headers.join(", "),
                    if c.field == "beneficiary.territory" {
                        " ; ou choisissez le territoire de toutes les lignes"
                    } else {
                        ""
                    }
                ),
            ));
        }
    }
    parsed.rows = sheet.rows.len() as u64;
    parsed.sample = sheet
        .rows
        .iter()
        .take(PREVIEW_ROWS)
        .map(|(_, r)| r.clone())
        .collect();
    if !parsed.errors.is_empty() {
        return parsed;
    }
    let width = sheet.headers.len();
    for (line, record) in &sheet.rows {
        let line = *line;
        if record.len() > width && record[width..].iter().any(|c| !c.is_empty()) {
            parsed.errors.push(error(
                line,
                "",
                format!(
                    "{} cellules pour {} colonnes : un séparateur en trop ?",
                    record.len(),
                    width
                ),
            ));
            continue;
        }
        let mut case = CaseData::default();
        let mut line_ok = true;
        for (value, column) in record.iter().zip(&columns) {
            let Some((field, header)) = column else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            if let Err(reason) = set_field(&mut case, field, value, territories) {
                parsed.errors.push(error(line, header, reason));
                line_ok = false;
            }
        }
        if case.beneficiary.territory.is_empty()
            && let Some(code) = &default_territory
        {
            case.beneficiary.territory = code.clone();
        }
        let report = case.check(today);
        for e in &report.errors {
            // Cells already refused as unreadable are not reported twice.
            let column = by_field
                .get(e.field.as_str())
                .cloned()
                .unwrap_or_else(|| e.field.clone());
            if parsed
                .errors
                .iter()
                .any(|x| x.line == line && x.column == column)
            {
                continue;
            }
            parsed.errors.push(error(line, &column, e.message.clone()));
            line_ok = false;
        }
        if line_ok {
            parsed.cases.push(case);
        }
    }
    parsed
}

/// A territory as typed (its code or its label), or why it is not one.
fn territory_code(text: &str, territories: &[Territory]) -> Result<String, String> {
    let folded = fold_for_sort(text);
    territories
        .iter()
        .find(|t| t.code == text || fold_for_sort(&t.label) == folded)
        .map(|t| t.code.clone())
        .ok_or_else(|| {
            let codes: Vec<_> = territories.iter().map(|t| t.code.as_str()).collect();
            format!(
                "territoire « {} » inconnu ; codes possibles : {}",
                passerelle_domain::validate::excerpt(text),
                codes.join(", ")
            )
        })
}

/// What an import wrote (or, on a dry run, would write).
#[derive(Debug, Default)]
pub struct Summary {
    pub cases: usize,
    pub notices: Vec<Notice>,
}

/// Imports case files from `inputs`, all or nothing: every line of every file is checked first;
/// a single error writes nothing. `dry_run` checks and writes nothing in any case. `written`
/// hears how many cases are written so far, as the one transaction goes.
pub fn import(
    conn: &mut Connection,
    actor: &str,
    inputs: &[Input],
    options: &Options,
    dry_run: bool,
    at: DateTime<Utc>,
    written: &mut dyn FnMut(usize, usize),
) -> Result<Summary, ImportError> {
    let territories = territory::list(conn)?;
    let today = at.date_naive();
    let mut all = Vec::new();
    let mut errors = Vec::new();
    let mut notices = Vec::new();
    for input in inputs {
        let parsed = parse_with(input, &territories, today, options);
        all.extend(parsed.cases);
        errors.extend(parsed.errors);
        notices.extend(parsed.notices);
    }
    if !errors.is_empty() {
        return Err(ImportError::Refused { errors, notices });
    }
    if !dry_run {
        let total = all.len();
        cases::create_many(conn, actor, &all, at, &mut |done| written(done, total))?;
    }
    Ok(Summary {
        cases: all.len(),
        notices,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_names_a_column_by_a_header_or_its_field() {
        assert_eq!(
            map_entry("Adresse mail pro=email"),
            Ok(("adresse_mail_pro".to_owned(), "beneficiary.email"))
        );
        assert_eq!(
            map_entry("Matricule SS = beneficiary.nir"),
            Ok(("matricule_ss".to_owned(), "beneficiary.nir"))
        );
        assert!(
            map_entry("Adresse mail")
                .unwrap_err()
                .contains("EN-TÊTE=COLONNE")
        );
        assert!(
            map_entry("Fonction=métier exercé")
                .unwrap_err()
                .contains("colonne « métier exercé » inconnue")
        );
    }

    fn territories() -> Vec<Territory> {
        vec![
            Territory {
                code: "metz".into(),
                label: "Metz".into(),
            },
            Territory {
                code: "moselle-sud".into(),
                label: "Moselle Sud".into(),
            },
        ]
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn input(bytes: &[u8]) -> Input {
        Input::named("dossiers.csv", bytes)
    }

    #[test]
    fn headers_are_matched_loosely_and_semicolons_detected() {
        let csv = "Nom de naissance;Prénoms;Territoire;Date de naissance;Code ROME;Couleur\n\
                   Dupré;Françoise;Metz;12/03/1980;M1607;bleu\n\
                   Muller;Agnès;moselle-sud;1975-01-31;;\n";
        let parsed = parse(&input(csv.as_bytes()), &territories(), today());
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.cases.len(), 2);
        assert_eq!(parsed.cases[0].beneficiary.territory, "metz");
        assert_eq!(
            parsed.cases[1].beneficiary.birth_date,
            NaiveDate::from_ymd_opt(1975, 1, 31)
        );
        assert_eq!(
            parsed.notices[0].message,
            "colonnes ignorées (non reconnues) : Couleur"
        );
    }

    #[test]
    fn every_bad_line_is_reported_with_line_and_column() {
        let csv = "nom,prenom,territoire,nir,siret,date_naissance\n\
                   Dupré,Françoise,metz,2 06 12 75 111 005 64,,\n\
                   Muller,,metz,2 06 12 75 111 005 65,,\n\
                   Klein,Paul,lune,,73282932000075,31/02/1980\n";
        let parsed = parse(&input(csv.as_bytes()), &territories(), today());
        let found: Vec<(u64, &str)> = parsed
            .errors
            .iter()
            .map(|e| (e.line, e.column.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (3, "prenom"),
                (3, "nir"),
                (4, "territoire"),
                (4, "date_naissance"),
                (4, "siret")
            ]
        );
        assert!(parsed.errors[1].reason.contains("clé attendue : 64"));
        assert_eq!(
            parsed.errors[1].to_string(),
            format!(
                "dossiers.csv:3 : colonne « nir » : {}",
                parsed.errors[1].reason
            )
        );
        assert_eq!(parsed.cases.len(), 1, "only the good line parsed");
    }

    #[test]
    fn a_missing_required_column_stops_at_the_header() {
        let parsed = parse(
            &input(b"nom;territoire\nDupr\xe9;metz\n"),
            &territories(),
            today(),
        );
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(
            (parsed.errors[0].line, parsed.errors[0].column.as_str()),
            (1, "prenoms")
        );
    }

    /// Issue 17: the user's choice beats what is remembered, which beats the known headers;
    /// two columns for one field are refused at the header; the territory given fills the
    /// lines that have none.
    #[test]
    fn choices_take_precedence_and_a_field_is_filled_once() {
        let csv =
            "Nom;Prénom;Mél. pro;Courriel perso;Site\nKlein;Paul;p@pro.fr;p@perso.fr;Boulay\n";
        let mut options = Options {
            territory: Some("Moselle Sud".into()),
            ..Options::default()
        };
        options
            .remembered
            .insert(normalise_header("Mél. pro"), "beneficiary.email");
        options
            .remembered
            .insert("site".into(), "beneficiary.commune");
        let parsed = parse_with(&input(csv.as_bytes()), &territories(), today(), &options);
        let matched: Vec<_> = parsed.headers.iter().map(|h| h.matched).collect();
        assert_eq!(
            matched,
            [
                HeaderMatch::Known,
                HeaderMatch::Known,
                HeaderMatch::Remembered,
                HeaderMatch::Unknown,
                HeaderMatch::Remembered
            ]
        );
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let case = &parsed.cases[0];
        assert_eq!(case.beneficiary.email, "p@pro.fr");
        assert_eq!(case.beneficiary.commune, "Boulay");
        assert_eq!(case.beneficiary.territory, "moselle-sud");

        // « Site » ignored this time; « Courriel perso » chosen for the e-mail too: refused.
        options.map.insert("site".into(), "");
        options
            .map
            .insert("courriel_perso".into(), "beneficiary.email");
        let parsed = parse_with(&input(csv.as_bytes()), &territories(), today(), &options);
        assert_eq!(parsed.headers[4].field, None);
        assert_eq!(parsed.headers[4].matched, HeaderMatch::Chosen);
        assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
        assert_eq!(
            (parsed.errors[0].line, parsed.errors[0].column.as_str()),
            (1, "Courriel perso")
        );
        assert!(parsed.errors[0].reason.contains("« Mél. pro »"));
        assert_eq!(
            parsed.sample[0][0], "Klein",
            "the preview still shows the lines"
        );
    }

    /// Issue 10: a 1 MB cell, a NUL and a year 0026 were accepted.
    #[test]
    fn r10_absurd_cells_are_refused_at_their_column() {
        let huge = "A".repeat(1_000_000);
        let csv = format!(
            "nom;prenom;territoire;debut_contrat\n{huge};Paul;metz;\nKlein;P\0aul;metz;\nKlein;Paul;metz;01/09/26\n"
        );
        let parsed = parse(&input(csv.as_bytes()), &territories(), today());
        let found: Vec<(u64, &str)> = parsed
            .errors
            .iter()
            .map(|e| (e.line, e.column.as_str()))
            .collect();
        assert_eq!(found, [(2, "nom"), (3, "prenom"), (4, "debut_contrat")]);
        assert!(parsed.errors[0].reason.contains("100 caractères au plus"));
        assert!(parsed.errors[1].reason.contains("caractère invisible"));
        assert!(parsed.errors[2].reason.contains("deux chiffres"));
    }
}
