-- The contractor's default list is "assigned to me, still open": with the status in the index
-- its total is counted from the index alone. Replaces requests_assignee_filed.
DROP INDEX requests_assignee_filed;
CREATE INDEX requests_assignee_status_filed ON requests (assignee_id, status, filed_at, id);
