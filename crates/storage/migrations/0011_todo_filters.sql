-- 0011: the À faire of one counsellor or one territory, from the derived rows alone. The rows
-- carry their case's counsellor and territory (rewritten with the case, like the rest of them),
-- so counting and listing among 100 000 cases never reads the wide case rows.
ALTER TABLE case_deadline ADD COLUMN counsellor TEXT NOT NULL DEFAULT '';
ALTER TABLE case_deadline ADD COLUMN territory TEXT NOT NULL DEFAULT '';
ALTER TABLE case_missing_document ADD COLUMN counsellor TEXT NOT NULL DEFAULT '';
ALTER TABLE case_missing_document ADD COLUMN territory TEXT NOT NULL DEFAULT '';

UPDATE case_deadline SET
    counsellor = (SELECT c.counsellor FROM case_file c WHERE c.id = case_deadline.case_id),
    territory = (SELECT coalesce(c.territory, '') FROM case_file c WHERE c.id = case_deadline.case_id);
UPDATE case_missing_document SET
    counsellor = (SELECT c.counsellor FROM case_file c WHERE c.id = case_missing_document.case_id),
    territory = (SELECT coalesce(c.territory, '') FROM case_file c WHERE c.id = case_missing_document.case_id);

CREATE INDEX case_deadline_open_counsellor ON case_deadline (counsellor, due) WHERE done = 0;
CREATE INDEX case_deadline_open_territory ON case_deadline (territory, due) WHERE done = 0;
CREATE INDEX case_missing_document_counsellor ON case_missing_document (counsellor, case_id);
CREATE INDEX case_missing_document_territory ON case_missing_document (territory, case_id);
-- A territory's idle cases (one counsellor's: case_file_active_counsellor_updated, 0009).
CREATE INDEX case_file_active_territory_updated ON case_file (territory, updated_at)
    WHERE archived_at IS NULL;
