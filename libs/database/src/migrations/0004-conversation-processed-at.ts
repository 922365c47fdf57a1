import type { Migration } from './migration';

/** When the pipeline last finished a message of the conversation: the start of the next one's wait. */
export const conversationProcessedAt: Migration = {
  name: '0004-conversation-processed-at',
  async up({ sequelize }) {
    await sequelize.query('ALTER TABLE conversations ADD COLUMN processed_at timestamptz');
  },
  async down({ sequelize }) {
    await sequelize.query('ALTER TABLE conversations DROP COLUMN IF EXISTS processed_at');
  },
};
