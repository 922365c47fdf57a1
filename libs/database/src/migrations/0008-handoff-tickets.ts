import type { Migration } from './migration';

/*
 * Human handoff and tickets.
 * - bots.handoff_on_unknown: hand off whenever the bot said it had not enough information, not
 *   only under NO_REPLY.
 * - workspace_members.last_assigned_at: the round-robin position among equally loaded agents.
 * - One open (or pending) ticket per conversation, enforced, so concurrent handoffs reuse it.
 * - SLA: per-workspace targets by priority (defaults live in code), and a breach is recorded at
 *   most once per ticket and target (the unique index is what makes the scheduled check
 *   idempotent across ticket instances).
 * - member_availability_logs: every availability change of a member (the analytics work moves
 *   these to ClickHouse). Like workspace_members, a control-plane table.
 */
const UP = `
ALTER TABLE bots ADD COLUMN handoff_on_unknown boolean NOT NULL DEFAULT false;
ALTER TABLE workspace_members ADD COLUMN last_assigned_at timestamptz;

CREATE UNIQUE INDEX tickets_one_active_per_conversation_key ON tickets (conversation_id)
  WHERE status IN ('open', 'pending');
CREATE INDEX tickets_waiting_idx ON tickets (workspace_id, created_at)
  WHERE assignee_id IS NULL AND status IN ('open', 'pending');
CREATE INDEX tickets_first_response_due_idx ON tickets (first_response_due_at)
  WHERE first_responded_at IS NULL AND status IN ('open', 'pending');
CREATE INDEX tickets_resolution_due_idx ON tickets (resolution_due_at)
  WHERE status IN ('open', 'pending');
CREATE INDEX tickets_recent_idx ON tickets (workspace_id, created_at DESC, id DESC);
CREATE INDEX tickets_tags_idx ON tickets USING gin (tags jsonb_path_ops);
CREATE UNIQUE INDEX ticket_events_sla_breach_key ON ticket_events (ticket_id, type)
  WHERE type IN ('sla.first_response_breached', 'sla.resolution_breached');

CREATE TABLE sla_policies (
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  priority text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  first_response_seconds integer NOT NULL CHECK (first_response_seconds > 0),
  resolution_seconds integer NOT NULL CHECK (resolution_seconds > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, priority)
);

CREATE TABLE member_availability_logs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  member_id uuid NOT NULL REFERENCES workspace_members (id),
  user_id uuid NOT NULL,
  availability text NOT NULL CHECK (availability IN ('online', 'idle', 'offline')),
  previous text NOT NULL CHECK (previous IN ('online', 'idle', 'offline')),
  source text NOT NULL CHECK (source IN ('socket', 'status', 'activity', 'idle', 'sweep')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_availability_logs_workspace_idx ON member_availability_logs (workspace_id, created_at DESC);
CREATE INDEX member_availability_logs_member_idx ON member_availability_logs (member_id, created_at DESC);
`;

const DOWN = `
DROP TABLE IF EXISTS member_availability_logs;
DROP TABLE IF EXISTS sla_policies;
DROP INDEX IF EXISTS ticket_events_sla_breach_key;
DROP INDEX IF EXISTS tickets_tags_idx;
DROP INDEX IF EXISTS tickets_recent_idx;
DROP INDEX IF EXISTS tickets_resolution_due_idx;
DROP INDEX IF EXISTS tickets_first_response_due_idx;
DROP INDEX IF EXISTS tickets_waiting_idx;
DROP INDEX IF EXISTS tickets_one_active_per_conversation_key;
ALTER TABLE workspace_members DROP COLUMN IF EXISTS last_assigned_at;
ALTER TABLE bots DROP COLUMN IF EXISTS handoff_on_unknown;
`;

export const handoffTickets: Migration = {
  name: '0008-handoff-tickets',
  async up({ sequelize }) {
    await sequelize.query(UP);
  },
  async down({ sequelize }) {
    await sequelize.query(DOWN);
  },
};
