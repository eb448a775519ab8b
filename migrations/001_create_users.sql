-- migrate:up
-- Staff and customer accounts of ClubOS V2.
CREATE TYPE user_role AS ENUM ('admin', 'operator', 'support', 'kiosk');

CREATE TABLE users (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email text NOT NULL,
    name text NOT NULL,
    role user_role NOT NULL DEFAULT 'operator',
    password_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_format CHECK (position('@' IN email) > 1),
    CONSTRAINT users_name_length CHECK (char_length(name) BETWEEN 1 AND 200)
);

CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- migrate:down
DROP TABLE users;
DROP TYPE user_role;
