-- 0005: candidates' enrolments in certifications (a whole certification or chosen blocs) and
-- the status of each bloc. Journaled (entity 'enrolment').

CREATE TABLE enrolment (
    id                  INTEGER PRIMARY KEY,
    case_id             INTEGER NOT NULL REFERENCES case_file (id),
    certification_code  TEXT NOT NULL REFERENCES certification (code),
    route               TEXT NOT NULL CHECK (route IN ('formation', 'vae', 'clea')),
    created_at          TEXT NOT NULL
) STRICT;

CREATE INDEX enrolment_case ON enrolment (case_id);
CREATE INDEX enrolment_certification ON enrolment (certification_code);

CREATE TABLE enrolment_bloc (
    enrolment_id  INTEGER NOT NULL REFERENCES enrolment (id),
    bloc_code     TEXT NOT NULL REFERENCES certification_bloc (code),
    status        TEXT NOT NULL CHECK (status IN ('a_acquerir', 'en_cours', 'acquis', 'non_valide')),
    acquired_on   TEXT,
    evidence      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (enrolment_id, bloc_code)
) STRICT, WITHOUT ROWID;
