import { Redis } from 'ioredis';
import { QueryTypes, Sequelize } from 'sequelize';

export interface RoundTrips {
  /** Commands Redis ran, those scripts called included: the work Redis did. */
  redis_commands: number;
  /** Script calls by SHA: each a round trip from a client (Bull's, the locks', the chunks'). */
  evalsha: number;
  /** PUBLISH calls, clients' and scripts' alike (a streamed chunk is published inside a script). */
  publish: number;
  /** Transactions committed in the benchmark's database, by every process using it. */
  pg_xacts: number;
}

/**
 * What a measured phase cost in round trips to Redis and PostgreSQL: the server-side counters
 * (INFO, pg_stat_database) before and after. The Redis is the benchmark's own, so nothing else is
 * counted; PostgreSQL's statistics reach pg_stat_database within about a second of a commit.
 */
export async function startRoundTripAccount(
  redisUrl: string,
  databaseUrl: string,
): Promise<{ stop(): Promise<RoundTrips> }> {
  const redis = new Redis(redisUrl, { lazyConnect: true });
  const pg = new Sequelize(databaseUrl, { logging: false, pool: { max: 1 } });
  const read = async (): Promise<RoundTrips> => {
    const stats = await redis.info('all');
    const field = (re: RegExp) => Number(re.exec(stats)?.[1] ?? 0);
    const [row] = await pg.query<{ xacts: string }>(
      'SELECT xact_commit AS xacts FROM pg_stat_database WHERE datname = current_database()',
      { type: QueryTypes.SELECT },
    );
    return {
      redis_commands: field(/^total_commands_processed:(\d+)/m),
      evalsha: field(/^cmdstat_evalsha:calls=(\d+)/m),
      publish: field(/^cmdstat_publish:calls=(\d+)/m),
      pg_xacts: Number(row?.xacts ?? 0),
    };
  };
  await redis.connect();
  const before = await read();
  return {
    async stop() {
      // Let the last commits' statistics reach pg_stat_database.
      await new Promise((done) => setTimeout(done, 1_500));
      try {
        const after = await read();
        return {
          redis_commands: after.redis_commands - before.redis_commands,
          evalsha: after.evalsha - before.evalsha,
          publish: after.publish - before.publish,
          pg_xacts: after.pg_xacts - before.pg_xacts,
        };
      } finally {
        redis.disconnect();
        await pg.close();
      }
    },
  };
}
