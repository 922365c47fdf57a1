import type { Migration } from './migration';

/*
 * A transactional outbox: a job to publish after a commit is written by the committing statement
 * itself, so a process that dies between the commit and the publish leaves the job here instead
 * of losing it. The committer publishes and deletes its row; a relay publishes rows left behind.
 */
export const outbox: Migration = {
  name: '0015-outbox',
  async up({ sequelize }) {
    await sequelize.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workspace_id uuid NOT NULL,
        queue text NOT NULL,
        job_id text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX outbox_created_at_idx ON outbox (created_at);
    `);
  },
  async down({ sequelize }) {
    await sequelize.query('DROP TABLE IF EXISTS outbox');
  },
};
