//! `passerelle import cases FILE.csv [--dry-run]`: case files from a spreadsheet export.
//!
//! Reads UTF-8 (with or without BOM) or Windows-1252 — what Excel writes in France — separated
//! by `;` or `,`. The first line names the columns (see [`COLUMNS`]; case, accents, spaces and
//! hyphens are ignored). The file is all or nothing: every bad line is reported (line number,
//! column, reason) and nothing is written unless every line is valid.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, Utc};
use passerelle_domain::case::{CaseData, Civility, ContractKind, Opco, WorkingTime};
use passerelle_domain::i18n::{Label, format_count};
use passerelle_domain::ipc::Territory;
use passerelle_domain::text::fold_for_sort;
use passerelle_storage::{cases, profile, territories};

use crate::Reported;

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
        headers: &["nir", "numero_securite_sociale"],
        field: "beneficiary.nir",
        required: false,
    },
    Column {
        headers: &["email", "courriel", "e_mail"],
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
        headers: &["contrat", "type_contrat"],
        field: "situation.contract",
        required: false,
    },
    Column {
        headers: &["debut_contrat", "date_debut_contrat"],
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

/// One problem, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// 1-based line in the file (the header is line 1).
    pub line: u64,
    /// The column as written in the file's header.
    pub column: String,
    pub reason: String,
}

/// Decodes UTF-8 (BOM stripped) or, failing that, Windows-1252.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    // 0x80–0x9F differ from Latin-1 (€, ’, œ, Œ, Ÿ, …); the rest maps one to one.
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

pub fn normalise_header(h: &str) -> String {
    fold_for_sort(h.trim())
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .trim_matches('_')
        .to_owned()
}

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    passerelle_domain::validate::parse_date_fr(text)
}

fn parse_label<T: Label>(text: &str, code: impl Fn(T) -> String, what: &str) -> Result<T, String> {
    T::from_text(text, code).ok_or_else(|| {
        let all: Vec<_> = T::ALL.iter().map(|v| v.label()).collect();
        format!(
            "{what} « {text} » inconnu ; valeurs possibles : {}",
            all.join(", ")
        )
    })
}

fn code_of<T: serde::Serialize>(v: T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Puts one cell into the case; `Err` is the reason the value is refused.
fn set_field(
    c: &mut CaseData,
    field: &str,
    value: &str,
    territories: &[Territory],
) -> Result<(), String> {
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
                        "civilité « {value} » : Madame, Mme, Monsieur ou M."
                    ));
                }
            });
        }
        "beneficiary.territory" => {
            let folded = fold_for_sort(value);
            let found = territories
                .iter()
                .find(|t| t.code == value || fold_for_sort(&t.label) == folded)
                .ok_or_else(|| {
                    let codes: Vec<_> = territories.iter().map(|t| t.code.as_str()).collect();
                    format!(
                        "territoire « {value} » inconnu ; codes possibles : {}",
                        codes.join(", ")
                    )
                })?;
            b.territory = found.code.clone();
        }
        "beneficiary.birthDate" => b.birth_date = Some(parse_date(value)?),
        "beneficiary.nir" => b.nir = value.into(),
        "beneficiary.email" => b.email = value.into(),
        "beneficiary.phone" => b.phone = value.into(),
        "beneficiary.postalCode" => b.postal_code = value.into(),
        "beneficiary.commune" => b.commune = value.into(),
        "beneficiary.diplomaLevel" => {
            b.diploma_level = Some(value.parse().map_err(|_| {
                format!("niveau de diplôme « {value} » : un chiffre de 1 à 8 attendu")
            })?);
        }
        "situation.employer.name" => s.employer.name = value.into(),
        "situation.employer.siret" => s.employer.siret = value.into(),
        "situation.employer.idcc" => s.employer.idcc = value.into(),
        "situation.employer.naf" => s.employer.naf = value.into(),
        "situation.employer.opco" => {
            s.employer.opco = Some(parse_label::<Opco>(value, code_of, "OPCO")?);
        }
        "situation.contract" => {
            s.contract = Some(parse_label::<ContractKind>(value, code_of, "contrat")?);
        }
        "situation.contractStart" => s.contract_start = Some(parse_date(value)?),
        "situation.contractEnd" => s.contract_end = Some(parse_date(value)?),
        "situation.workingTime" => {
            s.working_time = Some(parse_label::<WorkingTime>(
                value,
                code_of,
                "temps de travail",
            )?);
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

/// What a parse found: the valid cases, every error, and columns that were ignored.
#[derive(Debug, Default)]
pub struct Parsed {
    pub cases: Vec<CaseData>,
    pub errors: Vec<LineError>,
    pub ignored_columns: Vec<String>,
}

/// Decoded text of a spreadsheet export, line endings normalised (the CSV reader would count
/// "\r\n" records one line short).
pub fn normalised_text(bytes: &[u8]) -> String {
    decode(bytes).replace("\r\n", "\n")
}

/// A CSV reader over `text`, `;` or `,` separated (whichever the header line uses most).
pub fn csv_reader(text: &str) -> csv::Reader<&[u8]> {
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes())
}

/// The non-blank records of a CSV file with their line numbers; an unreadable line is an error.
pub fn records<'r>(
    reader: &'r mut csv::Reader<&[u8]>,
) -> impl Iterator<Item = Result<(u64, csv::StringRecord), LineError>> + 'r {
    reader.records().filter_map(|record| match record {
        Ok(r) if r.iter().all(|cell| cell.trim().is_empty()) => None,
        Ok(r) => Some(Ok((r.position().map_or(0, |p| p.line()), r))),
        Err(e) => Some(Err(LineError {
            line: e.position().map_or(0, |p| p.line()),
            column: String::new(),
            reason: format!("ligne illisible : {e}"),
        })),
    })
}

impl LineError {
    /// Prints `file:line : colonne « … » : reason` on stderr.
    pub fn print(&self, file: &Path) {
        if self.column.is_empty() {
            eprintln!("{}:{} : {}", file.display(), self.line, self.reason);
        } else {
            eprintln!(
                "{}:{} : colonne « {} » : {}",
                file.display(),
                self.line,
                self.column,
                self.reason
            );
        }
    }
}

/// Parses and validates a whole file; writes nothing.
pub fn parse(bytes: &[u8], territories: &[Territory], today: NaiveDate) -> Parsed {
    let text = normalised_text(bytes);
    let mut reader = csv_reader(&text);
    let mut parsed = Parsed::default();
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            parsed.errors.push(LineError {
                line: 1,
                column: String::new(),
                reason: format!("en-tête illisible : {e}"),
            });
            return parsed;
        }
    };
    // Column index → (field, header as written).
    let mut columns: Vec<Option<(&'static str, String)>> = Vec::new();
    let mut by_field: HashMap<&'static str, String> = HashMap::new();
    for h in headers.iter() {
        let norm = normalise_header(h);
        match COLUMNS.iter().find(|c| c.headers.contains(&norm.as_str())) {
            Some(c) => {
                by_field.insert(c.field, h.trim().to_owned());
                columns.push(Some((c.field, h.trim().to_owned())));
            }
            None => {
                if !h.trim().is_empty() {
                    parsed.ignored_columns.push(h.trim().to_owned());
                }
                columns.push(None);
            }
        }
    }
    for c in COLUMNS.iter().filter(|c| c.required) {
        if !by_field.contains_key(c.field) {
            parsed.errors.push(LineError {
                line: 1,
                column: c.headers[0].to_owned(),
                reason: format!(
                    "colonne obligatoire absente (en-têtes acceptés : {})",
                    c.headers.join(", ")
                ),
            });
        }
    }
    if !parsed.errors.is_empty() {
        return parsed;
    }
    for item in records(&mut reader) {
        let (line, record) = match item {
            Ok(r) => r,
            Err(e) => {
                parsed.errors.push(e);
                continue;
            }
        };
        if record.len() > headers.len() {
            parsed.errors.push(LineError {
                line,
                column: String::new(),
                reason: format!(
                    "{} cellules pour {} colonnes : un séparateur en trop ?",
                    record.len(),
                    headers.len()
                ),
            });
            continue;
        }
        let mut case = CaseData::default();
        let mut line_ok = true;
        for (cell, column) in record.iter().zip(&columns) {
            let (Some((field, header)), value) = (column, cell.trim()) else {
                continue;
            };
            if value.is_empty() {
                continue;
            }
            if let Err(reason) = set_field(&mut case, field, value, territories) {
                parsed.errors.push(LineError {
                    line,
                    column: header.clone(),
                    reason,
                });
                line_ok = false;
            }
        }
        let report = case.check(today);
        for e in &report.errors {
            // Required fields already refused as unreadable are not reported twice.
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
            parsed.errors.push(LineError {
                line,
                column,
                reason: e.message.clone(),
            });
            line_ok = false;
        }
        if line_ok {
            parsed.cases.push(case);
        }
    }
    parsed
}

pub fn run(db: Option<PathBuf>, file: &Path, dry_run: bool) -> anyhow::Result<()> {
    let bytes = crate::cases::read_input(file)?;
    let (_, mut conn) = crate::open_db(db)?;
    let territories = territories::list(&conn)?;
    let parsed = parse(&bytes, &territories, crate::today());
    if !parsed.ignored_columns.is_empty() {
        eprintln!(
            "Colonnes ignorées (non reconnues) : {}",
            parsed.ignored_columns.join(", ")
        );
    }
    if !parsed.errors.is_empty() {
        for e in &parsed.errors {
            e.print(file);
        }
        eprintln!(
            "{} erreur(s) : aucun dossier importé. Corrigez le fichier puis relancez l’import.",
            parsed.errors.len()
        );
        return Err(Reported.into());
    }
    let count = parsed.cases.len();
    if dry_run {
        println!(
            "Vérification réussie : {} dossier(s) seraient importés (--dry-run : rien n’a été écrit).",
            format_count(count as u64)
        );
        return Ok(());
    }
    let actor = profile::actor(&conn)?;
    cases::create_many(&mut conn, &actor, &parsed.cases, Utc::now())?;
    println!("{} dossier(s) importé(s).", format_count(count as u64));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn windows_1252_is_decoded() {
        // « Lefèvre ; Œuvray ’ € » in Windows-1252.
        let bytes = b"Lef\xe8vre \x8cuvray \x92 \x80";
        assert_eq!(decode(bytes), "Lefèvre Œuvray ’ €");
        assert_eq!(decode("\u{feff}Agnès".as_bytes()), "Agnès");
    }

    #[test]
    fn headers_are_matched_loosely_and_semicolons_detected() {
        let csv = "Nom de naissance;Prénoms;Territoire;Date de naissance;Code ROME\n\
                   Dupré;Françoise;Metz;12/03/1980;M1607\n\
                   Muller;Agnès;moselle-sud;1975-01-31;\n";
        let parsed = parse(csv.as_bytes(), &territories(), today());
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.cases.len(), 2);
        assert_eq!(parsed.cases[0].beneficiary.territory, "metz");
        assert_eq!(
            parsed.cases[1].beneficiary.birth_date,
            NaiveDate::from_ymd_opt(1975, 1, 31)
        );
    }

    #[test]
    fn every_bad_line_is_reported_with_line_and_column() {
        let csv = "nom,prenom,territoire,nir,siret,date_naissance\n\
                   Dupré,Françoise,metz,2 06 12 75 111 005 64,,\n\
                   Muller,,metz,2 06 12 75 111 005 65,,\n\
                   Klein,Paul,lune,,73282932000075,31/02/1980\n";
        let parsed = parse(csv.as_bytes(), &territories(), today());
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
        assert_eq!(parsed.cases.len(), 1, "only the good line parsed");
    }

    #[test]
    fn a_missing_required_column_stops_at_the_header() {
        let parsed = parse(b"nom;territoire\nDupr\xe9;metz\n", &territories(), today());
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(
            (parsed.errors[0].line, parsed.errors[0].column.as_str()),
            (1, "prenoms")
        );
    }
}
