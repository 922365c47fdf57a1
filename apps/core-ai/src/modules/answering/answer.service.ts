import { Injectable, Logger } from '@nestjs/common';
import type {
  AnswerRequest,
  AnswerStreamEvent,
  KnowledgeCitation,
  RetrievedChunk,
} from '@cxgenie/contracts';
import { AnswerPromptFlags } from '../prompts/answer-prompt.flags';
import { RetrievalFlags } from '../retrieval/retrieval.flags';
import { RetrievalService } from '../retrieval/retrieval.service';
import { resolveRetrievalSettings } from '../retrieval/retrieval-settings';
import { decidePolicy } from './answer-policy';
import { AnswerGenerators } from './answer-generators';

/** A fallback message that a bot owner left empty still has to say something. */
const DEFAULT_FALLBACK =
  "I'm not sure about that one. A member of our team will get back to you shortly.";

export const toCitation = (chunk: RetrievedChunk): KnowledgeCitation => ({
  partition: chunk.partition,
  sourceId: chunk.sourceId,
  documentId: chunk.documentId,
  chunkId: chunk.chunkId,
  title: chunk.title,
  position: chunk.position,
  score: chunk.score,
});

/**
 * Answers one customer question: retrieves the bot's knowledge, lets the bot's provider write an
 * answer with its verdict first, and applies the bot's unknown-answer policy while streaming, so
 * that a NO answer under NO_REPLY or INPUT_ANSWER never leaves this service.
 */
@Injectable()
export class AnswerService {
  private readonly logger = new Logger(AnswerService.name);

  constructor(
    private readonly retrieval: RetrievalService,
    private readonly generators: AnswerGenerators,
    private readonly retrievalFlags: RetrievalFlags,
    private readonly promptFlags: AnswerPromptFlags,
  ) {}

  async *answer(request: AnswerRequest, signal: AbortSignal): AsyncGenerator<AnswerStreamEvent> {
    const bot = { workspaceId: request.workspaceId, botId: request.botId };
    const [settings, promptVersion] = await Promise.all([
      this.retrievalFlags.apply(resolveRetrievalSettings(request.bot.knowledge), bot),
      this.promptFlags.versionFor(bot),
    ]);
    const { chunks } = await this.retrieval.retrieve(
      { workspaceId: request.workspaceId, botId: request.botId },
      request.question,
      settings,
    );
    const generator = this.generators.for(request.bot.llmProvider, request.bot.llmModel);
    let enough = false;
    let decision = decidePolicy(false, request.bot.typeReplyUnknown);
    let attempted = '';
    for await (const part of generator.generate(request, chunks, signal, promptVersion)) {
      if (part.kind === 'verdict') {
        enough = part.enough;
        decision = decidePolicy(enough, request.bot.typeReplyUnknown);
        continue;
      }
      attempted += part.text;
      if (decision.streamAnswer) yield { type: 'delta', text: part.text };
    }
    if (signal.aborted) return;
    if (decision.replacement === 'fallback') {
      yield { type: 'delta', text: request.bot.fallbackMessage.trim() || DEFAULT_FALLBACK };
    }
    if (!enough) {
      this.logger.log(
        `not enough information for message ${request.messageId}: ${decision.outcome}`,
      );
    }
    yield {
      type: 'done',
      haveEnoughInformation: enough,
      outcome: decision.outcome,
      provider: generator.provider,
      model: generator.model,
      promptVersion,
      citations: chunks.map(toCitation),
      attemptedAnswer: enough ? null : attempted,
    };
  }
}
