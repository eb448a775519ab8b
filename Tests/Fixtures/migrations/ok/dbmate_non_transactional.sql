-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS feedback_user_id_idx ON feedback (user_id);
-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS feedback_user_id_idx;
