import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import type { ServiceConfig } from '@cxgenie/config';
import {
  type AnswerPromptVersion,
  type AnswerRequest,
  type AnswerStreamEvent,
  Flags,
  type RetrievedChunk,
} from '@cxgenie/contracts';
import { AnalyticsPublisher } from '@cxgenie/analytics';
import type { FlagsClient } from '@cxgenie/flags';
import { MetricsService } from '@cxgenie/observability';
import { LocalEmbeddingProvider } from '@cxgenie/embeddings';
import { Bm25Index, chunkHash, contextualChunkText } from '@cxgenie/text-processing';
import { LanceDbVectorStore, type VectorRecord } from '@cxgenie/vector-store';
import { AnswerGenerators } from '../../apps/core-ai/src/modules/answering/answer-generators';
import { AnswerService } from '../../apps/core-ai/src/modules/answering/answer.service';
import { ChatModels } from '../../apps/core-ai/src/modules/llm/chat-models';
import { LlmMetrics } from '../../apps/core-ai/src/modules/llm/metering/llm-metrics';
import { AnswerPromptFlags } from '../../apps/core-ai/src/modules/prompts/answer-prompt.flags';
import { RetrievalFlags } from '../../apps/core-ai/src/modules/retrieval/retrieval.flags';
import { withoutSmallTalk } from '../../apps/core-ai/src/modules/answering/small-talk/small-talk';
import { BotKnowledgeIndexes } from '../../apps/core-ai/src/modules/retrieval/lexical/bot-knowledge-indexes';
import { standaloneQuery } from '../../apps/core-ai/src/modules/retrieval/query/search-query';
import {
  type RetrievalResult,
  RetrievalService,
} from '../../apps/core-ai/src/modules/retrieval/retrieval.service';
import {
  type RetrievalSettings,
  resolveRetrievalSettings,
} from '../../apps/core-ai/src/modules/retrieval/retrieval-settings';
import type { CorpusChunk } from './corpus';
import type { Question, Turn } from './dataset';

/** What one system did with one question. */
export interface Outcome {
  /** Pages of the ranked chunks, best first (several chunks may share a page). */
  rankedPages: string[];
  /** The top-5 chunks' own texts. */
  top5Texts: string[];
  answered: boolean;
  /** The answer text (what the customer would read, or the attempt when handed off). */
  answer: string;
  /** The score the system decided on (ours: answerability; BM25: its top score). */
  score: number;
  features?: Record<string, number>;
}

export interface EvalSystem {
  ask(q: Question): Promise<Outcome>;
  close(): void;
}

const WORKSPACE = '00000000-0000-4000-8000-00000000e7a1';
const botOf = (corpus: string) =>
  `00000000-0000-4000-8000-${corpus === 'postgresql' ? '00000000e7a2' : '00000000e7a3'}`;

/** Just enough configuration for core-ai's answering with the local providers. */
const LOCAL_CONFIG = {
  localLlmTokenDelayMs: 0,
  ai: {
    openai: { apiKey: null, baseUrl: null },
    anthropic: { apiKey: null, baseUrl: null },
    firstTokenTimeoutMs: 30_000,
    idleTimeoutMs: 30_000,
    maxOutputTokens: 800,
  },
  analytics: { llmPrices: {} },
} as unknown as ServiceConfig;

const history = (turns: readonly Turn[] | undefined): AnswerRequest['history'] =>
  (turns ?? []).map((turn) => ({ role: turn.role, text: turn.text }));

/**
 * The product's own path with no API keys: the local embedding, the embedded LanceDB store,
 * core-ai's retrieval (vector and the bot's full-text index, fusion, re-ranking) and its
 * answering service (answerability, extractive answer, the NO_REPLY policy). One bot per corpus
 * in one table, as tenants share it.
 */
export async function createOurSystem(
  corpora: ReadonlyMap<string, readonly CorpusChunk[]>,
  dataDir: string,
): Promise<EvalSystem & { retrieve(q: Question): Promise<RetrievalResult> }> {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const db = await lancedb.connect(join(dataDir, 'lancedb'));
  const store = new LanceDbVectorStore(db);
  const embedder = new LocalEmbeddingProvider();
  await store.ensureSpace(embedder.space);
  const now = Date.now();
  for (const [corpus, chunks] of corpora) {
    const vectors = await embedder.embed(chunks.map(contextualChunkText));
    const records: VectorRecord[] = chunks.map((chunk, i) => ({
      id: `${corpus}:${chunk.id}`.replace(/[^A-Za-z0-9:_.-]/g, ':'),
      workspaceId: WORKSPACE,
      botId: botOf(corpus),
      partition: 'documents',
      sourceId: `${corpus}:${chunk.page}`.replace(/[^A-Za-z0-9:_.-]/g, ':'),
      documentId: chunk.page,
      chunkHash: chunkHash(chunk.text),
      title: chunk.title,
      headingPath: chunk.headingPath,
      position: chunk.position,
      text: chunk.text,
      tokenCount: chunk.tokenCount,
      createdAt: now,
      updatedAt: now,
      vector: vectors[i]!,
    }));
    await store.upsert(embedder.space, records);
  }
  const retrieval = new RetrievalService(embedder, store, new BotKnowledgeIndexes(store));
  const answers = new AnswerService(
    retrieval,
    new AnswerGenerators(
      LOCAL_CONFIG,
      new ChatModels(LOCAL_CONFIG, new LlmMetrics(new MetricsService(), LOCAL_CONFIG)),
    ),
    new CodedRetrievalFlags(NO_FLAGS_SERVICE),
    new CodedPromptFlags(NO_FLAGS_SERVICE),
    new NoAnalytics(NO_QUEUE),
  );
  const request = (q: Question): AnswerRequest => ({
    workspaceId: WORKSPACE,
    botId: botOf(q.corpus),
    conversationId: '00000000-0000-4000-8000-00000000e7a9',
    messageId: '00000000-0000-4000-8000-00000000e7aa',
    question: q.question,
    history: history(q.history),
    bot: {
      llmProvider: 'local',
      llmModel: 'extractive',
      systemPrompt: '',
      temperature: 0,
      language: 'en',
      typeReplyUnknown: 'AI_GENERATE',
      fallbackMessage: '',
      knowledge: {},
    },
  });
  const retrieve = (q: Question) =>
    retrieval.retrieve(
      { workspaceId: WORKSPACE, botId: botOf(q.corpus) },
      standaloneQuery(withoutSmallTalk(q.question), history(q.history)),
      resolveRetrievalSettings(undefined),
    );
  return {
    retrieve,
    async ask(q) {
      const found = await retrieve(q);
      const events: AnswerStreamEvent[] = [];
      for await (const event of answers.answer(request(q), new AbortController().signal)) {
        events.push(event);
      }
      const decision = events.find((e) => e.type === 'decision');
      const done = events.find((e) => e.type === 'done');
      if (!decision || decision.type !== 'decision' || !done || done.type !== 'done') {
        throw new Error(`${q.id}: the answer stream had no decision or no done event`);
      }
      // AI_GENERATE: the attempt streams either way, so the text is what was (or would be) said.
      const answer = events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
      return {
        rankedPages: found.candidates.map((c) => c.chunk.documentId ?? ''),
        top5Texts: found.chunks.slice(0, 5).map((c: RetrievedChunk) => c.text),
        answered: decision.answer,
        answer,
        score: decision.answerability?.score ?? 1,
        features: decision.answerability?.features,
      };
    },
    close: () => db.close(),
  };
}

/**
 * The baseline: Okapi BM25 over plain 1,000-character chunks of the same pages (one index per
 * corpus), the question alone as the query, and "answer" when the best score reaches a
 * threshold (calibrated on the dev split like ours).
 */
export function createBm25System(
  corpora: ReadonlyMap<string, readonly CorpusChunk[]>,
  threshold: () => number,
): EvalSystem {
  const indexes = new Map<string, { index: Bm25Index; byId: Map<string, CorpusChunk> }>();
  for (const [corpus, chunks] of corpora) {
    const index = new Bm25Index();
    for (const chunk of chunks) index.add(chunk.id, chunk.text);
    indexes.set(corpus, { index, byId: new Map(chunks.map((c) => [c.id, c])) });
  }
  return {
    async ask(q) {
      const { index, byId } = indexes.get(q.corpus)!;
      const hits = index.score(q.question, 30);
      const chunks = hits.map((hit) => byId.get(hit.id)!);
      const top = hits[0]?.score ?? 0;
      return {
        rankedPages: chunks.map((c) => c.page),
        top5Texts: chunks.slice(0, 5).map((c) => c.text),
        answered: top >= threshold(),
        answer: chunks[0]?.text ?? '',
        score: top,
      };
    },
    close: () => undefined,
  };
}

// The evaluation runs offline, without Redis or the flags service: every bot gets the flags'
// coded defaults, which is what a deployment without flags answers with.
const NO_FLAGS_SERVICE = undefined as unknown as FlagsClient;

// Nor is there a queue to publish usage facts to: the evaluation's answers are not usage.
const NO_QUEUE = undefined as unknown as ConstructorParameters<typeof AnalyticsPublisher>[0];

class NoAnalytics extends AnalyticsPublisher {
  override record(): void {}
}

class CodedRetrievalFlags extends RetrievalFlags {
  override apply(settings: RetrievalSettings): Promise<RetrievalSettings> {
    return Promise.resolve(settings);
  }
}

class CodedPromptFlags extends AnswerPromptFlags {
  override versionFor(): Promise<AnswerPromptVersion> {
    return Promise.resolve(Flags.answerPromptVersion.defaultValue);
  }
}
