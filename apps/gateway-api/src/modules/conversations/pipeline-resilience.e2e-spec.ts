import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { QueryTypes } from 'sequelize';
import {
  ClientEvents,
  type MessagePayload,
  SocketNamespaces,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import { REDIS_CLIENT } from '@cxgenie/redis';
import {
  addSnippet,
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  eventually,
  PARCEL_KNOWLEDGE,
  type RecordingSocket,
  type SpawnedService,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

type Widget = RecordingSocket;

const connect = (url: string, token: string, lastSeq?: number): Promise<Widget> =>
  connectSocket(url, SocketNamespaces.Customer, { token, lastSeq });

const send = async (widget: Widget, text: string): Promise<MessagePayload> => {
  const ack = (await widget.socket.emitWithAck(ClientEvents.SendMessage, { text })) as {
    ok: boolean;
    message: MessagePayload;
  };
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
  return ack.message;
};

const repliesPerMessage = async (tenants: TenantConnections, conversationId: string) =>
  tenants.sequelize.query<{ reply_to_message_id: string; n: string }>(
    `SELECT reply_to_message_id, count(*) AS n FROM messages
      WHERE conversation_id = :conversationId AND sender_type = 'bot' GROUP BY reply_to_message_id`,
    { replacements: { conversationId }, type: QueryTypes.SELECT },
  );

describe('conversation pipeline across processes and failures', () => {
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  let fastAi: SpawnedService;
  let slowAi: SpawnedService;
  // The instance clients talk to; it consumes no queue, so every answer is made elsewhere.
  let front: BootedService;
  let botKey: string;
  const spawned: SpawnedService[] = [];
  const booted: BootedService[] = [];

  const workerEnv = (coreAi: SpawnedService, extra: Record<string, string> = {}) => ({
    QUEUE_PREFIX: queuePrefix,
    [serviceUrlEnvVar('core-ai')]: coreAi.url,
    ...extra,
  });

  const visitor = async () =>
    (
      await new ApiClient(front.url).post<{ sessionToken: string }>('/api/v1/widget/sessions', {
        botKey,
      })
    ).body.sessionToken;

  beforeAll(async () => {
    const QUEUE_PREFIX = queuePrefix;
    fastAi = await spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0', QUEUE_PREFIX });
    slowAi = await spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '80', QUEUE_PREFIX });
    front = await bootService(gatewayApiService, workerEnv(fastAi, { QUEUE_WORKERS: 'false' }));
    const owner = await ApiClient.signUp(front.url);
    // Every question gets a multi-paragraph answer that streams for a while from the slow core-ai.
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Resilient bot',
      typeReplyUnknown: 'AI_GENERATE',
    });
    botKey = bot.body.publicKey;
    await addSnippet(owner, fastAi.url, bot.body.id, PARCEL_KNOWLEDGE);
  });

  afterAll(async () => {
    await Promise.all(spawned.map((s) => s.kill('SIGKILL')));
    await Promise.all(booted.map((b) => b.close()));
    await front.close();
    await Promise.all([fastAi.close(), slowAi.close()]);
  });

  it('answers 50 conversations at once, each in its own order, from workers in two other processes', async () => {
    spawned.push(
      await spawnService('gateway-api', workerEnv(fastAi)),
      await spawnService('gateway-api', workerEnv(fastAi)),
    );
    const widgets = await Promise.all(
      Array.from({ length: 50 }, async () => connect(front.url, await visitor())),
    );
    try {
      const sent = await Promise.all(
        widgets.map((w) => Promise.all([0, 1, 2, 3].map((i) => send(w, `turn ${i}`)))),
      );
      await eventually(
        () => expect(widgets.every((w) => w.completed.length === 4)).toBe(true),
        60_000,
        100,
      );
      widgets.forEach((w, k) => {
        expect(w.completed.map((r) => r.replyToMessageId)).toEqual(sent[k].map((m) => m.id));
      });
      // Both worker processes took part.
      for (const worker of spawned) {
        expect(worker.output.some((line) => line.includes('"msg":"answered message'))).toBe(true);
      }
    } finally {
      widgets.forEach((w) => w.socket.close());
      await Promise.all(spawned.splice(0).map((s) => s.kill('SIGTERM')));
    }
  }, 120_000);

  it('gives every message exactly one reply, in order, when a worker is SIGKILLed mid-answer', async () => {
    const doomed = await spawnService(
      'gateway-api',
      workerEnv(slowAi, { CONVERSATION_LOCK_TTL_MS: '3000' }),
    );
    spawned.push(doomed);
    const widget = await connect(front.url, await visitor());
    try {
      const messages = [
        await send(widget, 'Where is my parcel? How do I track it?'),
        await send(widget, 'How long until the tracking link shows my parcel?'),
        await send(widget, 'My parcel has not moved for five days, what now?'),
      ];
      await eventually(() => expect(widget.chunks.length).toBeGreaterThan(0), 15_000, 20);
      expect(widget.completed).toHaveLength(0);
      await doomed.kill('SIGKILL');

      // A healthy worker takes over once the dead one's lock and Bull job lock expire.
      booted.push(
        await bootService(
          gatewayApiService,
          workerEnv(fastAi, { CONVERSATION_LOCK_TTL_MS: '3000' }),
        ),
      );
      await eventually(() => expect(widget.completed).toHaveLength(3), 40_000, 100);
      expect(widget.completed.map((r) => r.replyToMessageId)).toEqual(messages.map((m) => m.id));
      const tenants = booted[0].app.get(TenantConnections);
      const counts = await repliesPerMessage(tenants, messages[0].conversationId);
      expect(counts.map((c) => Number(c.n))).toEqual([1, 1, 1]);
      // Chunks of the dead attempt belong to a message id that was never completed.
      const completedIds = new Set(widget.completed.map((r) => r.id));
      const orphanChunks = widget.chunks.filter((c) => !completedIds.has(c.messageId));
      expect(orphanChunks.length).toBeGreaterThan(0);
    } finally {
      widget.socket.close();
    }
  }, 90_000);

  it('keeps extending a lock that a slow answer outlives, and a worker whose lock was taken publishes nothing more', async () => {
    const worker = await bootService(
      gatewayApiService,
      workerEnv(slowAi, { CONVERSATION_LOCK_TTL_MS: '400' }),
    );
    booted.push(worker);
    const redis = worker.app.get<Redis>(REDIS_CLIENT);
    const widget = await connect(front.url, await visitor());
    try {
      // The slow answer takes seconds, many times the 400 ms lock: only extension keeps it.
      const first = await send(widget, 'Where is my parcel? How do I track it with the carrier?');
      await eventually(() => expect(widget.completed).toHaveLength(1), 30_000, 50);
      expect(widget.completed[0].replyToMessageId).toBe(first.id);

      const second = await send(
        widget,
        'My parcel has not moved for days, where is it? Can you track it?',
      );
      await eventually(
        () => expect(widget.chunks.some((c) => c.replyToMessageId === second.id)).toBe(true),
        15_000,
        20,
      );
      const lockKey = `lock:conversation:${second.conversationId}`;
      await redis.set(lockKey, 'another-worker', 'PX', 5_000);
      const takenAt = widget.chunks.length;
      await new Promise((r) => setTimeout(r, 3_000));
      // At most the chunk already in flight when the lock changed hands.
      expect(widget.chunks.length - takenAt).toBeLessThanOrEqual(1);
      expect(widget.completed).toHaveLength(1);

      // The other worker "finishes" and lets go; the next message's job drains both, once each.
      await redis.del(lockKey);
      const third = await send(widget, 'after the takeover');
      await eventually(() => expect(widget.completed).toHaveLength(3), 40_000, 100);
      expect(widget.completed.map((r) => r.replyToMessageId)).toEqual([
        first.id,
        second.id,
        third.id,
      ]);
      const counts = await repliesPerMessage(
        worker.app.get(TenantConnections),
        first.conversationId,
      );
      expect(counts.map((c) => Number(c.n))).toEqual([1, 1, 1]);
    } finally {
      widget.socket.close();
    }
  }, 90_000);

  it('delivers the complete answer to a client whose instance died mid-stream, after reconnecting elsewhere', async () => {
    const other = await spawnService('gateway-api', workerEnv(slowAi, { QUEUE_WORKERS: 'false' }));
    spawned.push(other);
    booted.push(await bootService(gatewayApiService, workerEnv(slowAi)));
    const token = await visitor();
    const widget = await connect(other.url, token);
    const message = await send(widget, 'answer me across a crash');
    await eventually(() => expect(widget.chunks.length).toBeGreaterThan(0), 30_000, 20);
    await other.kill('SIGKILL');
    const lastSeq = message.seq;
    const resumed = await connect(front.url, token, lastSeq);
    try {
      await eventually(
        () => {
          const replies = [...resumed.created, ...resumed.completed].filter(
            (m) => m.replyToMessageId === message.id,
          );
          expect(replies.length).toBeGreaterThan(0);
        },
        40_000,
        100,
      );
      const ids = new Set(
        [...resumed.created, ...resumed.completed]
          .filter((m) => m.replyToMessageId === message.id)
          .map((m) => m.id),
      );
      expect(ids.size).toBe(1);
    } finally {
      resumed.socket.close();
    }
  }, 90_000);
});
