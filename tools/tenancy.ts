/*
 * Moves a workspace between tenancy modes (run in a maintenance window for that workspace):
 *   npm run tenancy -- move-to-dedicated <workspaceId>   its own database, created and migrated
 *   npm run tenancy -- move-to-shared <workspaceId> [--keep-database]
 *   npm run tenancy -- status <workspaceId>
 * DATABASE_URL names the primary (control plane) database.
 */
import { QueryTypes, Sequelize } from 'sequelize';
import { platformEnvSchema } from '@cxgenie/config';
import { TenantRelocator } from '@cxgenie/database';

async function main(): Promise<number> {
  const env = platformEnvSchema.parse(process.env);
  const [command, workspaceId] = process.argv.slice(2);
  if (!command || !workspaceId) {
    console.error(
      'usage: tenancy move-to-dedicated|move-to-shared|status <workspaceId> [--keep-database]',
    );
    return 2;
  }
  const control = new Sequelize(env.DATABASE_URL, { logging: false });
  try {
    const relocator = new TenantRelocator(control, env.DATABASE_URL);
    if (command === 'move-to-dedicated') {
      console.log(JSON.stringify(await relocator.moveToDedicated(workspaceId), null, 2));
    } else if (command === 'move-to-shared') {
      const dropDatabase = !process.argv.includes('--keep-database');
      console.log(
        JSON.stringify(await relocator.moveToShared(workspaceId, { dropDatabase }), null, 2),
      );
    } else if (command === 'status') {
      const rows = await control.query(
        'SELECT id, name, tenancy_mode, database_name FROM workspaces WHERE id = :workspaceId',
        {
          replacements: { workspaceId },
          type: QueryTypes.SELECT,
        },
      );
      console.log(JSON.stringify(rows[0] ?? null, null, 2));
    } else {
      console.error(`unknown command ${command}`);
      return 2;
    }
    console.log('other instances route to the new place within 5 s');
    return 0;
  } finally {
    await control.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`tenancy: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
