\set ON_ERROR_STOP on
CREATE TABLE notes (body text);
INSERT INTO notes VALUES ('unterminated);
