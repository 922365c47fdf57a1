import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { QueryTypes, type Sequelize } from 'sequelize';
import { QueueNames, serviceUrlEnvVar } from '@cxgenie/contracts';
import { REDIS_CLIENT } from '@cxgenie/redis';
import {
  ConversationFenceStore,
  ConversationIntakeStore,
  type OutboxJob,
} from '@cxgenie/conversations';
import {
  Migrator,
  TenantConnections,
  TenantRelocator,
  createSequelize,
  dedicatedDatabaseName,
  withDatabaseName,
} from '@cxgenie/database';
import {
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  seedBotAndChannel,
  seedWorkspace,
  type SpawnedService,
  spawnService,
  TEST_DATABASE_URL,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../../../../gateway-api.service';
import { StrandedMessages } from '../../ordering/stranded-messages';

interface ReplyRow {
  reply_to_message_id: string;
  n: string;
}

/**
 * The sweep reads every workspace of its database, so this spec gets a database of its own: in the
 * shared test database it would answer the messages other suites hold back on purpose.
 */
describe('the sweep of customer messages persisted but never queued', () => {
  const databaseName = `cxgenie_test_sweep_${randomBytes(4).toString('hex')}`;
  const databaseUrl = withDatabaseName(TEST_DATABASE_URL, databaseName);
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  let admin: Sequelize;
  let coreAi: SpawnedService;
  let front: BootedService;
  const booted: BootedService[] = [];
  let tenants: TenantConnections;
  let redis: Redis;
  let inbound: Queue;
  const intake = new ConversationIntakeStore();

  const env = (extra: Record<string, string> = {}) => ({
    DATABASE_URL: databaseUrl,
    QUEUE_PREFIX: queuePrefix,
    [serviceUrlEnvVar('core-ai')]: coreAi.url,
    ...extra,
  });

  const boot = async (extra: Record<string, string>) => {
    const service = await bootService(gatewayApiService, env(extra));
    booted.push(service);
    return service;
  };

  /** A widget conversation with one customer message answered the normal way (queued). */
  const widgetConversation = async () => {
    const owner = await ApiClient.signUp(front.url);
    const bot = await owner.post<{ publicKey: string }>('/api/v1/bots', { name: 'Sweep bot' });
    const session = await new ApiClient(front.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey: bot.body.publicKey },
    );
    const widget = new ApiClient(front.url).withBearer(session.body.sessionToken);
    const queued = await widget.post<{ id: string; conversationId: string }>(
      '/api/v1/widget/messages',
      { text: 'How do I track my parcel?' },
    );
    expect(queued.status).toBe(202);
    return { workspaceId: owner.session!.workspaceId, queued: queued.body };
  };

  /** What the gateway does before queueing, without the queueing: a process that died in between. */
  const strand = async (workspaceId: string, conversationId: string, text: string) => {
    const accepted = await intake.acceptCustomerMessage(await tenants.scope(workspaceId), {
      conversationId,
      text,
    });
    if (!accepted) throw new Error('the stranded message was not accepted');
    return accepted;
  };

  const replies = async (workspaceId: string, conversationId: string) => {
    const scope = await tenants.scope(workspaceId);
    const rows = await scope.sequelize.query<ReplyRow>(
      `SELECT reply_to_message_id, count(*) AS n FROM messages
        WHERE conversation_id = :conversationId AND sender_type = 'bot' GROUP BY reply_to_message_id`,
      { replacements: { conversationId }, type: QueryTypes.SELECT },
    );
    return Object.fromEntries(rows.map((row) => [row.reply_to_message_id, Number(row.n)]));
  };

  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

  interface Seeded {
    minutes: number;
    messages: number;
    pending: number;
    channelType?: 'web' | 'telegram';
    /** A bot reply after the customer's messages, written `minutes` ago. */
    reply?: { status: 'queued' | 'sent'; minutes: number };
  }

  /** A conversation whose last customer message is `minutes` ago, `pending` of them unanswered. */
  const conversation = async (workspace: string, seeded: Seeded) => {
    const { minutes, messages, pending, channelType = 'web', reply } = seeded;
    const sequelize = tenants.sequelize;
    const { botId, channelId } = await seedBotAndChannel(sequelize, workspace);
    await sequelize.query('UPDATE channels SET type = :channelType WHERE id = :channelId', {
      replacements: { channelType, channelId },
    });
    const [row] = await sequelize.query<{ id: string }>(
      `WITH cust AS (INSERT INTO customers (workspace_id, name) VALUES (:workspace, 'Waiting customer') RETURNING id)
       INSERT INTO conversations (workspace_id, bot_id, channel_id, customer_id)
       SELECT :workspace, :botId, :channelId, id FROM cust RETURNING id`,
      { replacements: { workspace, botId, channelId }, type: QueryTypes.SELECT },
    );
    const scope = await tenants.scope(workspace);
    for (let i = 0; i < messages; i++)
      await intake.acceptCustomerMessage(scope, { conversationId: row.id, text: `m${i}` });
    await sequelize.query(
      `UPDATE conversations SET processed_inbound_seq = :processed, last_message_at = :at WHERE id = :id`,
      { replacements: { processed: messages - pending, at: minutesAgo(minutes), id: row.id } },
    );
    if (!reply) return { conversationId: row.id, replyId: null };
    // What the pipeline commits before it queues the delivery.
    const [bot] = await sequelize.query<{ id: string }>(
      `INSERT INTO messages (workspace_id, conversation_id, channel_id, seq, direction, sender_type, text, status, created_at)
       VALUES (:workspace, :conversationId, :channelId, :seq, 'outbound', 'bot', 'Here you are.', :status, :at)
       RETURNING id`,
      {
        replacements: {
          workspace,
          conversationId: row.id,
          channelId,
          seq: messages + 1,
          status: reply.status,
          at: minutesAgo(reply.minutes),
        },
        type: QueryTypes.SELECT,
      },
    );
    return { conversationId: row.id, replyId: bot.id };
  };

  beforeAll(async () => {
    admin = createSequelize({ url: TEST_DATABASE_URL, poolMax: 1, acquireTimeoutMs: 10_000 });
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    const migrator = new Migrator(databaseUrl);
    try {
      await migrator.up();
    } finally {
      await migrator.close();
    }
    coreAi = await spawnService('core-ai', {
      DATABASE_URL: databaseUrl,
      QUEUE_PREFIX: queuePrefix,
      LOCAL_LLM_TOKEN_DELAY_MS: '0',
    });
    // Accepts and queues, answers nothing: the answers come from the workers booted by each test.
    front = await boot({ QUEUE_WORKERS: 'false' });
    tenants = front.app.get(TenantConnections);
    redis = front.app.get<Redis>(REDIS_CLIENT);
    inbound = front.app.get<Queue>(getQueueToken(QueueNames.ConversationInbound));
  });

  afterAll(async () => {
    for (const service of booted.reverse()) await service.close();
    await coreAi?.close();
    for (const name of [...movedTo, databaseName])
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.close();
  });

  /** The dedicated databases this spec's workspaces were moved to. */
  const movedTo: string[] = [];

  it('answers, once, a stranded message in a shared and in a dedicated workspace; hands a stranded reply to delivery', async () => {
    const shared = await widgetConversation();
    const moved = await widgetConversation();

    // A worker without the sweep answers what was queued, and the drain ends there.
    const plain = await boot({ CONVERSATION_SWEEP_INTERVAL_MS: '0' });
    await eventually(async () => {
      expect(await replies(shared.workspaceId, shared.queued.conversationId)).toEqual({
        [shared.queued.id]: 1,
      });
      expect(await replies(moved.workspaceId, moved.queued.conversationId)).toEqual({
        [moved.queued.id]: 1,
      });
      // Finished, not just replied: a drain looks for more work after its last reply.
      expect(await inbound.getJobCounts()).toMatchObject({ active: 0, waiting: 0, completed: 2 });
    }, 20_000);
    // Persisted after the drain, never queued: nothing makes that worker look at it again.
    const sharedStranded = await strand(shared.workspaceId, shared.queued.conversationId, 'Hello?');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await replies(shared.workspaceId, shared.queued.conversationId)).toEqual({
      [shared.queued.id]: 1,
    });
    await plain.close();
    booted.splice(booted.indexOf(plain), 1);

    movedTo.push(dedicatedDatabaseName(moved.workspaceId));
    await new TenantRelocator(tenants.sequelize, databaseUrl).moveToDedicated(moved.workspaceId);
    tenants.invalidate(moved.workspaceId);
    const movedStranded = await strand(moved.workspaceId, moved.queued.conversationId, 'Anyone?');

    // A reply committed for a messaging platform whose delivery was never queued.
    const undelivered = await conversation(shared.workspaceId, {
      minutes: 0,
      messages: 1,
      pending: 0,
      channelType: 'telegram',
      reply: { status: 'queued', minutes: 0 },
    });

    const sweeping = await boot({
      CONVERSATION_SWEEP_INTERVAL_MS: '300',
      CONVERSATION_SWEEP_GRACE_MS: '500',
    });
    await eventually(async () => {
      expect(await replies(shared.workspaceId, shared.queued.conversationId)).toEqual({
        [shared.queued.id]: 1,
        [sharedStranded.id]: 1,
      });
      expect(await replies(moved.workspaceId, moved.queued.conversationId)).toEqual({
        [moved.queued.id]: 1,
        [movedStranded.id]: 1,
      });
    }, 20_000);

    const outbound = front.app.get<Queue>(getQueueToken(QueueNames.ChannelOutbound));
    await eventually(async () => {
      const jobs = await outbound.getWaiting();
      expect(jobs.map((job) => job.data)).toContainEqual(
        expect.objectContaining({
          conversationId: undelivered.conversationId,
          messageId: undelivered.replyId,
          channelType: 'telegram',
        }),
      );
    }, 10_000);

    // Later runs find nothing left to queue.
    const logged = () =>
      sweeping.logs.lines.filter((line) =>
        line.msg?.includes('had customer messages never queued'),
      );
    const watermark = async () =>
      Number(await redis.hget(`${queuePrefix}:conversation-sweep:watermarks`, 'shared'));
    const nextRun = async () => {
      const seen = await watermark();
      await eventually(async () => expect(await watermark()).toBeGreaterThan(seen), 10_000);
    };
    // A run logs after it has swept every database, and the window overlaps the previous run's: a
    // run that started before the answers were committed may still find (and log) the messages it
    // queues again. Two more runs, and the last of them began after the answers.
    await nextRun();
    await nextRun();
    const before = logged().length;
    expect(before).toBeGreaterThan(0);
    const swept = await watermark();
    await eventually(async () => expect(await watermark()).toBeGreaterThan(swept + 500), 10_000);
    expect(logged()).toHaveLength(before);
  });

  it('publishes the handoff request a worker committed and died before publishing', async () => {
    const { workspaceId, queued } = await widgetConversation();
    const scope = await tenants.scope(workspaceId);
    const asked = await strand(workspaceId, queued.conversationId, 'A human, please');
    const job: OutboxJob = {
      queue: QueueNames.HandoffRequests,
      jobId: `customer-request:${asked.id}`,
      payload: {
        workspaceId,
        conversationId: queued.conversationId,
        reason: 'customer_request',
        messageId: asked.id,
        question: asked.text,
        requestedAt: new Date().toISOString(),
      },
    };
    // What the handoff step commits; the process dies before its publish.
    expect(
      await new ConversationFenceStore().handOffAt(scope, queued.conversationId, asked.seq, [job]),
    ).toBe('human');
    const requests = front.app.get<Queue>(getQueueToken(QueueNames.HandoffRequests));
    expect(await requests.getJob(job.jobId)).toBeNull();

    await boot({ CONVERSATION_SWEEP_INTERVAL_MS: '300', CONVERSATION_SWEEP_GRACE_MS: '500' });
    const published = await eventually(async () => {
      const found = await requests.getJob(job.jobId);
      expect(found).not.toBeNull();
      return found!;
    }, 20_000);
    expect(published.data).toMatchObject({
      conversationId: queued.conversationId,
      reason: 'customer_request',
    });
    await eventually(async () => {
      const [left] = await tenants.sequelize.query<{ n: string }>(
        'SELECT count(*) AS n FROM outbox WHERE job_id = :jobId',
        { replacements: { jobId: job.jobId }, type: QueryTypes.SELECT },
      );
      expect(Number(left.n)).toBe(0);
    }, 10_000);
  });

  it('schedules its repairs again when Redis loses them, and says so in /health/ready meanwhile', async () => {
    const sweeping = await boot({ CONVERSATION_SWEEP_INTERVAL_MS: '60000' });
    const sweep = front.app.get<Queue>(getQueueToken(QueueNames.ConversationSweep));
    const ready = () => fetch(`${sweeping.url}/health/ready`);
    await eventually(async () => expect((await ready()).status).toBe(200), 15_000);
    // Redis lost its data (a restart without persistence, a failover to an empty replica).
    for (const job of await sweep.getRepeatableJobs()) await sweep.removeRepeatableByKey(job.key);
    const degraded = await ready();
    expect(degraded.status).toBe(503);
    expect(await degraded.text()).toContain('not scheduled');
    await eventually(async () => {
      expect((await sweep.getRepeatableJobs()).map((job) => job.name).sort()).toEqual([
        'outbox-relay',
        'stranded-messages',
      ]);
      expect((await ready()).status).toBe(200);
    }, 25_000);
  });

  describe('finding stranded messages', () => {
    const stranded = new StrandedMessages();
    let sequelize: Sequelize;
    let workspaceId: string;
    let otherWorkspaceId: string;
    beforeAll(async () => {
      sequelize = tenants.sequelize;
      workspaceId = await seedWorkspace(sequelize, 'Sweep window');
      otherWorkspaceId = await seedWorkspace(sequelize, 'Sweep neighbour');
    });

    it('returns each conversation in the window with its oldest waiting message, in order, by page', async () => {
      const older = (await conversation(workspaceId, { minutes: 30, messages: 3, pending: 2 }))
        .conversationId;
      const newer = (await conversation(workspaceId, { minutes: 20, messages: 1, pending: 1 }))
        .conversationId;
      await conversation(workspaceId, { minutes: 25, messages: 2, pending: 0 }); // all answered
      await conversation(workspaceId, { minutes: 1, messages: 1, pending: 1 }); // within the grace
      await conversation(workspaceId, { minutes: 90, messages: 1, pending: 1 }); // before the window
      await conversation(otherWorkspaceId, { minutes: 30, messages: 1, pending: 1 }); // not listed

      const window = { workspaceIds: [workspaceId], from: minutesAgo(60), to: minutesAgo(5) };
      const all = await stranded.find(sequelize, { ...window, limit: 10 });
      expect(all.map((c) => [c.conversationId, c.seq])).toEqual([
        [older, 2],
        [newer, 1],
      ]);
      expect(all.every((c) => c.workspaceId === workspaceId)).toBe(true);

      const first = await stranded.find(sequelize, { ...window, limit: 1 });
      const second = await stranded.find(sequelize, { ...window, after: first[0], limit: 1 });
      const third = await stranded.find(sequelize, { ...window, after: second[0], limit: 1 });
      expect([...first, ...second, ...third].map((c) => c.conversationId)).toEqual([older, newer]);
    });

    it('covers every shared workspace of the database when given no list', async () => {
      const neighbour = await conversation(otherWorkspaceId, {
        minutes: 40,
        messages: 1,
        pending: 1,
      });
      const found = await stranded.find(sequelize, {
        workspaceIds: null,
        from: minutesAgo(45),
        to: minutesAgo(35),
        limit: 10,
      });
      expect(found.map((c) => c.conversationId)).toEqual([neighbour.conversationId]);
    });

    it("finds replies for a messaging platform never handed to delivery, not the widget's or sent ones", async () => {
      const telegram = { minutes: 12, messages: 1, pending: 0, channelType: 'telegram' } as const;
      const lost = await conversation(workspaceId, {
        ...telegram,
        reply: { status: 'queued', minutes: 11 },
      });
      await conversation(workspaceId, { ...telegram, reply: { status: 'sent', minutes: 11 } });
      await conversation(workspaceId, {
        ...telegram,
        channelType: 'web',
        reply: { status: 'queued', minutes: 11 },
      });
      // Written after the horizon: its delivery may still be on its way.
      await conversation(workspaceId, { ...telegram, reply: { status: 'queued', minutes: 1 } });

      const found = await stranded.findUndelivered(sequelize, {
        workspaceIds: [workspaceId],
        from: minutesAgo(15),
        to: minutesAgo(5),
        limit: 10,
      });
      expect(found).toEqual([
        expect.objectContaining({
          workspaceId,
          conversationId: lost.conversationId,
          messageId: lost.replyId,
          channelType: 'telegram',
        }),
      ]);
    });
  });
});
