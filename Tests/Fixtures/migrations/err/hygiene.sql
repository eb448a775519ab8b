CREATE TABLE IF NOT EXISTS routing_decisions (
    id bigserial PRIMARY KEY,
    created_at timestamp NOT NULL DEFAULT now(),
    route varchar(50) NOT NULL,
    details json
);
CREATE INDEX routing_decisions_route_created_at_assistant_confidence_location_idx ON routing_decisions (route);
