-- Notifications kept per recipient, written by the use cases in the transaction of the event
-- they tell of; what people watch; whether a person wants operating-system notifications.
-- Keep in step with ../postgres/0009_notifications.sql.

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
