-- 0017: the column mapping the user chose when importing a spreadsheet of case files, kept per
-- source so that the next export of the same HR department maps itself. A source is its header
-- line, normalised and sorted (`source_key` in the import crate): no file name, no person.
-- `field` is a case field path (`beneficiary.email`), or '' for a column the user chose to
-- ignore. Not journaled: no personal data, nothing a committee reads.

CREATE TABLE import_mapping (
    source  TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 4000),
    header  TEXT NOT NULL CHECK (length(header) BETWEEN 1 AND 200),
    field   TEXT NOT NULL CHECK (length(field) <= 100),
    PRIMARY KEY (source, header)
) STRICT, WITHOUT ROWID;
