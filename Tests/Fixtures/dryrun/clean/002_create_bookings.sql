CREATE SEQUENCE booking_ref_seq START 1000;

CREATE TABLE bookings (
    id bigserial PRIMARY KEY,
    member_id bigint NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    bay smallint NOT NULL CHECK (bay BETWEEN 1 AND 12),
    starts_at timestamptz NOT NULL,
    ref bigint NOT NULL DEFAULT nextval('booking_ref_seq'),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now(); -- keep; semicolons inside dollar quotes
    RETURN NEW;
END
$$;

CREATE TRIGGER bookings_touch BEFORE UPDATE ON bookings
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

CREATE VIEW upcoming_bookings AS
    SELECT id, member_id, bay, starts_at FROM bookings WHERE starts_at > now();
