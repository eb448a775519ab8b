-- UP
/* Nested /* comments */ with ; and 'quotes' */
CREATE TABLE audit_log (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), note text, at timestamptz NOT NULL DEFAULT now());
CREATE FUNCTION audit_note() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  -- BEGIN; COMMIT; inside a body are not transaction control
  NEW.note := format($$%s; 'quoted' $x$ %s$$, NEW.note, E'tab\t\'q\'');
  RETURN NEW;
END$fn$;
CREATE TRIGGER audit_note BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_note();
INSERT INTO audit_log (id, note) VALUES (gen_random_uuid(), 'it''s; fine') ON CONFLICT (id) DO NOTHING;
INSERT INTO audit_log (id, note) VALUES (gen_random_uuid(), U&'d\0061t\+000061') ON CONFLICT (id) DO UPDATE SET note = EXCLUDED.note;
DO $$BEGIN RAISE NOTICE 'done; really'; END$$;
-- DOWN (for rollback)
DROP TABLE audit_log;
DROP FUNCTION audit_note();
