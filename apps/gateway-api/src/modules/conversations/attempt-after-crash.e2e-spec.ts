import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import type { Socket } from 'socket.io-client';
import {
  ClientEvents,
  type MessagePayload,
  QueueNames,
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
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import { attemptJobId } from './pipeline/after-answer/owe-attempted-answer.step';
import {
  HANDOFF_FALLBACK,
  type HandoffContextView,
  answerCalls,
  startSlowModelStack,
  visitorOfSlowBot,
} from './slow-model-handoff.test-helpers';

// About 60 tokens: written 200 ms apart the first time (12 s or more, so the worker can be killed
// while it is still being written), at once when asked again.
const ATTEMPT =
  'I found nothing about shipping by drone in the knowledge I was given, so this is only a ' +
  'guess: parcels travel with regular carriers, and remote places such as research stations ' +
  'usually need a freight forwarder and customs papers.';
const RECOVERY_DELAY_MS = 10_000;
const WAIT_MS = 60_000;

/**
 * The attempt owed by a handoff decided first survives the process that owed it (ADR 0058): the
 * gateway worker is SIGKILLed after committing the handoff, while the model is still writing the
 * attempt; another worker writes it again and attaches it to the ticket and the agents' inbox.
 */
describe('attempted answer after a crash, end to end', () => {
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  let openai: FakeOpenAi;
  let coreAi: SpawnedService;
  let ticket: SpawnedService;
  // The instance clients talk to; it consumes no queue.
  let front: BootedService;
  let doomed: SpawnedService | undefined;
  let heir: BootedService | undefined;
  let owner: ApiClient;
  let agent: RecordingSocket;
  let env: Record<string, string>;

  beforeAll(async () => {
    let keys: Record<string, string>;
    ({ openai, coreAi, ticket, keys } = await startSlowModelStack(queuePrefix, ATTEMPT, 200));
    env = {
      ...keys,
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
      ATTEMPT_RECOVERY_DELAY_MS: String(RECOVERY_DELAY_MS),
    };
    front = await bootService(gatewayApiService, { ...env, QUEUE_WORKERS: 'false' });
    doomed = await spawnService('gateway-api', env);
    owner = await ApiClient.signUp(front.url);
    agent = await connectSocket(front.url, SocketNamespaces.Agent, {
      token: owner.session!.accessToken,
    });
  }, 180_000);

  afterAll(async () => {
    agent?.socket.close();
    await doomed?.kill('SIGKILL');
    await heir?.close();
    await front?.close();
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

  const writing = () => answerCalls(openai);

  it('writes the attempt again when the worker died between the handoff and the attempt', async () => {
    const widget = await visitorOfSlowBot(owner, front.url);
    try {
      const ack = (await (widget.socket as Socket).emitWithAck(ClientEvents.SendMessage, {
        text: 'Do you ship to Antarctica by drone?',
      })) as { ok: boolean; message: MessagePayload };
      expect(ack.ok).toBe(true);
      const question = ack.message;

      // Handed off, the attempt still being written: the worker dies now.
      const handedOff = await eventually(async () => {
        const context = await contextOf(question.conversationId);
        expect(context.ticket).not.toBeNull();
        return context;
      }, WAIT_MS);
      expect(writing()).toHaveLength(1);
      expect(writing()[0]!.respondedAt).toBeUndefined();
      await doomed!.kill('SIGKILL');
      doomed = undefined;
      expect(widget.completed.map((m) => m.text)).toEqual([HANDOFF_FALLBACK]);
      expect(handedOff.ticket!.context.attemptedAnswer ?? '').toBe('');

      // Another worker, started after the crash, pays the debt: the model is asked again.
      openai.setDefault({ reply: `VERDICT: NO\n\n${ATTEMPT}` });
      heir = await bootService(gatewayApiService, env);
      const attached = await eventually(async () => {
        const context = await contextOf(question.conversationId);
        expect(context.ticket!.context.attemptedAnswer).toBe(ATTEMPT);
        return context;
      }, WAIT_MS);
      expect(attached.ticket!.id).toBe(handedOff.ticket!.id);
      expect(writing()).toHaveLength(2);
      await eventually(() => {
        const events = agent.notEnoughData.filter((e) => e.messageId === question.id);
        expect(events.at(-1)).toMatchObject({ attemptedAnswer: ATTEMPT });
        expect(events.at(-1)!.attemptPending).toBeUndefined();
      }, WAIT_MS);
      // Nothing reached the customer but the fallback.
      expect(widget.completed.map((m) => m.text)).toEqual([HANDOFF_FALLBACK]);
    } finally {
      widget.socket.close();
    }
  }, 150_000);

  it('asks nothing again when the worker that handed off attaches the attempt itself, even one slower than the owed job', async () => {
    heir ??= await bootService(gatewayApiService, env);
    // Written for 18 s or more: the owed job comes due (10 s) while the attempt is being written,
    // and must wait for it rather than ask the model a second time.
    openai.setDefault({ reply: `VERDICT: NO\n\n${ATTEMPT}`, deltaDelayMs: 300 });
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Quick model',
      llmProvider: 'openai',
      llmModel: 'gpt-4o-mini',
      typeReplyUnknown: 'NO_REPLY',
      handoffOnUnknown: true,
    });
    const visitor = await new ApiClient(front.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey: bot.body.publicKey },
    );
    const widget = await connectSocket(front.url, SocketNamespaces.Customer, {
      token: visitor.body.sessionToken,
    });
    try {
      const before = writing().length;
      const ack = (await (widget.socket as Socket).emitWithAck(ClientEvents.SendMessage, {
        text: 'Can I pay with seashells?',
      })) as { ok: boolean; message: MessagePayload };
      // The debt is published with the handoff, long before the attempt is written.
      const owed = heir.app.get<Queue>(getQueueToken(QueueNames.AttemptedAnswers));
      const jobId = attemptJobId(ack.message.id);
      await eventually(async () => expect(await owed.getJob(jobId)).not.toBeNull(), WAIT_MS, 100);
      // The job came due while the attempt was still being written: it is taken, and waits.
      await eventually(
        async () => expect(await (await owed.getJob(jobId))?.isActive()).toBe(true),
        WAIT_MS,
        100,
      );
      expect(
        (await contextOf(ack.message.conversationId)).ticket?.context.attemptedAnswer ?? '',
      ).toBe('');
      await eventually(async () => {
        const context = await contextOf(ack.message.conversationId);
        expect(context.ticket?.context.attemptedAnswer).toBe(ATTEMPT);
      }, WAIT_MS);
      // The job has come due and is done, having found the attempt attached.
      await eventually(async () => expect(await owed.getJob(jobId)).toBeNull(), WAIT_MS, 250);
      expect(writing().length - before).toBe(1);
    } finally {
      widget.socket.close();
    }
  }, 120_000);
});
