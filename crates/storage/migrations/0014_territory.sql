-- 0014: the territory side. What only people know about an establishment (IDCC, OPCO, notes,
-- contacts who agreed to be recorded); company diagnostics with their lines per trade; hiring
-- needs; the labels of trades (en péril / en devenir) per territory. Diagnostics and needs copy
-- their establishment's territory and EPCI (kept by the trigger below) so that a territory's
-- dashboard reads its indexes, never the 50 000 establishments. Employees at risk are counts:
-- a person appears only when a case file is opened and linked to a diagnostic line.

ALTER TABLE establishment ADD COLUMN idcc TEXT NOT NULL DEFAULT '';
ALTER TABLE establishment ADD COLUMN opco TEXT NOT NULL DEFAULT '';
ALTER TABLE establishment ADD COLUMN notes TEXT NOT NULL DEFAULT '';

CREATE TABLE establishment_contact (
    id          INTEGER PRIMARY KEY,
    siret       TEXT NOT NULL REFERENCES establishment (siret),
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role        TEXT NOT NULL,
    email       TEXT NOT NULL,
    phone       TEXT NOT NULL,
    -- No contact without the date the person agreed to be recorded (RGPD).
    consent_on  TEXT NOT NULL
) STRICT;

CREATE INDEX establishment_contact_siret ON establishment_contact (siret, position);

CREATE TABLE diagnostic (
    id              INTEGER PRIMARY KEY,
    siret           TEXT NOT NULL REFERENCES establishment (siret),
    date            TEXT NOT NULL,
    author          TEXT NOT NULL,
    drivers         TEXT NOT NULL CHECK (json_valid(drivers)),
    horizon_months  INTEGER NOT NULL CHECK (horizon_months > 0),
    stage           TEXT NOT NULL CHECK (stage IN ('etat_des_lieux', 'outils', 'accompagnement')),
    notes           TEXT NOT NULL,
    -- 1 for the establishment's latest diagnostic (by date, then id): the one the dashboard
    -- counts, so that a diagnostic redone a year later does not count its people twice.
    latest          INTEGER NOT NULL DEFAULT 0 CHECK (latest IN (0, 1)),
    territory       TEXT NOT NULL,
    epci            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX diagnostic_siret ON diagnostic (siret, date, id);
CREATE INDEX diagnostic_territory ON diagnostic (territory, latest, date);
CREATE INDEX diagnostic_epci ON diagnostic (epci, latest, date);

CREATE TABLE diagnostic_line (
    id              INTEGER PRIMARY KEY,
    diagnostic_id   INTEGER NOT NULL REFERENCES diagnostic (id),
    position        INTEGER NOT NULL,
    rome            TEXT NOT NULL CHECK (length(rome) = 5),
    appellation     TEXT NOT NULL,
    headcount       INTEGER NOT NULL CHECK (headcount > 0),
    at_risk         INTEGER NOT NULL CHECK (at_risk BETWEEN 0 AND headcount),
    horizon_months  INTEGER NOT NULL CHECK (horizon_months > 0),
    outlook         TEXT NOT NULL CHECK (outlook IN ('peril', 'mutation', 'stable', 'devenir')),
    skills_at_risk  TEXT NOT NULL CHECK (json_valid(skills_at_risk)),
    skills_needed   TEXT NOT NULL CHECK (json_valid(skills_needed)),
    over_55         INTEGER NOT NULL CHECK (over_55 BETWEEN 0 AND headcount)
) STRICT;

CREATE INDEX diagnostic_line_diagnostic ON diagnostic_line (diagnostic_id, position);

-- The person of a case file came from this line (one line per case at most).
CREATE TABLE case_diagnostic_line (
    case_id  INTEGER PRIMARY KEY REFERENCES case_file (id),
    line_id  INTEGER NOT NULL REFERENCES diagnostic_line (id)
) STRICT;

CREATE INDEX case_diagnostic_line_line ON case_diagnostic_line (line_id);

CREATE TABLE hiring_need (
    id                 INTEGER PRIMARY KEY,
    siret              TEXT NOT NULL REFERENCES establishment (siret),
    rome               TEXT NOT NULL CHECK (length(rome) = 5),
    appellation        TEXT NOT NULL,
    posts              INTEGER NOT NULL CHECK (posts > 0),
    contract           TEXT NOT NULL,
    wished_start       TEXT,
    reconversion_open  INTEGER NOT NULL CHECK (reconversion_open IN (0, 1)),
    afest              INTEGER NOT NULL CHECK (afest IN (0, 1)),
    status             TEXT NOT NULL CHECK (status IN ('ouvert', 'pourvu', 'abandonne')),
    source             TEXT NOT NULL CHECK (source IN ('recensement', 'visite', 'offre')),
    campaign           TEXT NOT NULL,
    notes              TEXT NOT NULL,
    territory          TEXT NOT NULL,
    epci               TEXT NOT NULL,
    recorded_on        TEXT NOT NULL,
    updated_at         TEXT NOT NULL
) STRICT;

CREATE INDEX hiring_need_siret ON hiring_need (siret, id);
CREATE INDEX hiring_need_territory ON hiring_need (territory, status, rome);
CREATE INDEX hiring_need_epci ON hiring_need (epci, status, rome);
CREATE INDEX hiring_need_campaign ON hiring_need (campaign, id) WHERE campaign <> '';

-- Labels are never overwritten: the latest row of a (territory, ROME) is the label in force,
-- the earlier ones its history.
CREATE TABLE trade_label (
    id          INTEGER PRIMARY KEY,
    rome        TEXT NOT NULL CHECK (length(rome) = 5),
    territory   TEXT NOT NULL,
    outlook     TEXT NOT NULL CHECK (outlook IN ('peril', 'mutation', 'stable', 'devenir')),
    suggested   TEXT NOT NULL CHECK (suggested IN ('peril', 'mutation', 'stable', 'devenir')),
    decided_on  TEXT NOT NULL,
    signed_by   TEXT NOT NULL CHECK (length(trim(signed_by)) > 0),
    comment     TEXT NOT NULL,
    evidence    TEXT NOT NULL CHECK (json_valid(evidence)),
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX trade_label_current ON trade_label (territory, rome, id);

-- An establishment that moves (a Sirene re-import) takes its diagnostics and needs along.
CREATE TRIGGER establishment_moved AFTER UPDATE OF territory, epci ON establishment
WHEN OLD.territory IS NOT NEW.territory OR OLD.epci IS NOT NEW.epci
BEGIN
    UPDATE diagnostic SET territory = NEW.territory, epci = NEW.epci WHERE siret = NEW.siret;
    UPDATE hiring_need SET territory = NEW.territory, epci = NEW.epci WHERE siret = NEW.siret;
END;

-- The dashboard's case counts by outcome read these without touching the wide rows. The
-- employer index replaces 0013's: the planner preferred the narrower one and then read every
-- case row for its status (280 ms for an EPCI at 100 000 cases, 0.3 ms with this one).
CREATE INDEX case_file_territory_status ON case_file (territory, status) WHERE purged_at IS NULL;
CREATE INDEX case_file_employer_status ON case_file (employer_siret, status)
    WHERE employer_siret IS NOT NULL AND purged_at IS NULL;
DROP INDEX case_file_employer_siret;
