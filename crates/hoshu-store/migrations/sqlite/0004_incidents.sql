-- Incidents (障害), their timelines and exclusions (免責), for the SLA clocks and reports.
-- Keep in step with ../postgres/0004_incidents.sql.

CREATE TABLE incidents (
    id                        INTEGER PRIMARY KEY,
    detected_at               BIGINT  NOT NULL,
    category                  TEXT    NOT NULL,
    severity                  TEXT    NOT NULL,
    title                     TEXT    NOT NULL,
    summary                   TEXT    NOT NULL,
    affected_systems          TEXT    NOT NULL,
    manual_revision_required  BIGINT  NOT NULL DEFAULT 0 CHECK (manual_revision_required IN (0, 1)),
    recorded_by               BIGINT  NOT NULL REFERENCES accounts (id),
    created_at                BIGINT  NOT NULL,
    updated_at                BIGINT  NOT NULL,
    version                   BIGINT  NOT NULL DEFAULT 1 CHECK (version >= 1)
);
CREATE INDEX incidents_detected ON incidents (detected_at, id);

-- Offices an incident affects, in the order given; none means every office.
CREATE TABLE incident_offices (
    incident_id  BIGINT  NOT NULL REFERENCES incidents (id),
    position     BIGINT  NOT NULL,
    office       TEXT    NOT NULL REFERENCES offices (code),
    PRIMARY KEY (incident_id, position)
);

-- Requests (fault reports, inquiries) an incident answers.
CREATE TABLE incident_requests (
    incident_id  BIGINT  NOT NULL REFERENCES incidents (id),
    request_id   BIGINT  NOT NULL REFERENCES requests (id),
    PRIMARY KEY (incident_id, request_id)
);
CREATE INDEX incident_requests_request ON incident_requests (request_id);

CREATE TABLE incident_events (
    id           INTEGER PRIMARY KEY,
    incident_id  BIGINT  NOT NULL REFERENCES incidents (id),
    kind         TEXT    NOT NULL,
    at           BIGINT  NOT NULL,
    note         TEXT    NOT NULL,
    recorded_by  BIGINT  NOT NULL REFERENCES accounts (id),
    recorded_at  BIGINT  NOT NULL
);
CREATE INDEX incident_events_incident ON incident_events (incident_id, at, id);

-- At most one exclusion per incident: proposed (by the contractor), then decided by the city.
-- The incident is excluded from the SLA figures only when approved = 1.
CREATE TABLE incident_exclusions (
    incident_id   BIGINT  NOT NULL PRIMARY KEY REFERENCES incidents (id),
    reason        TEXT    NOT NULL,
    note          TEXT    NOT NULL,
    proposed_by   BIGINT  NOT NULL REFERENCES accounts (id),
    proposed_at   BIGINT  NOT NULL,
    approved      BIGINT  CHECK (approved IN (0, 1)),
    decided_by    BIGINT  REFERENCES accounts (id),
    decided_at    BIGINT,
    comment       TEXT
);
