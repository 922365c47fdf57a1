import { randomBytes } from 'node:crypto';
import { lexiconSentiment } from '@cxgenie/analytics';
import { serviceUrlEnvVar } from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  bootService,
  eventually,
  FAKE_ANTHROPIC_API_KEY,
  FAKE_OPENAI_API_KEY,
  FakeAnthropic,
  FakeOpenAi,
  type SpawnedService,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from '../../gateway-api.service';
import { type StoredAnalyticsEvent, storedAnalyticsEvents } from './analytics.test-helpers';

const WAIT_MS = 30_000;

/**
 * With provider keys set, a customer message's sentiment is the bot's model's judgement: the
 * gateway's analytics writer asks core-ai, core-ai asks OpenAI or Anthropic (wire-level fakes,
 * driven by the real SDKs), and the call is usage like any other, priced by the table.
 */
describe('sentiment by the LLM provider, when keys are set', () => {
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  let openai: FakeOpenAi;
  let anthropic: FakeAnthropic;
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let owner: ApiClient;

  beforeAll(async () => {
    [openai, anthropic] = await Promise.all([FakeOpenAi.start(), FakeAnthropic.start()]);
    const keys = {
      OPENAI_API_KEY: FAKE_OPENAI_API_KEY,
      OPENAI_BASE_URL: openai.baseURL,
      ANTHROPIC_API_KEY: FAKE_ANTHROPIC_API_KEY,
      ANTHROPIC_BASE_URL: anthropic.baseURL,
      EMBEDDING_PROVIDER: 'local',
      QUEUE_PREFIX: queuePrefix,
    };
    coreAi = await spawnService('core-ai', keys);
    gateway = await bootService(gatewayApiService, {
      ...keys,
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
    });
    owner = await ApiClient.signUp(gateway.url);
  }, 120_000);

  afterAll(async () => {
    await gateway?.close();
    await coreAi?.close();
    await openai?.close();
    await anthropic?.close();
  });

  /**
   * A bot of the provider, switched off once its widget session exists: its messages get no
   * answer, so the model's only calls are the sentiment judgements.
   */
  const silentWidgetOf = async (llmProvider: string, llmModel: string) => {
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: `Bot on ${llmProvider}`,
      llmProvider,
      llmModel,
    });
    expect(bot.status).toBe(201);
    const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey: bot.body.publicKey },
    );
    expect((await owner.patch(`/api/v1/bots/${bot.body.id}`, { isActive: false })).status).toBe(
      200,
    );
    const widget = new ApiClient(gateway.url).withBearer(session.body.sessionToken);
    return {
      botId: bot.body.id,
      send: async (text: string) =>
        (await widget.post<{ id: string }>('/api/v1/widget/messages', { text })).body.id,
    };
  };

  const factsOf = (predicate: (fact: StoredAnalyticsEvent) => boolean, count: number) =>
    eventually(async () => {
      const facts = (await storedAnalyticsEvents(gateway.app, owner.session!.workspaceId)).filter(
        predicate,
      );
      expect(facts).toHaveLength(count);
      return facts;
    }, WAIT_MS);

  it('OpenAI judges the message; the call is priced usage', async () => {
    openai.enqueue({ reply: '[-0.9]' });
    const { botId, send } = await silentWidgetOf('openai', 'gpt-4o-mini');
    const messageId = await send('Where is my order?');
    const [received] = await factsOf((f) => f.eventId === messageId, 1);
    expect(received!.data).toMatchObject({ sentiment: -0.9, sentiment_source: 'llm' });
    // The lexicon would have said neutral: the model's word is the one kept.
    expect(lexiconSentiment('Where is my order?')).toBe(0);

    const [call] = openai.requestsTo('/v1/chat/completions');
    const body = call!.body as { model: string; messages: { role: string; content: string }[] };
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: '1. "Where is my order?"' });

    const [usage] = await factsOf((f) => f.type === 'llm.usage' && f.data['bot_id'] === botId, 1);
    expect(usage!.data).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
      reason: 'sentiment',
      prompt_tokens: 10,
    });
    const completion = Number(usage!.data['completion_tokens']);
    expect(completion).toBeGreaterThan(0);
    // gpt-4o-mini: $0.15 per million prompt tokens, $0.60 per million completion tokens.
    expect(Number(usage!.data['cost_usd'])).toBeCloseTo((10 * 0.15 + completion * 0.6) / 1e6, 12);
  });

  it('Anthropic judges the message for a bot on Claude', async () => {
    anthropic.enqueue({ reply: '[0.8]' });
    const { send } = await silentWidgetOf('anthropic', 'claude-3-5-haiku-latest');
    const messageId = await send('ok');
    const [received] = await factsOf((f) => f.eventId === messageId, 1);
    expect(received!.data).toMatchObject({ sentiment: 0.8, sentiment_source: 'llm' });
    expect(anthropic.requests.map((r) => r.path)).toEqual(['/v1/messages']);
  });

  it('falls back to the lexicon when the model fails, and says so', async () => {
    // Three failures: the first try and both retries.
    openai.enqueue({ status: 500 }, { status: 500 }, { status: 500 });
    const { send } = await silentWidgetOf('openai', 'gpt-4o-mini');
    const text = 'This is awful, I am really disappointed';
    const messageId = await send(text);
    const [received] = await factsOf((f) => f.eventId === messageId, 1);
    expect(received!.data).toMatchObject({
      sentiment: lexiconSentiment(text),
      sentiment_source: 'lexicon',
    });
    expect(Number(received!.data['sentiment'])).toBeLessThan(-0.2);
  });
});
