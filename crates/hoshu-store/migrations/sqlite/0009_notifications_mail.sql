-- Notifications kept per recipient, written by the use cases in the transaction of the event
-- they tell of; what people watch; whether a person wants operating-system notifications; and
-- the outbox of incident reports sent by mail.
-- Keep in step with ../postgres/0009_notifications_mail.sql.

CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY,
    recipient_id  BIGINT  NOT NULL REFERENCES accounts (id),
    kind          TEXT    NOT NULL,
    item_kind     TEXT    NOT NULL,
    item_id       BIGINT  NOT NULL,
    summary       TEXT    NOT NULL,
    -- Who caused it; none for a deadline coming near.
    actor_id      BIGINT  REFERENCES accounts (id),
    created_at    BIGINT  NOT NULL,
    read_at       BIGINT,
    -- Deadline alerts are told once per recipient and clock: the key makes a second one fail.
    once_key      TEXT   
);
-- The window's poll: a recipient's newest ids, and the unread count.
CREATE INDEX notifications_recipient ON notifications (recipient_id, id);
CREATE INDEX notifications_unread ON notifications (recipient_id, read_at);
CREATE UNIQUE INDEX notifications_once ON notifications (recipient_id, once_key);

CREATE TABLE watches (
    account_id  BIGINT  NOT NULL REFERENCES accounts (id),
    item_kind   TEXT    NOT NULL,
    item_id     BIGINT  NOT NULL,
    created_at  BIGINT  NOT NULL,
    PRIMARY KEY (account_id, item_kind, item_id)
);
CREATE INDEX watches_item ON watches (item_kind, item_id);

CREATE TABLE notification_preferences (
    account_id        BIGINT  PRIMARY KEY REFERENCES accounts (id),
    os_notifications  BIGINT  NOT NULL CHECK (os_notifications IN (0, 1)),
    updated_at        BIGINT  NOT NULL
);

-- Incident reports sent by mail: queued in the transaction that asks for them, claimed by one
-- sender at a time (queued -> sending) so none goes twice, then sent (the server's acceptance
-- time) or queued again with the reason, or failed for good.
CREATE TABLE mail_outbox (
    id               INTEGER PRIMARY KEY,
    incident_id      BIGINT  NOT NULL REFERENCES incidents (id),
    kind             TEXT    NOT NULL,
    -- One address per line.
    recipients       TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    attempts         BIGINT  NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  BIGINT  NOT NULL,
    last_error       TEXT   ,
    accepted_at      BIGINT,
    created_by       BIGINT  NOT NULL REFERENCES accounts (id),
    created_at       BIGINT  NOT NULL,
    updated_at       BIGINT  NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_incident ON mail_outbox (incident_id, id);
