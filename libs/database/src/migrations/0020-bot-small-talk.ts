import type { Migration } from './migration';

/*
 * A bot's small-talk settings (which greetings, thanks and "are you a bot?" it replies to, and
 * its own replies): a JSON object like the knowledge settings, empty meaning the defaults.
 */
export const botSmallTalk: Migration = {
  name: '0020-bot-small-talk',
  async up({ sequelize }) {
    await sequelize.query(`ALTER TABLE bots ADD COLUMN small_talk jsonb NOT NULL DEFAULT '{}'`);
  },
  async down({ sequelize }) {
    await sequelize.query('ALTER TABLE bots DROP COLUMN IF EXISTS small_talk');
  },
};
