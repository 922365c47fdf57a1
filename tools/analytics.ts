/*
 * The analytics store (ClickHouse) from the command line:
 *   npm run analytics -- migrate                 apply pending ClickHouse migrations and the TTL
 *   npm run analytics -- backfill                rebuild every materialized view from raw facts
 *   npm run analytics -- backfill --since 2026-09  rebuild from that local month on
 * CLICKHOUSE_URL chooses a server; without it, embedded chdb in DATA_DIR/clickhouse, which only
 * one process may open: stop gateway-api first (it applies migrations itself on start).
 */
import { ANALYTICS_MIGRATIONS, applyRawFactsTtl, rebuildAnalyticsViews } from '@cxgenie/analytics';
import { createClickHouseClient, migrateClickHouse } from '@cxgenie/clickhouse';
import { platformEnvSchema } from '@cxgenie/config';

async function main(): Promise<number> {
  const env = platformEnvSchema.safeParse(process.env);
  if (!env.success) {
    console.error(
      `analytics: invalid environment: ${env.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
    return 1;
  }
  const [command, ...rest] = process.argv.slice(2);
  const sinceIndex = rest.indexOf('--since');
  const since = sinceIndex >= 0 ? rest[sinceIndex + 1] : undefined;
  if (command !== 'migrate' && command !== 'backfill') {
    console.error('analytics: use "migrate" or "backfill [--since YYYY-MM]"');
    return 2;
  }
  const client = createClickHouseClient(
    env.data.CLICKHOUSE_URL
      ? { kind: 'server', url: env.data.CLICKHOUSE_URL }
      : { kind: 'embedded', dataDir: `${env.data.DATA_DIR}/clickhouse` },
  );
  try {
    const applied = await migrateClickHouse(client, ANALYTICS_MIGRATIONS);
    console.log(
      applied.length ? `migrations applied: ${applied.join(', ')}` : 'schema is up to date',
    );
    await applyRawFactsTtl(client, env.data.ANALYTICS_RAW_TTL_DAYS);
    if (command === 'backfill') {
      const started = Date.now();
      const rows = await rebuildAnalyticsViews(client, { since });
      for (const [table, n] of Object.entries(rows)) console.log(`${table}: ${n} rows`);
      console.log(`rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    return 0;
  } finally {
    await client.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`analytics: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
