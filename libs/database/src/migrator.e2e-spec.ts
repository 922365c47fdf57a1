import { randomBytes } from 'node:crypto';
import { QueryTypes, Sequelize } from 'sequelize';
import { TEST_DATABASE_URL } from '@cxgenie/testing';
import { withDatabaseName } from './connection.factory';
import { Migrator } from './migrator';
import { MIGRATIONS } from './migrations';

const tablesOf = async (url: string): Promise<string[]> => {
  const db = new Sequelize(url, { logging: false });
  try {
    const rows = await db.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      { type: QueryTypes.SELECT },
    );
    return rows.map((r) => r.tablename);
  } finally {
    await db.close();
  }
};

describe('migrations', () => {
  const name = `cxgenie_migrations_${randomBytes(4).toString('hex')}`;
  const url = withDatabaseName(TEST_DATABASE_URL, name);
  const admin = new Sequelize(TEST_DATABASE_URL, { logging: false });

  beforeAll(() => admin.query(`CREATE DATABASE ${name}`));
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  });

  it('go up from empty, down to empty, and up again', async () => {
    const migrator = new Migrator(url);
    try {
      expect(await migrator.up()).toEqual(MIGRATIONS.map((m) => m.name));
      const tables = await tablesOf(url);
      expect(tables).toEqual(
        expect.arrayContaining([
          'workspaces',
          'conversations',
          'messages',
          'tickets',
          'csat_ratings',
        ]),
      );

      expect(await migrator.down(0)).toEqual([...MIGRATIONS].reverse().map((m) => m.name));
      expect(await tablesOf(url)).toEqual(['schema_migrations']);

      await migrator.up();
      expect(await tablesOf(url)).toEqual(tables);
      expect((await migrator.status()).pending).toEqual([]);
    } finally {
      await migrator.close();
    }
  });

  it('apply once when several processes migrate at the same moment', async () => {
    const reset = new Migrator(url);
    await reset.down(0);
    await reset.close();
    const migrators = [new Migrator(url), new Migrator(url), new Migrator(url)];
    try {
      const applied = await Promise.all(migrators.map((m) => m.up()));
      expect(applied.flat()).toEqual(MIGRATIONS.map((m) => m.name));
    } finally {
      await Promise.all(migrators.map((m) => m.close()));
    }
  });
});
