import { randomBytes } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import {
  ClientEvents,
  type MessagePayload,
  SocketNamespaces,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  eventually,
  FAKE_OPENAI_API_KEY,
  FakeOpenAi,
  type RecordingSocket,
  type SpawnedService,
  SLA_CHECKS_AWAY,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

const FALLBACK = 'A teammate will pick this up and answer you here.';
// What the slow model writes for the agents: about 100 tokens, 120 ms apart (12 s or more), so
// the handoff has seconds to spare on a busy machine.
const ATTEMPT =
  'I could not find anything about shipping by drone in the knowledge I was given, so this ' +
  'is only a guess: parcels travel with regular carriers and delivery times depend on the ' +
  'destination country and the carrier chosen at checkout. Remote places such as research ' +
  'stations usually need a freight forwarder, customs papers and a lot of patience, and ' +
  'nobody I know of flies parcels there by drone.';
const DELTA_DELAY_MS = 120;
const WAIT_MS = 30_000;

interface ContextView {
  conversation: { status: string };
  ticket: { id: string; context: { attemptedAnswer?: string | null } } | null;
}

/**
 * A handoff decided first (ADR 0045), through the whole platform: widget → gateway worker →
 * core-ai on a slow OpenAI-compatible model (faked at the wire) → the ticket app. The customer
 * gets the fallback and the conversation goes to a human while the model is still writing the
 * attempt; the attempt reaches the ticket and the agents afterwards.
 */
describe('decide-first handoff, end to end', () => {
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  let openai: FakeOpenAi;
  let coreAi: SpawnedService;
  let ticket: SpawnedService;
  let gateway: BootedService;
  let owner: ApiClient;
  let agent: RecordingSocket;

  beforeAll(async () => {
    openai = await FakeOpenAi.start();
    // Every streamed answer is the slow attempt; embeddings and JSON replies are not slowed.
    openai.setDefault({ reply: `VERDICT: NO\n\n${ATTEMPT}`, deltaDelayMs: DELTA_DELAY_MS });
    const keys = {
      OPENAI_API_KEY: FAKE_OPENAI_API_KEY,
      OPENAI_BASE_URL: openai.baseURL,
      EMBEDDING_PROVIDER: 'local',
      QUEUE_PREFIX: queuePrefix,
    };
    [coreAi, ticket] = await Promise.all([
      spawnService('core-ai', keys),
      spawnService('ticket', { QUEUE_PREFIX: queuePrefix, ...SLA_CHECKS_AWAY }),
    ]);
    gateway = await bootService(gatewayApiService, {
      ...keys,
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
    });
    owner = await ApiClient.signUp(gateway.url);
    agent = await connectSocket(gateway.url, SocketNamespaces.Agent, {
      token: owner.session!.accessToken,
    });
  }, 120_000);

  afterAll(async () => {
    agent?.socket.close();
    await gateway?.close();
    await ticket?.close();
    await coreAi?.close();
    await openai?.close();
  });

  const contextOf = async (conversationId: string) => {
    const res = await owner.get<ContextView>(`/api/v1/conversations/${conversationId}/context`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('hands off before the attempt is written, attaches the attempt afterwards, keeps the order', async () => {
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Slow model',
      llmProvider: 'openai',
      llmModel: 'gpt-4o-mini',
      typeReplyUnknown: 'INPUT_ANSWER',
      fallbackMessage: FALLBACK,
      handoffOnUnknown: true,
    });
    expect(bot.status).toBe(201);
    const visitor = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey: bot.body.publicKey },
    );
    const widget = await connectSocket(gateway.url, SocketNamespaces.Customer, {
      token: visitor.body.sessionToken,
    });
    try {
      const askedAt = Date.now();
      const ack = (await (widget.socket as Socket).emitWithAck(ClientEvents.SendMessage, {
        text: 'Do you ship to Antarctica by drone?',
      })) as { ok: boolean; message: MessagePayload };
      expect(ack.ok).toBe(true);
      const question = ack.message;

      // The customer has the handoff (the fallback) while the model is still writing.
      const reply = await eventually(() => {
        expect(widget.completed).toHaveLength(1);
        return widget.completed[0]!;
      }, WAIT_MS);
      const repliedAt = Date.now();
      expect(reply.text).toBe(FALLBACK);
      // The answer call (sentiment calls the model too, on its own prompt).
      const writing = () =>
        openai
          .requestsTo('/v1/chat/completions')
          .filter((r) =>
            (r.body as { messages: { content: string }[] }).messages[0]!.content.includes(
              'VERDICT',
            ),
          );
      expect(writing()).toHaveLength(1);
      expect(writing()[0]!.respondedAt).toBeUndefined();

      // The conversation is a human's, with its ticket, before the attempt is complete.
      const handedOff = await eventually(async () => {
        const context = await contextOf(question.conversationId);
        expect(context.conversation.status).toBe('human');
        expect(context.ticket).not.toBeNull();
        return context;
      }, WAIT_MS);
      expect(writing()[0]!.respondedAt).toBeUndefined();
      expect(handedOff.ticket!.context.attemptedAnswer ?? '').toBe('');
      const first = agent.notEnoughData.find((e) => e.messageId === question.id)!;
      expect(first).toMatchObject({ attemptedAnswer: '', attemptPending: true });
      console.log(
        `model asked ${writing()[0]!.receivedAt - askedAt} ms after the question, fallback ` +
          `${repliedAt - askedAt} ms, handoff ${Date.now() - askedAt} ms; attempt still being written`,
      );

      // Meanwhile the customer writes again: stored in order, and the bot stays out of it.
      const next = (await (widget.socket as Socket).emitWithAck(ClientEvents.SendMessage, {
        text: 'Hello? Anyone there?',
      })) as { ok: boolean; message: MessagePayload };
      expect(next.ok).toBe(true);
      expect(next.message.seq).toBeGreaterThan(reply.seq);

      // The attempt arrives on the ticket and, live, to the agents.
      const attached = await eventually(async () => {
        const context = await contextOf(question.conversationId);
        expect(context.ticket!.context.attemptedAnswer).toBe(ATTEMPT);
        return context;
      }, WAIT_MS);
      expect(attached.ticket!.id).toBe(handedOff.ticket!.id);
      expect(writing()[0]!.respondedAt).toBeDefined();
      await eventually(() => {
        const events = agent.notEnoughData.filter((e) => e.messageId === question.id);
        expect(events.at(-1)).toMatchObject({ attemptedAnswer: ATTEMPT });
        expect(events.at(-1)!.attemptPending).toBeUndefined();
      }, WAIT_MS);

      const transcript = await owner.get<{ items: { seq: number; senderType: string }[] }>(
        `/api/v1/conversations/${question.conversationId}/messages?limit=50`,
      );
      expect(
        transcript.body.items
          .map((m) => [m.seq, m.senderType] as const)
          .sort((a, b) => a[0] - b[0]),
      ).toEqual([
        [question.seq, 'customer'],
        [reply.seq, 'bot'],
        [next.message.seq, 'customer'],
      ]);
      expect(widget.completed).toHaveLength(1);
    } finally {
      widget.socket.close();
    }
  });
});
