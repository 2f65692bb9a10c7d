-- Which step a decision was: 承認, 却下, 差戻し or 承認取消. Before this, a decision was an
-- approval or a rejection only, which the `approved` flag still says (the check that nothing
-- is done without an approval reads it).
ALTER TABLE change_decisions ADD COLUMN step TEXT COLLATE "C" NOT NULL DEFAULT 'reject';
UPDATE change_decisions SET step = 'approve' WHERE approved = 1;
