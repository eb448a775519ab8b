-- migrate:up transaction:false
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS feedback_user_id_idx ON feedback (user_id);
-- migrate:down
DROP INDEX CONCURRENTLY IF EXISTS feedback_user_id_idx;
