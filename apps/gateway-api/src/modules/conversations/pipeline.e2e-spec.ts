import { type Socket, io } from 'socket.io-client';
import {
  ClientEvents,
  type MessagePayload,
  SocketNamespaces,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import {
  addSnippet,
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  eventually,
  PARCEL_KNOWLEDGE,
  sharedQueuePrefix,
  type SpawnedService,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

const connectWidget = async (url: string, token: string, lastSeq?: number) => {
  const received = await connectSocket(url, SocketNamespaces.Customer, { token, lastSeq });
  return { socket: received.socket, received };
};

const send = (socket: Socket, text: string) =>
  socket.emitWithAck(ClientEvents.SendMessage, { text }) as Promise<{
    ok: boolean;
    message: MessagePayload;
  }>;

describe('conversation pipeline: widget message in, streamed answer out, in order', () => {
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let owner: ApiClient;
  let botKey: string;

  beforeAll(async () => {
    const QUEUE_PREFIX = sharedQueuePrefix();
    coreAi = await spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0', QUEUE_PREFIX });
    gateway = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_PREFIX,
    });
    owner = await ApiClient.signUp(gateway.url);
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Pipeline bot',
      typeReplyUnknown: 'AI_GENERATE',
    });
    botKey = bot.body.publicKey;
    await addSnippet(owner, coreAi.url, bot.body.id, PARCEL_KNOWLEDGE);
  });

  afterAll(async () => {
    await gateway.close();
    await coreAi.close();
  });

  const newVisitor = async () =>
    (
      await new ApiClient(gateway.url).post<{ sessionToken: string }>('/api/v1/widget/sessions', {
        botKey,
      })
    ).body.sessionToken;

  it('answers a message, streaming it in paragraphs that assemble into the stored reply', async () => {
    const { socket, received } = await connectWidget(gateway.url, await newVisitor());
    try {
      const ack = await send(socket, 'Where is my parcel?');
      expect(ack).toMatchObject({ ok: true, message: { seq: 1, senderType: 'customer' } });
      const reply = await eventually(() => {
        expect(received.completed).toHaveLength(1);
        return received.completed[0];
      }, 10_000);
      expect(reply).toMatchObject({ seq: 2, senderType: 'bot', replyToMessageId: ack.message.id });
      // Answered from the bot's knowledge: its own sentences, in more than one paragraph.
      expect(reply.text).toContain('tracking link');
      expect(reply.text).toContain('\n\n');
      const chunks = received.chunks.filter((c) => c.messageId === reply.id);
      expect(chunks.map((c) => c.chunkIndex)).toEqual(chunks.map((_, i) => i));
      expect(chunks.length).toBeGreaterThan(1);
      expect(chunks.map((c) => c.text).join('')).toBe(reply.text);
    } finally {
      socket.close();
    }
  });

  it('answers 100 messages sent at once to one conversation in exactly their order', async () => {
    const { socket, received } = await connectWidget(gateway.url, await newVisitor());
    try {
      const acks = await Promise.all(
        Array.from({ length: 100 }, (_, i) => send(socket, `question number ${i}`)),
      );
      expect(acks.map((a) => a.message.text)).toEqual(acks.map((_, i) => `question number ${i}`));
      expect(acks.map((a) => a.message.seq)).toEqual(
        [...acks.map((a) => a.message.seq)].sort((x, y) => x - y),
      );
      await eventually(() => expect(received.completed).toHaveLength(100), 30_000);
      // Replies arrive in the order of the questions they answer, one each.
      const answered = received.completed.map((r) =>
        acks.findIndex((a) => a.message.id === r.replyToMessageId),
      );
      expect(answered).toEqual(acks.map((_, i) => i));
      const seqs = received.completed.map((r) => r.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    } finally {
      socket.close();
    }
  });

  it('rejects bad payloads with an error naming the field, and unauthenticated sockets', async () => {
    const { socket } = await connectWidget(gateway.url, await newVisitor());
    try {
      const empty = (await socket.emitWithAck(ClientEvents.SendMessage, { text: '' })) as {
        ok: boolean;
        error: { field: string };
      };
      expect(empty).toMatchObject({ ok: false, error: { code: 'invalid_payload', field: 'text' } });
      const huge = (await socket.emitWithAck(ClientEvents.SendMessage, {
        text: 'x'.repeat(5_000),
      })) as { error: { code: string } };
      expect(huge.error.code).toBe('too_large');
      const extra = (await socket.emitWithAck(ClientEvents.SendMessage, {
        text: 'hi',
        admin: true,
      })) as { error: { field: string } };
      expect(extra.error.field).toBe('admin');
    } finally {
      socket.close();
    }
    const anonymous = io(`${gateway.url}${SocketNamespaces.Customer}`, {
      auth: { token: 'forged' },
      transports: ['websocket'],
      reconnection: false,
    });
    const error = await new Promise<Error & { data?: { code: string } }>((resolve) =>
      anonymous.on('connect_error', resolve),
    );
    expect(error.data?.code).toBe('unauthorized');
    expect(anonymous.connected).toBe(false);
    anonymous.close();
  });

  it('replays everything after the last sequence a reconnecting client saw', async () => {
    const token = await newVisitor();
    const first = await connectWidget(gateway.url, token);
    await send(first.socket, 'first question');
    await eventually(() => expect(first.received.completed).toHaveLength(1), 10_000);
    first.socket.close();
    // While the widget is away, the conversation goes on: its earlier message gets answered, then:
    const again = await connectWidget(gateway.url, token, 1);
    try {
      await eventually(() => expect(again.received.created.map((m) => m.seq)).toEqual([2]));
      expect(again.received.created[0].senderType).toBe('bot');
    } finally {
      again.socket.close();
    }
  });
});

describe('widget messages over REST', () => {
  let coreAi: SpawnedService;
  let gateway: BootedService;

  beforeAll(async () => {
    coreAi = await spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '0' });
    gateway = await bootService(gatewayApiService, { [serviceUrlEnvVar('core-ai')]: coreAi.url });
  });

  afterAll(async () => {
    await gateway.close();
    await coreAi.close();
  });

  it('accepts with 202, queues for the bot, and the socket gets the answer', async () => {
    const owner = await ApiClient.signUp(gateway.url);
    const botKey = (await owner.post<{ publicKey: string }>('/api/v1/bots', { name: 'REST bot' }))
      .body.publicKey;
    const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey },
    );
    const widget = new ApiClient(gateway.url).withBearer(session.body.sessionToken);
    const first = await widget.post<MessagePayload>('/api/v1/widget/messages', {
      text: 'hello over REST',
    });
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ seq: 1, senderType: 'customer', text: 'hello over REST' });
    const { socket, received } = await connectWidget(gateway.url, session.body.sessionToken, 0);
    try {
      const all = () => [...received.created, ...received.completed];
      await eventually(
        () => expect(all().some((m) => m.replyToMessageId === first.body.id)).toBe(true),
        10_000,
      );
    } finally {
      socket.close();
    }
    const invalid = await widget.post('/api/v1/widget/messages', { text: '' });
    expect(invalid.status).toBe(400);
    expect(invalid.body['details']).toEqual([
      { field: 'text', message: 'must be longer than or equal to 1 characters' },
    ]);
    expect((await owner.post('/api/v1/widget/messages', { text: 'x' })).status).toBe(403);
  });
});
