import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { QueryTypes, Sequelize } from 'sequelize';
import { type Socket } from 'socket.io-client';
import {
  ClientEvents,
  QueueNames,
  type MessagePayload,
  ServerEvents,
  SocketNamespaces,
  type TypingPayload,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  type FakeCoreAiAnswer,
  type RecordingSocket,
  TEST_DATABASE_URL,
  bootService,
  connectSocket,
  eventually,
  startFakeCoreAiAnswer,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../../gateway-api.service';

type SendAck = { ok: true; message: MessagePayload } | { ok: false; error: { code: string } };

const send = (socket: Socket, payload: { text: string; clientMessageId?: string }) =>
  socket.emitWithAck(ClientEvents.SendMessage, payload) as Promise<SendAck>;

const sent = (ack: SendAck): MessagePayload => {
  if (!ack.ok) throw new Error(`message refused: ${ack.error.code}`);
  return ack.message;
};

/**
 * What a visitor's widget receives in the cases the issue 20 probe found broken: a second tab
 * connected before the conversation existed, a message retried after a lost ack, and a
 * connection dropped while an answer streams. Real gateway, real Redis adapter and PostgreSQL;
 * core-ai is a stand-in speaking its protocol at a model's pace.
 */
describe('widget delivery across tabs, retries and reconnects', () => {
  let coreAi: FakeCoreAiAnswer;
  let gateway: BootedService;
  let owner: ApiClient;
  let botKey: string;
  let db: Sequelize;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    // Each token after the idle flush (200 ms): every token is a chunk of its own, so an answer
    // streams for seconds in many chunks.
    coreAi = await startFakeCoreAiAnswer({ tokenDelayMs: 250 });
    gateway = await bootService(gatewayApiService, { [serviceUrlEnvVar('core-ai')]: coreAi.url });
    owner = await ApiClient.signUp(gateway.url);
    const bot = await owner.post<{ publicKey: string }>('/api/v1/bots', { name: 'Delivery bot' });
    botKey = bot.body.publicKey;
    db = new Sequelize(TEST_DATABASE_URL, { logging: false });
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  afterAll(async () => {
    await gateway.close();
    await coreAi.close();
    await db.close();
  });

  const newVisitor = async () =>
    (
      await new ApiClient(gateway.url).post<{ sessionToken: string }>('/api/v1/widget/sessions', {
        botKey,
      })
    ).body.sessionToken;

  const tab = async (token: string, lastSeq?: number): Promise<RecordingSocket> => {
    const recording = await connectSocket(gateway.url, SocketNamespaces.Customer, {
      token,
      lastSeq,
    });
    sockets.push(recording.socket);
    return recording;
  };

  it('a tab connected before the conversation existed receives it once another tab creates it', async () => {
    const token = await newVisitor();
    const first = await tab(token);
    const second = await tab(token);
    const question = sent(await send(first.socket, { text: 'Do you ship abroad?' }));
    await eventually(() => expect(second.completed).toHaveLength(1), 20_000);
    expect(second.created.map((m) => m.id)).toEqual([question.id]);
    expect(second.completed[0].replyToMessageId).toBe(question.id);
    expect(second.chunks.map((c) => c.text).join('')).toBe(second.completed[0].text);
  });

  it('every tab joins the conversation again when an agent reopens it', async () => {
    const token = await newVisitor();
    const first = await tab(token);
    const question = sent(await send(first.socket, { text: 'Is it closed yet?' }));
    await eventually(() => expect(first.completed).toHaveLength(1), 20_000);
    const conversationId = question.conversationId;
    expect((await owner.post(`/api/v1/conversations/${conversationId}/close`)).status).toBeLessThan(
      300,
    );
    // Connected while the conversation was closed: it joins no conversation's room.
    const later = await tab(token);
    expect(
      (await owner.post(`/api/v1/conversations/${conversationId}/reopen`)).status,
    ).toBeLessThan(300);
    const reply = await owner.post<MessagePayload>(
      `/api/v1/conversations/${conversationId}/messages`,
      { text: 'Reopened: how can I help?' },
    );
    expect(reply.status).toBe(201);
    await eventually(() => expect(later.messages.map((m) => m.id)).toContain(reply.body.id));
  });

  it('stores a message retried with its clientMessageId once, and acks the retry with it', async () => {
    const token = await newVisitor();
    const widget = await tab(token);
    const clientMessageId = 'c-0f3e2a';
    const original = sent(
      await send(widget.socket, { text: 'Where is order 7?', clientMessageId }),
    );
    // The ack was lost on the way; the widget sends the same message again.
    const retried = sent(await send(widget.socket, { text: 'Where is order 7?', clientMessageId }));
    expect(retried).toEqual(original);
    // Over REST too, with the same id: the same message.
    const rest = await new ApiClient(gateway.url)
      .withBearer(token)
      .post<MessagePayload>('/api/v1/widget/messages', {
        text: 'Where is order 7?',
        clientMessageId,
      });
    expect(rest.status).toBe(202);
    expect(rest.body.id).toBe(original.id);
    await eventually(() => expect(widget.completed).toHaveLength(1), 20_000);
    const [row] = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM messages
        WHERE conversation_id = :id AND sender_type = 'customer'`,
      { replacements: { id: original.conversationId }, type: QueryTypes.SELECT },
    );
    expect(Number(row.n)).toBe(1);
    expect(coreAi.requests.filter((r) => r.messageId === original.id)).toHaveLength(1);

    // Another visitor's message with the same client id is theirs: stored, and nobody else's.
    const other = await tab(await newVisitor());
    const theirs = sent(await send(other.socket, { text: 'Mine', clientMessageId }));
    expect(theirs.id).not.toBe(original.id);
    expect(theirs.text).toBe('Mine');
  });

  it('replays the chunks streamed while the widget was disconnected mid-answer', async () => {
    const token = await newVisitor();
    const before = await tab(token);
    const question = sent(
      await send(before.socket, {
        text: 'Can you explain, in some detail, how returns work for items bought on sale?',
      }),
    );
    await eventually(() => expect(before.chunks.length).toBeGreaterThanOrEqual(2), 20_000);
    before.socket.close();
    const seenBefore = before.chunks.length;
    // Chunks go out while nobody listens.
    await new Promise((resolve) => setTimeout(resolve, 1_200));

    const after = await tab(token, question.seq);
    await eventually(() => expect(after.completed).toHaveLength(1), 30_000);
    const reply = after.completed[0];
    expect(after.chunks.every((c) => c.messageId === reply.id)).toBe(true);
    // What the widget assembles from both connections, by chunk index, is the whole answer, and
    // the chunks missed while away came from the replay, before the answer completed.
    const byIndex = new Map<number, string>();
    for (const chunk of [...before.chunks, ...after.chunks])
      byIndex.set(chunk.chunkIndex, chunk.text);
    const indices = [...byIndex.keys()].sort((a, b) => a - b);
    expect(indices).toEqual(indices.map((_, i) => i));
    expect(indices.map((i) => byIndex.get(i)).join('')).toBe(reply.text);
    const afterIndices = new Set(after.chunks.map((c) => c.chunkIndex));
    expect(afterIndices.has(seenBefore)).toBe(true);
  });

  it('replays a committed answer from PostgreSQL alone: its chunks are dropped with the commit', async () => {
    const token = await newVisitor();
    const first = await tab(token);
    const question = sent(await send(first.socket, { text: 'How do returns work?' }));
    await eventually(() => expect(first.completed).toHaveLength(1), 30_000);
    expect(first.chunks.length).toBeGreaterThanOrEqual(2);
    const reply = first.completed[0];

    // The chunk log is dropped in the same script that records the progress, after the commit:
    // a tab connecting once the answer is complete reads the reply, and no chunk of it.
    await eventually(async () => {
      const late = await tab(token, question.seq);
      await eventually(() => expect(late.created.map((m) => m.id)).toEqual([reply.id]));
      // Chunks are replayed right after the messages, on the same connection.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(late.chunks).toEqual([]);
    }, 5_000);
  });

  it('shows the bot typing as soon as the message is accepted, however long the queue', async () => {
    const inbound = gateway.app.get<Queue>(getQueueToken(QueueNames.ConversationInbound));
    const token = await newVisitor();
    const widget = await tab(token);
    const typing: { event: TypingPayload; completedBefore: number }[] = [];
    widget.socket.on(ServerEvents.Typing, (event: TypingPayload) =>
      typing.push({ event, completedBefore: widget.completed.length }),
    );
    // Every worker busy: nothing is taken from the queue for now.
    await inbound.pause(true);
    try {
      const question = sent(await send(widget.socket, { text: 'Anyone there?' }));
      await eventually(() =>
        expect(typing.map((t) => t.event)).toEqual([
          { conversationId: question.conversationId, senderType: 'bot', typing: true },
        ]),
      );
      expect(coreAi.requests.some((r) => r.messageId === question.id)).toBe(false);
    } finally {
      await inbound.resume(true);
    }
    await eventually(() => expect(widget.completed).toHaveLength(1), 20_000);
    await eventually(() =>
      expect(typing.at(-1)).toMatchObject({ event: { typing: false }, completedBefore: 1 }),
    );
  });

  it('switches the typing off when an agent took the conversation over before the bot answered', async () => {
    const inbound = gateway.app.get<Queue>(getQueueToken(QueueNames.ConversationInbound));
    const widget = await tab(await newVisitor());
    const typing: TypingPayload[] = [];
    widget.socket.on(ServerEvents.Typing, (event: TypingPayload) => typing.push(event));
    await inbound.pause(true);
    let conversationId: string;
    try {
      const question = sent(await send(widget.socket, { text: 'I need a person' }));
      conversationId = question.conversationId;
      await eventually(() => expect(typing.map((t) => t.typing)).toEqual([true]));
      const takeover = await owner.post(`/api/v1/conversations/${conversationId}/takeover`);
      expect(takeover.status).toBe(200);
    } finally {
      await inbound.resume(true);
    }
    await eventually(() =>
      expect(typing.at(-1)).toEqual({ conversationId, senderType: 'bot', typing: false }),
    );
    expect(widget.completed).toEqual([]);
  });
});
