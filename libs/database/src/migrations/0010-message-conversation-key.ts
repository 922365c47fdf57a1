import type { Migration } from './migration';

/*
 * A message's workspace and channel are its conversation's: one composite foreign key says so,
 * where three separate ones (workspace, channel, conversation) did not, and it costs one check
 * instead of three.
 *
 * The separate keys also locked the workspace's and the channel's row (FOR KEY SHARE) on every
 * message insert. Every conversation of a workspace shares those two rows, so concurrent inserts
 * turned each lock into a new multixact listing every current locker: work that grows with the
 * square of the concurrency. The composite key locks the conversation's row instead, which the
 * inserting statement has already locked for its update of the sequence.
 *
 * Deleting a workspace or a channel with messages stays impossible: their conversations still
 * reference them.
 *
 * On a large database: building the unique index holds writes to conversations until it is done;
 * the key itself is added NOT VALID and validated afterwards, which lets messages be written
 * meanwhile.
 */
export const messageConversationKey: Migration = {
  name: '0010-message-conversation-key',
  async up({ sequelize }) {
    await sequelize.query(`
      ALTER TABLE conversations
        ADD CONSTRAINT conversations_id_workspace_channel_key UNIQUE (id, workspace_id, channel_id);
      ALTER TABLE messages
        ADD CONSTRAINT messages_conversation_fkey
          FOREIGN KEY (conversation_id, workspace_id, channel_id)
          REFERENCES conversations (id, workspace_id, channel_id) NOT VALID;
      ALTER TABLE messages VALIDATE CONSTRAINT messages_conversation_fkey;
      ALTER TABLE messages
        DROP CONSTRAINT messages_conversation_id_fkey,
        DROP CONSTRAINT messages_workspace_id_fkey,
        DROP CONSTRAINT messages_channel_id_fkey;
    `);
  },
  async down({ sequelize }) {
    await sequelize.query(`
      ALTER TABLE messages
        ADD CONSTRAINT messages_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES conversations (id),
        ADD CONSTRAINT messages_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES workspaces (id),
        ADD CONSTRAINT messages_channel_id_fkey FOREIGN KEY (channel_id) REFERENCES channels (id),
        DROP CONSTRAINT messages_conversation_fkey;
      ALTER TABLE conversations DROP CONSTRAINT conversations_id_workspace_channel_key;
    `);
  },
};
