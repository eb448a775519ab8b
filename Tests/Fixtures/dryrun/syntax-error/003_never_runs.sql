CREATE TABLE later (id bigint);
