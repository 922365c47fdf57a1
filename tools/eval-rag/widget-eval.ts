import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryTypes, Sequelize } from 'sequelize';
import { serviceUrlEnvVar } from '@cxgenie/contracts';
import { type SpawnedService, TEST_DATABASE_URL, eventually, spawnService } from '@cxgenie/testing';
import { Migrator } from '@cxgenie/database';
import { type Corpus, type Question, type RagDataset, corpusPages, holdsQuote } from './dataset';

/** What the widget run can see: decisions and answers, not rankings. */
export interface WidgetMetrics {
  questions: number;
  false_answer_rate: number;
  false_handoff_rate: number;
  handoff_accuracy: number;
  answered_with_quote_rate: number;
}

const FILES_PER_UPLOAD = 20;
const ANSWER_TIMEOUT_MS = 60_000;
const INGEST_TIMEOUT_MS = 30 * 60_000;
const BOOT_TIMEOUT_MS = 180_000;

class Api {
  constructor(
    readonly base: string,
    private readonly bearer: string | null = null,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  as(bearer: string): Api {
    return new Api(this.base, bearer);
  }

  async upload(botId: string, files: { name: string; bytes: Buffer }[]): Promise<void> {
    const form = new FormData();
    for (const file of files) {
      form.append('files', new Blob([file.bytes], { type: 'text/html' }), file.name);
    }
    const res = await fetch(`${this.base}/api/v1/bots/${botId}/documents`, {
      method: 'POST',
      headers: this.bearer ? { authorization: `Bearer ${this.bearer}` } : {},
      body: form,
    });
    if (res.status !== 202) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  }
}

/**
 * The test split end to end, as a business would run it: gateway-api, core-ai and the loader as
 * separate processes (local providers, no keys), a workspace and one bot per corpus made through
 * the API (unknown questions: NO_REPLY), every page uploaded through the documents route, and
 * each question asked through the widget's REST route, follow-ups after their first turn.
 */
export async function runWidgetEval(
  dataset: RagDataset,
  questions: readonly Question[],
): Promise<{ metrics: WidgetMetrics; ingestSeconds: number }> {
  const queue = `eval-${randomUUID().slice(0, 8)}`;
  const dataDir = `.data/eval-rag-widget/${queue}`;
  const common = { QUEUE_PREFIX: queue, LOG_LEVEL: 'warn', DATA_DIR: dataDir };
  const services: SpawnedService[] = [];
  const migrator = new Migrator(TEST_DATABASE_URL);
  await migrator.up().finally(() => migrator.close());
  const db = new Sequelize(TEST_DATABASE_URL, { logging: false });
  try {
    const coreAi = await spawnService(
      'core-ai',
      { ...common, LOCAL_LLM_TOKEN_DELAY_MS: '0' },
      BOOT_TIMEOUT_MS,
    );
    services.push(coreAi);
    services.push(
      await spawnService('loader', { ...common, LOADER_METRICS_PORT: '0' }, BOOT_TIMEOUT_MS),
    );
    const gateway = await spawnService(
      'gateway-api',
      { ...common, [serviceUrlEnvVar('core-ai')]: coreAi.url },
      BOOT_TIMEOUT_MS,
    );
    services.push(gateway);

    const api = new Api(gateway.url);
    const signup = await api.call<{ accessToken: string }>('POST', '/api/v1/auth/signup', {
      email: `eval-${queue}@cxgenie.local`,
      password: `eval-password-${queue}`,
      name: 'Eval',
      workspaceName: `Eval ${queue}`,
    });
    const owner = api.as(signup.accessToken);
    const started = Date.now();
    const bots = new Map<string, { id: string; publicKey: string }>();
    for (const corpus of dataset.corpora) {
      const bot = await owner.call<{ id: string; publicKey: string }>('POST', '/api/v1/bots', {
        name: corpus.name,
        typeReplyUnknown: 'NO_REPLY',
      });
      bots.set(corpus.id, bot);
      await uploadCorpus(owner, bot.id, corpus);
    }
    await waitForIngestion(
      db,
      [...bots.values()].map((b) => b.id),
    );
    const ingestSeconds = Math.round((Date.now() - started) / 1000);

    const outcomes: { q: Question; answered: boolean; answer: string }[] = [];
    for (const q of questions) {
      const { publicKey } = bots.get(q.corpus)!;
      // A new anonymous visitor per question: its own conversation, no history but its own.
      const session = await api.call<{ sessionToken: string }>('POST', '/api/v1/widget/sessions', {
        botKey: publicKey,
      });
      const widget = api.as(session.sessionToken);
      // Earlier turns are asked for real: the bot's own answer is the history the follow-up gets.
      for (const turn of q.history ?? []) {
        if (turn.role === 'customer') await ask(db, widget, turn.text);
      }
      const reply = await ask(db, widget, q.question);
      outcomes.push({ q, answered: reply !== null, answer: reply ?? '' });
    }
    return { metrics: summariseWidget(outcomes), ingestSeconds };
  } finally {
    await db.close();
    for (const service of services.reverse()) await service.kill();
  }
}

async function uploadCorpus(owner: Api, botId: string, corpus: Corpus): Promise<void> {
  const pages = corpusPages(corpus);
  for (let start = 0; start < pages.length; start += FILES_PER_UPLOAD) {
    const files = pages.slice(start, start + FILES_PER_UPLOAD).map((page) => ({
      name: page,
      bytes: readFileSync(join(corpus.docs_dir, page)),
    }));
    await owner.upload(botId, files);
  }
}

async function waitForIngestion(db: Sequelize, botIds: string[]): Promise<void> {
  await eventually(
    async () => {
      const rows = await db.query<{ status: string; n: string }>(
        `SELECT status, count(*) AS n FROM knowledge_sources
          WHERE bot_id = ANY($1::uuid[]) AND deleted_at IS NULL GROUP BY status`,
        { bind: [botIds], type: QueryTypes.SELECT },
      );
      const failed = rows.find((r) => r.status === 'failed');
      if (failed) throw new Error(`${failed.n} documents failed to ingest`);
      if (rows.some((r) => r.status !== 'ready'))
        throw new Error(`ingesting: ${JSON.stringify(rows)}`);
    },
    INGEST_TIMEOUT_MS,
    2_000,
  );
}

/** Sends one customer message and returns the bot's reply, or null when it stayed silent. */
async function ask(db: Sequelize, widget: Api, text: string): Promise<string | null> {
  const message = await widget.call<{ id: string; seq: number; conversationId: string }>(
    'POST',
    '/api/v1/widget/messages',
    { text },
  );
  await eventually(
    async () => {
      const rows = await db.query<{ seq: number }>(
        'SELECT processed_inbound_seq AS seq FROM conversations WHERE id = $1',
        { bind: [message.conversationId], type: QueryTypes.SELECT },
      );
      if ((rows[0]?.seq ?? 0) < message.seq) throw new Error('not answered yet');
    },
    ANSWER_TIMEOUT_MS,
    50,
  );
  const rows = await db.query<{ text: string }>(
    'SELECT text FROM messages WHERE reply_to_message_id = $1',
    { bind: [message.id], type: QueryTypes.SELECT },
  );
  return rows[0]?.text ?? null;
}

function summariseWidget(
  outcomes: readonly { q: Question; answered: boolean; answer: string }[],
): WidgetMetrics {
  const answerable = outcomes.filter((o) => o.q.answerable);
  const unanswerable = outcomes.filter((o) => !o.q.answerable);
  const share = <T>(items: readonly T[], test: (t: T) => boolean) =>
    items.length === 0 ? 0 : Math.round((items.filter(test).length / items.length) * 1000) / 1000;
  return {
    questions: outcomes.length,
    false_answer_rate: share(unanswerable, (o) => o.answered),
    false_handoff_rate: share(answerable, (o) => !o.answered),
    handoff_accuracy: share(outcomes, (o) => o.answered === o.q.answerable),
    answered_with_quote_rate: share(
      answerable.filter((o) => o.answered),
      (o) => o.q.answerable && holdsQuote(o.answer, o.q.quote),
    ),
  };
}
