-- Records brought in from Redmine and the Excel issue register, and the knowledge search index.
-- Keep in step with ../postgres/0007_import_search.sql.

-- Where an imported record came from (`redmine#813`, `No.12`), so a second import of the same
-- file adds nothing; and when it was imported (NULL for records filed on the desk). The
-- original filing and closing times stay in filed_at / closed_at, raised_on / completed_on.
ALTER TABLE requests ADD COLUMN external_ref TEXT;
ALTER TABLE requests ADD COLUMN imported_at BIGINT;
CREATE UNIQUE INDEX requests_external_ref ON requests (external_ref);
ALTER TABLE register_items ADD COLUMN external_ref TEXT;
ALTER TABLE register_items ADD COLUMN imported_at BIGINT;
CREATE UNIQUE INDEX register_items_external_ref ON register_items (external_ref);

-- One searchable record: a request, register item, incident or meeting, with its fields'
-- original text joined by U+001F. `office` is the request's (office isolation); `at` orders
-- the results newest first.
CREATE TABLE search_docs (
    id       INTEGER PRIMARY KEY,
    kind     TEXT    NOT NULL,
    item_id  BIGINT  NOT NULL,
    office   TEXT,
    at       BIGINT  NOT NULL,
    title    TEXT    NOT NULL,
    text     TEXT    NOT NULL,
    UNIQUE (kind, item_id)
);
CREATE INDEX search_docs_at ON search_docs (at, id);

-- Posting lists: for each gram (1–3 normalised characters) or filter key (kind, office, month),
-- the documents holding it, in blocks of 4,096 document ids (a sorted list of offsets or a
-- bitmap). Rewritten in the same transaction as the record it reflects.
CREATE TABLE search_postings (
    gram   TEXT    NOT NULL,
    block  BIGINT  NOT NULL,
    docs   BLOB    NOT NULL,
    PRIMARY KEY (gram, block)
);

-- Whether the index holds every record: set once the records that existed before this
-- migration have been indexed (the owner's first connection after it).
CREATE TABLE search_state (
    id     BIGINT  NOT NULL PRIMARY KEY CHECK (id = 1),
    built  BIGINT  NOT NULL CHECK (built IN (0, 1))
);
INSERT INTO search_state (id, built) VALUES (1, 0);
