-- 0010: retention and disclosure. A purged case keeps a row without personal data (its
-- reference, step, territory and dates, so that counts and statistics survive) and says when it
-- was purged. Every committee export is recorded with its recipients.
ALTER TABLE case_file ADD COLUMN purged_at TEXT;

-- The « À purger » list reads these four columns of every case not purged: from this index
-- alone, not from the wide rows (whose JSON spills over several pages).
CREATE INDEX case_file_retention ON case_file (id, reference, archived_at, updated_at)
    WHERE purged_at IS NULL;

-- The count of archived cases (status line, `passerelle info`, the counts a purge keeps) from
-- the few archived rows, not a scan of the table.
CREATE INDEX case_file_archived ON case_file (archived_at) WHERE archived_at IS NOT NULL;

-- What left the app for a committee: a dossier (case) or a meeting pack, full or pseudonymised,
-- for whom, and the SHA-256 of its content. Journaled like every write.
CREATE TABLE export_record (
    id             INTEGER PRIMARY KEY,
    at             TEXT NOT NULL,
    actor          TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('dossier', 'pack')),
    case_id        INTEGER REFERENCES case_file (id),
    meeting_id     INTEGER REFERENCES committee_session (id),
    pseudonymised  INTEGER NOT NULL CHECK (pseudonymised IN (0, 1)),
    recipients     TEXT NOT NULL,
    content_hash   TEXT NOT NULL
) STRICT;

CREATE INDEX export_record_case ON export_record (case_id);
