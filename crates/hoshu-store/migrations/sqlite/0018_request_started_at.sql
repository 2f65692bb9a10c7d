-- When the contractor first took a request up (its first move to 対応中, or straight to 回答済),
-- kept when it is sent back and taken up again. Requests from before are dated from their history.
-- Keep in step with ../postgres/0018_request_started_at.sql.

ALTER TABLE requests ADD COLUMN started_at BIGINT;
UPDATE requests SET started_at = (
    SELECT MIN(e.at) FROM request_events e
    WHERE e.request_id = requests.id AND e.to_status IN ('in_progress', 'answered')
);
