-- migrate:up
-- Proposed changes to assistant SOPs, their approvals, and the git backup
-- (branch claude-sop-<id> and its commit) taken before a change is applied.
SET LOCAL lock_timeout = '5s';

CREATE TYPE sop_environment AS ENUM ('staging', 'production');
CREATE TYPE sop_change_status AS ENUM ('pending', 'approved', 'rejected', 'applied', 'rolled_back');
CREATE TYPE sop_approval_decision AS ENUM ('approved', 'rejected');

CREATE TABLE sop_changes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    assistant assistant_kind NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    diff text NOT NULL,
    environment sop_environment NOT NULL,
    status sop_change_status NOT NULL DEFAULT 'pending',
    required_approvals integer NOT NULL,
    backup_branch text NOT NULL,
    backup_commit text,
    proposed_by uuid NOT NULL REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    applied_at timestamptz,
    CONSTRAINT sop_changes_required_approvals_positive CHECK (required_approvals >= 1),
    CONSTRAINT sop_changes_production_needs_two_approvals CHECK (environment <> 'production' OR required_approvals >= 2),
    CONSTRAINT sop_changes_backup_branch_name CHECK (backup_branch = 'claude-sop-' || id::text),
    CONSTRAINT sop_changes_backup_commit_sha CHECK (backup_commit IS NULL OR backup_commit ~ '^[0-9a-f]{40}([0-9a-f]{24})?$'),
    CONSTRAINT sop_changes_applied_has_backup CHECK (status NOT IN ('applied', 'rolled_back') OR (backup_commit IS NOT NULL AND applied_at IS NOT NULL))
);

CREATE INDEX sop_changes_status_idx ON sop_changes (status);

CREATE TABLE sop_change_approvals (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    sop_change_id uuid NOT NULL REFERENCES sop_changes (id) ON DELETE CASCADE,
    approver_id uuid NOT NULL REFERENCES users (id),
    decision sop_approval_decision NOT NULL,
    comment text,
    decided_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sop_change_approvals_one_per_approver UNIQUE (sop_change_id, approver_id)
);

CREATE INDEX sop_change_approvals_approver_id_idx ON sop_change_approvals (approver_id);

-- migrate:down
DROP TABLE sop_change_approvals;
DROP TABLE sop_changes;
DROP TYPE sop_approval_decision;
DROP TYPE sop_change_status;
DROP TYPE sop_environment;
