import { QueryTypes, Sequelize } from 'sequelize';
import { Migrator, withDatabaseName } from '@cxgenie/database';

const PRIMARY_URL =
  process.env.DATABASE_URL ?? 'postgres://cxgenie:cxgenie@127.0.0.1:55432/cxgenie';

/**
 * A database of the benchmarks' own (`cxgenie_bench`, or another name), created and migrated on
 * first use and kept between runs, so a large dataset is seeded once rather than on every run.
 */
export async function openBenchDatabase(
  name = 'cxgenie_bench',
): Promise<{ url: string; sequelize: Sequelize }> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
  const url = withDatabaseName(PRIMARY_URL, name);
  const admin = new Sequelize(PRIMARY_URL, { logging: false });
  try {
    const [exists] = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', {
      bind: [name],
      type: QueryTypes.SELECT,
    });
    if (!exists) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const migrator = new Migrator(url);
  try {
    await migrator.up();
  } finally {
    await migrator.close();
  }
  return { url, sequelize: new Sequelize(url, { logging: false, pool: { max: 4 } }) };
}

/**
 * Vacuums the tables the conversation benchmarks write, before they measure (as pgbench does):
 * the kept dataset accumulates dead rows run after run, and an autovacuum of them starting inside
 * the measured window shows up as a latency spike that has nothing to do with the code measured.
 */
export async function vacuumConversationTables(sequelize: Sequelize): Promise<void> {
  await sequelize.query('VACUUM (ANALYZE) conversations, messages, customers');
}
