import { QueryTypes } from 'sequelize';
import {
  ClientEvents,
  type MessagePayload,
  SocketNamespaces,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import { TenantConnections } from '@cxgenie/database';
import {
  addSnippet,
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  eventually,
  PARCEL_KNOWLEDGE,
  type RecordingSocket,
  sharedQueuePrefix,
  type SpawnedService,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../../../gateway-api.service';

const WAIT_MS = 20_000;

interface MessageRow {
  seq: number;
  sender_type: string;
  reply_to_message_id: string | null;
}

describe('an agent taking over while the bot is still answering', () => {
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let owner: ApiClient;
  let botKey: string;
  let tenants: TenantConnections;
  const sockets: RecordingSocket[] = [];

  beforeAll(async () => {
    const QUEUE_PREFIX = sharedQueuePrefix();
    // Paced, so an answer streams for several seconds: time for an agent to step in, even when a
    // loaded machine is slow to carry the take-over.
    coreAi = await spawnService('core-ai', { LOCAL_LLM_TOKEN_DELAY_MS: '80', QUEUE_PREFIX });
    gateway = await bootService(gatewayApiService, {
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      QUEUE_PREFIX,
    });
    tenants = gateway.app.get(TenantConnections);
    owner = await ApiClient.signUp(gateway.url);
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Interrupted bot',
      typeReplyUnknown: 'AI_GENERATE',
    });
    botKey = bot.body.publicKey;
    await addSnippet(owner, coreAi.url, bot.body.id, PARCEL_KNOWLEDGE);
  });

  afterAll(async () => {
    for (const { socket } of sockets) socket.close();
    await gateway?.close();
    await coreAi?.close();
  });

  const QUESTION = 'Where is my parcel? It has not moved for days.';
  /** How many chunks the whole answer to QUESTION takes, streamed without interruption. */
  let fullAnswerChunks: number;

  /** A customer whose question the bot has started to answer (a first chunk arrived). */
  const answering = async () => {
    const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey },
    );
    const customer = await connectSocket(gateway.url, SocketNamespaces.Customer, {
      token: session.body.sessionToken,
    });
    sockets.push(customer);
    const ack = (await customer.socket.emitWithAck(ClientEvents.SendMessage, {
      text: QUESTION,
    })) as { ok: boolean; message: MessagePayload };
    expect(ack.ok).toBe(true);
    await eventually(() => expect(customer.chunks.length).toBeGreaterThan(0), WAIT_MS);
    return { customer, question: ack.message };
  };

  const stored = async (conversationId: string) => {
    const scope = await tenants.scope(owner.session!.workspaceId);
    const messages = await scope.sequelize.query<MessageRow>(
      `SELECT seq, sender_type, reply_to_message_id FROM messages
        WHERE conversation_id = :conversationId ORDER BY seq`,
      { replacements: { conversationId }, type: QueryTypes.SELECT },
    );
    const [conversation] = await scope.sequelize.query<{ processed_inbound_seq: number }>(
      'SELECT processed_inbound_seq FROM conversations WHERE id = :conversationId',
      { replacements: { conversationId }, type: QueryTypes.SELECT },
    );
    return { messages, processed: conversation.processed_inbound_seq };
  };

  /** The streamed answer was retracted, nothing of it followed, and it was never stored. */
  const expectAbandoned = async (customer: RecordingSocket, question: MessagePayload) => {
    const replyId = customer.chunks[0].messageId;
    await eventually(
      () =>
        expect(customer.discarded).toEqual([
          expect.objectContaining({
            conversationId: question.conversationId,
            messageId: replyId,
            replyToMessageId: question.id,
          }),
        ]),
      WAIT_MS,
    );
    // The message was handled, in human mode: the pipeline is not stuck on it.
    await eventually(
      async () => expect((await stored(question.conversationId)).processed).toBe(question.seq),
      WAIT_MS,
    );
    expect(customer.chunks).toHaveLength(customer.discarded[0].chunksBefore);
    // Cut short, not streamed to the end and thrown away.
    expect(customer.discarded[0].chunksBefore).toBeLessThan(fullAnswerChunks);
    expect(customer.completed.filter((m) => m.senderType === 'bot')).toEqual([]);
    const { messages } = await stored(question.conversationId);
    expect(messages.filter((m) => m.sender_type === 'bot')).toEqual([]);
  };

  it('answers the question in several chunks when nobody steps in', async () => {
    const { customer, question } = await answering();
    const [reply] = await eventually(() => {
      const bot = customer.completed.filter((m) => m.replyToMessageId === question.id);
      expect(bot).toHaveLength(1);
      return bot;
    }, WAIT_MS);
    fullAnswerChunks = customer.chunks.filter((c) => c.messageId === reply.id).length;
    expect(fullAnswerChunks).toBeGreaterThanOrEqual(2);
    expect(customer.discarded).toEqual([]);
  });

  it('stops the answer on take-over: the customer drops what it was shown, nothing is stored', async () => {
    const { customer, question } = await answering();
    const takeover = await owner.post(`/api/v1/conversations/${question.conversationId}/takeover`);
    expect(takeover.status).toBe(200);
    await expectAbandoned(customer, question);
  });

  it('stops it too when the agent simply replies, and the reply follows the question', async () => {
    const { customer, question } = await answering();
    const reply = await owner.post<MessagePayload>(
      `/api/v1/conversations/${question.conversationId}/messages`,
      { text: 'Let me check that for you.' },
    );
    expect(reply.status).toBe(201);
    await expectAbandoned(customer, question);
    const { messages } = await stored(question.conversationId);
    expect(messages.map((m) => [m.seq, m.sender_type])).toEqual([
      [1, 'customer'],
      [2, 'agent'],
    ]);
  });
});
