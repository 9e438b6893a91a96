-- 0001: the first schema. Append-only from here: never edit a migration once it has shipped,
-- add a new numbered file instead (a user's database has already run this one).

-- The counsellor at the keyboard. One row: the app is single-user on a laptop; its name signs
-- every journaled change.
CREATE TABLE counsellor_profile (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    display_name  TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    structure     TEXT NOT NULL CHECK (length(trim(structure)) > 0),
    updated_at    TEXT NOT NULL
) STRICT;

-- The case file (dossier individuel). Only its identity and life cycle here: the beneficiary,
-- situation and project are added by the case-file migrations.
CREATE TABLE case_file (
    id           INTEGER PRIMARY KEY,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    -- Archived case files stay in the database (no hard delete from the UI).
    archived_at  TEXT
) STRICT;

-- Counting active case files is on the status line: keep it an index scan.
CREATE INDEX case_file_active ON case_file (id) WHERE archived_at IS NULL;
