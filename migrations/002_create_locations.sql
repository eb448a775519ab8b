-- migrate:up
-- Golf-simulator club locations.
CREATE TABLE locations (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL,
    time_zone text NOT NULL DEFAULT 'America/Halifax',
    bay_count integer NOT NULL DEFAULT 1,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT locations_name_key UNIQUE (name),
    CONSTRAINT locations_bay_count_positive CHECK (bay_count > 0)
);

-- migrate:down
DROP TABLE locations;
