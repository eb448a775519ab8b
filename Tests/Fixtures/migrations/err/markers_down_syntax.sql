-- migrate:up
CREATE TABLE locations (id uuid PRIMARY KEY);
-- migrate:down
DROP TABLE `locations` CASCADE;
