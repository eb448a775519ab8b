SET lock_timeout = '5s';
DROP TABLE legacy_feedback;
ALTER TABLE feedback DROP COLUMN correction;
DROP TYPE feedback_rating CASCADE;
TRUNCATE routing_decisions CASCADE;
ALTER TABLE feedback RENAME COLUMN reason TO rating_reason;
ALTER TABLE sessions RENAME TO chat_sessions;
