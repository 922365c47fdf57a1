import type { Migration } from './migration';

/*
 * A pending ticket waits on the customer, so its SLA clocks stop: `sla_paused_at` is when the
 * current pause began (null while the clocks run), `sla_paused_seconds` the pauses before it. On
 * leaving pending the due times move by the pause's length; a new priority counts its targets
 * from the opening plus every pause.
 */
export const ticketSlaPause: Migration = {
  name: '0012-ticket-sla-pause',
  async up({ sequelize }) {
    await sequelize.query(`
      ALTER TABLE tickets
        ADD COLUMN sla_paused_at timestamptz,
        ADD COLUMN sla_paused_seconds double precision NOT NULL DEFAULT 0
    `);
  },
  async down({ sequelize }) {
    await sequelize.query(
      'ALTER TABLE tickets DROP COLUMN IF EXISTS sla_paused_at, DROP COLUMN IF EXISTS sla_paused_seconds',
    );
  },
};
