import Bull from 'bull';
import { randomBytes } from 'node:crypto';
import { QueryTypes, type Sequelize } from 'sequelize';
import { Redis } from 'ioredis';
import {
  type AnalyticsEventsJobData,
  type InboundMessageJobData,
  QUEUE_OPTIONS,
  QueueNames,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import { AnalyticsPublisher } from '@cxgenie/analytics';
import {
  AcceptCustomerMessage,
  ConversationIntakeStore,
  InboundFairness,
} from '@cxgenie/conversations';
import { type TenantScope, createModelSet } from '@cxgenie/database';
import { RealtimeBroadcaster } from '@cxgenie/realtime';
import {
  ApiClient,
  type FakeCoreAiAnswer,
  type SpawnedService,
  spawnService,
  startFakeCoreAiAnswer,
  testEnv,
} from '@cxgenie/testing';
import { type Benchmark, percentile, round } from '../benchmark';
import { type BaselineRecord, runSetnxBackoffBaseline } from '../baselines/setnx-backoff';
import { openBenchDatabase, vacuumConversationTables } from '../datasets/bench-database';
import { startCpuAccount } from '../process-cpu';
import { deleteKeys } from '../redis-keys';

const CONVERSATIONS = Number(process.env.BENCH_ORDERING_CONVERSATIONS ?? 50);
const MESSAGES = 20;
/**
 * Conversations sent through each feed before measuring, unrecorded. A gateway runs for days: a
 * freshly started one spends a fifth of its CPU compiling hot code, which is not what a message costs.
 */
const WARMUP_CONVERSATIONS = Number(process.env.BENCH_ORDERING_WARMUP_CONVERSATIONS ?? 150);
const BASELINE_CONVERSATIONS = 10;
const BASELINE_MESSAGES = 5;

interface ReplyRow {
  conversation_id: string;
  reply_seq: number;
  question_seq: number;
  question_at: Date;
  reply_at: Date;
  waited_ms: number | null;
  first_in_conversation: boolean;
}

const countViolations = (seqsInProcessingOrder: number[]): number =>
  seqsInProcessingOrder.reduce(
    (n, seq, i) => n + (i > 0 && seq < seqsInProcessingOrder[i - 1] ? 1 : 0),
    0,
  );

function baselineWaits(records: BaselineRecord[]): { waits: number[]; violations: number } {
  const waits: number[] = [];
  let violations = 0;
  const byConversation = new Map<number, BaselineRecord[]>();
  for (const r of records)
    byConversation.set(r.conversation, [...(byConversation.get(r.conversation) ?? []), r]);
  for (const list of byConversation.values()) {
    list.sort((a, b) => a.startedAt - b.startedAt);
    violations += countViolations(list.map((r) => r.seq));
    list.forEach((r, i) => {
      if (i > 0) waits.push(r.startedAt - Math.max(r.enqueuedAt, list[i - 1].finishedAt));
    });
  }
  return { waits: waits.sort((a, b) => a - b), violations };
}

/** Sends one conversation's messages, one after the other (a channel never reorders its own). */
type Sender = (text: string) => Promise<void>;

interface Feed {
  senders: Sender[];
  close(): Promise<void>;
}

interface ChannelFeedTarget {
  sequelize: Sequelize;
  workspaceId: string;
  botId: string;
  queuePrefix: string;
  gatewayUrl: string;
  botKey: string;
}

/**
 * The way platform channels come in: the shared intake persists the message with its sequence
 * number and puts it on `conversation.inbound`, exactly as the integration service does for a
 * webhook. The HTTP front is measured on its own by `inbound-accept`.
 */
async function channelFeed(
  conversations: number,
  { sequelize, workspaceId, botId, queuePrefix, gatewayUrl, botKey }: ChannelFeedTarget,
): Promise<Feed> {
  // The bot's web channel comes into being with its first widget session.
  await new ApiClient(gatewayUrl).post('/api/v1/widget/sessions', { botKey });
  const scope: TenantScope = {
    workspaceId,
    mode: 'shared',
    models: createModelSet(sequelize),
    sequelize,
  };
  const channel = await scope.models.Channel.findOne({
    where: { workspaceId, botId, type: 'web' },
  });
  if (!channel) throw new Error('the bot has no web channel');
  const queue = new Bull<InboundMessageJobData>(
    QueueNames.ConversationInbound,
    testEnv().REDIS_URL,
    {
      prefix: queuePrefix,
      defaultJobOptions: QUEUE_OPTIONS[QueueNames.ConversationInbound].defaultJobOptions,
    },
  );
  const analyticsQueue = new Bull<AnalyticsEventsJobData>(
    QueueNames.AnalyticsEvents,
    testEnv().REDIS_URL,
    {
      prefix: queuePrefix,
      defaultJobOptions: QUEUE_OPTIONS[QueueNames.AnalyticsEvents].defaultJobOptions,
    },
  );
  const redis = new Redis(testEnv().REDIS_URL);
  // The intake the integration service runs for every platform message, as it runs it (its
  // `message.received` facts included, written by the gateway under test).
  const analytics = new AnalyticsPublisher(analyticsQueue);
  const intake = new AcceptCustomerMessage(
    new ConversationIntakeStore(),
    new RealtimeBroadcaster(redis),
    new InboundFairness(redis, { queuePrefix }),
    queue,
    analytics,
  );
  const senders = await Promise.all(
    Array.from({ length: conversations }, async (): Promise<Sender> => {
      const customer = await scope.models.Customer.create({ workspaceId });
      const party = { channelId: channel.id, botId, customerId: customer.id };
      return async (text) => {
        if (!(await intake.execute(scope, { party, text })))
          throw new Error('the channel takes no messages');
      };
    }),
  );
  return {
    senders,
    close: async () => {
      await analytics.flush();
      await queue.close();
      await analyticsQueue.close();
      redis.disconnect();
    },
  };
}

/** The widget's REST endpoint on the same gateway: HTTP, authentication and validation included. */
async function widgetHttpFeed(
  conversations: number,
  gatewayUrl: string,
  botKey: string,
): Promise<Feed> {
  const senders = await Promise.all(
    Array.from({ length: conversations }, async (): Promise<Sender> => {
      const session = await new ApiClient(gatewayUrl).post<{ sessionToken: string }>(
        '/api/v1/widget/sessions',
        { botKey },
      );
      const visitor = new ApiClient(gatewayUrl).withBearer(session.body.sessionToken);
      return async (text) => {
        const res = await visitor.post('/api/v1/widget/messages', { text });
        if (res.status !== 202) throw new Error(`message refused: ${res.status}`);
      };
    }),
  );
  return { senders, close: async () => undefined };
}

interface PipelineRun {
  messagesPerS: number;
  violations: number;
  e2e: number[];
  waits: number[];
  cpuMsPerMessage: Record<string, number>;
}

interface PipelineParties {
  db: { sequelize: Sequelize };
  gateway: SpawnedService;
  coreAi: FakeCoreAiAnswer;
  workspaceId: string;
}

/** Every conversation's messages back to back, all conversations at once; waits for every reply. */
async function runPipeline(
  { db, gateway, coreAi, workspaceId }: PipelineParties,
  feed: Feed,
): Promise<PipelineRun> {
  const replied = async (): Promise<number> => {
    const [row] = await db.sequelize.query<{ n: string }>(
      "SELECT count(*) AS n FROM messages WHERE workspace_id = :w AND sender_type = 'bot'",
      { replacements: { w: workspaceId }, type: QueryTypes.SELECT },
    );
    return Number(row.n);
  };
  const before = await replied();
  const askedBefore = coreAi.requests.length;
  const total = feed.senders.length * MESSAGES;
  const cpu = startCpuAccount({
    pids: { gateway: gateway.process.pid! },
    commands: ['postgres', 'redis-server'],
  });
  const started = Date.now();
  await Promise.all(
    feed.senders.map(async (send) => {
      for (let i = 1; i <= MESSAGES; i++) await send(`message ${i}`);
    }),
  );
  const giveUp = (answered: number) => {
    if (Date.now() - started > 300_000)
      throw new Error(`only ${answered} of ${total} answered in 5 minutes`);
  };
  // Waiting for core-ai to have been asked costs nothing; counting replies costs PostgreSQL CPU,
  // which would be charged to the pipeline.
  while (coreAi.requests.length - askedBefore < total) {
    giveUp(coreAi.requests.length - askedBefore);
    await new Promise((r) => setTimeout(r, 20));
  }
  for (let n = await replied(); n - before < total; n = await replied()) {
    giveUp(n - before);
    await new Promise((r) => setTimeout(r, 20));
  }
  const cpuSeconds = cpu.stop();
  await feed.close();

  const rows = await db.sequelize.query<ReplyRow>(
    `SELECT r.conversation_id, r.seq AS reply_seq, q.seq AS question_seq, q.created_at AS question_at, r.created_at AS reply_at,
            (r.metadata->>'waitedMs')::float8 AS waited_ms,
            q.seq = min(q.seq) OVER (PARTITION BY q.conversation_id) AS first_in_conversation
       FROM messages r JOIN messages q ON q.id = r.reply_to_message_id
      WHERE r.workspace_id = :w AND r.sender_type = 'bot' AND q.created_at >= :since
      ORDER BY r.conversation_id, r.seq`,
    { replacements: { w: workspaceId, since: new Date(started) }, type: QueryTypes.SELECT },
  );
  const firstAt = Math.min(...rows.map((r) => new Date(r.question_at).getTime()));
  const lastAt = Math.max(...rows.map((r) => new Date(r.reply_at).getTime()));
  const byConversation = new Map<string, number[]>();
  for (const r of rows)
    byConversation.set(r.conversation_id, [
      ...(byConversation.get(r.conversation_id) ?? []),
      r.question_seq,
    ]);
  return {
    messagesPerS: rows.length / ((lastAt - firstAt) / 1000),
    violations: [...byConversation.values()].reduce((n, seqs) => n + countViolations(seqs), 0),
    e2e: rows
      .map((r) => new Date(r.reply_at).getTime() - new Date(r.question_at).getTime())
      .sort((a, b) => a - b),
    waits: rows
      .filter((r) => !r.first_in_conversation)
      .map((r) => Number(r.waited_ms))
      .sort((a, b) => a - b),
    cpuMsPerMessage: Object.fromEntries(
      Object.entries(cpuSeconds).map(([party, seconds]) => [party, (seconds * 1000) / total]),
    ),
  };
}

/** N conversations × M messages through the real queue, lock and database, with a zero-latency answer. */
export const ordering: Benchmark = {
  name: 'ordering',
  description: `${CONVERSATIONS} conversations × ${MESSAGES} messages through conversation.inbound, fed by the channel intake and then by the widget's REST endpoint, after ${WARMUP_CONVERSATIONS} × ${MESSAGES} unrecorded through each; baseline SETNX + backoff on ${BASELINE_CONVERSATIONS} × ${BASELINE_MESSAGES}`,
  async run() {
    const db = await openBenchDatabase();
    await vacuumConversationTables(db.sequelize);
    const queuePrefix = `bench-${randomBytes(4).toString('hex')}`;
    // The gateway runs in its own process, as deployed; core-ai is a zero-latency fake speaking its
    // protocol, so retrieval and the answer provider do not count against the pipeline.
    const coreAi = await startFakeCoreAiAnswer();
    const gateway = await spawnService('gateway-api', {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: queuePrefix,
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
    });
    try {
      const owner = await ApiClient.signUp(gateway.url);
      const workspaceId = owner.session!.workspaceId;
      const bot = (
        await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
          name: 'ordering bench',
        })
      ).body;
      const target: ChannelFeedTarget = {
        sequelize: db.sequelize,
        workspaceId,
        botId: bot.id,
        queuePrefix,
        gatewayUrl: gateway.url,
        botKey: bot.publicKey,
      };
      const channel = (conversations: number) => channelFeed(conversations, target);
      const widgetHttp = (conversations: number) =>
        widgetHttpFeed(conversations, gateway.url, bot.publicKey);
      const parties: PipelineParties = { db, gateway, coreAi, workspaceId };
      if (WARMUP_CONVERSATIONS > 0) {
        await runPipeline(parties, await channel(WARMUP_CONVERSATIONS));
        await runPipeline(parties, await widgetHttp(WARMUP_CONVERSATIONS));
        await vacuumConversationTables(db.sequelize);
      }
      const ours = await runPipeline(parties, await channel(CONVERSATIONS));
      const viaHttp = await runPipeline(parties, await widgetHttp(CONVERSATIONS));

      const baseline = baselineWaits(
        await runSetnxBackoffBaseline({
          redisUrl: testEnv().REDIS_URL,
          coreAiUrl: coreAi.url,
          conversations: BASELINE_CONVERSATIONS,
          messagesPerConversation: BASELINE_MESSAGES,
          request: {
            workspaceId,
            botId: bot.id,
            conversationId: bot.id,
            messageId: bot.id,
            history: [],
            bot: {
              llmProvider: 'local',
              llmModel: 'canned',
              systemPrompt: '',
              temperature: 0,
              language: 'en',
              typeReplyUnknown: 'AI_GENERATE',
              fallbackMessage: '',
              knowledge: {},
            },
          },
        }),
      );
      const oursP99 = percentile(ours.waits, 99);
      const theirs = percentile(baseline.waits, 99);
      return {
        messages: CONVERSATIONS * MESSAGES,
        messages_per_s: round(ours.messagesPerS, 1),
        order_violations: ours.violations,
        e2e_p50_ms: round(percentile(ours.e2e, 50)),
        e2e_p99_ms: round(percentile(ours.e2e, 99)),
        wait_after_predecessor_p50_ms: round(percentile(ours.waits, 50)),
        wait_after_predecessor_p99_ms: round(oursP99),
        baseline_order_violations: baseline.violations,
        baseline_wait_after_predecessor_p99_ms: round(theirs),
        wait_ratio_baseline_over_ours: round(theirs / Math.max(oursP99, 0.01), 1),
        // CPU per message by party: on 2 cores the sum bounds the throughput. The bench process
        // is the feed (the intake's statements) and the fake core-ai.
        ...cpuMetrics('', ours.cpuMsPerMessage),
        // The same load through the widget's REST endpoint: the gateway also parses, authenticates
        // and validates every request, on the same two cores.
        widget_http_messages_per_s: round(viaHttp.messagesPerS, 1),
        widget_http_order_violations: viaHttp.violations,
        widget_http_e2e_p99_ms: round(percentile(viaHttp.e2e, 99)),
        widget_http_wait_after_predecessor_p99_ms: round(percentile(viaHttp.waits, 99)),
        ...cpuMetrics('widget_http_', viaHttp.cpuMsPerMessage),
      };
    } finally {
      await db.sequelize.close();
      await gateway.kill('SIGTERM');
      await coreAi.close();
      await deleteKeys(testEnv().REDIS_URL, `${queuePrefix}:*`);
    }
  },
};

const cpuMetrics = (prefix: string, perMessage: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(perMessage).map(([party, ms]) => [
      `${prefix}cpu_ms_per_message_${party.replace(/-/g, '_')}`,
      round(ms, 2),
    ]),
  );
