import type { Migration } from './migration';

/*
 * The control plane (workspaces, users, members, credentials) and the tenant plane (everything a
 * workspace owns). Tenant tables carry workspace_id on every row. A dedicated-mode workspace gets
 * this same schema in its own database, which is why tenant rows reference users (agents,
 * assignees) by id without a foreign key: users live in the control plane's database.
 */
const UP = `
CREATE TABLE workspaces (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  slug text NOT NULL,
  tenancy_mode text NOT NULL DEFAULT 'shared' CHECK (tenancy_mode IN ('shared', 'dedicated')),
  database_name text,
  timezone text NOT NULL DEFAULT 'UTC',
  settings jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX workspaces_slug_key ON workspaces (slug) WHERE deleted_at IS NULL;

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL,
  password_hash text NOT NULL,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email)) WHERE deleted_at IS NULL;

CREATE TABLE workspace_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  user_id uuid NOT NULL REFERENCES users (id),
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'agent')),
  availability text NOT NULL DEFAULT 'offline' CHECK (availability IN ('online', 'idle', 'offline')),
  max_concurrent_conversations integer NOT NULL DEFAULT 5 CHECK (max_concurrent_conversations > 0),
  last_seen_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE UNIQUE INDEX workspace_members_workspace_user_key ON workspace_members (workspace_id, user_id) WHERE deleted_at IS NULL;
CREATE INDEX workspace_members_user_id_idx ON workspace_members (user_id);

CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'agent')),
  token_hash text NOT NULL UNIQUE,
  invited_by uuid REFERENCES users (id),
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invitations_workspace_id_idx ON invitations (workspace_id, created_at DESC);
CREATE INDEX invitations_invited_by_idx ON invitations (invited_by);

CREATE TABLE refresh_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  family_id uuid NOT NULL,
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  rotated_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family_id_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_id_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_workspace_id_idx ON refresh_tokens (workspace_id);

CREATE TABLE api_keys (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  name text NOT NULL,
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  role text NOT NULL DEFAULT 'admin' CHECK (role IN ('admin', 'agent')),
  created_by uuid REFERENCES users (id),
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_workspace_id_idx ON api_keys (workspace_id, created_at DESC);
CREATE INDEX api_keys_created_by_idx ON api_keys (created_by);

CREATE TABLE bots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  name text NOT NULL,
  public_key text NOT NULL UNIQUE,
  llm_provider text NOT NULL DEFAULT 'local' CHECK (llm_provider IN ('local', 'openai', 'anthropic')),
  llm_model text NOT NULL DEFAULT 'local-extractive',
  system_prompt text NOT NULL DEFAULT '',
  temperature real NOT NULL DEFAULT 0.2 CHECK (temperature >= 0 AND temperature <= 2),
  language text NOT NULL DEFAULT 'en',
  type_reply_unknown text NOT NULL DEFAULT 'INPUT_ANSWER' CHECK (type_reply_unknown IN ('INPUT_ANSWER', 'AI_GENERATE', 'NO_REPLY')),
  fallback_message text NOT NULL DEFAULT 'I am not sure about that. Let me get a teammate to help you.',
  handoff_phrases jsonb NOT NULL DEFAULT '[]',
  knowledge_settings jsonb NOT NULL DEFAULT '{}',
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX bots_workspace_id_idx ON bots (workspace_id, created_at DESC);

CREATE TABLE channels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  bot_id uuid REFERENCES bots (id),
  type text NOT NULL CHECK (type IN ('messenger', 'whatsapp', 'telegram', 'instagram', 'viber', 'email', 'web')),
  name text NOT NULL,
  external_id text,
  credentials_encrypted text,
  webhook_secret_encrypted text,
  settings jsonb NOT NULL DEFAULT '{}',
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX channels_workspace_id_idx ON channels (workspace_id, created_at DESC);
CREATE INDEX channels_bot_id_idx ON channels (bot_id);
CREATE UNIQUE INDEX channels_type_external_id_key ON channels (type, external_id) WHERE deleted_at IS NULL AND external_id IS NOT NULL;

CREATE TABLE knowledge_sources (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  bot_id uuid NOT NULL REFERENCES bots (id),
  type text NOT NULL CHECK (type IN ('document', 'website', 'faq', 'snippet')),
  name text NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'processing', 'ready', 'failed')),
  progress integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  error text,
  config jsonb NOT NULL DEFAULT '{}',
  stats jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX knowledge_sources_workspace_id_idx ON knowledge_sources (workspace_id, created_at DESC);
CREATE INDEX knowledge_sources_bot_id_idx ON knowledge_sources (bot_id, type);

CREATE TABLE documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  source_id uuid NOT NULL REFERENCES knowledge_sources (id),
  bot_id uuid NOT NULL REFERENCES bots (id),
  filename text NOT NULL,
  mime_type text NOT NULL,
  size_bytes bigint NOT NULL,
  storage_key text NOT NULL,
  sha256 text NOT NULL,
  page_count integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX documents_workspace_id_idx ON documents (workspace_id, created_at DESC);
CREATE INDEX documents_source_id_idx ON documents (source_id);
CREATE INDEX documents_bot_id_idx ON documents (bot_id);

CREATE TABLE knowledge_chunks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  bot_id uuid NOT NULL REFERENCES bots (id),
  source_id uuid NOT NULL REFERENCES knowledge_sources (id) ON DELETE CASCADE,
  document_id uuid REFERENCES documents (id) ON DELETE CASCADE,
  position integer NOT NULL,
  text text NOT NULL,
  content_hash text NOT NULL,
  token_count integer NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX knowledge_chunks_source_position_idx ON knowledge_chunks (source_id, position);
CREATE INDEX knowledge_chunks_document_id_idx ON knowledge_chunks (document_id);
CREATE INDEX knowledge_chunks_bot_id_idx ON knowledge_chunks (bot_id);
CREATE INDEX knowledge_chunks_workspace_hash_idx ON knowledge_chunks (workspace_id, content_hash);

CREATE TABLE faqs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  bot_id uuid NOT NULL REFERENCES bots (id),
  question text NOT NULL,
  answer text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX faqs_workspace_id_idx ON faqs (workspace_id, created_at DESC);
CREATE INDEX faqs_bot_id_idx ON faqs (bot_id);

CREATE TABLE snippets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  bot_id uuid NOT NULL REFERENCES bots (id),
  title text NOT NULL,
  content text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX snippets_workspace_id_idx ON snippets (workspace_id, created_at DESC);
CREATE INDEX snippets_bot_id_idx ON snippets (bot_id);

CREATE TABLE customers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  name text,
  email text,
  phone text,
  avatar_url text,
  locale text,
  tags jsonb NOT NULL DEFAULT '[]',
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX customers_workspace_id_idx ON customers (workspace_id, created_at DESC, id DESC);
CREATE INDEX customers_workspace_email_idx ON customers (workspace_id, lower(email));

CREATE TABLE customer_identities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  customer_id uuid NOT NULL REFERENCES customers (id),
  channel_id uuid NOT NULL REFERENCES channels (id),
  external_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customer_identities_channel_external_key ON customer_identities (channel_id, external_id);
CREATE INDEX customer_identities_customer_id_idx ON customer_identities (customer_id);
CREATE INDEX customer_identities_workspace_id_idx ON customer_identities (workspace_id);

CREATE TABLE conversations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  bot_id uuid NOT NULL REFERENCES bots (id),
  channel_id uuid NOT NULL REFERENCES channels (id),
  customer_id uuid NOT NULL REFERENCES customers (id),
  status text NOT NULL DEFAULT 'bot' CHECK (status IN ('bot', 'human', 'closed')),
  assignee_id uuid,
  subject text,
  last_message_seq integer NOT NULL DEFAULT 0,
  last_message_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conversations_recent_idx ON conversations (workspace_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_status_idx ON conversations (workspace_id, status, last_message_at DESC, id DESC);
CREATE INDEX conversations_assignee_idx ON conversations (workspace_id, assignee_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_bot_idx ON conversations (bot_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_channel_idx ON conversations (channel_id, last_message_at DESC, id DESC);
CREATE INDEX conversations_customer_id_idx ON conversations (customer_id);

CREATE TABLE messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  conversation_id uuid NOT NULL REFERENCES conversations (id),
  channel_id uuid NOT NULL REFERENCES channels (id),
  seq integer NOT NULL,
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  sender_type text NOT NULL CHECK (sender_type IN ('customer', 'bot', 'agent', 'system')),
  sender_id uuid,
  text text NOT NULL DEFAULT '',
  attachments jsonb NOT NULL DEFAULT '[]',
  platform_message_id text,
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'queued', 'sent', 'delivered', 'read', 'failed')),
  error text,
  trace_id text,
  metadata jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX messages_conversation_seq_key ON messages (conversation_id, seq);
CREATE UNIQUE INDEX messages_channel_platform_id_key ON messages (channel_id, platform_message_id) WHERE platform_message_id IS NOT NULL;
CREATE INDEX messages_workspace_id_idx ON messages (workspace_id);

CREATE TABLE tickets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  conversation_id uuid NOT NULL REFERENCES conversations (id),
  subject text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'solved', 'closed')),
  priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  assignee_id uuid,
  tags jsonb NOT NULL DEFAULT '[]',
  context jsonb NOT NULL DEFAULT '{}',
  first_response_due_at timestamptz,
  resolution_due_at timestamptz,
  first_responded_at timestamptz,
  solved_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tickets_workspace_status_idx ON tickets (workspace_id, status, created_at DESC, id DESC);
CREATE INDEX tickets_assignee_idx ON tickets (workspace_id, assignee_id, status);
CREATE INDEX tickets_conversation_id_idx ON tickets (conversation_id);

CREATE TABLE ticket_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  ticket_id uuid NOT NULL REFERENCES tickets (id),
  type text NOT NULL,
  actor_type text NOT NULL CHECK (actor_type IN ('agent', 'bot', 'system', 'customer')),
  actor_id uuid,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_events_ticket_idx ON ticket_events (ticket_id, created_at);
CREATE INDEX ticket_events_workspace_id_idx ON ticket_events (workspace_id);

CREATE TABLE csat_ratings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  conversation_id uuid NOT NULL REFERENCES conversations (id),
  customer_id uuid NOT NULL REFERENCES customers (id),
  agent_id uuid,
  bot_id uuid REFERENCES bots (id),
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX csat_ratings_conversation_key ON csat_ratings (conversation_id);
CREATE INDEX csat_ratings_workspace_idx ON csat_ratings (workspace_id, created_at DESC);
CREATE INDEX csat_ratings_customer_id_idx ON csat_ratings (customer_id);
CREATE INDEX csat_ratings_bot_id_idx ON csat_ratings (bot_id);
`;

/** Reverse dependency order. */
const TABLES = [
  'csat_ratings',
  'ticket_events',
  'tickets',
  'messages',
  'conversations',
  'customer_identities',
  'customers',
  'snippets',
  'faqs',
  'knowledge_chunks',
  'documents',
  'knowledge_sources',
  'channels',
  'bots',
  'api_keys',
  'refresh_tokens',
  'invitations',
  'workspace_members',
  'users',
  'workspaces',
];

export const initialSchema: Migration = {
  name: '0001-initial-schema',
  async up({ sequelize }) {
    await sequelize.query(UP);
  },
  async down({ sequelize }) {
    await sequelize.query(TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`).join('\n'));
  },
};

/** Tables a workspace owns, parents before children: the order to copy them between databases. */
export const TENANT_TABLES = [...TABLES.slice(0, 14)].reverse();
