-- 0002: interviews (entretiens) and documents of a case file. Both are journaled like the case
-- itself (entities 'interview' and 'document').

CREATE TABLE interview (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES case_file (id),
    held_on           TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('individuel', 'telephone', 'visio', 'atelier')),
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
    summary           TEXT NOT NULL CHECK (length(trim(summary)) > 0),
    counsellor        TEXT NOT NULL,
    created_at        TEXT NOT NULL
) STRICT;

CREATE INDEX interview_case ON interview (case_id, held_on);

-- The file itself lives next to the database, named by its SHA-256 (documents/<sha256>):
-- identical files are kept once, and a changed file no longer matches its row.
CREATE TABLE document (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES case_file (id),
    kind         TEXT NOT NULL,
    file_name    TEXT NOT NULL CHECK (length(file_name) > 0),
    sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes   INTEGER NOT NULL CHECK (size_bytes >= 0),
    received_on  TEXT NOT NULL,
    added_at     TEXT NOT NULL
) STRICT;

CREATE INDEX document_case ON document (case_id, received_on);
