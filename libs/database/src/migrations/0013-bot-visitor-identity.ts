import type { Migration } from './migration';

/*
 * Widget visitor identity: a site signs its visitor ids with a per-bot secret (HMAC-SHA256), so
 * a visitor id alone never resumes another visitor's conversation. The secret is sealed like
 * channel credentials; a bot can require every visitor id to be signed.
 */
export const botVisitorIdentity: Migration = {
  name: '0013-bot-visitor-identity',
  async up({ sequelize }) {
    await sequelize.query(`
      ALTER TABLE bots
        ADD COLUMN identity_secret_encrypted text,
        ADD COLUMN require_verified_identity boolean NOT NULL DEFAULT false
    `);
  },
  async down({ sequelize }) {
    await sequelize.query(
      'ALTER TABLE bots DROP COLUMN IF EXISTS identity_secret_encrypted, DROP COLUMN IF EXISTS require_verified_identity',
    );
  },
};
