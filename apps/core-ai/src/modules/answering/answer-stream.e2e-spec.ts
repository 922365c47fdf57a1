import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import {
  type AnswerRequest,
  type AnswerStreamEvent,
  CoreAiHttpClient,
  postViaFetch,
  type ReplyUnknownPolicy,
} from '@cxgenie/contracts';
import { DATABASE } from '@cxgenie/database';
import {
  type BootedService,
  bootService,
  seedBotAndChannel,
  seedWorkspace,
  serviceTokenHeaders,
} from '@cxgenie/testing';
import { coreAiService } from '../../core-ai.service';
import { IndexKnowledgeEntry } from '../knowledge-index/usecases/index-knowledge-entry/index-knowledge-entry.usecase';
import { AnswerService } from './answer.service';

/*
 * What the gateway reads from core-ai's answer stream, with the local model paced at 15 ms a
 * token as in production-like runs: the deltas arrive joined into fewer lines and reads, and the
 * text, the events and their order are exactly what the answer service produced.
 */

const TRACKING = {
  title: 'Tracking a parcel',
  content: [
    'Tracking usually shows the first scan within 24 hours of the label being created. ' +
      'A parcel can sit at a depot for a day or two without a new scan, which is normal.',
    'If your parcel has not moved for five days, contact us with your order number and we ' +
      'will open an investigation with the carrier. Most investigations close within three days.',
    'Parcels to the EU take 3 to 5 business days; express parcels arrive the next business day.',
  ].join('\n\n'),
};

interface Bot {
  workspaceId: string;
  botId: string;
}

async function seedBot(coreAi: BootedService): Promise<Bot> {
  const sequelize = coreAi.app.get<Sequelize>(DATABASE);
  const workspaceId = await seedWorkspace(sequelize, `stream-${randomUUID().slice(0, 8)}`);
  const { botId } = await seedBotAndChannel(sequelize, workspaceId);
  const [[snippet]] = (await sequelize.query(
    `INSERT INTO snippets (workspace_id, bot_id, title, content) VALUES (:workspaceId, :botId, :t, :c) RETURNING id`,
    { replacements: { workspaceId, botId, t: TRACKING.title, c: TRACKING.content } },
  )) as [{ id: string }[], unknown];
  await coreAi.app
    .get(IndexKnowledgeEntry)
    .execute({ workspaceId, botId, sourceType: 'snippet', entryId: snippet!.id });
  return { workspaceId, botId };
}

const request = (bot: Bot, question: string, policy: ReplyUnknownPolicy): AnswerRequest => ({
  ...bot,
  conversationId: randomUUID(),
  messageId: randomUUID(),
  question,
  history: [],
  bot: {
    llmProvider: 'local',
    llmModel: 'extractive-v2',
    systemPrompt: 'You are the support assistant of a parcel shop.',
    temperature: 0.2,
    language: 'en',
    typeReplyUnknown: policy,
    fallbackMessage: 'A teammate will answer you shortly.',
    knowledge: {},
  },
});

/** Consecutive deltas as one: what a reader that concatenates deltas can observe. */
function joined(events: AnswerStreamEvent[]): AnswerStreamEvent[] {
  const out: AnswerStreamEvent[] = [];
  for (const event of events) {
    const last = out.at(-1);
    if (event.type === 'delta' && last?.type === 'delta') {
      out[out.length - 1] = { type: 'delta', text: last.text + event.text };
    } else out.push(event);
  }
  return out;
}

const deltas = (events: AnswerStreamEvent[]) => events.filter((e) => e.type === 'delta');

describe("core-ai's answer stream as the gateway reads it", () => {
  let coreAi: BootedService;
  let bot: Bot;
  let client: CoreAiHttpClient;

  beforeAll(async () => {
    coreAi = await bootService(coreAiService, { LOCAL_LLM_TOKEN_DELAY_MS: '15' });
    bot = await seedBot(coreAi);
    client = new CoreAiHttpClient({
      baseUrl: coreAi.url,
      post: postViaFetch((url, { timeoutMs, ...init }) =>
        fetch(url, {
          ...init,
          headers: { ...init.headers, ...serviceTokenHeaders() },
          signal: AbortSignal.timeout(timeoutMs),
        }),
      ),
    });
  });

  afterAll(() => coreAi.close());

  // Long answers are the ones whose per-token lines cost: they must arrive in far fewer lines.
  it.each<[string, string, ReplyUnknownPolicy, 'long' | 'short']>([
    [
      'an answer from the knowledge',
      'My parcel has not moved for five days, what now?',
      'NO_REPLY',
      'long',
    ],
    [
      'an attempt outside the knowledge',
      'Do you sell gift cards for the cinema?',
      'AI_GENERATE',
      'long',
    ],
    ['a fallback', 'Do you sell gift cards for the cinema?', 'INPUT_ANSWER', 'short'],
    ['small talk', 'Hi there, thanks!', 'NO_REPLY', 'short'],
  ])(
    'delivers %s with the same text and events, in fewer lines and reads',
    async (_, question, policy, length) => {
      const asked = request(bot, question, policy);
      const produced: AnswerStreamEvent[] = [];
      const service = coreAi.app.get(AnswerService);
      for await (const event of service.answer(asked, new AbortController().signal))
        produced.push(event);

      const reads: AnswerStreamEvent[][] = [];
      for await (const batch of client.streamAnswerBatches(asked)) reads.push(batch);
      const received = reads.flat();

      expect(joined(received)).toEqual(joined(produced));
      expect(received.at(-1)!.type).toBe('done');
      // The first delta is not held: the gateway's first-chunk deadline counts from it.
      expect(deltas(received)[0]).toEqual(deltas(produced)[0]);
      if (length === 'long') {
        expect(deltas(produced).length).toBeGreaterThan(40);
        expect(deltas(received).length).toBeLessThan(deltas(produced).length / 2.5);
        expect(reads.length).toBeLessThan(produced.length / 2.5);
      } else {
        expect(deltas(received).length).toBeLessThanOrEqual(deltas(produced).length);
      }
    },
    30_000,
  );
});
