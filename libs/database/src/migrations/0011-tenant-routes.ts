import type { Migration } from './migration';

/*
 * The control plane's index of the keys the outside world reaches a workspace by, for workspaces
 * whose data is in a database of their own: a bot's public key (the widget) and a channel's id
 * (platform webhooks). A shared workspace needs none, its bots and channels are in the control
 * plane's own tables. Used in the shared database only; dedicated databases carry it empty.
 */
export const tenantRoutes: Migration = {
  name: '0011-tenant-routes',
  async up({ sequelize }) {
    await sequelize.query(`
      CREATE TABLE tenant_routes (
        kind text NOT NULL CHECK (kind IN ('bot_public_key', 'channel')),
        key text NOT NULL,
        workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, key)
      );
      CREATE INDEX tenant_routes_workspace_id_idx ON tenant_routes (workspace_id);
    `);
  },
  async down({ sequelize }) {
    await sequelize.query('DROP TABLE IF EXISTS tenant_routes');
  },
};
