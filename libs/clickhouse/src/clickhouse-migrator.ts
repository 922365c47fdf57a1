import type { ClickHouseClient } from '@clickhouse/client';

/**
 * One versioned change of a ClickHouse schema. `up` must be idempotent (`IF NOT EXISTS`, checks
 * before copies): two instances starting together against one server may both run it, and a
 * process that dies between `up` and the version's record runs it again on its next start.
 */
export interface ClickHouseMigration {
  version: number;
  name: string;
  up(client: ClickHouseClient): Promise<void>;
}

export const CLICKHOUSE_MIGRATIONS_TABLE = 'schema_migrations';

const CREATE_MIGRATIONS_TABLE = `
  CREATE TABLE IF NOT EXISTS ${CLICKHOUSE_MIGRATIONS_TABLE} (
    version UInt32,
    name String,
    applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
  )
  ENGINE = ReplacingMergeTree(applied_at)
  ORDER BY version`;

export async function appliedClickHouseMigrations(client: ClickHouseClient): Promise<number[]> {
  await client.command({ query: CREATE_MIGRATIONS_TABLE });
  const result = await client.query({
    query: `SELECT DISTINCT toUInt32(version) AS version FROM ${CLICKHOUSE_MIGRATIONS_TABLE} ORDER BY version`,
    format: 'JSONEachRow',
  });
  return ((await result.json()) as { version: number | string }[]).map((row) =>
    Number(row.version),
  );
}

/**
 * Applies the migrations not recorded yet, in version order, recording each once it succeeded;
 * returns the versions applied (none when the schema is current). Like PostgreSQL's migrations,
 * run on start by the owner of the store, for embedded chdb and a ClickHouse server alike.
 */
export async function migrateClickHouse(
  client: ClickHouseClient,
  migrations: readonly ClickHouseMigration[],
): Promise<number[]> {
  const versions = migrations.map((m) => m.version);
  if (new Set(versions).size !== versions.length)
    throw new Error(`duplicate ClickHouse migration versions: ${versions.join(', ')}`);
  const applied = new Set(await appliedClickHouseMigrations(client));
  const done: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    try {
      await migration.up(client);
    } catch (error) {
      throw new Error(
        `ClickHouse migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
      );
    }
    await client.insert({
      table: CLICKHOUSE_MIGRATIONS_TABLE,
      values: [{ version: migration.version, name: migration.name }],
      format: 'JSONEachRow',
    });
    done.push(migration.version);
  }
  return done;
}
