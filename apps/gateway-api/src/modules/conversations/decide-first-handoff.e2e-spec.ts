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
  FakeOpenAi,
  type RecordingSocket,
  type SpawnedService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import {
  HANDOFF_FALLBACK,
  type HandoffContextView,
  answerCalls,
  startSlowModelStack,
  visitorOfSlowBot,
} from './slow-model-handoff.test-helpers';

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
    let keys: Record<string, string>;
    ({ openai, coreAi, ticket, keys } = await startSlowModelStack(
      queuePrefix,
      ATTEMPT,
      DELTA_DELAY_MS,
    ));
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
    const res = await owner.get<HandoffContextView>(
      `/api/v1/conversations/${conversationId}/context`,
    );
    expect(res.status).toBe(200);
    return res.body;
  };

  it('hands off before the attempt is written, attaches the attempt afterwards, keeps the order', async () => {
    const widget = await visitorOfSlowBot(owner, gateway.url);
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
      expect(reply.text).toBe(HANDOFF_FALLBACK);
      const writing = () => answerCalls(openai);
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
