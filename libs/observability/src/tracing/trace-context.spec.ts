import {
  currentTraceId,
  outgoingTraceHeaders,
  runWithTraceId,
  traceIdFromHeaders,
} from './trace-context';
import { withTraceId } from './traced-jobs';

describe('trace context', () => {
  it('prefers x-request-id and falls back to traceparent', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(traceIdFromHeaders({ 'x-request-id': 'abc-123' })).toBe('abc-123');
    expect(traceIdFromHeaders({ traceparent: `00-${traceId}-00f067aa0ba902b7-01` })).toBe(traceId);
  });

  it('ignores ids that could inject text into logs, and the all-zero trace id', () => {
    expect(traceIdFromHeaders({ 'x-request-id': 'evil\n{"level":60}' })).toBeUndefined();
    expect(
      traceIdFromHeaders({ traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }),
    ).toBeUndefined();
  });

  it('survives awaits and emits both headers for W3C-shaped ids', async () => {
    const id = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    await runWithTraceId(id, async () => {
      await new Promise((r) => setTimeout(r, 5));
      expect(currentTraceId()).toBe(id);
      const headers = outgoingTraceHeaders();
      expect(headers['x-request-id']).toBe(id);
      expect(headers['traceparent']).toMatch(new RegExp(`^00-${id}-[0-9a-f]{16}-01$`));
    });
    expect(currentTraceId()).toBeUndefined();
  });

  it('stamps job payloads with the current trace id, or a fresh one outside a request', () => {
    expect(runWithTraceId('req-42', () => withTraceId({ text: 'hi' }))).toEqual({
      text: 'hi',
      traceId: 'req-42',
    });
    expect(withTraceId({}).traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
