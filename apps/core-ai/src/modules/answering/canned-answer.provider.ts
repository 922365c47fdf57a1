import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import type { AnswerRequest, AnswerStreamEvent } from '@cxgenie/contracts';

// Word pieces of at most four characters with their leading space, about how an LLM streams.
const TOKEN = / ?[^\s]{1,4}|\s+/g;

const compose = (question: string): string =>
  [
    `Thanks for your message. You asked: "${question.trim().slice(0, 300)}"`,
    'I am the built-in answer provider of this CX Genie installation. Retrieval over your knowledge base and real language models are not connected yet, so this reply only shows that your message travelled through the whole pipeline, in order, and streamed back paragraph by paragraph.',
    'A teammate can take over this conversation at any time.',
  ].join('\n\n');

/**
 * Streams a fixed answer shaped like an LLM's, token by token. It stands in for retrieval and the
 * LLM providers until they exist, so the conversation pipeline can be built and measured against
 * a real HTTP stream. `LOCAL_LLM_TOKEN_DELAY_MS` paces it like a model would.
 */
@Injectable()
export class CannedAnswerProvider {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  async *stream(request: AnswerRequest, signal: AbortSignal): AsyncGenerator<AnswerStreamEvent> {
    const delayMs = this.config.localLlmTokenDelayMs;
    for (const token of compose(request.question).match(TOKEN) ?? []) {
      if (signal.aborted) return;
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      yield { type: 'delta', text: token };
    }
    yield { type: 'done', haveEnoughInformation: true, provider: 'local', model: 'canned' };
  }
}
