import type { Migration } from './migration';

/*
 * Room on every conversations page for a row's next version. The pipeline updates a conversation
 * for each reply; that update touches no indexed column, so with free space on the page PostgreSQL
 * makes it a heap-only (HOT) update: no entry in the table's seven indexes, far less vacuum work.
 * Applies to pages written from now on; a VACUUM FULL would apply it to existing ones.
 */
export const conversationFillfactor: Migration = {
  name: '0009-conversation-fillfactor',
  async up({ sequelize }) {
    await sequelize.query('ALTER TABLE conversations SET (fillfactor = 85)');
  },
  async down({ sequelize }) {
    await sequelize.query('ALTER TABLE conversations RESET (fillfactor)');
  },
};
