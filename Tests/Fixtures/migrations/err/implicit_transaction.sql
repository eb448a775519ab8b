-- migrate:up transaction:false
-- Not wrapped by the runner, but sent as one query: PostgreSQL runs it in an implicit transaction.
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY feedback_user_id_idx ON feedback (user_id);
ALTER TYPE assistant_kind ADD VALUE 'Events';
INSERT INTO routing_rules (assistant) VALUES ('Events');
-- migrate:down
DROP INDEX feedback_user_id_idx;
