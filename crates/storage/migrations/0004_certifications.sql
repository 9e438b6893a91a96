-- 0004: the certification catalogue (RNCP and RS fiches from France compétences exports, plus
-- CléA and CléA numérique built in). Re-importing a fiche updates it: the fiche code is the key.

CREATE TABLE certification (
    code           TEXT PRIMARY KEY,
    title          TEXT NOT NULL,
    level          INTEGER CHECK (level BETWEEN 1 AND 8),
    certifier      TEXT NOT NULL DEFAULT '',
    registered_on  TEXT,
    expires_on     TEXT,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    builtin        INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE certification_bloc (
    code                TEXT PRIMARY KEY,
    certification_code  TEXT NOT NULL REFERENCES certification (code),
    position            INTEGER NOT NULL,
    title               TEXT NOT NULL
) STRICT;

CREATE INDEX certification_bloc_parent ON certification_bloc (certification_code, position);

CREATE TABLE certification_rome (
    certification_code  TEXT NOT NULL REFERENCES certification (code),
    rome_code           TEXT NOT NULL,
    PRIMARY KEY (certification_code, rome_code)
) STRICT, WITHOUT ROWID;

CREATE INDEX certification_rome_code ON certification_rome (rome_code);

-- Search by code, title and bloc titles; accents ignored, prefixes matched.
CREATE VIRTUAL TABLE certification_search USING fts5(
    code, title, blocs,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3',
    detail = column
);

INSERT INTO certification (code, title, level, certifier, active, builtin, updated_at) VALUES
    ('CLEA', 'CléA — socle de connaissances et de compétences professionnelles', NULL, 'Certif Pro', 1, 1, '2026-01-01T00:00:00Z'),
    ('CLEA_NUMERIQUE', 'CléA numérique', NULL, 'Certif Pro', 1, 1, '2026-01-01T00:00:00Z');

INSERT INTO certification_bloc (code, certification_code, position, title) VALUES
    ('CLEA-D1', 'CLEA', 1, 'Communication en français'),
    ('CLEA-D2', 'CLEA', 2, 'Calcul, raisonnement mathématique'),
    ('CLEA-D3', 'CLEA', 3, 'Usage des outils numériques de base'),
    ('CLEA-D4', 'CLEA', 4, 'Travail dans le cadre de règles définies d’un travail en équipe'),
    ('CLEA-D5', 'CLEA', 5, 'Travail en autonomie et réalisation d’un objectif individuel'),
    ('CLEA-D6', 'CLEA', 6, 'Apprendre à apprendre tout au long de la vie'),
    ('CLEA-D7', 'CLEA', 7, 'Gestes et postures, règles d’hygiène, de sécurité et environnementales élémentaires'),
    ('CLEA_NUMERIQUE-D1', 'CLEA_NUMERIQUE', 1, 'Identifier son environnement et utiliser les outils associés'),
    ('CLEA_NUMERIQUE-D2', 'CLEA_NUMERIQUE', 2, 'Acquérir et exploiter de l’information dans un environnement professionnel numérisé'),
    ('CLEA_NUMERIQUE-D3', 'CLEA_NUMERIQUE', 3, 'Interagir en mode collaboratif'),
    ('CLEA_NUMERIQUE-D4', 'CLEA_NUMERIQUE', 4, 'Appliquer les règles et bonnes pratiques de la sécurité numérique');

INSERT INTO certification_search (rowid, code, title, blocs)
SELECT c.rowid, c.code, c.title, (SELECT group_concat(b.title, ' ') FROM certification_bloc b WHERE b.certification_code = c.code)
FROM certification c;
