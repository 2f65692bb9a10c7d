-- The search index keeps 4-character grams too (a long query narrowed by its 4-grams leaves
-- few records to read and rule out). The index is emptied and marked unbuilt, so the first
-- connection after this migration indexes every record again, in one transaction; document
-- ids start from 1 again, keeping the candidate bitmaps as small as the records are few.
-- Keep in step with ../sqlite/0017_search_four_grams.sql.

TRUNCATE search_postings, search_docs RESTART IDENTITY;
UPDATE search_state SET built = 0 WHERE id = 1;
