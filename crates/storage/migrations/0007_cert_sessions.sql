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

-- Per enrolment, what the staff view counts: blocs and blocs acquired, sessions waiting for a
-- result, results by outcome, the case's territory and whether it is archived. Derived (not
-- journaled), kept by the triggers below, so that the staff view reads one narrow row per
-- enrolment instead of probing blocs, sessions and the wide case row of each one.
CREATE TABLE enrolment_progress (
    enrolment_id        INTEGER PRIMARY KEY REFERENCES enrolment (id),
    certification_code  TEXT NOT NULL,
    territory           TEXT NOT NULL DEFAULT '',
    archived            INTEGER NOT NULL DEFAULT 0,
    blocs               INTEGER NOT NULL DEFAULT 0,
    acquired            INTEGER NOT NULL DEFAULT 0,
    pending             INTEGER NOT NULL DEFAULT 0,
    totales             INTEGER NOT NULL DEFAULT 0,
    partielles          INTEGER NOT NULL DEFAULT 0,
    refus               INTEGER NOT NULL DEFAULT 0
) STRICT;

-- The staff view groups active enrolments by exactly these columns: read in index order, no sort.
CREATE INDEX enrolment_progress_view ON enrolment_progress (archived, certification_code, territory, blocs, acquired, pending > 0, totales > 0, totales, partielles, refus);

INSERT INTO enrolment_progress (enrolment_id, certification_code, territory, archived, blocs, acquired)
SELECT e.id, e.certification_code, coalesce(c.territory, ''), c.archived_at IS NOT NULL,
       (SELECT count(*) FROM enrolment_bloc b WHERE b.enrolment_id = e.id),
       (SELECT count(*) FROM enrolment_bloc b WHERE b.enrolment_id = e.id AND b.status = 'acquis')
FROM enrolment e JOIN case_file c ON c.id = e.case_id;

CREATE TRIGGER enrolment_progress_enrol AFTER INSERT ON enrolment BEGIN
    INSERT INTO enrolment_progress (enrolment_id, certification_code, territory, archived)
    SELECT NEW.id, NEW.certification_code, coalesce(c.territory, ''), c.archived_at IS NOT NULL
    FROM case_file c WHERE c.id = NEW.case_id;
END;

CREATE TRIGGER enrolment_progress_bloc_add AFTER INSERT ON enrolment_bloc BEGIN
    UPDATE enrolment_progress SET blocs = blocs + 1, acquired = acquired + (NEW.status = 'acquis')
    WHERE enrolment_id = NEW.enrolment_id;
END;

CREATE TRIGGER enrolment_progress_bloc_status AFTER UPDATE OF status ON enrolment_bloc BEGIN
    UPDATE enrolment_progress SET acquired = acquired + (NEW.status = 'acquis') - (OLD.status = 'acquis')
    WHERE enrolment_id = NEW.enrolment_id;
END;

CREATE TRIGGER enrolment_progress_bloc_remove AFTER DELETE ON enrolment_bloc BEGIN
    UPDATE enrolment_progress SET blocs = blocs - 1, acquired = acquired - (OLD.status = 'acquis')
    WHERE enrolment_id = OLD.enrolment_id;
END;

CREATE TRIGGER enrolment_progress_register AFTER INSERT ON session_candidate BEGIN
    UPDATE enrolment_progress SET pending = pending + (NEW.outcome IS NULL),
        totales = totales + (NEW.outcome IS 'validation_totale'),
        partielles = partielles + (NEW.outcome IS 'validation_partielle'),
        refus = refus + (NEW.outcome IS 'refus')
    WHERE enrolment_id = NEW.enrolment_id;
END;

CREATE TRIGGER enrolment_progress_result AFTER UPDATE OF outcome ON session_candidate BEGIN
    UPDATE enrolment_progress SET pending = pending + (NEW.outcome IS NULL) - (OLD.outcome IS NULL),
        totales = totales + (NEW.outcome IS 'validation_totale') - (OLD.outcome IS 'validation_totale'),
        partielles = partielles + (NEW.outcome IS 'validation_partielle') - (OLD.outcome IS 'validation_partielle'),
        refus = refus + (NEW.outcome IS 'refus') - (OLD.outcome IS 'refus')
    WHERE enrolment_id = NEW.enrolment_id;
END;

-- A case moved to another territory, archived or restored.
CREATE TRIGGER enrolment_progress_case AFTER UPDATE OF data, archived_at ON case_file BEGIN
    UPDATE enrolment_progress
    SET territory = coalesce(NEW.data ->> '$.beneficiary.territory', ''), archived = NEW.archived_at IS NOT NULL
    WHERE enrolment_id IN (SELECT id FROM enrolment WHERE case_id = NEW.id);
END;
