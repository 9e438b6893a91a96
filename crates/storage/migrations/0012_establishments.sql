-- 0012: establishments, the companies' sites a territory follows. Public registry data (the
-- INSEE Sirene stock) or entered by hand; keyed by SIRET; placed once, at write time, in their
-- commune's EPCI and territory so that a territory's lists read one index. Not journaled: the
-- rows are a copy of a public register, re-imported whole, and hold no personal data.
CREATE TABLE establishment (
    siret           TEXT PRIMARY KEY CHECK (length(siret) = 14),
    name            TEXT NOT NULL,
    naf             TEXT NOT NULL,
    headcount_band  TEXT NOT NULL,
    commune         TEXT NOT NULL,
    commune_name    TEXT NOT NULL,
    epci            TEXT NOT NULL,
    epci_name       TEXT NOT NULL,
    territory       TEXT NOT NULL,
    source          TEXT NOT NULL CHECK (source IN ('sirene', 'manual')),
    updated_at      TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX establishment_territory ON establishment (territory, name, siret);
CREATE INDEX establishment_epci ON establishment (epci, name, siret);
