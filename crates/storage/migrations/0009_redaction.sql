-- 0009: a journal whose personal values can be redacted without breaking its chain, and an
-- index for one counsellor's idle cases.

-- Each entry's MAC covers the SHA-256 of its changes, not the changes themselves: a purge may
-- replace the values by a tombstone that keeps that SHA-256 (`{"redacted": {…, "sha256": …}}`),
-- and `journal verify` still checks the chain and reports the redacted entries. Nothing else of
-- an entry may change, and a tombstone stays one.
DROP TRIGGER journal_no_update;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal
WHEN NOT (
    new.id = old.id AND new.at = old.at AND new.actor = old.actor
    AND new.entity = old.entity AND new.entity_id = old.entity_id AND new.action = old.action
    AND new.row_hash = old.row_hash AND new.prev_hash = old.prev_hash AND new.hash = old.hash
    AND json_extract(old.changes, '$.redacted') IS NULL
    AND json_extract(new.changes, '$.redacted.sha256') IS NOT NULL
)
BEGIN
    SELECT RAISE(ABORT, 'le journal ne se modifie pas : ajoutez une entrée');
END;

-- À faire for one counsellor: the idle cases are counted from the index alone (the row's
-- last change sits after the case's JSON, which a table scan would have to read and decrypt).
CREATE INDEX case_file_active_counsellor_updated ON case_file (counsellor, updated_at)
    WHERE archived_at IS NULL;
