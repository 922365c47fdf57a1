import { loadServiceConfig } from '@cxgenie/config';
import { MetricsService } from '@cxgenie/observability';
import { countTokens } from '@cxgenie/text-processing';
import { FakeOpenAi } from '@cxgenie/testing';
import type { ChatRequest } from '../chat-model.port';
import { OpenAiChatModel } from '../providers/openai-chat.model';
import { LlmMetrics } from './llm-metrics';
import { MeteredChatModel } from './metered-chat-model';

describe('LLM answers are metered', () => {
  let openai: FakeOpenAi;

  beforeAll(async () => {
    openai = await FakeOpenAi.start();
  });
  afterAll(() => openai.close());

  const setup = () => {
    const metrics = new MetricsService();
    const config = loadServiceConfig('core-ai', {
      LLM_PRICES: JSON.stringify({ 'openai/gpt-4o-mini': { input: 1, output: 2 } }),
    });
    const chat = new MeteredChatModel(
      new OpenAiChatModel({
        apiKey: openai.apiKey,
        baseURL: openai.baseURL,
        firstTokenTimeoutMs: 2_000,
        idleTimeoutMs: 2_000,
        retry: { maxRetries: 0 },
      }),
      new LlmMetrics(metrics, config),
      countTokens,
    );
    return { metrics, chat };
  };

  const request: ChatRequest = {
    model: 'gpt-4o-mini',
    system: 'Answer from the knowledge only.',
    messages: [{ role: 'user', content: 'When does my parcel arrive?' }],
    temperature: 0,
    maxOutputTokens: 100,
  };

  const value = (text: string, series: string): number =>
    Number(
      text
        .split('\n')
        .find((l) => l.startsWith(series))
        ?.split(' ')
        .pop(),
    );

  it('counts tokens in and out, their cost, the duration and the first token', async () => {
    const { metrics, chat } = setup();
    openai.enqueue({ reply: 'VERDICT: YES\nYour parcel arrives in two days.' });
    let answer = '';
    for await (const delta of chat.stream(request, new AbortController().signal)) answer += delta;

    const text = await metrics.render();
    const input = countTokens(request.system) + countTokens(request.messages[0].content);
    const output = countTokens(answer);
    const labels = 'provider="openai",model="gpt-4o-mini"';
    expect(value(text, `llm_tokens_total{${labels},kind="input"}`)).toBe(input);
    expect(value(text, `llm_tokens_total{${labels},kind="output"}`)).toBe(output);
    expect(value(text, `llm_cost_usd_total{${labels}}`)).toBeCloseTo(
      (input * 1 + output * 2) / 1e6,
      12,
    );
    expect(value(text, `llm_request_duration_seconds_count{${labels},outcome="ok"}`)).toBe(1);
    expect(value(text, `llm_time_to_first_token_seconds_count{${labels}}`)).toBe(1);
  });

  it('counts a failed call as an error and passes the failure on', async () => {
    const { metrics, chat } = setup();
    openai.enqueue({ status: 400 });
    const consume = async () => {
      for await (const _delta of chat.stream(request, new AbortController().signal));
    };
    await expect(consume()).rejects.toThrow();
    const text = await metrics.render();
    expect(
      value(
        text,
        'llm_request_duration_seconds_count{provider="openai",model="gpt-4o-mini",outcome="error"}',
      ),
    ).toBe(1);
    expect(text).not.toMatch(/llm_cost_usd_total\{[^}]*\} [1-9]/);
  });
});
