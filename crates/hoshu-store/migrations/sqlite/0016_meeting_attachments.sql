-- Material handed out at a meeting (配布資料) as files: the minutes list them and the delivery
-- disc carries them beside the minutes. Kept like request attachments: the bytes, their size and
-- SHA-256, who added them and when.
-- Keep in step with ../postgres/0016_meeting_attachments.sql.

CREATE TABLE meeting_attachments (
    id            INTEGER PRIMARY KEY,
    meeting_id    BIGINT  NOT NULL REFERENCES meetings (id),
    file_name     TEXT    NOT NULL,
    content_type  TEXT    NOT NULL,
    size          BIGINT  NOT NULL CHECK (size >= 0),
    sha256        TEXT    NOT NULL,
    bytes         BLOB    NOT NULL,
    uploaded_by   BIGINT  NOT NULL REFERENCES accounts (id),
    created_at    BIGINT  NOT NULL
);
CREATE INDEX meeting_attachments_meeting ON meeting_attachments (meeting_id, id);
