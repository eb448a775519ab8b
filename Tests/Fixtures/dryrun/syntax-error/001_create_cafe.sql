CREATE TABLE bays (id bigint PRIMARY KEY);
