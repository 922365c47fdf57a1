import type { Migration } from './migration';

/*
 * The email channel's own data (ADR 0032), written only by the email app's repositories:
 *
 * email_messages: every mail the channel took in or sent, by its Message-ID. It is how a reply
 * finds its conversation (In-Reply-To / References name earlier Message-IDs), how a redelivered
 * mail is recognised (unique per channel; a row still `receiving` is a claim another worker may
 * take over once it is stale), and where the raw MIME is kept (`raw_key`, in the file storage).
 *
 * email_mailboxes: how far an IMAP mailbox has been read (UIDVALIDITY and the last UID taken), so
 * nothing is read twice after a restart.
 *
 * channels_email_addresses_idx: the SMTP receiver finds a recipient's channel by address.
 */
const UP = `
CREATE TABLE email_messages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  channel_id uuid NOT NULL REFERENCES channels (id),
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  rfc_message_id text NOT NULL,
  state text NOT NULL CHECK (state IN ('receiving', 'accepted', 'auto_reply', 'bounce', 'ignored', 'rejected', 'sent')),
  reason text,
  conversation_id uuid REFERENCES conversations (id) ON DELETE CASCADE,
  message_id uuid REFERENCES messages (id) ON DELETE CASCADE,
  customer_id uuid,
  sender text,
  subject text,
  reference_ids text[] NOT NULL DEFAULT '{}',
  via text CHECK (via IN ('smtp', 'webhook', 'imap', 'api')),
  raw_key text,
  size_bytes integer,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX email_messages_channel_rfc_id_key ON email_messages (channel_id, rfc_message_id);
CREATE INDEX email_messages_conversation_idx ON email_messages (conversation_id, created_at DESC)
  WHERE conversation_id IS NOT NULL;
CREATE INDEX email_messages_workspace_id_idx ON email_messages (workspace_id);

CREATE TABLE email_mailboxes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  workspace_id uuid NOT NULL REFERENCES workspaces (id),
  mailbox text NOT NULL,
  uid_validity bigint NOT NULL,
  last_uid bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX email_mailboxes_channel_id_key ON email_mailboxes (channel_id);
CREATE INDEX email_mailboxes_workspace_id_idx ON email_mailboxes (workspace_id);

CREATE INDEX channels_email_addresses_idx ON channels USING gin ((settings -> 'addresses'))
  WHERE type = 'email' AND deleted_at IS NULL;
`;

/** Tables a workspace owns, parents before children (moved with it between databases). */
export const EMAIL_TENANT_TABLES = ['email_messages', 'email_mailboxes'];

export const emailChannel: Migration = {
  name: '0023-email-channel',
  async up({ sequelize }) {
    await sequelize.query(UP);
  },
  async down({ sequelize }) {
    await sequelize.query(`
      DROP INDEX IF EXISTS channels_email_addresses_idx;
      DROP TABLE IF EXISTS email_mailboxes;
      DROP TABLE IF EXISTS email_messages;
    `);
  },
};
