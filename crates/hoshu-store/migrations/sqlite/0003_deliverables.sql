-- Meetings and their minutes, the issue register and the operation plan (issue 4).
-- Dates without a time (due days, 起票日, 完了日) are TEXT 'YYYY-MM-DD': they sort and compare
-- as dates on both backends and carry no time zone to get wrong.

CREATE TABLE meetings (
    id                INTEGER PRIMARY KEY,
    kind              TEXT    NOT NULL,
    title             TEXT    NOT NULL,
    starts_at         BIGINT  NOT NULL,
    ends_at           BIGINT  NOT NULL,
    place             TEXT    NOT NULL,
    discussion        TEXT    NOT NULL,
    next_starts_at    BIGINT,
    next_place        TEXT,
    minutes_status    TEXT    NOT NULL,
    recorded_by       BIGINT  NOT NULL REFERENCES accounts (id),
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    submitted_at      BIGINT,
    decided_by        BIGINT  REFERENCES accounts (id),
    decided_at        BIGINT,
    decision          TEXT,
    decision_comment  TEXT,
    version           BIGINT  NOT NULL DEFAULT 1 CHECK (version >= 1),
    CHECK (ends_at > starts_at)
);
CREATE INDEX meetings_starts ON meetings (starts_at, id);
CREATE INDEX meetings_status_starts ON meetings (minutes_status, starts_at, id);

CREATE TABLE meeting_attendees (
    meeting_id    BIGINT  NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position      BIGINT  NOT NULL,
    side          TEXT    NOT NULL,
    organisation  TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    name          TEXT    NOT NULL,
    present       BIGINT  NOT NULL CHECK (present IN (0, 1)),
    PRIMARY KEY (meeting_id, position)
);

-- Handouts 配布資料, agenda 議題 and decisions 決定事項: one row per line, in order.
CREATE TABLE meeting_lines (
    meeting_id  BIGINT  NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    list        TEXT    NOT NULL,
    position    BIGINT  NOT NULL,
    text        TEXT    NOT NULL,
    PRIMARY KEY (meeting_id, list, position)
);

CREATE TABLE register_items (
    id            INTEGER PRIMARY KEY,
    no            BIGINT  NOT NULL UNIQUE CHECK (no >= 1),
    raised_on     TEXT    NOT NULL,
    raised_by     TEXT    NOT NULL,
    category      TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    content       TEXT    NOT NULL,
    priority      TEXT    NOT NULL,
    owner         TEXT    NOT NULL,
    due           TEXT,
    status        TEXT    NOT NULL,
    progress      TEXT    NOT NULL,
    completed_on  TEXT,
    meeting_id    BIGINT  REFERENCES meetings (id),
    request_id    BIGINT  REFERENCES requests (id),
    created_by    BIGINT  NOT NULL REFERENCES accounts (id),
    created_at    BIGINT  NOT NULL,
    updated_at    BIGINT  NOT NULL,
    version       BIGINT  NOT NULL DEFAULT 1 CHECK (version >= 1),
    CHECK (meeting_id IS NULL OR request_id IS NULL)
);
CREATE INDEX register_status_no ON register_items (status, no);
CREATE INDEX register_category_no ON register_items (category, no);
CREATE INDEX register_meeting ON register_items (meeting_id);

-- Action items 宿題 of a meeting, each linked to the register item it became.
CREATE TABLE meeting_action_items (
    meeting_id        BIGINT  NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    position          BIGINT  NOT NULL,
    description       TEXT    NOT NULL,
    owner             TEXT    NOT NULL,
    due               TEXT    NOT NULL,
    register_item_id  BIGINT  REFERENCES register_items (id),
    PRIMARY KEY (meeting_id, position)
);

-- The plan: every saved text of every section; the newest version is the current one.
CREATE TABLE plan_section_versions (
    section     TEXT    NOT NULL,
    version     BIGINT  NOT NULL CHECK (version >= 1),
    content     TEXT    NOT NULL,
    edited_by   BIGINT  NOT NULL REFERENCES accounts (id),
    edited_at   BIGINT  NOT NULL,
    PRIMARY KEY (section, version)
);
