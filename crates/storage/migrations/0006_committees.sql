-- 0006: committee sessions (commission paritaire, comité des transitions individuelles), the
-- dossiers on their agenda and the outcome recorded for each. Journaled (entity
-- 'committee_session'). The salt makes pseudonyms stable within a session and unlinkable
-- across sessions; it never leaves the database.

CREATE TABLE committee_session (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('commission_paritaire', 'comite_local')),
    held_on     TEXT NOT NULL,
    place       TEXT NOT NULL,
    members     TEXT NOT NULL DEFAULT '[]',
    salt        BLOB NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX committee_session_date ON committee_session (held_on);

CREATE TABLE session_dossier (
    session_id            INTEGER NOT NULL REFERENCES committee_session (id),
    case_id               INTEGER NOT NULL REFERENCES case_file (id),
    position              INTEGER NOT NULL CHECK (position > 0),
    pseudonym             TEXT NOT NULL,
    outcome               TEXT CHECK (outcome IN ('favorable', 'reserve', 'defavorable',
                                                  'accord', 'accord_partiel', 'refus',
                                                  'irrecevable', 'ajourne')),
    motifs                TEXT NOT NULL DEFAULT '',
    amount_granted_cents  INTEGER CHECK (amount_granted_cents >= 0),
    decided_at            TEXT,
    PRIMARY KEY (session_id, case_id)
) STRICT, WITHOUT ROWID;

CREATE INDEX session_dossier_case ON session_dossier (case_id);

-- Pseudonyms of dossiers exported outside any session.
CREATE TABLE app_secret (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    salt  BLOB NOT NULL
) STRICT;

INSERT INTO app_secret (id, salt) VALUES (1, randomblob(16));
