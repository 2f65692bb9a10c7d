-- Filters a person saved under a name on a list screen (「北区の未割当」): theirs alone, kept on
-- the server so they follow the person to any terminal and stay off the terminal's disk.
-- Keep in step with ../postgres/0014_saved_views.sql.

CREATE TABLE saved_views (
    id          INTEGER PRIMARY KEY,
    account_id  BIGINT  NOT NULL REFERENCES accounts (id),
    list        TEXT    NOT NULL,
    name        TEXT    NOT NULL,
    -- The screen's filters as JSON; the window reads them back as it wrote them.
    filters     TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);
-- Saving under a name a person already uses on that list replaces it.
CREATE UNIQUE INDEX saved_views_name ON saved_views (account_id, list, name);
