import type { Migration } from './migration';

/*
 * Work that failed the same way too many times to keep retrying (a message PostgreSQL refuses,
 * whatever we do): set aside with its reason so what follows it goes on, and shown to the
 * workspace's administrators. The payload is the original as JSON text (a `text` column, not
 * `jsonb`, which would refuse the very escapes that made it fail).
 */
export const deadLetters: Migration = {
  name: '0014-dead-letters',
  async up({ sequelize }) {
    await sequelize.query(`
      CREATE TABLE dead_letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        source text NOT NULL,
        channel_id uuid,
        conversation_id uuid,
        reason text NOT NULL,
        attempts integer NOT NULL,
        payload text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX dead_letters_workspace_idx ON dead_letters (workspace_id, created_at DESC, id DESC);
    `);
  },
  async down({ sequelize }) {
    await sequelize.query('DROP TABLE IF EXISTS dead_letters');
  },
};
