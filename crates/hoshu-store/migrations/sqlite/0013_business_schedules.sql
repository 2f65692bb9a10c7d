-- 業務日程表 (003 3.1): each version 版 of a month's schedule and its entries. A version is
-- edited only while 作成中; a returned or approved version is kept as it was, and a revision
-- is a new row naming the version it came from (`revised_from`).
-- Keep in step with ../postgres/0013_business_schedules.sql.
CREATE TABLE business_schedules (
    id                INTEGER PRIMARY KEY,
    year              BIGINT  NOT NULL,
    month             BIGINT  NOT NULL CHECK (month BETWEEN 1 AND 12),
    edition           BIGINT  NOT NULL CHECK (edition >= 1),
    status            TEXT NOT NULL,
    revised_from      BIGINT  REFERENCES business_schedules (id),
    created_by        BIGINT  NOT NULL REFERENCES accounts (id),
    created_at        BIGINT  NOT NULL,
    updated_at        BIGINT  NOT NULL,
    submitted_by      BIGINT  REFERENCES accounts (id),
    submitted_at      BIGINT,
    decided_by        BIGINT  REFERENCES accounts (id),
    decided_at        BIGINT,
    decision_comment  TEXT NOT NULL DEFAULT '',
    version           BIGINT  NOT NULL DEFAULT 1 CHECK (version >= 1),
    UNIQUE (year, month, edition)
);

-- One entry: a day (YYYY-MM-DD), a row of the calendar, times (HH:MM, Tokyo) and where it
-- came from; `position` keeps the order the contractor left them in.
CREATE TABLE business_schedule_entries (
    schedule_id  BIGINT  NOT NULL REFERENCES business_schedules (id),
    position     BIGINT  NOT NULL,
    day          TEXT NOT NULL,
    category     TEXT NOT NULL,
    title        TEXT NOT NULL,
    starts       TEXT,
    ends         TEXT,
    note         TEXT NOT NULL,
    source       TEXT NOT NULL,
    source_id    BIGINT,
    PRIMARY KEY (schedule_id, position)
);
