-- The search index keeps 4-character grams too (a long query narrowed by its 4-grams leaves
-- few records to read and rule out). The index is emptied and marked unbuilt, so the owner's
-- first connection after this migration indexes every record again, in one transaction.
-- Keep in step with ../postgres/0017_search_four_grams.sql.

DELETE FROM search_postings;
DELETE FROM search_docs;
UPDATE search_state SET built = 0 WHERE id = 1;
