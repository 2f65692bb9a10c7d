-- Routine operations on the record (003 1.5, 3.2): the daily checklist and its checks, batch
-- job nets and their runs, and maintenance work done under an approved change.
-- Keep in step with ../postgres/0010_operations.sql.

-- What is checked and how often (a setting); `since` is the first day it is due (YYYY-MM-DD).
CREATE TABLE check_items (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    frequency   TEXT    NOT NULL,
    since       TEXT    NOT NULL,
    active      BIGINT  NOT NULL CHECK (active IN (0, 1)),
    created_at  BIGINT  NOT NULL,
    updated_at  BIGINT  NOT NULL,
    version     BIGINT  NOT NULL DEFAULT 1 CHECK (version >= 1)
);

-- One check of one item for one day (Tokyo, YYYY-MM-DD): who, when, what it found.
CREATE TABLE check_records (
    id          INTEGER PRIMARY KEY,
    item_id     BIGINT  NOT NULL REFERENCES check_items (id),
    day         TEXT    NOT NULL,
    result      TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    checked_by  BIGINT  NOT NULL REFERENCES accounts (id),
    checked_at  BIGINT  NOT NULL,
    UNIQUE (item_id, day)
);
CREATE INDEX check_records_day ON check_records (day, item_id);

-- Batch job nets (a setting): planned start (HH:MM, Tokyo) and planned length.
CREATE TABLE job_nets (
    id               INTEGER PRIMARY KEY,
    name             TEXT    NOT NULL UNIQUE,
    schedule         TEXT    NOT NULL,
    planned_start    TEXT    NOT NULL,
    planned_minutes  BIGINT  NOT NULL CHECK (planned_minutes > 0),
    active           BIGINT  NOT NULL CHECK (active IN (0, 1)),
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL,
    version          BIGINT  NOT NULL DEFAULT 1 CHECK (version >= 1)
);

-- One run of a job net. An abnormal end opens a ジョブ異常 incident (`incident_id`); the
-- re-run names the run it repeats (`rerun_of`); a run imported from the scheduler's results
-- keeps its reference there (`external_ref`), so it is imported once.
CREATE TABLE batch_runs (
    id               INTEGER PRIMARY KEY,
    job_net_id       BIGINT  NOT NULL REFERENCES job_nets (id),
    planned_start    BIGINT  NOT NULL,
    planned_end      BIGINT  NOT NULL,
    started_at       BIGINT  NOT NULL,
    ended_at         BIGINT  NOT NULL,
    result           TEXT    NOT NULL,
    processed_count  BIGINT  NOT NULL CHECK (processed_count >= 0),
    note             TEXT    NOT NULL,
    rerun_of         BIGINT  REFERENCES batch_runs (id),
    external_ref     TEXT,
    incident_id      BIGINT  REFERENCES incidents (id),
    recorded_by      BIGINT  NOT NULL REFERENCES accounts (id),
    recorded_at      BIGINT  NOT NULL,
    CHECK (ended_at >= started_at)
);
CREATE INDEX batch_runs_started ON batch_runs (started_at, id);
CREATE INDEX batch_runs_rerun ON batch_runs (rerun_of);
CREATE UNIQUE INDEX batch_runs_external_ref ON batch_runs (external_ref);

-- Maintenance, patch and release work, each under the change that approved it.
CREATE TABLE work_records (
    id           INTEGER PRIMARY KEY,
    change_id    BIGINT  NOT NULL REFERENCES changes (id),
    kind         TEXT    NOT NULL,
    started_at   BIGINT  NOT NULL,
    ended_at     BIGINT  NOT NULL,
    note         TEXT    NOT NULL,
    recorded_by  BIGINT  NOT NULL REFERENCES accounts (id),
    recorded_at  BIGINT  NOT NULL,
    CHECK (ended_at >= started_at)
);
CREATE INDEX work_records_ended ON work_records (ended_at, id);
CREATE INDEX work_records_change ON work_records (change_id);
