import { randomBytes } from 'node:crypto';
import { serviceUrlEnvVar } from '@cxgenie/contracts';
import {
  ApiClient,
  PARCEL_KNOWLEDGE,
  RETURNS_KNOWLEDGE,
  type SpawnedService,
  addSnippet,
  spawnService,
  testEnv,
} from '@cxgenie/testing';
import { openBenchDatabase } from './datasets/bench-database';
import { deleteKeys } from './redis-keys';

/** What the answer benchmarks run against. */
export interface ParcelPipeline {
  databaseUrl: string;
  coreAi: SpawnedService;
  gateway: SpawnedService;
  owner: ApiClient;
  bot: { id: string; publicKey: string };
  /** Stops both services and deletes the run's Redis keys. */
  stop(): Promise<void>;
}

/**
 * The pipeline the answer benchmarks share: a bench database, core-ai with the local model at
 * `tokenDelayMs` per token, a gateway in front of it (with `gatewayEnv` on top), and a bot of a
 * new workspace that knows the parcel shop's two snippets. Both services log at `warn` under a
 * queue prefix of their own.
 */
export async function startParcelPipeline(
  botName: string,
  tokenDelayMs: number,
  gatewayEnv: Record<string, string> = {},
): Promise<ParcelPipeline> {
  const db = await openBenchDatabase();
  await db.sequelize.close();
  const queuePrefix = `bench-${randomBytes(4).toString('hex')}`;
  const common = { DATABASE_URL: db.url, LOG_LEVEL: 'warn', QUEUE_PREFIX: queuePrefix };
  const coreAi = await spawnService('core-ai', {
    ...common,
    LOCAL_LLM_TOKEN_DELAY_MS: String(tokenDelayMs),
  });
  const stop = async () => {
    try {
      await gateway?.kill('SIGTERM');
    } finally {
      try {
        await coreAi.kill('SIGTERM');
      } finally {
        await deleteKeys(testEnv().REDIS_URL, `${queuePrefix}:*`);
      }
    }
  };
  let gateway: SpawnedService | undefined;
  try {
    gateway = await spawnService('gateway-api', {
      ...common,
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      ...gatewayEnv,
    });
    const owner = await ApiClient.signUp(gateway.url);
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: botName,
      typeReplyUnknown: 'AI_GENERATE',
    });
    if (bot.status !== 201) throw new Error(`bot not created: ${bot.status}`);
    await addSnippet(owner, coreAi.url, bot.body.id, PARCEL_KNOWLEDGE);
    await addSnippet(owner, coreAi.url, bot.body.id, RETURNS_KNOWLEDGE);
    return { databaseUrl: db.url, coreAi, gateway, owner, bot: bot.body, stop };
  } catch (error) {
    // The set-up's own error is the one to report, not a failure to stop.
    await stop().catch(() => undefined);
    throw error;
  }
}
