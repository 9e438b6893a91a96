//! The territory dashboard's tables written for funders and partners: one XLSX workbook (a
//! sheet per table, its title above the headers, counts as numbers, suppressed counts as
//! « < 5 ») or one CSV per table in a ZIP. What is suppressed is decided by the domain
//! ([`passerelle_domain::dashboard::export_tables`]); this crate only writes.

use std::io::{Cursor, Write};

use passerelle_domain::dashboard::{Cell, Table, suppressed_text, to_csv};
use rust_xlsxwriter::{Format, Workbook};

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("classeur XLSX : {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("archive ZIP : {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("archive ZIP : {0}")]
    Io(#[from] std::io::Error),
}

/// Excel refuses sheet names over 31 characters and a few characters in them.
fn sheet_name(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect()
}

/// The tables as an XLSX workbook. `source` is written under each title (scope, date,
/// threshold), so a sheet read alone still says what it is.
pub fn xlsx(tables: &[Table], source: &str, threshold: u32) -> Result<Vec<u8>, SheetError> {
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(13);
    let header = Format::new()
        .set_bold()
        .set_background_color(0xE8EEF4)
        .set_text_wrap();
    let note = Format::new().set_italic().set_font_color(0x444444);
    let suppressed = suppressed_text(threshold);
    for table in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&table.name))?;
        sheet.write_string_with_format(0, 0, &table.title, &title)?;
        sheet.write_string_with_format(1, 0, source, &note)?;
        for (c, h) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(3, c as u16, h, &header)?;
            sheet.set_column_width(c as u16, if c == 1 { 48 } else { 18 })?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = 4 + r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(s) => sheet.write_string(r, c, s)?,
                    Cell::Count(n) => sheet.write_number(r, c, *n as f64)?,
                    Cell::Suppressed => sheet.write_string(r, c, &suppressed)?,
                };
            }
        }
        sheet.set_freeze_panes(4, 0)?;
    }
    Ok(book.save_to_buffer()?)
}

/// The tables as CSV files (`;`, UTF-8 with BOM) in a ZIP, one per table, numbered in order.
pub fn csv_zip(tables: &[Table], threshold: u32) -> Result<Vec<u8>, SheetError> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (i, table) in tables.iter().enumerate() {
        let name: String = table
            .name
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        zip.start_file(format!("{:02}-{name}.csv", i + 1), options)?;
        zip.write_all(to_csv(table, threshold).as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    fn tables() -> Vec<Table> {
        vec![Table {
            name: "Dossiers".into(),
            title: "Dossiers individuels par situation".into(),
            headers: vec!["Situation".into(), "Dossiers".into()],
            rows: vec![
                vec![Cell::Text("En formation".into()), Cell::Suppressed],
                vec![Cell::Text("En emploi".into()), Cell::Count(12)],
            ],
        }]
    }

    #[test]
    fn the_workbook_reads_back_with_its_numbers_and_suppressed_cells() {
        let bytes = xlsx(&tables(), "Moselle Sud, 30 novembre 2026", 5).unwrap();
        let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), ["Dossiers"]);
        let range = book.worksheet_range("Dossiers").unwrap();
        assert_eq!(
            range.get_value((0, 0)),
            Some(&Data::String("Dossiers individuels par situation".into()))
        );
        assert_eq!(range.get_value((4, 1)), Some(&Data::String("< 5".into())));
        assert_eq!(range.get_value((5, 1)), Some(&Data::Float(12.0)));
    }

    #[test]
    fn csv_files_are_zipped_one_per_table() {
        let bytes = csv_zip(&tables(), 5).unwrap();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(archive.len(), 1);
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_index(0).unwrap(), &mut text).unwrap();
        assert!(text.contains("En formation;< 5"));
        assert_eq!(
            archive.by_index(0).unwrap().name().unwrap(),
            "01-Dossiers.csv"
        );
    }

    #[test]
    fn sheet_names_fit_excel() {
        assert_eq!(sheet_name("Familles: [métiers]/x"), "Familles métiersx");
        assert_eq!(sheet_name(&"a".repeat(40)).len(), 31);
    }
}
