import type { Migration } from './migration';

/*
 * Vectors already paid for, by embedding space and SHA-256 of the exact text, so re-ingesting
 * unchanged content embeds nothing. A global table, not a tenant one: a row holds only a hash and
 * the vector of that text, and two workspaces embedding the same text may share the vector. Lives
 * in the control-plane database (dedicated-mode databases get the table but never use it).
 * `vector` is little-endian float32 bytes.
 */
export const embeddingCache: Migration = {
  name: '0005-embedding-cache',
  async up({ sequelize }) {
    await sequelize.query(`
      CREATE TABLE embedding_cache (
        space text NOT NULL,
        content_hash text NOT NULL,
        vector bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (space, content_hash)
      );
    `);
  },
  async down({ sequelize }) {
    await sequelize.query('DROP TABLE IF EXISTS embedding_cache');
  },
};
