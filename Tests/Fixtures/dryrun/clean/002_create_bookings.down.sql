DROP VIEW upcoming_bookings;
DROP TABLE bookings;
DROP FUNCTION touch_updated_at();
DROP SEQUENCE booking_ref_seq;
