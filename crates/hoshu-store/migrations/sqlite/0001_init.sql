-- Hoshu Desk schema, SQLite dialect.
--
-- Keep in step with ../postgres/0001_init.sql: the same tables, columns, constraints and
-- indexes, only the spelling of types differs. Conventions (see the crate docs):
--   * timestamps are BIGINT Unix milliseconds, UTC;
--   * flags are BIGINT 0/1;
--   * codes of the core enums are TEXT, checked when read (no CHECK on them, so that a new
--     variant needs no table rebuild on SQLite);
--   * ids are INTEGER PRIMARY KEY here (the rowid) and BIGINT identity on PostgreSQL.

CREATE TABLE offices (
    code        TEXT    NOT NULL PRIMARY KEY CHECK (code <> ''),
    name        TEXT    NOT NULL,
    sort_order  BIGINT  NOT NULL DEFAULT 0
);

CREATE TABLE accounts (
    id             INTEGER PRIMARY KEY,
    login          TEXT    NOT NULL UNIQUE CHECK (login <> ''),
    display_name   TEXT    NOT NULL,
    role           TEXT    NOT NULL,
    office         TEXT    NOT NULL REFERENCES offices (code),
    password_hash  TEXT    NOT NULL,
    failed_logins  BIGINT  NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until   BIGINT,
    disabled       BIGINT  NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    version        BIGINT  NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at     BIGINT  NOT NULL,
    updated_at     BIGINT  NOT NULL
);
CREATE INDEX accounts_office ON accounts (office);

CREATE TABLE login_records (
    id          INTEGER PRIMARY KEY,
    login       TEXT    NOT NULL,
    account_id  BIGINT  REFERENCES accounts (id),
    at          BIGINT  NOT NULL,
    succeeded   BIGINT  NOT NULL CHECK (succeeded IN (0, 1))
);
CREATE INDEX login_records_succeeded_at ON login_records (succeeded, at);

CREATE TABLE requests (
    id             INTEGER PRIMARY KEY,
    kind           TEXT    NOT NULL,
    work_sub_kind  TEXT,
    office         TEXT    NOT NULL REFERENCES offices (code),
    title          TEXT    NOT NULL,
    body           TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    filed_by       BIGINT  NOT NULL REFERENCES accounts (id),
    assignee_id    BIGINT  REFERENCES accounts (id),
    answer         TEXT,
    filed_at       BIGINT  NOT NULL,
    answered_at    BIGINT,
    closed_at      BIGINT,
    updated_at     BIGINT  NOT NULL,
    version        BIGINT  NOT NULL DEFAULT 1 CHECK (version >= 1)
);
-- The list is ordered newest first; each common filter has an index that also yields that order.
CREATE INDEX requests_filed ON requests (filed_at, id);
CREATE INDEX requests_office_filed ON requests (office, filed_at, id);
CREATE INDEX requests_office_status_filed ON requests (office, status, filed_at, id);
CREATE INDEX requests_status_filed ON requests (status, filed_at, id);
CREATE INDEX requests_kind_filed ON requests (kind, filed_at, id);
CREATE INDEX requests_assignee_filed ON requests (assignee_id, filed_at, id);
CREATE INDEX requests_filed_by ON requests (filed_by);

CREATE TABLE request_comments (
    id          INTEGER PRIMARY KEY,
    request_id  BIGINT  NOT NULL REFERENCES requests (id),
    author_id   BIGINT  NOT NULL REFERENCES accounts (id),
    body        TEXT    NOT NULL,
    created_at  BIGINT  NOT NULL
);
CREATE INDEX request_comments_request ON request_comments (request_id, id);

CREATE TABLE request_attachments (
    id            INTEGER PRIMARY KEY,
    request_id    BIGINT  NOT NULL REFERENCES requests (id),
    file_name     TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    size          BIGINT  NOT NULL CHECK (size >= 0),
    sha256        TEXT    NOT NULL,
    bytes         BLOB    NOT NULL,
    uploaded_by   BIGINT  NOT NULL REFERENCES accounts (id),
    created_at    BIGINT  NOT NULL
);
CREATE INDEX request_attachments_request ON request_attachments (request_id, id);

CREATE TABLE request_events (
    id           INTEGER PRIMARY KEY,
    request_id   BIGINT  NOT NULL REFERENCES requests (id),
    actor_id     BIGINT  NOT NULL REFERENCES accounts (id),
    kind         TEXT    NOT NULL,
    from_status  TEXT,
    to_status    TEXT,
    note         TEXT,
    at           BIGINT  NOT NULL
);
CREATE INDEX request_events_request ON request_events (request_id, id);

CREATE TABLE changes (
    id                 INTEGER PRIMARY KEY,
    kind               TEXT    NOT NULL,
    outage_reason      TEXT,
    release_kind       TEXT,
    title              TEXT    NOT NULL,
    description        TEXT    NOT NULL,
    window_start       BIGINT  NOT NULL,
    window_end         BIGINT  NOT NULL,
    affected_systems   TEXT    NOT NULL,
    impact             TEXT    NOT NULL,
    rollback_plan      TEXT    NOT NULL,
    test_verification  TEXT,
    instruction_ref    TEXT,
    status             TEXT    NOT NULL,
    proposed_by        BIGINT  NOT NULL REFERENCES accounts (id),
    created_at         BIGINT  NOT NULL,
    updated_at         BIGINT  NOT NULL,
    submitted_at       BIGINT,
    version            BIGINT  NOT NULL DEFAULT 1 CHECK (version >= 1),
    CHECK (window_end > window_start)
);
CREATE INDEX changes_window ON changes (window_start, id);
CREATE INDEX changes_status_window ON changes (status, window_start, id);

-- Offices a change affects, in the order given; none means every office.
CREATE TABLE change_offices (
    change_id  BIGINT  NOT NULL REFERENCES changes (id),
    position   BIGINT  NOT NULL,
    office     TEXT    NOT NULL REFERENCES offices (code),
    PRIMARY KEY (change_id, position)
);
CREATE INDEX change_offices_office ON change_offices (office);

CREATE TABLE change_decisions (
    id           INTEGER PRIMARY KEY,
    change_id    BIGINT  NOT NULL REFERENCES changes (id),
    approver_id  BIGINT  NOT NULL REFERENCES accounts (id),
    approved     BIGINT  NOT NULL CHECK (approved IN (0, 1)),
    comment      TEXT    NOT NULL,
    at           BIGINT  NOT NULL
);
CREATE INDEX change_decisions_change ON change_decisions (change_id, id);

CREATE TABLE change_results (
    change_id       BIGINT  NOT NULL PRIMARY KEY REFERENCES changes (id),
    outcome         TEXT    NOT NULL,
    executed_start  BIGINT  NOT NULL,
    executed_end    BIGINT  NOT NULL,
    notes           TEXT    NOT NULL,
    recorded_by     BIGINT  NOT NULL REFERENCES accounts (id),
    recorded_at     BIGINT  NOT NULL
);

CREATE TABLE settings (
    key         TEXT    NOT NULL PRIMARY KEY,
    value       TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);

-- The audit chain. Entries are only ever inserted; the head (last seq and hash) is kept in
-- its own single-row table so that deleting the newest entries is detected too.
CREATE TABLE audit_log (
    seq        BIGINT  NOT NULL PRIMARY KEY CHECK (seq >= 1),
    at         BIGINT  NOT NULL,
    actor      TEXT    NOT NULL,
    action     TEXT    NOT NULL,
    target     TEXT    NOT NULL,
    summary    TEXT    NOT NULL,
    prev_hash  TEXT    NOT NULL,
    hash       TEXT    NOT NULL
);

CREATE TABLE audit_head (
    id    BIGINT  NOT NULL PRIMARY KEY CHECK (id = 1),
    seq   BIGINT  NOT NULL CHECK (seq >= 0),
    hash  TEXT    NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Defence in depth: the log refuses edits and deletions. Verification still detects them
-- when someone drops these triggers first.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_head_no_delete BEFORE DELETE ON audit_head
BEGIN
    SELECT RAISE(ABORT, 'audit_head cannot be deleted');
END;
