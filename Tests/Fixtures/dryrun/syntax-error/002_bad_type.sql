-- The column type below is misspelled.
INSERT INTO bays VALUES (1);
CREATE TABLE café (naïve text, größe intt4);
