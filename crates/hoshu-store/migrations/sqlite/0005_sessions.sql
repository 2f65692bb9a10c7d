-- Log-in sessions of `hoshu serve`: the terminal holds only the random token, the server
-- keeps its SHA-256 (a stolen database does not yield usable tokens). Idle and absolute
-- expiry are checked on every call; ending a session stamps `ended_at`, never deletes it,
-- so the administrator's list and the audit log agree on who was logged in when.
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    token_hash    TEXT    NOT NULL UNIQUE,
    account_id    BIGINT  NOT NULL REFERENCES accounts (id),
    client_addr   TEXT    NOT NULL,
    started_at    BIGINT  NOT NULL,
    last_seen_at  BIGINT  NOT NULL,
    expires_at    BIGINT  NOT NULL,
    ended_at      BIGINT,
    end_reason    TEXT
);
CREATE INDEX sessions_open ON sessions (ended_at, last_seen_at);

-- Writes replayed after a network cut: the key is claimed in the same transaction as the
-- write it guards, so a replay of a committed write finds it and changes nothing.
CREATE TABLE idempotency_keys (
    account_id   BIGINT  NOT NULL REFERENCES accounts (id),
    key          TEXT    NOT NULL CHECK (key <> ''),
    operation    TEXT    NOT NULL,
    created_at   BIGINT  NOT NULL,
    response     TEXT,
    PRIMARY KEY (account_id, key)
);

-- Set by an administrator (a new account, a reset): the owner must choose their own password at
-- the next log-in before anything else, so that nobody but them knows it.
ALTER TABLE accounts ADD COLUMN must_change_password BIGINT NOT NULL DEFAULT 0
    CHECK (must_change_password IN (0, 1));
