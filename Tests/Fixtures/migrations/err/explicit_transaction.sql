BEGIN;
CREATE TABLE sop_changes (id uuid PRIMARY KEY);
COMMIT;
CREATE TABLE sop_change_approvals (id uuid PRIMARY KEY);
