import { randomBytes } from 'node:crypto';
import {
  ClientEvents,
  type FlagChangedPayload,
  type FlagEvaluation,
  Flags,
  type MessagePayload,
  ServerEvents,
  SocketNamespaces,
  type TicketPayload,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  FakeLaunchDarkly,
  type FakeCoreAiAnswer,
  type SpawnedService,
  bootService,
  connectSocket,
  eventually,
  type RecordingSocket,
  SLA_CHECKS_AWAY,
  spawnService,
  startFakeCoreAiAnswer,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

/** As the widget does: the socket joins the conversation before its first message exists. */
async function send(widget: RecordingSocket, text: string): Promise<MessagePayload> {
  const ack = (await widget.socket.emitWithAck(ClientEvents.SendMessage, { text })) as {
    ok: boolean;
    message: MessagePayload;
  };
  if (!ack.ok) throw new Error(`message refused: ${JSON.stringify(ack)}`);
  return ack.message;
}

interface Bot {
  id: string;
  publicKey: string;
}

/** gateway-api with the flags service (on a stand-in LaunchDarkly) and the ticket app. */
describe('gateway-api reads its flags: pushes, the paragraph flush interval, the kill switch', () => {
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  let launchDarkly: FakeLaunchDarkly;
  let flags: SpawnedService;
  let ticket: SpawnedService;
  let coreAi: FakeCoreAiAnswer;
  let gateway: BootedService;
  let owner: ApiClient;
  let userId: string;

  beforeAll(async () => {
    launchDarkly = await FakeLaunchDarkly.start();
    // Tokens 40 ms apart, in one paragraph: only the idle flush can split the answer.
    coreAi = await startFakeCoreAiAnswer({ tokenDelayMs: 40 });
    [flags, ticket] = await Promise.all([
      spawnService('flags', { ...launchDarkly.env(), QUEUE_PREFIX: prefix }),
      spawnService('ticket', { QUEUE_PREFIX: prefix, ...SLA_CHECKS_AWAY }),
    ]);
    gateway = await bootService(gatewayApiService, {
      QUEUE_PREFIX: prefix,
      FLAGS_URL: flags.url,
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
    });
    owner = await ApiClient.signUp(gateway.url);
    userId = (await owner.get<{ user: { id: string } }>('/api/v1/auth/me')).body.user.id;
  }, 90_000);

  afterAll(async () => {
    await gateway.close();
    await Promise.all([flags.kill(), ticket.kill()]);
    await Promise.all([coreAi.close(), launchDarkly.close()]);
  });

  const createBot = async (): Promise<Bot> =>
    (await owner.post<Bot>('/api/v1/bots', { name: `bot-${randomBytes(3).toString('hex')}` })).body;

  /** A new widget conversation whose first message is `text`, with the customer's socket. */
  const converse = async (bot: Bot, text: string) => {
    const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey: bot.publicKey },
    );
    const token = session.body.sessionToken;
    const widget = await connectSocket(gateway.url, SocketNamespaces.Customer, { token });
    const say = (words: string) => send(widget, words);
    const question = await say(text);
    return { widget, question, say };
  };

  const replyTo = (widget: RecordingSocket, question: MessagePayload) =>
    widget.completed.find((m) => m.replyToMessageId === question.id);

  it('lists every flag for the member, then pushes the changes that affect them to their socket', async () => {
    const listed = await owner.get<{ flags: Record<string, FlagEvaluation> }>('/api/v1/flags');
    expect(listed.status).toBe(200);
    expect(listed.body.flags[Flags.paragraphFlushMs.key]).toMatchObject({ value: 200 });
    expect(listed.body.flags[Flags.botKillSwitch.key]).toMatchObject({ value: false });

    const stranger = await ApiClient.signUp(gateway.url);
    await stranger.get('/api/v1/flags');
    const [mine, theirs] = await Promise.all([
      connectSocket(gateway.url, SocketNamespaces.Agent, { token: owner.session!.accessToken }),
      connectSocket(gateway.url, SocketNamespaces.Agent, { token: stranger.session!.accessToken }),
    ]);
    const pushed: FlagChangedPayload[] = [];
    const leaked: FlagChangedPayload[] = [];
    mine.socket.on(ServerEvents.FlagChanged, (p: FlagChangedPayload) => pushed.push(p));
    theirs.socket.on(ServerEvents.FlagChanged, (p: FlagChangedPayload) => leaked.push(p));
    try {
      launchDarkly.setFlag(Flags.paragraphFlushMs.key, {
        variations: [200, 120],
        fallthrough: 0,
        rules: [{ contextKind: 'workspace', values: [owner.session!.workspaceId], variation: 1 }],
      });
      await eventually(() =>
        expect(pushed).toContainEqual(
          expect.objectContaining({
            flagKey: Flags.paragraphFlushMs.key,
            value: 120,
            context: { workspaceId: owner.session!.workspaceId, userId, botId: null },
            reason: expect.objectContaining({ kind: 'RULE_MATCH' }),
          }),
        ),
      );
      // The other workspace's value did not change: nothing was sent to it.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(leaked).toEqual([]);
      const again = await owner.get<{ flags: Record<string, FlagEvaluation> }>('/api/v1/flags');
      expect(again.body.flags[Flags.paragraphFlushMs.key]).toMatchObject({ value: 120 });
      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
      expect(metrics).toMatch(/^flags_client_seconds_since_last_change \d/m);
      expect(metrics).toMatch(
        /^flags_client_evaluations_total\{flag="bot-kill-switch",source="service"\} [1-9]/m,
      );
      expect(metrics).toMatch(/^flags_client_cache_hit_ratio /m);
      expect(metrics).toMatch(/^flags_client_launchdarkly_calls_saved_total /m);
    } finally {
      mine.socket.close();
      theirs.socket.close();
      launchDarkly.deleteFlag(Flags.paragraphFlushMs.key);
    }
  });

  it("streams an answer in chunks as often as the bot's flush interval says", async () => {
    const bot = await createBot();
    const first = await converse(bot, 'one two three four five six seven');
    try {
      await eventually(() => expect(replyTo(first.widget, first.question)).toBeDefined(), 15_000);
      const reply = replyTo(first.widget, first.question)!;
      // 40 ms between tokens never reaches the coded 200 ms: past the first words (sent 250 ms
      // after the first token, ADR 0039), the paragraph goes out whole.
      const chunks = first.widget.chunks.filter((c) => c.messageId === reply.id);
      expect(chunks.length).toBeLessThanOrEqual(2);
      expect(chunks.map((c) => c.text).join('')).toBe(reply.text);
    } finally {
      first.widget.socket.close();
    }

    launchDarkly.setFlag(Flags.paragraphFlushMs.key, {
      variations: [200, 10],
      fallthrough: 0,
      targets: [{ contextKind: 'bot', keys: [bot.id], variation: 1 }],
    });
    await eventually(async () => {
      const next = await converse(bot, 'one two three four five six seven');
      try {
        await eventually(() => expect(replyTo(next.widget, next.question)).toBeDefined(), 15_000);
        const reply = replyTo(next.widget, next.question)!;
        const chunks = next.widget.chunks.filter((c) => c.messageId === reply.id);
        expect(chunks.length).toBeGreaterThan(5);
        expect(chunks.map((c) => c.text).join('')).toBe(reply.text);
      } finally {
        next.widget.socket.close();
      }
    }, 20_000);
  });

  it('hands every new conversation to the agents while the kill switch is on; the bot carries on elsewhere', async () => {
    const bot = await createBot();
    const ongoing = await converse(bot, 'hello before the switch');
    await eventually(() => expect(replyTo(ongoing.widget, ongoing.question)).toBeDefined(), 15_000);

    launchDarkly.setFlag(Flags.botKillSwitch.key, {
      variations: [false, true],
      fallthrough: 0,
      targets: [{ contextKind: 'bot', keys: [bot.id], variation: 1 }],
    });
    const asked = coreAi.requests.length;
    const paused = await eventually(async () => {
      const attempt = await converse(bot, 'is anyone there?');
      try {
        await eventually(async () => {
          const c = await owner.get<{ status: string }>(
            `/api/v1/conversations/${attempt.question.conversationId}`,
          );
          expect(c.body.status).not.toBe('bot');
        }, 3_000);
        return attempt;
      } catch (error) {
        attempt.widget.socket.close();
        throw error;
      }
    }, 20_000);
    try {
      const conversationId = paused.question.conversationId;
      const tickets = await eventually(async () => {
        const res = await owner.get<{ items: TicketPayload[] }>(
          `/api/v1/tickets?conversationId=${conversationId}`,
        );
        expect(res.body.items).toHaveLength(1);
        return res.body.items;
      }, 10_000);
      expect(tickets[0]!.context).toMatchObject({
        reason: 'bot_paused',
        question: 'is anyone there?',
      });
      expect(coreAi.requests.slice(asked).map((r) => r.messageId)).not.toContain(
        paused.question.id,
      );
      expect(paused.widget.completed).toEqual([]);

      // The conversation the bot had already answered is not new: it still gets answers.
      const next = await ongoing.say('and one more question');
      await eventually(() => expect(replyTo(ongoing.widget, next)).toBeDefined(), 15_000);
      // Another bot of the workspace is not switched off.
      const other = await converse(await createBot(), 'hello other bot');
      await eventually(() => expect(replyTo(other.widget, other.question)).toBeDefined(), 15_000);
      other.widget.socket.close();
    } finally {
      paused.widget.socket.close();
      ongoing.widget.socket.close();
    }

    launchDarkly.setFlag(Flags.botKillSwitch.key, { variations: [false, true], fallthrough: 0 });
    await eventually(async () => {
      const after = await converse(bot, 'back again?');
      try {
        await eventually(() => expect(replyTo(after.widget, after.question)).toBeDefined(), 5_000);
      } finally {
        after.widget.socket.close();
      }
    }, 20_000);
  });
});

describe('gateway-api with the flags service down', () => {
  let coreAi: FakeCoreAiAnswer;
  let gateway: BootedService;

  beforeAll(async () => {
    coreAi = await startFakeCoreAiAnswer();
    gateway = await bootService(gatewayApiService, {
      // Nothing listens there.
      FLAGS_URL: 'http://127.0.0.1:1',
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
    });
  });

  afterAll(async () => {
    await gateway.close();
    await coreAi.close();
  });

  it('answers on the coded defaults, and lists them to the dashboard as unavailable', async () => {
    const owner = await ApiClient.signUp(gateway.url);
    const bot = (await owner.post<Bot>('/api/v1/bots', { name: 'bot' })).body;
    const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey: bot.publicKey },
    );
    const widget = await connectSocket(gateway.url, SocketNamespaces.Customer, {
      token: session.body.sessionToken,
    });
    try {
      const question = await send(widget, 'still there?');
      await eventually(() =>
        expect(widget.completed.some((m) => m.replyToMessageId === question.id)).toBe(true),
      );
    } finally {
      widget.socket.close();
    }
    const listed = await owner.get<{ flags: Record<string, FlagEvaluation> }>('/api/v1/flags');
    expect(listed.body.flags[Flags.botKillSwitch.key]).toEqual({
      flagKey: Flags.botKillSwitch.key,
      value: false,
      variationIndex: null,
      reason: { kind: 'ERROR', errorKind: 'FLAGS_UNAVAILABLE' },
    });
    expect(listed.body.flags[Flags.paragraphFlushMs.key]).toMatchObject({ value: 200 });
  });
});
