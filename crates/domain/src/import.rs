//! Imports from the window: what the shell answers at each step of « Importer » — the file
//! staged once, its preview with the column mapping, the progress of the write, the outcome.
//! Reading the files is the import crate's; these are the shapes the UI and the shell share.

use serde::{Deserialize, Serialize};

/// What an imported file is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ImportKind {
    /// Case files from a spreadsheet (CSV or XLSX): an HR department's list, another tool's
    /// export.
    Cases,
    /// The France compétences export of the certification catalogue (the ZIP as downloaded).
    Catalogue,
}

/// The description of a staged file; its bytes are the request's raw body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportFile {
    pub kind: ImportKind,
    pub file_name: String,
}

/// One wrong cell or line of a file, located as the user sees it in their spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    /// The file (`export.zip › fiches.csv` for an entry of an archive).
    pub file: String,
    /// 1-based line (the header is line 1; 0 when the whole file is concerned).
    pub line: u64,
    /// The column as its header writes it (empty when the whole line is concerned).
    pub column: String,
    pub reason: String,
}

/// A column of the case import the user can map a header to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnTarget {
    /// The case field it fills (`beneficiary.email`).
    pub field: String,
    /// Its French name (« Adresse électronique »).
    pub label: String,
    pub required: bool,
}

/// How a header of the file found its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum HeaderMatch {
    /// One of the headers the import knows.
    Known,
    /// The mapping remembered from an earlier file of the same source.
    Remembered,
    /// Chosen by the user in this import.
    Chosen,
    /// Not recognised and not mapped: its cells are not read.
    Unknown,
}

/// A header of the file and the column it fills (`None`: not read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HeaderPreview {
    pub header: String,
    pub field: Option<String>,
    pub matched: HeaderMatch,
}

/// A header mapped by the user: `field` empty means « ignore this column ».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ColumnMapping {
    pub header: String,
    pub field: String,
}

/// The case import's choices: the user's mapping, the territory for lines that name none, and
/// whether to remember the mapping for the next files of the same source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CasesImportArgs {
    pub mapping: Vec<ColumnMapping>,
    pub territory: Option<String>,
    pub remember: bool,
}

/// Lines of the file shown in the preview.
pub const PREVIEW_ROWS: usize = 5;

/// The staged case file read with the mapping in force: what would be imported, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CasesPreview {
    pub file_name: String,
    pub headers: Vec<HeaderPreview>,
    /// The first [`PREVIEW_ROWS`] lines, cells in the headers' order.
    pub sample: Vec<Vec<String>>,
    /// Lines of data in the file (blank lines left out).
    pub rows: u64,
    /// Lines that would become case files.
    pub ready: u64,
    /// Whether a column fills the territory (else the import asks for one).
    pub has_territory_column: bool,
    pub targets: Vec<ColumnTarget>,
    pub errors: Vec<ImportProblem>,
    pub notices: Vec<String>,
}

/// The staged catalogue export checked: what it would add, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CataloguePreview {
    pub file_name: String,
    /// The files the archive holds.
    pub entries: Vec<String>,
    pub fiches: u64,
    pub blocs: u64,
    pub romes: u64,
    pub errors: Vec<ImportProblem>,
    pub notices: Vec<String>,
}

/// A staged file, read: the preview of its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum StagedPreview {
    Cases(CasesPreview),
    Catalogue(CataloguePreview),
}

/// Where an import stands, for the progress bar.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ImportPhase {
    #[default]
    Idle,
    /// Every line read and checked before anything is written.
    Checking,
    /// `done` of `total` written, in one transaction.
    Writing,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub phase: ImportPhase,
    pub done: u64,
    pub total: u64,
}

/// What an import wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportDone {
    /// Case files created, or catalogue fiches added or updated.
    pub count: u64,
    /// The catalogue's fiches afterwards (catalogue imports).
    pub catalogue: Option<u64>,
    pub notices: Vec<String>,
}
