/*
 * Database migrations from the command line:
 *   npm run db:migrate                 apply every pending migration
 *   npm run db:rollback                revert the last one
 *   npm run db:rollback -- --to 0      revert them all
 *   npm run db:migrate -- status       list applied and pending
 * DATABASE_URL chooses the database (default: the local dev one).
 */
import { platformEnvSchema } from '@cxgenie/config';
import { Migrator } from '@cxgenie/database';

async function main(): Promise<number> {
  const env = platformEnvSchema.safeParse(process.env);
  if (!env.success) {
    console.error(
      `migrate: invalid environment: ${env.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
    return 1;
  }
  const [command = 'up', ...rest] = process.argv.slice(2);
  const toIndex = rest.indexOf('--to');
  const to = toIndex >= 0 ? rest[toIndex + 1] : undefined;
  const migrator = new Migrator(env.data.DATABASE_URL);
  try {
    if (command === 'up') {
      const applied = await migrator.up();
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    } else if (command === 'down') {
      const reverted = await migrator.down(to === '0' ? 0 : to);
      console.log(reverted.length ? `reverted: ${reverted.join(', ')}` : 'nothing to revert');
    } else if (command === 'status') {
      const { applied, pending } = await migrator.status();
      console.log(`applied (${applied.length}): ${applied.join(', ') || '-'}`);
      console.log(`pending (${pending.length}): ${pending.join(', ') || '-'}`);
    } else {
      console.error(`migrate: unknown command "${command}" (use up, down or status)`);
      return 2;
    }
    return 0;
  } finally {
    await migrator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
