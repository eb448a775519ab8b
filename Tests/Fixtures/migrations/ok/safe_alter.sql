SET lock_timeout = '5s';
ALTER TABLE feedback ADD COLUMN correction text;
ALTER TABLE feedback ADD COLUMN reviewed_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE feedback ADD CONSTRAINT feedback_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
ALTER TABLE feedback ADD CONSTRAINT feedback_session_nn CHECK (session_id IS NOT NULL) NOT VALID;
ALTER TABLE feedback ALTER COLUMN reason TYPE text;
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;
