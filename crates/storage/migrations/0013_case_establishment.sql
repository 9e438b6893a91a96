-- 0013: a case's employer links to its establishment by SIRET. The SIRET stays in the case's
-- data (typed by the counsellor, validated); this column reads it from there, so every case
-- written before or after is linked as soon as the establishment is known, and an
-- establishment's page finds its cases through the index.
ALTER TABLE case_file ADD COLUMN employer_siret TEXT
    GENERATED ALWAYS AS (nullif(data ->> '$.situation.employer.siret', '')) VIRTUAL;

CREATE INDEX case_file_employer_siret ON case_file (employer_siret)
    WHERE employer_siret IS NOT NULL;
