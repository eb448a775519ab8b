-- migrate:up transaction:false
BEGIN;
CREATE TABLE locations (id uuid PRIMARY KEY);
-- migrate:down
DROP TABLE locations;
