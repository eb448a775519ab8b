-- Forgot the index; only the column is removed.
ALTER TABLE feedback DROP COLUMN rating;
