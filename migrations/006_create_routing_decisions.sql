-- migrate:up
-- Log of the router's decisions: which assistant a query went to, and how sure it was.
SET LOCAL lock_timeout = '5s';

CREATE TABLE routing_decisions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    decided_at timestamptz NOT NULL DEFAULT now(),
    query text NOT NULL,
    route assistant_kind NOT NULL,
    confidence double precision NOT NULL,
    reasoning text,
    user_id uuid REFERENCES users (id) ON DELETE SET NULL,
    session_id uuid REFERENCES sessions (id) ON DELETE SET NULL,
    location_id uuid REFERENCES locations (id) ON DELETE SET NULL,
    CONSTRAINT routing_decisions_confidence_range CHECK (confidence >= 0 AND confidence <= 1)
);

CREATE INDEX routing_decisions_route_decided_at_idx ON routing_decisions (route, decided_at);
CREATE INDEX routing_decisions_session_id_idx ON routing_decisions (session_id);

-- migrate:down
DROP TABLE routing_decisions;
