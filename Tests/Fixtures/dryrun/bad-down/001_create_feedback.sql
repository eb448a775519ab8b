CREATE TABLE feedback (id bigint PRIMARY KEY, user_id bigint NOT NULL);
-- migrate:down
DROP TABLE feedback;
