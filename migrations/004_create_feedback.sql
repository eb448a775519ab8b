-- migrate:up
-- Feedback on assistant answers (the FeedbackData record):
--   id, timestamp, query, response, assistant, confidence,
--   feedback { rating, reason?, correction? }, context { userId, location?, sessionId }.
SET LOCAL lock_timeout = '5s';

CREATE TYPE assistant_kind AS ENUM ('Booking', 'Emergency', 'TechSupport', 'BrandTone');
CREATE TYPE feedback_rating AS ENUM ('helpful', 'unhelpful');

CREATE TABLE feedback (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    "timestamp" timestamptz NOT NULL DEFAULT now(),
    query text NOT NULL,
    response text NOT NULL,
    assistant assistant_kind NOT NULL,
    confidence double precision NOT NULL,
    rating feedback_rating NOT NULL,
    reason text,
    correction text,
    user_id uuid NOT NULL REFERENCES users (id),
    location_id uuid REFERENCES locations (id),
    session_id uuid NOT NULL REFERENCES sessions (id),
    CONSTRAINT feedback_confidence_range CHECK (confidence >= 0 AND confidence <= 1),
    CONSTRAINT feedback_correction_only_when_unhelpful CHECK (correction IS NULL OR rating = 'unhelpful')
);

CREATE INDEX feedback_assistant_timestamp_idx ON feedback (assistant, "timestamp");
CREATE INDEX feedback_user_id_idx ON feedback (user_id);
CREATE INDEX feedback_session_id_idx ON feedback (session_id);

-- migrate:down
DROP TABLE feedback;
DROP TYPE feedback_rating;
DROP TYPE assistant_kind;
