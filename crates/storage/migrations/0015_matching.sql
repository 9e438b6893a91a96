-- 0015: matching. The ROME reference a user imported (`rome import`): the version shipped with
-- the app lives in the binary, a row here replaces it until the next import. The training offer,
-- imported from LHEO feeds or the Mon Compte Formation catalogue: formations, their actions
-- (place, modality, hours, price, provider) and sessions; a re-import of the same origin and key
-- replaces the formation whole. `training_target` indexes the ROME, certification and bloc codes
-- a formation prepares, what matching looks sessions up by. The matches a counsellor chose, with
-- the reference versions they were computed with (a committee asks months later why), and the
-- disclosures of a person's name to an employer, journaled like every write of personal data.

CREATE TABLE rome_reference (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    version      TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    imported_by  TEXT NOT NULL,
    competences  TEXT NOT NULL,
    fiches       TEXT NOT NULL,
    mobilities   TEXT NOT NULL
) STRICT;

CREATE TABLE training_formation (
    id              INTEGER PRIMARY KEY,
    origin          TEXT NOT NULL CHECK (origin IN ('lheo', 'mcf')),
    key             TEXT NOT NULL,
    title           TEXT NOT NULL,
    -- The title folded (upper case, no accents): « electricien » finds « Électricien ».
    title_folded    TEXT NOT NULL,
    objective       TEXT NOT NULL,
    -- Space-separated codes, as read (the target table indexes them).
    romes           TEXT NOT NULL,
    formacodes      TEXT NOT NULL,
    certifications  TEXT NOT NULL,
    blocs           TEXT NOT NULL,
    source_file     TEXT NOT NULL,
    imported_at     TEXT NOT NULL,
    UNIQUE (origin, key)
) STRICT;

CREATE TABLE training_action (
    id              INTEGER PRIMARY KEY,
    formation_id    INTEGER NOT NULL REFERENCES training_formation (id) ON DELETE CASCADE,
    key             TEXT NOT NULL,
    teaching        TEXT CHECK (teaching IN ('presentiel', 'mixte', 'distance')),
    afest           INTEGER NOT NULL CHECK (afest IN (0, 1)),
    chantier_ecole  INTEGER NOT NULL CHECK (chantier_ecole IN (0, 1)),
    hours_centre    INTEGER,
    hours_company   INTEGER,
    hours_total     INTEGER,
    price_cents     INTEGER,
    commune         TEXT NOT NULL,
    place           TEXT NOT NULL,
    provider_siret  TEXT NOT NULL,
    provider_name   TEXT NOT NULL
) STRICT;

CREATE INDEX training_action_formation ON training_action (formation_id);

CREATE TABLE training_session (
    id           INTEGER PRIMARY KEY,
    action_id    INTEGER NOT NULL REFERENCES training_action (id) ON DELETE CASCADE,
    key          TEXT NOT NULL,
    start        TEXT,
    end          TEXT,
    recruitment  TEXT CHECK (recruitment IN ('open', 'closed', 'suspended'))
) STRICT;

CREATE INDEX training_session_action ON training_session (action_id);

CREATE TABLE training_target (
    code          TEXT NOT NULL,
    formation_id  INTEGER NOT NULL REFERENCES training_formation (id) ON DELETE CASCADE,
    PRIMARY KEY (code, formation_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX training_target_formation ON training_target (formation_id);

-- A match the counsellor chose for a case: the target (a trade, or a need), the session picked,
-- the score and its parts as shown, and the versions of the references used.
CREATE TABLE match_choice (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES case_file (id),
    rome          TEXT NOT NULL CHECK (length(rome) = 5),
    need_id       INTEGER REFERENCES hiring_need (id),
    session_id    INTEGER REFERENCES training_session (id) ON DELETE SET NULL,
    score         INTEGER NOT NULL,
    detail        TEXT NOT NULL CHECK (json_valid(detail)),
    rome_version  TEXT NOT NULL,
    offer_version TEXT NOT NULL,
    chosen_at     TEXT NOT NULL,
    chosen_by     TEXT NOT NULL
) STRICT;

CREATE INDEX match_choice_case ON match_choice (case_id, id);

-- A person's name given to an employer for a need (only with the consent recorded).
CREATE TABLE disclosure (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES case_file (id),
    need_id      INTEGER NOT NULL REFERENCES hiring_need (id),
    disclosed_at TEXT NOT NULL,
    disclosed_by TEXT NOT NULL
) STRICT;

CREATE INDEX disclosure_case ON disclosure (case_id, id);

-- Matching a need reads the current trade of the active case files: a generated column and its
-- index, so that the candidates are found without parsing 100 000 JSON documents.
ALTER TABLE case_file ADD COLUMN job_rome TEXT
    GENERATED ALWAYS AS (data ->> '$.situation.jobRome') VIRTUAL;
CREATE INDEX case_file_job_rome ON case_file (job_rome)
    WHERE archived_at IS NULL AND purged_at IS NULL;
