import type { Migration } from './migration';

/*
 * A reply split into several platform messages (Telegram's 4096 characters, Viber's 7000…) has
 * one platform id per part, kept in `metadata.platformMessageIds`; delivery receipts name any of
 * them. This index finds the message a receipt is about without scanning the channel's messages;
 * inbound messages never carry the key, so it covers outbound rows only.
 */
export const channelDeliveryIds: Migration = {
  name: '0007-channel-delivery-ids',
  async up({ sequelize }) {
    await sequelize.query(`
      CREATE INDEX messages_outbound_platform_ids_idx ON messages
        USING gin ((metadata -> 'platformMessageIds'))
        WHERE direction = 'outbound';
    `);
  },
  async down({ sequelize }) {
    await sequelize.query('DROP INDEX IF EXISTS messages_outbound_platform_ids_idx');
  },
};
