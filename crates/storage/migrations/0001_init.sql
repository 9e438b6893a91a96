-- 0001: the first schema. Append-only from here: never edit a migration once it has shipped,
-- add a new numbered file instead (a user's database has already run this one).

-- The counsellor at the keyboard. One row: the app is single-user on a laptop; the name signs
-- every journaled change.
CREATE TABLE counsellor_profile (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    display_name  TEXT NOT NULL CHECK (length(trim(display_name)) > 0),
    structure     TEXT NOT NULL CHECK (length(trim(structure)) > 0),
    updated_at    TEXT NOT NULL
) STRICT;

-- Territories a case is attached to: the seed's projects, and any the user adds.
CREATE TABLE territory (
    code     TEXT PRIMARY KEY CHECK (code GLOB '[a-z0-9]*'),
    label    TEXT NOT NULL,
    builtin  INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
) STRICT;

INSERT INTO territory (code, label, builtin) VALUES
    ('warndt-naborien', 'Warndt Naborien', 1),
    ('moselle-sud', 'Moselle Sud', 1),
    ('nord-est-ardennes', 'Nord Est Ardennes', 1),
    ('meurthe-et-moselle', 'Meurthe-et-Moselle — Grand Nancy / Terres de Lorraine', 1),
    ('metz', 'Metz', 1);

-- The case file (dossier individuel). What the counsellor types is one JSON document (`data`,
-- the domain's CaseData), validated by the domain before every write; the columns generated
-- from it can never disagree with it. They are STORED: computed once per write, so that list
-- filters read a plain column (a VIRTUAL one would parse the JSON of every row scanned).
CREATE TABLE case_file (
    id           INTEGER PRIMARY KEY,
    reference    TEXT NOT NULL UNIQUE,
    counsellor   TEXT NOT NULL,
    -- Step of the parcours (codes of the parcours state machine).
    status       TEXT NOT NULL DEFAULT 'ACCUEIL',
    data         TEXT NOT NULL CHECK (json_valid(data)),
    -- Surname and first names folded to upper case without accents, for sorting.
    sort_name    TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    -- Archived case files stay in the database (no hard delete from the UI).
    archived_at  TEXT,
    territory    TEXT GENERATED ALWAYS AS (data ->> '$.beneficiary.territory') STORED,
    contract     TEXT GENERATED ALWAYS AS (data ->> '$.situation.contract') STORED,
    flag_fragilise  INTEGER GENERATED ALWAYS AS (coalesce(data ->> '$.situation.flags.metierFragilise.set', 0)) STORED,
    flag_oeth       INTEGER GENERATED ALWAYS AS (coalesce(data ->> '$.situation.flags.oeth.set', 0)) STORED,
    flag_inaptitude INTEGER GENERATED ALWAYS AS (coalesce(data ->> '$.situation.flags.inaptitude.set', 0)) STORED,
    flag_absence    INTEGER GENERATED ALWAYS AS (coalesce(data ->> '$.situation.flags.longAbsence.set', 0)) STORED
) STRICT;

-- The list's filters and orders over active case files (the default view): partial indexes
-- that also serve the counts ("1–50 sur 20 094") without reading the wide rows.
CREATE INDEX case_file_active_name ON case_file (sort_name, id) WHERE archived_at IS NULL;
CREATE INDEX case_file_active_updated ON case_file (updated_at DESC, id) WHERE archived_at IS NULL;
CREATE INDEX case_file_active_territory ON case_file (territory, sort_name, id) WHERE archived_at IS NULL;
CREATE INDEX case_file_active_counsellor ON case_file (counsellor, sort_name, id) WHERE archived_at IS NULL;
CREATE INDEX case_file_active_status ON case_file (status, sort_name, id) WHERE archived_at IS NULL;
CREATE INDEX case_file_active_fragilise ON case_file (sort_name, id) WHERE archived_at IS NULL AND flag_fragilise = 1;
CREATE INDEX case_file_active_oeth ON case_file (sort_name, id) WHERE archived_at IS NULL AND flag_oeth = 1;
CREATE INDEX case_file_active_inaptitude ON case_file (sort_name, id) WHERE archived_at IS NULL AND flag_inaptitude = 1;
CREATE INDEX case_file_active_absence ON case_file (sort_name, id) WHERE archived_at IS NULL AND flag_absence = 1;
-- Archived ones, when asked for.
CREATE INDEX case_file_all_name ON case_file (sort_name, id);

-- Full-text search over names, employer, trades (titles and ROME labels) and notes.
-- remove_diacritics 2: « Dupré » matches « dupre »; prefix indexes make « dup* » cheap;
-- detail=column: positions are not needed (no phrase search), which halves the index.
-- `state` holds « actif » or « archive », so that the usual search (active case files only)
-- is answered by the index alone. rowid = case_file.id; kept in step by the repository in the
-- same transaction as each write.
CREATE VIRTUAL TABLE case_search USING fts5(
    names, employer, trades, notes, state,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3',
    detail = column
);

-- The journal: one entry per write, in the same transaction. Each entry stores the SHA-256 of
-- the row as written (row_hash) and is chained to the previous entry (prev_hash → hash), so an
-- edit of the journal, or of a journaled row behind the app's back, is detectable.
CREATE TABLE journal (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'archive', 'restore')),
    -- [{"field": "situation.employer.name", "before": …, "after": …}]
    changes    TEXT NOT NULL CHECK (json_valid(changes)),
    row_hash   TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL UNIQUE
) STRICT;

CREATE INDEX journal_entity ON journal (entity, entity_id, id);
