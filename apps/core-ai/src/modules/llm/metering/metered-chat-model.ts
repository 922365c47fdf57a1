import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { ChatModel, ChatRequest } from '../chat-model.port';
import type { LlmMetrics, LlmOutcome } from './llm-metrics';

const tracer = trace.getTracer('cxgenie.core-ai.llm');

/**
 * A chat model that reports each streamed answer: duration, time to first token, tokens in and
 * out (cl100k counts, the providers' own usage is not streamed by all of them) and their cost,
 * and an `llm.stream` span, so a slow answer shows whether the model or our code took the time.
 */
export class MeteredChatModel implements ChatModel {
  readonly provider: ChatModel['provider'];

  constructor(
    private readonly inner: ChatModel,
    private readonly metrics: LlmMetrics,
    private readonly countTokens: (text: string) => number,
  ) {
    this.provider = inner.provider;
  }

  async *stream(request: ChatRequest, signal: AbortSignal): AsyncIterable<string> {
    const startedAt = performance.now();
    const span = tracer.startSpan('llm.stream', {
      attributes: { 'gen_ai.system': this.provider, 'gen_ai.request.model': request.model },
    });
    const inputTokens =
      this.countTokens(request.system) +
      request.messages.reduce((sum, turn) => sum + this.countTokens(turn.content), 0);
    let firstTokenSeconds: number | null = null;
    let output = '';
    let outcome: LlmOutcome = 'ok';
    try {
      for await (const delta of this.inner.stream(request, signal)) {
        if (firstTokenSeconds === null) {
          firstTokenSeconds = (performance.now() - startedAt) / 1000;
          span.addEvent('first_token');
        }
        output += delta;
        yield delta;
      }
      if (signal.aborted) outcome = 'aborted';
    } catch (error) {
      outcome = signal.aborted ? 'aborted' : 'error';
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      const outputTokens = output ? this.countTokens(output) : 0;
      this.metrics.record({
        provider: this.provider,
        model: request.model,
        outcome,
        seconds: (performance.now() - startedAt) / 1000,
        firstTokenSeconds,
        inputTokens,
        outputTokens,
      });
      span.setAttributes({
        'gen_ai.usage.input_tokens': inputTokens,
        'gen_ai.usage.output_tokens': outputTokens,
      });
      span.end();
    }
  }
}
