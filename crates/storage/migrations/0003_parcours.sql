-- 0003: the parcours. Transitions are an append-only log per case (the current step is also
-- kept in case_file.status, written in the same transaction); deadlines and missing documents
-- are derived from the case and stored so that the À faire view is one indexed query over
-- 100 000 case files instead of 100 000 JSON parses.

CREATE TABLE parcours_transition (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES case_file (id),
    from_step  TEXT NOT NULL,
    to_step    TEXT NOT NULL,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    -- Document kinds the case held when the guard let it through (JSON array of codes).
    documents  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(documents))
) STRICT;

CREATE INDEX parcours_transition_case ON parcours_transition (case_id, id);

-- Dated parameter values entered by the user (the defaults ship with the app).
CREATE TABLE parameter (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    value       REAL NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    UNIQUE (key, valid_from)
) STRICT;

-- A received document can be checked and marked « validé » for the checklists.
ALTER TABLE document ADD COLUMN validated_at TEXT;

-- Derived from the case (rewritten by every write of the case): its deadlines…
CREATE TABLE case_deadline (
    case_id  INTEGER NOT NULL REFERENCES case_file (id),
    kind     TEXT NOT NULL,
    due      TEXT NOT NULL,
    label    TEXT NOT NULL,
    done     INTEGER NOT NULL CHECK (done IN (0, 1)),
    PRIMARY KEY (case_id, kind)
) STRICT, WITHOUT ROWID;

CREATE INDEX case_deadline_open ON case_deadline (due) WHERE done = 0;

-- …and the documents its next step still needs.
CREATE TABLE case_missing_document (
    case_id  INTEGER NOT NULL REFERENCES case_file (id),
    step     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    PRIMARY KEY (case_id, kind)
) STRICT, WITHOUT ROWID;
