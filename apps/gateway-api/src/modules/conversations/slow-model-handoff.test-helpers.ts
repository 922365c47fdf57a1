import { SocketNamespaces } from '@cxgenie/contracts';
import {
  ApiClient,
  FAKE_OPENAI_API_KEY,
  FakeOpenAi,
  type RecordingSocket,
  SLA_CHECKS_AWAY,
  type SpawnedService,
  connectSocket,
  spawnService,
} from '@cxgenie/testing';

/*
 * What the handoff e2e specs share: a slow OpenAI-compatible model (faked at the wire) that
 * answers every question with a NO verdict and an attempt for the agents, core-ai and the ticket
 * app on it, and a bot on that model that hands off what it cannot answer.
 */

export const HANDOFF_FALLBACK = 'A teammate will pick this up and answer you here.';

/** `GET /api/v1/conversations/:id/context`, as far as these specs read it. */
export interface HandoffContextView {
  conversation: { status: string };
  ticket: { id: string; context: { attemptedAnswer?: string | null } } | null;
}

export interface SlowModelStack {
  openai: FakeOpenAi;
  coreAi: SpawnedService;
  ticket: SpawnedService;
  /** The model, embedding and queue settings every service of the stack runs with. */
  keys: Record<string, string>;
}

/** The fake model writing `attempt` `deltaDelayMs` apart, and core-ai and the ticket app on it. */
export async function startSlowModelStack(
  queuePrefix: string,
  attempt: string,
  deltaDelayMs: number,
): Promise<SlowModelStack> {
  const openai = await FakeOpenAi.start();
  // Every streamed answer is the slow attempt; embeddings and JSON replies are not slowed.
  openai.setDefault({ reply: `VERDICT: NO\n\n${attempt}`, deltaDelayMs });
  const keys = {
    OPENAI_API_KEY: FAKE_OPENAI_API_KEY,
    OPENAI_BASE_URL: openai.baseURL,
    EMBEDDING_PROVIDER: 'local',
    QUEUE_PREFIX: queuePrefix,
  };
  const [coreAi, ticket] = await Promise.all([
    spawnService('core-ai', keys),
    spawnService('ticket', { QUEUE_PREFIX: queuePrefix, ...SLA_CHECKS_AWAY }),
  ]);
  return { openai, coreAi, ticket, keys };
}

/** The model's answer calls (sentiment calls the model too, on its own prompt). */
export const answerCalls = (openai: FakeOpenAi) =>
  openai
    .requestsTo('/v1/chat/completions')
    .filter((r) =>
      (r.body as { messages: { content: string }[] }).messages[0]!.content.includes('VERDICT'),
    );

/** A bot on the slow model that hands off, and a widget visitor's socket to it. */
export async function visitorOfSlowBot(owner: ApiClient, url: string): Promise<RecordingSocket> {
  const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
    name: 'Slow model',
    llmProvider: 'openai',
    llmModel: 'gpt-4o-mini',
    typeReplyUnknown: 'INPUT_ANSWER',
    fallbackMessage: HANDOFF_FALLBACK,
    handoffOnUnknown: true,
  });
  expect(bot.status).toBe(201);
  const visitor = await new ApiClient(url).post<{ sessionToken: string }>(
    '/api/v1/widget/sessions',
    { botKey: bot.body.publicKey },
  );
  return connectSocket(url, SocketNamespaces.Customer, { token: visitor.body.sessionToken });
}
