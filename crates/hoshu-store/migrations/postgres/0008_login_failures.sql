-- Failed log-ins counted per account and terminal. Five wrong passwords from one terminal lock
-- the account there only: someone at another desk cannot lock a colleague (or the section
-- chief before an approval) out of every terminal just by typing their ID. `accounts` keeps
-- the totals the administrator sees (failures since the last success, the latest lock).
CREATE TABLE login_failures (
    account_id    BIGINT  NOT NULL REFERENCES accounts (id),
    client_addr   TEXT COLLATE "C" NOT NULL,
    failures      BIGINT  NOT NULL CHECK (failures > 0),
    locked_until  BIGINT,
    updated_at    BIGINT  NOT NULL,
    PRIMARY KEY (account_id, client_addr)
);
