//! CSV as spreadsheets write it: `;` or `,`, a header line, cells trimmed, blank lines skipped.

use passerelle_domain::text::fold_for_sort;

use crate::LineError;

/// A header as the importers match it: lower case, no accents, `_` for spaces and punctuation
/// (« Date de naissance » → `date_de_naissance`).
pub fn normalise_header(h: &str) -> String {
    fold_for_sort(h.trim())
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect::<String>()
        .trim_matches('_')
        .to_owned()
}

/// A decoded file, line endings normalised (the CSV reader would count "\r\n" records one line
/// short), ready to read.
pub(crate) struct Table {
    text: String,
    /// Byte offsets of the line ends: the CSV reader's own line count skips blank lines, so a
    /// record's line is found from its byte offset.
    newlines: Vec<usize>,
}

impl Table {
    pub(crate) fn new(text: &str) -> Self {
        let text = text.replace("\r\n", "\n");
        let newlines = text.match_indices('\n').map(|(i, _)| i).collect();
        Self { text, newlines }
    }

    /// The 1-based line of the record that starts at byte `offset` (the reader's offset is
    /// before the blank lines it skipped).
    fn line_at(&self, offset: u64) -> u64 {
        let skipped = self
            .text
            .as_bytes()
            .get(offset as usize..)
            .map_or(0, |rest| rest.iter().take_while(|&&b| b == b'\n').count());
        let start = offset as usize + skipped;
        self.newlines.partition_point(|&nl| nl < start) as u64 + 1
    }

    /// A reader separated by `;` or `,`, whichever the header line uses most.
    pub(crate) fn reader(&self) -> csv::Reader<&[u8]> {
        let first_line = self.text.lines().next().unwrap_or_default();
        let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count() {
            b';'
        } else {
            b','
        };
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(self.text.as_bytes())
    }
}

/// The non-blank records of `table` with their line numbers; an unreadable line is an error.
pub(crate) fn records<'r>(
    file: &'r str,
    table: &'r Table,
    reader: &'r mut csv::Reader<&[u8]>,
) -> impl Iterator<Item = Result<(u64, csv::StringRecord), LineError>> + 'r {
    reader.records().filter_map(move |record| match record {
        Ok(r) if r.iter().all(|cell| cell.trim().is_empty()) => None,
        Ok(r) => Some(Ok((r.position().map_or(0, |p| table.line_at(p.byte())), r))),
        Err(e) => Some(Err(LineError {
            file: file.to_owned(),
            line: e.position().map_or(0, |p| table.line_at(p.byte())),
            column: String::new(),
            reason: "ligne illisible : guillemet non fermé ou caractère inattendu".into(),
        })),
    })
}

/// The header line, normalised, or the error that stops the file.
pub(crate) fn headers(
    file: &str,
    reader: &mut csv::Reader<&[u8]>,
) -> Result<csv::StringRecord, LineError> {
    match reader.headers() {
        Ok(h) if h.iter().any(|c| !c.trim().is_empty()) => Ok(h.clone()),
        _ => Err(LineError {
            file: file.to_owned(),
            line: 1,
            column: String::new(),
            reason: "en-tête illisible ou absent : la première ligne doit nommer les colonnes"
                .into(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_folded() {
        assert_eq!(normalise_header(" Date de naissance "), "date_de_naissance");
        assert_eq!(
            normalise_header("N° de sécurité sociale"),
            "n__de_securite_sociale"
        );
        assert_eq!(
            normalise_header("Bloc_Competences_Code"),
            "bloc_competences_code"
        );
    }

    #[test]
    fn the_separator_is_the_header_lines_most_frequent() {
        let t = Table::new("a,b;c,d\r\n1,2;3,4\r\n");
        let mut r = t.reader();
        assert_eq!(r.headers().unwrap().len(), 3, "two commas, one semicolon");
        let t = Table::new("a;b;c,d\n");
        assert_eq!(t.reader().headers().unwrap().len(), 3);
    }
}
