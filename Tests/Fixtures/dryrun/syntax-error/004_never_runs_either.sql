CREATE TABLE later_still (id bigint);
