import {
  type Context,
  type Span,
  SpanKind,
  SpanStatusCode,
  context,
  propagation,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type IdGenerator,
  ParentBasedSampler,
  RandomIdGenerator,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { OtlpJsonSpanExporter } from './otlp-json.exporter';

/**
 * OpenTelemetry spans over HTTP and Bull, exported over OTLP/HTTP when an endpoint is configured,
 * and free (no provider, no-op spans) when it is not. The platform's own trace id stays the log
 * correlation key: a span started for a request or job whose trace id is W3C-shaped (ours always
 * are) gets exactly that trace id, so `trace_id` in the logs finds the trace in the backend.
 */

const TRACER = 'cxgenie';
const W3C_TRACE_ID = /^[\da-f]{32}$/;
const random = new RandomIdGenerator();

// Set just before a root span is started (synchronously), read by the id generator below.
let nextRootTraceId: string | undefined;

class PlatformTraceIdGenerator implements IdGenerator {
  generateTraceId(): string {
    const id = nextRootTraceId;
    nextRootTraceId = undefined;
    return id ?? random.generateTraceId();
  }

  generateSpanId(): string {
    return random.generateSpanId();
  }
}

export interface TracingOptions {
  service: string;
  /** Full OTLP/HTTP traces URL (`…/v1/traces`); null: no spans are recorded. */
  endpoint: string | null;
  sampleRatio: number;
}

let active: { provider: BasicTracerProvider; service: string } | undefined;

/**
 * Registers the process's tracer provider. One per process (production runs one service per
 * process); a second service booted in the same process (tests) shares the first's provider.
 */
export function startTracing(options: TracingOptions): () => Promise<void> {
  if (!options.endpoint || active) return async () => {};
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.service,
      'service.namespace': 'cxgenie',
    }),
    idGenerator: new PlatformTraceIdGenerator(),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio) }),
    spanProcessors: [
      new BatchSpanProcessor(new OtlpJsonSpanExporter(options.endpoint), {
        scheduledDelayMillis: 1_000,
      }),
    ],
  });
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  active = { provider, service: options.service };
  return async () => {
    if (active?.provider !== provider) return;
    active = undefined;
    await provider.forceFlush().catch(() => undefined);
    await provider.shutdown().catch(() => undefined);
    trace.disable();
    context.disable();
    propagation.disable();
  };
}

export const tracingEnabled = (): boolean => active !== undefined;

const tracer = () => trace.getTracer(TRACER);

/**
 * Starts a span continuing `traceparent` when it belongs to `traceId`, else a root span whose
 * trace id is `traceId` (when W3C-shaped). Returns the span and the context to run work in.
 */
export function startPlatformSpan(
  name: string,
  kind: SpanKind,
  traceId: string,
  traceparent: string | undefined,
  attributes: Record<string, string | number | boolean> = {},
): { span: Span; context: Context } {
  let parent = context.active();
  if (traceparent && traceparent.split('-')[1] === traceId) {
    parent = propagation.extract(parent, { traceparent });
  } else if (!trace.getSpan(parent) || trace.getSpan(parent)?.spanContext().traceId !== traceId) {
    parent = trace.deleteSpan(parent);
    if (W3C_TRACE_ID.test(traceId)) nextRootTraceId = traceId;
  }
  const span = tracer().startSpan(name, { kind, attributes }, parent);
  nextRootTraceId = undefined;
  return { span, context: trace.setSpan(parent, span) };
}

/** The W3C traceparent of the active span, if one is being recorded. */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier['traceparent'];
}

/** Ends a span with an error status when `error` is set. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : new Error(String(error)));
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
  }
  span.end();
}

/** Runs `work` in a child span of the active one (a client call, an internal step). */
export async function inSpan<T>(
  name: string,
  kind: SpanKind,
  attributes: Record<string, string | number | boolean>,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  if (!active) return work(trace.wrapSpanContext({ traceId: '', spanId: '', traceFlags: 0 }));
  const span = tracer().startSpan(name, { kind, attributes });
  try {
    const result = await context.with(trace.setSpan(context.active(), span), () => work(span));
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}

export { SpanKind };
