import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@cxgenie/config';
import {
  type AnswerRequest,
  type AnswerStreamEvent,
  CORE_AI_ANSWER_PATH,
} from '@cxgenie/contracts';
import { ServiceCallError, tracedFetch } from '@cxgenie/observability';

// The whole answer, not each token: a model that stalls longer than this has failed.
const ANSWER_TIMEOUT_MS = 120_000;

/** gateway-api's side of core-ai's streaming answer endpoint. */
@Injectable()
export class CoreAiClient {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {}

  async *streamAnswer(request: AnswerRequest): AsyncGenerator<AnswerStreamEvent> {
    const url = `${this.config.serviceUrls['core-ai']}${CORE_AI_ANSWER_PATH}`;
    const res = await tracedFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
      timeoutMs: ANSWER_TIMEOUT_MS,
    });
    if (!res.ok || !res.body) {
      throw new ServiceCallError(
        url,
        res.status,
        `core-ai answered ${res.status}: ${await res.text().catch(() => '')}`,
      );
    }
    yield* parseNdjson(res.body);
  }
}

export async function* parseNdjson(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<AnswerStreamEvent> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const bytes of body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(bytes, { stream: true });
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) yield JSON.parse(line) as AnswerStreamEvent;
  }
  if (pending.trim()) yield JSON.parse(pending) as AnswerStreamEvent;
}
