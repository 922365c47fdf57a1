import { serviceUrlEnvVar } from '@cxgenie/contracts';
import {
  ApiClient,
  type BootedService,
  type CollectedSpan,
  FakeOtlpCollector,
  PARCEL_KNOWLEDGE,
  addSnippet,
  bootService,
  eventually,
  sharedQueuePrefix,
  type SpawnedService,
  spawnService,
} from '@cxgenie/testing';
import { gatewayApiService } from './gateway-api.service';

/** Span kinds as OTLP encodes them. */
const OTLP = { server: 2, client: 3, consumer: 5 };

// Where a slow answer spent its time: one trace from the widget's POST through the queue to
// core-ai, exported over OTLP, under the trace id the logs carry.
describe('OpenTelemetry spans across HTTP and Bull', () => {
  let collector: FakeOtlpCollector;
  let coreAi: SpawnedService;
  let gateway: BootedService;
  let sessionToken: string;

  beforeAll(async () => {
    collector = await FakeOtlpCollector.start();
    const QUEUE_PREFIX = sharedQueuePrefix();
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint, QUEUE_PREFIX };
    coreAi = await spawnService('core-ai', { ...tracing, LOCAL_LLM_TOKEN_DELAY_MS: '0' });
    gateway = await bootService(gatewayApiService, {
      ...tracing,
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
    });
    const owner = await ApiClient.signUp(gateway.url);
    const bot = await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
      name: 'Traced bot',
      typeReplyUnknown: 'AI_GENERATE',
    });
    await addSnippet(owner, coreAi.url, bot.body.id, PARCEL_KNOWLEDGE);
    const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
      '/api/v1/widget/sessions',
      { botKey: bot.body.publicKey },
    );
    sessionToken = session.body.sessionToken;
  });

  afterAll(async () => {
    await gateway?.close();
    await coreAi?.close();
    await collector?.close();
  });

  it('follows a widget message from its request through the queue to core-ai, under the log trace id', async () => {
    const traceId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    const sent = await fetch(`${gateway.url}/api/v1/widget/messages`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sessionToken}`,
        'content-type': 'application/json',
        'x-request-id': traceId,
      },
      body: JSON.stringify({ text: 'Where is my parcel?' }),
    });
    expect(sent.status).toBe(202);
    expect(sent.headers.get('x-request-id')).toBe(traceId);

    const byName = (spans: CollectedSpan[], pattern: RegExp) =>
      spans.find((s) => pattern.test(s.name));
    // Each process exports its spans in batches of its own: wait until all four are in.
    const spans = await eventually(() => {
      const found = collector.trace(traceId);
      const has = (name: string, kind: number) =>
        found.some((s) => s.name === name && s.kind === kind);
      expect(has('POST /api/v1/widget/messages', OTLP.server)).toBe(true);
      expect(has('process conversation.inbound', OTLP.consumer)).toBe(true);
      expect(has('POST /v1/answer', OTLP.client)).toBe(true);
      expect(has('POST /v1/answer', OTLP.server)).toBe(true);
      return found;
    }, 20_000);

    // gateway-api: the request's server span, named by its route.
    const request = byName(spans, /^POST \/api\/v1\/widget\/messages$/)!;
    expect(request).toMatchObject({ kind: OTLP.server, parentSpanId: undefined });
    expect(request.attributes['http.response.status_code']).toBe(202);
    // The worker's span continues the request's trace, as a child of the span that queued it.
    const job = byName(spans, /^process conversation\.inbound$/)!;
    expect(job.kind).toBe(OTLP.consumer);
    expect(job.parentSpanId).toBe(request.spanId);
    // The call to core-ai, and core-ai's own server span under it.
    const call = spans.find((s) => s.name === 'POST /v1/answer' && s.kind === OTLP.client)!;
    const answer = spans.find((s) => s.name === 'POST /v1/answer' && s.kind === OTLP.server)!;
    expect(call.parentSpanId).toBeDefined();
    expect(answer.parentSpanId).toBe(call.spanId);
    const ancestors = (span: CollectedSpan): string[] => {
      const parent = spans.find((s) => s.spanId === span.parentSpanId);
      return parent ? [parent.spanId, ...ancestors(parent)] : [];
    };
    expect(ancestors(call)).toContain(job.spanId);

    // The logs of both services carry the same id as trace_id.
    for (const service of [gateway, coreAi]) {
      expect(service.logs.lines.some((l) => l['trace_id'] === traceId)).toBe(true);
    }
  });
});
