import { randomBytes, randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import {
  type AnswerRequest,
  type AnswerStreamEvent,
  CoreAiHttpClient,
  Flags,
  postViaFetch,
} from '@cxgenie/contracts';
import { DATABASE } from '@cxgenie/database';
import {
  type BootedService,
  FakeLaunchDarkly,
  FakeOpenAi,
  type SpawnedService,
  bootService,
  eventually,
  freePort,
  seedBotAndChannel,
  seedWorkspace,
  spawnService,
  serviceTokenHeaders,
} from '@cxgenie/testing';
import { coreAiService } from '../../core-ai.service';
import { IndexKnowledgeEntry } from '../knowledge-index/usecases/index-knowledge-entry/index-knowledge-entry.usecase';

type Done = Extract<AnswerStreamEvent, { type: 'done' }>;
interface Bot {
  workspaceId: string;
  botId: string;
}

const QUESTION = 'How long does standard shipping take?';

async function seedBot(coreAi: BootedService): Promise<Bot> {
  const sequelize = coreAi.app.get<Sequelize>(DATABASE);
  const workspaceId = await seedWorkspace(sequelize, `flags-${randomUUID().slice(0, 8)}`);
  const { botId } = await seedBotAndChannel(sequelize, workspaceId);
  const entries = [
    ['faqs', 'question, answer', ['When will my order arrive?', 'Orders ship within a day.']],
    [
      'snippets',
      'title, content',
      ['Shipping times', 'Standard shipping takes 3 to 5 business days within the EU.'],
    ],
    [
      'snippets',
      'title, content',
      ['Returns', 'Unused items can be returned within 30 days of delivery.'],
    ],
  ] as const;
  for (const [table, columns, [a, b]] of entries) {
    const [[row]] = (await sequelize.query(
      `INSERT INTO ${table} (workspace_id, bot_id, ${columns}) VALUES (:workspaceId, :botId, :a, :b) RETURNING id`,
      { replacements: { workspaceId, botId, a, b } },
    )) as [{ id: string }[], unknown];
    await coreAi.app.get(IndexKnowledgeEntry).execute({
      workspaceId,
      botId,
      sourceType: table === 'faqs' ? 'faq' : 'snippet',
      entryId: row!.id,
    });
  }
  return { workspaceId, botId };
}

const clientOf = (service: BootedService) =>
  new CoreAiHttpClient({
    baseUrl: service.url,
    post: postViaFetch((url, { timeoutMs, ...init }) =>
      fetch(url, {
        ...init,
        headers: { ...init.headers, ...serviceTokenHeaders() },
        signal: AbortSignal.timeout(timeoutMs),
      }),
    ),
  });

const request = (bot: Bot, provider: 'local' | 'openai' = 'local'): AnswerRequest => ({
  ...bot,
  conversationId: randomUUID(),
  messageId: randomUUID(),
  question: QUESTION,
  history: [],
  bot: {
    llmProvider: provider,
    llmModel: provider === 'local' ? 'extractive-v1' : 'gpt-4o-mini',
    systemPrompt: 'You are the support assistant of a shoe shop.',
    temperature: 0.2,
    language: 'en',
    typeReplyUnknown: 'AI_GENERATE',
    fallbackMessage: '',
    knowledge: {},
  },
});

async function answer(coreAi: BootedService, req: AnswerRequest): Promise<Done> {
  let done: Done | undefined;
  for await (const event of clientOf(coreAi).streamAnswer(req))
    if (event.type === 'done') done = event;
  return done!;
}

/** Scores of what /v1/search ranks for the question, with full-text search on or off. */
async function searchScores(coreAi: BootedService, bot: Bot, hybrid: boolean): Promise<number[]> {
  const { chunks } = await clientOf(coreAi).search({ ...bot, query: QUESTION, hybrid });
  return chunks.map((c) => c.score);
}

const expectScores = (actual: number[], expected: number[]) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((score, i) => expect(score).toBeCloseTo(expected[i]!, 6));
};

describe('core-ai reads its flags per bot: retrieval mode and answer prompt', () => {
  const prefix = `test-${randomBytes(4).toString('hex')}`;
  let launchDarkly: FakeLaunchDarkly;
  let flags: SpawnedService;
  let openai: FakeOpenAi;
  let coreAi: BootedService;
  let bot: Bot;
  let otherBot: Bot;

  beforeAll(async () => {
    launchDarkly = await FakeLaunchDarkly.start();
    openai = await FakeOpenAi.start();
    flags = await spawnService('flags', { ...launchDarkly.env(), QUEUE_PREFIX: prefix });
    coreAi = await bootService(coreAiService, {
      QUEUE_PREFIX: prefix,
      FLAGS_URL: flags.url,
      LOCAL_LLM_TOKEN_DELAY_MS: '0',
      EMBEDDING_PROVIDER: 'local',
      OPENAI_API_KEY: openai.apiKey,
      OPENAI_BASE_URL: openai.baseURL,
    });
    [bot, otherBot] = [await seedBot(coreAi), await seedBot(coreAi)];
  }, 90_000);

  afterAll(async () => {
    await coreAi.close();
    await flags.kill();
    await Promise.all([launchDarkly.close(), openai.close()]);
  });

  it('switches one bot between hybrid and vector-only retrieval, leaving the others alone', async () => {
    const hybrid = await searchScores(coreAi, bot, true);
    const vectorOnly = await searchScores(coreAi, bot, false);
    expect(hybrid).not.toEqual(vectorOnly);
    // No flag in LaunchDarkly yet: the coded default, hybrid (the bot's own setting, on).
    expectScores(
      (await answer(coreAi, request(bot))).citations.map((c) => c.score),
      hybrid,
    );

    launchDarkly.setFlag(Flags.retrievalMode.key, {
      variations: ['hybrid', 'vector-only'],
      fallthrough: 0,
      targets: [{ contextKind: 'bot', keys: [bot.botId], variation: 1 }],
    });
    await eventually(async () =>
      expectScores(
        (await answer(coreAi, request(bot))).citations.map((c) => c.score),
        vectorOnly,
      ),
    );
    expectScores(
      (await answer(coreAi, request(otherBot))).citations.map((c) => c.score),
      await searchScores(coreAi, otherBot, true),
    );

    launchDarkly.setFlag(Flags.retrievalMode.key, {
      variations: ['hybrid', 'vector-only'],
      fallthrough: 0,
    });
    await eventually(async () =>
      expectScores(
        (await answer(coreAi, request(bot))).citations.map((c) => c.score),
        hybrid,
      ),
    );
  });

  it("asks the bot's model with the prompt version the flag names, and records it", async () => {
    const chat = async () => {
      openai.reset();
      openai.enqueue({
        reply: 'VERDICT: YES\n\nStandard shipping takes 3 to 5 business days [1].',
      });
      const done = await answer(coreAi, request(bot, 'openai'));
      const [call] = openai.requestsTo('/v1/chat/completions');
      const system = (call!.body as { messages: { role: string; content: string }[] }).messages[0]!;
      return { done, system };
    };
    const before = await chat();
    expect(before.done.promptVersion).toBe('answer-v2');
    expect(before.system.content).not.toContain('square brackets');

    launchDarkly.setFlag(Flags.answerPromptVersion.key, {
      variations: ['answer-v2', 'answer-v3'],
      fallthrough: 0,
      targets: [{ contextKind: 'bot', keys: [bot.botId], variation: 1 }],
    });
    const after = await eventually(async () => {
      const result = await chat();
      expect(result.done.promptVersion).toBe('answer-v3');
      return result;
    });
    expect(after.system).toMatchObject({ role: 'system' });
    expect(after.system.content).toContain('square brackets, like [1]');
    expect((await answer(coreAi, request(otherBot))).promptVersion).toBe('answer-v2');
  });
});

describe('core-ai with the flags service out of reach', () => {
  let coreAi: BootedService;
  let bot: Bot;

  beforeAll(async () => {
    coreAi = await bootService(coreAiService, {
      FLAGS_URL: `http://127.0.0.1:${await freePort()}`,
      LOCAL_LLM_TOKEN_DELAY_MS: '0',
    });
    bot = await seedBot(coreAi);
  });

  afterAll(() => coreAi.close());

  it('answers on the coded defaults: hybrid retrieval, the first prompt', async () => {
    const done = await answer(coreAi, request(bot));
    expect(done).toMatchObject({ outcome: 'answered', promptVersion: 'answer-v2' });
    expectScores(
      done.citations.map((c) => c.score),
      await searchScores(coreAi, bot, true),
    );
    const metrics = await (await fetch(`${coreAi.url}/metrics`)).text();
    expect(metrics).toMatch(
      /flags_client_evaluations_total\{flag="retrieval-mode",source="default"\} [1-9]/,
    );
  });
});
