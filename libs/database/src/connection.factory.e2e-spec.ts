import { randomBytes } from 'node:crypto';
import { QueryTypes, Sequelize } from 'sequelize';
import { TEST_DATABASE_URL } from '@cxgenie/testing';
import { createSequelize, withDatabaseName } from './connection.factory';

const currentDatabase = async (db: Sequelize, options: object = {}): Promise<string> => {
  const [row] = await db.query<{ name: string }>('SELECT current_database() AS name', {
    type: QueryTypes.SELECT,
    ...options,
  });
  return row.name;
};

describe('read replica routing', () => {
  // A second database stands in for the replica: which one answers shows where a query went.
  const replicaName = `cxgenie_replica_${randomBytes(4).toString('hex')}`;
  const admin = new Sequelize(TEST_DATABASE_URL, { logging: false });
  let db: Sequelize;

  beforeAll(async () => {
    await admin.query(`CREATE DATABASE ${replicaName}`);
    db = createSequelize({
      url: TEST_DATABASE_URL,
      replicaUrl: withDatabaseName(TEST_DATABASE_URL, replicaName),
      poolMax: 2,
      acquireTimeoutMs: 5_000,
    });
  });

  afterAll(async () => {
    await db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${replicaName} WITH (FORCE)`);
    await admin.close();
  });

  it('sends plain reads to the replica', async () => {
    expect(await currentDatabase(db)).toBe(replicaName);
  });

  it('keeps reads inside a transaction, and every write, on the primary', async () => {
    const primary = new URL(TEST_DATABASE_URL).pathname.slice(1);
    expect(await db.transaction((transaction) => currentDatabase(db, { transaction }))).toBe(
      primary,
    );
    const slug = `replica-probe-${randomBytes(4).toString('hex')}`;
    const [rows] = await db.query(
      "INSERT INTO workspaces (name, slug) VALUES ('replica probe', :slug) RETURNING current_database() AS name",
      { type: QueryTypes.INSERT, replacements: { slug } },
    );
    const [written] = rows as unknown as { name: string }[];
    await db.query('DELETE FROM workspaces WHERE slug = :slug', { replacements: { slug } });
    expect(written.name).toBe(primary);
  });
});
