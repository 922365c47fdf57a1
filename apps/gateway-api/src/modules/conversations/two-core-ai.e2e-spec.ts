import { randomBytes } from 'node:crypto';
import {
  ClientEvents,
  type MessagePayload,
  type SearchResponse,
  SocketNamespaces,
  serviceUrlEnvVar,
} from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  bootService,
  connectSocket,
  eventually,
  PARCEL_KNOWLEDGE,
  type RecordingSocket,
  type SpawnedService,
  serviceTokenHeaders,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';

const send = async (widget: RecordingSocket, text: string): Promise<MessagePayload> => {
  const ack = (await widget.socket.emitWithAck(ClientEvents.SendMessage, { text })) as {
    ok: boolean;
    message: MessagePayload;
  };
  if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack)}`);
  return ack.message;
};

/** Answers this core-ai served, from its own Prometheus endpoint. */
const answersServed = async (coreAi: SpawnedService): Promise<number> => {
  const text = await (await fetch(`${coreAi.url}/metrics`)).text();
  return text
    .split('\n')
    .filter(
      (line) =>
        line.startsWith('http_request_duration_seconds_count{') && line.includes('/v1/answer'),
    )
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
};

/**
 * Two gateway-api worker processes, each with its own core-ai, behind one front gateway: the
 * load is shared by both core-ai processes, each conversation still answered in order, and
 * knowledge written through one core-ai is searched by the other without waiting for its
 * periodic check (the write is announced over Redis).
 */
describe('two core-ai processes sharing the conversation load', () => {
  const QUEUE_PREFIX = `test-${randomBytes(4).toString('hex')}`;
  // Only an announcement can make the other process see new knowledge within this test.
  const coreAiEnv = {
    LOCAL_LLM_TOKEN_DELAY_MS: '0',
    QUEUE_PREFIX,
    KNOWLEDGE_INDEX_REVALIDATE_MS: '600000',
  };
  let coreAis: SpawnedService[] = [];
  const workers: SpawnedService[] = [];
  let front: BootedService;
  let owner: ApiClient;
  let bot: { id: string; publicKey: string };

  const search = async (coreAi: SpawnedService, query: string) => {
    const res = await fetch(`${coreAi.url}/v1/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
      body: JSON.stringify({ workspaceId: owner.session!.workspaceId, botId: bot.id, query }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as SearchResponse).chunks;
  };

  beforeAll(async () => {
    coreAis = [await spawnService('core-ai', coreAiEnv), await spawnService('core-ai', coreAiEnv)];
    front = await bootService(gatewayApiService, {
      QUEUE_PREFIX,
      QUEUE_WORKERS: 'false',
      [serviceUrlEnvVar('core-ai')]: coreAis[0]!.url,
    });
    for (const coreAi of coreAis)
      workers.push(
        await spawnService('gateway-api', {
          QUEUE_PREFIX,
          [serviceUrlEnvVar('core-ai')]: coreAi.url,
        }),
      );
    owner = await ApiClient.signUp(front.url);
    bot = (
      await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
        name: 'Shared bot',
        typeReplyUnknown: 'AI_GENERATE',
      })
    ).body;
  }, 180_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.close()));
    await front?.close();
    await Promise.all(coreAis.map((c) => c.close()));
  });

  it('finds knowledge written through either process in both, at once', async () => {
    // Both have the bot cached, empty.
    for (const coreAi of coreAis) expect(await search(coreAi, PARCEL_KNOWLEDGE.title)).toEqual([]);
    const res = await owner.post(`/api/v1/bots/${bot.id}/snippets`, PARCEL_KNOWLEDGE);
    expect(res.status).toBe(201);
    // Whichever core-ai took the knowledge.index job, both find the snippet within seconds.
    for (const coreAi of coreAis)
      await eventually(async () => {
        const chunks = await search(coreAi, PARCEL_KNOWLEDGE.title);
        expect(chunks.map((c) => c.title)).toContain(PARCEL_KNOWLEDGE.title);
      }, 10_000);
  }, 60_000);

  it('answers 40 conversations with both core-ai processes, each conversation in order', async () => {
    const before = await Promise.all(coreAis.map(answersServed));
    const widgets = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const session = await new ApiClient(front.url).post<{ sessionToken: string }>(
          '/api/v1/widget/sessions',
          { botKey: bot.publicKey },
        );
        return connectSocket(front.url, SocketNamespaces.Customer, {
          token: session.body.sessionToken,
        });
      }),
    );
    try {
      const sent = await Promise.all(
        widgets.map((w) =>
          Promise.all([0, 1, 2].map((i) => send(w, `Where is my parcel? (turn ${i})`))),
        ),
      );
      await eventually(
        () => expect(widgets.every((w) => w.completed.length === 3)).toBe(true),
        90_000,
        100,
      );
      widgets.forEach((w, k) =>
        expect(w.completed.map((r) => r.replyToMessageId)).toEqual(sent[k]!.map((m) => m.id)),
      );
      const served = (await Promise.all(coreAis.map(answersServed))).map((n, i) => n - before[i]!);
      expect(served.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(120);
      expect(served.every((n) => n > 0)).toBe(true);
    } finally {
      widgets.forEach((w) => w.socket.close());
    }
  }, 150_000);
});
