CREATE TABLE locations (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text NOT NULL);
CREATE TABLE bays (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    location_id uuid NOT NULL REFERENCES locations (id) ON DELETE CASCADE,
    number integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bays_location_id_idx ON bays (location_id);
ALTER TABLE bays ADD CONSTRAINT bays_number_key UNIQUE (location_id, number);
ALTER TABLE bays ADD COLUMN label text NOT NULL;
