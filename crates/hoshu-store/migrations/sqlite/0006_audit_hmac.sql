-- The audit chain becomes an HMAC-SHA-256 under a key kept outside the database. This row
-- records how the chain in audit_log is computed: a log that already has entries was chained
-- with plain SHA-256 ('sha256') and is re-sealed with the key the first time the owner opens
-- the store with one (hoshu-store, audit.rs); an empty log starts keyed.
CREATE TABLE audit_chain (
    id    BIGINT  NOT NULL PRIMARY KEY CHECK (id = 1),
    kind  TEXT    NOT NULL
);
INSERT INTO audit_chain (id, kind)
SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM audit_log) THEN 'sha256' ELSE 'hmac-sha256' END;

CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN
    SELECT RAISE(ABORT, 'audit_chain cannot be deleted');
END;

-- A MAC over the head's seq and hash under the key, so that the head cannot be moved back to
-- an older entry after the newest are deleted. NULL until the first keyed append.
ALTER TABLE audit_head ADD COLUMN seal TEXT;
