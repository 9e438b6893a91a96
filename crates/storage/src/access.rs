//! The access-request export (RGPD art. 15): everything the app holds on one person — the
//! case, its steps, interviews, documents (opened), unmasked history, committee outcomes,
//! enrolments and the exports of the dossier — gathered into a
//! [`PersonRecord`](passerelle_domain::access::PersonRecord), then written as a ZIP with its
//! readable summary (made by the PDF layer, which the caller passes in).

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use passerelle_domain::access::{CommitteeLine, ExportLine, PersonRecord};
use passerelle_domain::case::CaseId;
use rusqlite::Connection;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use crate::certification::enrolments;
use crate::documents::{self, Unreadable};
use crate::error::StorageError;
use crate::files;
use crate::journal;
use crate::tables::{case_file, document, export, interview, meeting, transition};

/// The record, and the documents' contents (file name in the ZIP, bytes).
#[derive(Debug, Clone)]
pub struct PersonExport {
    pub record: PersonRecord,
    pub files: Vec<(String, Vec<u8>)>,
    /// Documents whose file is missing or altered (listed in the summary, not exported).
    pub unreadable: Vec<String>,
}

/// Gathers everything held on the person of case `id`.
pub fn gather(
    conn: &Connection,
    id: CaseId,
    documents_dir: &Path,
    today: NaiveDate,
) -> Result<PersonExport, StorageError> {
    let case = case_file::get(conn, id)?.ok_or_else(|| case_file::not_found(id))?;
    let documents = document::for_case(conn, id)?;
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    for (n, doc) in documents.iter().enumerate() {
        match documents::read(conn, documents_dir, &doc.sha256)? {
            // Numbered: two documents may carry the same name.
            Ok(bytes) => files.push((
                format!("pieces/{:02}-{}", n + 1, safe(&doc.file_name)),
                bytes,
            )),
            Err(Unreadable::Missing) => {
                unreadable.push(format!("{} (fichier absent)", doc.file_name));
            }
            Err(Unreadable::Altered) => {
                unreadable.push(format!("{} (fichier altéré)", doc.file_name));
            }
        }
    }
    let committee = meeting::for_case(conn, id)?
        .into_iter()
        .map(|(m, position, outcome, motifs, granted)| CommitteeLine {
            meeting: m.header(Some(position)).line(),
            held_on: m.held_on,
            outcome: outcome.map(|o| o.label().to_owned()),
            motifs,
            amount_granted_cents: granted,
        })
        .collect();
    let mut exports: Vec<ExportLine> = export::for_case(conn, id)?
        .into_iter()
        .map(|(at, kind, pseudonymised, recipients)| ExportLine {
            at,
            kind,
            pseudonymised,
            recipients,
        })
        .collect();
    // The name given to an employer for a hiring need is a transmission too (RGPD art. 15).
    let mut disclosures = conn.prepare(
        "SELECT d.disclosed_at, d.need_id, e.name, d.disclosed_by
         FROM disclosure d
         JOIN hiring_need n ON n.id = d.need_id
         JOIN establishment e ON e.siret = n.siret
         WHERE d.case_id = ?1 ORDER BY d.id",
    )?;
    let given = disclosures.query_map([id.0], |r| {
        Ok(ExportLine {
            at: r.get(0)?,
            kind: "nom".into(),
            pseudonymised: false,
            recipients: format!(
                "{} (besoin de recrutement n° {}), nom communiqué par {}",
                r.get::<_, String>(2)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(3)?
            ),
        })
    })?;
    for line in given {
        exports.push(line?);
    }
    exports.sort_by(|a, b| a.at.cmp(&b.at));
    let record = PersonRecord {
        generated_on: today,
        step: case_file::step(conn, id)?,
        transitions: transition::for_case(conn, id)?,
        interviews: interview::for_case(conn, id)?,
        documents,
        history: journal::entries_for(conn, case_file::JOURNALED.entity, id)?,
        committee,
        enrolments: enrolments::for_case(conn, id)?,
        exports,
        case,
    };
    Ok(PersonExport {
        record,
        files,
        unreadable,
    })
}

/// A file name safe inside a ZIP on every system (no directories, no control characters).
fn safe(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    match cleaned.trim_matches(['.', ' ']) {
        "" => "piece".to_owned(),
        name => name.to_owned(),
    }
}

/// The ZIP: `synthese.pdf` (the readable summary), `donnees.json` (everything, as stored), and
/// the documents under `pieces/`.
pub fn zip(export: &PersonExport, summary_pdf: &[u8]) -> Result<Vec<u8>, StorageError> {
    let json = serde_json::to_vec_pretty(&export.record).map_err(StorageError::json)?;
    let failed = |e: zip::result::ZipError| StorageError::Json(format!("archive : {e}"));
    let mut zip = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Stored: the PDFs and scans inside are compressed already.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .large_file(true);
    let entries = [
        ("synthese.pdf", summary_pdf),
        ("donnees.json", json.as_slice()),
    ];
    for (name, bytes) in entries
        .into_iter()
        .chain(export.files.iter().map(|(n, b)| (n.as_str(), b.as_slice())))
    {
        zip.start_file(name, options).map_err(failed)?;
        zip.write_all(bytes)
            .map_err(|e| StorageError::Json(format!("archive : {e}")))?;
    }
    Ok(zip.finish().map_err(failed)?.into_inner())
}

/// Writes [`zip`] to `out`, whole or not at all, private to the user.
pub fn write_zip(
    out: &Path,
    export: &PersonExport,
    summary_pdf: &[u8],
) -> Result<(), StorageError> {
    files::write_atomic(out, &zip(export, summary_pdf)?)
}

#[cfg(test)]
mod tests {
    use super::safe;

    #[test]
    fn names_in_the_zip_cannot_climb_out_of_it() {
        assert_eq!(safe("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe("CV Inès.pdf"), "CV Inès.pdf");
        assert_eq!(safe(".."), "piece");
    }
}
