//! A spreadsheet as the importers read it: a CSV file (any of the encodings [`source::decode`]
//! accepts, `;` or `,`) or the first sheet of an XLSX workbook, as a header line and rows of
//! trimmed text cells, each row with the line number the user sees in their spreadsheet.

use std::io::Cursor;

use chrono::NaiveDate;

use crate::csv_file::{Table, headers as csv_headers, records};
use crate::{Input, LineError, source};

/// A sheet's cells as text, with the line number each row has in the file (the header is
/// line 1). Blank rows are left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sheet {
    pub(crate) headers: Vec<String>,
    pub(crate) rows: Vec<(u64, Vec<String>)>,
}

/// Reads a CSV file or an XLSX workbook (recognised by its name and its ZIP signature).
pub(crate) fn read(input: &Input) -> Result<Sheet, Vec<LineError>> {
    if is_xlsx(input) {
        read_xlsx(input).map_err(|e| vec![e])
    } else {
        read_csv(input)
    }
}

fn is_xlsx(input: &Input) -> bool {
    input.bytes.starts_with(b"PK\x03\x04") && input.file_name.to_lowercase().ends_with(".xlsx")
}

/// Excel stores dates as days since 30 December 1899.
fn excel_date(serial: f64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_days(chrono::Days::new(serial.trunc().max(0.0) as u64))
}

fn read_xlsx(input: &Input) -> Result<Sheet, LineError> {
    use calamine::{Data, Reader, Xlsx};
    let fail = |reason: String| LineError {
        file: input.name.clone(),
        line: 0,
        column: String::new(),
        reason,
    };
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(input.bytes.as_slice()))
        .map_err(|e| fail(format!("classeur XLSX illisible ({e})")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| fail("le classeur n’a aucune feuille".into()))?
        .map_err(|e| fail(format!("première feuille illisible ({e})")))?;
    let first_row = u64::from(range.start().map_or(0, |(r, _)| r));
    let text = |cell: &Data| match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_owned(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "oui" } else { "non" }.to_owned(),
        Data::DateTime(d) => excel_date(d.as_f64())
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
    };
    let mut rows = range.rows().enumerate();
    let headers = rows
        .next()
        .map(|(_, r)| r.iter().map(text).collect())
        .unwrap_or_default();
    Ok(Sheet {
        headers,
        rows: rows
            .map(|(i, r)| {
                (
                    first_row + i as u64 + 1,
                    r.iter().map(text).collect::<Vec<_>>(),
                )
            })
            .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
            .collect(),
    })
}

fn read_csv(input: &Input) -> Result<Sheet, Vec<LineError>> {
    let text = source::decode(input).map_err(|e| vec![e])?;
    let table = Table::new(&text);
    let mut reader = table.reader();
    let headers = csv_headers(&input.name, &mut reader).map_err(|e| vec![e])?;
    let headers: Vec<String> = headers
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').trim().to_owned())
        .collect();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for record in records(&input.name, &table, &mut reader) {
        match record {
            Ok((line, r)) => rows.push((line, r.iter().map(|c| c.trim().to_owned()).collect())),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(Sheet { headers, rows })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serial_dates_are_read() {
        assert_eq!(excel_date(46082.0), NaiveDate::from_ymd_opt(2026, 3, 1));
    }

    #[test]
    fn a_workbook_and_its_csv_read_the_same() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (col, h) in ["Nom", "Prénom", "Entrée"].iter().enumerate() {
            sheet.write_string(0, col as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, " Dupré ").unwrap();
        sheet.write_string(1, 1, "Françoise").unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2019, 9, 2).unwrap();
        let format = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        sheet
            .write_datetime_with_format(1, 2, &date, &format)
            .unwrap();
        let xlsx = read(&Input::named("rh.xlsx", book.save_to_buffer().unwrap())).unwrap();
        let csv = read(&Input::named(
            "rh.csv",
            b"Nom;Pr\xe9nom;Entr\xe9e\r\n\r\nDupr\xe9;Fran\xe7oise;02/09/2019\r\n".to_vec(),
        ))
        .unwrap();
        assert_eq!(xlsx.headers, csv.headers);
        assert_eq!(xlsx.rows[0].1, csv.rows[0].1);
        assert_eq!(xlsx.rows[0].0, 2);
        assert_eq!(csv.rows[0].0, 3, "the blank line still counts");
    }
}
