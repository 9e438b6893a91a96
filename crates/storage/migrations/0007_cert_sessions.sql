-- 0007: exam and jury sessions, the candidates registered at them and their results; the VAE
-- follow-up of an enrolment; certificates issued. Each table is journaled (entities
-- 'cert_session', 'session_candidate', 'vae', 'certificate'). Bloc statuses a result writes
-- stay in enrolment_bloc (0005), journaled as the enrolment.

CREATE TABLE cert_session (
    id                  INTEGER PRIMARY KEY,
    date                TEXT NOT NULL,
    place               TEXT NOT NULL CHECK (length(trim(place)) > 0),
    kind                TEXT NOT NULL CHECK (kind IN ('examen', 'jury', 'jury_vae')),
    certification_code  TEXT NOT NULL REFERENCES certification (code),
    created_at          TEXT NOT NULL
) STRICT;

CREATE INDEX cert_session_date ON cert_session (date);

-- One row per enrolment registered at a session; the result is filled in after the session.
-- validated_blocs: JSON array of bloc codes (validation partielle).
CREATE TABLE session_candidate (
    id               INTEGER PRIMARY KEY,
    session_id       INTEGER NOT NULL REFERENCES cert_session (id),
    enrolment_id     INTEGER NOT NULL REFERENCES enrolment (id),
    registered_at    TEXT NOT NULL,
    outcome          TEXT CHECK (outcome IN ('validation_totale', 'validation_partielle', 'refus')),
    validated_blocs  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(validated_blocs)),
    result_at        TEXT,
    UNIQUE (session_id, enrolment_id)
) STRICT;

CREATE INDEX session_candidate_enrolment ON session_candidate (enrolment_id);
-- No index on outcome: the success rates read every row anyway, and an index there lured the
-- planner into scanning all results of one outcome for each enrolment (seconds at 100 000 cases).

-- The VAE route of an enrolment (DOMAIN §4.4). One row per VAE enrolment.
CREATE TABLE vae_follow_up (
    enrolment_id               INTEGER PRIMARY KEY REFERENCES enrolment (id),
    recevabilite_submitted_on  TEXT,
    recevabilite_decided_on    TEXT,
    recevabilite               TEXT CHECK (recevabilite IN ('favorable', 'defavorable')),
    support_hours              REAL CHECK (support_hours >= 0),
    dossier_submitted_on       TEXT,
    updated_at                 TEXT NOT NULL
) STRICT;

-- The certificate (parchemin) issued after a validation totale.
CREATE TABLE certificate (
    enrolment_id  INTEGER PRIMARY KEY REFERENCES enrolment (id),
    number        TEXT NOT NULL CHECK (length(trim(number)) > 0),
    issued_on     TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;
