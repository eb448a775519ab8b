-- The runner wraps this file in BEGIN … COMMIT.
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY feedback_user_id_idx ON feedback (user_id);
DROP INDEX CONCURRENTLY IF EXISTS feedback_old_idx;
VACUUM ANALYZE feedback;
ALTER SYSTEM SET work_mem = '64MB';
