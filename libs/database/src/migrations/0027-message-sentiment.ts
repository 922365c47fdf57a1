import type { Migration } from './migration';

/*
 * The sentiment of each customer message (in [-1, 1], judged once by the analytics writer: the
 * lexicon offline, the bot's model when its provider has a key), and of each conversation: the
 * mean of its customer messages judged so far (`sentiment_messages` of them), which the inbox
 * filters on. Null until a message is judged.
 */
export const messageSentiment: Migration = {
  name: '0027-message-sentiment',
  async up({ sequelize }) {
    await sequelize.query(`
      ALTER TABLE messages ADD COLUMN sentiment_score real;
      ALTER TABLE conversations
        ADD COLUMN sentiment_score real,
        ADD COLUMN sentiment_messages integer NOT NULL DEFAULT 0;
    `);
  },
  async down({ sequelize }) {
    await sequelize.query(`
      ALTER TABLE messages DROP COLUMN IF EXISTS sentiment_score;
      ALTER TABLE conversations
        DROP COLUMN IF EXISTS sentiment_score,
        DROP COLUMN IF EXISTS sentiment_messages;
    `);
  },
};
