import { Injectable, Logger } from '@nestjs/common';
import { AnalyticsPublisher, newFactId } from '@cxgenie/analytics';
import type {
  AnswerDecisionEvent,
  AnswerPromptVersion,
  AnswerKind,
  AnswerRequest,
  AnswerStreamEvent,
  Answerability,
  KnowledgeCitation,
  RetrievedChunk,
} from '@cxgenie/contracts';
import { countTokens, tokenizeForSearch } from '@cxgenie/text-processing';
import { type ChatUsage, emptyUsage } from '../llm/chat-model.port';
import { ANSWER_PROMPT_VERSION } from '../prompts/answer-prompt';
import { AnswerPromptFlags } from '../prompts/answer-prompt.flags';
import { questionIdf } from '../retrieval/query/concept-coverage';
import { type SearchQuery, standaloneQuery } from '../retrieval/query/search-query';
import { type RetrievalResult, RetrievalService } from '../retrieval/retrieval.service';
import { resolveRetrievalSettings } from '../retrieval/retrieval-settings';
import { RetrievalFlags } from '../retrieval/retrieval.flags';
import { type PolicyDecision, decidePolicy } from './answer-policy';
import { type AnswerEngine, AnswerGenerators } from './answer-generators';
import {
  type AnswerabilityModel,
  answerability,
  evidenceScore,
  modelFor,
  thresholdFor,
} from './evidence/answerability';
import { evidenceFeatures } from './evidence/evidence-features';
import { lexicalSupport } from './grounding/lexical-grounding';
import { composeExtractiveAnswer } from './local/extractive-answer';
import { smallTalkReply, withoutSmallTalk } from './small-talk/small-talk';

/** A fallback message that a bot owner left empty still has to say something. */
const DEFAULT_FALLBACK =
  "I'm not sure about that one. A member of our team will get back to you shortly.";
const LOCAL_MAX_SENTENCES = 6;
/** Passages the model re-ranks (LLM re-ranking only). */
const LLM_RERANK_PASSAGES = 10;

// Word pieces of at most four characters with their leading space, about how an LLM streams.
const TOKEN = / ?[^\s]{1,4}|\s+/g;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `openai/text-embedding-3-large` → provider and model. */
const splitSpace = (model: string): { provider: string; model: string } => {
  const [provider, ...rest] = model.split('/');
  return { provider: provider ?? '', model: rest.join('/') };
};

export const toCitation = (chunk: RetrievedChunk): KnowledgeCitation => ({
  partition: chunk.partition,
  sourceId: chunk.sourceId,
  documentId: chunk.documentId,
  chunkId: chunk.chunkId,
  title: chunk.title,
  position: chunk.position,
  score: chunk.score,
});

/** A question with the prompt its bot's answers are asked with (the `answer-prompt-version` flag). */
type AskedRequest = AnswerRequest & { promptVersion: AnswerPromptVersion };

interface Answered {
  enough: boolean;
  answerability: Answerability | null;
  kind: AnswerKind;
}

/**
 * Answers one customer question. Small talk gets a short reply. Anything else is retrieved, and
 * the decision to answer comes from the answerability score (retrieval evidence, times the
 * grounding of the answer in its sources) against the bot's threshold: never from the model's
 * own verdict alone. The decision leaves first (`decision` event), so a handoff need not wait
 * for the attempted answer, which follows for the agents. The unknown-answer policy is applied
 * here, so a NO answer under NO_REPLY or INPUT_ANSWER never leaves this service.
 */
@Injectable()
export class AnswerService {
  private readonly logger = new Logger(AnswerService.name);

  constructor(
    private readonly retrieval: RetrievalService,
    private readonly generators: AnswerGenerators,
    private readonly retrievalFlags: RetrievalFlags,
    private readonly promptFlags: AnswerPromptFlags,
    private readonly analytics: AnalyticsPublisher,
  ) {}

  async *answer(request: AnswerRequest, signal: AbortSignal): AsyncGenerator<AnswerStreamEvent> {
    const small = smallTalkReply(request.question, request.bot.language, request.bot.smallTalk);
    if (small) {
      yield* this.smallTalk(small.reply, signal);
      return;
    }
    const engine = this.generators.for(request.bot.llmProvider, request.bot.llmModel);
    const bot = { workspaceId: request.workspaceId, botId: request.botId };
    const [settings, promptVersion] = await Promise.all([
      this.retrievalFlags.apply(resolveRetrievalSettings(request.bot.knowledge), bot),
      this.promptFlags.versionFor(bot),
    ]);
    const asked: AskedRequest = { ...request, promptVersion };
    const query = await this.searchQuery(asked, engine, signal);
    const retrieval = await this.retrieval.retrieve(
      { workspaceId: request.workspaceId, botId: request.botId },
      query,
      settings,
    );
    if (engine.kind === 'llm' && request.bot.knowledge?.rerank === 'llm') {
      retrieval.chunks = await this.llmRerank(engine, query, retrieval, signal);
    }
    this.recordQuestionEmbedding(request, retrieval.embedding);
    const model = modelFor(retrieval.embedding.model);
    const threshold = thresholdFor(request.bot.knowledge?.targetFalseAnswerRate, model.calibration);
    const usage = emptyUsage();
    const started = performance.now();
    const events =
      engine.kind === 'local'
        ? this.answerLocally(asked, retrieval, model, threshold, signal)
        : this.answerWithModel(asked, engine, retrieval, model, threshold, usage, signal);
    try {
      yield* events;
    } finally {
      // Also when the caller went away mid-answer: the tokens were spent all the same.
      this.recordAnswerUsage(request, engine, usage, performance.now() - started);
    }
  }

  /** The answer's tokens, as usage (the local engine spends none). */
  private recordAnswerUsage(
    request: AnswerRequest,
    engine: AnswerEngine,
    usage: ChatUsage,
    ms: number,
  ): void {
    this.analytics.record({
      type: 'llm.usage',
      id: newFactId(),
      workspaceId: request.workspaceId,
      occurredAt: new Date().toISOString(),
      conversationId: request.conversationId,
      messageId: request.messageId,
      botId: request.botId,
      customerId: request.customerId ?? null,
      provider: engine.provider,
      model: engine.model,
      purpose: 'answer',
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      latencyMs: Math.round(ms),
    });
  }

  /** The question's embedding, as usage (counted even when the cache had it: a small overcount). */
  private recordQuestionEmbedding(
    request: AnswerRequest,
    embedding: { model: string; ms: number },
  ): void {
    this.analytics.record({
      type: 'embedding.usage',
      id: newFactId(),
      workspaceId: request.workspaceId,
      occurredAt: new Date().toISOString(),
      conversationId: request.conversationId,
      messageId: request.messageId,
      botId: request.botId,
      customerId: request.customerId ?? null,
      ...splitSpace(embedding.model),
      purpose: 'question',
      texts: 1,
      tokens: countTokens(request.question),
      latencyMs: embedding.ms,
    });
  }

  /** The customer's question as retrieval searches it: a follow-up is read with its context. */
  private async searchQuery(
    request: AskedRequest,
    engine: AnswerEngine,
    signal: AbortSignal,
  ): Promise<SearchQuery> {
    const question = withoutSmallTalk(request.question);
    const local = standaloneQuery(question, request.history);
    if (engine.kind !== 'llm' || local.context === null) return local;
    const rewritten = await engine.assistant.rewrite(request, signal);
    if (!rewritten) return local;
    const own = new Set(tokenizeForSearch(question));
    const added = [...new Set(tokenizeForSearch(rewritten))].filter((term) => !own.has(term));
    return {
      ...local,
      text: rewritten,
      terms: [
        ...local.terms.filter((t) => own.has(t.term)),
        ...added.map((term) => ({ term, weight: 1 })),
      ],
    };
  }

  private async llmRerank(
    engine: Extract<AnswerEngine, { kind: 'llm' }>,
    query: SearchQuery,
    retrieval: RetrievalResult,
    signal: AbortSignal,
  ): Promise<RetrievedChunk[]> {
    const passages = retrieval.chunks.slice(0, LLM_RERANK_PASSAGES);
    const order = await engine.assistant.rerank(
      query.text,
      passages.map((chunk) => ({ title: chunk.title, text: chunk.context })),
      signal,
    );
    if (!order || order.length === 0) return retrieval.chunks;
    const first = order.map((n) => passages[n - 1]!);
    return [...first, ...retrieval.chunks.filter((chunk) => !first.includes(chunk))];
  }

  private async *answerLocally(
    request: AskedRequest,
    retrieval: RetrievalResult,
    model: AnswerabilityModel,
    threshold: number,
    signal: AbortSignal,
  ): AsyncGenerator<AnswerStreamEvent> {
    const idf = questionIdf(retrieval.knowledge.index);
    const text = composeExtractiveAnswer(retrieval.query, retrieval.chunks, idf, {
      maxSentences: LOCAL_MAX_SENTENCES,
    });
    const support = lexicalSupport(
      text,
      retrieval.chunks.map((chunk) => chunk.context),
      idf,
    );
    const scored = answerability(
      evidenceFeatures(retrieval),
      { support, judged: null },
      threshold,
      model,
    );
    const enough = retrieval.chunks.length > 0 && scored.score >= scored.threshold;
    const policy = decidePolicy(enough, request.bot.typeReplyUnknown);
    yield this.decision(request, LOCAL_ENGINE_INFO, retrieval, policy, scored);
    // Paced like a model only when the customer reads it; an attempt for the agents is not.
    const attempt = policy.streamAnswer ? this.pace(text, signal) : chunksOf(text);
    yield* this.deliver(request, policy, attempt, signal);
    if (signal.aborted) return;
    yield this.done(
      request,
      LOCAL_ENGINE_INFO,
      retrieval,
      { enough, answerability: scored, kind: 'knowledge' },
      enough ? null : text,
    );
  }

  /**
   * With a model: evidence too weak decides NO before the model is asked (the attempt is written
   * afterwards, for the agents). Otherwise the model answers verdict first; its NO decides at
   * once. Its YES is only a candidate: under a policy that hides unknown answers the answer is
   * held until a separate judge call and the lexical check have found it grounded, then sent.
   */
  private async *answerWithModel(
    request: AskedRequest,
    engine: Extract<AnswerEngine, { kind: 'llm' }>,
    retrieval: RetrievalResult,
    model: AnswerabilityModel,
    threshold: number,
    usage: ChatUsage,
    signal: AbortSignal,
  ): AsyncGenerator<AnswerStreamEvent> {
    const features = evidenceFeatures(retrieval);
    const info = { provider: engine.provider, model: engine.model };
    const idf = questionIdf(retrieval.knowledge.index);
    const sources = retrieval.chunks.map((chunk) => chunk.context);
    const answer = engine.assistant.answer(
      request,
      retrieval.chunks,
      signal,
      request.promptVersion,
      usage,
    );
    const parts = answer[Symbol.asyncIterator]();
    const policyOf = (enough: boolean) => decidePolicy(enough, request.bot.typeReplyUnknown);

    if (retrieval.chunks.length === 0 || evidenceScore(features, model) < threshold) {
      const scored = answerability(features, null, threshold, model);
      const policy = policyOf(false);
      yield this.decision(request, info, retrieval, policy, scored);
      const attempt = { text: '' };
      yield* this.deliver(request, policy, textOf(parts, attempt), signal);
      if (signal.aborted) return;
      yield this.done(
        request,
        info,
        retrieval,
        { enough: false, answerability: scored, kind: 'knowledge' },
        attempt.text,
      );
      return;
    }

    const first = await parts.next();
    const verdictYes = !first.done && first.value.kind === 'verdict' && first.value.enough;
    if (!verdictYes) {
      const scored = answerability(features, { support: 0, judged: false }, threshold, model);
      scored.reason = `hand off: the model said it cannot answer from the knowledge (${scored.reason})`;
      const policy = policyOf(false);
      yield this.decision(request, info, retrieval, policy, scored);
      const attempt = { text: '' };
      yield* this.deliver(request, policy, textOf(parts, attempt), signal);
      if (signal.aborted) return;
      yield this.done(
        request,
        info,
        retrieval,
        { enough: false, answerability: scored, kind: 'knowledge' },
        attempt.text,
      );
      return;
    }

    const gated = request.bot.typeReplyUnknown !== 'AI_GENERATE';
    if (!gated) {
      // The customer sees the answer whatever the check says: it streams now, and `done` carries
      // the final verdict (a failed check turns it into `generated`).
      yield this.decision(
        request,
        info,
        retrieval,
        policyOf(true),
        answerability(features, null, threshold, model),
      );
      const attempt = { text: '' };
      for await (const text of textOf(parts, attempt)) yield { type: 'delta', text };
      if (signal.aborted) return;
      const scored = await this.grounded(
        request,
        engine,
        retrieval,
        features,
        model,
        threshold,
        attempt.text,
        signal,
        sources,
        idf,
      );
      const enough = scored.score >= scored.threshold;
      yield this.done(
        request,
        info,
        retrieval,
        { enough, answerability: scored, kind: 'knowledge' },
        enough ? null : attempt.text,
      );
      return;
    }

    const attempt = { text: '' };
    for await (const _ of textOf(parts, attempt)) {
      // Held back until the grounding check has passed.
    }
    if (signal.aborted) return;
    const scored = await this.grounded(
      request,
      engine,
      retrieval,
      features,
      model,
      threshold,
      attempt.text,
      signal,
      sources,
      idf,
    );
    const enough = scored.score >= scored.threshold;
    const policy = policyOf(enough);
    yield this.decision(request, info, retrieval, policy, scored);
    yield* this.deliver(request, policy, chunksOf(attempt.text), signal);
    if (signal.aborted) return;
    yield this.done(
      request,
      info,
      retrieval,
      { enough, answerability: scored, kind: 'knowledge' },
      enough ? null : attempt.text,
    );
  }

  private async grounded(
    request: AskedRequest,
    engine: Extract<AnswerEngine, { kind: 'llm' }>,
    retrieval: RetrievalResult,
    features: ReturnType<typeof evidenceFeatures>,
    model: AnswerabilityModel,
    threshold: number,
    answer: string,
    signal: AbortSignal,
    sources: string[],
    idf: (term: string) => number,
  ): Promise<Answerability> {
    const support = lexicalSupport(answer, sources, idf);
    const judged = await engine.assistant.judge(request.question, answer, retrieval.chunks, signal);
    return answerability(features, { support, judged }, threshold, model);
  }

  /** What the customer gets once the decision is made: the answer, the fallback, or nothing. */
  private async *deliver(
    request: AskedRequest,
    policy: PolicyDecision,
    attempt: AsyncIterable<string>,
    signal: AbortSignal,
  ): AsyncGenerator<AnswerStreamEvent> {
    if (policy.replacement === 'fallback') {
      // The fallback needs no attempt: it leaves at once, the attempt is written afterwards.
      yield { type: 'delta', text: request.bot.fallbackMessage.trim() || DEFAULT_FALLBACK };
    }
    for await (const text of attempt) {
      if (signal.aborted) return;
      if (policy.streamAnswer) yield { type: 'delta', text };
    }
  }

  private async *smallTalk(reply: string, signal: AbortSignal): AsyncGenerator<AnswerStreamEvent> {
    yield {
      type: 'decision',
      answer: true,
      outcome: 'answered',
      kind: 'small_talk',
      answerability: null,
      citations: [],
      ...LOCAL_ENGINE_INFO,
      promptVersion: ANSWER_PROMPT_VERSION,
    };
    for await (const text of this.pace(reply, signal)) yield { type: 'delta', text };
    if (signal.aborted) return;
    yield {
      type: 'done',
      haveEnoughInformation: true,
      outcome: 'answered',
      ...LOCAL_ENGINE_INFO,
      promptVersion: ANSWER_PROMPT_VERSION,
      citations: [],
      attemptedAnswer: null,
      kind: 'small_talk',
      answerability: null,
    };
  }

  private decision(
    request: AskedRequest,
    info: { provider: string; model: string },
    retrieval: RetrievalResult,
    policy: PolicyDecision,
    scored: Answerability,
  ): AnswerDecisionEvent {
    const answer = policy.outcome === 'answered';
    this.logger.log(
      `answerability of message ${request.messageId}: ${scored.score} (threshold ${scored.threshold}) ` +
        `-> ${policy.outcome} ${JSON.stringify(scored.features)}`,
    );
    return {
      type: 'decision',
      answer,
      outcome: policy.outcome,
      kind: 'knowledge',
      answerability: scored,
      citations: retrieval.chunks.map(toCitation),
      ...info,
      promptVersion: request.promptVersion,
    };
  }

  private done(
    request: AskedRequest,
    info: { provider: string; model: string },
    retrieval: RetrievalResult,
    answered: Answered,
    attemptedAnswer: string | null,
  ): AnswerStreamEvent {
    const policy = decidePolicy(answered.enough, request.bot.typeReplyUnknown);
    return {
      type: 'done',
      haveEnoughInformation: answered.enough,
      outcome: policy.outcome,
      ...info,
      promptVersion: request.promptVersion,
      citations: retrieval.chunks.map(toCitation),
      attemptedAnswer: answered.enough ? null : (attemptedAnswer ?? '').trim(),
      kind: answered.kind,
      answerability: answered.answerability,
    };
  }

  /** Token-sized pieces at a model's pace, so the pipeline behaves as it will with a real model. */
  private async *pace(text: string, signal: AbortSignal): AsyncGenerator<string> {
    const delay = this.generators.localTokenDelayMs;
    for (const token of text.match(TOKEN) ?? []) {
      if (signal.aborted) return;
      if (delay > 0) await pause(delay);
      yield token;
    }
  }
}

const LOCAL_ENGINE_INFO = { provider: 'local', model: 'extractive-v2' };

/** The model's text parts after the verdict, collected into `into` as they pass. */
async function* textOf(
  parts: AsyncIterator<{ kind: 'verdict'; enough: boolean } | { kind: 'text'; text: string }>,
  into: { text: string },
): AsyncGenerator<string> {
  for (;;) {
    const next = await parts.next();
    if (next.done) return;
    if (next.value.kind !== 'text') continue;
    into.text += next.value.text;
    yield next.value.text;
  }
}

async function* chunksOf(text: string): AsyncGenerator<string> {
  for (const piece of text.match(TOKEN) ?? []) yield piece;
}
