//! Passerelle's imports, shared by the command line and the app.
//!
//! Two kinds of files arrive from outside: spreadsheets of case files (an HR department's list,
//! another tool's export) and the France compétences export of the certification catalogue
//! (a ZIP of CSV files, downloaded as it is). Both are read the same careful way — [`source`]
//! bounds the size, opens ZIPs without ever writing their entries to disk, and decodes UTF-8,
//! UTF-16 or Windows-1252 with `encoding_rs` — then parsed into domain values with every bad line
//! reported by line and column ([`LineError`]), and written all or nothing.

pub mod cases;
pub mod catalogue;
mod csv_file;
pub mod geo;
pub mod lheo;
pub mod mcf;
pub mod needs;
pub mod rome;
mod sheet;
pub mod sirene;
pub mod source;

use std::fmt;

pub use csv_file::normalise_header;
pub use source::Input;

/// One problem in an input file, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    /// The file as the user named it (`export.zip › export_fiches_CSV_Rome_….csv` for a ZIP
    /// entry).
    pub file: String,
    /// 1-based line in the file (the header is line 1; 0 when the whole file is concerned).
    pub line: u64,
    /// The column as written in the file's header (empty when the whole line is concerned).
    pub column: String,
    pub reason: String,
}

impl fmt::Display for LineError {
    /// `file:line : colonne « … » : reason`, the form spreadsheet users and editors both read.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column.is_empty()) {
            (0, _) => write!(f, "{} : {}", self.file, self.reason),
            (line, true) => write!(f, "{}:{line} : {}", self.file, self.reason),
            (line, false) => write!(
                f,
                "{}:{line} : colonne « {} » : {}",
                self.file, self.column, self.reason
            ),
        }
    }
}

impl std::error::Error for LineError {}

/// Something the user should know that does not stop the import (a file of the export that
/// Passerelle does not use, columns it does not know, rows it skips and why).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub file: String,
    pub message: String,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} : {}", self.file, self.message)
    }
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The files were read but some lines are wrong: every one is listed, nothing was written.
    #[error("{} erreur(s) : rien n’a été importé", .errors.len())]
    Refused {
        errors: Vec<LineError>,
        notices: Vec<Notice>,
    },
    /// The database refused or failed the write (nothing was written: one transaction).
    #[error(transparent)]
    Storage(#[from] passerelle_storage::StorageError),
}
