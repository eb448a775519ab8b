-- Members and their tiers.
CREATE TYPE member_tier AS ENUM ('bronze', 'silver', 'gold');

CREATE TABLE members (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL UNIQUE,
    tier member_tier NOT NULL DEFAULT 'bronze',
    created_at timestamptz NOT NULL DEFAULT now()
);

-- migrate:down
DROP TABLE members;
DROP TYPE member_tier;
