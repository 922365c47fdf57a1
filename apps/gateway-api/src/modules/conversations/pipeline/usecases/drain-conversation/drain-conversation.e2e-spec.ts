import {
  type MessagePayload,
  ServerEvents,
  SocketNamespaces,
  type TypingPayload,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import {
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  countQueries,
  eventually,
  type FakeCoreAiAnswer,
  startFakeCoreAiAnswer,
  TEST_REDIS_URL,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../../../../gateway-api.service';
import { Redis } from 'ioredis';
import { RedisLocks } from '@cxgenie/redis';
import { ConversationLocks } from '../../ordering/conversation-locks';
import { DrainConversation } from './drain-conversation.usecase';

/**
 * The drain on its own: messages wait (this instance consumes no queue) until the test drains the
 * conversation itself, so what a backlog costs and what each answer is asked with are exact.
 */
describe('DrainConversation: draining a backlog', () => {
  let coreAi: FakeCoreAiAnswer;
  let gateway: BootedService;
  let botKey: string;

  beforeAll(async () => {
    coreAi = await startFakeCoreAiAnswer();
    gateway = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_WORKERS: 'false',
    });
    const owner = await ApiClient.signUp(gateway.url);
    botKey = (await owner.post<{ publicKey: string }>('/api/v1/bots', { name: 'Backlog bot' })).body
      .publicKey;
  });

  afterAll(async () => {
    await gateway.close();
    await coreAi.close();
  });

  const queueUp = async (count: number) => {
    const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey },
    );
    const token = session.body.sessionToken;
    const visitor = new ApiClient(gateway.url).withBearer(token);
    const sent: MessagePayload[] = [];
    for (let i = 1; i <= count; i++) {
      sent.push(
        (await visitor.post<MessagePayload>('/api/v1/widget/messages', { text: `q${i}` })).body,
      );
    }
    const workspaceId = (await gateway.app
      .get(TenantConnections)
      .control.Conversation.findByPk(sent[0].conversationId))!.workspaceId;
    return { sent, token, workspaceId, conversationId: sent[0].conversationId };
  };

  it('answers every waiting message in order, each with the messages before it as history, in one query per reply', async () => {
    const { sent, workspaceId, conversationId } = await queueUp(6);
    const asked = coreAi.requests.length;
    const tenants = gateway.app.get(TenantConnections);
    const { result: handled, queries } = await countQueries(tenants.sequelize, () =>
      gateway.app.get(DrainConversation).execute(workspaceId, conversationId),
    );

    expect(handled).toBe(6);
    const requests = coreAi.requests.slice(asked);
    expect(requests.map((r) => r.question)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
    expect(requests.map((r) => r.messageId)).toEqual(sent.map((m) => m.id));
    // Message n's history: the n-1 customer messages before it (their replies came later).
    requests.forEach((r, i) =>
      expect(r.history).toEqual(sent.slice(0, i).map((m) => ({ role: 'customer', text: m.text }))),
    );
    // One statement per reply, plus the backlog read: the last commit saw nothing more waiting,
    // so the backlog is not read again, and nobody knocked on the lock, so nothing is checked
    // after letting go (the bot's settings, read on a cold cache, are not prepared statements).
    expect(queries.filter((q) => q.startsWith('EXECUTE '))).toEqual([
      'EXECUTE cxg_fetch_conversation_backlog',
      ...Array.from({ length: 6 }, () => 'EXECUTE cxg_commit_bot_reply'),
    ]);
    expect(queries.length).toBeLessThanOrEqual(6 + 1 + 1);
    // The inbox keeps its place: it is ordered by the last message of a person, not the bot's.
    const conversation = await tenants.control.Conversation.findByPk(conversationId);
    const lastQuestion = await tenants.control.Message.findByPk(sent[5].id);
    expect(conversation!.lastMessageSeq).toBe(12);
    expect(conversation!.lastMessageAt).toEqual(lastQuestion!.createdAt);
  });

  it('looks at the backlog again when a job knocked on the lock while it was held', async () => {
    const { workspaceId, conversationId } = await queueUp(1);
    const locks = gateway.app.get(ConversationLocks);
    const drainer = gateway.app.get(DrainConversation);
    // Another worker holds the conversation: this job leaves, knocking.
    const holder = (await locks.hold(conversationId))!;
    expect(await drainer.execute(workspaceId, conversationId)).toBe(0);
    // The holder dies without hearing it (its lock taken from it): the knock stays for the next.
    holder.stop();
    await gateway.app.get(RedisLocks).preempt(holder.lock.key);

    const tenants = gateway.app.get(TenantConnections);
    const { result, queries } = await countQueries(tenants.sequelize, () =>
      drainer.execute(workspaceId, conversationId),
    );
    expect(result).toBe(1);
    expect(queries.filter((q) => q.startsWith('EXECUTE '))).toEqual([
      'EXECUTE cxg_fetch_conversation_backlog',
      'EXECUTE cxg_commit_bot_reply',
      'EXECUTE cxg_fetch_conversation_backlog',
    ]);
  });

  it('picks the backlog up again after a drain whose keeper wrongly took the lock for lost', async () => {
    const { workspaceId, conversationId } = await queueUp(2);
    const locks = gateway.app.get(ConversationLocks);
    const hold = locks.hold.bind(locks);
    // As when a renewal fails on a Redis failing over while the lock stays ours: the drain stops
    // at once, and its release still finds our token, with nobody having knocked.
    const spy = jest.spyOn(locks, 'hold').mockImplementationOnce(async (id) => {
      const keeper = await hold(id);
      keeper?.noteOwnership(false, performance.now());
      return keeper;
    });
    try {
      expect(await gateway.app.get(DrainConversation).execute(workspaceId, conversationId)).toBe(2);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('lets a job whose message was already answered leave without the lock or a query', async () => {
    const { sent, workspaceId, conversationId } = await queueUp(2);
    const drainer = gateway.app.get(DrainConversation);
    const tenants = gateway.app.get(TenantConnections);
    expect(await drainer.execute(workspaceId, conversationId)).toBe(2);

    const { result, queries } = await countQueries(tenants.sequelize, () =>
      drainer.execute(workspaceId, conversationId, sent[1].seq),
    );
    expect(result).toBe(0);
    expect(queries).toEqual([]);
  });

  it("reads the progress hint and tries the lock in one round trip: a handled job leaves no knock, another's knock is heard", async () => {
    const { sent, token, workspaceId, conversationId } = await queueUp(1);
    const drainer = gateway.app.get(DrainConversation);
    const locks = gateway.app.get(ConversationLocks);
    expect(await drainer.execute(workspaceId, conversationId)).toBe(1);
    const visitor = new ApiClient(gateway.url).withBearer(token);
    const later = (await visitor.post<MessagePayload>('/api/v1/widget/messages', { text: 'q2' }))
      .body;

    // What the jobs send Redis about this conversation's lock and progress (on the base: the
    // progress hint's GET, then the lock's script), as clients, not inside the scripts.
    const ours = new RegExp(`(conversation|progress):${conversationId}`);
    const client = new Redis(TEST_REDIS_URL);
    const monitor = await client.monitor();
    const sentToRedis: string[][] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      if (source !== 'lua' && args.some((a) => ours.test(a))) sentToRedis.push(args);
    });
    try {
      // Another worker holds the conversation (not renewing: nothing of its own to count): the
      // handled message's job leaves without knocking, the new message's job knocks; each in
      // one command.
      const holder = (await locks.hold(conversationId))!;
      holder.stop();
      await eventually(() => expect(sentToRedis).toHaveLength(1));
      sentToRedis.length = 0;
      expect(await drainer.execute(workspaceId, conversationId, sent[0].seq)).toBe(0);
      expect(await drainer.execute(workspaceId, conversationId, later.seq)).toBe(0);
      // MONITOR reports asynchronously: give a stray third command time to show.
      await new Promise((done) => setTimeout(done, 200));
      expect(sentToRedis).toHaveLength(2);
      expect(sentToRedis.every((args) => args[0].toLowerCase() === 'evalsha')).toBe(true);
      expect(await holder.releaseHearing()).toBe('knocked');
    } finally {
      monitor.disconnect();
      client.disconnect();
    }
    // Free again: the new message's job drains it, and a job for it then leaves unknocked.
    expect(await drainer.execute(workspaceId, conversationId, later.seq)).toBe(1);
    const next = (await locks.hold(conversationId))!;
    expect(await drainer.execute(workspaceId, conversationId, later.seq)).toBe(0);
    expect(await next.releaseHearing()).toBe('quiet');
  });

  it('keeps the bot typing across answers given back to back, and stops once at the end', async () => {
    const { token, workspaceId, conversationId } = await queueUp(3);
    const widget = await connectSocket(gateway.url, SocketNamespaces.Customer, { token });
    const typing: boolean[] = [];
    widget.socket.on(ServerEvents.Typing, (t: TypingPayload) => {
      if (t.senderType === 'bot') typing.push(t.typing);
    });
    try {
      expect(await gateway.app.get(DrainConversation).execute(workspaceId, conversationId)).toBe(3);
      await eventually(() => expect(widget.completed).toHaveLength(3));
      await eventually(() => expect(typing).toEqual([true, false]));
      // Chunks of all three answers arrived, each answer's in order.
      for (const reply of widget.completed) {
        const indexes = widget.chunks
          .filter((c) => c.messageId === reply.id)
          .map((c) => c.chunkIndex);
        expect(indexes.length).toBeGreaterThan(0);
        expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
      }
    } finally {
      widget.socket.close();
    }
  });
});
