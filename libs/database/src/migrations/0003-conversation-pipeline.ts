import type { Migration } from './migration';

/*
 * What the ordered conversation pipeline needs: how far the bot has handled a conversation's
 * inbound messages, and a link from each bot reply to the message it answers, unique, so a
 * message retried after a crash can never be answered twice.
 */
export const conversationPipeline: Migration = {
  name: '0003-conversation-pipeline',
  async up({ sequelize }) {
    await sequelize.query(`
      ALTER TABLE conversations ADD COLUMN processed_inbound_seq integer NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN reply_to_message_id uuid REFERENCES messages (id);
      CREATE UNIQUE INDEX messages_one_bot_reply_key ON messages (reply_to_message_id)
        WHERE sender_type = 'bot' AND reply_to_message_id IS NOT NULL;
      CREATE INDEX messages_inbound_pending_idx ON messages (conversation_id, seq) WHERE direction = 'inbound';
    `);
  },
  async down({ sequelize }) {
    await sequelize.query(`
      DROP INDEX IF EXISTS messages_inbound_pending_idx;
      DROP INDEX IF EXISTS messages_one_bot_reply_key;
      ALTER TABLE messages DROP COLUMN IF EXISTS reply_to_message_id;
      ALTER TABLE conversations DROP COLUMN IF EXISTS processed_inbound_seq;
    `);
  },
};
