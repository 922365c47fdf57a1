import type { Migration } from './migration';

/*
 * Indexes matching how the API lists things: a bot's knowledge newest first, channels and members
 * filtered within a workspace, and messages by channel (a foreign key that deletes and delivery
 * receipts look up).
 */
const INDEXES: [name: string, definition: string][] = [
  ['messages_channel_id_idx', 'messages (channel_id)'],
  ['faqs_bot_recent_idx', 'faqs (bot_id, created_at DESC, id DESC)'],
  ['snippets_bot_recent_idx', 'snippets (bot_id, created_at DESC, id DESC)'],
  ['knowledge_sources_bot_recent_idx', 'knowledge_sources (bot_id, created_at DESC, id DESC)'],
  ['documents_bot_recent_idx', 'documents (bot_id, created_at DESC, id DESC)'],
  ['channels_workspace_type_idx', 'channels (workspace_id, type, created_at DESC)'],
  ['workspace_members_workspace_role_idx', 'workspace_members (workspace_id, role, availability)'],
  ['customer_identities_external_id_idx', 'customer_identities (workspace_id, external_id)'],
];

export const listIndexes: Migration = {
  name: '0002-list-indexes',
  async up({ sequelize }) {
    for (const [name, definition] of INDEXES)
      await sequelize.query(`CREATE INDEX IF NOT EXISTS ${name} ON ${definition}`);
  },
  async down({ sequelize }) {
    for (const [name] of INDEXES) await sequelize.query(`DROP INDEX IF EXISTS ${name}`);
  },
};
