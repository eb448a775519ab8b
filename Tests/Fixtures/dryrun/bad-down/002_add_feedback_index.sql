CREATE INDEX idx_feedback_user ON feedback (user_id);
ALTER TABLE feedback ADD COLUMN rating smallint;
