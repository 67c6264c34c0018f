-- Corpus-wide views over a pipeline warehouse, for DuckDB.
--
-- Set the warehouse folder first, then run this file:
--     SET VARIABLE warehouse = 'warehouse';
--     .read sql/views.sql                -- duckdb CLI; or: python -m flows.views --warehouse warehouse
--     SELECT * FROM people ORDER BY n_documents DESC LIMIT 20;
--
-- Names are counted as the documents write their fullest form (entities.name): "Atul Khare"
-- and "Khare" in one document are one entity; the same name in two documents counts twice.

CREATE OR REPLACE VIEW documents AS
SELECT * FROM read_parquet(getvariable('warehouse') || '/documents/**/*.parquet', hive_partitioning = true);

CREATE OR REPLACE VIEW entities AS
SELECT * FROM read_parquet(getvariable('warehouse') || '/entities/**/*.parquet', hive_partitioning = true);

CREATE OR REPLACE VIEW entity_mentions AS
SELECT * FROM read_parquet(getvariable('warehouse') || '/entity_mentions/**/*.parquet', hive_partitioning = true);

CREATE OR REPLACE VIEW quotes AS
SELECT * FROM read_parquet(getvariable('warehouse') || '/quotes/**/*.parquet', hive_partitioning = true);

-- Every named entity across the corpus: in how many documents, how often, first and last month.
-- Undated documents (year 0) count, but give no month.
CREATE OR REPLACE VIEW entity_counts AS
SELECT
    label,
    name,
    count(DISTINCT doc_id) AS n_documents,
    sum(n_mentions) AS n_mentions,
    min(CASE WHEN year > 0 THEN make_date(year, month, 1) END) AS first_month,
    max(CASE WHEN year > 0 THEN make_date(year, month, 1) END) AS last_month
FROM entities
GROUP BY label, name;

-- People by number of documents (then mentions).
CREATE OR REPLACE VIEW people AS
SELECT name, n_documents, n_mentions, first_month, last_month
FROM entity_counts
WHERE label = 'PERSON';

-- People by month: one row per person and month they appear in.
CREATE OR REPLACE VIEW people_by_month AS
SELECT
    year,
    month,
    name,
    count(DISTINCT doc_id) AS n_documents,
    sum(n_mentions) AS n_mentions
FROM entities
WHERE label = 'PERSON'
GROUP BY year, month, name;

-- Organisations and places, the same way.
CREATE OR REPLACE VIEW organisations AS
SELECT name, n_documents, n_mentions, first_month, last_month FROM entity_counts WHERE label = 'ORG';

CREATE OR REPLACE VIEW places AS
SELECT name, label, n_documents, n_mentions, first_month, last_month FROM entity_counts WHERE label IN ('GPE', 'LOC', 'FAC');

-- Speakers by number of quotes: the resolved name of each quote's speaker (never a pronoun).
CREATE OR REPLACE VIEW speakers AS
SELECT
    q.speaker_name AS name,
    count(*) AS n_quotes,
    count(DISTINCT q.doc_id) AS n_documents,
    any_value(e.label) AS label
FROM quotes AS q
LEFT JOIN entities AS e ON e.doc_id = q.doc_id AND e.entity_id = q.speaker_entity_id
WHERE q.speaker_name IS NOT NULL
GROUP BY q.speaker_name;

-- Pairs of people, organisations and places named in the same document (name_a < name_b).
CREATE OR REPLACE VIEW cooccurrence AS
WITH named AS (
    SELECT DISTINCT doc_id, name, label FROM entities WHERE label IN ('PERSON', 'ORG', 'GPE', 'LOC')
)
SELECT
    a.name AS name_a,
    a.label AS label_a,
    b.name AS name_b,
    b.label AS label_b,
    count(*) AS n_documents
FROM named AS a
JOIN named AS b ON a.doc_id = b.doc_id AND (a.name, a.label) < (b.name, b.label)
GROUP BY ALL;
