-- What a request says beyond its title and body: how urgent the filer finds it, the day they
-- hope for an answer by (YYYY-MM-DD), and for an operating-hour extension the day (YYYY-MM-DD)
-- and hours (HH:MM) asked for. Requests filed before this are normal ones with no wish.
-- Keep in step with ../postgres/0015_request_details.sql.

ALTER TABLE requests ADD COLUMN urgency TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE requests ADD COLUMN desired_by TEXT;
ALTER TABLE requests ADD COLUMN extension_day TEXT;
ALTER TABLE requests ADD COLUMN extension_from TEXT;
ALTER TABLE requests ADD COLUMN extension_until TEXT;
