-- The handover plan 引継計画書: every save is a new version; a version moves from draft to
-- submitted and then approved or returned, and is never deleted, so approved versions stay.
-- The plan itself (parties, roles, schedule) is one JSON document: it is read and written
-- whole, never queried by its parts.
CREATE TABLE handover_plan_versions (
    version        BIGINT  NOT NULL PRIMARY KEY CHECK (version >= 1),
    content        TEXT COLLATE "C"  NOT NULL,
    status         TEXT COLLATE "C"  NOT NULL,
    edited_by      BIGINT  NOT NULL REFERENCES accounts (id),
    edited_at      BIGINT  NOT NULL,
    submitted_at   BIGINT,
    decided_by     BIGINT  REFERENCES accounts (id),
    decided_at     BIGINT,
    return_reason  TEXT COLLATE "C"
);
